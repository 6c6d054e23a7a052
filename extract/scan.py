r"""Fast scans: regexes tried only where a match can be, many words at once.

Two tools for the rules' hot loops, both giving exactly what the slow scan gives:

- :func:`finditer_within`: ``pattern.finditer(text)``, but the pattern is only
  tried inside stretches of ``text`` found by a cheaper scan. A rule
  whose every match holds a fixed word and none of a few stop characters (a
  chair is named in a clause holding 主持; a date is a run of numerals holding
  月) is then tried in those clauses or runs only, not at every character.
- :class:`Words`: every one of thousands of words (names of divisions) found in
  one pass of an Aho-Corasick automaton (``ahocorasick_rs``), leftmost and
  longest first, as a regex alternation of the words sorted longest first finds
  them, at a fraction of the cost.

>>> import re
>>> pattern = re.compile(r"[^，。]{2,6}?主持")
>>> text = "会议听取了报告。会议由张三主持，通过了决定。"
>>> spans = clauses_holding(text, "主持", stops="，。")
>>> [m[0] for m in finditer_within(pattern, text, spans)]
['会议由张三主持']
>>> spans = clauses_holding(text, "主持", stops="，。")
>>> [m[0] for m in finditer_within(pattern, text, spans)] == pattern.findall(text)
True
>>> Words(["青湖区", "青湖区东"]).find("在青湖区东路和青湖区")
[('青湖区东', 1, 5), ('青湖区', 7, 10)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import ahocorasick_rs

__all__ = ["Words", "clauses_holding", "finditer_within", "runs_holding"]


def finditer_within(
    pattern: re.Pattern[str], text: str, spans: Iterable[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, searched only in ``spans``.

    ``spans`` are ``[start, end)`` stretches of ``text`` in order, not
    overlapping. Exact when every match of ``pattern`` lies inside one of them
    and ``pattern`` looks at nothing outside its own match (no lookaround, no
    anchors): take them from :func:`clauses_holding` or :func:`runs_holding`,
    by what every match of ``pattern`` holds.
    """
    for start, end in spans:
        yield from pattern.finditer(text, start, end)


def clauses_holding(text: str, word: str, *, stops: str) -> Iterator[tuple[int, int]]:
    """The maximal stretches of ``text`` without ``stops`` that hold ``word``."""
    stop = _stop_class(stops)
    floor = 0  # just past the last clause's stop: no clause starts before it
    at = text.find(word)
    while at != -1:
        start = max(floor, *(text.rfind(c, floor, at) + 1 for c in stops))
        after = stop.search(text, at)
        end = after.start() if after else len(text)
        yield start, end
        floor = end + 1
        at = text.find(word, end)


def runs_holding(*words: str, chars: str) -> re.Pattern[str]:
    """A pattern for the maximal runs of ``chars`` (a class body) holding a word.

    Its matches' spans are what :func:`finditer_within` takes.
    """
    either = "|".join(map(re.escape, words))
    return re.compile(f"[{chars}]*(?:{either})[{chars}]*")


@lru_cache(maxsize=64)
def _stop_class(stops: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(stops)}]")


class Words:
    """A fixed set of words, found leftmost-longest in one automaton pass.

    Words and texts are all ``str`` or all ``bytes`` (offsets in characters or
    in bytes).
    """

    def __init__(self, words: Iterable[str] | Iterable[bytes]) -> None:
        self.words = sorted(set(words), key=lambda w: (-len(w), w))
        binary = bool(self.words) and isinstance(self.words[0], bytes)
        kind = ahocorasick_rs.BytesAhoCorasick if binary else ahocorasick_rs.AhoCorasick
        self._automaton = kind(
            self.words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        )

    def find(self, text):
        """``(word, start, end)`` of each non-overlapping word found in ``text``."""
        words = self.words
        return [
            (words[i], start, end)
            for i, start, end in self._automaton.find_matches_as_indexes(text)
        ]
