r"""Who attended a meeting, and how: 出席, 缺席, 请假, 列席.

Two sources, one rule between them:

- **Lists.** A heading "出 席：", "缺 席：", "常委会组成人员请假：", "列 席：" (an
  optional count in brackets after it), then lines of names: padded to three cells
  ("侯 伟"), five to a line or in tab-separated tables; 列席 lines carry a role
  after the name ("田 良 区人民法院院长"). A block ends at the next heading or at
  the first line that is not names.
- **Prose**, in minutes: "市政府常务副市长方景广,副市长高洪涛,……列席了会议",
  "副主任杜玉凤、杨自山及委员共 29 人出席会议": post + name items before the verb.

A formal list is the better record: where a meeting has a list for a status, the
prose of that status is not used for it (prose names the chair and the leaders,
lists name everyone, sometimes with another OCR reading of the same name).

Facts go to the meeting named last before the list or sentence; failing that, the
one meeting the article records.

>>> from gongbao.extract.context import DocContext
>>> ctx = DocContext("a.txt", region="明川市青湖区", region_short="青湖区",
...                  parents=("明川市",), level="district", year=2024)
>>> text = ("青湖区九届人大常委会第三次会议\n出席情况\n出 席：\n邬 岚 覃文博\n"
...         "缺 席：\n温海宁\n列 席：\n贺兰舟 区人民法院院长\n")
>>> [(a.person, a.status, a.role) for a in find_attendance(text, ctx)]
[('邬岚', 'present', ''), ('覃文博', 'present', ''), ('温海宁', 'absent', ''), ('贺兰舟', 'nonvoting', '区人民法院院长')]
"""  # noqa: E501

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .context import DocContext
from .doc import ARTICLES, ENTITIES, Relation, add_span, text_of
from .meetings import (
    MeetingMention,
    find_meeting_mentions,
    meeting_before,
    mentions_in,
)
from .people import enumerate_people, is_name, list_name_spans
from .records import Attendance
from .text import MappedText

__all__ = ["find_attendance", "make_attendance", "prefer_lists"]

_STATUS = {"出席": "present", "缺席": "absent", "请假": "leave", "列席": "nonvoting"}
_HEAD = re.compile(
    r"^[^\S\n]*(?P<who>[\u4e00-\u9fff]{0,12}?)"
    r"(?P<word>出[^\S\n]*席|缺[^\S\n]*席|请[^\S\n]*假|列[^\S\n]*席)"
    r"(?:人员|名单|情况)?[^\S\n]*[:：][^\S\n]*"
    r"(?:[（(][^）)\n]*[）)])?",
    re.M,
)
_LINE = re.compile(r"[^\n]*")
_RULE = re.compile(r"^[\s\-—_=·.]*$")
_HAN_ONLY = re.compile(r"[\u4e00-\u9fff·]{2,4}")
_PROSE_VERB = re.compile(
    r"(?:分别)?(?P<verb>出席|列席|参加|主持)(?:了)?(?:本次|这次)?"
    r"(?:(?:会议|会)(?![议程])|(?=[。；;]|$)|(?<=主持)(?=[，,])"
    r"|(?:(?<=主持)|(?<=主持了))(?:第|全体))"
)
_SENTENCE_END = re.compile(r"[。！!？?]")
_ITEM_SPLIT = re.compile(r"[，,；;]")
_TAIL = re.compile(
    r"(?:及|以及|和|与|等)(?:委员|其他|部分|列席|常委|全体|各|共).*$|等$"
)
_COUNT_TAIL = re.compile(r"(?:及|和|以及)?(?:委员)?共?\d+人$|共$")
_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class _Found:
    person: str
    status: str
    role: str
    start: int
    end: int
    from_list: bool


def find_attendance(
    text: str,
    context: DocContext,
    *,
    mentions: list[MeetingMention] | None = None,
    fallback: Callable[[int], str | None] | None = None,
) -> list[Relation]:
    """Attendance of ``text`` (offsets into ``text``).

    A list or sentence goes to the meeting ``text`` names last before it
    (``mentions``, found when not given); failing that, to the one meeting the
    text records; failing that, to ``fallback(offset)`` (the pipeline passes the
    meeting the issue named last before an annex).
    """
    if mentions is None:
        mentions = find_meeting_mentions(text, context)
    recorded = [m for m in mentions if m.strong]

    def meeting_at(offset: int) -> str | None:
        before = [m for m in mentions if m.end <= offset]
        if before:
            return before[-1].key
        if len({m.key for m in recorded}) == 1:
            return recorded[0].key
        return fallback(offset) if fallback is not None else None

    found: dict[str | None, list[_Found]] = {}
    for item in _lists(text):
        found.setdefault(meeting_at(item.start), []).append(item)
    listed = {
        (key, f.status) for key, items in found.items() for f in items if f.from_list
    }
    for item in _prose(text):
        key = meeting_at(item.start)
        if (key, item.status) not in listed:
            found.setdefault(key, []).append(item)
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    for key, items in found.items():
        if key is None:
            continue
        for f in sorted(items, key=lambda f: f.start):
            if (key, f.person, f.status) in seen:
                continue
            seen.add((key, f.person, f.status))
            out.append(
                Relation(
                    Attendance,
                    f.start,
                    f.end,
                    {
                        "meeting": key,
                        "person": f.person,
                        "status": f.status,
                        "role": f.role,
                        "listed": f.from_list,
                    },
                )
            )
    return sorted(out, key=lambda a: a.start)


