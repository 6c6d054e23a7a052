r"""The corpus pass of entity resolution, planned from each document's people.

Each document's graph keys its people within the document's jurisdiction and
records, as :class:`gb:Identification` facts, the post chains that tie a key to
another jurisdiction's (:mod:`graph.resolve`). :func:`people_of` reads what the
corpus pass needs from one document's N-Quads (its links and its people's
names: small, kept in the build's cache beside the quads); a :class:`Resolution`
gathers them for the whole corpus and, once every document is in, gives each
group of linked keys one canonical IRI (:meth:`Resolution.swap`, applied to each
document's quads as ``graph.nq`` is written; the identification facts stay as
the record of why) and the resolution named graphs that flag the near-variant
names of one jurisdiction as possible duplicates, with their score and reason,
for a researcher to judge (:meth:`Resolution.flags`; one graph per jurisdiction
and surname, ``id/graph/resolution/<jurisdiction>/<surname>``, so a rebuild
replaces only the groups whose names changed). So ``graph.nq`` is written
once, never read back and rewritten.

>>> p = "https://w3id.org/gongbao/id/person/"
>>> label = "<http://www.w3.org/2000/01/rdf-schema#label>"
>>> g = "<https://w3id.org/gongbao/id/graph/a.txt>"
>>> doc = (f'<{p}210800/车轺轶> {label} "车轺轶" {g} .\n'
...        f'<{p}210800/车轲轶> {label} "车轲轶" {g} .\n').encode()
>>> resolution = Resolution()
>>> resolution.add(people_of(doc))
>>> flags = b"".join(resolution.flags())
>>> resolution.result.merged, resolution.result.duplicates
(0, 1)
>>> b"PossibleDuplicate" in flags
True
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, XSD

from ..extract.scan import Words
from ..ontology.namespace import GB
from .iris import ID, keyed_iri
from .nqfile import pieces
from .nquads import nt_literal
from .resolve import MIN_FLAGGED, PossibleDuplicate, merge_keys, possible_duplicates

__all__ = [
    "MergeResult",
    "People",
    "Resolution",
    "merge_people",
    "GroupFlags",
    "people_of",
    "resolution_graph",
    "resolution_version",
]

_PERSON = f"{ID}person/"
_QUAD = re.compile(rb"<([^>]*)> <([^>]*)> (.*) <([^>]*)> \.")
_PERSON_IRI = re.compile(b"<(" + re.escape(_PERSON.encode()) + b"[^>]*)>")
_MERGED_KEY = f" <{GB.mergedKey}> ".encode()
_PERSON_OF = f" <{GB.person}> ".encode()
_LABEL = f" <{RDFS.label}> ".encode()
_TYPE = f"<{RDF.type}>"
_POSSIBLE_DUPLICATE = f"<{GB.PossibleDuplicate}>"
_DUPLICATE_OF = f"<{GB.duplicateOf}>"
_SIMILARITY = f"<{GB.similarity}>"
_REASON = f"<{GB.reason}>"
_POSSIBLY = f"<{GB.possibleDuplicate}>"
_LITERAL = re.compile(r'^"((?:[^"\\]|\\.)*)"')
_UNESCAPE = re.compile(r"\\(.)")
_ESCAPED = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


@dataclass(slots=True)
class MergeResult:
    """What the corpus pass did."""

    merged: int = 0  # person keys folded into another
    duplicates: int = 0  # pairs of near-variant names flagged


@dataclass(slots=True)
class People:
    """What one document tells the corpus pass: post-chain links and names.

    ``links`` pair a person IRI with the IRI of the key a post chain ties it
    to; ``names`` give each person IRI of the document its first label;
    ``unnamed`` are the person IRIs it holds without a label (none, as gongbao
    assembles documents, but a merge must reach them too).
    """

    links: list[tuple[str, str]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    unnamed: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        """Plain data, for the build's cache (:meth:`from_dict` reads it back)."""
        return {"links": self.links, "names": self.names, "unnamed": self.unnamed}

    @classmethod
    def from_dict(cls, data: dict) -> People:
        """The people :meth:`as_dict` wrote."""
        links = [tuple(pair) for pair in data["links"]]
        return cls(links, dict(data["names"]), list(data["unnamed"]))

    def iris(self) -> Iterator[str]:
        """Every person IRI the document holds."""
        yield from self.names
        yield from self.unnamed


