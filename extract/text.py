r"""Text that remembers where each character came from.

Normalisation rewrites PDF-extracted text (joins broken lines, drops page numbers,
closes up padded names), but every fact must point back at the *source* text. A
:class:`MappedText` carries the rewritten text and, for each of its characters,
the offset of the source character it came from; rewriting steps compose.

The map is kept sparse: a list of breakpoints ``(i, offset)`` from which
characters map to consecutive source offsets, so a rewrite costs time in the
number of its matches, not in the length of the text.

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
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

__all__ = ["MappedText", "translate_chars"]

Replacement = str | Callable[[re.Match[str]], str]


@dataclass(frozen=True, slots=True)
class MappedText:
    """Rewritten text plus the source offset of each of its characters.

    ``starts[k]`` is where a run of characters begins in ``text`` and
    ``sources[k]`` the source offset of its first character; the run's
    characters map to consecutive offsets up to the next run. ``end`` is the
    source offset just past the end, so empty spans at the end still map.
    """

    text: str
    starts: tuple[int, ...]
    sources: tuple[int, ...]
    end: int
    _dense: list = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def identity(cls, text: str) -> MappedText:
        """Wrap source text unchanged."""
        return cls(text, (0,), (0,), len(text))

    @classmethod
    def from_offsets(cls, text: str, offsets) -> MappedText:
        """From one source offset per character plus the one past the end.

        >>> MappedText.from_offsets("ab", [3, 4, 9]).source_span(0, 2)
        (3, 5)
        """
        if len(offsets) != len(text) + 1:
            raise ValueError("from_offsets() needs len(text) + 1 offsets")
        runs = _Runs()
        for i, offset in enumerate(offsets[:-1]):
            runs.add(i, offset)
        return runs.done(text, offsets[-1])

    @property
    def offsets(self) -> tuple[int, ...]:
        """One source offset per character, and the one past the end (dense)."""
        if not self._dense:
            out: list[int] = []
            bounds = (*self.starts[1:], len(self.text))
            for start, stop, source in zip(
                self.starts, bounds, self.sources, strict=True
            ):
                out.extend(range(source, source + stop - start))
            out.append(self.end)
            self._dense.append(tuple(out))
        return self._dense[0]

    def __len__(self) -> int:
        return len(self.text)

    def offset(self, i: int) -> int:
        """The source offset of character ``i`` (``len(text)``: just past the end)."""
        if i >= len(self.text):
            return self.end
        k = bisect_right(self.starts, i) - 1
        return self.sources[k] + i - self.starts[k]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``[start, end)`` of this text to the source span it was read from."""
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span {start}:{end} outside text of {len(self.text)}")
        if start == end:
            return self.offset(start), self.offset(start)
        return self.offset(start), self.offset(end - 1) + 1

    def slice(self, start: int, end: int) -> MappedText:
        """The piece ``[start, end)``, still mapped to the source."""
        runs = _Runs()
        self._copy(runs, start, end, 0)
        return runs.done(self.text[start:end], self.offset(end))

    def _copy(self, runs: _Runs, start: int, end: int, at: int) -> None:
        """Add the map of ``[start, end)`` of this text to ``runs`` at ``at``."""
        if start >= end:
            return
        starts, sources = self.starts, self.sources
        k = bisect_right(starts, start) - 1
        runs.add(at, sources[k] + start - starts[k])
        k += 1
        while k < len(starts) and starts[k] < end:
            runs.add(at + starts[k] - start, sources[k])
            k += 1

    def sub(self, pattern: re.Pattern[str], repl: Replacement) -> MappedText:
        """Like ``pattern.sub(repl, text)``, keeping the map to the source.

        Characters of a replacement that also occur, in order, in the text they
        replace keep their own source offsets (so deleting spaces or line breaks is
        exact); any other inserted character maps to the start of its match.
        """
        if repl == "":
            return self._delete(pattern)
        if isinstance(repl, str) and "\\" not in repl:
            literal = repl
            repl = lambda match: literal  # noqa: E731 - skip template parsing

        def edits():
            for match in pattern.finditer(self.text):
                new = repl(match) if callable(repl) else match.expand(repl)
                if new != match[0]:  # a match put back as it was is no edit
                    yield match.start(), match.end(), new, None

        return self._splice(edits())

    def _delete(self, pattern: re.Pattern[str]) -> MappedText:
        """``sub(pattern, "")``: what is kept is copied piece by piece.

        No replacement is made or compared per match; a text that is one run of
        its source (fast path) needs no lookup in the map either.
        """
        kept = _kept(pattern, self.text)
        if kept is None:
            return self
        text = "".join([self.text[start:end] for start, end in kept])
        if len(self.starts) > 1:
            runs = _Runs()
            at = 0
            for start, end in kept:
                self._copy(runs, start, end, at)
                at += end - start
            return runs.done(text, self.end)
        if not kept:
            return MappedText("", (0,), (self.end,), self.end)
        base = self.sources[0] - self.starts[0]
        starts = accumulate([end - start for start, end in kept[:-1]], initial=0)
        sources = [base + start for start, _ in kept]
        return MappedText(text, tuple(starts), tuple(sources), self.end)

    def blank(self, spans, fill: str = "\n") -> MappedText:
        """Replace each ``[start, end)`` span of this text by ``fill``.

        >>> MappedText.identity("ab[nav]cd").blank([(2, 7)], fill="|").text
        'ab|cd'
        """

        def edits():
            pos = 0
            for start, end in sorted(spans):
                start, end = max(start, pos), min(end, len(self.text))
                if start < end:
                    yield start, end, fill, [self.offset(start)] * len(fill)
                    pos = end

        return self._splice(edits())

    def _splice(self, edits) -> MappedText:
        """The text with each ``(start, end, new, offsets)`` edit made, in order.

        ``offsets`` maps ``new``'s characters to the source; ``None`` keeps the
        offsets of a same-length replacement, or aligns ``new`` with what it
        replaces (:func:`_align`).
        """
        text = self.text
        pieces: list[str] = []
        runs = _Runs()
        pos = at = 0
        for start, end, new, offsets in edits:
            self._copy(runs, pos, start, at)
            pieces.append(text[pos:start])
            at += start - pos
            if new:
                if offsets is None and len(new) == end - start:
                    self._copy(runs, start, end, at)
                elif offsets is None and new.startswith(text[start:end]):
                    # What it replaces, then characters added: those map to the
                    # start of the match (what _align gives, without a search).
                    self._copy(runs, start, end, at)
                    added = self.offset(start)
                    for j in range(end - start, len(new)):
                        runs.add(at + j, added)
                else:
                    if offsets is None:
                        offsets = _align(new, text, start, end, self)
                    for j, offset in enumerate(offsets):
                        runs.add(at + j, offset)
                pieces.append(new)
                at += len(new)
            pos = end
        if not pieces:
            return self
        self._copy(runs, pos, len(text), at)
        pieces.append(text[pos:])
        return runs.done("".join(pieces), self.end)

    def replace_chars(self, new: str) -> MappedText:
        """The same characters' places, rewritten one for one as ``new``."""
        if len(new) != len(self.text):
            raise ValueError("replace_chars() needs a text of the same length")
        return MappedText(new, self.starts, self.sources, self.end)

    def translate(self, table: dict[int, int | str | None]) -> MappedText:
        """Character-for-character ``str.translate``; the table must map 1:1."""
        new = translate_chars(self.text, table)
        if len(new) != len(self.text):
            raise ValueError("translate() needs a one-to-one table; use sub()")
        return MappedText(new, self.starts, self.sources, self.end)


