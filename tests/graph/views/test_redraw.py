"""A rebuild draws only the pages that can have changed, and the same views.

The rows come from a fictional corpus of small graphs, given to
:func:`write_views` in place of the store's query answers, so each test sets
exactly which rows change: a label taken from another document, a meeting
recorded or no longer, a person added, attendance at a body's meeting. After
every change the rebuilt views folder must equal a fresh build's, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

import gongbao.graph.views as views_module
from gongbao.graph.views import QUERIES, write_views
from gongbao.graph.views.model import page_name
from gongbao.graph.views.reuse import read_record

_ORG = "https://example.org"
#: The columns of each query's rows (every row of a query has them all).
_COLUMNS = {
    "attendance": "meeting date person status role meeting_id person_id",
    "meetings": "meeting body term session date chair meeting_id body_id chair_id",
    "chairs": "meeting date chair meeting_id chair_id prefix suffix",
    "reports": "meeting date title reporter reporter_title body subject_law "
    "meeting_id report_id reporter_id body_id law_id",
    "appointments": "date decided_by person action post doc_number person_id "
    "body_id post_id",
    "laws": "law kind law_id prefix suffix",
    "reviewed": "meeting date item outcome meeting_id",
    "timeline": "person date post body event jurisdiction code person_id post_id",
    "counts": "meeting_id status count",
}
#: Names each entity goes by in different documents: its label is the first.
_NAMES = {
    "person": ["邬岚", "柏川", "岳禾", "沈棠", "苗振东", "房立新"],
    "meeting": ["青湖区人大常委会第十二次会议", "明川市人大常委会第三次会议"],
    "body": ["青湖区人大常委会", "明川市人大常委会"],
    "law": ["明川河保护条例", "青湖区河道管理办法"],
}


def _row(query: str, source: str, start: int, **values) -> dict:
    row = dict.fromkeys(_COLUMNS[query].split())
    row.update(source=source, quote="原文", start=str(start), end=str(start + 2))
    row.update(values)
    return row


def _iri(kind: str, n: int) -> str:
    return f"{_ORG}/{kind}/{n}"


def _name(rng: random.Random, kind: str, n: int) -> str:
    """Mostly the entity's own name; now and then a variant (another label)."""
    names = _NAMES[kind]
    variant = rng.random() < 0.25
    return names[n % len(names)] + ("（副）" if variant else "")


def _graph(rng: random.Random, doc: int) -> dict[str, list[dict]]:
    """One document's rows: a meeting (recorded or only mentioned), its people."""
    source = f"doc{doc:02d}.txt"
    m, b, law = rng.randrange(3), rng.randrange(2), rng.randrange(2)
    meeting, body = _iri("meeting", m), _iri("body", b)
    mname, bname = _name(rng, "meeting", m), _name(rng, "body", b)
    date = f"2024-0{1 + m}-1{rng.randrange(3)}"
    people = rng.sample(range(8), rng.randrange(1, 4))
    rows: dict[str, list[dict]] = {q: [] for q in QUERIES}
    at = iter(range(0, 10_000, 7))
    if rng.random() < 0.7:  # recorded here; else only mentioned
        rows["meetings"].append(
            _row(
                "meetings",
                source,
                next(at),
                meeting=mname,
                body=bname,
                date=date,
                meeting_id=meeting,
                body_id=body,
            )
        )
        rows["counts"].append(
            _row(
                "counts",
                source,
                next(at),
                meeting_id=meeting,
                status="present",
                count=str(len(people)),
            )
        )
    for p in people:
        person, name = _iri("person", p), _name(rng, "person", p)
        status = rng.choice(["present", "absent", "leave", "nonvoting"])
        rows["attendance"].append(
            _row(
                "attendance",
                source,
                next(at),
                meeting=mname,
                date=date,
                person=name,
                status=status,
                meeting_id=meeting,
                person_id=person,
            )
        )
        rows["timeline"].append(
            _row(
                "timeline",
                source,
                next(at),
                person=name,
                date=date,
                post="委员",
                event="attended",
                person_id=person,
            )
        )
    chair = people[0]
    if rng.random() < 0.5:
        rows["chairs"].append(
            _row(
                "chairs",
                source,
                next(at),
                meeting=mname,
                date=date,
                chair=_name(rng, "person", chair),
                meeting_id=meeting,
                chair_id=_iri("person", chair),
            )
        )
    if rng.random() < 0.6:
        who = rng.choice(people)
        rows["appointments"].append(
            _row(
                "appointments",
                source,
                next(at),
                date=date,
                decided_by=bname,
                person=_name(rng, "person", who),
                action=rng.choice(["appoint", "remove"]),
                post=rng.choice(["副区长", "局长"]),
                person_id=_iri("person", who),
                body_id=body,
                post_id=_iri("post", rng.randrange(2)),
            )
        )
    if rng.random() < 0.5:
        rows["reports"].append(
            _row(
                "reports",
                source,
                next(at),
                meeting=mname,
                date=date,
                title="报告",
                reporter=_name(rng, "person", chair),
                body=bname,
                subject_law=_name(rng, "law", law),
                meeting_id=meeting,
                report_id=f"{_ORG}/report/{doc}",
                reporter_id=_iri("person", chair),
                body_id=body,
                law_id=_iri("law", law),
            )
        )
    if rng.random() < 0.5:
        rows["laws"].append(
            _row(
                "laws",
                source,
                next(at),
                law=_name(rng, "law", law),
                kind="regulation",
                law_id=_iri("law", law),
            )
        )
    rows["reviewed"].append(
        _row(
            "reviewed",
            source,
            next(at),
            meeting=mname,
            date=date,
            item="决算",
            outcome="approved",
            meeting_id=meeting,
        )
    )
    return {q: found for q, found in rows.items() if found}


