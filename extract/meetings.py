r"""Meetings of people's-congress standing committees, their dates and chairs.

A bulletin names a meeting many ways: "区十八届人大常委会第二十五次会议",
"营口市第十六届人民代表大会常务委员会第三十五次会议", "市十六届人大常委会召开第三十五次
会议", broken over lines by the PDF. :func:`find_meeting_mentions` reads them on the
text with whitespace squeezed out (offsets still map back), with Chinese or Arabic
numerals. The convening body is canonicalised against the issue's region, so the key
``<body>|<term>|<session>`` is the same in every document.

Only meetings the issue *records* become :class:`Meeting` facts: named in a heading
("…会议纪要", "…会议议程", a list's title), a byline ("——2021年7月29日在…会议上"), an
adoption note ("（2021年8月12日…会议通过）") or an opening ("…召开第三十五次会议");
a meeting recalled in running prose ("去年9月，市人大常委会第二十八次会议听取…")
is only a mention. The meeting's date is the date printed right before its strong
mentions, by majority; a date without a year takes the issue's year.

The chair comes from "会议由……主持" or "……主持会议": the name after the last post word
("区人大常委会副主任付彩霞" -> 付彩霞), attached to the meeting named last before it.

>>> from gongbao.extract.context import DocContext
>>> ctx = DocContext("a.txt", region="明川市青湖区", region_short="青湖区",
...                  parents=("明川市",), level="district", year=2024)
>>> text = ("5 月 8 日，明川市青湖区第九届人民代\n表大会常务委员会第三次会议举行。"
...         "会议由区人大常委会副主任罗清源主持。")
>>> [m.key for m in find_meetings(text, ctx)]
['明川市青湖区人民代表大会常务委员会|9|3']
>>> m = find_meetings(text, ctx)[0]
>>> m.date, m.chair, m.label
('2024-05-08', '罗清源', '明川市青湖区第九届人民代表大会常务委员会第三次会议')
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from .bodies import canonical_body
from .context import DocContext
from .dates import complete, complete_day, find_dates, find_day, parse_iso
from .doc import ARTICLES, MEETINGS, Quote, Relation, add_span, text_of
from .numerals import to_int
from .people import enumerate_people, name_after_post
from .records import Meeting
from .regions import is_division
from .scan import clauses_holding, finditer_within, stretches_ending, widest
from .text import MappedText

__all__ = [
    "MeetingMention",
    "find_meeting_mentions",
    "find_meetings",
    "last_ending_by",
    "make_meetings",
    "meeting_from_name",
    "meeting_before",
    "mentions_in",
    "merge_meetings",
]

_NUM = r"[一二三四五六七八九十百零〇\d]{1,4}"
_ORGAN = r"(?:人民代表大会常务委员会|人大常委会|人大常务委员会)"
# What a meeting's name holds before the word 会议 it ends with.
_BEFORE_MEETING = (
    rf"(?:第)?(?P<term>{_NUM})届(?P<organ>{_ORGAN})"
    rf"(?:召开|举行|举办)?(?:的)?第(?P<session>{_NUM})次(?:全体)?"
)
_MEETING = re.compile(rf"{_BEFORE_MEETING}会议")
_TERM_WORD = "届"  # in every match of _MEETING, a character spaces cannot break
_MEETING_REACH = widest(_BEFORE_MEETING)
_WS = re.compile(r"\s+")
# Region words that may stand right before the term: full names, short names, a
# bare level word (区, 市, 省, 县).
_LEVEL_CHARS = "省市区县州旗"
_CHAIR = re.compile(
    r"会议由(?P<who>[^，,。；;：:、（）()]{2,40}?)主持"
    r"|(?P<several>[^，,。；;：:（）()\s]{2,40}?)分别主持(?:了)?[^，,。；;]{0,16}?会议"
    r"|(?P<lead>[^，,。；;：:、（）()\s]{2,30}?)主持(?:了)?(?:本次)?会议"
)
_CHAIR_STOPS = "，,。；;"  # characters no match of _CHAIR holds
_BYLINE_BEFORE = re.compile(r"(?:——|—|－|-|（|\()\s*$")
_REGION_NAME = re.compile(r"[\u4e00-\u9fff]{2,5}(?:省|自治区|市|自治州|区|县|旗)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Characters of phrases, posts and bodies, never of a region's name.
_NOT_REGION = set("委员会议由在于和的了及第日月年届次代表人大常务主任长")
_WINDOW = 40  # squeezed characters searched before a mention for its date
_LONGEST_DATE = 64  # characters of the longest date printed ("二〇二三年…")
_LINE_WINDOW = 256  # characters either side of a mention looked at for its line
_CLAUSE_END = re.compile(r"[。；;]")
# What follows the name of a meeting a news item reports on.
_EVENT = re.compile(
    r"(?:\d{1,2}日|[于在][^。，,]{0,12})?(?:上|召开|举行|开幕|闭幕|结束|通过|审议|表决|听取"
    r"|接受|决定|任命|作出|批准)"
)


@dataclass(frozen=True, slots=True)
class MeetingMention:
    """A meeting named in the text: ``[start, end)`` in the Doc's text."""

    key: str
    label: str
    body: str
    term: int
    session: int
    start: int
    end: int
    strong: bool  # a heading, byline, adoption note or opening
    date: str | None
    event: bool = False  # followed by what a meeting does: 召开, 审议, 结束 ...


