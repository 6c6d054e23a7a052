"""SHACL: each shape accepts a valid graph and rejects a broken one."""

import pytest
from rdflib import Graph

from gongbao.graph.assemble import document_graph
from gongbao.graph.validate import validate_graph
from tests.graph.facts_fixture import fictional_facts

PREFIXES = """
@prefix gb: <https://w3id.org/gongbao/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix : <https://example.org/> .
:doc a gb:Document ; gb:fileName "007_x.txt" ; gb:characters 40 .
:ev a oa:SpecificResource ; oa:hasSource :doc ; oa:hasSelector :pos , :quote .
:pos a oa:TextPositionSelector ;
    oa:start 3 ; oa:end 6 .
:quote a oa:TextQuoteSelector ; oa:exact "邬 岚" .
:m a gb:Meeting ; rdfs:label "青湖区第九届人大常委会第三次会议" ; gb:term 9 ; gb:session 3 .
:p a gb:Person ; schema:name "邬岚" .
:body a gb:Body ; schema:name "青湖区人民代表大会常务委员会" .
:post a gb:Post ; schema:name "青湖区水务局局长" .
:law a gb:Law ; schema:name "青湖区河道管理条例" ; gb:legislationKind "条例" .
"""

FACT = ":f prov:wasDerivedFrom :doc ; gb:evidence :ev ."

# shape: (valid Turtle, broken Turtle, a word the violation text must contain)
CASES = {
    "DocumentShape": (
        "",
        ":doc2 a gb:Document ; gb:characters 1 .",
        "fileName",
    ),
    "FactShape": (
        f":f a gb:LawCitation ; gb:law :law . {FACT}",
        ":f a gb:LawCitation ; gb:law :law ; prov:wasDerivedFrom :doc .",
        "evidence",
    ),
    "EvidenceShape": (
        "",
        ":ev2 a oa:SpecificResource ; oa:hasSource :doc ; oa:hasSelector :pos .",
        "hasSelector",
    ),
    "PositionShape": (
        "",
        ":pos2 a oa:TextPositionSelector ; oa:start 9 ; oa:end 6 .",
        "start",
    ),
    "QuoteShape": ("", ':q2 a oa:TextQuoteSelector ; oa:exact "" .', "exact"),
    "NamedEntityShape": ("", ':p2 a gb:Person ; schema:name "邬 岚" .', "name"),
    "LawShape": (
        "",
        ':law2 a gb:Law ; schema:name "《某条例》" .',
        "name",
    ),
    "MeetingShape": ("", ":m2 a gb:Meeting ; gb:session 0 .", "session"),
    "MeetingRecordShape": (
        f":f a gb:MeetingRecord ; gb:meeting :m . {FACT}",
        f":f a gb:MeetingRecord . {FACT}",
        "meeting",
    ),
    "AttendanceShape": (
        f":f a gb:Attendance ; gb:meeting :m ; gb:person :p ; gb:status gb:Present . {FACT}",
        f":f a gb:Attendance ; gb:meeting :m ; gb:person :p ; gb:status gb:Late . {FACT}",
        "status",
    ),
    "ChairingShape": (
        f":f a gb:Chairing ; gb:meeting :m ; gb:person :p . {FACT}",
        f":f a gb:Chairing ; gb:meeting :m ; gb:person :m . {FACT}",
        "person",
    ),
    "ReportShape": (
        f':f a gb:Report ; dcterms:title "关于某事的报告" ; gb:person :p ; gb:role "某局局长" ;'
        f" gb:meeting :m ; gb:written false . {FACT}",
        f":f a gb:Report ; gb:person :p ; gb:written false . {FACT}",
        "title",
    ),
    "AppointmentShape": (
        f":f a gb:Appointment ; gb:person :p ; gb:action gb:Appoint ; gb:post :post ;"
        f' gb:body :body ; dcterms:date "2024-05-08"^^xsd:date ;'
        f' gb:documentNumber "青政任〔2024〕3号" . {FACT}',
        f":f a gb:Appointment ; gb:person :p ; gb:action gb:Appoint ; gb:post :post ;"
        f' dcterms:date "2024年5月" . {FACT}',
        "date",
    ),
    "LawCitationShape": (
        f":f a gb:LawCitation ; gb:law :law . {FACT}",
        f":f a gb:LawCitation ; gb:law :p . {FACT}",
        "law",
    ),
    "ReviewShape": (
        f':f a gb:Review ; gb:item "某条例" ; gb:outcome "adopted" ; gb:meeting :m . {FACT}',
        f':f a gb:Review ; gb:outcome "adopted" ; gb:meeting :m . {FACT}',
        "item",
    ),
}


def _graph(extra: str) -> Graph:
    return Graph().parse(data=PREFIXES + extra, format="turtle")


@pytest.mark.parametrize("shape", sorted(CASES))
def test_validate_shape_accepts_a_valid_graph(shape):
    valid, _, _ = CASES[shape]
    result = validate_graph(_graph(valid))
    assert result.conforms, result.text


@pytest.mark.parametrize("shape", sorted(CASES))
def test_validate_shape_rejects_a_broken_graph(shape):
    _, broken, word = CASES[shape]
    result = validate_graph(_graph(broken), name="g")
    assert not result.conforms
    named = [v for v in result.violations if shape in v.shape]
    assert named, result.text
    assert any(word in str(v) for v in named), result.text


def test_validate_assembled_fictional_document_conforms():
    result = validate_graph(document_graph(fictional_facts()))
    assert result.conforms, result.text


def test_validate_report_text_names_graph_focus_and_shape():
    result = validate_graph(_graph(":p2 a gb:Person ."), name="https://e.org/g")
    text = result.text
    assert "1 violation" in text and "in https://e.org/g:" in text
    assert "https://example.org/p2" in text and "NamedEntityShape" in text


# Where a document was published, and the page of a PDF's evidence:
# (shape, valid Turtle, broken Turtle, a word the violation text must contain)
PUBLISHED_CASES = [
    (
        "DocumentShape",
        ':doc dcterms:source <https://e.org/a.html> ; dcterms:format "text/html" ;'
        ' dcterms:issued "2024-05-09"^^xsd:date .',
        ':doc dcterms:issued "2024年5月9日" .',
        "issued",
    ),
    (
        "DocumentShape",
        "",
        ':doc dcterms:source "https://e.org/a.html" .',
        "source",
    ),
    ("DocumentShape", "", ':doc dcterms:format "HTML page" .', "format"),
    ("EvidenceShape", ":ev gb:page 2 .", ":ev gb:page 0 .", "page"),
]


@pytest.mark.parametrize(("shape", "valid", "broken", "word"), PUBLISHED_CASES)
def test_validate_published_document_and_page(shape, valid, broken, word):
    assert validate_graph(_graph(valid)).conforms
    result = validate_graph(_graph(broken), name="g")
    named = [v for v in result.violations if shape in v.shape]
    assert named and any(word in str(v) for v in named), result.text


def test_validate_assembled_pdf_page_with_provenance_conforms():
    from dataclasses import replace

    facts = fictional_facts()
    facts.document = replace(
        facts.document,
        format="pdf",
        pages=(40,),
        url="https://e.org/2024-05/09/a.pdf",
        published="2024-05-09",
    )
    result = validate_graph(document_graph(facts))
    assert result.conforms, result.text
