from pathlib import Path

from gongbao.graph.store import VOCABULARY_GRAPHS, load_nquads, open_store


def test_store_loaded_in_pieces_holds_every_quad(examples_build: Path, tmp_path):
    nquads = examples_build / "graph.nq"
    count = load_nquads(tmp_path / "pieces", nquads, chunk_bytes=4096)
    assert count == len(nquads.read_text(encoding="utf-8").splitlines())
    pieces = set(map(str, open_store(tmp_path / "pieces")))
    built = {
        str(q)
        for q in open_store(examples_build / "store")
        if q.graph_name.value not in VOCABULARY_GRAPHS  # loaded beside graph.nq
    }
    assert pieces == built
