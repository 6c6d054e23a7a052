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

from ..errors import InputError
from . import (  # noqa: F401 - registers the component factories
    appointments,
    attendance,
    counts,
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

__all__ = [
    "COMPONENTS",
    "MAX_CHARS",
    "StageTimer",
    "build_nlp",
    "extract_document",
    "get_nlp",
]

#: Longest document text extracted, in characters. One spaCy token per character
#: costs about 300 MB of memory per million characters; ``gongbao build
#: --max-chars N`` (``max_chars=`` here) raises it.
MAX_CHARS = 1_000_000

#: Pipeline components, in the order they run.
COMPONENTS = (
    "gongbao_segment",
    "gongbao_meetings",
    "gongbao_attendance",
    "gongbao_counts",
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
    max_chars: int = MAX_CHARS,
    stage: StageTimer = _untimed,
) -> DocumentFacts:
    """Run the whole extraction on one document.

    A text longer than ``max_chars`` is an :class:`~gongbao.errors.InputError`
    saying so (not spaCy's E088). ``stage(name)`` wraps each stage
    (``normalise``, ``segment``, ``extract``) so a benchmark can time them
    without a second copy of this flow.
    """
    nlp = nlp or get_nlp()
    if len(source.text) > max_chars:
        raise InputError(
            source.path or source.name,
            f"text is {len(source.text):,} characters, over the {max_chars:,}-"
            "character limit of one document",
            "split it into issues, or raise the limit with `gongbao build "
            "--max-chars N`; extraction needs about 300 MB of memory per million "
            "characters",
        )
    nlp.max_length = max(nlp.max_length, max_chars + 1)
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
