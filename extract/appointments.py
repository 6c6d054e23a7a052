"""Extract appointments (placeholder until the extractor lands)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["make_appointments"]


@Language.factory("gongbao_appointments")
def make_appointments(nlp: Language, name: str):
    """Create the appointments component."""
    return _noop


def _noop(doc: Doc) -> Doc:
    return doc
