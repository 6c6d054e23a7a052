r"""What a meeting did with each item: :class:`~extract.records.Review` records.

Minutes and agendas list a meeting's business in a few fixed verbs::

    会议听取和审议了区政府关于…的报告；审查批准了2020年区本级财政决算；
    会议还审议了…的专项报告（书面）。
    一、听取并审议区法院关于…的报告；

Each verb opens a list of items that runs to the next verb or the end of the
sentence; items are separated by ；，, and by 、 where the piece before it is a
whole item (it ends in 报告, 》, 草案 …). The verb gives the outcome:

=================================  ==========
听取 (了)                           heard
听取和审议 / 听取并审议 / 审议 (了)   reviewed
审议通过 / 表决通过 / 通过 (了)       adopted
审查批准 / 批准 (了)                 approved
=================================  ==========

The meeting is the last meeting named before the sentence ("…第三十五次会议");
its key comes from :func:`extract.meetings.meeting_from_name`; a name that
cannot be read as a meeting stands in for the key. Business with no
meeting named before it is not recorded.

>>> for r in find_reviews(
...     "青湖区第五届人大常委会第九次会议纪要\n"
...     "会议听取和审议了区政府关于河道的报告、区法院关于执行的报告；"
...     "表决通过了《青湖区物业管理条例（草案）》。"):
...     print(r.outcome, r.item)
reviewed 区政府关于河道的报告
reviewed 区法院关于执行的报告
adopted 《青湖区物业管理条例（草案）》
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
from .meetings import meeting_before, meeting_from_name
from .records import Report, Review
from .reports import heard_reports, subject_law

__all__ = [
    "OUTCOMES",
    "FoundReview",
    "ReviewsComponent",
    "find_reviews",
    "make_reviews",
]

#: Verb (spaces removed, without 了) -> outcome.
OUTCOMES = {
    "听取": "heard",
    "听取和审议": "reviewed",
    "听取并审议": "reviewed",
    "听取并审议通过": "adopted",
    "听取审议": "reviewed",
    "审查": "reviewed",
    "审议": "reviewed",
    "审议并通过": "adopted",
    "审议通过": "adopted",
    "表决通过": "adopted",
    "通过": "adopted",
    "审查批准": "approved",
    "审查并批准": "approved",
    "批准": "approved",
}

_COMPOUND = (
    r"听\s*取\s*并\s*审\s*议\s*通\s*过|听\s*取\s*(?:和|并)?\s*审\s*议"
    r"|审\s*议\s*并?\s*通\s*过|表\s*决\s*通\s*过"
    r"|审\s*查\s*并?\s*批\s*准"
)
_VERB = (
    rf"(?P<verb>{_COMPOUND}|听取|审议|批准|通过)\s*(?P<le>了)?"
    r"(?!意见|情况|的|时|中|后|工作)"
)
_LIST_NUMBER = r"(?:[-•]\s*)?(?:[一二三四五六七八九十]+、|\d+[.、．])"
#: A verb where a clause of business starts: after 会议, a list number, or (inside
#: a sentence already about business) a clause mark.
_CLAUSE = re.compile(
    r"(?:(?P<meeting>会议(?:还|先后|分别|依次|并|首先|最后)?)"
    r"|(?P<mark>[，,；;]\s*(?:还|并|又|会议还|初步|分别|先后)?)"
    rf"|^[ \t]*(?P<number>{_LIST_NUMBER})\s*)" + _VERB,
    re.MULTILINE,
)
_SENTENCE_END = re.compile(rf"[。！？]|\n(?=[ \t]*{_LIST_NUMBER})")
#: Business named between two words: "会议首先就甲关于…的报告；乙关于…的报告进行了认真
#: 审查", "会议还对《…》进行了审议".
_AROUND = re.compile(
    r"会议(?:还|先后|分别|依次|并|首先|最后|又)?[就对]"
    r"(?P<items>[^。！？]{4,600}?)(?:进行了?|作了?)\s*(?:认真|初步|专题)?\s*"
    r"(?P<verb>审\s*查|审\s*议)(?!意见|情况|的|时|中|后|工作)"
)
_ITEM_SPLIT = re.compile(r"[；;，,]|以及(?=[^，,；;。]{0,30}?作)|和(?=关于)")
#: How a listed item ends: the kind of paper a meeting deals with.
_ITEM_END = re.compile(
    r"(?:报告|决定|决议|意见|草案|条例|办法|规定|名单|议案|决算|预算|计划|规划|事项"
    r"|汇报|说明|》|[（(](?:书面|草案|试行|[^（）()]{1,8}稿)[）)])$"
)
#: A piece that opens with a verb we do not record ("；研究了…") ends the list.
_OTHER_VERB = re.compile(r"^(?:研究|讨论|学习|传达|通报|部署|观看|视察)")
#: A report delivered in a sentence of its own: "会上，市委常委甲作关于…的说明。"
_DELIVERED = re.compile(
    r"(?:^|(?<=[。；;\n])|(?<=会上[，,])|(?<=会议上[，,]))[ \t]*"
    r"(?P<items>[^。；;，,\n《]{2,40}?作了?(?:关于|《)[^。；;\n]{2,200}?(?:报告|说明|汇报)》?)"
    r"(?=[。；;，,\n]|$)"
)
_ITEM_HEAD = re.compile(r"\s*(?:(?:和|并|及|以及|还|会议)\s*)*")
_ITEM_TAIL = re.compile(r"[。；;，,、\s]+$")
_STOP_BEFORE_REGION = frozenset(
    "在日了的与和及员委会议上中于是对由为表任主记要录报告期号"
)
_MEETING_CORE = re.compile(
    r"第?[一二三四五六七八九十]+届(?:(?!召开|举行)[\u4e00-\u9fff]){2,24}?"
    r"第[一二三四五六七八九十百〇\d]+次(?:全体)?会议"
)
_SPACE = re.compile(r"\s+")
#: How far back (characters) to look for the meeting and the date of a clause.
_LOOKBACK = 3000
_MIN_ITEM = 4
#: Longest sentence of business (characters).
_SENTENCE = 800
#: Characters of region name looked at before a meeting's 届.
_REGION_CHARS = 12


@dataclass(frozen=True, slots=True)
class FoundReview:
    """An item of business found in text; offsets are into that text."""

    meeting_name: str  # "" when no meeting is named before
    date: str | None
    item: str
    outcome: str
    start: int
    end: int


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the items listed in ``text[start:end]``."""
    pieces: list[tuple[int, int]] = []
    pos = start
    for mark in _ITEM_SPLIT.finditer(text, start, end):
        pieces.append((pos, mark.start()))
        pos = mark.end()
    pieces.append((pos, end))
    out: list[tuple[int, int]] = []
    for lo, hi in pieces:
        cut = lo
        titles_end = _trimmed(text, lo, hi)[2].endswith("》")
        for sep in re.finditer("、", text[lo:hi]):
            head = _SPACE.sub("", text[cut : lo + sep.start()])
            if _whole_item(head, titles_end=titles_end):
                out.append((cut, lo + sep.start()))
                cut = lo + sep.end()
        out.append((cut, hi))
    return out