def translate_chars(text: str, table: dict[int, int | str | None]) -> str:
    """``text.translate(table)`` for a table of a few characters, much faster.

    ``str.translate`` looks every character of a long Chinese text up in the
    table; a character class of the table's keys skips to the few it holds.

    >>> translate_chars("甲\u3000乙", str.maketrans({"\u3000": " "}))
    '甲 乙'
    """
    keys = _table_keys(tuple(table))
    if keys.search(text) is None:
        return text
    return keys.sub(lambda m: m[0].translate(table), text)


def _kept(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]] | None:
    """The pieces of ``text`` between the matches of ``pattern``; ``None``: no match.

    Empty matches delete nothing: they neither split a piece nor count.

    >>> _kept(re.compile(" +"), " 侯 伟"), _kept(re.compile("x*"), "侯伟")
    ([(1, 2), (3, 4)], None)
    """
    kept = []
    pos = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        if start == end:
            continue
        if start > pos:
            kept.append((pos, start))
        pos = end
    if pos == 0:
        return None
    if pos < len(text):
        kept.append((pos, len(text)))
    return kept


@lru_cache(maxsize=32)
def _table_keys(keys: tuple[int, ...]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(k)) for k in keys) + "]")


class _Runs:
    """Breakpoints being collected, merged when a run just continues."""

    __slots__ = ("sources", "starts")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.sources: list[int] = []

    def add(self, at: int, source: int) -> None:
        """Character ``at`` (and those after it) map from ``source`` on."""
        starts, sources = self.starts, self.sources
        if starts:
            if starts[-1] == at:  # an empty run before: replace it
                starts.pop()
                sources.pop()
                if starts and sources[-1] + at - starts[-1] == source:
                    return
            elif sources[-1] + at - starts[-1] == source:
                return  # continues the run
        starts.append(at)
        sources.append(source)

    def done(self, text: str, end: int) -> MappedText:
        if not self.starts:
            return MappedText(text, (0,), (end,), end)
        return MappedText(text, tuple(self.starts), tuple(self.sources), end)


def _align(new: str, text: str, start: int, end: int, mapped: MappedText) -> list[int]:
    """Source offsets for the replacement ``new`` of ``text[start:end]``."""
    out: list[int] = []
    cursor = start
    for char in new:
        found = text.find(char, cursor, end)
        if found == -1:
            out.append(mapped.offset(start))
        else:
            out.append(mapped.offset(found))
            cursor = found + 1
    return out
