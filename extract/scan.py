r"""Fast scans: regexes tried only where a match can be, many words at once.

Two tools for the rules' hot loops, both giving exactly what the slow scan gives:

- :func:`finditer_within`: ``pattern.finditer(text)``, but the pattern is only
  tried inside stretches of ``text`` found by a cheaper scan. A rule
  whose every match holds a fixed word and none of a few stop characters (a
  chair is named in a clause holding 主持; a date is a run of numerals holding
  月) is then tried in those clauses or runs only, not at every character; a
  rule whose every match ends with one of a few words, at most so many
  characters after its start (a region named before 人民政府), in the stretches
  reaching back that far from each of the words (:func:`stretches_ending`, the
  reach read off the pattern by :func:`widest`).
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
>>> before = r"[\u4e00-\u9fff]{2}[市区县]"
>>> words = ["人民政府", "人大常委会"]
>>> ending = re.compile(before + "(?:人民政府|人大常委会)")
>>> text = "会议听取了明川市人民政府的报告，青湖区人大常委会审议。"
>>> spans = stretches_ending(text, words, reach=widest(before))
>>> [m[0] for m in finditer_within(ending, text, spans)]
['明川市人民政府', '青湖区人大常委会']
>>> [m[0] for m in finditer_within(ending, text, spans)] == ending.findall(text)
True
>>> Words(["青湖区", "青湖区东"]).find("在青湖区东路和青湖区")
[('青湖区东', 1, 5), ('青湖区', 7, 10)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import ahocorasick_rs

__all__ = [
    "Words",
    "clauses_holding",
    "finditer_within",
    "runs_holding",
    "stretches_ending",
    "widest",
]


def finditer_within(
    pattern: re.Pattern[str], text: str, spans: Iterable[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, searched only in ``spans``.

    ``spans`` are ``[start, end)`` stretches of ``text`` in order, not
    overlapping. Exact when every match of ``pattern`` lies inside one of them
    and ``pattern`` looks at nothing outside its own match (no lookaround, no
    anchors): take them from :func:`clauses_holding`, :func:`runs_holding` or
    :func:`stretches_ending`, by what every match of ``pattern`` holds.
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


def stretches_ending(
    text: str, words: Iterable[str], *, reach: int
) -> list[tuple[int, int]]:
    """Stretches of ``text`` from ``reach`` characters before a word to its end.

    One stretch per occurrence of each of ``words`` (overlapping ones too),
    merged where they overlap or touch, in order: where a pattern can match
    when each of its matches ends with one of ``words`` and starts at most
    ``reach`` characters before it.

    >>> stretches_ending("甲乙丙政府丁戊己庚政府", ["政府"], reach=2)
    [(1, 5), (7, 11)]
    >>> stretches_ending("甲乙丙政府丁政府", ["政府"], reach=2)
    [(1, 8)]
    """
    found = []
    for word in words:
        at = text.find(word)
        while at != -1:
            found.append((max(0, at - reach), at + len(word)))
            at = text.find(word, at + 1)
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def widest(pattern: str) -> int:
    """The most characters a match of ``pattern`` (a regex source) can hold.

    Read from the parsed pattern, so a reach follows the pattern's quantifiers.

    >>> widest(r"第?[一二三]{1,3}届"), widest(r"(?:市|自治区){1,2}?")
    (5, 6)
    """
    low, high = re._parser.parse(pattern).getwidth()
    if high >= re._constants.MAXREPEAT:
        raise ValueError(f"pattern {pattern!r} has no longest match: bound it")
    return high


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
