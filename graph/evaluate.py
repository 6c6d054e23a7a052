"""Score extracted facts against hand-checked gold answers.

Facts arrive as rows shaped like the competency queries' answers (``attendance``,
``meetings``, ``reports``, ``appointments``, ``laws``), either from a built graph
(:func:`rows_from_store`, the real path through SPARQL) or straight from
extraction records (:func:`rows_from_facts`, for fast iteration). The command
line is ``gongbao eval GOLD OUT`` (``--records`` scores a corpus without building
it). Gold comes from
TSV files in the format of ``../shared/gold``.

Matching, per family (a document's key is its file name up to the first ``_``;
names compare without spaces in one script: NFKC, simplified characters, no
pinyin printed in brackets, see :func:`extract.script.fold`, so gold written in a
page's traditional characters matches what extraction reads from them):

- attendance: document, person, status
- chairs: document, term, session, chair
- meetings: document, term, session
- reports: document, reporter, and the gold ``title_key`` contained in the title
- appointments: document, person, action, post
- laws: document, law without 《》〈〉 and its 草案/修订草案/试行 marks

Each gold fact matches at most one extracted fact. ``dates`` is the share of
matched facts whose date equals the gold date (families that have dates).

>>> gold = {"laws": [{"doc": "007", "law": "某某条例（草案）"}]}
>>> rows = {"laws": [{"source": "007_x.txt", "law": "《某某条例》", "kind": "条例"}]}
>>> score_rows(gold, rows)["laws"].f1
1.0
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..extract.lawtitles import strip_marks
from ..extract.records import DocumentFacts
from ..extract.script import fold

__all__ = [
    "FAMILIES",
    "GOLD_COLUMNS",
    "FamilyScore",
    "format_scores",
    "load_gold",
    "rows_from_facts",
    "rows_from_store",
    "score_rows",
]

#: Scored families, in the order they are printed.
FAMILIES = ("attendance", "chairs", "meetings", "reports", "appointments", "laws")

_SPACES = re.compile(r"\s+")
_SEVERAL = re.compile(r"[;；]")
_LAW_MARKS = re.compile(r"[(\[]?(?:修订草案|草案|试行)[)\]]?")
_LAW_BRACKETS = re.compile(r"[《》〈〉<>]")


def norm(text: str | None) -> str:
    """Matching form: folded to one script, without any whitespace."""
    return _SPACES.sub("", fold(text or ""))


def norm_law(text: str | None) -> str:
    """A law's title without brackets and without draft/trial marks.

    >>> norm_law("《某某条例（草案修改稿）》"), norm_law("〈某某办法（试行）〉")
    ('某某条例', '某某办法')
    """
    return _LAW_MARKS.sub("", strip_marks(_LAW_BRACKETS.sub("", norm(text))))


def doc_key(source: str | None) -> str:
    """``000_9466b171b57efc88.txt`` -> ``000``."""
    return Path(source or "").name.split("_", 1)[0]


@dataclass(slots=True)
class FamilyScore:
    """Counts and misses for one family of facts."""

    gold: int = 0
    found: int = 0
    matched: int = 0
    dated: int = 0  # matched facts that have a gold date
    dates_right: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong_dates: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of extracted facts that are in the gold."""
        return self.matched / self.found if self.found else float(self.gold == 0)

    @property
    def recall(self) -> float:
        """Share of gold facts that were extracted."""
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def date_share(self) -> float | None:
        """Share of matched, dated facts whose date is right."""
        return self.dates_right / self.dated if self.dated else None


# Gold ---------------------------------------------------------------------------


#: Columns each gold file must have (others, such as ``notes``, are kept too).
GOLD_COLUMNS = {
    "attendance": ("doc", "meeting", "person", "status"),
    "meetings": ("doc", "meeting", "chair"),
    "reports": ("doc", "meeting", "reporter", "title_key"),
    "appointments": ("doc", "date", "person", "action", "post"),
    "laws": ("doc", "law"),
}

_GOLD_MAX_BYTES = 16 * 1024 * 1024


