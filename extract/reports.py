r"""Reports delivered to a meeting: :class:`~extract.records.Report` per byline.

A report printed in a bulletin has a fixed head::

    青湖区人民政府                                  <- issuer (optional)
    关于《青湖区物业管理条例》贯彻执行情况的报告      <- title, one or more lines
    ——2022年3月8日在青湖区第五届人大常委会第九次会议上   <- byline: date, meeting
    青湖区住房和城乡建设局局长 林小川                 <- reporter line(s)
    主任、各位副主任、各位委员：                       <- salutation: the text begins

The byline anchors everything: the title is the short unpunctuated lines above it,
the reporter the lines below it up to the salutation. A reporter line is a post
and a name ("区委常委、常务副区长 王涛"), a body ("区人大常委会调研组": delivered
by a body, reporter ""), a person on behalf of a body ("赵敏代表区人大常委会视察
组"), or （书面） (filed in writing). The body on whose behalf the report is made
comes, in order of strength, from "X代表Y", from a body line under the byline,
from the issuer (line or title prefix "Y关于…"), from the reporter's post
("市财政局局长" -> 市财政局, "明川市市长" -> 明川市人民政府), and last from
"受Y委托" opening the text. The meeting's key comes from
:func:`extract.meetings.meeting_from_name`.
The subject law is the legislation the title names.

>>> text = ("青湖区人民政府\n关于《青湖区物业管理条例》贯彻执行情况的报告\n"
...         "——2022年3月8日在青湖区第五届人大常委会第九次会议上\n"
...         "青湖区住建局局长 林小川\n主任、各位副主任、各位委员：\n")
>>> r = find_reports(text)[0]
>>> r.title
'关于《青湖区物业管理条例》贯彻执行情况的报告'
>>> r.reporter, r.reporter_title, r.date, r.subject_law
('林小川', '青湖区住建局局长', '2022-03-08', '青湖区物业管理条例')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .bodies import canonical_body
from .context import DocContext
from .dates import Clock, complete, find_dates
from .doc import ARTICLES, ENTITIES, add_relation, add_span, text_of
from .laws import find_citations
from .meetings import meeting_from_name
from .people import split_post
from .records import Report

__all__ = [
    "FoundReport",
    "HeardReport",
    "ReportsComponent",
    "find_reports",
    "heard_reports",
    "make_reports",
    "subject_law",
]

#: A byline: "——2021年7月29日在营口市第十六届人民代表大会常务委员会第三十五次会议上".
_BYLINE = re.compile(
    r"(?:^|(?<=[告明见报话言]))[ \t]*(?:[—–－―─━]{1,2}|-{1,2}|[（(])"
    r"[ \t]*(?P<date>[^在\n]{0,24}?)[ \t]*在"
    r"(?P<meeting>[^\n]{2,70}?会议)[ \t]*上(?:的(?:讲话|报告|说明|发言|汇报))?"
    r"[ \t]*[）)]?[ \t]*(?P<written>[（(][ \t]*书[ \t]*面[ \t]*[）)])?[ \t]*"
    # a reporter line (and salutation) the normaliser joined on
    r"(?P<rest>(?!通过|批准|审议|表决)[^\n，。,；;：:）)][^\n]*)?$",
    re.MULTILINE,
)
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[。！？；：:;!?]$")
_LIST_MARK = re.compile(
    r"^(?:[-•·]|\d+[.、]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)])"
)
_CJK = r"[\u4e00-\u9fff]"
_NAME_CHAR = r"[\u4e00-\u9fff·•]"
#: Words a body's name ends with (longest first where it matters).
_BODY_END = (
    r"(?:人民政府|政府|人民代表大会常务委员会|常务委员会|常委会|委员会|人民法院|法院"
    r"|人民检察院|检察院|监察委员会|监察委|调研组|视察组|检查组|执法检查组|工作组"
    r"|局|厅|办公室|委|院|部|中心|署|会)"
)
_BODY_LINE = re.compile(rf"^{_CJK}{{1,30}}?{_BODY_END}$")
_POST_END = r"(?:长|主任|委员|书记|主席|常委|专员|代表|经理|理事|秘书)"
_POST_NAME_SPACED = re.compile(
    rf"^(?P<post>\S.*?{_POST_END})\s+(?P<name>{_CJK}(?:\s?{_NAME_CHAR}){{1,5}})$"
)
_POST_NAME_CLOSED = re.compile(
    rf"^(?P<post>{_CJK}.*(?:局长|厅长|院长|检察长|市长|区长|县长|主任委员|主任|秘书长"
    rf"|书记|主席|组长|部长|处长|委员))(?P<name>{_CJK}{{2,3}})$"
)
_POST_WORD_END = re.compile(r"(?:委员|主任|书记|主席|常委|组长|秘书|专员|代表|长)$")
_POST_ONLY = re.compile(rf"^{_CJK}[^\s，。]*{_POST_END}$")
_ON_BEHALF = re.compile(
    rf"^(?P<name>{_CJK}{{2,4}}?)代表(?P<body>{_CJK}{{2,30}}{_BODY_END})$"
)
#: The salutation that opens a report's text, at the end of a (joined) line.
_SALUTATION = re.compile(
    r"(?:(?:各位|尊敬的)[^\n。]{0,30}|主任[、，,][^\n。]{0,30}"
    rf"|{_CJK}{{2,20}}(?:常务委员会|常委会))\s*[：:]\s*$"
)
_TITLE_END = re.compile(r"(?:报告|说明|意见|汇报|讲话|发言)")
_WRITTEN = re.compile(r"^[（(]\s*书\s*面\s*(?:报\s*告)?\s*[）)]$")
_WRITTEN_TAIL = re.compile(r"[（(]书面(?:报告)?[）)]$")
_ENTRUSTED = re.compile(
    rf"\s*(?:[^\n]{{0,40}}[：:]\s*)?(?:[^，。\n]{{0,40}}，)?受(?P<body>{_CJK}{{1,30}}?{_BODY_END})的?委托"
)
_ISSUER_PREFIX = re.compile(rf"^(?P<body>{_CJK}{{2,30}}?{_BODY_END})关于")
_ORG_OF_POST = re.compile(
    r"^(?P<org>.+?(?:人民政府|常委会|委员会|人民法院|人民检察院|法院|检察院|局|厅))"
)
_HEAD_OF_GOVERNMENT = re.compile(
    r"^(?P<region>.+?[省市区县州旗])(?:代理?|常务副|副)?(?:省长|市长|区长|县长|州长|旗长)$"
)
_DRAFT = re.compile(r"[（(](?:修订草案|草案|征求意见稿|送审稿)[）)]")
_UNBRACKETED_LAW = re.compile(
    r"[《〈](?P<law>[^《〈》〉]{2,60}?(?:条例|办法|规定|细则|规则|法))"
    r"(?=实施|贯彻|执行|落实|情况)"
)

#: Lines looked at above a byline (title) and below it (reporter).
_TITLE_LINES = 5
_REPORTER_LINES = 3
#: Characters after the reporter lines searched for "受…委托".
_OPENING = 300


@dataclass(frozen=True, slots=True)
class FoundReport:
    """A report head found in text; offsets are into that text."""

    title: str
    date: str | None
    meeting_text: str
    reporter: str
    reporter_title: str
    body: str  # as printed, "" when none
    subject_law: str
    written: bool
    start: int  # title start
    end: int  # end of the reporter lines (or of the byline)
    reporter_span: tuple[int, int] | None = None


def _lines_before(text: str, pos: int, limit: int) -> list[tuple[int, int]]:
    """Up to ``limit`` non-blank lines ending before ``pos``, nearest last."""
    out: list[tuple[int, int]] = []
    end = pos
    while end > 0 and len(out) < limit:
        start = text.rfind("\n", 0, end - 1) + 1
        line_end = end - 1 if text[end - 1] == "\n" else end
        if text[start:line_end].strip():
            out.append((start, line_end))
        end = start
    return out[::-1]


def _lines_after(text: str, pos: int, limit: int) -> list[tuple[int, int]]:
    """Up to ``limit`` non-blank lines starting after ``pos``."""
    out: list[tuple[int, int]] = []
    start = pos
    while start < len(text) and len(out) < limit:
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        if text[start:end].strip():
            out.append((start, end))
        start = end + 1
    return out


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _title_lines(text: str, byline_start: int) -> list[tuple[int, int]]:
    """The lines of the title block above a byline (issuer line included)."""
    lines = []
    for start, end in reversed(_lines_before(text, byline_start, _TITLE_LINES)):
        line = text[start:end].strip()
        if (
            _SENTENCE_END.search(line)
            or _LIST_MARK.match(line)
            or "——" in line
            or (len(line) > 100 and "关于" not in line)
        ):
            break
        lines.append(_strip_span(text, start, end))
    lines.reverse()
    # The title starts at the first line that opens one: "关于…", "Y关于…", or an
    # issuer line followed by such a line; anything above it is other text.
    for i, (start, end) in enumerate(lines):
        line = _SPACE.sub("", text[start:end])
        if line.startswith("关于") or _ISSUER_PREFIX.match(line):
            if i and _BODY_LINE.match(_SPACE.sub("", text[slice(*lines[i - 1])])):
                return lines[i - 1 :]
            return lines[i:]
    if not lines:
        return []
    # No 关于: the nearest line is the title ("政府工作报告"), with an issuer line
    # above it when there is one.
    if len(lines) > 1 and _BODY_LINE.match(_SPACE.sub("", text[slice(*lines[-2])])):
        return lines[-2:]
    return lines[-1:]


@dataclass(slots=True)
class _Reporter:
    name: str = ""
    title: str = ""
    body: str = ""
    on_behalf: str = ""
    written: bool = False
    end: int = -1
    span: tuple[int, int] | None = None


def _read_reporter(text: str, pos: int) -> _Reporter:
    """Parse the reporter lines that follow a byline ending at ``pos``."""
    found = _Reporter()
    for start, end in _lines_after(text, pos, _REPORTER_LINES):
        start, end = _strip_span(text, start, end)
        salute = _SALUTATION.search(text, start, end)
        last = salute is not None
        if salute:
            start, end = _strip_span(text, start, salute.start())
            if start == end:
                break
        raw = text[start:end]
        line = _SPACE.sub("", raw)
        if _SENTENCE_END.search(line) or len(line) > 50:
            break
        if _WRITTEN.match(raw):
            found.written = True
        elif m := _ON_BEHALF.match(line):
            if not found.name:
                found.name, found.on_behalf = m["name"], m["body"]
                found.span = (start, start + len(m["name"]))
        elif (m := _POST_NAME_SPACED.match(raw)) and not found.name:
            found.name = _SPACE.sub("", m["name"])
            found.title = found.title or _SPACE.sub("", m["post"])
            found.span = (start + m.start("name"), start + m.end("name"))
        elif _BODY_LINE.match(line):
            found.body = found.body or line
        elif (
            (m := _POST_NAME_CLOSED.match(line))
            and not found.name
            and not _POST_WORD_END.search(m["name"])
        ):
            found.name, found.title = m["name"], found.title or m["post"]
            found.span = (end - len(m["name"]), end)
        elif _POST_ONLY.match(line):
            found.title = found.title or line
        else:
            break
        found.end = end
        if last:
            break
    return found


def _reporter_above(text: str, byline_start: int) -> tuple[int, int] | None:
    """The line just above a byline when it is a post and a name, not the title.

    Some bulletins print the reporter between title and byline.
    """
    above = _lines_before(text, byline_start, 1)
    if not above:
        return None
    start, end = _strip_span(text, *above[0])
    if start == end or start > 0 and text[start - 1] not in "\n \t":
        return None  # the byline shares the line: that line is the title
    m = _POST_NAME_SPACED.match(text[start:end])
    if m and not _TITLE_END.search(m["post"]):
        return start, end
    return None


def subject_law(title: str) -> str:
    """The legislation a report's title is about, without draft marks."""
    for cite in find_citations(title):
        return _DRAFT.sub("", cite.law)
    m = _UNBRACKETED_LAW.search(title)
    return _SPACE.sub("", m["law"]) if m else ""