def people_of(quads: bytes) -> People:
    """The links and names in one document's N-Quads (or any whole lines)."""
    keys: dict[str, str] = {}
    people: dict[str, str] = {}
    names: dict[str, str] = {}
    # Three kinds of line matter: found by their predicate (a scan in C), not
    # by a Python step per line.
    for s, o in _quads_with(quads, _MERGED_KEY):
        keys[s] = _literal(o)
    for s, o in _quads_with(quads, _PERSON_OF):
        if "/identification/" in s:
            people[s] = o[1:-1]
    for s, o in _quads_with(quads, _LABEL):
        if s.startswith(_PERSON):
            names.setdefault(s, _literal(o))
    links = []
    for fact, key in keys.items():
        if fact in people and "/" in key:
            where, name = key.split("/", 1)
            links.append((people[fact], str(keyed_iri("person", where, name))))
    unnamed = {iri.decode() for iri in _PERSON_IRI.findall(quads)} - names.keys()
    return People(links, names, sorted(unnamed))


def resolution_graph(where: str, surname: str) -> str:
    """The named graph of the possible duplicates of one jurisdiction and surname.

    >>> resolution_graph("210800", "车")
    'https://w3id.org/gongbao/id/graph/resolution/210800/车'
    """
    return str(keyed_iri("graph/resolution", where, surname))


