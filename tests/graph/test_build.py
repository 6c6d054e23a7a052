import gc
import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from gongbao.errors import GongbaoError, InputError
from gongbao.graph import build as build_module
from gongbao.graph import incremental, stats
from gongbao.graph.build import build
from gongbao.graph.store import VOCABULARY_GRAPHS, open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _copy_examples(dest: Path) -> Path:
    shutil.copytree(EXAMPLES, dest)
    return dest


def _edit(path: Path) -> None:
    """Change a bulletin: a removal from office appended."""
    path.write_text(path.read_text("utf-8") + "\n免去庄明德的职务。\n", "utf-8")


def _built_then_edited(tmp_path: Path, name: str) -> tuple[Path, Path]:
    """The examples' inputs and output, built without views, then one file edited."""
    inputs = _copy_examples(tmp_path / "in")
    out = tmp_path / "out"
    build([inputs], out, views=False)
    _edit(inputs / name)
    return inputs, out


def test_build_writes_one_named_graph_per_document(examples_build: Path):
    lines = (examples_build / "graph.nq").read_text(encoding="utf-8").splitlines()
    graphs = {line.rsplit(" ", 2)[-2] for line in lines}
    assert len(graphs) == len(list(EXAMPLES.glob("*.txt")))
    assert (examples_build / "store").is_dir()
    assert (examples_build / "views" / "index.html").is_file()
    manifest = json.loads((examples_build / "manifest.json").read_text("utf-8"))
    assert manifest["documents"] == len(graphs) and manifest["failed"] == []


def test_build_skips_bad_files_and_builds_the_rest(tmp_path: Path):
    inputs = _copy_examples(tmp_path / "in")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(b"\x00\xff\x00" * 100)
    gbk = (EXAMPLES / "03_hedong_gazette.txt").read_text("utf-8")
    (inputs / "gbk.txt").write_bytes(gbk.encode("gb18030"))
    errors = []
    summary = build(
        [inputs],
        tmp_path / "out",
        views=False,
        on_error=lambda f, m: errors.append((Path(f).name, m)),
    )
    assert sorted(name for name, _ in errors) == ["binary.txt", "empty.txt"]
    assert all("\n" not in message for _, message in errors)
    assert summary.documents == len(list(EXAMPLES.glob("*.txt"))) + 1
    nq = (tmp_path / "out" / "graph.nq").read_text("utf-8")
    assert "gbk.txt" in nq


def test_build_failure_keeps_the_previous_output(tmp_path: Path):
    out = tmp_path / "out"
    build([EXAMPLES], out, views=False)
    before = (out / "graph.nq").read_bytes()
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "empty.txt").write_bytes(b"")
    with pytest.raises(InputError, match="no document could be built"):
        build([tmp_path / "bad"], out, views=False)
    assert (out / "graph.nq").read_bytes() == before
    assert not [
        p
        for p in tmp_path.iterdir()
        if p.name.startswith(".out.") and p.suffix != ".lock"
    ]


def test_build_refuses_to_replace_a_folder_it_did_not_make(tmp_path: Path):
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.tex").write_text("keep me", encoding="utf-8")
    with pytest.raises(Exception, match="not a gongbao build"):
        build([EXAMPLES], out, views=False)
    assert (out / "thesis.tex").read_text(encoding="utf-8") == "keep me"


def test_build_rebuilds_only_changed_documents(tmp_path: Path):
    inputs = _copy_examples(tmp_path / "in")
    out = tmp_path / "out"
    first = build([inputs], out, views=False)
    again = build([inputs], out, views=False)
    assert again.reused == first.documents
    assert (out / "graph.nq").read_bytes() == _nq_after(first, out)
    changed = inputs / "03_hedong_gazette.txt"
    _edit(changed)
    third = build([inputs], out, views=False)
    assert third.reused == first.documents - 1


def _refuse(*args, **kwargs):
    raise AssertionError("redone although nothing it shows changed")


