"""Every namespace and prefix gongbao writes or reads, in one place.

Standard vocabularies come from rdflib's own namespace objects (``ORG``, ``PROV``,
``SDO`` for schema.org, ``DCTERMS``, ``SH`` ...); only the two that rdflib does not
ship, the W3C Web Annotation vocabulary (``OA``) and ELI (``ELI``), are defined
here. :data:`PREFIXES` is bound on every graph gongbao writes, written into Turtle,
TriG and the JSON-LD ``@context``, and used to shorten IRIs in reports.

>>> str(OA.TextQuoteSelector)
'http://www.w3.org/ns/oa#TextQuoteSelector'
>>> short("https://w3id.org/gongbao/ontology#Person")
'gb:Person'
>>> short("https://example.org/x")
'<https://example.org/x>'
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import (
    DCTERMS,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    TIME,
    XSD,
)

from .namespace import GB

__all__ = [
    "DCTERMS",
    "ELI",
    "GB",
    "ID",
    "OA",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SH",
    "SKOS",
    "TIME",
    "Terms",
    "XSD",
    "short",
]

#: Where gongbao mints its resources (people, bodies, facts, named graphs).
ID = Namespace("https://w3id.org/gongbao/id/")
#: W3C Web Annotation vocabulary (evidence selectors); not shipped by rdflib.
OA = Namespace("http://www.w3.org/ns/oa#")
#: European Legislation Identifier ontology; not shipped by rdflib.
ELI = Namespace("http://data.europa.eu/eli/ontology#")


class Terms:
    """A namespace's terms, each made once: ``Terms(PROV).wasDerivedFrom``.

    rdflib makes a new ``URIRef`` on every attribute of a namespace (and a
    ``DefinedNamespace`` checks the name first); the assembler asks for the same
    few dozen terms for every fact. A name the namespace does not define fails
    as it does there.

    >>> terms = Terms(GB)
    >>> terms.person is terms.person and terms.person == GB.person
    True
    >>> terms.persn
    Traceback (most recent call last):
    AttributeError: term 'persn' not in namespace 'https://w3id.org/gongbao/ontology#'
    """

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str):
        term = getattr(self._namespace, name)
        setattr(self, name, term)  # found without __getattr__ from now on
        return term


#: Prefix -> namespace IRI, for every vocabulary a gongbao graph uses.
PREFIXES: dict[str, str] = {
    "gb": str(GB),
    "id": str(ID),
    "schema": str(SDO),
    "org": str(ORG),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "oa": str(OA),
    "eli": str(ELI),
    "skos": str(SKOS),
    "time": str(TIME),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "sh": str(SH),
}


def short(iri: str) -> str:
    """``prefix:name`` for an IRI under a known namespace, else ``<iri>``."""
    for prefix, base in PREFIXES.items():
        if iri.startswith(base) and len(iri) > len(base):
            return f"{prefix}:{iri[len(base) :]}"
    return f"<{iri}>"