class _Corpus:
    """Graph -> its rows by query; answers :func:`read_rows_by_graph` for a store."""

    def __init__(self) -> None:
        self.graphs: dict[str, dict[str, list[dict]]] = {}

    def rows_by_graph(self, store, graphs=None, *, one_by_one=True, jobs=1):
        wanted = self.graphs if graphs is None else graphs
        return {
            q: {
                g: json.loads(json.dumps(self.graphs[g][q]))
                for g in wanted
                if g in self.graphs and self.graphs[g].get(q)
            }
            for q in QUERIES
        }

    def digests(self) -> dict[str, str]:
        return {
            g: hashlib.sha1(json.dumps(rows, sort_keys=True).encode()).hexdigest()
            for g, rows in self.graphs.items()
        }

    def counts(self):
        return SimpleNamespace(
            documents=len(self.graphs),
            entities={"meeting": 0, "person": 0, "body": 0, "law": 0},
            facts={
                k: sum(len(r.get(q, ())) for r in self.graphs.values())
                for k, q in (
                    ("attendance", "attendance"),
                    ("report", "reports"),
                    ("appointment", "appointments"),
                    ("citation", "laws"),
                    ("review", "reviewed"),
                )
            },
        )


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def corpus(monkeypatch):
    found = _Corpus()
    monkeypatch.setattr(views_module, "read_rows_by_graph", found.rows_by_graph)
    return found


class _Builds:
    """Builds one after another into numbered folders, each from the last."""

    def __init__(self, root: Path, corpus: _Corpus) -> None:
        self.root, self.corpus, self.n = root, corpus, 0
        self.redrawn: list[set[str]] = []

    def build(self) -> Path:
        """A rebuild from the last build; checked against a fresh build."""
        self.n += 1
        out, last = self.root / f"b{self.n}", self.root / f"b{self.n - 1}"
        since = (last / "views", last / "views.db") if self.n > 1 else None
        before = {p.name: p.stat().st_ino for p in (last / "views").glob("*.html")}
        digests, counts = self.corpus.digests(), self.corpus.counts()
        out.mkdir()
        write_views(
            None,
            out / "views",
            digests=digests,
            record=out / "views.db",
            last=since,
            counts=counts,
        )
        fresh = self.root / "fresh"
        shutil.rmtree(fresh, ignore_errors=True)
        write_views(None, fresh, digests=digests, counts=counts)
        assert _files(out / "views") == _files(fresh)
        after = {p.name: p.stat().st_ino for p in (out / "views").glob("*.html")}
        self.redrawn.append({n for n, i in after.items() if before.get(n) != i})
        if self.n > 2:
            shutil.rmtree(self.root / f"b{self.n - 2}")
        return out


def test_redraw_after_random_changes_gives_a_fresh_builds_views(tmp_path, corpus):
    rng = random.Random(13)
    for doc in range(12):
        corpus.graphs[f"urn:g:{doc}"] = _graph(rng, doc)
    builds = _Builds(tmp_path, corpus)
    builds.build()
    for _ in range(30):
        doc = rng.randrange(16)
        graph = f"urn:g:{doc}"
        if graph in corpus.graphs and rng.random() < 0.2:
            del corpus.graphs[graph]  # a document removed
        else:
            corpus.graphs[graph] = _graph(rng, doc)  # changed or added
        builds.build()
    # Most rebuilds keep most pages: only some are drawn again.
    assert sum(len(r) for r in builds.redrawn[1:]) < 0.6 * 30 * len(builds.redrawn[0])


def _node_labels(page: str) -> set[str]:
    """The labels of a page's network (its nodes' data is JSON, non-ASCII escaped)."""
    found = re.findall(r'"label": ("(?:[^"\\]|\\.)*")', page)
    return {json.loads(label) for label in found}


def _person_page(out: Path, n: int) -> str:
    return (out / "views" / page_name("person", _iri("person", n))).read_text("utf-8")


