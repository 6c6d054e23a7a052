"""The SPARQL endpoint: a standard client queries it; it refuses updates."""

import urllib.error
import urllib.request

import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from gongbao.graph.query import load_query
from gongbao.graph.serve import running

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def endpoint(examples_build):
    with running(examples_build, port=0, timeout_s=10) as url:
        yield url


def _close_responses(error: BaseException | None) -> None:
    """Close the HTTP responses an error (and the errors behind it) still hold."""
    while error is not None:
        if isinstance(error, urllib.error.HTTPError):
            error.close()
        error = error.__cause__ or error.__context__


def test_serve_select_returns_the_attendance_rows(endpoint):
    client = SPARQLWrapper(f"{endpoint}/query")
    client.setQuery(load_query("attendance"))
    client.setReturnFormat(JSON)
    bindings = client.queryAndConvert()["results"]["bindings"]
    people = {b["person"]["value"] for b in bindings}
    statuses = {b["status"]["value"] for b in bindings}
    assert {"邬岚", "温海宁"} <= people
    assert {"present", "absent"} <= statuses


def _select(endpoint: str, sparql: str) -> list[dict]:
    client = SPARQLWrapper(f"{endpoint}/query")
    client.setQuery(sparql)
    client.setReturnFormat(JSON)
    return client.queryAndConvert()["results"]["bindings"]


def test_serve_default_graph_is_the_union_of_every_named_graph(
    endpoint, examples_build
):
    from gongbao.graph.store import open_build

    [row] = _select(endpoint, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    assert int(row["n"]["value"]) == len(open_build(examples_build))
    one = "<https://w3id.org/gongbao/id/graph/01_qinghu_district_bulletin.txt>"
    [row] = _select(
        endpoint, f"SELECT (COUNT(*) AS ?n) {{ GRAPH {one} {{ ?s ?p ?o }} }}"
    )
    assert 0 < int(row["n"]["value"]) < len(open_build(examples_build))


def test_serve_answers_about_the_ontology(endpoint):
    rows = _select(
        endpoint,
        "PREFIX gb: <https://w3id.org/gongbao/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?l { gb:Person rdfs:label ?l }",
    )
    assert {"人员", "person"} <= {r["l"]["value"] for r in rows}


def test_serve_refuses_updates(endpoint):
    client = SPARQLWrapper(f"{endpoint}/update")
    client.setMethod(POST)
    client.setQuery("INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }")
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as refused:
        client.query()
    _close_responses(refused.value)
    client = SPARQLWrapper(f"{endpoint}/query")
    client.setQuery("ASK { GRAPH <urn:x> { ?s ?p ?o } }")
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["boolean"] is False


def test_serve_views_are_static_pages(endpoint):
    with urllib.request.urlopen(f"{endpoint}/views/index.html") as answer:
        assert answer.status == 200
        assert "text/html" in answer.headers["Content-Type"]
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(f"{endpoint}/views/../store/CURRENT")
    assert err.value.code == 404
    _close_responses(err.value)


def test_serve_stops_cleanly(examples_build):
    with running(examples_build, port=0) as url:
        urllib.request.urlopen(f"{url}/views/index.html").close()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2)
