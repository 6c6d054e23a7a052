r"""The corpus pass of entity resolution, over a build's ``graph.nq``.

Each document's graph keys its people within the document's jurisdiction and
records, as :class:`gb:Identification` facts, the post chains that tie a key to
another jurisdiction's (:mod:`graph.resolve`). Once every document is written,
:func:`merge_people` reads those links from the whole corpus, gives each group of
linked keys one canonical IRI (rewriting the file in one streaming pass; the
identification facts stay as the record of why), and adds a ``resolution`` named
graph that flags the near-variant names of one jurisdiction as possible
duplicates, with their score and reason, for a researcher to judge.

>>> import tempfile, pathlib
>>> g = "<https://w3id.org/gongbao/id/graph/a.txt>"
>>> p = "https://w3id.org/gongbao/id/person/"
>>> label = "<http://www.w3.org/2000/01/rdf-schema#label>"
>>> nq = pathlib.Path(tempfile.mkdtemp()) / "graph.nq"
>>> _ = nq.write_text(
...     f'<{p}210800/车轺轶> {label} "车轺轶" {g} .\n'
...     f'<{p}210800/车轲轶> {label} "车轲轶" {g} .\n', encoding="utf-8")
>>> result = merge_people(nq)
>>> result.merged, result.duplicates
(0, 1)
>>> "PossibleDuplicate" in nq.read_text(encoding="utf-8")
True
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Literal

from ..extract.scan import Words
from ..ontology.namespace import GB
from .iris import ID, keyed_iri
from .nqfile import pieces
from .nquads import nquads
from .resolve import PossibleDuplicate, merge_keys, possible_duplicates

__all__ = ["RESOLUTION_GRAPH", "MergeResult", "merge_people"]

#: The named graph of corpus-level resolution (possible duplicates).
RESOLUTION_GRAPH = f"{ID}graph/resolution"

_PERSON = f"{ID}person/"
_QUAD = re.compile(rb"<([^>]*)> <([^>]*)> (.*) <([^>]*)> \.")
_MERGED_KEY = f" <{GB.mergedKey}> ".encode()
_PERSON_OF = f" <{GB.person}> ".encode()
_LABEL = f" <{RDFS.label}> ".encode()
_LITERAL = re.compile(r'^"((?:[^"\\]|\\.)*)"')
_UNESCAPE = re.compile(r"\\(.)")
_ESCAPED = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


@dataclass(slots=True)
class MergeResult:
    """What the corpus pass did."""

    merged: int = 0  # person keys folded into another
    duplicates: int = 0  # pairs of near-variant names flagged


def merge_people(path: Path) -> MergeResult:
    """Merge linked person keys in the N-Quads file ``path`` and flag duplicates."""
    path = Path(path)
    links, names = _read(path)
    mapping = {k: v for k, v in merge_keys(links).items() if k != v}
    result = MergeResult(merged=len(mapping))
    by_place: dict[str, set[str]] = {}
    for iri, name in names.items():
        canonical = mapping.get(iri, iri)
        where = canonical[len(_PERSON) :].split("/", 1)[0]
        by_place.setdefault(where, set()).add(name)

    def flags() -> Iterator[str]:
        # One jurisdiction's pairs at a time: a corpus's flags are never all held.
        for where, group in sorted(by_place.items()):
            for dup in possible_duplicates(group):
                result.duplicates += 1
                yield from _duplicate_quads(where, dup)

    extra = flags()
    first = next(extra, None)
    if mapping or first is not None:
        _rewrite(path, mapping, chain([first] if first else [], extra))
    return result


def _read(path: Path) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Post-chain links between person IRIs, and every person IRI's name."""
    keys: dict[str, str] = {}
    people: dict[str, str] = {}
    names: dict[str, str] = {}
    # Three kinds of line matter: found by their predicate in big pieces of the
    # file (a scan in C), not by a Python step per line.
    for piece in pieces(path):
        for s, o in _quads_with(piece, _MERGED_KEY):
            keys[s] = _literal(o)
        for s, o in _quads_with(piece, _PERSON_OF):
            if "/identification/" in s:
                people[s] = o[1:-1]
        for s, o in _quads_with(piece, _LABEL):
            if s.startswith(_PERSON):
                names.setdefault(s, _literal(o))
    links = []
    for fact, key in keys.items():
        if fact in people and "/" in key:
            where, name = key.split("/", 1)
            links.append((people[fact], str(keyed_iri("person", where, name))))
    return links, names


def _literal(term: str) -> str:
    """The text of an N-Quads literal as :func:`graph.nquads.nt_term` writes it."""
    found = _LITERAL.match(term)
    if found is None:
        return term
    return _UNESCAPE.sub(lambda m: _ESCAPED[m[1]], found[1])


def _duplicate_quads(where: str, dup: PossibleDuplicate) -> list[str]:
    """The resolution graph's statements flagging one pair (:mod:`graph.nquads`)."""
    first = keyed_iri("person", where, dup.first)
    second = keyed_iri("person", where, dup.second)
    node = keyed_iri("duplicate", where, f"{dup.first}-{dup.second}")
    triples = [
        (node, RDF.type, GB.PossibleDuplicate),
        (node, GB.duplicateOf, first),
        (node, GB.duplicateOf, second),
        (node, GB.similarity, Literal(dup.score, datatype=XSD.decimal)),
        (node, GB.reason, Literal(dup.reason)),
        (first, GB.possibleDuplicate, second),
        (second, GB.possibleDuplicate, first),
    ]
    return nquads(triples, RESOLUTION_GRAPH).splitlines()


def _rewrite(path: Path, mapping: dict[str, str], extra: Iterable[str]) -> None:
    """Rewrite ``path`` with merged IRIs and the resolution graph, atomically."""
    tmp = path.with_name(path.name + ".merging")
    iris = {f"<{old}>".encode(): f"<{new}>".encode() for old, new in mapping.items()}
    merged = Words(iris) if iris else None
    with tmp.open("wb") as out:
        for piece in pieces(path):
            out.write(_swapped(piece, merged, iris) if merged else piece)
        out.writelines(f"{quad}\n".encode() for quad in extra)
    os.replace(tmp, path)


def _swapped(piece: bytes, merged: Words, iris: dict[bytes, bytes]) -> bytes:
    """``piece`` with every merged person IRI replaced by its canonical one."""
    out, pos = [], 0
    for iri, start, end in merged.find(piece):
        out += (piece[pos:start], iris[iri])
        pos = end
    out.append(piece[pos:])
    return b"".join(out)


def _quads_with(piece: bytes, predicate: bytes) -> Iterator[tuple[str, str]]:
    """``(subject, object)`` of each line of ``piece`` with ``predicate``, in order."""
    at = piece.find(predicate)
    while at != -1:
        start = piece.rfind(b"\n", 0, at) + 1
        end = piece.find(b"\n", at)
        end = len(piece) if end == -1 else end
        found = _QUAD.fullmatch(piece, start, end)
        if found is not None and b" <%s> " % found[2] == predicate:
            yield found[1].decode(), found[3].decode()
        at = piece.find(predicate, end)
