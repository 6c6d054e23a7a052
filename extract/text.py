r"""Text that remembers where each character came from.

Normalisation rewrites PDF-extracted text (joins broken lines, drops page numbers,
closes up padded names), but every fact must point back at the *source* text. A
:class:`MappedText` carries the rewritten text and, for each of its characters,
the offset of the source character it came from; rewriting steps compose.

>>> import re
>>> mt = MappedText.identity("侯 伟\n出席")
>>> closed = mt.sub(re.compile(r"(?<=侯) (?=伟)"), "")
>>> closed.text
'侯伟\n出席'
>>> closed.source_span(0, 2)
(0, 3)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["MappedText"]

Replacement = str | Callable[[re.Match[str]], str]


@dataclass(frozen=True, slots=True)
class MappedText:
    """Rewritten text plus ``offsets[i]``: the source offset of character ``i``.

    ``offsets`` has ``len(text) + 1`` entries; the last is the source offset just
    past the end, so empty spans at the end still map.
    """

    text: str
    offsets: tuple[int, ...]

    @classmethod
    def identity(cls, text: str) -> MappedText:
        """Wrap source text unchanged."""
        return cls(text, tuple(range(len(text) + 1)))

    def __len__(self) -> int:
        return len(self.text)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``[start, end)`` of this text to the source span it was read from."""
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span {start}:{end} outside text of {len(self.text)}")
        if start == end:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    def slice(self, start: int, end: int) -> MappedText:
        """The piece ``[start, end)``, still mapped to the source."""
        stop = self.offsets[end] if end < len(self.text) else self.offsets[-1]
        return MappedText(self.text[start:end], self.offsets[start:end] + (stop,))

    def sub(self, pattern: re.Pattern[str], repl: Replacement) -> MappedText:
        """Like ``pattern.sub(repl, text)``, keeping the map to the source.

        Characters of a replacement that also occur, in order, in the text they
        replace keep their own source offsets (so deleting spaces or line breaks is
        exact); any other inserted character maps to the start of its match.
        """
        text, src = self.text, self.offsets
        if isinstance(repl, str) and "\\" not in repl:
            literal = repl
            repl = lambda match: literal  # noqa: E731 - skip template parsing
        pieces: list[str] = []
        offs: list[int] = []
        pos = 0
        for match in pattern.finditer(text):
            start, end = match.span()
            pieces.append(text[pos:start])
            offs.extend(src[pos:start])
            new = repl(match) if callable(repl) else match.expand(repl)
            pieces.append(new)
            offs.extend(_align(new, text, start, end, src))
            pos = end
        if not pieces:
            return self
        pieces.append(text[pos:])
        offs.extend(src[pos:])
        return MappedText("".join(pieces), tuple(offs))

    def blank(self, spans, fill: str = "\n") -> MappedText:
        """Replace each ``[start, end)`` span of this text by ``fill``.

        >>> MappedText.identity("ab[nav]cd").blank([(2, 7)], fill="|").text
        'ab|cd'
        """
        text, src = self.text, self.offsets
        pieces: list[str] = []
        offs: list[int] = []
        pos = 0
        for start, end in sorted(spans):
            start, end = max(start, pos), min(end, len(text))
            if start >= end:
                continue
            pieces.append(text[pos:start])
            offs.extend(src[pos:start])
            pieces.append(fill)
            offs.extend([src[start]] * len(fill))
            pos = end
        if not pieces:
            return self
        pieces.append(text[pos:])
        offs.extend(src[pos:])
        return MappedText("".join(pieces), tuple(offs))

    def replace_chars(self, new: str) -> MappedText:
        """The same characters' places, rewritten one for one as ``new``."""
        if len(new) != len(self.text):
            raise ValueError("replace_chars() needs a text of the same length")
        return MappedText(new, self.offsets)

    def translate(self, table: dict[int, int | str | None]) -> MappedText:
        """Character-for-character ``str.translate``; the table must map 1:1."""
        new = self.text.translate(table)
        if len(new) != len(self.text):
            raise ValueError("translate() needs a one-to-one table; use sub()")
        return MappedText(new, self.offsets)


def _align(
    new: str, text: str, start: int, end: int, src: tuple[int, ...]
) -> list[int]:
    """Source offsets for the replacement ``new`` of ``text[start:end]``."""
    if len(new) == end - start:
        return list(src[start:end])
    out: list[int] = []
    cursor = start
    for char in new:
        found = text.find(char, cursor, end)
        if found == -1:
            out.append(src[start] if start < end else src[start])
        else:
            out.append(src[found])
            cursor = found + 1
    return out