def test_build_unchanged_rebuild_keeps_store_and_views(tmp_path: Path, monkeypatch):
    inputs = _copy_examples(tmp_path / "in")
    out = tmp_path / "out"
    first = build([inputs], out)
    pages = sorted(p.name for p in (out / "views").rglob("*.html"))
    stored = len(open_store(out / "store"))  # the documents, ontology and shapes
    monkeypatch.setattr(build_module, "_load_store", _refuse)
    monkeypatch.setattr(build_module, "_write_views", _refuse)
    again = build([inputs], out)
    assert again.views == first.views > 0
    assert sorted(p.name for p in (out / "views").rglob("*.html")) == pages
    assert len(open_store(out / "store")) == stored


def test_build_unchanged_files_are_not_opened(tmp_path: Path, monkeypatch):
    inputs = _copy_examples(tmp_path / "in")
    (inputs / "empty.txt").write_bytes(b"")  # fails: read again, reported again
    out = tmp_path / "out"
    first = build([inputs], out, views=False, on_error=lambda f, m: None)
    before = (out / "graph.nq").read_bytes()
    opened = []
    read = build_module._file_sources

    def spy(path, *args):
        opened.append(Path(path).name)
        return read(path, *args)

    monkeypatch.setattr(build_module, "_file_sources", spy)
    errors = []
    again = build([inputs], out, views=False, on_error=lambda f, m: errors.append(f))
    assert opened == ["empty.txt"] and [Path(f).name for f in errors] == opened
    assert (out / "graph.nq").read_bytes() == before
    assert (again.documents, again.quads) == (first.documents, first.quads)
    assert again.facts == first.facts and again.reused == first.documents

    (inputs / "empty.txt").unlink()
    opened.clear()
    monkeypatch.setattr(build_module, "_plan_graph", _refuse)
    still = build([inputs], out, views=False)  # nothing to read: all linked
    assert opened == [] and (out / "graph.nq").read_bytes() == before
    assert still.entities == first.entities

    monkeypatch.undo()
    changed = inputs / "03_hedong_gazette.txt"
    _edit(changed)
    monkeypatch.setattr(build_module, "_file_sources", spy)
    build([inputs], out, views=False)
    assert opened == ["03_hedong_gazette.txt"]
    assert "庄明德" in (out / "graph.nq").read_text("utf-8")


def test_build_touched_inputs_keep_the_last_graph_file(tmp_path: Path, monkeypatch):
    inputs = _copy_examples(tmp_path / "in")
    out = tmp_path / "out"
    build([inputs], out, views=False)
    first = (out / "graph.nq").stat()
    for path in inputs.glob("*.txt"):  # read again, every one the same
        path.write_bytes(path.read_bytes())
    monkeypatch.setattr(build_module.Spliced, "write", _refuse)
    again = build([inputs], out, views=False)
    assert again.reused == again.documents > 0
    assert (out / "graph.nq").stat().st_ino == first.st_ino  # linked, not rewritten

    monkeypatch.undo()
    with (out / "graph.nq").open("ab") as edited:  # changed by hand: not taken
        edited.write(b"\n")
    for path in inputs.glob("*.txt"):
        path.write_bytes(path.read_bytes())
    build([inputs], out, views=False)
    assert (out / "graph.nq").stat().st_ino != first.st_ino
    assert (out / "graph.nq").read_bytes().endswith(b" .\n")


def test_build_copies_unchanged_documents_from_the_last_graph_file(
    tmp_path: Path, monkeypatch
):
    inputs, out = _built_then_edited(tmp_path, "02_mingchuan_city_bulletin.txt")
    plans = []
    plan = build_module._plan_graph

    def spy(*args):
        found = plan(*args)
        plans.append(found[1])
        return found

    monkeypatch.setattr(build_module, "_plan_graph", spy)
    build([inputs], out, views=False)
    parts = [(Path(path), start, end) for path, start, end in plans[0]._parts]
    from_last = [part for part in parts if part[0] == out / "graph.nq"]
    from_cache = [part for part in parts if part[0].parent.name == "cache"]
    assert len(from_last) == 2  # the documents before the changed one, and after
    assert len(from_cache) <= 1  # the changed one, unless a merge rewrote it
    assert all(start < end for _, start, end in parts)
    fresh = tmp_path / "fresh"
    build([inputs], fresh, views=False, cache=False)
    assert (out / "graph.nq").read_bytes() == (fresh / "graph.nq").read_bytes()


