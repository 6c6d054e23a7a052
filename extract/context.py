"""What an issue as a whole tells its articles: region, publisher, year.

An article read alone is ambiguous: "区法院" is the court of *this* district, "4 月
16 日" is in *this* issue's year. :func:`read_context` reads the whole normalised
issue once and returns a :class:`DocContext` every extractor can consult.

The jurisdiction is read from the names of the bodies the issue mentions in full
("长春市绿园区第十八届人民代表大会常务委员会", "营口市人民代表大会常务委员会",
"吉林省人民政府"): the most often named lowest-level region wins, and its longest
spelling gives the enclosing regions.

>>> from gongbao.extract.text import MappedText
>>> text = "青湖区人大常委会公报。明川市青湖区第九届人民代表大会常务委员会第三次会议于"
>>> text += "2024年5月8日举行。——2024年5月8日在区九届人大常委会第三次会议上"
>>> from gongbao.extract.records import SourceDocument
>>> src = SourceDocument("a.txt", "a.txt", text, "utf-8", "")
>>> ctx = read_context(MappedText.identity(text), src)
>>> ctx.region, ctx.parents, ctx.level, ctx.year, ctx.kind
('明川市青湖区', ('明川市',), 'district', 2024, 'congress-bulletin')
>>> ctx.publisher
'明川市青湖区人民代表大会常务委员会'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath

from .dates import Clock, date_from_url, find_dates, parse_iso
from .lexicon import REGION_LEVELS
from .published import dateline_date, iso_date, url_date
from .records import SourceDocument
from .regions import ancestors, divisions_named_in, is_division, lookup
from .scan import finditer_within, stretches_ending, widest
from .script import fold

__all__ = ["DocContext", "read_context", "region_units"]


@dataclass(slots=True)
class DocContext:
    """Document-level facts shared by every article of one issue."""

    source: str  # file name
    kind: str = "other"  # "congress-bulletin", "government-gazette", "other"
    title: str = ""
    region: str = ""  # full name of the issuing jurisdiction, "长春市绿园区"
    region_short: str = ""  # "绿园区"
    parents: tuple[str, ...] = ()  # enclosing regions, outermost first: ("长春市",)
    level: str = ""  # "province", "city", "district", "county"
    publisher: str = ""  # canonical issuing body
    year: int | None = None  # the year, for dates printed without one
    years: tuple[int, ...] = ()  # every year seen in full dates, most frequent first
    published: str = ""  # ISO date the page was published, "" when unknown

    @property
    def clock(self) -> Clock:
        """What completes a date printed without its year: see :func:`complete`."""
        return parse_iso(self.published) or self.year


_HAN = "\u4e00-\u9fff"
# One administrative unit: a name of 1-6 characters and its level word.
_UNIT = rf"[{_HAN}]{{1,6}}?(?:省|自治区|市|自治州|州|盟|地区|区|县|自治县|旗)"
_BODY_WORDS = ("人民代表大会常务委员会", "人大常委会", "人民政府", "人民代表大会")
_TERM = r"(?:第?[一二三四五六七八九十]{1,3}届)?"
# A region's units and a term printed before a body word.
_BEFORE_BODY = rf"((?:{_UNIT}){{1,3}}?){_TERM}"
_REGION_BODY = re.compile(rf"{_BEFORE_BODY}(?:{'|'.join(_BODY_WORDS)})")
# Every match ends with a body word, at most this many characters after it starts.
_BODY_REACH = widest(_BEFORE_BODY)
_WHITESPACE = re.compile(r"\s+")
_SPACES = re.compile(r"[^\S\n]+")
# The level word of the congress a news item is about: "县十五届人大常委会".
_OWN_CONGRESS = re.compile(
    r"(?<![\u4e00-\u9fff])([省市区县州旗])(?:第?[一二三四五六七八九十]{1,3}届)?"
    r"(?:人大常委会|人民代表大会常务委员会)"
)
_WANTED_LEVEL = {
    "省": "province",
    "市": "city",
    "州": "city",
    "区": "county",
    "县": "county",
    "旗": "county",
}
_LEVELS = REGION_LEVELS
_UNIT_SPLIT = re.compile(rf"{_UNIT}")
# Characters a region's name does not start with: verbs and particles before it.
_NOT_FIRST = set(
    "会议由在于和与的了及是对为向经共召开举行第届次年月日各全本该其省市区县"
)
_CONGRESS = ("人民代表大会常务委员会", "人大常委会")
# Characters of verbs and function words: never inside a region's name.
_NOT_IN_NAME = set(
    "辞提任免接受决关根据的了在于为对由从向把被将经请听审议通过出席同志会以及与和等副主任长"
)
_SCAN = 20000  # characters read for the masthead and the region


def region_units(region: str) -> list[str]:
    """``长春市绿园区`` -> ``['长春市', '绿园区']``."""
    return _UNIT_SPLIT.findall(region)


def level_of(unit: str) -> str:
    """The level of an administrative unit by its last word."""
    for suffix, level in _LEVELS:
        if unit.endswith(suffix):
            return level
    return ""


def read_context(mapped, source: SourceDocument) -> DocContext:
    """Read the issue-level context from the normalised text and its metadata.

    The year of the issue is the year most full dates give; for a page that
    prints none, the year it was published, or the year its URL carries, or a
    year printed near the top.
    """
    text = mapped.text
    flat = _WHITESPACE.sub("", text[:_SCAN]).replace("*", "")
    lines = _SPACES.sub("", text[:_SCAN]).replace("*", "")
    ctx = DocContext(source=source.name, published=_published(source))
    ctx.title = source.title or _title(text)
    region = _region(lines) or _region(_WHITESPACE.sub("", source.title))
    own = _own_level(lines)
    if not region or (own and _TIER[level_of(region_units(region)[-1])] != own):
        region = _region_named(lines, own)
    if region:
        units = region_units(region)
        ctx.region = region
        ctx.region_short = units[-1]
        ctx.parents = tuple("".join(units[: i + 1]) for i in range(len(units) - 1))
        ctx.level = level_of(units[-1])
    ctx.kind = _kind(flat)
    if ctx.region:
        organ = (
            "人民政府" if ctx.kind == "government-gazette" else "人民代表大会常务委员会"
        )
        ctx.publisher = ctx.region + organ
    years = Counter(d.year for d in find_dates(text) if d.year)
    ctx.years = tuple(y for y, _ in years.most_common())
    url_date = date_from_url(source.url)
    ctx.year = (
        (ctx.years[0] if ctx.years else None)
        or (int(ctx.published[:4]) if ctx.published else None)
        or (url_date[0] if url_date else None)
        or _masthead_year(flat)
    )
    return ctx


def _published(source: SourceDocument) -> str:
    """The day a page was published, "" when unknown.

    Its own record first, then a full date in its URL, then the dateline printed
    near its top ("发布时间：2021/8/12 15:45"; read in the source, since
    normalising blanks such lines as furniture), then a full date in the file's
    name, as crawlers save pages ("gansu_2024_0927.txt").
    """
    name = PurePosixPath(source.name.split("#")[0]).name
    return (
        iso_date(source.published)
        or url_date(source.url)
        or dateline_date(fold(source.text[: _SCAN // 4]))
        or url_date("/" + name)
    )


_TIER = {
    "province": "province",
    "city": "city",
    "district": "county",
    "county": "county",
    "": "",
}


def _own_level(text: str) -> str:
    """The level of the congress a text is about ("县十五届人大常委会" -> county)."""
    own = Counter(m[1] for m in _OWN_CONGRESS.finditer(text))
    return _WANTED_LEVEL[own.most_common(1)[0][0]] if own else ""


def _region_named(text: str, wanted: str) -> str:
    """The region of a document that names its congress only by its level word.

    "县十五届人大常委会" says the county but not which: the county-level division
    the text names most is taken; failing that, the one division at that level
    that holds every lower division the text names (a provincial news item that
    names only 蚌埠市 is about 安徽省). Otherwise nothing is guessed.
    """
    if not wanted:
        return ""
    named = Counter(name for name, _ in divisions_named_in(text))
    same: Counter[str] = Counter()
    holders: set[str] = set()
    for name, count in named.items():
        for division in lookup(name):
            if division.level == wanted:
                same[division.name] += count
            else:
                holders |= {d.name for d in ancestors(division) if d.level == wanted}
    if same:
        return same.most_common(1)[0][0]
    return holders.pop() if len(holders) == 1 else ""


def _title(text: str) -> str:
    """The masthead ("营口市人民代表大会常务委员会公报") or else the first line."""
    lines = [
        line
        for line in (
            _WHITESPACE.sub("", raw).strip("*") for raw in text[:600].splitlines()
        )
        if line
    ][:4]
    for i, line in enumerate(lines):
        if "公报" in line:
            return "".join(lines[: i + 1])[:80]
    return next((line[:80] for line in lines if len(line) >= 4), "")


def _region(flat: str) -> str:
    """The most named lowest-level region, with the parent printed before it.

    Candidates are what precedes a body word ("…绿园区" + "人民代表大会常务委员会");
    text glued before a name in squeezed text ("…方案的通知河东省人民政府") is cut
    off by voting on name-sized endings (a name of two to four characters and its
    level word): the ending most candidates share is the region.
    """
    near_bodies = stretches_ending(flat, _BODY_WORDS, reach=_BODY_REACH)
    candidates = [m[1] for m in finditer_within(_REGION_BODY, flat, near_bodies)]
    endings: Counter[str] = Counter()
    for candidate in candidates:
        for size in range(2, 11):
            ending = candidate[-size:]
            if len(ending) == size and _is_unit(ending):
                endings[ending] += 1
    known = Counter({name: n for name, n in endings.items() if is_division(name)})
    endings = known or Counter({k: n for k, n in endings.items() if 3 <= len(k) <= 5})
    if not endings:
        return ""
    best = max(endings.items(), key=lambda kv: (kv[1], len(kv[0])))[0]
    parents: Counter[str] = Counter()
    for candidate in candidates:
        if candidate.endswith(best) and len(candidate) > len(best):
            before = candidate[: -len(best)]
            if 3 <= len(before) <= 5 and _is_unit(before):
                parents[before] += 1  # the whole prefix: "长春市" + "绿园区"
                continue
            for size in range(3, 6):
                parent = before[-size:]
                if len(parent) == size and _is_unit(parent) and endings[parent]:
                    parents[parent] += 1
    if parents:
        parent = max(parents.items(), key=lambda kv: (kv[1], len(kv[0])))[0]
        if level_of(parent) != level_of(best) or parent.endswith("市"):
            return parent + best
    return best


def _is_unit(text: str) -> bool:
    """A name-sized administrative unit: "河东省", "长春市", "绿园区".

    A division of the list is one whatever its length; any other name (a
    fictional one) must be name-sized and hold none of the words of a sentence.
    """
    if is_division(text):
        return text[0] not in _NOT_FIRST or is_division(text[1:]) is False
    return (
        text[0] not in _NOT_FIRST
        and bool(level_of(text))
        and bool(re.fullmatch(rf"[{_HAN}]{{2,5}}", text))
        and not set(text[:-1]) & _NOT_IN_NAME
        and not any(text[:-1].endswith(word) for word in ("会", "府", "委", "局"))
    )


def _kind(flat: str) -> str:
    head = flat[:3000]
    if "人民政府公报" in head:
        return "government-gazette"
    if "公报" in head and any(word in head for word in _CONGRESS):
        return "congress-bulletin"
    congress = sum(flat.count(word) for word in _CONGRESS)
    government = flat.count("人民政府")
    if congress and congress >= government:
        return "congress-bulletin"
    if government:
        return "government-gazette"
    return "other"


_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


def _masthead_year(flat: str) -> int | None:
    found = _YEAR.search(flat[:3000])
    return int(found[1]) if found else None
