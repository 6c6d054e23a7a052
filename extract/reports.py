"""Extract reports (placeholder until the extractor lands)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["make_reports"]


@Language.factory("gongbao_reports")
def make_reports(nlp: Language, name: str):
    """Create the reports component."""
    return _noop


def _noop(doc: Doc) -> Doc:
    return doc
