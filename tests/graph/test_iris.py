"""IRIs are readable, deterministic and safe."""

from hypothesis import given
from hypothesis import strategies as st
from rdflib import URIRef

from gongbao.graph.iris import (
    ID,
    document_graph_iri,
    entity_iri,
    fact_iri,
    key_text,
    meeting_iri,
)


def test_iris_normalise_names_so_padding_does_not_split_a_person():
    assert entity_iri("person", "田 良") == entity_iri("person", "田良")
    assert entity_iri("person", "Ｘ") == entity_iri("person", "X")  # NFKC
    assert entity_iri("person", "田良") != entity_iri("body", "田良")


def test_iris_meeting_key_parts_become_path_segments():
    iri = meeting_iri("某市人民代表大会常务委员会|16|35")
    assert str(iri) == f"{ID}meeting/某市人民代表大会常务委员会/16/35"
    assert str(meeting_iri("某市政府||")).endswith("/某市政府/-/-")


def test_iris_facts_differ_by_span_and_content():
    a = fact_iri("attendance", "a.txt", 1, 4, "x")
    assert a == fact_iri("attendance", "a.txt", 1, 4, "x")
    assert a != fact_iri("attendance", "a.txt", 1, 5, "x")
    assert a != fact_iri("attendance", "a.txt", 1, 4, "y")
    assert str(document_graph_iri("a b.txt")).endswith("/graph/a%20b.txt")


@given(st.text(min_size=1, max_size=20))
def test_iris_never_hold_characters_an_iri_forbids(name):
    iri = str(entity_iri("person", name))
    tail = iri.removeprefix(f"{ID}person/")
    assert not any(c in tail for c in ' <>"{}|\\^`/?#[]') and "\n" not in tail
    assert URIRef(iri)  # rdflib accepts it
    assert key_text(name) == key_text(key_text(name))
