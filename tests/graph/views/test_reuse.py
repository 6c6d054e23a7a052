"""A rebuild redraws only what changed, and gives the pages a fresh build gives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gongbao.graph.build import build
from gongbao.graph.views import QUERIES, _queries, read_rows_by_graph
from gongbao.graph.views import reuse as reuse_module
from gongbao.graph.views.reuse import is_scopable, ordered, read_record, scoped

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _inodes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_ino for p in folder.glob("*.html")}


@pytest.mark.parametrize("forked", [True, False], ids=["linked-aside", "in-line"])
def test_views_rebuild_redraws_only_changed_pages_like_a_fresh_build(
    tmp_path, monkeypatch, forked
):
    # The last pages are linked by a forked process, or here where none may fork.
    monkeypatch.setattr("gongbao.graph.parallel.can_fork", lambda: forked)
    inputs = tmp_path / "in"
    shutil.copytree(EXAMPLES, inputs)
    out = tmp_path / "out"
    build([inputs], out)
    before = _inodes(out / "views")
    changed = inputs / "03_hedong_gazette.txt"
    changed.write_text(changed.read_text("utf-8").replace("房立新", "房立昌"), "utf-8")
    build([inputs], out)
    build([inputs], tmp_path / "fresh", cache=False)
    assert _files(out / "views") == _files(tmp_path / "fresh" / "views")
    after = _inodes(out / "views")
    kept = {name for name, inode in after.items() if before.get(name) == inode}
    redrawn = set(after) - kept
    assert kept and redrawn  # some pages linked from the last build, some drawn
    assert "index.html" in redrawn  # it lists the name, and so does its year's page
    assert any(n.startswith("appointments-") for n in redrawn)
    assert not any("房立新" in text.decode() for text in _files(out / "views").values())
    person = next(
        n for n in redrawn if "<title>房立昌" in (out / "views" / n).read_text()
    )
    assert "免去" in (out / "views" / person).read_text("utf-8")
    assert "meeting" in {name.split("-")[0] for name in kept}  # other documents'
    assert "person" in {name.split("-")[0] for name in kept}
    record = read_record(out / "cache" / reuse_module.RECORD)
    assert record is not None and set(record.rows) == set(QUERIES)

    (inputs / "01_qinghu_district_bulletin.txt").unlink()  # a document removed
    build([inputs], out)
    shutil.rmtree(tmp_path / "fresh")
    build([inputs], tmp_path / "fresh", cache=False)
    assert _files(out / "views") == _files(tmp_path / "fresh" / "views")

    assert (out / "views" / "appointments-undated.html").is_file()
    (inputs / "03_hedong_gazette.txt").unlink()  # its year's decisions go with it
    build([inputs], out)
    assert not (out / "views" / "appointments-undated.html").exists()
    assert (
        "appointments-undated.html"
        not in read_record(out / "cache" / reuse_module.RECORD).pages
    )
    shutil.rmtree(tmp_path / "fresh")
    build([inputs], tmp_path / "fresh", cache=False)
    assert _files(out / "views") == _files(tmp_path / "fresh" / "views")


def test_views_rebuild_queries_only_the_changed_graph(tmp_path, monkeypatch):
    inputs = tmp_path / "in"
    shutil.copytree(EXAMPLES, inputs)
    out = tmp_path / "out"
    build([inputs], out)
    build([inputs], out)  # nothing changed: the views and their record are kept
    changed = inputs / "02_mingchuan_city_bulletin.txt"
    changed.write_text(changed.read_text("utf-8") + "\n免去苗振东的职务。\n", "utf-8")
    asked = []
    real = reuse_module.scoped

    def spy(sparql, graph=None):
        asked.append(graph)
        return real(sparql, graph)

    monkeypatch.setattr("gongbao.graph.views.scoped", spy)
    build([inputs], out)
    assert len(asked) == len(QUERIES)
    assert {g.rsplit("/", 1)[-1] for g in asked} == {changed.name}


def test_views_queries_read_one_graph_at_a_time(corpus_build):
    """Each view query's rows are the union of its rows graph by graph: no query
    joins facts across graphs (else a rebuild could not keep a graph's rows)."""
    from gongbao.graph.store import open_store

    store = open_store(corpus_build / "store")
    whole = read_rows_by_graph(store)
    graphs = sorted({g for by_graph in whole.values() for g in by_graph})
    assert len(graphs) >= 5
    one_by_one = read_rows_by_graph(store, graphs)
    some = graphs[1:3]
    filtered = read_rows_by_graph(store, some, one_by_one=False)
    for name, sparql in _queries().items():
        assert is_scopable(sparql), name

        def flat(by_graph, sparql=sparql):
            # Rows in the views' total order (rows that tie in the query's own
            # ORDER BY may come in either order from two plans).
            rows = [r for g in sorted(by_graph) for r in by_graph[g]]
            return [json.dumps(r, sort_keys=True) for r in ordered(rows, sparql)]

        assert flat(one_by_one[name]) == flat(whole[name]), name
        assert sorted(filtered[name]) == [g for g in some if g in one_by_one[name]]
        for g in filtered[name]:
            assert flat({g: filtered[name][g]}) == flat({g: one_by_one[name][g]})


@pytest.mark.parametrize(
    ("sparql", "scopable"),
    [
        ("SELECT ?a WHERE { GRAPH ?g { ?a ?b ?c } }", True),
        ("# GRAPH <x>\nSELECT ?a WHERE { GRAPH ?g { ?a ?b ?c } }", True),
        ("SELECT ?a WHERE { GRAPH ?g { ?a ?b ?c } ?c ?d ?e }", True),  # see below
        ("SELECT ?a WHERE { GRAPH ?h { ?a ?b ?c } }", False),
        ("SELECT ?a WHERE { ?a ?b ?c }", False),
    ],
)
def test_views_scopable_queries_have_only_graph_g_blocks(sparql, scopable):
    # Patterns outside any GRAPH block are not looked for: the test above, on
    # the real queries, is what shows each reads one graph at a time.
    assert is_scopable(sparql) is scopable


def test_views_scoped_query_names_the_graph_or_answers_it():
    sparql = "SELECT DISTINCT ?a WHERE { { SELECT ?g WHERE { GRAPH ?g {?a ?b ?c} } } }"
    assert scoped(sparql).startswith("SELECT DISTINCT ?g ?a")
    assert scoped("SELECT ?g ?a WHERE { GRAPH ?g {?a ?b ?c} }").count("?g") == 2
    assert "GRAPH <urn:x> {" in scoped(sparql, "urn:x")
    assert "GRAPH ?g" not in scoped(sparql, "urn:x")


@pytest.mark.parametrize(
    "text", ["{", "[]", '{"code": 1}', '{"code": "x", "rows": [], "graphs": {}}']
)
def test_views_a_broken_record_is_not_used(tmp_path, text):
    (tmp_path / "views.sqlite").write_text(text, encoding="utf-8")
    assert read_record(tmp_path / "views.sqlite") is None