def test_build_collects_garbage_less_often_and_only_while_it_runs(
    tmp_path: Path, monkeypatch
):
    seen = []
    plan = build_module._plan_graph

    def spy(*args):
        seen.append(gc.get_threshold())
        return plan(*args)

    monkeypatch.setattr(build_module, "_plan_graph", spy)
    before = gc.get_threshold()
    build([EXAMPLES], tmp_path / "out", views=False)
    assert seen[0][0] >= build_module.GC_THRESHOLD > before[0]
    assert seen[0][1:] == before[1:] and gc.get_threshold() == before
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "empty.txt").write_bytes(b"")
    with pytest.raises(InputError):
        build([tmp_path / "bad"], tmp_path / "out", views=False)
    assert gc.get_threshold() == before


def test_build_unchanged_inputs_follow_the_views_option(tmp_path: Path, monkeypatch):
    inputs = _copy_examples(tmp_path / "in")
    out = tmp_path / "out"
    first = build([inputs], out)
    before = (out / "graph.nq").read_bytes()
    with monkeypatch.context() as patched:
        patched.setattr(build_module, "_plan_graph", _refuse)
        patched.setattr(build_module, "_load_store", _refuse)
        plain = build([inputs], out, views=False)  # linked, without the views
    assert not (out / "views").exists() and plain.views == 0
    assert (out / "graph.nq").read_bytes() == before
    assert plain.documents == first.documents and plain.facts == first.facts
    again = build([inputs], out)  # views asked for again: drawn again
    assert again.views == first.views and (out / "views" / "index.html").is_file()
    assert (out / "graph.nq").read_bytes() == before


def _document_quads(store_dir: Path) -> set[str]:
    """The store's quads outside the ontology and shapes graphs (those hold blank
    nodes, whose labels differ from one load to the next)."""
    return {
        str(q)
        for q in open_store(store_dir)
        if q.graph_name.value not in VOCABULARY_GRAPHS
    }


def test_build_changed_files_replace_only_their_graphs(tmp_path: Path, monkeypatch):
    inputs, out = _built_then_edited(tmp_path, "03_hedong_gazette.txt")
    (inputs / "01_qinghu_district_bulletin.txt").unlink()
    monkeypatch.setattr(incremental, "_MAX_CHANGED", 1.0)
    with monkeypatch.context() as patched:
        patched.setattr(build_module, "_load_store", _refuse)
        patched.setattr(stats, "graph_counts", _refuse)  # counted by difference
        again = build([inputs], out, views=False)
    fresh_build = build([inputs], tmp_path / "fresh", views=False, cache=False)
    kept = _document_quads(out / "store")
    fresh = _document_quads(tmp_path / "fresh" / "store")
    assert kept == fresh and any("庄明德" in quad for quad in kept)
    assert not any("01_qinghu" in quad for quad in kept)
    counted = ("quads", "entities", "facts")
    assert [getattr(again, c) for c in counted] == [
        getattr(fresh_build, c) for c in counted
    ]
    recorded = [  # documents too, as the index page shows them
        incremental.read_outputs(folder / "cache").counts
        for folder in (out, tmp_path / "fresh")
    ]
    assert recorded[0] == recorded[1] and recorded[0]["documents"] == 2


def _nq_after(summary, out: Path) -> bytes:
    return (out / "graph.nq").read_bytes()


