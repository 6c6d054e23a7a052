"""Extract laws (placeholder until the extractor lands)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["make_laws"]


@Language.factory("gongbao_laws")
def make_laws(nlp: Language, name: str):
    """Create the laws component."""
    return _noop


def _noop(doc: Doc) -> Doc:
    return doc
