"""The last component: merges across the whole issue.

Articles are read one at a time; some answers need the whole issue:

- a meeting recorded in several articles (minutes, attendance list, agenda) is
  one meeting, with the date most of them give and the chair one of them names
  (:func:`extract.meetings.merge_meetings`);
- a formal attendance list is the better record: where a meeting has a list for
  a status, prose naming people with that status is dropped
  (:func:`extract.attendance.prefer_lists`);
- a report printed with its byline is the better record of the reports the
  minutes say were heard: an issue that prints its reports keeps those (the
  minutes' wording of the same reports differs and cannot be aligned safely);
  a news item, which prints none, keeps the reports it says were heard, each
  once.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .attendance import prefer_lists
from .doc import Relation
from .meetings import merge_meetings
from .records import Attendance, Meeting, Report

__all__ = ["IssueComponent", "make_issue", "prefer_printed"]


class IssueComponent:
    """``Doc -> Doc``: merge the issue's meetings; lists win over prose."""

    def __call__(self, doc: Doc) -> Doc:
        """Rewrite ``doc._.gb_relations`` in place."""
        relations = doc._.gb_relations
        meetings = merge_meetings([r for r in relations if r.record is Meeting])
        attendance = prefer_lists([r for r in relations if r.record is Attendance])
        reports = prefer_printed([r for r in relations if r.record is Report])
        merged = (Meeting, Attendance, Report)
        rest = [r for r in relations if r.record not in merged]
        relations[:] = [*meetings, *attendance, *reports, *rest]
        return doc


def prefer_printed(reports: list[Relation]) -> list[Relation]:
    """Printed reports where the issue prints any; else heard ones, each once."""
    printed = [r for r in reports if not r.fields.get("heard")]
    if printed:
        return printed
    out, seen = [], set()
    for report in reports:
        key = (_core(report.title), report.reporter)
        if key not in seen:
            seen.add(key)
            out.append(report)
    return out


def _core(title: str) -> str:
    """A report's title without 关于, title marks and spaces, for comparing."""
    return re.sub(r"[《》〈〉<>\s]|^关于", "", title or "")


@Language.factory(
    "gongbao_issue",
    requires=["doc._.gb_relations"],
    assigns=["doc._.gb_relations"],
)
def make_issue(nlp: Language, name: str) -> IssueComponent:
    """Create the issue-merging component."""
    return IssueComponent()
