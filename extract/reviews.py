"""Extract reviews (placeholder until the extractor lands)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["make_reviews"]


@Language.factory("gongbao_reviews")
def make_reviews(nlp: Language, name: str):
    """Create the reviews component."""
    return _noop


def _noop(doc: Doc) -> Doc:
    return doc
