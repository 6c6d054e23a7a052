"""Dates as bulletins and news items print them, and the document's clock.

Forms: 2020年4月29日, 2020 年 4 月 29 日, 二〇一八年五月三十日; in news, a day
alone ("28日", "二十三日", "今(26)日") whose month and year come from the date the
item was published.

A date without a year ("4 月 16 日") is kept with ``year=None``; :func:`complete`
fills it from the document's clock: the day the page was published (the latest
such date on or before it) or, failing that, the issue's year.

>>> [(d.iso, d.start, d.end) for d in find_dates("2020 年 4 月 29 日上午")]
[('2020-04-29', 0, 15)]
>>> find_dates("二〇一八年五月三十日")[0].iso
'2018-05-30'
>>> d = find_dates("4 月 16 日，会议")[0]
>>> d.year is None, complete(d, 2021).iso
(True, '2021-04-16')
>>> complete(find_dates("12月30日")[0], date(2025, 1, 2)).iso  # published in January
'2024-12-30'
>>> day = find_day(" 28日，")
>>> (day.start, day.end), complete_day(day, date(2024, 5, 29))
((1, 4), '2024-05-28')
>>> date_from_url("http://example.cn/2018-04/27/content_1.htm")
(2018, 4, 27)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from .numerals import to_int
from .scan import finditer_within, runs_holding

__all__ = [
    "DATE_PATTERN",
    "FoundDate",
    "FoundDay",
    "complete",
    "complete_day",
    "date_from_url",
    "find_dates",
    "find_day",
    "parse_iso",
]

_Y = r"(?:(?P<y>(?:1[89]|20)\d\d|[〇○零一二三四五六七八九]{4})\s*年\s*)"
_M = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月\s*"
_D = (
    r"(?P<d>3[01]|[12]\d|0?[1-9]"
    r"|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])\s*日"
)

#: A date, with or without its year.
DATE_PATTERN = re.compile(_Y + "?" + _M + _D)
# The runs of characters a date is written in that hold a month: a date is
# looked for only there (see extract.scan).
_DATE_RUNS = runs_holding("月", chars=r"\d〇○零一二三四五六七八九十年月日\s")


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
    runs = (run.span() for run in _DATE_RUNS.finditer(text))
    for match in finditer_within(DATE_PATTERN, text, runs):
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


#: A document's clock: the day it was published, or the year of the issue.
Clock = date | int | None


def complete(found: FoundDate, clock: Clock) -> FoundDate:
    """Give a year-less date its year from the document's ``clock``.

    With a publication date, the year is the one that puts the date on or before
    it (a December meeting reported in January is last year's); with a year,
    that year.
    """
    if found.year is not None or clock is None:
        return found
    if isinstance(clock, date):
        year = clock.year
        if (found.month, found.day) > (clock.month, clock.day):
            year -= 1
        return replace(found, year=year)
    return replace(found, year=clock)


_DAY = re.compile(
    r"(?<![\d月年号〇零一二三四五六七八九十])(?:今|昨)?[（(]?"
    r"(?P<d>3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
    r"[）)]?日(?![报电讯])"
)


@dataclass(frozen=True, slots=True)
class FoundDay:
    """A day printed alone ("28日"), ``[start, end)`` in its text."""

    day: int
    start: int
    end: int


def find_day(text: str) -> FoundDay | None:
    """The first day printed without its month in ``text``."""
    for match in _DAY.finditer(text):
        day = to_int(match["d"])
        if day:
            return FoundDay(day, match.start(), match.end())
    return None


def complete_day(found: FoundDay, published: date | None) -> str | None:
    """The ISO date of a bare day: the latest such day on or before ``published``."""
    if published is None:
        return None
    year, month = published.year, published.month
    if found.day > published.day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    try:
        return date(year, month, found.day).isoformat()
    except ValueError:
        return None


_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/_]?(?P<m>0[1-9]|1[0-2])(?:[-/_]?(?P<d>0[1-9]|[12]\d|3[01]))?(?!\d)"
)
_URL_YEAR = re.compile(r"/(?P<y>(?:19|20)\d\d)/")


def date_from_url(url: str) -> tuple[int, int | None, int | None] | None:
    """``(year, month, day)`` a URL's path carries (``/2018-04/27/``, ``/201604/``).

    >>> date_from_url("http://a.cn/html/2011/rj_1011/1.shtml")
    (2011, None, None)
    >>> date_from_url("http://a.cn/maanshan/hexian/201604/809421.html")
    (2016, 4, None)
    >>> date_from_url("http://a.cn/xwzx/201709/t20170928_1.html")
    (2017, 9, 28)
    """
    path = re.sub(r"^[a-z]+://[^/]*", "", url or "")
    path = re.sub(r"(?<=\d{4}-\d\d)/(?=\d\d/)", "-", path)  # 2018-04/27/
    found = [
        (int(m["y"]), int(m["m"]), int(m["d"]) if m["d"] else None)
        for m in _URL_DATE.finditer(path)
    ]
    if found:  # the fullest: "/201709/t20170928_1.html" is 28 September
        return next((f for f in found if f[2] is not None), found[0])
    match = _URL_YEAR.search(path)
    return (int(match["y"]), None, None) if match else None


def parse_iso(text: str) -> date | None:
    """``2024-05-29`` (or a longer timestamp) -> a date; ``None`` when it is not one."""
    try:
        return date.fromisoformat((text or "")[:10])
    except ValueError:
        return None