def test_build_is_deterministic(tmp_path: Path):
    build([EXAMPLES], tmp_path / "a", views=False, cache=False)
    build([EXAMPLES], tmp_path / "b", views=False, cache=False)
    assert (tmp_path / "a" / "graph.nq").read_bytes() == (
        tmp_path / "b" / "graph.nq"
    ).read_bytes()
    a, b = _graphs(tmp_path / "a"), _graphs(tmp_path / "b")
    assert len(a) == 3 and set(a) == set(b)
    for name in a:
        assert len(a[name]) > 10 and isomorphic(a[name], b[name])
        iris = {t for triple in a[name] for t in triple if isinstance(t, URIRef)}
        assert iris == {
            t for triple in b[name] for t in triple if isinstance(t, URIRef)
        }


def test_build_jobs_2_gives_the_graph_of_jobs_1(tmp_path: Path):
    inputs = _copy_examples(tmp_path / "in")
    (inputs / "empty.txt").write_bytes(b"")
    failed: dict[int, list[str]] = {1: [], 2: []}
    for jobs in (1, 2):
        summary = build(
            [inputs],
            tmp_path / f"out{jobs}",
            views=False,
            cache=False,
            jobs=jobs,
            on_error=lambda f, m, jobs=jobs: failed[jobs].append(Path(f).name),
        )
        assert summary.documents == 3
    assert failed[1] == failed[2] == ["empty.txt"]
    first = (tmp_path / "out1" / "graph.nq").read_bytes()
    assert (tmp_path / "out2" / "graph.nq").read_bytes() == first
    again = build([inputs], tmp_path / "out2", views=False, jobs=2)
    assert again.reused == 3
    assert (tmp_path / "out2" / "graph.nq").read_bytes() == first


def test_build_jobs_below_one_is_refused(tmp_path: Path):
    with pytest.raises(GongbaoError, match="--jobs must be 1 or more"):
        build([EXAMPLES], tmp_path / "out", views=False, jobs=0)


def _graphs(out: Path) -> dict[str, Graph]:
    """The named graphs of a build's graph.nq, each parsed on its own."""
    lines: dict[str, list[str]] = {}
    for line in (out / "graph.nq").read_text("utf-8").splitlines():
        triple, graph = line[:-2].rsplit(" ", 1)
        lines.setdefault(graph, []).append(triple + " .")
    return {
        name: Graph().parse(data="\n".join(rows), format="nt")
        for name, rows in lines.items()
    }


def test_build_real_corpus_counts_facts(corpus_build: Path):
    manifest = json.loads((corpus_build / "manifest.json").read_text("utf-8"))
    assert manifest["documents"] == 5 and not manifest["failed"]
    for kind in ("attendance", "report", "appointment", "citation"):
        assert manifest["facts"].get(kind, 0) > 0, kind


def test_build_summary_stats_and_index_count_alike(examples_build: Path):
    """One source of counts: distinct entities across the corpus, facts by kind."""
    import re

    from gongbao.graph.stats import graph_counts, graph_stats
    from gongbao.graph.store import open_build

    counts = graph_counts(open_build(examples_build))
    manifest = json.loads((examples_build / "manifest.json").read_text("utf-8"))
    assert manifest["entities"] == counts.entities
    assert manifest["facts"] == counts.facts
    assert manifest["quads"] == counts.quads
    stats = graph_stats(examples_build)
    assert re.search(rf"person\s+{counts.entities['person']}\n", stats)
    index = (examples_build / "views" / "index.html").read_text("utf-8")
    for label, n in (
        ("人员 people", counts.entities["person"]),
        ("法规 laws", counts.entities["law"]),
        ("会议 meetings (recorded)", counts.entities["meeting"]),
        ("法规引用 law citations", counts.facts["citation"]),
    ):
        assert f"{label}</th><td>{n}</td>" in index, label
    # A person named in several documents is counted once.
    people = {r["person"] for r in _rows(examples_build, "attendance")}
    people |= {r["person"] for r in _rows(examples_build, "appointments")}
    people |= {r["reporter"] for r in _rows(examples_build, "reports") if r["reporter"]}
    people |= {r["chair"] for r in _rows(examples_build, "meetings") if r["chair"]}
    assert counts.entities["person"] == len(people)


