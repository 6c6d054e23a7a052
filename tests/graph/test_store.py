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


def test_store_reused_replaces_changed_graphs_and_leaves_the_old_store(
    examples_build: Path, tmp_path, monkeypatch
):
    from gongbao.graph import incremental
    from gongbao.graph.incremental import (
        GraphDigests,
        Outputs,
        file_digests,
        reuse_store,
    )
    from gongbao.graph.nqfile import graph_of

    old_store = tmp_path / "old"
    load_nquads(old_store, examples_build / "graph.nq")
    before = set(map(str, open_store(old_store)))
    # The new graph.nq: the first graph without its last line, the rest as is.
    lines = (examples_build / "graph.nq").read_bytes().splitlines(keepends=True)
    first = [line for line in lines if line.endswith(lines[0].rsplit(b" <", 1)[1])]
    new_lines = [line for line in lines if line != first[-1]]
    nquads = tmp_path / "graph.nq"
    nquads.write_bytes(b"".join(new_lines))
    digests = GraphDigests()
    digests.update(nquads.read_bytes())
    old = file_digests(examples_build / "graph.nq")
    olds = Outputs(old.hexdigest(), digests=old.graphs())
    news = Outputs(digests.hexdigest(), digests=digests.graphs())
    assert len(set(olds.digests.items()) - set(news.digests.items())) == 1

    new_store = tmp_path / "new"
    # One graph of three, but more than half of the file: loaded whole.
    monkeypatch.setattr(incremental, "_MAX_CHANGED", 0.4)
    spans = digests.spans()
    assert sum(e - s for s, e in spans[graph_of(first[0])]) > 0.4 * len(
        nquads.read_bytes()
    )
    assert (
        reuse_store(old_store, new_store, olds, news, nquads=nquads, spans=spans)
        is None
    )
    monkeypatch.setattr(incremental, "_MAX_CHANGED", 1.0)
    assert reuse_store(
        old_store, new_store, olds, news, nquads=nquads, spans=digests.spans()
    )
    assert set(map(str, open_store(new_store))) == set(
        map(str, open_store(_loaded(tmp_path / "fresh", nquads)))
    )
    assert set(map(str, open_store(old_store))) == before  # never written to


def _loaded(store: Path, nquads: Path) -> Path:
    load_nquads(store, nquads)
    return store


def test_store_loaded_on_two_threads_holds_what_one_loads(examples_build, tmp_path):
    nquads = examples_build / "graph.nq"
    one = load_nquads(tmp_path / "one", nquads, chunk_bytes=8192)
    two = load_nquads(tmp_path / "two", nquads, chunk_bytes=8192, threads=2)
    assert one == two > 100
    assert set(map(str, open_store(tmp_path / "one"))) == set(
        map(str, open_store(tmp_path / "two"))
    )


def test_opened_folder_is_closed_on_release_and_a_given_store_kept(
    examples_build: Path,
):
    from gongbao.graph.store import Opened

    folder = examples_build / "store"
    held = Opened(folder)
    quads = len(held.store)
    assert quads > 0 and held.store is held.store  # opened once
    held.release()
    assert held._store is None  # closed: nothing holds it
    assert len(held.store) == quads  # opened again when asked
    mine = open_store(folder)
    given = Opened(mine)
    given.release()
    assert given.store is mine  # the caller's store is never closed here