def _whole_item(head: str, *, titles_end: bool = False) -> bool:
    """Whether ``head`` (before a 、) is a whole item, not the start of one.

    A title mark ends an item when the item is that title or when the list it
    stands in ends with a title: 《甲》、《乙》 and 甲作的《A》、《B》 list two,
    检查《甲》、《乙》实施情况的报告 is one.
    """
    if len(head) < _MIN_ITEM or not _ITEM_END.search(head):
        return False
    return not head.endswith("》") or head.startswith("《") or titles_end


def _trimmed(text: str, lo: int, hi: int) -> tuple[int, int, str]:
    """The item's span without leading connectives and trailing marks."""
    head = _ITEM_HEAD.match(text, lo, hi)
    lo = head.end() if head else lo
    tail = _ITEM_TAIL.search(text, lo, hi)
    hi = tail.start() if tail else hi
    return lo, hi, _SPACE.sub("", text[lo:hi])


def _meeting_name(window: str) -> str:
    """The last meeting named in ``window`` (spaces removed), with its region."""
    cores = list(_MEETING_CORE.finditer(window))
    if not cores:
        return ""
    core = cores[-1]
    start = core.start()
    while (
        start > 0
        and core.start() - start < _REGION_CHARS
        and "\u4e00" <= window[start - 1] <= "\u9fff"
        and window[start - 1] not in _STOP_BEFORE_REGION
    ):
        start -= 1
    return window[start : core.end()]


def _meeting_and_date(text: str, pos: int, clock: Clock) -> tuple[str, str | None]:
    """The last meeting named, and the last date given, before ``pos``."""
    window = text[max(0, pos - _LOOKBACK) : pos]
    dates = find_dates(window)
    date = complete(dates[-1], clock).iso if dates else None
    return _meeting_name(_SPACE.sub("", window)), date


def _starts_business(clause: re.Match[str]) -> bool:
    """Whether a clause can open a list of business (not just continue one)."""
    compound = re.fullmatch(_COMPOUND, clause["verb"]) is not None
    heard = clause["verb"] in ("听取", "审议")
    if clause["meeting"] is not None:
        return compound or heard or clause["le"] is not None
    if clause["number"] is not None:
        return compound or heard
    return heard and clause["le"] is not None  # "；听取了…"


