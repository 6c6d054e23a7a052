"""Cite laws and regulations: one :class:`~extract.records.LawCitation` per citation.

A bulletin cites legislation in title marks: 《中华人民共和国预算法》, nested as
《辽宁省实施〈中华人民共和国监督法〉办法》, with draft and trial marks
(《某某条例（草案）》, 《某某办法（试行）》), under aliases declared in place
(“《…健康促进法》（以下简称《卫健法》）”) and by bare back-references (《条例》).
Title marks also hold notices, plans, reports, books and films; only titles that
end in a *kind of legislation* (法, 条例, 办法, 规定, 细则, 规则 …) are laws.

Rules, all pure functions of the text:

- a title's kind is its last word once trailing marks such as （草案） are set aside;
  法 counts unless it closes an ordinary word (办法, 方法, 兵法, 书法 …);
- an alias resolves to the full title it was declared for; a short title that is
  the tail of a full one cited before (《条例》, 《监督司法工作办法》) resolves to
  it; a bare kind word that resolves to nothing is dropped;
- the law's name keeps the title as cited, without 《》 or spaces, inner 《》 as
  〈〉, with 人大常委会 spelled out as in official titles.

>>> [(c.law, c.kind) for c in find_citations(
...     "依据《中华人民共和国预算法》（以下简称《预算法》）和《条例》，"
...     "印发《青湖区节水行动实施方案》。")]
[('中华人民共和国预算法', '法'), ('中华人民共和国预算法', '法')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .doc import ARTICLES, ENTITIES, add_relation, add_span, text_of
from .lawtitles import law_kind, strip_marks
from .records import LawCitation

__all__ = ["Citation", "LawsComponent", "find_citations", "make_laws"]

#: Longest stretch (characters) a title mark may enclose.
_MAX_TITLE = 160

_MARK_CHARS = re.compile(r"[《〈》〉]")
_SPACE = re.compile(r"\s+")
_ALIAS = re.compile(
    r"\s*[（(]\s*以下简称\s*[:：]?\s*[《〈“\"]?(?P<alias>[^《〈》〉”\"）()]{1,20})"
    r"[》〉”\"]?\s*[）)]"
)
_ABBREVIATIONS = (("人大常委会", "人民代表大会常务委员会"),)


@dataclass(frozen=True, slots=True)
class Citation:
    """A law cited at ``[start, end)`` (the title marks included)."""

    law: str  # normalised title, as cited, without the outer 《》
    kind: str
    start: int
    end: int


def _clean(raw: str) -> str:
    """A cited title as a label: no spaces, inner 《》 as 〈〉, full words."""
    name = _SPACE.sub("", raw).replace("《", "〈").replace("》", "〉")
    for short, full in _ABBREVIATIONS:
        name = name.replace(short, full)
    return name


def _undouble(name: str, kind: str) -> str:
    """Cut a title whose kind word repeats outside 〈〉 at the first one.

    >>> _undouble("明川市供水管理条例供水条例", "条例")
    '明川市供水管理条例'
    """
    if len(kind) < 2:
        return name
    outer = re.sub(r"〈[^〈〉]*〉", lambda m: "#" * len(m.group()), name)
    first = outer.find(kind)
    if first != -1 and outer.find(kind, first + len(kind)) != -1:
        return name[: first + len(kind)]
    return name


def _pairs(text: str) -> list[tuple[int, int]]:
    """``(open, close)`` offsets of matched title marks, outer before inner."""
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for match in _MARK_CHARS.finditer(text):
        pos = match.start()
        if match.group() in "《〈":
            stack.append(pos)
        elif stack:
            start = stack.pop()
            if pos - start <= _MAX_TITLE and "。" not in text[start:pos]:
                pairs.append((start, pos + 1))
    pairs.sort()
    return pairs


class _Resolver:
    """Aliases and full titles seen so far, to resolve short citations."""

    def __init__(self, aliases: dict[str, str], known: list[str]) -> None:
        self.aliases = aliases  # issue-wide: alias -> full title
        self.local_aliases: dict[str, str] = {}  # bare kinds (《条例》): this text
        self.known = known  # full titles (legislation), most recent last
        self.local: list[str] = []  # full titles of this text

    def resolve(self, name: str, kind: str) -> str | None:
        core = strip_marks(name)
        for table in (self.local_aliases, self.aliases):
            for key in (name, core):
                if key in table:
                    return table[key]
        bare = core == kind
        pools = (self.local,) if bare else (self.local, self.known)
        for pool in pools:
            for full in reversed(pool):
                full_core = strip_marks(full)
                if full_core != core and full_core.endswith(core):
                    return full
        return None if bare else name

    def alias(self, short: str, full: str) -> None:
        bare = strip_marks(short) == law_kind(short)
        (self.local_aliases if bare else self.aliases)[short] = full

    def remember(self, name: str) -> None:
        if name not in self.local:
            self.local.append(name)
        if name not in self.known:
            self.known.append(name)


def find_citations(
    text: str,
    *,
    aliases: dict[str, str] | None = None,
    known: list[str] | None = None,
) -> list[Citation]:
    """Every citation of legislation in ``text``, in order.

    ``aliases`` and ``known`` carry aliases and full titles from earlier text of
    the same issue (they are updated in place).
    """
    resolver = _Resolver(
        aliases if aliases is not None else {}, known if known is not None else []
    )
    out: list[Citation] = []
    for start, end in _pairs(text):
        name = _clean(text[start + 1 : end - 1])
        kind = law_kind(name)
        if not kind:
            continue
        name = _undouble(name, kind)
        alias = _ALIAS.match(text, end)
        resolved = resolver.resolve(name, kind)
        if resolved is None:
            continue
        if resolved == name and strip_marks(name) != kind:
            resolver.remember(name)
        if alias:
            resolver.alias(_clean(alias["alias"]), resolved)
        out.append(Citation(resolved, law_kind(resolved) or kind, start, end))
    return out


class LawsComponent:
    """``Doc -> Doc``: law citations into spans and :class:`LawCitation` relations.

    Articles are read in order with the aliases and full titles of the issue so
    far, so an alias declared in one article resolves in the next; a bare
    《条例》 resolves only inside its own article.
    """

    def __init__(self, *, label: str = "LAW") -> None:
        self.label = label

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc`` in place and return it."""
        text = text_of(doc)
        aliases: dict[str, str] = {}
        known: list[str] = []
        for article in doc.spans[ARTICLES]:
            lo, hi = article.start_char, article.end_char
            for cite in find_citations(text[lo:hi], aliases=aliases, known=known):
                start, end = lo + cite.start, lo + cite.end
                add_span(doc, ENTITIES, start, end, self.label)
                add_relation(doc, LawCitation, start, end, law=cite.law, kind=cite.kind)
        return doc


@Language.factory(
    "gongbao_laws",
    default_config={"label": "LAW"},
    requires=["doc.spans"],
    assigns=["doc.spans", "doc._.gb_relations"],
)
def make_laws(nlp: Language, name: str, label: str) -> LawsComponent:
    """Create the laws component."""
    return LawsComponent(label=label)
