"""Dates as bulletins print them.

Forms: 2020年4月29日, 2020 年 4 月 29 日, 二〇一八年五月三十日.

A date without a year ("4 月 16 日") is kept with ``year=None``; the caller fills the
year from the issue's bylines (:func:`complete`).

>>> [(d.iso, d.start, d.end) for d in find_dates("2020 年 4 月 29 日上午")]
[('2020-04-29', 0, 15)]
>>> find_dates("二〇一八年五月三十日")[0].iso
'2018-05-30'
>>> d = find_dates("4 月 16 日，会议")[0]
>>> d.year is None, complete(d, 2021).iso
(True, '2021-04-16')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from .numerals import to_int

__all__ = ["DATE_PATTERN", "FoundDate", "complete", "find_dates"]

_Y = r"(?:(?P<y>(?:1[89]|20)\d\d|[〇○零一二三四五六七八九]{4})\s*年\s*)"
_M = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月\s*"
_D = (
    r"(?P<d>3[01]|[12]\d|0?[1-9]"
    r"|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])\s*日"
)

#: A date, with or without its year.
DATE_PATTERN = re.compile(_Y + "?" + _M + _D)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in text, ``[start, end)`` in that text."""

    year: int | None
    month: int
    day: int
    start: int
    end: int

    @property
    def iso(self) -> str | None:
        """ISO 8601 ``YYYY-MM-DD``, or ``None`` while the year is unknown."""
        if self.year is None:
            return None
        return date(self.year, self.month, self.day).isoformat()


def find_dates(text: str) -> list[FoundDate]:
    """Every valid calendar date in ``text``, in order."""
    found = []
    for match in DATE_PATTERN.finditer(text):
        year = to_int(match["y"]) if match["y"] else None
        month, day = to_int(match["m"]), to_int(match["d"])
        if month is None or day is None:
            continue
        try:
            date(year or 2000, month, day)
        except ValueError:
            continue
        found.append(FoundDate(year, month, day, match.start(), match.end()))
    return found


def complete(found: FoundDate, year: int | None) -> FoundDate:
    """Give a year-less date the year of its issue."""
    if found.year is not None or year is None:
        return found
    return replace(found, year=year)
