"""Extract attendance (placeholder until the extractor lands)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["make_attendance"]


@Language.factory("gongbao_attendance")
def make_attendance(nlp: Language, name: str):
    """Create the attendance component."""
    return _noop


def _noop(doc: Doc) -> Doc:
    return doc