def load_gold(gold_dir: Path) -> dict[str, list[dict[str, str]]]:
    r"""Read every ``<family>.tsv`` of :data:`GOLD_COLUMNS` in ``gold_dir``.

    Files are tab-separated, UTF-8 (with or without the byte-order mark Excel
    writes), GB18030/GBK or UTF-16. A folder without gold rows, a file separated
    by commas, a missing column and a row short of a needed cell are
    :class:`~gongbao.errors.InputError` naming the file (and line): an empty
    gold must never score 1.000.

    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (tmp / "laws.tsv").write_text("doc\tlaw\n007\t某某条例\n",
    ...                                   encoding="utf-8-sig")
    >>> load_gold(tmp)["laws"]
    [{'doc': '007', 'law': '某某条例'}]
    """
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError(str(gold_dir), "no such gold folder")
    names = ", ".join(f"{name}.tsv" for name in GOLD_COLUMNS)
    gold = {}
    for name in GOLD_COLUMNS:
        path = gold_dir / f"{name}.tsv"
        if path.is_file():
            gold[name] = _gold_rows(path, GOLD_COLUMNS[name])
    if not gold:
        others = sorted(p.name for p in gold_dir.iterdir() if not p.is_dir())[:5]
        found = f"; it holds {', '.join(others)}" if others else "; it is empty"
        raise InputError(
            str(gold_dir),
            f"no gold files{found}",
            f"gold is tab-separated files named {names}",
        )
    if not any(gold.values()):
        raise InputError(
            str(gold_dir),
            "the gold files hold no rows",
            "an empty gold would score every family 1.000",
        )
    return gold


def _gold_rows(path: Path, needed: tuple[str, ...]) -> list[dict[str, str]]:
    from ..extract.decoding import decode_bytes, utf16_encoding
    from ..extract.files import read_bytes

    label = str(path)
    raw = read_bytes(path, max_bytes=_GOLD_MAX_BYTES, fix="split the gold file")
    text, _ = decode_bytes(raw, name=label, declared=utf16_encoding(raw))
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or not lines[0].strip():
        return []
    header = [cell.strip() for cell in lines[0].split("\t")]
    if len(header) == 1 and "," in lines[0]:
        raise InputError(
            label,
            "is comma-separated; gold files are tab-separated",
            "save it as tab-separated text, .tsv",
        )
    missing = [column for column in needed if column not in header]
    if missing:
        raise InputError(
            label,
            f"has no column {', '.join(missing)} (header: {', '.join(header)})",
            f"its header must name {', '.join(needed)}",
        )
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        short = [c for c in needed if header.index(c) >= len(cells)]
        if short:
            raise InputError(
                f"{label}:{number}",
                f"row has {len(cells)} cell(s), no {', '.join(short)}",
                "separate the cells with tabs",
            )
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, (c.strip() for c in cells), strict=False)))
    return rows


def _meeting_parts(key: str) -> tuple[str, str, str, str]:
    """Gold meeting key ``绿园区|18|25|2020-04-29`` -> its four parts."""
    parts = (key or "").split("|")
    parts += [""] * (4 - len(parts))
    return parts[0], parts[1], parts[2], parts[3]


# Extracted rows -----------------------------------------------------------------


def rows_from_store(store) -> dict[str, list[dict[str, str | None]]]:
    """Run the competency queries on a store; rows by query name."""
    from .query import load_query, run_query

    names = ("attendance", "meetings", "reports", "appointments", "laws")
    return {name: run_query(store, load_query(name)).rows for name in names}


