"""The Python API: gongbao.build, gongbao.open, kg.query/facts/person/to_networkx."""

import pandas as pd
import pytest

import gongbao
from gongbao.graph.query import load_query, run_query

from ..conftest import EXAMPLES


@pytest.fixture(scope="module")
def kg(examples_build):
    return gongbao.open(examples_build)


def test_api_build_takes_a_folder_or_a_list_and_returns_the_summary(tmp_path):
    files = sorted(EXAMPLES.glob("*.txt"))[:1]
    summary = gongbao.build(files[0], tmp_path / "one", views=False)
    assert summary.documents == 1 and not summary.failed
    summary = gongbao.build([str(f) for f in files], tmp_path / "list", views=False)
    assert summary.documents == 1
    assert gongbao.open(tmp_path / "list").counts.documents == 1


def test_api_open_refuses_a_folder_that_is_not_a_build(tmp_path):
    with pytest.raises(gongbao.InputError, match="not a built graph"):
        gongbao.open(tmp_path)


def test_api_query_by_name_is_the_competency_table_typed(kg, examples_build):
    frame = kg.query("attendance")
    rows = run_query(kg.store, load_query("attendance")).rows
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(rows[0])
    assert len(frame) == len(rows)
    assert str(frame["start"].dtype) == "Int64"
    assert str(frame["date"].dtype).startswith("datetime64")
    assert {"邬岚", "温海宁"} <= set(frame["person"])


def test_api_query_sparql_sees_the_union_and_the_ontology(kg):
    labels = kg.query("SELECT ?l { gb:Person rdfs:label ?l }")
    assert {"person", "人员"} <= set(labels["l"])
    count = kg.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    assert count.loc[0, "n"] == len(kg.store)
    one = kg.query(
        "SELECT (COUNT(*) AS ?n) { GRAPH <https://w3id.org/gongbao/id/graph/"
        "01_qinghu_district_bulletin.txt> { ?s ?p ?o } }"
    )
    assert 0 < one.loc[0, "n"] < len(kg.store)
    assert kg.query("ASK { ?p a gb:Person }").loc[0, "answer"]


def test_api_query_reports_bad_sparql_in_one_line(kg):
    with pytest.raises(gongbao.GongbaoError, match="SPARQL syntax error"):
        kg.query("SELECT ?x { ?x ")


def test_api_facts_have_alike_columns_for_every_kind(kg):
    every = kg.facts()
    assert set(every["kind"]) == set(gongbao.FACT_KINDS)
    assert len(every) == sum(kg.counts.facts.values())
    for kind in gongbao.FACT_KINDS:
        one = kg.facts(kind)
        assert list(one.columns) == list(every.columns)
        assert set(one["kind"]) == {kind}
    # one property per role: a report's reporter is its person, its meeting dated
    reports = kg.facts("report")
    assert reports["person"].notna().any() and reports["date"].notna().any()
    attendance = kg.facts("attendance")
    assert set(attendance["status"]) <= {"present", "absent", "leave", "nonvoting"}
    with pytest.raises(gongbao.GongbaoError, match="known: meeting, attendance"):
        kg.facts("attendances")


def test_api_person_is_every_fact_about_one_person_by_date(kg):
    career = kg.person("罗清源")
    assert set(career["person"]) == {"罗清源"}
    assert {"attendance", "chairing"} <= set(career["kind"])
    assert list(kg.person("溫海寧")["person"].unique()) == ["温海宁"]  # one script
    dates = career["date"].dropna()
    assert list(dates) == sorted(dates)
    with pytest.raises(gongbao.GongbaoError, match="no such person"):
        kg.person("没有此人")


def test_api_to_networkx_facts_are_edges_with_provenance(kg, examples_build):
    graph = kg.to_networkx()
    kinds = {data["kind"] for _, data in graph.nodes(data=True)}
    assert {"person", "body", "meeting", "law"} <= kinds
    text = {p.name: p.read_text("utf-8") for p in EXAMPLES.glob("*.txt")}
    edges = list(graph.edges(keys=True, data=True))
    assert {k for _, _, k, _ in edges} >= {"attendance", "appointment", "citation"}
    for *_, data in edges:
        assert data["quote"] == text[data["source"]][data["start"] : data["end"]]
    attended = [(a, b) for a, b, k, _ in edges if k == "attendance"]
    assert all(graph.nodes[a]["kind"] == "person" for a, _ in attended)
    assert all(graph.nodes[b]["kind"] == "meeting" for _, b in attended)
    only = kg.to_networkx(kinds=["appointment"])
    assert {k for _, _, k in only.edges(keys=True)} == {"appointment"}