@lru_cache(maxsize=1)
def resolution_version() -> str:
    """A hash of the code of the corpus pass: what older code kept is made again.

    :class:`People` in the cache, and the flags of a jurisdiction taken from the
    last ``graph.nq`` (:class:`GroupFlags`), were made by the code of this hash.
    """
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in ("merge.py", "resolve.py", "iris.py", "nquads.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


@dataclass(slots=True)
class GroupFlags:
    """One group's possible-duplicate flags as written in ``graph.nq``.

    A group is a jurisdiction and a surname (:meth:`Resolution.groups`);
    ``names`` is the digest of its names the flags were found among, ``digest``
    their lines' SHA-256, ``start`` and ``end`` their byte range; the next build
    copies them from there while the names are the same.
    """

    names: str
    pairs: int
    digest: str
    start: int
    end: int


class Resolution:
    """The corpus pass: every document's :class:`People` in, merges and flags out.

    Add each document's people in the order of ``graph.nq``; then
    :meth:`swap` each document's quads and write :meth:`flags` after them.
    """

    def __init__(self) -> None:
        self._links: list[tuple[str, str]] = []
        self._names: dict[str, str] = {}
        self._planned = False
        self._iris: dict[bytes, bytes] = {}
        self._words: Words | None = None
        self._mapping: dict[str, str] = {}
        self.result = MergeResult()

    def add(self, people: People) -> None:
        """One more document's people (in file order: the first name is kept)."""
        if self._planned:
            raise RuntimeError("the corpus pass is planned: no document can be added")
        self._links += people.links
        for iri, name in people.names.items():
            self._names.setdefault(iri, name)

    def _plan(self) -> None:
        if self._planned:
            return
        self._planned = True
        self._mapping = {k: v for k, v in merge_keys(self._links).items() if k != v}
        self.result.merged = len(self._mapping)
        self._iris = {
            f"<{old}>".encode(): f"<{new}>".encode()
            for old, new in self._mapping.items()
        }
        self._words = Words(self._iris) if self._iris else None

    def touches(self, people: People) -> bool:
        """Whether a document of these ``people`` holds an IRI merged into another."""
        self._plan()
        return bool(self._mapping) and any(i in self._mapping for i in people.iris())

    def swap(self, quads: bytes) -> bytes:
        """``quads`` with every merged person IRI replaced by its canonical one."""
        self._plan()
        if self._words is None:
            return quads
        out, pos = [], 0
        for iri, start, end in self._words.find(quads):
            out += (quads[pos:start], self._iris[iri])
            pos = end
        if not out:
            return quads
        out.append(quads[pos:])
        return b"".join(out)

    def _names_by_group(self) -> dict[tuple[str, str], set[str]]:
        """Names that may be flagged, by jurisdiction (merged key's) and surname."""
        groups: dict[tuple[str, str], set[str]] = {}
        for iri, name in self._names.items():
            if len(name) < MIN_FLAGGED:
                continue
            canonical = self._mapping.get(iri, iri)
            where = canonical[len(_PERSON) :].split("/", 1)[0]
            groups.setdefault((where, name[0]), set()).add(name)
        return groups

    def groups(self) -> Iterator[tuple[str, str, str, set[str]]]:
        """``(graph, digest of its names, jurisdiction, names)`` of each group.

        In order. Possible duplicates share a jurisdiction and a surname; each such
        group is a named graph (:func:`resolution_graph`) whose flags
        (:meth:`group_flags`) depend on the group's names only.
        """
        self._plan()
        for (where, surname), names in sorted(self._names_by_group().items()):
            text = "\n".join(sorted(names))
            digest = hashlib.sha256(text.encode()).hexdigest()[:32]
            yield resolution_graph(where, surname), digest, where, names

    def group_flags(self, where: str, names: set[str]) -> tuple[bytes, int]:
        """One group's lines of its resolution graph (UTF-8), and its pairs."""
        found = possible_duplicates(names)
        lines = "".join(
            f"{quad}\n" for dup in found for quad in _duplicate_quads(where, dup)
        )
        return lines.encode(), len(found)

    def flags(self) -> Iterator[bytes]:
        """The resolution graph's lines (UTF-8), one group at a time; counted."""
        for _, _, where, names in self.groups():
            lines, pairs = self.group_flags(where, names)
            self.result.duplicates += pairs
            yield lines


def merge_people(path: Path) -> MergeResult:
    """Merge linked person keys in the N-Quads file ``path`` and flag duplicates.

    The corpus pass over a file already written (the build plans it from each
    document's :class:`People` instead, and writes ``graph.nq`` once).
    """
    path = Path(path)
    resolution = Resolution()
    # Lines of one fact may fall in two pieces: the people are read from the
    # whole file's lines of the three predicates, gathered first.
    wanted = b"".join(
        line + b"\n"
        for piece in pieces(path)
        for predicate in (_MERGED_KEY, _PERSON_OF, _LABEL)
        for line in _lines_with(piece, predicate)
    )
    resolution.add(people_of(wanted))
    flags = (lines for lines in resolution.flags() if lines)
    first = next(flags, None)
    if resolution.result.merged or first is not None:
        tmp = path.with_name(path.name + ".merging")
        with tmp.open("wb") as out:
            for piece in pieces(path):
                out.write(resolution.swap(piece))
            if first is not None:
                out.write(first)
            out.writelines(flags)
        os.replace(tmp, path)
    return resolution.result


def _literal(term: str) -> str:
    """The text of an N-Quads literal as :func:`graph.nquads.nt_term` writes it."""
    found = _LITERAL.match(term)
    if found is None:
        return term
    return _UNESCAPE.sub(lambda m: _ESCAPED[m[1]], found[1])


def _duplicate_quads(where: str, dup: PossibleDuplicate) -> list[str]:
    """The resolution graph's statements flagging one pair, as sorted N-Quads lines.

    Written as :func:`graph.nquads.nquads` writes them, from strings: a corpus
    of many namesakes flags hundreds of thousands of pairs.
    """
    first = f"<{keyed_iri('person', where, dup.first)}>"
    second = f"<{keyed_iri('person', where, dup.second)}>"
    node = f"<{keyed_iri('duplicate', where, f'{dup.first}-{dup.second}')}>"
    score = nt_literal(str(dup.score), XSD.decimal)  # a float of one decimal
    graph = f"<{resolution_graph(where, dup.first[0])}>"
    return sorted(
        f"{s} {p} {o} {graph} ."
        for s, p, o in (
            (node, _TYPE, _POSSIBLE_DUPLICATE),
            (node, _DUPLICATE_OF, first),
            (node, _DUPLICATE_OF, second),
            (node, _SIMILARITY, score),
            (node, _REASON, nt_literal(dup.reason)),
            (first, _POSSIBLY, second),
            (second, _POSSIBLY, first),
        )
    )


def _lines_with(piece: bytes, predicate: bytes) -> Iterator[bytes]:
    """Each whole line of ``piece`` holding ``predicate``, in order."""
    at = piece.find(predicate)
    while at != -1:
        start = piece.rfind(b"\n", 0, at) + 1
        end = piece.find(b"\n", at)
        end = len(piece) if end == -1 else end
        yield piece[start:end]
        at = piece.find(predicate, end)


def _quads_with(piece: bytes, predicate: bytes) -> Iterator[tuple[str, str]]:
    """``(subject, object)`` of each line of ``piece`` with ``predicate``, in order."""
    for line in _lines_with(piece, predicate):
        found = _QUAD.fullmatch(line)
        if found is not None and b" <%s> " % found[2] == predicate:
            yield found[1].decode(), found[3].decode()