def meeting_from_name(
    text: str, context: DocContext
) -> tuple[str, str, str, int, int] | None:
    """``(key, label, body, term, session)`` of the first meeting ``text`` names."""
    squeezed = _WS.sub("", text)
    match = _MEETING.search(squeezed)
    if match is None:
        return None
    found = _mention(squeezed, match, context)
    return None if found is None else found[:5]


def _mention(squeezed: str, match: re.Match, context: DocContext):
    """``(key, label, body, term, session, region word printed)`` or ``None``."""
    term, session = to_int(match["term"]), to_int(match["session"])
    if not term or not session:
        return None
    region = _region_before(squeezed, match.start(), context)
    body = canonical_body(region + "人大常委会", context)
    if not body.startswith(tuple(filter(None, (context.region, *context.parents)))):
        if not region:
            body = canonical_body("人大常委会", context)
            body = (context.region + body) if context.region else body
    prefix = body.removesuffix("人民代表大会常务委员会")
    label = (
        f"{prefix}第{match['term']}届人民代表大会常务委员会第{match['session']}次会议"
    )
    return f"{body}|{term}|{session}", label, body, term, session, region


def _region_before(squeezed: str, start: int, context: DocContext) -> str:
    """The region word printed right before a meeting's term, "" when none."""
    before = squeezed[max(0, start - 12) : start]
    names = sorted(
        {context.region, *context.parents, context.region_short} - {""},
        key=len,
        reverse=True,
    )
    for name in names:
        if before.endswith(name):
            return name
    for size in range(min(len(before), 7), 2, -1):
        candidate = before[-size:]
        at = start - size
        previous = squeezed[at - 1 : at] if at > 0 else ""
        if (
            _REGION_NAME.fullmatch(candidate)
            and not set(candidate[:-1]) & _NOT_REGION
            and is_division(candidate)  # not "秀山公众号县" across a line
        ) and (not previous or not _HAN.match(previous) or previous in "在于和及、的"):
            return candidate
    if before and before[-1] in _LEVEL_CHARS:
        return before[-1]
    return ""


def find_meeting_mentions(text: str, context: DocContext) -> list[MeetingMention]:
    """Every meeting named in ``text`` (offsets into ``text``)."""
    if _TERM_WORD not in text:  # no name of a meeting: nothing to squeeze
        return []
    squeezed = MappedText.identity(text).sub(_WS, "")
    flat = squeezed.text
    dates = None  # read when a meeting is named, for its date
    found = []
    near = stretches_ending(flat, ["会议"], reach=_MEETING_REACH)
    for match in finditer_within(_MEETING, flat, near):
        parts = _mention(flat, match, context)
        if parts is None:
            continue
        if dates is None:
            dates = find_dates(flat)
        key, label, body, term, session, region = parts
        begin = match.start() - len(region)
        start, end = squeezed.source_span(begin, match.end())
        date = _date_of(flat, begin, match.end(), dates, context)
        found.append(
            MeetingMention(
                key,
                label,
                body,
                term,
                session,
                start,
                end,
                _is_strong(text, flat, match, start, end),
                date,
                bool(_EVENT.match(flat, match.end())),
            )
        )
    return found