def _rows(out: Path, name: str) -> list[dict]:
    from gongbao.graph.query import load_query, run_query
    from gongbao.graph.store import open_build

    return run_query(open_build(out), load_query(name)).rows


def _mixed_folder(folder: Path) -> Path:
    """A folder of every kind gongbao reads, and some it does not."""
    import csv

    from tests.extract.pages_fixture import LINES, TEXT, html_page, pdf_bytes

    folder.mkdir()
    other = TEXT.replace("第三次", "第四次").replace("2024年5月8日", "2024年6月12日")
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.md").write_text("# 青湖区\n\n" + other, encoding="utf-8")
    (folder / "c.html").write_bytes(html_page("gb18030", meta_charset="gbk"))
    (folder / "d.pdf").write_bytes(pdf_bytes([list(LINES[:3]), list(LINES[3:])]))
    with (folder / "scrape.csv").open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["url", "正文"])
        writer.writerows(
            [["http://e.cn/2024-05/09/1.htm", TEXT], ["http://e.cn/2", ""]]
        )
    (folder / "sources.tsv").write_text(
        "file\turl\tpublished\nc.html\thttps://qinghu.example.cn/rd/3.html\t"
        "2024-05-09\n",
        encoding="utf-8",
    )
    (folder / "minutes.docx").write_bytes(b"PK\x03\x04 not read")
    (folder / ".notes.txt").write_text(TEXT, encoding="utf-8")
    return folder


def test_build_mixed_folder_into_one_graph_listing_what_it_skipped(tmp_path: Path):
    inputs = _mixed_folder(tmp_path / "in")
    errors, skips = [], []
    summary = build(
        [inputs],
        tmp_path / "out",
        views=False,
        on_error=lambda f, m: errors.append((Path(f).name, m)),
        on_skip=lambda f, r: skips.append((Path(f).name, r)),
    )
    assert summary.documents == 5  # a.txt b.md c.html d.pdf scrape.csv#1
    assert [name for name, _ in errors] == ["scrape.csv#2"]
    assert sorted(name for name, _ in skips) == [".notes.txt", "minutes.docx"]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text("utf-8"))
    assert sorted(Path(s["file"]).name for s in manifest["skipped"]) == [
        ".notes.txt",
        "minutes.docx",
    ]
    assert [Path(f["file"]).name for f in manifest["failed"]] == ["scrape.csv#2"]
    graphs = _graphs(tmp_path / "out")
    assert len(graphs) == 5
    assert any(name.endswith("scrape.csv%231>") for name in graphs)
    nq = (tmp_path / "out" / "graph.nq").read_text("utf-8")
    assert "<https://qinghu.example.cn/rd/3.html>" in nq
    assert '"application/pdf"' in nq and '"text/html"' in nq
    assert "<https://w3id.org/gongbao/ontology#page>" in nq  # the PDF's evidence
    from gongbao.graph.validate import validate_dir

    result = validate_dir(tmp_path / "out")
    assert result.conforms, result.text


def test_build_cache_follows_the_crawler_record(tmp_path: Path):
    inputs = _mixed_folder(tmp_path / "in")
    out = tmp_path / "out"
    first = build([inputs], out, views=False)
    (inputs / "sources.tsv").write_text(
        "file\turl\nc.html\thttps://qinghu.example.cn/rd/4.html\n", encoding="utf-8"
    )
    again = build([inputs], out, views=False)
    assert again.reused == first.documents - 1
    assert "rd/4.html" in (out / "graph.nq").read_text("utf-8")


def test_build_a_broken_sources_tsv_is_named_in_the_failure(tmp_path: Path):
    from tests.extract.pages_fixture import TEXT

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "b.html").write_text(f"<p>{TEXT}</p>", encoding="utf-8")
    (tmp_path / "in" / "sources.tsv").write_text("url\nhttp://e.cn/1\n", "utf-8")
    errors = []
    with pytest.raises(InputError, match="no document could be built"):
        build(
            [tmp_path / "in"],
            tmp_path / "out",
            views=False,
            on_error=lambda f, m: errors.append((Path(f).name, m)),
        )
    assert [name for name, _ in errors] == ["a.txt", "b.html"]
    assert all("sources.tsv: has no `file` column" in m for _, m in errors)


