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