def _date_of(flat: str, begin: int, end: int, dates, context: DocContext):
    """The date printed right before a meeting's name, or right after it.

    "2月28日下午，…第二十次会议召开", "28日，省…第十次会议" (a day alone, in a
    news item: month and year from the publication date), "…第三十一次会议25日
    结束", "…第三次会议于2024年5月8日举行".
    """
    best = None
    # Only dates near the mention can qualify: a slice, not the whole list
    # (a long text names many meetings and many dates).
    first = bisect.bisect_left(dates, begin - _WINDOW - _LONGEST_DATE, key=_start)
    last = bisect.bisect_right(dates, end + 2, key=_start)
    for found in dates[first:last]:
        if found.end <= begin and begin - found.end <= _WINDOW:
            if not _CLAUSE_END.search(flat, found.end, begin):
                best = found
        elif begin < found.start and found.start - end <= 2:
            return complete(found, context.clock).iso
    if best is not None:
        return complete(best, context.clock).iso
    published = parse_iso(context.published)
    before = flat[max(0, begin - _WINDOW) : begin]
    cut = max(before.rfind(c) for c in "。；;") + 1
    day = find_day(before[cut:])
    if day is None:
        day = find_day(flat[end : end + 6])
        if day is not None and day.start > 1:
            day = None
    return complete_day(day, published) if day is not None else None


def _start(found) -> int:
    return found.start


def _is_strong(text: str, flat: str, match, start: int, end: int) -> bool:
    after = flat[match.end() : match.end() + 8]
    if after.startswith(("上", "通过", "纪要", "议程", "日程", "决定")):
        return True
    if (
        "召开" in match[0]
        or "举行" in match[0]
        or flat[match.end() :].startswith(("举行", "召开", "在"))
    ):
        return True
    # The mention's line, looked for within _LINE_WINDOW characters either side:
    # a line longer than that is no heading (and a long line costs no more).
    line_start = text.rfind("\n", max(0, start - _LINE_WINDOW), start) + 1
    if line_start == 0 and start > _LINE_WINDOW:
        line_start = start - _LINE_WINDOW
    line_end = text.find("\n", end, end + _LINE_WINDOW)
    if line_end == -1:
        line_end = min(len(text), end + _LINE_WINDOW)
    line = text[line_start:line_end].strip()
    if len(_WS.sub("", line)) <= (end - start) + 12:  # a heading line
        return True
    before = text[max(0, line_start) : start]
    return bool(_BYLINE_BEFORE.search(_strip_date(before)))


def _strip_date(before: str) -> str:
    return re.sub(r"[\d〇一二三四五六七八九十○零]+\s*年.*$|[\d]+\s*月.*$", "", before)


def find_meetings(
    text: str,
    context: DocContext,
    *,
    mentions: list[MeetingMention] | None = None,
) -> list[Relation]:
    """The meetings ``text`` records, with dates and chairs (offsets into ``text``).

    ``mentions`` are the meetings ``text`` names, when the caller has them.
    """
    if mentions is None:
        mentions = find_meeting_mentions(text, context)
    records = [m for m in mentions if m.strong]
    if not records:
        return []
    chairs = _chairs(text, mentions)
    meetings = []
    for key in dict.fromkeys(m.key for m in records):
        own = [m for m in records if m.key == key]
        dates = Counter(m.date for m in own if m.date)
        first = own[0]
        names, chair_span = chairs.get(key, ([None], None))
        meetings.append(
            Relation(
                Meeting,
                first.start,
                first.end,
                {
                    "key": key,
                    "label": first.label,
                    "body": first.body,
                    "region": context.region,
                    "term": first.term,
                    "session": first.session,
                    "date": dates.most_common(1)[0][0] if dates else None,
                    "chair": names[0],
                    "chair_evidence": chair_span,
                    "co_chairs": tuple(names[1:]),
                },
            )
        )
    return meetings


def _chairs(text: str, mentions: list[MeetingMention]) -> dict:
    chairs = {}
    last_before = last_ending_by(mentions)
    # Every way of naming a chair holds 主持 and no clause break.
    clauses = clauses_holding(text, "主持", stops=_CHAIR_STOPS)
    for match in finditer_within(_CHAIR, text, clauses):
        if match["several"]:  # "副主任甲、乙分别主持了第一、二次全体会议"
            names = [p.name for p in enumerate_people(_WS.sub("", match["several"]))]
        else:
            names = [name_after_post(_WS.sub("", match["who"] or match["lead"]))]
        if not all(names) or not names:
            continue
        before = last_before(match.start())
        if before is None:
            continue
        key = before.key
        if key not in chairs:
            chairs[key] = (names, Quote(match.start(), match.end()))
    return chairs


def last_ending_by(mentions: list) -> Callable[[int], object | None]:
    """A lookup: the last of ``mentions`` (in order) whose ``end`` is ``<= offset``.

    Mentions come in text order, so their ends rise and the lookup is a binary
    search (a scan when they do not), not a pass over every mention per call.

    >>> from types import SimpleNamespace as M
    >>> at = last_ending_by([M(end=5, key="a"), M(end=9, key="b")])
    >>> at(4), at(5).key, at(100).key
    (None, 'a', 'b')
    """
    ends = [m.end for m in mentions]
    if all(a <= b for a, b in zip(ends, ends[1:], strict=False)):

        def lookup(offset: int):
            index = bisect.bisect_right(ends, offset)
            return mentions[index - 1] if index else None

        return lookup

    def scan(offset: int):
        before = [m for m in mentions if m.end <= offset]
        return before[-1] if before else None

    return scan