def test_build_speed_counts_only_documents_extracted(tmp_path: Path):
    from gongbao.graph.build import BuildSummary

    first = build([EXAMPLES], tmp_path / "out", views=False)
    assert first.extracted_chars == first.chars > 0
    again = build([EXAMPLES], tmp_path / "out", views=False)
    assert again.reused == again.documents == 3
    assert again.extracted_chars == 0 and again.chars_per_second is None
    timed = BuildSummary(out=tmp_path, extracted_chars=50_000, extract_seconds=2.0)
    assert timed.chars_per_second == 25_000
    assert (
        BuildSummary(
            out=tmp_path, extracted_chars=900, extract_seconds=0.1
        ).chars_per_second
        is None
    )


def test_build_copies_cached_documents_without_copy_file_range(
    tmp_path: Path, monkeypatch
):
    inputs = _copy_examples(tmp_path / "in")
    first = build([inputs], tmp_path / "out", views=False)
    before = (tmp_path / "out" / "graph.nq").read_bytes()

    def unsupported(*args):
        raise OSError(95, "Operation not supported")

    monkeypatch.setattr(build_module.os, "copy_file_range", unsupported)
    changed = inputs / "03_hedong_gazette.txt"
    _edit(changed)
    again = build([inputs], tmp_path / "out", views=False)
    fresh = build([inputs], tmp_path / "fresh", views=False, cache=False)
    after = (tmp_path / "out" / "graph.nq").read_bytes()
    assert again.reused == first.documents - 1 and after != before
    assert after == (tmp_path / "fresh" / "graph.nq").read_bytes()
    assert again.quads == fresh.quads


def test_build_rebuild_that_cannot_write_graph_nq_keeps_the_last_build(
    tmp_path: Path, monkeypatch
):
    # On a rebuild graph.nq is written by a forked process beside the store
    # and views; its error fails the build, which leaves the last one whole.
    from gongbao.graph.nqfile import Spliced

    inputs = _copy_examples(tmp_path / "in")
    out = tmp_path / "out"
    build([inputs], out, views=False)
    before = (out / "graph.nq").read_bytes()
    changed = inputs / "03_hedong_gazette.txt"
    _edit(changed)

    def full(self, target):
        raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr(Spliced, "write", full)
    with pytest.raises(OSError, match="No space left"):
        build([inputs], out, views=False)
    assert (out / "graph.nq").read_bytes() == before
    assert not [
        p
        for p in tmp_path.iterdir()
        if p.name.startswith(".out.") and p.suffix != ".lock"
    ]
    monkeypatch.undo()
    build([inputs], out, views=False)
    assert "庄明德" in (out / "graph.nq").read_text("utf-8")
    assert not (out / build_module.RESOLVED).exists()


def test_build_leaves_a_large_last_build_to_the_detached_deletion(
    tmp_path: Path, monkeypatch
):
    import time

    from gongbao.graph import outdir

    inputs, out = _built_then_edited(tmp_path, "03_hedong_gazette.txt")
    monkeypatch.setattr(build_module, "DETACHED_DELETE_FILES", 0)  # "large"
    monkeypatch.setattr(outdir, "can_fork", lambda: True)
    removed, rmtree = [], shutil.rmtree
    monkeypatch.setattr(
        shutil,
        "rmtree",
        lambda path, **kw: removed.append(Path(path)) or rmtree(path, **kw),
    )
    build([inputs], out, views=False)
    assert "庄明德" in (out / "graph.nq").read_text("utf-8")
    assert not any(p.name.startswith(".out.") for p in removed)  # not here
    for _ in range(100):  # but by the process of its own
        if not [p for p in tmp_path.iterdir() if p.name.startswith(".out.b")]:
            break
        time.sleep(0.05)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.b")]