def rows_from_facts(
    documents: Iterable[DocumentFacts],
) -> dict[str, list[dict[str, str | None]]]:
    """Project extraction records onto the competency queries' columns."""
    rows: dict[str, list[dict[str, str | None]]] = {
        "attendance": [],
        "meetings": [],
        "reports": [],
        "appointments": [],
        "laws": [],
    }
    for facts in documents:
        source = facts.document.name
        meetings = {m.key: m for m in facts.meetings}

        def date_of(key, meetings=meetings):
            meeting = meetings.get(key)
            return meeting.date if meeting else None

        for m in facts.meetings:
            for chair in (m.chair, *m.co_chairs):  # a row per chair, as the query
                rows["meetings"].append(
                    {
                        "source": source,
                        "meeting": m.label,
                        "body": m.body,
                        "term": None if m.term is None else str(m.term),
                        "session": None if m.session is None else str(m.session),
                        "date": m.date,
                        "chair": chair,
                    }
                )
        for a in facts.attendance:
            rows["attendance"].append(
                {
                    "source": source,
                    "meeting": a.meeting,
                    "date": date_of(a.meeting),
                    "person": a.person,
                    "status": a.status,
                    "role": a.role,
                }
            )
        for r in facts.reports:
            rows["reports"].append(
                {
                    "source": source,
                    "meeting": r.meeting,
                    "date": r.date or date_of(r.meeting),
                    "title": r.title,
                    "reporter": r.reporter,
                    "reporter_title": r.reporter_title,
                    "body": r.body,
                    "subject_law": r.subject_law,
                }
            )
        for ap in facts.appointments:
            rows["appointments"].append(
                {
                    "source": source,
                    "date": ap.date,
                    "decided_by": ap.decided_by,
                    "person": ap.person,
                    "action": ap.action,
                    "post": ap.post,
                    "doc_number": ap.doc_number,
                }
            )
        seen = set()
        for law in facts.laws:
            if law.law not in seen:
                seen.add(law.law)
                rows["laws"].append(
                    {"source": source, "law": law.law, "kind": law.kind}
                )
    return rows


# Scoring ------------------------------------------------------------------------

# family -> (gold file, gold key, extracted key, extracted rows, gold date, match)
# A key is a tuple; `match(gold_key, found_key)` decides; dates are compared apart.


@dataclass(frozen=True, slots=True)
class _Family:
    gold_file: str
    rows: str
    gold_key: Callable[[dict], tuple]
    found_key: Callable[[dict], tuple]
    gold_date: Callable[[dict], str] | None = None
    gold_filter: Callable[[dict], bool] = lambda row: True
    found_filter: Callable[[dict], bool] = lambda row: True
    match: Callable[[tuple, tuple], bool] = lambda g, f: g == f
    # A gold column that may list several values ("甲;乙"): one gold fact each.
    several: str = ""


def _contains_title(gold: tuple, found: tuple) -> bool:
    (gdoc, greporter, gtitle), (fdoc, freporter, ftitle) = gold, found
    return gdoc == fdoc and greporter == freporter and gtitle in ftitle


_SPECS = {
    "attendance": _Family(
        gold_file="attendance",
        rows="attendance",
        gold_key=lambda r: (r["doc"], norm(r["person"]), r["status"]),
        found_key=lambda r: (doc_key(r["source"]), norm(r["person"]), r["status"]),
        gold_date=lambda r: _meeting_parts(r["meeting"])[3],
    ),
    "chairs": _Family(
        gold_file="meetings",
        rows="meetings",
        gold_key=lambda r: (
            r["doc"],
            *_meeting_parts(r["meeting"])[1:3],
            norm(r["chair"]),
        ),
        found_key=lambda r: (
            doc_key(r["source"]),
            r["term"] or "",
            r["session"] or "",
            norm(r["chair"]),
        ),
        gold_date=lambda r: _meeting_parts(r["meeting"])[3],
        gold_filter=lambda r: bool(norm(r.get("chair"))),
        found_filter=lambda r: bool(norm(r.get("chair"))),
        several="chair",
    ),
    "meetings": _Family(
        gold_file="meetings",
        rows="meetings",
        gold_key=lambda r: (r["doc"], *_meeting_parts(r["meeting"])[1:3]),
        found_key=lambda r: (doc_key(r["source"]), r["term"] or "", r["session"] or ""),
        gold_date=lambda r: _meeting_parts(r["meeting"])[3],
    ),
    "reports": _Family(
        gold_file="reports",
        rows="reports",
        gold_key=lambda r: (r["doc"], norm(r["reporter"]), norm(r["title_key"])),
        found_key=lambda r: (
            doc_key(r["source"]),
            norm(r["reporter"]),
            norm(r["title"]),
        ),
        gold_date=lambda r: _meeting_parts(r["meeting"])[3],
        match=_contains_title,
    ),
    "appointments": _Family(
        gold_file="appointments",
        rows="appointments",
        gold_key=lambda r: (r["doc"], norm(r["person"]), r["action"], norm(r["post"])),
        found_key=lambda r: (
            doc_key(r["source"]),
            norm(r["person"]),
            r["action"],
            norm(r["post"]),
        ),
        gold_date=lambda r: r["date"],
    ),
    "laws": _Family(
        gold_file="laws",
        rows="laws",
        gold_key=lambda r: (r["doc"], norm_law(r["law"])),
        found_key=lambda r: (doc_key(r["source"]), norm_law(r["law"])),
    ),
}


