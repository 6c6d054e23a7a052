"""The spaCy side: Doc extensions every gongbao component reads and writes.

One spaCy ``Doc`` is made per article; its text is the article's *normalised* text.
Components put entity spans into ``doc.spans[SPANS_KEY]`` and relation records
(see :mod:`extract.records`) into ``doc._.gb_facts``. :func:`evidence` maps a
character span of the Doc back to the source file.

>>> import spacy
>>> from extract.text import MappedText
>>> nlp = spacy.blank("zh")
>>> src = "出 席：侯 伟"
>>> mapped = MappedText.identity(src).sub(__import__("re").compile(" "), "")
>>> doc = make_doc(nlp, mapped, source="a.txt", source_text=src)
>>> evidence(doc, 3, 5).quote
'侯 伟'
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from .context import DocContext
from .records import Evidence
from .text import MappedText

__all__ = [
    "SPANS_KEY",
    "add_records",
    "evidence",
    "facts",
    "make_doc",
    "register_extensions",
    "text_of",
]

#: Key of ``doc.spans`` under which components store entity mentions.
SPANS_KEY = "gb_entities"

_EXTENSIONS = ("gb_source", "gb_source_text", "gb_map", "gb_article", "gb_context")


def register_extensions() -> None:
    """Declare gongbao's Doc extensions (idempotent)."""
    for name in _EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("gb_facts"):
        Doc.set_extension("gb_facts", getter=_facts_getter)


def _facts_getter(doc: Doc) -> list:
    # A mutable list stored in doc.user_data, so components append to it.
    return doc.user_data.setdefault(("gb", "facts"), [])


register_extensions()


def make_doc(
    nlp: Language,
    mapped: MappedText,
    *,
    source: str,
    source_text: str,
    article=None,
    context: DocContext | None = None,
) -> Doc:
    """A Doc over ``mapped.text`` that knows where its characters came from."""
    doc = nlp.make_doc(mapped.text)
    doc._.gb_source = source
    doc._.gb_source_text = source_text
    doc._.gb_map = mapped
    doc._.gb_article = article
    doc._.gb_context = context or DocContext(source=source)
    return doc


def text_of(doc: Doc) -> str:
    """The Doc's text, without rebuilding it token by token.

    ``doc.text`` joins every token on each access (with one token per character,
    that is most of the time extraction takes); the normalised text the Doc was
    made from is the same string.
    """
    mapped = doc._.gb_map
    return mapped.text if mapped is not None else doc.text


def add_records(doc: Doc, records, label: str) -> None:
    """Add records found in Doc offsets: labelled spans, evidence mapped to source."""
    spans = list(doc.spans.get(SPANS_KEY, []))
    for record in records:
        ev = record.evidence
        span = doc.char_span(ev.start, ev.end, label=label)
        if span is not None:
            spans.append(span)
        facts(doc).append(replace(record, evidence=evidence(doc, ev.start, ev.end)))
    doc.spans[SPANS_KEY] = spans


def evidence(doc: Doc, start: int, end: int) -> Evidence:
    """Evidence for characters ``[start, end)`` of ``doc.text``, in source terms."""
    lo, hi = doc._.gb_map.source_span(start, end)
    return Evidence(doc._.gb_source, lo, hi, doc._.gb_source_text[lo:hi])


def facts(doc: Doc) -> list:
    """The relation records components have added to ``doc``."""
    return doc._.gb_facts
