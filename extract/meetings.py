"""Extract meetings (placeholder until the extractor lands)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["make_meetings"]


@Language.factory("gongbao_meetings")
def make_meetings(nlp: Language, name: str):
    """Create the meetings component."""
    return _noop


def _noop(doc: Doc) -> Doc:
    return doc


def merge_meetings(meetings: list) -> list:
    """Merge meeting records that share a key."""
    return meetings
