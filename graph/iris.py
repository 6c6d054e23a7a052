"""Deterministic IRIs for everything gongbao puts in a graph.

Resources live under ``https://w3id.org/gongbao/id/``. An entity's IRI is minted
from its normalised key, so the same person, body, law or meeting read from two
documents is one node, and two builds of the same corpus give the same IRIs. A
fact's IRI is minted from its source file, its kind, its character span and a
short hash of its content, so it is stable and unique.

IRIs stay readable: Chinese characters are kept as they are (IRIs allow them);
only characters an IRI forbids, and ``/ ? # %``, are percent-encoded.

>>> str(entity_iri("law", "某某 条例"))
'https://w3id.org/gongbao/id/law/某某条例'
>>> str(keyed_iri("person", "220106", "王 丽秀"))
'https://w3id.org/gongbao/id/person/220106/王丽秀'
>>> str(document_graph_iri("000_abc.txt"))
'https://w3id.org/gongbao/id/graph/000_abc.txt'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

__all__ = [
    "ID",
    "document_graph_iri",
    "document_iri",
    "entity_iri",
    "fact_iri",
    "key_text",
    "keyed_iri",
    "meeting_iri",
]

#: Base of every resource gongbao mints.
ID = "https://w3id.org/gongbao/id/"

_SPACES = re.compile(r"\s+")
# Characters an IRI may not hold, plus the delimiters that would change its parts.
_UNSAFE = re.compile(r'[\x00-\x20<>"{}|\\^`/?#%\[\]\x7f]')


def key_text(text: str) -> str:
    """A name as a key: NFKC, no whitespace (repeated until stable)."""
    key = text or ""
    for _ in range(4):
        new = _SPACES.sub("", unicodedata.normalize("NFKC", key))
        if new == key:
            break
        key = new
    return key


def _segment(text: str) -> str:
    return _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m[0].encode()), text)


def entity_iri(kind: str, name: str) -> URIRef:
    """The IRI of an entity of ``kind`` (person, body, post, law, region) by name."""
    return URIRef(f"{ID}{kind}/{_segment(key_text(name))}")


def keyed_iri(kind: str, jurisdiction: str, name: str) -> URIRef:
    """The IRI of a person or post known by ``name`` within ``jurisdiction``.

    ``jurisdiction`` is a division code ("220106"), a region's name when it has
    none, or ``""`` when the document names no region (``-``).
    """
    where = _segment(key_text(jurisdiction)) or "-"
    return URIRef(f"{ID}{kind}/{where}/{_segment(key_text(name))}")


def meeting_iri(key: str) -> URIRef:
    """The IRI of a meeting from its key ``<body>|<term>|<session>``."""
    parts = [_segment(key_text(part)) or "-" for part in key.split("|")]
    return URIRef(f"{ID}meeting/{'/'.join(parts)}")


def document_iri(name: str) -> URIRef:
    """The IRI of a source document, by file name."""
    return URIRef(f"{ID}doc/{_segment(name)}")


def document_graph_iri(name: str) -> URIRef:
    """The named graph holding what the document ``name`` says."""
    return URIRef(f"{ID}graph/{_segment(name)}")


def fact_iri(kind: str, source: str, start: int, end: int, *content: object) -> URIRef:
    """The IRI of one fact: its document, kind, span and a hash of what it says."""
    digest = hashlib.sha1(
        "\0".join(str(part) for part in content).encode("utf-8")
    ).hexdigest()[:8]
    return URIRef(f"{ID}{kind}/{_segment(source)}/{start}-{end}-{digest}")