def merge_meetings(meetings: list[Relation]) -> list[Relation]:
    """Merge meetings that share a key (first evidence, best date and chair)."""
    merged: dict[str, Relation] = {}
    dates: dict[str, Counter] = {}
    for meeting in meetings:
        if meeting.date:
            dates.setdefault(meeting.key, Counter())[meeting.date] += 1
        old = merged.get(meeting.key)
        if old is None:
            merged[meeting.key] = meeting
        elif not old.chair and meeting.chair:
            merged[meeting.key] = old.but(
                chair=meeting.chair,
                chair_evidence=meeting.chair_evidence,
                co_chairs=meeting.co_chairs,
            )
    out = []
    for key, meeting in merged.items():
        if key in dates:
            meeting = meeting.but(date=dates[key].most_common(1)[0][0])
        out.append(meeting)
    return out


def mentions_in(doc: Doc, start: int, end: int) -> list[MeetingMention]:
    """The meetings named in ``[start, end)`` of the Doc, offsets relative to ``start``.

    Read from the ``MEETINGS`` span group the meetings component wrote (from
    the index it keeps of the group: see :func:`_named`).
    """
    out = []
    for lo, hi, key in _named(doc):
        if start <= lo and hi <= end:
            m = doc.user_data.get(("gb", key, lo, hi))  # the span's gb_data
            out.append(replace(m, start=m.start - start, end=m.end - start))
    return out


def meeting_before(doc: Doc, offset: int) -> str | None:
    """The key of the meeting the issue named last before Doc offset ``offset``."""
    key = None
    for _, hi, label in _named(doc):
        if hi <= offset:
            key = label
    return key


_NAMED = ("gb", "named meetings")  # doc.user_data key of the spans' index


def _named(doc: Doc) -> list[tuple[int, int, str]]:
    """``(start_char, end_char, label)`` of each ``MEETINGS`` span, in order.

    The meetings component keeps this index as it writes the group, so a
    lookup walks plain tuples, not a :class:`~spacy.tokens.Span` made per span
    per call; a Doc whose group was written otherwise is read from the group.
    """
    named = doc.user_data.get(_NAMED)
    if named is None:
        spans = doc.spans.get(MEETINGS, [])
        named = [(s.start_char, s.end_char, s.label_) for s in spans]
    return named


class MeetingsComponent:
    """``Doc -> Doc``: meeting spans, and the meetings each article records.

    Every meeting named goes into ``doc.spans[MEETINGS]``; those an article
    records become :class:`Meeting` relations, with their date and chair.
    """

    def __call__(self, doc: Doc) -> Doc:
        """Add the meeting spans and the meetings recorded."""
        context = doc._.gb_context
        text = text_of(doc)
        doc.spans[MEETINGS] = []
        index = doc.user_data[_NAMED] = []  # see _named
        articles = [(a.start_char, a.end_char) for a in doc.spans[ARTICLES]]
        named = [find_meeting_mentions(text[lo:hi], context) for lo, hi in articles]
        _news_item_meeting(named)
        for (lo, hi), mentions in zip(articles, named, strict=True):
            for m in mentions:
                moved = replace(m, start=m.start + lo, end=m.end + lo)
                span = add_span(doc, MEETINGS, moved.start, moved.end, m.key, moved)
                if span is not None:
                    index.append((span.start_char, span.end_char, span.label_))
            for meeting in find_meetings(text[lo:hi], context, mentions=mentions):
                doc._.gb_relations.append(meeting.shifted(lo))
        return doc


def _news_item_meeting(named: list[list[MeetingMention]]) -> None:
    """Mark the meeting a news item records; ``named`` is updated in place.

    A document that records no meeting in a heading or byline records the first
    meeting it names doing something ("…会议召开", "…会议审议…", "…会议25日
    结束").
    """
    if any(m.strong for mentions in named for m in mentions):
        return
    for mentions in named:
        for i, m in enumerate(mentions):
            if m.event or m.date:
                mentions[i] = replace(m, strong=True)
                return


@Language.factory(
    "gongbao_meetings",
    requires=["doc.spans"],
    assigns=["doc.spans", "doc._.gb_relations"],
)
def make_meetings(nlp: Language, name: str) -> MeetingsComponent:
    """Create the meetings component."""
    return MeetingsComponent()
