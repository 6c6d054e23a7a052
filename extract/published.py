"""When a page was published: dates in meta tags, datelines and URLs.

Every function returns ISO ``YYYY-MM-DD`` (or ``""``): a page's ``published`` is a
full date or nothing. The partial dates a URL holds (``/201604/`` is April 2016)
are :func:`extract.dates.date_from_url`'s, for extraction to complete dates with.

>>> iso_date("2021/8/12 15:45:50")
'2021-08-12'
>>> dateline_date("来源：青湖日报  时间：2023年3月10日")
'2023-03-10'
>>> url_date("http://news.example.cn/2018-04/27/content_1.htm")
'2018-04-27'
"""

from __future__ import annotations

import re
from datetime import date

from .dates import date_from_url, find_dates

__all__ = ["PUBLISHED_META", "dateline_date", "iso_date", "url_date"]

#: ``<meta>`` names and properties (lower-cased) that give the publication date.
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "og:release_date",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "publishtime",
    "publish-date",
    "firstpublishedtime",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "date",
)

_YEAR = r"(?:19[89]\d|20\d\d)"
_NUMERIC = re.compile(
    rf"(?<!\d)({_YEAR})\s*[-/.年]\s*(1[0-2]|0?[1-9])\s*[-/.月]\s*(3[01]|[12]\d|0?[1-9])"
    r"(?!\d)"
)
_COMPACT = re.compile(rf"(?<!\d)({_YEAR})(1[0-2]|0[1-9])(3[01]|[12]\d|0[1-9])(?!\d)")

# Datelines: "发布时间：2021/8/12", "2023-03-10编印"; a bare "时间：" only on a line
# that names a source ("来源：青湖日报 时间：…"), since meeting notices print 时间：.
_DATE_TEXT = r"[0-9〇○零一二三四五六七八九十 年月日/.\-]{6,24}"
_LABELLED = re.compile(
    rf"(?:发布|發布|發佈|发表|發表|更新|印发|印發)(?:时间|時間|日期)\s*[：:]\s*({_DATE_TEXT})"
)
_SOURCE_LINE = re.compile(
    rf"(?:来源|來源|作者|编辑|編輯)\s*[：:][^\n]*?(?:时间|時間|日期)\s*[：:]\s*({_DATE_TEXT})"
)
_ISSUED = re.compile(rf"({_DATE_TEXT})\s*(?:编印|編印|印发|印發|发布|發布)")
# A timestamp a page prints under its headline: "2019-03-29 08:49:20".
_STAMPED = re.compile(
    rf"(?<!\d)({_YEAR}[-/.年]\d{{1,2}}[-/.月]\d{{1,2}})日?\s+\d{{1,2}}:\d\d(?!\d)"
)


def iso_date(text: str) -> str:
    """The first full calendar date in ``text``, as ISO; ``""`` when none.

    Reads 2023-03-10, 2023/3/10, 2023.3.10, 20230310, 2023年3月10日 and
    二〇二三年三月十日 (with a year).

    >>> iso_date("2023-03-10T08:00:00+08:00"), iso_date("二〇二三年三月十日")
    ('2023-03-10', '2023-03-10')
    >>> iso_date("3月10日"), iso_date("2023-02-30")
    ('', '')
    """
    if not text:
        return ""
    for pattern in (_NUMERIC, _COMPACT):
        for match in pattern.finditer(text):
            found = _iso(*match.groups())
            if found:
                return found
    for found in find_dates(text):
        if found.year is not None:
            return found.iso or ""
    return ""


def dateline_date(text: str) -> str:
    r"""The date of a page's dateline ("发布时间：…", "来源：… 时间：…", "…编印").

    >>> dateline_date("2023-03-10编印")
    '2023-03-10'
    >>> dateline_date("时间：2024年5月8日上午9时\n地点：区人大常委会会议室")
    ''
    >>> dateline_date("青湖新闻网 2019-03-29 08:49:20")
    '2019-03-29'
    """
    for pattern in (_LABELLED, _SOURCE_LINE, _ISSUED, _STAMPED):
        for match in pattern.finditer(text):
            found = iso_date(match[1])
            if found:
                return found
    return ""


def url_date(url: str) -> str:
    """The full date a URL holds, as ISO; ``""`` when it holds less.

    >>> url_date("http://example.cn/system/2015/01/06/012381456.shtml")
    '2015-01-06'
    >>> url_date("https://example.cn/hexian/201604/809421.html")
    ''
    """
    found = date_from_url(url) if url else None
    if found is None or found[2] is None:
        return ""
    return _iso(*found)


def _iso(year, month, day) -> str:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return ""
