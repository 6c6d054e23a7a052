r"""One document's facts as N-Quads text: what a build appends to ``graph.nq``.

Lines are sorted, so two builds of the same corpus diff cleanly; IRIs are minted
safe (:mod:`graph.iris`) and literals escaped as N-Triples requires.

>>> from gongbao.extract.records import (
...     DocumentFacts, Evidence, LawCitation, SourceDocument)
>>> src = SourceDocument("a.txt", "a.txt", "依据《某某条例》", "utf-8", "00")
>>> facts = DocumentFacts(src, laws=[LawCitation("某某条例", "条例",
...     Evidence("a.txt", 2, 8, "《某某条例》"))])
>>> text = document_nquads(facts, "https://e.org/g")
>>> '<https://w3id.org/gongbao/id/law/某某条例>' in text, text.endswith(" .\n")
(True, True)
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef

from ..extract.records import DocumentFacts
from .assemble import document_triples

__all__ = ["document_nquads", "nquads", "nt_literal", "nt_term"]

_NT_ESCAPES = str.maketrans(
    {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
    | {chr(c): f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if c not in (10, 13)}
)
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def document_nquads(facts: DocumentFacts, graph_iri) -> str:
    """The N-Quads of everything one document says, in its named graph."""
    return nquads(document_triples(facts), graph_iri)


def nquads(triples, graph_iri) -> str:
    r"""Triples as sorted N-Quads lines in the named graph ``graph_iri``.

    >>> from rdflib import URIRef
    >>> print(nquads([(URIRef("s:a"), URIRef("p:b"), Literal('say "hi"'))], "g:c"))
    <s:a> <p:b> "say \"hi\"" <g:c> .
    <BLANKLINE>
    """
    g = f"<{graph_iri}>"
    lines = sorted(
        f"{nt_term(s)} {nt_term(p)} {nt_term(o)} {g} ." for s, p, o in triples
    )
    return "\n".join(lines) + "\n" if lines else ""


def nt_term(term) -> str:
    """A term in N-Triples syntax (IRIs are minted safe; literals are escaped)."""
    if type(term) is URIRef:  # most terms; spares the ABC check below
        return f"<{term}>"
    if isinstance(term, Literal):
        if term.language:
            return f"{nt_literal(str(term))}@{term.language}"
        return nt_literal(str(term), term.datatype)
    return f"<{term}>"


def nt_literal(text: str, datatype=None) -> str:
    r"""A literal of ``text`` (and ``datatype``) in N-Triples syntax.

    >>> nt_literal('say "hi"'), nt_literal("1.5", "urn:decimal")
    ('"say \\"hi\\""', '"1.5"^^<urn:decimal>')
    """
    if _NEEDS_ESCAPE.search(text):  # rare: translate only then
        text = text.translate(_NT_ESCAPES)
    if datatype is not None and str(datatype) != _XSD_STRING:
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'