def test_redraw_a_label_from_another_document(tmp_path, corpus):
    rng = random.Random(1)
    for doc in (1, 2, 3):
        corpus.graphs[f"urn:g:{doc}"] = _graph(rng, doc)
    meeting, chair = _iri("meeting", 8), _iri("person", 9)
    corpus.graphs["urn:g:3"]["chairs"] = [
        _row(
            "chairs",
            "doc03.txt",
            800,
            meeting="常委会会议",
            date="2024-03-01",
            chair="甄远",
            meeting_id=meeting,
            chair_id=chair,
        )
    ]
    builds = _Builds(tmp_path, corpus)
    out = builds.build()
    # The chair's page names the meeting by its label: the first name any
    # document gives it (doc 3 alone so far).
    assert _node_labels(_person_page(out, 9)) >= {"甄远", "常委会会议"}
    corpus.graphs["urn:g:1"]["attendance"].append(
        _row(
            "attendance",
            "doc01.txt",
            900,
            meeting="第八次会议",
            date="2024-03-01",
            person="柏川",
            status="present",
            meeting_id=meeting,
            person_id=_iri("person", 1),
        )
    )
    out = builds.build()  # doc 1 names the meeting first now: a new label
    assert "第八次会议" in _node_labels(_person_page(out, 9))
    # doc 1 does not name the chair: the page was drawn for the label alone
    assert page_name("person", chair) in builds.redrawn[-1]


def test_redraw_a_meeting_recorded_then_only_mentioned(tmp_path, corpus):
    rng = random.Random(2)
    for doc in (1, 2):
        corpus.graphs[f"urn:g:{doc}"] = _graph(rng, doc)
    corpus.graphs["urn:g:1"].pop("meetings", None)
    corpus.graphs["urn:g:1"].pop("chairs", None)
    meeting = _iri("meeting", 7)
    for q in ("attendance", "reviewed"):
        for r in corpus.graphs["urn:g:1"][q]:
            r["meeting_id"] = meeting
    builds = _Builds(tmp_path, corpus)
    out = builds.build()
    assert not (out / "views" / page_name("meeting", meeting)).exists()
    corpus.graphs["urn:g:2"]["meetings"] = [
        _row(
            "meetings",
            "doc02.txt",
            900,
            meeting="某次会议",
            meeting_id=meeting,
            body_id=_iri("body", 0),
            body="青湖区人大常委会",
            date="2024-09-01",
        )
    ]
    out = builds.build()  # recorded now: a page, and links to it on other pages
    assert (out / "views" / page_name("meeting", meeting)).exists()
    del corpus.graphs["urn:g:2"]["meetings"]
    out = builds.build()  # and no longer
    assert not (out / "views" / page_name("meeting", meeting)).exists()


def test_redraw_a_person_added(tmp_path, corpus):
    rng = random.Random(3)
    for doc in (1, 2, 3):
        corpus.graphs[f"urn:g:{doc}"] = _graph(rng, doc)
    builds = _Builds(tmp_path, corpus)
    builds.build()
    row = dict(corpus.graphs["urn:g:2"]["attendance"][0])
    row.update(person="新来人", person_id=_iri("person", 42), start="5000", end="5003")
    corpus.graphs["urn:g:2"]["attendance"].append(row)
    out = builds.build()
    assert "<title>新来人" in _person_page(out, 42)
    assert "index.html" in builds.redrawn[-1]
    record = read_record(out / "views.db")
    assert record is not None and record.graphs == corpus.digests()
    record.close(commit=False)


def test_redraw_after_a_whole_redraw_with_a_record(tmp_path, corpus, monkeypatch):
    """Many graphs changed: the views are drawn whole, and the record they
    leave serves the next rebuild as one a fresh build leaves."""
    rng = random.Random(4)
    for doc in range(6):
        corpus.graphs[f"urn:g:{doc}"] = _graph(rng, doc)
    builds = _Builds(tmp_path, corpus)
    builds.build()
    monkeypatch.setattr(views_module, "MIN_GRAPHS_ONE_BY_ONE", 0)
    monkeypatch.setattr(views_module, "REDRAW_SHARE", 10**6)

    def page_by_page(*args, **kwargs):
        pytest.fail("drawn page by page")

    monkeypatch.setattr(views_module, "_redraw", page_by_page)
    for doc in (1, 2, 7):
        corpus.graphs[f"urn:g:{doc}"] = _graph(rng, doc)
    builds.build()  # drawn whole: unchanged pages keep their files all the same
    assert len(builds.redrawn[-1]) < len(builds.redrawn[0])
    monkeypatch.undo()
    monkeypatch.setattr(views_module, "read_rows_by_graph", corpus.rows_by_graph)
    corpus.graphs["urn:g:3"] = _graph(rng, 3)
    builds.build()
