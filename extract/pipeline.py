"""From a decoded source document to :class:`~extract.records.DocumentFacts`.

The flow, one module per arrow::

    SourceDocument -> normalize -> context -> one spaCy Doc per document
    -> components: segment (articles), meetings (meeting spans), attendance,
       reports, appointments, laws, reviews, issue (merges across the issue)
    -> doc.to_facts -> DocumentFacts

Each component declares what it ``requires`` and ``assigns``; the pipeline's own
analysis (``nlp.analyze_pipes``) checks the order.

>>> from gongbao.extract.records import SourceDocument
>>> text = "会议由区人大常委会副主任王明主持。"
>>> facts = extract_document(SourceDocument("a.txt", "a.txt", text, "utf-8", ""))
>>> facts.document.name
'a.txt'
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache

import spacy
from spacy.language import Language

from . import (  # noqa: F401 - registers the component factories
    appointments,
    attendance,
    issue,
    laws,
    meetings,
    reports,
    reviews,
    segment,
)
from .context import read_context
from .doc import make_doc, to_facts
from .normalize import normalize
from .records import DocumentFacts, SourceDocument
from .tokenizer import CharTokenizer

__all__ = ["COMPONENTS", "StageTimer", "build_nlp", "extract_document", "get_nlp"]

#: Pipeline components, in the order they run.
COMPONENTS = (
    "gongbao_segment",
    "gongbao_meetings",
    "gongbao_attendance",
    "gongbao_reports",
    "gongbao_appointments",
    "gongbao_laws",
    "gongbao_reviews",
    "gongbao_issue",
)


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


#: A stage timer: ``stage("normalise")`` returns a context manager around it.
StageTimer = Callable[[str], AbstractContextManager]


def _untimed(stage: str) -> AbstractContextManager:
    return nullcontext()


def extract_document(
    source: SourceDocument,
    *,
    nlp: Language | None = None,
    stage: StageTimer = _untimed,
) -> DocumentFacts:
    """Run the whole extraction on one document.

    ``stage(name)`` wraps each stage (``normalise``, ``segment``, ``extract``) so
    a benchmark can time them without a second copy of this flow.
    """
    nlp = nlp or get_nlp()
    with stage("normalise"):
        mapped = normalize(source.text, furniture=source.furniture)
    with stage("segment"):
        context = read_context(mapped, source)
        doc = make_doc(nlp, mapped, source=source, context=context)
        pipeline = iter(nlp.pipeline)
        for name, component in pipeline:
            doc = component(doc)
            if name == "gongbao_segment":
                break
    with stage("extract"):
        for _, component in pipeline:
            doc = component(doc)
        return to_facts(doc)