def score_rows(
    gold: dict[str, list[dict[str, str]]],
    rows: dict[str, list[dict[str, str | None]]],
    *,
    families: Iterable[str] = FAMILIES,
) -> dict[str, FamilyScore]:
    """Score extracted ``rows`` against ``gold``, per family.

    Only documents that appear somewhere in the gold are scored: a document
    without gold has no answers to be wrong against.
    """
    gold_docs = {row["doc"] for table in gold.values() for row in table}
    scores = {}
    for name in families:
        spec = _SPECS[name]
        gold_rows = [
            r
            for row in gold.get(spec.gold_file, [])
            for r in _each_value(row, spec.several)
            if spec.gold_filter(r)
        ]
        found_rows = [
            r
            for r in rows.get(spec.rows, [])
            if doc_key(r.get("source")) in gold_docs and spec.found_filter(r)
        ]
        scores[name] = _score_family(spec, gold_rows, found_rows)
    return scores


def _each_value(row: dict, column: str) -> list[dict]:
    """``row`` once per value its ``column`` lists ("刘某;王某"), or as it is."""
    values = _SEVERAL.split(row.get(column) or "") if column else []
    if len(values) < 2:
        return [row]
    return [row | {column: value} for value in values if value.strip()]


def _score_family(spec: _Family, gold_rows: list, found_rows: list) -> FamilyScore:
    score = FamilyScore()
    gold_items = _unique(gold_rows, spec.gold_key)
    found_items = _unique(found_rows, spec.found_key)
    score.gold, score.found = len(gold_items), len(found_items)
    unmatched = dict(found_items)
    for gkey, grow in gold_items.items():
        fkey = next((k for k in unmatched if spec.match(gkey, k)), None)
        if fkey is None:
            score.misses.append(" | ".join(gkey))
            continue
        frow = unmatched.pop(fkey)
        score.matched += 1
        if spec.gold_date is not None and spec.gold_date(grow):
            score.dated += 1
            if (frow.get("date") or "") == spec.gold_date(grow):
                score.dates_right += 1
            else:
                score.wrong_dates.append(
                    f"{' | '.join(gkey)}: {frow.get('date')} != {spec.gold_date(grow)}"
                )
    score.extras = [" | ".join(k) for k in unmatched]
    return score


def _unique(rows: list[dict], key: Callable[[dict], tuple]) -> dict[tuple, dict]:
    out: dict[tuple, dict] = {}
    for row in rows:
        out.setdefault(key(row), row)
    return out


def format_scores(scores: dict[str, FamilyScore], *, verbose: bool = False) -> str:
    """A table of precision, recall, F1 and date accuracy; ``verbose`` lists misses."""
    lines = []
    if verbose:
        for name, s in scores.items():
            for label, items in (
                ("miss", s.misses),
                ("extra", s.extras),
                ("date", s.wrong_dates),
            ):
                lines.extend(f"{name:<13}{label:<6}{item}" for item in items)
        if lines:
            lines.append("")
    header = (
        f"{'family':<13}{'gold':>6}{'found':>7}{'match':>7}"
        f"{'precision':>11}{'recall':>8}{'F1':>7}{'dates':>7}"
    )
    lines += [header, "-" * len(header)]
    for name, s in scores.items():
        dates = "-" if s.date_share is None else f"{s.date_share:.3f}"
        lines.append(
            f"{name:<13}{s.gold:>6}{s.found:>7}{s.matched:>7}"
            f"{s.precision:>11.3f}{s.recall:>8.3f}{s.f1:>7.3f}{dates:>7}"
        )
    return "\n".join(lines)