def _lists(text: str) -> list[_Found]:
    """Names under 出席/缺席/请假/列席 headings."""
    found: list[_Found] = []
    heads = list(_HEAD.finditer(text))
    for i, head in enumerate(heads):
        status = _STATUS[_WS.sub("", head["word"])]
        stop = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        pos = head.end()
        while pos < stop:
            line = _LINE.match(text, pos)
            end = min(line.end(), stop)
            body = text[pos:end]
            if body.strip() and not _RULE.match(body):
                items = _line_items(body, pos, status)
                if items is None:
                    break
                found.extend(items)
            pos = end + 1
    return found


def _line_items(line: str, offset: int, status: str) -> list[_Found] | None:
    """The names (and roles) of one list line; ``None`` when it is not a list line."""
    spans = list_name_spans(line)
    if not spans:
        return None
    if status == "nonvoting":
        name, start, end = spans[0]
        role = "".join(token for token, _, _ in spans[1:])
        if not _HAN_ONLY.fullmatch(name) or not (role or len(spans) == 1):
            return None
        if len(spans) > 1 and _HAN_ONLY.fullmatch(role) and is_name(role):
            return None  # two names: not a name + role line
        return [_Found(name, status, role, offset + start, offset + end, True)]
    if not all(_HAN_ONLY.fullmatch(name) for name, _, _ in spans):
        return None
    return [
        _Found(name, status, "", offset + start, offset + end, True)
        for name, start, end in spans
    ]


def _prose(text: str) -> list[_Found]:
    """The people named before 出席/列席/参加/主持 (会议) in running text.

    The sentence before the verb is one enumeration (:func:`enumerate_people`);
    who presides is present.
    """
    squeezed = MappedText.identity(text).sub(_WS, "")
    flat = squeezed.text
    found: list[_Found] = []
    previous = 0  # the people of one verb are not those of the verb before
    for verb in _PROSE_VERB.finditer(flat):
        status = "nonvoting" if verb["verb"] == "列席" else "present"
        begin = max(previous, verb.start() - 400)
        for end in _SENTENCE_END.finditer(flat, begin, verb.start()):
            begin = end.end()
        previous = verb.end()
        for person in enumerate_people(flat, begin, verb.start()):
            lo, hi = squeezed.source_span(person.start, person.end)
            found.append(_Found(person.name, status, person.post, lo, hi, False))
    return found


def prefer_lists(records: list[Relation]) -> list[Relation]:
    """Across an issue: drop prose facts of a (meeting, status) a list covers.

    A post the prose printed ("副主任甲、乙") stays with the listed person as
    their role, when the list printed none.
    """
    listed = {(a.meeting, a.status) for a in records if a.listed}
    posts = {
        (a.meeting, a.status, a.person): a.role
        for a in records
        if not a.listed and a.role
    }
    return [
        a.but(role=posts.get((a.meeting, a.status, a.person), ""))
        if a.listed and not a.role
        else a
        for a in records
        if a.listed or (a.meeting, a.status) not in listed
    ]


class AttendanceComponent:
    """``Doc -> Doc``: attendance into PERSON spans and ``Attendance`` relations."""

    def __call__(self, doc: Doc) -> Doc:
        """Add the attendance each article records."""
        context = doc._.gb_context
        text = text_of(doc)
        for article in doc.spans[ARTICLES]:
            lo, hi = article.start_char, article.end_char
            found = find_attendance(
                text[lo:hi],
                context,
                mentions=mentions_in(doc, lo, hi),
                fallback=lambda offset, lo=lo: meeting_before(doc, lo + offset),
            )
            for relation in found:
                relation = relation.shifted(lo)
                add_span(doc, ENTITIES, relation.start, relation.end, "PERSON")
                doc._.gb_relations.append(relation)
        return doc


@Language.factory(
    "gongbao_attendance",
    requires=["doc.spans"],
    assigns=["doc.spans", "doc._.gb_relations"],
)
def make_attendance(nlp: Language, name: str) -> AttendanceComponent:
    """Create the attendance component."""
    return AttendanceComponent()
