"""Loading queries by file, name or text; rendering answers."""

import json

import pyoxigraph
import pytest

from gongbao.errors import GongbaoError
from gongbao.graph.query import (
    QUERIES,
    QueryResult,
    available_queries,
    format_result,
    load_query,
    run_query,
)


def _store() -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    g = pyoxigraph.NamedNode("https://example.org/g")
    name = pyoxigraph.NamedNode("https://schema.org/name")
    for i, person in enumerate(["邬岚", "覃文博"]):
        s = pyoxigraph.NamedNode(f"https://example.org/p{i}")
        store.add(pyoxigraph.Quad(s, name, pyoxigraph.Literal(person), g))
    return store


def test_query_every_competency_query_is_bundled():
    assert set(QUERIES) <= set(available_queries())


def test_query_load_by_name_path_or_text(tmp_path):
    by_name = load_query("attendance")
    assert by_name == available_queries()["attendance"].read_text("utf-8")
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    assert load_query(str(rq)).startswith("SELECT")
    assert load_query("ASK { ?s ?p ?o }") == "ASK { ?s ?p ?o }"
    with pytest.raises(GongbaoError, match="bundled"):
        load_query("no_such_query")


def test_query_run_select_ask_and_syntax_error():
    store = _store()
    result = run_query(store, "SELECT ?n WHERE { GRAPH ?g { ?s ?p ?n } } ORDER BY ?n")
    assert result.columns == ["n"]
    assert [r["n"] for r in result.rows] == sorted(["邬岚", "覃文博"])
    assert run_query(store, "ASK { GRAPH ?g { ?s ?p '邬岚' } }").rows == [
        {"answer": "true"}
    ]
    with pytest.raises(GongbaoError, match="syntax"):
        run_query(store, "SELECT WHERE {")


def test_query_formats_align_cjk_and_keep_unbound_empty():
    result = QueryResult(["name", "role"], [{"name": "邬岚", "role": None}])
    table = format_result(result, "table").splitlines()
    assert table[0].index("role") == 6  # 邬岚 is four columns wide, then two spaces
    assert format_result(result, "csv") == "name,role\n邬岚,"
    assert json.loads(format_result(result, "json")) == [{"name": "邬岚", "role": None}]
    with pytest.raises(GongbaoError):
        format_result(result, "xml")
