"""From a decoded source document to :class:`~extract.records.DocumentFacts`.

The flow, one module per arrow::

    SourceDocument -> normalize -> context -> segment -> one spaCy Doc per article
    -> components (meetings, attendance, reports, appointments, laws, reviews)
    -> DocumentFacts

>>> from extract.io import decode
>>> from extract.records import SourceDocument
>>> text = "会议由区人大常委会副主任王明主持。"
>>> facts = extract_document(SourceDocument("a.txt", "a.txt", text, "utf-8", ""))
>>> facts.document.name
'a.txt'
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from . import appointments, attendance, laws, meetings, reports, reviews  # noqa: F401
from .context import DocContext
from .doc import facts as doc_facts
from .doc import make_doc
from .normalize import normalize
from .records import (
    Appointment,
    Article,
    Attendance,
    DocumentFacts,
    LawCitation,
    Meeting,
    Mention,
    Report,
    Review,
    SourceDocument,
)
from .segment import segment
from .tokenizer import CharTokenizer

__all__ = ["COMPONENTS", "build_nlp", "extract_document", "get_nlp"]

#: Pipeline components, in the order they run.
COMPONENTS = (
    "gongbao_meetings",
    "gongbao_attendance",
    "gongbao_reports",
    "gongbao_appointments",
    "gongbao_laws",
    "gongbao_reviews",
)

_BUCKETS = {
    Meeting: "meetings",
    Attendance: "attendance",
    Report: "reports",
    Appointment: "appointments",
    LawCitation: "laws",
    Review: "reviews",
    Mention: "mentions",
}


def build_nlp() -> Language:
    """A blank Chinese pipeline, character tokens, gongbao's components."""
    nlp = spacy.blank("zh")
    nlp.tokenizer = CharTokenizer(nlp.vocab)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline of this process (built once)."""
    return build_nlp()


def extract_document(
    source: SourceDocument, *, nlp: Language | None = None
) -> DocumentFacts:
    """Run the whole extraction on one document."""
    nlp = nlp or get_nlp()
    mapped = normalize(source.text)
    context = _read_context(mapped, source.name)
    # Meetings named anywhere in the issue, in source offsets: an article that
    # names none (an attendance annex) belongs to the one named last before it.
    context.extra["meetings"] = [
        (mapped.source_span(m.start, m.end)[0], m.key)
        for m in meetings.find_meeting_mentions(mapped.text, context)
    ]
    out = DocumentFacts(
        document=source, title=context.title, kind=context.kind, region=context.region
    )
    for index, piece in enumerate(segment(mapped, context)):
        start, end = mapped.source_span(piece.start, piece.end)
        out.articles.append(
            Article(
                source=source.name,
                index=index,
                kind=piece.kind,
                title=piece.title,
                evidence=_evidence(source, start, end),
            )
        )
        doc = make_doc(
            nlp,
            mapped.slice(piece.start, piece.end),
            source=source.name,
            source_text=source.text,
            article=out.articles[-1],
            context=context,
        )
        for _, component in nlp.pipeline:
            doc = component(doc)
        for record in doc_facts(doc):
            getattr(out, _BUCKETS[type(record)]).append(record)
    out.meetings = meetings.merge_meetings(out.meetings)
    out.attendance = attendance.prefer_lists(out.attendance)
    return out


def _read_context(mapped, name: str) -> DocContext:
    from .context import read_context

    return read_context(mapped, name)


def _evidence(source: SourceDocument, start: int, end: int):
    from .records import Evidence

    return Evidence(source.name, start, end, source.text[start:end])
