"""Cut a normalised issue into articles (first version: one article)."""

from __future__ import annotations

from dataclasses import dataclass

from .context import DocContext
from .text import MappedText

__all__ = ["Piece", "segment"]


@dataclass(frozen=True, slots=True)
class Piece:
    """An article's kind, title and ``[start, end)`` in the normalised text."""

    kind: str
    title: str
    start: int
    end: int


def segment(mapped: MappedText, context: DocContext) -> list[Piece]:
    """Split the issue into articles."""
    return [Piece("other", context.title, 0, len(mapped.text))]