def find_reviews(
    text: str, *, clock: Clock = None, meeting: str = ""
) -> list[FoundReview]:
    """Every item of business a minute or agenda records, in order.

    ``meeting`` names the meeting when the text itself names none before the
    business (an article whose title was cut off by segmentation).
    """
    clauses = list(_CLAUSE.finditer(text))
    out: list[FoundReview] = []
    around = list(_AROUND.finditer(text))
    sentence_end = -1  # end of the sentence of business being read
    for i, clause in enumerate(clauses):
        stop_m = _SENTENCE_END.search(text, clause.end())
        stop = min(stop_m.start() if stop_m else len(text), clause.end() + _SENTENCE)
        if _starts_business(clause):
            sentence_end = stop
        elif clause.start() >= sentence_end or (
            clause["le"] is None
            and not re.fullmatch(_COMPOUND, clause["verb"])
            and clause["verb"] not in ("听取", "审议")
        ):
            continue
        if i + 1 < len(clauses):
            stop = min(stop, clauses[i + 1].start())
        outcome = OUTCOMES[_SPACE.sub("", clause["verb"])]
        named, date = _meeting_and_date(text, clause.start("verb"), clock)
        if not (named or meeting):
            continue
        for lo, hi in _items(text, clause.end(), stop):
            lo, hi, item = _trimmed(text, lo, hi)
            if (
                len(item) < _MIN_ITEM
                or not _ITEM_END.search(item)
                or _OTHER_VERB.match(item)
            ):
                break
            out.append(FoundReview(named or meeting, date, item, outcome, lo, hi))
    for clause in around:
        named, date = _meeting_and_date(text, clause.start(), clock)
        if not (named or meeting):
            continue
        outcome = OUTCOMES[_SPACE.sub("", clause["verb"])]
        for lo, hi in _items(text, clause.start("items"), clause.end("items")):
            lo, hi, item = _trimmed(text, lo, hi)
            if len(item) >= _MIN_ITEM and _ITEM_END.search(item):
                out.append(FoundReview(named or meeting, date, item, outcome, lo, hi))
    for delivered in _DELIVERED.finditer(text):
        lo, hi = delivered.span("items")
        if any(f.start < hi and lo < f.end for f in out):
            continue  # already an item of a clause ("会议听取了甲作的…")
        named, date = _meeting_and_date(text, lo, clock)
        if named or meeting:
            out.append(
                FoundReview(named or meeting, date, delivered["items"], "heard", lo, hi)
            )
    out.sort(key=lambda found: found.start)
    return out


def _meeting_key(name: str, context: DocContext | None) -> str:
    """The meeting's key, or its name when it cannot be read as a meeting."""
    found = meeting_from_name(name, context) if context is not None and name else None
    return found[0] if found else name


class ReviewsComponent:
    """``Doc -> Doc``: items of business into spans and :class:`Review` relations."""

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc`` in place and return it."""
        context = doc._.gb_context
        text = text_of(doc)
        for article in doc.spans[ARTICLES]:
            lo, hi = article.start_char, article.end_char
            found = find_reviews(
                text[lo:hi],
                clock=context.clock,
                meeting=_meeting_name(_SPACE.sub("", article._.gb_data or ""))
                or meeting_before(doc, hi)
                or "",
            )
            previous = None
            for rev in found:
                span = (lo + rev.start, lo + rev.end)
                at = {
                    "meeting": _meeting_key(rev.meeting_name, context),
                    "date": rev.date,
                }
                add_span(doc, ENTITIES, *span, "ITEM")
                add_relation(
                    doc, Review, *span, **at, item=rev.item, outcome=rev.outcome
                )
                # "副旗长甲作的《A》、《B》": B is 甲's too.
                near = previous is not None and rev.start - previous[0] <= 2
                heard = heard_reports(
                    rev.item, rev.outcome, previous[1] if near else None
                )
                for report in heard:
                    add_relation(
                        doc,
                        Report,
                        *span,
                        **at,
                        body=canonical_body(report.body, context),
                        subject_law=subject_law(report.title),
                        heard=True,
                        **report.fields(),
                    )
                previous = (rev.end, heard[-1]) if heard else None
        return doc


@Language.factory(
    "gongbao_reviews",
    requires=["doc.spans"],
    assigns=["doc.spans", "doc._.gb_relations"],
)
def make_reviews(nlp: Language, name: str) -> ReviewsComponent:
    """Create the reviews component."""
    return ReviewsComponent()
