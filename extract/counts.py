"""Printed roster counts: how many attended, were absent or on leave, as printed.

Minutes and news items print totals beside (or instead of) the names: "应到44人，实
到40人", "委员共21人出席会议", "出席29人，缺席4人", "请假2人". Each becomes a
:class:`~extract.records.RosterCount` of the meeting named last before it, read from
its own span, so a meeting page can set the names it lists against what the
document printed.

>>> [(c.status, c.count) for c in find_counts("应到44人，实到40人，请假4人。")]
[('expected', 44), ('present', 40), ('leave', 4)]
>>> [(c.status, c.count) for c in find_counts("副主任甲、乙及委员共二十一人出席会议。")]
[('present', 21)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .doc import ARTICLES, add_relation, text_of
from .meetings import meeting_before
from .numerals import to_int
from .records import RosterCount
from .scan import finditer_within, runs_holding

__all__ = ["CountsComponent", "FoundCount", "find_counts"]

_DIGITS = r"[\d一二三四五六七八九十百零〇两]{1,5}"
_WHO = r"(?:会议的?)?(?:常委会)?(?:委员|组成人员|成员|代表)?"
_ALL = r"(?:共计|共|计)?\s*"  # "共计35名", "共 29 人"
# Word, then count ("出席29人"), or count, then word ("共21人出席").
_COUNT = re.compile(
    rf"(?P<before>应到|实到|出席|缺席|请假){_WHO}{_ALL}(?P<n>{_DIGITS})\s*(?:人|名)"
    rf"|{_ALL}(?P<m>{_DIGITS})\s*(?:人|名)\s*(?:委员)?(?P<after>出席|缺席|请假)"
)
# Every count is a run of these characters holding 人 or 名 (see extract.scan).
_COUNT_RUNS = runs_holding(
    "人",
    "名",
    chars=r"应实到出席缺请假会议的常委员组成人名代表共计\d一二三四五六七八九十百零〇两\s",
)
_STATUS = {
    "应到": "expected",
    "实到": "present",
    "出席": "present",
    "缺席": "absent",
    "请假": "leave",
}


@dataclass(frozen=True, slots=True)
class FoundCount:
    """A printed count at ``[start, end)`` of the text."""

    status: str
    count: int
    start: int
    end: int


def find_counts(text: str) -> list[FoundCount]:
    """Every printed roster count of ``text``, in order."""
    out = []
    runs = (run.span() for run in _COUNT_RUNS.finditer(text))
    for match in finditer_within(_COUNT, text, runs):
        word = match["before"] or match["after"]
        count = to_int(match["n"] or match["m"] or "")
        if count:
            out.append(FoundCount(_STATUS[word], count, match.start(), match.end()))
    return out


class CountsComponent:
    """``Doc -> Doc``: printed roster counts into ``RosterCount`` relations."""

    def __call__(self, doc: Doc) -> Doc:
        """Add the counts each article prints, each of the meeting named before it."""
        text = text_of(doc)
        for article in doc.spans[ARTICLES]:
            lo, hi = article.start_char, article.end_char
            seen: set[tuple[str, str]] = set()
            for found in find_counts(text[lo:hi]):
                meeting = meeting_before(doc, lo + found.start)
                if meeting is None or (meeting, found.status) in seen:
                    continue  # one count per status and meeting: the first printed
                seen.add((meeting, found.status))
                add_relation(
                    doc,
                    RosterCount,
                    lo + found.start,
                    lo + found.end,
                    meeting=meeting,
                    status=found.status,
                    count=found.count,
                )
        return doc


@Language.factory(
    "gongbao_counts",
    requires=["doc.spans"],
    assigns=["doc._.gb_relations"],
)
def make_counts(nlp: Language, name: str) -> CountsComponent:
    """Create the printed-counts component."""
    return CountsComponent()
