"""Plain records that cross from extraction into graph assembly.

Every fact carries an :class:`Evidence`: the source file's name and the
character span ``[start, end)`` in the *decoded source text* of that file, with
the quoted text, so that ``source_text[start:end] == evidence.quote`` always
holds. Labels inside facts (names, titles, posts) are normalised: no padding
spaces, no line breaks; the quote keeps the text exactly as it stands.

Records are frozen dataclasses so they hash, compare and pickle (the build may
run documents in worker processes).

>>> ev = Evidence("a.txt", 0, 3, "王丽秀")
>>> Attendance("m", "王丽秀", "present", "", ev).status
'present'
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "ATTENDANCE_STATUSES",
    "APPOINTMENT_ACTIONS",
    "ARTICLE_KINDS",
    "Appointment",
    "Article",
    "Attendance",
    "DocumentFacts",
    "Evidence",
    "LawCitation",
    "Meeting",
    "Mention",
    "Report",
    "Review",
    "RosterCount",
    "SourceDocument",
]

#: Attendance status -> the word a bulletin uses for it.
ATTENDANCE_STATUSES = {
    "present": "出席",
    "absent": "缺席",
    "leave": "请假",
    "nonvoting": "列席",
}

#: Appointment action -> the word a bulletin uses for it.
APPOINTMENT_ACTIONS = {
    "appoint": "任命",
    "remove": "免去",
    "resign": "辞去",
    "engage": "聘任",
}

#: Kinds of article a bulletin issue is segmented into.
ARTICLE_KINDS = (
    "minutes",  # 会议纪要 / news-style account of a meeting
    "attendance",  # 出席情况
    "agenda",  # 会议议程
    "report",  # 报告, 说明, 审议意见 with a byline
    "decision",  # 决定, 决议
    "appointments",  # 任免名单, 人事任免
    "notice",  # 通知, 意见, 方案 with a 文号
    "regulation",  # the text of a 条例 / 办法 published in the issue
    "front",  # cover, table of contents, masthead
    "other",
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: file name, ``[start, end)`` and the exact quote."""

    source: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """One input file, decoded."""

    name: str  # the file's name, e.g. "000_9466b171b57efc88.txt": the `source` column
    path: str
    text: str  # decoded text; every Evidence offset points into it
    encoding: str  # "utf-8", "gb18030", ...
    sha256: str  # of the raw bytes; the key for incremental rebuilds
    format: str = "txt"  # "txt", "md", "html", "pdf", "csv", "jsonl"
    url: str = ""  # where the text was published (a page's URL, a crawler's record)
    published: str = ""  # ISO date the page was published, "" when unknown
    title: str = ""  # the page's own title (<title>, a crawler's record), "" when none
    # Start offset in ``text`` of each page after the first (PDF); empty otherwise.
    pages: tuple[int, ...] = ()
    # ``[start, end)`` spans of ``text`` that are page furniture (navigation,
    # footers, share bars): kept in the text, never read for facts.
    furniture: tuple[tuple[int, int], ...] = ()

    def page_of(self, offset: int) -> int | None:
        """The 1-based page holding ``offset``; ``None`` for text without pages."""
        if not self.pages:
            return None
        from bisect import bisect_right

        return bisect_right(self.pages, offset) + 1


@dataclass(frozen=True, slots=True)
class Article:
    """A segment of an issue: one meeting record, report, list or notice."""

    source: str
    index: int
    kind: str  # one of ARTICLE_KINDS
    title: str
    evidence: Evidence  # the whole article's span


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting of a people's congress standing committee (or a government)."""

    # stable: "<body>|<term>|<session>", e.g. "长春市绿园区人民代表大会常务委员会|18|25"
    key: str
    label: str  # "长春市绿园区第十八届人民代表大会常务委员会第二十五次会议"
    body: str  # canonical full name of the convening body
    region: str  # full region name, e.g. "长春市绿园区"
    term: int | None  # 届
    session: int | None  # 次
    date: str | None  # ISO 8601
    evidence: Evidence
    chair: str | None = None
    chair_evidence: Evidence | None = None
    # Who else chaired a part of it ("副主任甲、乙分别主持了第一、二次全体会议"),
    # read from the same span as ``chair``.
    co_chairs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RosterCount:
    """How many a document printed as expected, present, absent or on leave."""

    meeting: str  # Meeting.key
    status: str  # "expected", "present", "absent", "leave"
    count: int
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Attendance:
    """A person's attendance at a meeting: present, absent, leave, nonvoting."""

    meeting: str  # Meeting.key
    person: str
    status: str  # a key of ATTENDANCE_STATUSES
    role: str  # role text as printed ("区人民法院院长"), "" when none
    evidence: Evidence
    listed: bool = True  # read from a formal list (出席：…), not from prose


@dataclass(frozen=True, slots=True)
class Report:
    """A report (or explanation) delivered to, or filed with, a meeting."""

    meeting: str | None  # Meeting.key
    date: str | None
    title: str
    reporter: str  # person's name, "" when delivered by a body or in writing
    reporter_title: str  # "营口市财政局局长", "" when none
    body: str  # canonical body on whose behalf it is made
    subject_law: str  # law the report is about, "" when none
    evidence: Evidence
    written: bool = False  # （书面）: filed, not delivered orally


@dataclass(frozen=True, slots=True)
class Appointment:
    """An appointment, removal, resignation or engagement decided by a body."""

    date: str | None
    decided_by: str  # canonical body
    person: str
    action: str  # a key of APPOINTMENT_ACTIONS
    post: str  # canonical post, "吉林省审计厅副厅长"
    doc_number: str  # 文号, "" when none
    evidence: Evidence
    meeting: str | None = None  # Meeting.key when decided at a meeting
    note: str = ""  # "试用期一年", "代理市长" ...


@dataclass(frozen=True, slots=True)
class LawCitation:
    """A law or regulation cited in a document."""

    law: str  # normalised title, without 《》
    kind: str  # 法 / 条例 / 办法 / 规定 / 细则 / 规则 / 决定 ...
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Review:
    """An item a meeting reviewed (审议), and what came of it."""

    meeting: str  # Meeting.key
    date: str | None
    item: str
    outcome: str  # "heard", "reviewed", "adopted", "approved", ...
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention: person, body, region, law, document, date."""

    kind: str
    text: str  # normalised
    evidence: Evidence
    canonical: str = ""  # canonical name where resolved (body, region)


@dataclass(slots=True)
class DocumentFacts:
    """Everything extracted from one source document."""

    document: SourceDocument
    title: str = ""
    kind: str = ""  # "congress-bulletin", "government-gazette", "other"
    region: str = ""  # region the issuing body governs, "" when unknown
    articles: list[Article] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    laws: list[LawCitation] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    counts: list[RosterCount] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
