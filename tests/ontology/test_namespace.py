"""The generated namespace matches the ontology, and the ontology documents itself."""

import pytest
from rdflib import OWL, RDF, RDFS, Graph

from gongbao.ontology.codegen import (
    MODULE_FILE,
    NAMESPACE,
    ONTOLOGY_FILE,
    render_namespace,
    terms,
)
from gongbao.ontology.namespace import GB


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def test_namespace_module_is_generated_from_the_ontology(ontology):
    assert MODULE_FILE.read_text(encoding="utf-8") == render_namespace(ontology)
    assert set(terms(ontology)) == set(GB.__annotations__)


def test_namespace_refuses_terms_the_ontology_lacks():
    assert str(GB.Attendance) == NAMESPACE + "Attendance"
    with pytest.raises(AttributeError):
        GB.Atendance  # noqa: B018


def test_ontology_every_term_has_chinese_and_english_labels_and_a_comment(ontology):
    for name in terms(ontology):
        term = GB[name]
        languages = {label.language for label in ontology.objects(term, RDFS.label)}
        assert {"zh", "en"} <= languages, name
        assert ontology.value(term, RDFS.comment) is not None, name
        assert (term, RDF.type, None) in ontology, name


def test_ontology_aligns_with_standard_vocabularies(ontology):
    def parents(term):
        return {str(o) for o in ontology.objects(term, RDFS.subClassOf)} | {
            str(o) for o in ontology.objects(term, RDFS.subPropertyOf)
        }

    assert "http://www.w3.org/ns/org#Organization" in parents(GB.Body)
    assert "http://www.w3.org/ns/org#Post" in parents(GB.Post)
    assert "https://schema.org/Event" in parents(GB.Meeting)
    assert "http://www.w3.org/ns/prov#Activity" in parents(GB.Appointment)
    assert "http://data.europa.eu/eli/ontology#LegalResource" in parents(GB.Law)
    assert "http://data.europa.eu/eli/ontology#id_local" in parents(GB.documentNumber)
    assert (None, RDF.type, OWL.Ontology) in ontology
