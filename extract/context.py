"""What an issue as a whole tells its articles: region, publisher, year.

An article read alone is ambiguous: "区法院" is the court of *this* district, "4 月
16 日" is in *this* issue's year. :func:`read_context` reads the whole normalised
issue once and returns a :class:`DocContext` every extractor can consult.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["DocContext"]


@dataclass(slots=True)
class DocContext:
    """Document-level facts shared by every article of one issue."""

    source: str  # file name
    kind: str = "other"  # "congress-bulletin", "government-gazette", "other"
    title: str = ""
    region: str = ""  # full name of the issuing jurisdiction, "长春市绿园区"
    region_short: str = ""  # "绿园区"
    parents: tuple[str, ...] = ()  # enclosing regions, outermost first: ("吉林省", "长春市")
    level: str = ""  # "province", "city", "district", "county", "town"
    publisher: str = ""  # canonical issuing body
    year: int | None = None  # the year, for dates printed without one
    years: tuple[int, ...] = ()  # every year seen in bylines, most frequent first
    extra: dict[str, object] = field(default_factory=dict)


def read_context(mapped, source: str) -> DocContext:
    """Read the issue-level context from the normalised text (first version)."""
    return DocContext(source=source)
