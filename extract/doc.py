"""The spaCy side: one Doc per document, its span groups, and records out of it.

A document's *normalised* text becomes one spaCy ``Doc``. Components write:

- span groups: ``doc.spans[ARTICLES]`` (one span per article, labelled with its
  kind), ``doc.spans[MEETINGS]`` (every meeting named, labelled with its key) and
  ``doc.spans[ENTITIES]`` (people, laws, reports, items ... labelled by type);
- relations: :class:`Relation` objects in ``doc._.gb_relations``, each a record
  type, the ``[start, end)`` of the Doc text it was read from, and its fields.

Character offsets stay in Doc terms until :func:`to_facts` turns every relation
into its record once, with an :class:`~extract.records.Evidence` mapped back to the
source text. Nothing else builds records.

>>> import re, spacy
>>> from gongbao.extract.records import LawCitation, SourceDocument
>>> from gongbao.extract.text import MappedText
>>> src = SourceDocument("a.txt", "a.txt", "依 据《某某条例》", "utf-8", "")
>>> mapped = MappedText.identity(src.text).sub(re.compile(" "), "")
>>> doc = make_doc(spacy.blank("zh"), mapped, source=src)
>>> add_relation(doc, LawCitation, 2, 8, law="某某条例", kind="条例")
>>> to_facts(doc).laws[0].evidence.quote
'《某某条例》'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .context import DocContext
from .records import (
    Appointment,
    Article,
    Attendance,
    DocumentFacts,
    Evidence,
    LawCitation,
    Meeting,
    Mention,
    Report,
    Review,
    RosterCount,
    SourceDocument,
)
from .text import MappedText

__all__ = [
    "ARTICLES",
    "ENTITIES",
    "MEETINGS",
    "Quote",
    "Relation",
    "add_relation",
    "add_span",
    "article_of",
    "evidence",
    "make_doc",
    "register_extensions",
    "span_data",
    "text_of",
    "to_facts",
]

#: ``doc.spans`` key of the articles (label: the article's kind).
ARTICLES = "articles"
#: ``doc.spans`` key of every meeting named (label: the meeting's key).
MEETINGS = "meetings"
#: ``doc.spans`` key of entity mentions (label: PERSON, LAW, REPORT, ITEM ...).
ENTITIES = "gb_entities"

_EXTENSIONS = ("gb_source", "gb_map", "gb_context")

#: Record type -> the DocumentFacts list it goes into.
_BUCKETS = {
    Meeting: "meetings",
    Attendance: "attendance",
    Report: "reports",
    Appointment: "appointments",
    LawCitation: "laws",
    Review: "reviews",
    RosterCount: "counts",
    Mention: "mentions",
}


@dataclass(frozen=True, slots=True)
class Quote:
    """A secondary span of a relation (a meeting's chair): ``[start, end)``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Relation:
    """A record to be: its type, the span it was read from, its fields.

    Fields read as attributes (``relation.person``), so rule functions and their
    tests handle relations like the records they become.
    """

    record: type
    start: int
    end: int
    fields: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "fields":
            raise AttributeError(name)
        try:
            return self.fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def shifted(self, offset: int) -> Relation:
        """The same relation ``offset`` characters further on (text -> Doc)."""
        moved = {
            k: Quote(v.start + offset, v.end + offset) if isinstance(v, Quote) else v
            for k, v in self.fields.items()
        }
        return Relation(self.record, self.start + offset, self.end + offset, moved)

    def but(self, **changes: Any) -> Relation:
        """A copy with some fields changed."""
        return Relation(self.record, self.start, self.end, self.fields | changes)


def register_extensions() -> None:
    """Declare gongbao's Doc and Span extensions (idempotent)."""
    for name in _EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("gb_relations"):
        Doc.set_extension("gb_relations", getter=_relations)
    if not Span.has_extension("gb_data"):
        Span.set_extension("gb_data", getter=span_data)


def _relations(doc: Doc) -> list[Relation]:
    # A mutable list stored in doc.user_data, so components append to it.
    return doc.user_data.setdefault(("gb", "relations"), [])


def span_data(span: Span) -> Any:
    """What the component that made ``span`` attached to it (``span._.gb_data``)."""
    return span.doc.user_data.get(("gb", span.label_, span.start_char, span.end_char))


register_extensions()


def make_doc(
    nlp: Language,
    mapped: MappedText,
    *,
    source: SourceDocument,
    context: DocContext | None = None,
) -> Doc:
    """A Doc over ``mapped.text`` that knows where its characters came from."""
    doc = nlp.make_doc(mapped.text)
    doc._.gb_source = source
    doc._.gb_map = mapped
    doc._.gb_context = context or DocContext(source=source.name)
    return doc


def text_of(doc: Doc) -> str:
    """The Doc's text, without rebuilding it token by token.

    ``doc.text`` joins every token on each access (with one token per character,
    that is most of the time extraction takes); the normalised text the Doc was
    made from is the same string.
    """
    mapped = doc._.gb_map
    return mapped.text if mapped is not None else doc.text


def add_span(
    doc: Doc, key: str, start: int, end: int, label: str, data: Any = None
) -> Span | None:
    """Add the characters ``[start, end)`` to span group ``key``; attach ``data``."""
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None:
        return None
    group = doc.spans[key] if key in doc.spans else None
    if group is None:
        doc.spans[key] = [span]
    else:
        group.append(span)
    if data is not None:
        doc.user_data[("gb", label, span.start_char, span.end_char)] = data
    return span


def add_relation(doc: Doc, record: type, start: int, end: int, **values: Any) -> None:
    """Add a relation read from ``[start, end)`` of the Doc text."""
    doc._.gb_relations.append(Relation(record, start, end, values))


def article_of(doc: Doc, offset: int) -> Span | None:
    """The article holding Doc offset ``offset``."""
    for article in doc.spans.get(ARTICLES, []):
        if article.start_char <= offset < article.end_char:
            return article
    return None


def evidence(doc: Doc, start: int, end: int) -> Evidence:
    """Evidence for characters ``[start, end)`` of the Doc text, in source terms."""
    lo, hi = doc._.gb_map.source_span(start, end)
    source = doc._.gb_source
    return Evidence(source.name, lo, hi, source.text[lo:hi])


def to_facts(doc: Doc) -> DocumentFacts:
    """Every relation and article of ``doc`` as records with their evidence."""
    context = doc._.gb_context
    out = DocumentFacts(
        document=doc._.gb_source,
        title=context.title,
        kind=context.kind,
        region=context.region,
    )
    for index, span in enumerate(doc.spans.get(ARTICLES, [])):
        out.articles.append(
            Article(
                source=out.document.name,
                index=index,
                kind=span.label_,
                title=span._.gb_data or "",
                evidence=evidence(doc, span.start_char, span.end_char),
            )
        )
    for relation in doc._.gb_relations:
        getattr(out, _BUCKETS[relation.record]).append(_record(doc, relation))
    return out


def _record(doc: Doc, relation: Relation):
    names = {f.name for f in dataclass_fields(relation.record)}
    values = {
        k: evidence(doc, v.start, v.end) if isinstance(v, Quote) else v
        for k, v in relation.fields.items()
        if k in names
    }
    return relation.record(
        **values, evidence=evidence(doc, relation.start, relation.end)
    )
