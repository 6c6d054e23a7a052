"""Repair PDF-extracted text while keeping the map to the source (first version)."""

from __future__ import annotations

import re

from .text import MappedText

__all__ = ["normalize"]

_FULLWIDTH_SPACE = re.compile("[\u3000\u00a0]")


def normalize(text: str) -> MappedText:
    """Normalise a bulletin's text."""
    return MappedText.identity(text).sub(_FULLWIDTH_SPACE, " ")
