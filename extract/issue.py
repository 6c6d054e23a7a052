"""The last component: merges across the whole issue.

Articles are read one at a time; some answers need the whole issue:

- a meeting recorded in several articles (minutes, attendance list, agenda) is
  one meeting, with the date most of them give and the chair one of them names
  (:func:`extract.meetings.merge_meetings`);
- a formal attendance list is the better record: where a meeting has a list for
  a status, prose naming people with that status is dropped
  (:func:`extract.attendance.prefer_lists`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .attendance import prefer_lists
from .meetings import merge_meetings
from .records import Attendance, Meeting

__all__ = ["IssueComponent", "make_issue"]


class IssueComponent:
    """``Doc -> Doc``: merge the issue's meetings; lists win over prose."""

    def __call__(self, doc: Doc) -> Doc:
        """Rewrite ``doc._.gb_relations`` in place."""
        relations = doc._.gb_relations
        meetings = merge_meetings([r for r in relations if r.record is Meeting])
        attendance = prefer_lists([r for r in relations if r.record is Attendance])
        rest = [r for r in relations if r.record not in (Meeting, Attendance)]
        relations[:] = [*meetings, *attendance, *rest]
        return doc


@Language.factory(
    "gongbao_issue",
    requires=["doc._.gb_relations"],
    assigns=["doc._.gb_relations"],
)
def make_issue(nlp: Language, name: str) -> IssueComponent:
    """Create the issue-merging component."""
    return IssueComponent()