def _body_of(title: str, issuer: str, reporter: _Reporter, opening: str) -> str:
    """The body a report is made for: the strongest cue present."""
    if reporter.on_behalf:
        return reporter.on_behalf
    if reporter.body:
        return reporter.body
    if issuer:
        return issuer
    if m := _ISSUER_PREFIX.match(title):
        return m["body"]
    if m := _ORG_OF_POST.match(reporter.title):
        return m["org"]
    if m := _HEAD_OF_GOVERNMENT.match(reporter.title):
        return m["region"] + "人民政府"
    if m := _ENTRUSTED.match(opening):
        return m["body"]
    return ""


def find_reports(text: str, *, clock: Clock = None) -> list[FoundReport]:
    """Every report head (title, byline, reporter) in ``text``."""
    out = []
    for byline in _BYLINE.finditer(text):
        above = _reporter_above(text, byline.start())
        lines = _title_lines(text, above[0] if above else byline.start())
        if not lines:
            continue
        issuer = ""
        first = _SPACE.sub("", text[slice(*lines[0])])
        if len(lines) > 1 and _BODY_LINE.match(first) and "关于" not in first:
            issuer, title_lines = first, lines[1:]
        else:
            title_lines = lines
        title = "".join(_SPACE.sub("", text[s:e]) for s, e in title_lines)
        written_title = _WRITTEN_TAIL.search(title)
        if written_title:
            title = title[: written_title.start()]
        dates = find_dates(byline["date"])
        date = complete(dates[0], clock).iso if dates else None
        reporter = _read_reporter(
            text, byline.start("rest") if byline["rest"] else byline.end()
        )
        if above and not (reporter.name or reporter.body):
            reporter = _read_reporter(text, above[0])
            reporter.end = -1
        if (
            byline["rest"]
            and reporter.end < 0
            and not _SALUTATION.match(text, byline.start("rest"), byline.end())
        ):
            continue  # the line goes on with something that is not a reporter
        end = max(byline.end(), reporter.end)
        opening = text[end : end + _OPENING]
        out.append(
            FoundReport(
                title=title,
                date=date,
                meeting_text=_SPACE.sub("", byline["meeting"]),
                reporter=reporter.name,
                reporter_title=reporter.title,
                body=_body_of(title, issuer, reporter, opening),
                subject_law=subject_law(title),
                written=bool(reporter.written or byline["written"] or written_title),
                start=lines[0][0],
                end=end,
                reporter_span=reporter.span,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class HeardReport:
    """A report a meeting heard, read from an item of its business."""

    title: str
    reporter: str = ""
    reporter_title: str = ""
    body: str = ""

    def fields(self) -> dict[str, str]:
        """Title and reporter, as record fields."""
        return {
            "title": self.title,
            "reporter": self.reporter,
            "reporter_title": self.reporter_title,
        }


# What a report's title ends with; bills' (草案) may follow a report's.
_REPORT_END = re.compile(r"(?:报告|说明|汇报)(?:[（(](?:草案|书面)[）)])?》?$")
# A bill a meeting *heard* is heard through its explanation: a report too.
_BILL_END = re.compile(r"[（(]?草案[）)]?》?$")
# "甲作(的)…", "乙代表丙作的…": who delivered it.
_DELIVERED = re.compile(r"^(?P<who>[^《〈“]{2,40}?)作(?:了)?(?:的)?(?=[关《〈\d])")
_ABOUT = re.compile(r"^(?P<who>[^《〈“]{2,40}?)(?=关于)")
_TITLED = re.compile(r"^(?!关于)(?P<who>[^《〈“]{2,40}?)(?=《)")
_BILLS = re.compile(r"^(?:《[^《》]{2,80}?(?:草案|修订草案|草案修改稿)[）)]》){2,}")


def heard_reports(
    item: str, outcome: str, carried: HeardReport | None = None
) -> list[HeardReport]:
    """The reports an item of business is, ``[]`` when it is none.

    Every item a meeting *heard* (听取) is a report or an explanation; an item it
    reviewed is one when its title says so (…的报告, …的说明). Who delivered it
    stands before "作" ("省发改委主任孟芊作关于…的说明"), a body before "关于"
    ("市政府关于…的报告"); bills listed together ("《甲（草案）》《乙（草案）》审议
    结果的报告") each get their report; ``carried`` is the report before, whose
    reporter a bare title after it shares.

    >>> [(r.reporter, r.reporter_title, r.title) for r in heard_reports(
    ...     "省财政厅厅长苑清作关于预算调整方案的说明", "heard")]
    [('苑清', '省财政厅厅长', '关于预算调整方案的说明')]
    >>> [r.title for r in heard_reports(
    ...     "《甲条例（草案）》《乙条例（修订草案）》审议结果的报告", "heard")]
    ['《甲条例（草案）》审议结果的报告', '《乙条例（修订草案）》审议结果的报告']
    """
    if outcome != "heard" and not _REPORT_END.search(item):
        return []
    if outcome == "heard" and not (
        _REPORT_END.search(item) or _BILL_END.search(item) or item.endswith("》")
    ):
        return []
    reporters = [HeardReport("")]
    title = item
    if m := _DELIVERED.match(item) or _ABOUT.match(item):
        title = item[m.end() :].removeprefix("的")
        reporters = _reporters(m["who"])
        if not reporters:
            return []
    elif (m := _TITLED.match(item)) and all(
        r.reporter or r.body for r in _reporters(m["who"]) or [HeardReport("")]
    ):
        # "县长甲《关于…的报告》": a reporter or body, not "关于检查《…》".
        title, reporters = item[m.end() :], _reporters(m["who"])
    elif carried is not None and item.startswith("《"):
        reporters = [carried]
    bills = _BILLS.match(title)
    titles = [title]
    if bills:
        tail = title[bills.end() :]
        titles = [f"{b}{tail}" for b in re.findall(r"《[^《》]+》", bills[0])]
    return [
        HeardReport(t, reporter.reporter, reporter.reporter_title, reporter.body)
        for reporter in reporters
        for t in titles
    ]


def _reporters(text: str) -> list[HeardReport]:
    """Who stands before 作 / 关于: one reporter, or several each with a name.

    "院长甲、检察长乙关于辞去…的报告" is two reports; "县委常委、副县长甲" is
    one reporter with two posts.
    """
    parts = [_who(part) for part in text.split("、")]
    if len(parts) > 1 and all(p is not None and p.reporter for p in parts):
        return parts
    whole = _who(text)
    return [whole] if whole is not None else []


def _who(text: str) -> HeardReport | None:
    """Reporter, post and body of what stands before 作 / 关于."""
    text = _SPACE.sub("", text)
    if m := re.match(rf"^(?P<who>.+?)代表(?P<body>{_CJK}{{2,30}}{_BODY_END})$", text):
        who, body = m["who"], m["body"]
        post, name = split_post(who)
        if name:
            return HeardReport("", name, post, body)
        return HeardReport("", "", who, body)
    post, name = split_post(text)
    if name:
        found = _ORG_OF_POST.match(post)
        return HeardReport("", name, post, found["org"] if found else "")
    if _BODY_LINE.match(text):
        return HeardReport("", "", "", text)
    if _POST_ONLY.match(text):
        return HeardReport("", "", text, "")
    return None if len(text) > 12 else HeardReport("")


def _meeting_key(meeting_text: str, context: DocContext | None) -> str | None:
    """The key of the meeting a byline names, ``None`` when it names none."""
    found = meeting_from_name(meeting_text, context) if context is not None else None
    return found[0] if found else None


class ReportsComponent:
    """``Doc -> Doc``: report heads into spans and :class:`Report` relations."""

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc`` in place and return it."""
        context = doc._.gb_context
        text = text_of(doc)
        for article in doc.spans[ARTICLES]:
            lo, hi = article.start_char, article.end_char
            found = find_reports(text[lo:hi], clock=context.clock)
            self.set_annotations(doc, found, lo)
        return doc

    def set_annotations(self, doc: Doc, found: list[FoundReport], at: int) -> None:
        """A title span, a reporter span and a :class:`Report` per head."""
        context = doc._.gb_context
        for rep in found:
            add_span(doc, ENTITIES, at + rep.start, at + rep.end, "REPORT")
            if rep.reporter_span:
                lo, hi = rep.reporter_span
                add_span(doc, ENTITIES, at + lo, at + hi, "PERSON")
            add_relation(
                doc,
                Report,
                at + rep.start,
                at + rep.end,
                meeting=_meeting_key(rep.meeting_text, context),
                date=rep.date,
                title=rep.title,
                reporter=rep.reporter,
                reporter_title=rep.reporter_title,
                body=canonical_body(rep.body, context) if rep.body else "",
                subject_law=rep.subject_law,
                written=rep.written,
            )


@Language.factory(
    "gongbao_reports",
    requires=["doc.spans"],
    assigns=["doc.spans", "doc._.gb_relations"],
)
def make_reports(nlp: Language, name: str) -> ReportsComponent:
    """Create the reports component."""
    return ReportsComponent()
