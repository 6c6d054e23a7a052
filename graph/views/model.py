"""From query rows to plain pages: nodes, edges, tables and chart data.

Everything here is plain data, testable without a store or a browser.
:func:`build_pages` groups the rows of the competency queries (and the views'
own ``chairs`` query) once by the entity each row is about, then builds every
page with one table-driven builder: :data:`RELATIONS` says which edges a row
draws, :data:`KINDS` which rows, edges, columns and tables each kind of page
shows. Only meetings that a document records get a page; a meeting that is only
mentioned stays a label. Every node, edge and table row carries its provenance
(document, date, quoted text).

>>> rows = {"attendance": [{"source": "a.txt", "meeting": "某会议",
...     "date": "2024-05-08", "person": "邬岚", "status": "absent",
...     "role": None, "meeting_id": "m",
...     "person_id": "p", "quote": "邬 岚", "start": "3", "end": "6"}],
...     "meetings": [{"source": "a.txt", "meeting": "某会议", "meeting_id": "m",
...     "quote": "某会议", "start": "0", "end": "3"}]}
>>> pages = build_pages(rows)
>>> sorted(p.name.split("-")[0] for p in pages)
['appointments.html', 'index.html', 'meeting', 'person']
>>> meeting = next(p for p in pages if p.kind == "meeting")
>>> [(n["label"], n["group"]) for n in meeting.nodes]
[('某会议', 'meeting'), ('缺席 1人', 'roster')]
>>> [(t.title, len(t.rows)) for t in meeting.tables]
[('会议记录 meeting record', 1), ('缺席 absent: 1', 1)]
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from .layout import cap
from .search import search_keys
from .style import EDGES, GROUPS, STATUS

__all__ = [
    "KINDS",
    "QUERIES",
    "RELATIONS",
    "SECTIONS",
    "Cell",
    "Fact",
    "Page",
    "Planned",
    "Table",
    "APPOINTMENTS",
    "appointment_year",
    "appointments_pages",
    "year_page_name",
    "BATCH",
    "build_all",
    "build_in_batches",
    "build_pages",
    "built",
    "entity_pages",
    "first_posts",
    "index_page",
    "labels_and_urls",
    "page_name",
    "pages_of_row",
    "row_keys",
    "wrap",
]

#: The rows the views read: the competency queries, ``timeline`` (posts held) and
#: ``chairs`` (graph/views).
QUERIES = (
    "attendance",
    "meetings",
    "chairs",
    "reports",
    "appointments",
    "laws",
    "reviewed",
    "timeline",
    "counts",
)
#: The label of a printed 应到 count (no person's status).
_EXPECTED = {"zh": "应到", "en": "expected"}
#: How a post held is shown without a decision: seen at a meeting, in a title.
_SIGHTINGS = frozenset({"attended", "nonvoting", "reported", "former"})
#: Sources a node's or edge's tooltip quotes; the others are counted on its
#: last line (every one is a row of the page's tables). A hub named in
#: thousands of documents would otherwise carry them all in every page that
#: draws it, far more than a tooltip can show.
MAX_TIPS = 12
#: Entries of one kind (chairs, documents, posts) a page's summary lists; the
#: others are counted on one more line.
MAX_LISTED = 12


class Cell(NamedTuple):
    """One cell of a table: its text, and the page it links to (``""``: none)."""

    text: str
    url: str = ""


class Fact(NamedTuple):
    """One row of a table: its cells, and the query's row (the provenance)."""

    cells: list[Cell]
    row: dict


@dataclass(slots=True)
class Table:
    """A table under the network: one row per fact, each with its provenance.

    Rows and cells are tuples: a hub's page lists tens of thousands of facts.
    """

    key: str
    title: str
    columns: tuple[str, ...]
    rows: list[Fact] = field(default_factory=list)


@dataclass(slots=True)
class Page:
    """One HTML page: its file name, title, network, charts and tables."""

    name: str
    kind: str  # index, meeting, person, body, law, appointments
    title: str
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: dict[str, dict] = field(default_factory=dict)  # chart name -> its data
    links: list[dict] = field(default_factory=list)  # index: what search finds
    counts: dict[str, int] = field(default_factory=dict)
    # What the document printed, by the same labels: {"count", "quote", "source"}.
    printed: dict[str, dict] = field(default_factory=dict)
    summary: list[dict] = field(default_factory=list)  # {"label", "text", "url"}
    omitted: int = 0  # nodes left out to keep the page responsive
    subject: str = ""  # the node the page is about

    @property
    def facts(self) -> list[Fact]:
        """Every table row of the page."""
        return [row for table in self.tables for row in table.rows]


@dataclass(frozen=True, slots=True)
class Planned:
    """An entity's page not built yet: named, titled and sized, built where drawn.

    ``size`` is the number of rows the page reads (how much there is to draw).
    """

    name: str
    kind: str
    title: str
    subject: str
    size: int
    maker: _Maker = field(repr=False, compare=False)

    def build(self) -> Page:
        """The page, built from the rows of its entity."""
        return self.maker.page(self)


def built(page: Page | Planned) -> Page:
    """The page itself, or the page a :class:`Planned` stands for."""
    return page.build() if isinstance(page, Planned) else page


def page_name(kind: str, iri: str) -> str:
    """A stable file name for an entity's page.

    >>> page_name("person", "https://example.org/p1")
    'person-3b61b5dca239.html'
    """
    return f"{kind}-{hashlib.sha1(iri.encode('utf-8')).hexdigest()[:12]}.html"


def wrap(text: str, width: int = 14, lines: int = 3) -> str:
    r"""A label broken into lines of ``width`` characters; cut with … past ``lines``.

    >>> wrap("营口市第十六届人民代表大会常务委员会第三十五次会议")
    '营口市第十六届人民代表大会常\n务委员会第三十五次会议'
    >>> wrap("甲" * 60, 10, 2)
    '甲甲甲甲甲甲甲甲甲甲\n甲甲甲甲甲甲甲甲甲…'
    """
    text = " ".join(str(text or "?").split())
    parts = [text[i : i + width] for i in range(0, len(text), width)] or ["?"]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][:-1] + "…"
    return "\n".join(parts)


# Relations: the edges one row draws ---------------------------------------------

#: Node roles: which group (colour, shape) each role draws in.
ROLES = {
    "meeting": "meeting",
    "body": "body",
    "chair": "person",
    "attendee": "person",
    "reporter": "person",
    "appointee": "person",
    "report": "report",
    "law": "law",
    "post": "post",
    "review": "review",
    "document": "document",
    "roster": "roster",
}


def _review_key(r: dict) -> str:
    return f"review:{r.get('source')}:{r.get('start')}"


def _post_key(r: dict) -> str | None:
    return r.get("post_id") or (f"post:{r['post']}" if r.get("post") else None)


#: query -> the edges of one row: (role, IRI column or key function, name column,
#: edge kind or row column holding it, role, IRI, name).
RELATIONS = {
    "meetings": (("body", "body_id", "body", "convene", "meeting", "meeting_id", ""),),
    "chairs": (("chair", "chair_id", "chair", "chair", "meeting", "meeting_id", ""),),
    "attendance": (
        ("attendee", "person_id", "person", "@status", "meeting", "meeting_id", ""),
    ),
    "reports": (
        ("meeting", "meeting_id", "", "hear", "report", "report_id", "title"),
        ("reporter", "reporter_id", "reporter", "report", "report", "report_id", ""),
        ("body", "body_id", "body", "behalf", "report", "report_id", "title"),
        ("report", "report_id", "title", "about", "law", "law_id", "subject_law"),
    ),
    "appointments": (
        ("body", "body_id", "decided_by", "decide", "appointee", "person_id", "person"),
        ("appointee", "person_id", "person", "@action", "post", _post_key, "post"),
    ),
    "laws": (
        (
            "document",
            lambda r: f"doc:{r.get('source')}",
            "source",
            "cite",
            "law",
            "law_id",
            "law",
        ),
    ),
    "reviewed": (
        ("meeting", "meeting_id", "", "@outcome", "review", _review_key, "item"),
    ),
}


# Kinds of page: which rows, edges, columns and tables -----------------------------


@dataclass(frozen=True, slots=True)
class Kind:
    """What a kind of page shows: rows by (query, IRI column), edges, columns."""

    rows: tuple[tuple[str, str], ...]  # which rows are about the entity
    draws: frozenset[str]  # edge kinds drawn (others stay in the tables)
    levels: dict[str, int]  # role -> column of the layered layout
    tables: tuple[tuple[str, str, str], ...]  # (key, title, query)
    above: frozenset[str] = frozenset()  # roles drawn above the subject, in its column


_OUTCOMES = frozenset({"reviewed", "adopted", "approved", "heard"})
_ACTIONS = frozenset({"appoint", "remove", "resign", "engage"})

KINDS = {
    "meeting": Kind(
        rows=(
            ("meetings", "meeting_id"),
            ("chairs", "meeting_id"),
            ("attendance", "meeting_id"),
            ("reports", "meeting_id"),
            ("reviewed", "meeting_id"),
        ),
        draws=frozenset({"convene", "chair", "hear", "report", "about"}) | _OUTCOMES,
        levels={
            "review": 0,
            "body": 1,
            "chair": 1,
            "roster": 1,
            "subject": 1,
            "report": 2,
            "reporter": 3,
            "law": 3,
        },
        above=frozenset({"body", "chair"}),
        tables=(
            ("record", "会议记录 meeting record", "meetings"),
            ("chair", "主持 chair", "chairs"),
            ("roster", "", "attendance"),  # one table per status
            ("reports", "报告 reports: reporter → report → law", "reports"),
            ("reviewed", "审议事项 items reviewed", "reviewed"),
        ),
    ),
    "person": Kind(
        rows=(
            ("appointments", "person_id"),
            ("chairs", "chair_id"),
            ("attendance", "person_id"),
            ("reports", "reporter_id"),
        ),
        draws=frozenset({"chair", "report", "about", "decide"} | set(STATUS))
        | _ACTIONS,
        levels={
            "law": 0,
            "report": 1,
            "body": 1,
            "subject": 2,
            "meeting": 3,
            "post": 3,
        },
        tables=(
            ("career", "任免 appointments and removals", "appointments"),
            ("chair", "主持 meetings chaired", "chairs"),
            ("attendance", "出席 meetings attended", "attendance"),
            ("reports", "报告 reports", "reports"),
        ),
    ),
    "body": Kind(
        rows=(
            ("meetings", "body_id"),
            ("appointments", "body_id"),
            ("reports", "body_id"),
        ),
        draws=frozenset({"convene", "decide", "behalf", "about"}) | _ACTIONS,
        levels={
            "subject": 0,
            "meeting": 1,
            "appointee": 1,
            "report": 1,
            "post": 2,
            "law": 2,
        },
        tables=(
            ("meetings", "召开的会议 meetings convened", "meetings"),
            ("appointments", "任免 people it appointed or removed", "appointments"),
            ("reports", "报告 reports on its behalf", "reports"),
        ),
    ),
    "law": Kind(
        rows=(("laws", "law_id"), ("reports", "law_id")),
        draws=frozenset({"cite", "about", "report"}),
        levels={"document": 0, "subject": 1, "report": 2, "reporter": 3},
        tables=(
            ("citations", "引用 documents citing it", "laws"),
            ("reports", "报告 reports about it", "reports"),
        ),
    ),
}

_APPOINTMENTS = Kind(
    rows=(),
    draws=frozenset({"decide"}) | _ACTIONS,
    levels={"body": 0, "appointee": 1, "post": 2},
    tables=(("appointments", "任免 decisions", "appointments"),),
)
_INDEX = Kind(
    rows=(), draws=frozenset({"convene"}), levels={"body": 0, "meeting": 1}, tables=()
)


# Words -------------------------------------------------------------------------


def _edge_kind(spec: str, r: dict) -> str:
    """The edge kind a relation names, or reads from the row (``@column``)."""
    if spec.startswith("@"):
        value = r.get(spec[1:]) or ""
        return value if value in EDGES else ("present" if spec == "@status" else "")
    return spec


def _provenance(r: dict) -> str:
    """Plain text: document, date and the quote within its sentence."""
    lines = [f"文件 document: {r.get('source') or '?'}"]
    if r.get("date"):
        lines.append(f"日期 date: {r['date']}")
    if r.get("doc_number"):
        lines.append(f"文号 document no.: {r['doc_number']}")
    if r.get("quote"):
        where = f"[{r.get('start')}–{r.get('end')}]"
        lines.append(f"原文 quote: “{_quote_text(r)}” {where}")
    return "\n".join(lines)


def _flat(text) -> str:
    """``text`` on one line, single-spaced; itself when it is already (shared)."""
    text = str(text or "")
    flat = " ".join(text.split())
    return text if flat == text else flat


def _quote_text(r: dict) -> str:
    quote = _flat(r.get("quote"))
    if r.get("prefix") or r.get("suffix"):
        return f"{_flat(r.get('prefix'))}【{quote}】{_flat(r.get('suffix'))}"
    return quote


def _cell(text, url: str = "") -> Cell:
    return Cell(_flat(text), url)


def _cells(query: str, r: dict, urls: dict) -> list[Cell]:
    """The table cells of one row (the provenance columns come after)."""

    def link(iri_col: str, name_col: str) -> Cell:
        return _cell(r.get(name_col) or "", urls.get(r.get(iri_col) or "", ""))

    if query == "attendance":
        status = STATUS.get(r.get("status") or "present", STATUS["present"])
        return [
            link("person_id", "person"),
            _cell(status["zh"]),
            _cell(r.get("role") or ""),
            link("meeting_id", "meeting"),
        ]
    if query == "meetings":
        return [
            link("meeting_id", "meeting"),
            link("body_id", "body"),
            _cell(r.get("date") or ""),
        ]
    if query == "chairs":
        return [link("chair_id", "chair"), _cell("主持"), link("meeting_id", "meeting")]
    if query == "reports":
        return [
            link("reporter_id", "reporter"),
            _cell(r.get("reporter_title") or ""),
            _cell(r.get("title")),
            link("law_id", "subject_law"),
            link("body_id", "body"),
        ]
    if query == "reviewed":
        outcome = EDGES.get(r.get("outcome") or "", {}).get("label", r.get("outcome"))
        return [_cell(r.get("item")), _cell(outcome), link("meeting_id", "meeting")]
    if query == "appointments":
        action = EDGES.get(r.get("action") or "", {}).get("label", r.get("action"))
        return [
            _cell(r.get("date") or ""),
            link("body_id", "decided_by"),
            _cell(action),
            link("person_id", "person"),
            _cell(r.get("post") or ""),
            _cell(r.get("doc_number") or ""),
        ]
    if query == "laws":
        return [link("law_id", "law"), _cell(r.get("kind") or "")]
    return []


#: Column headings of each query's table rows (then 文件, 日期, 原文).
COLUMNS = {
    "attendance": ("人员 person", "状态 status", "身份 role", "会议 meeting"),
    "meetings": ("会议 meeting", "机构 body", "日期 date"),
    "chairs": ("人员 person", "", "会议 meeting"),
    "reports": (
        "报告人 reporter",
        "职务 title",
        "报告 report",
        "法规 law",
        "代表机构 on behalf of",
    ),
    "reviewed": ("事项 item", "结果 outcome", "会议 meeting"),
    "appointments": (
        "日期 date",
        "决定机构 decided by",
        "任免 action",
        "人员 person",
        "职务 post",
        "文号 document no.",
    ),
    "laws": ("法规 law", "类别 kind"),
}


# The builder -------------------------------------------------------------------


class _Network:
    """Collects one page's nodes and edges, without duplicates."""

    def __init__(self, page: Page, kind: Kind, urls: dict[str, str]) -> None:
        self.page, self.kind, self.urls = page, kind, urls
        self.nodes: dict[str, dict] = {}
        self.edges: dict[frozenset, dict] = {}
        # A node's or edge's tooltip in parts (joined by finish()), and its
        # tips by their first line: a hub's tooltip holds thousands of tips,
        # and is neither searched whole nor copied once per tip.
        self.parts: dict[object, list[str]] = {}
        self.tips: dict[object, dict[str, list[str]]] = {}
        self.more: Counter = Counter()  # tips past MAX_TIPS, by key

    def _new_tip(self, key, tip: str) -> bool:
        """Whether ``tip`` is not yet in the tooltip of ``key`` (then it is noted).

        A tip is its document's line, then date, number and quote: one tip
        holds another only if both start with that document's line.
        """
        by_head = self.tips.setdefault(key, {})
        same = by_head.setdefault(tip.split("\n", 1)[0], [])
        if any(tip in seen for seen in same):
            return False
        same.append(tip)
        return True

    def finish(self) -> None:
        """Cap the network and join its tooltips (once, when the rows are drawn).

        The page keeps what it can draw (:func:`~graph.views.layout.cap`): a hub
        (a meeting named by 500 documents) has tens of thousands of nodes and
        the page draws 400; the rest are only counted (``page.omitted``).
        """
        page = self.page
        page.nodes, page.edges, omitted = cap(page.nodes, page.edges)
        page.omitted += omitted
        if omitted:
            kept = {n["id"] for n in page.nodes}
            kept.update(frozenset((e["from"], e["to"])) for e in page.edges)
            self.parts = {k: v for k, v in self.parts.items() if k in kept}
        for key, parts in self.parts.items():
            target = self.nodes[key] if key in self.nodes else self.edges[key]
            if self.more[key]:
                parts = [*parts, _more(self.more[key])]
            target["title"] = "\n\n".join(parts)
        self.parts = {}
        self.more.clear()

    def _add(self, key, part: str) -> None:
        """Add one part to the tooltip of ``key``, or count it past MAX_TIPS."""
        if len(self.parts[key]) < MAX_TIPS:
            self.parts[key].append(part)
        else:
            self.more[key] += 1

    def node(self, key: str, label: str, role: str, tip: str = "") -> str:
        group = ROLES[role]
        if key in self.nodes:
            if tip and self._new_tip(key, tip):
                self._add(key, tip)
            return key
        style = GROUPS[group]
        role_level = "subject" if key == self.page.subject else role
        node = {
            "id": key,
            "label": wrap(label or "（图中无名称）"),
            "group": group,
            "level": self.kind.levels.get(role_level, 1),
            "order": _order(role_level, role, self.kind),
            "title": "",
        }
        self.parts[key] = [
            f"{style['zh']} {style['en']}: {_flat(label)}" + (f"\n{tip}" if tip else "")
        ]
        if tip:
            self._new_tip(key, tip)
        if key in self.urls and key != self.page.subject:
            node["url"] = self.urls[key]
        self.nodes[key] = node
        self.page.nodes.append(node)
        return key

    def edge(self, a: str, b: str, kind: str, tip: str) -> None:
        """An edge; a second relation between the same two nodes joins the first.

        One line labelled ``主持 · 出席``, so neither hides under the other.
        """
        style = EDGES[kind]
        key = frozenset((a, b))
        if key in self.edges:
            edge = self.edges[key]
            if style["label"] not in edge["label"].split(" · "):
                edge["label"] += " · " + style["label"]
                self._add(key, f"{style['label']} {style['en']}\n{tip}")
                self._new_tip(key, tip)
            elif self._new_tip(key, tip):
                self._add(key, tip)
            return
        self.parts[key] = [f"{style['label']} {style['en']}\n{tip}"]
        self._new_tip(key, tip)
        edge = {
            "from": a,
            "to": b,
            "label": style["label"],
            "title": "",
            "color": style["color"],
            "dashes": style["dashes"],
            "arrows": "to",
        }
        self.edges[key] = edge
        self.page.edges.append(edge)

    def row(self, query: str, r: dict, labels: dict[str, str]) -> None:
        """Draw the edges one row stands for that this kind of page shows."""
        for a_role, a_iri, a_name, spec, b_role, b_iri, b_name in RELATIONS[query]:
            kind = _edge_kind(spec, r)
            if kind not in self.kind.draws:
                continue
            a, b = _value(r, a_iri), _value(r, b_iri)
            if not (a and b):
                continue
            tip = _provenance(r)
            a = self.node(a, r.get(a_name) or labels.get(a, ""), a_role, tip)
            b = self.node(b, r.get(b_name) or labels.get(b, ""), b_role, tip)
            self.edge(a, b, kind, tip)


def _order(role_level: str, role: str, kind: Kind) -> int:
    """Where a node sits in its column: the subject 0, roles drawn above it -1."""
    if role_level == "subject":
        return 0
    return -1 if role in kind.above else 1


def _value(r: dict, column) -> str | None:
    return column(r) if callable(column) else r.get(column)


def _index_rows(rows: dict[str, list[dict]]) -> dict[str, dict[str, dict]]:
    """Kind -> entity IRI -> query -> its rows: every row grouped once."""
    index: dict[str, dict[str, dict]] = {k: defaultdict(dict) for k in KINDS}
    for kind, spec in KINDS.items():
        for query, column in spec.rows:
            for r in rows[query]:
                if r.get(column):
                    index[kind][r[column]].setdefault(query, []).append(r)
    return index


def _labels(rows: dict[str, list[dict]]) -> dict[str, str]:
    """IRI -> its name in the graph, from whichever row names it first."""
    labels: dict[str, str] = {}
    for query, relations in RELATIONS.items():
        for relation in relations:
            for iri_col, name_col in ((relation[1], relation[2]), relation[5:7]):
                if not name_col or callable(iri_col):
                    continue
                for r in rows[query]:
                    if r.get(iri_col) and r.get(name_col):
                        labels.setdefault(r[iri_col], r[name_col])
    for query in ("attendance", "meetings", "chairs", "reports", "reviewed"):
        for r in rows[query]:
            if r.get("meeting_id") and r.get("meeting"):
                labels.setdefault(r["meeting_id"], r["meeting"])
    return labels


def _entities(index, rows) -> dict[str, dict[str, str]]:
    """Kind -> IRI -> page name, for the entities that get a page.

    A meeting gets one only when a document records it (a ``meetings`` or
    ``chairs`` row): a meeting only mentioned in passing has no page.
    """
    recorded = {r["meeting_id"] for r in rows["meetings"] if r.get("meeting_id")}
    recorded |= {r["meeting_id"] for r in rows["chairs"] if r.get("meeting_id")}
    return {
        kind: {
            iri: page_name(kind, iri)
            for iri in by_iri
            if kind != "meeting" or iri in recorded
        }
        for kind, by_iri in index.items()
    }


def build_pages(
    rows: dict[str, list[dict]], *, search: dict[str, str] | None = None
) -> list[Page]:
    """Every page of the views, from the rows of :data:`QUERIES`.

    ``search`` (title -> its search keys) saves working out the pinyin again;
    the keys worked out are added to it.
    """
    return build_all(rows, search=search)[0]


def build_all(
    rows: dict[str, list[dict]], *, search: dict[str, str] | None = None
) -> tuple[list[Page], dict[str, str], dict[str, str]]:
    """Every page (:func:`build_pages`), each entity's label and its page's URL."""
    batches, labels, urls = build_in_batches(rows, search=search)
    return [built(page) for batch in batches for page in batch], labels, urls


#: Entity pages planned at a time by :func:`build_in_batches`.
BATCH = 2048


def build_in_batches(
    rows: dict[str, list[dict]],
    *,
    search: dict[str, str] | None = None,
    size: int = BATCH,
) -> tuple[Iterator[list[Page | Planned]], dict[str, str], dict[str, str]]:
    """Every page, ``size`` entity pages at a time, then the overviews and the index.

    The same pages as :func:`build_all`, in the same order; the entities' pages
    :class:`Planned`, each built (:func:`built`) by whoever draws it, one at a
    time: at 10,000 news pages a batch of 2,048 pages' models took 200 MiB, a
    hub's page alone tens of MiB. Also returns each entity's label and its
    page's URL.
    """
    search = {} if search is None else search
    rows = {name: list(rows.get(name) or []) for name in QUERIES}
    index = _index_rows(rows)
    entities = _entities(index, rows)
    urls = _urls(entities)
    labels = _labels(rows)

    def batches() -> Iterator[list[Page | Planned]]:
        kinds: dict[str, int] = defaultdict(int)
        entries = []
        for batch in _planned(index, entities, rows, urls, labels, size=size):
            for p in batch:
                kinds[p.kind] += 1
                entries.append((p.name, p.title, p.kind))
            yield batch
        sources = {r["source"] for name in rows for r in rows[name] if r.get("source")}
        counts = {
            "文件 documents": len(sources),
            "会议 meetings (recorded)": kinds["meeting"],
            "人员 people": kinds["person"],
            "机构 bodies": kinds["body"],
            "法规 laws": kinds["law"],
            "出席记录 attendance facts": len(rows["attendance"]),
            "报告 reports": len(rows["reports"]),
            "任免 appointment decisions": len(rows["appointments"]),
            "法规引用 law citations": len(rows["laws"]),
            "审议事项 items reviewed": len(rows["reviewed"]),
        }
        last = appointments_pages(rows["appointments"], urls, labels)
        posts = first_posts(rows["appointments"])
        last.append(index_page(entries, posts, rows["meetings"], urls, labels, search))
        last[-1].counts = counts
        yield last

    return batches(), labels, urls


def entity_pages(
    rows: dict[str, list[dict]],
    wanted: set[tuple[str, str]],
    urls: dict[str, str],
    labels: dict[str, str],
) -> list[Page]:
    """The pages of the entities ``wanted`` ((kind, IRI)) that get a page.

    ``rows`` (each query's rows in the views' total order) must hold every row
    that names one of them in a column ending in ``_id`` (:func:`row_keys`),
    and every ``attendance`` row of a wanted body's meetings; ``urls`` and
    ``labels`` are the whole graph's (each page links and names other entities).
    An entity without a page in ``rows`` gives none.
    """
    rows = {name: list(rows.get(name) or []) for name in QUERIES}
    index = _index_rows(rows)
    entities = _entities(index, rows)
    return _entity_pages(index, entities, rows, urls, labels, wanted)


def row_keys(r: dict) -> set[str]:
    """What a row names that a page may show, link or be about: its ``_id`` columns.

    A page reads only the rows naming its entity (and, for a body, the
    attendance at its meetings), and of other entities only their label and URL,
    each of which depends only on the rows naming that entity.

    >>> sorted(row_keys({"person_id": "p", "meeting_id": "m", "person": "x"}))
    ['m', 'p']
    """
    return {v for k, v in r.items() if k.endswith("_id") and isinstance(v, str) and v}


def pages_of_row(query: str, r: dict) -> set[tuple[str, str]]:
    """The entity pages (kind, IRI) that read row ``r`` of ``query`` directly.

    A body's page also reads the attendance at its meetings (not listed here).

    >>> sorted(pages_of_row("chairs", {"meeting_id": "m", "chair_id": "p"}))
    [('meeting', 'm'), ('person', 'p')]
    """
    found = {
        (kind, r[column])
        for kind, spec in KINDS.items()
        for q, column in spec.rows
        if q == query and r.get(column)
    }
    if query == "timeline" and r.get("person_id"):
        found.add(("person", r["person_id"]))
    if query == "counts" and r.get("meeting_id"):
        found.add(("meeting", r["meeting_id"]))
    return found


def labels_and_urls(
    rows: dict[str, list[dict]],
) -> tuple[dict[str, str], dict[str, str]]:
    """Each entity's label and page URL, from rows in the views' total order.

    For an entity, both depend only on the rows naming it (:func:`row_keys`):
    given every such row, its label and URL are the whole graph's.
    """
    rows = {name: list(rows.get(name) or []) for name in QUERIES}
    index = _index_rows(rows)
    return _labels(rows), _urls(_entities(index, rows))


def _urls(entities: dict[str, dict[str, str]]) -> dict[str, str]:
    return {iri: name for by_iri in entities.values() for iri, name in by_iri.items()}


def _entity_pages(index, entities, rows, urls, labels, wanted=None) -> list[Page]:
    batches = _planned(index, entities, rows, urls, labels, wanted)
    return [plan.build() for batch in batches for plan in batch]


def _planned(
    index, entities, rows, urls, labels, wanted=None, size: int | None = None
) -> Iterator[list[Planned]]:
    """The entity pages (of ``wanted`` only, when given), ``size`` at a time."""
    maker = _Maker(index, rows, urls, labels)
    batch: list[Planned] = []
    for kind, by_iri in entities.items():
        for iri, name in by_iri.items():
            if wanted is not None and (kind, iri) not in wanted:
                continue
            title = labels.get(iri) or "（图中无名称 unnamed in the graph）"
            read = sum(map(len, index[kind][iri].values()))
            batch.append(Planned(name, kind, title, iri, read, maker))
            if size is not None and len(batch) >= size:
                yield batch
                batch = []
    if batch:
        yield batch


class _Maker:
    """What building an entity's page needs: its rows, labels, URLs and charts."""

    def __init__(self, index, rows, urls, labels) -> None:
        self.index, self.urls, self.labels = index, urls, labels
        self.charts, self.printed = _Charts(rows), _Printed(rows["counts"])

    def page(self, plan: Planned) -> Page:
        page = Page(plan.name, plan.kind, plan.title, subject=plan.subject)
        by_query = self.index[plan.kind][plan.subject]
        _fill(page, KINDS[plan.kind], by_query, self.urls, self.labels)
        self.charts.add(page, self.index)
        self.printed.add(page)
        return page


def _fill(page: Page, kind: Kind, by_query: dict, urls, labels) -> None:
    """Nodes, edges and tables of one entity's page from its rows."""
    net = _Network(page, kind, urls)
    net.node(page.subject, page.title, _subject_role(page.kind), "")
    for query, _ in kind.rows:
        for r in by_query.get(query, ()):
            net.row(query, r, labels)
    if page.kind == "meeting":
        _roster_nodes(net, by_query.get("attendance", ()))
    net.finish()
    for key, title, query in kind.tables:
        found = _sorted(query, by_query.get(query, ()))
        if query == "attendance" and page.kind == "meeting":
            page.tables += _roster_tables(found, urls)
            page.counts = {
                t.title.split(":")[0]: len(t.rows)
                for t in page.tables
                if t.key.startswith("roster-")
            }
        elif found:
            table = Table(key, title, COLUMNS[query])
            table.rows = [Fact(_cells(query, r, urls), r) for r in found]
            page.tables.append(table)
    page.summary = _summary(page.kind, by_query, urls)


def _summary(kind: str, by_query: dict, urls) -> list[dict]:
    """The page's facts at a glance.

    A meeting's date, body, chair and documents; a person's posts as decided.
    """
    items = []
    seen = set()
    listed: Counter = Counter()

    def add(label, text, iri=None):
        if text and (label, text) not in seen:
            seen.add((label, text))
            listed[label] += 1
            if listed[label] <= MAX_LISTED:
                url = urls.get(iri or "", "")
                items.append({"label": label, "text": text, "url": url})

    if kind == "meeting":
        for r in by_query.get("meetings", ()):
            add("日期 date", r.get("date"))
            add("机构 convened by", r.get("body"), r.get("body_id"))
        for r in by_query.get("chairs", ()):
            add("主持 chair", r.get("chair"), r.get("chair_id"))
        for query in ("meetings", "attendance", "reports", "reviewed"):
            for r in by_query.get(query, ()):
                add("文件 document", r.get("source"))
    elif kind == "person":
        for r in _sorted("appointments", by_query.get("appointments", ())):
            action = EDGES.get(r.get("action") or "", {}).get("label", "")
            add(
                f"{action} {r.get('date') or ''}".strip(),
                r.get("post"),
            )
        for r in by_query.get("reports", ()):
            add("报告时职务 title when reporting", r.get("reporter_title"))
    for label, n in listed.items():
        if n > MAX_LISTED:  # after the last of its kind
            last = max(i for i, item in enumerate(items) if item["label"] == label)
            more = {"label": label, "text": _more(n - MAX_LISTED), "url": ""}
            items.insert(last + 1, more)
    return items


def _more(n: int) -> str:
    """The line saying how many more a tooltip or summary leaves to the tables."""
    return f"…… 另 {n} 条，见表格 {n} more in the tables"


def _subject_role(kind: str) -> str:
    return {"meeting": "meeting", "person": "attendee", "body": "body", "law": "law"}[
        kind
    ]


def _sorted(query: str, found) -> list[dict]:
    """A table's rows in reading order: by date, then document and position."""

    def key(r):
        return (r.get("date") or "", r.get("source") or "", int(r.get("start") or 0))

    return sorted(found, key=key)


def _roster_nodes(net: _Network, attendance) -> None:
    """A meeting's roster drawn as one node per status (the table lists names)."""
    counts: dict[str, int] = defaultdict(int)
    for r in attendance:
        counts[r.get("status") if r.get("status") in STATUS else "present"] += 1
    for status, info in STATUS.items():
        if counts[status]:
            label = f"{info['zh']} {counts[status]}人"
            key = net.node(
                f"roster:{status}",
                label,
                "roster",
                f"{info['en']}: {counts[status]} (名单见下表 see the table below)",
            )
            net.edge(key, net.page.subject, status, label)
            # the node says it: no edge label
            net.edges[frozenset((key, net.page.subject))]["label"] = ""


class _Printed:
    """A meeting page's printed totals, beside the counts of the names it lists."""

    def __init__(self, counts: list[dict]) -> None:
        self.by_meeting: dict[str, list[dict]] = defaultdict(list)
        for r in counts:
            self.by_meeting[r.get("meeting_id")].append(r)

    def add(self, page: Page) -> None:
        """Set the printed totals of one page (a meeting's)."""
        if page.kind != "meeting":
            return
        for r in self.by_meeting.get(page.subject, ()):
            info = STATUS.get(r["status"], _EXPECTED)
            label = f"{info['zh']} {info['en']}"
            page.printed.setdefault(
                label,
                {"count": r["count"], "quote": r["quote"], "source": r["source"]},
            )
            page.counts.setdefault(label, 0)


def _roster_tables(found: list[dict], urls) -> list[Table]:
    """The roster as one table per status: 出席, 缺席, 请假, 列席 with counts."""
    tables = []
    for status, info in STATUS.items():
        these = [r for r in found if (r.get("status") or "present") == status]
        if these:
            table = Table(
                f"roster-{status}",
                f"{info['zh']} {info['en']}: {len(these)}",
                COLUMNS["attendance"],
            )
            table.rows = [Fact(_cells("attendance", r, urls), r) for r in these]
            tables.append(table)
    return tables


#: The appointments' overview page; each year's decisions have a page of their
#: own (:func:`year_page_name`), so that no page grows with the whole corpus.
APPOINTMENTS = "appointments.html"
#: The year of a decision whose date is unknown.
UNDATED = "undated"


def appointment_year(r: dict) -> str:
    """The year a decision's page lists it under: its date's, or :data:`UNDATED`.

    >>> appointment_year({"date": "2024-02-28"}), appointment_year({"date": None})
    ('2024', 'undated')
    """
    year = (r.get("date") or "")[:4]
    return year if len(year) == 4 and year.isdigit() and year.isascii() else UNDATED


def _year_label(year: str) -> str:
    return "日期不明 undated" if year == UNDATED else f"{year}年"


def year_page_name(year: str) -> str:
    """The file of one year's decisions.

    >>> year_page_name("2024"), year_page_name(UNDATED)
    ('appointments-2024.html', 'appointments-undated.html')
    """
    return f"appointments-{year}.html"


def appointments_pages(
    appointments: list[dict], urls, labels, years: set[str] | None = None
) -> list[Page]:
    """The overview and each year's page (only those of ``years``, when given).

    ``appointments`` are all the rows, in the total order: the overview lists
    every year with its number of decisions; a year's page draws the network of
    its decisions (deciding body -> person -> post) over its table.
    """
    by_year: dict[str, list[dict]] = defaultdict(list)
    for r in appointments:
        by_year[appointment_year(r)].append(r)
    order = sorted(by_year, key=lambda y: (y == UNDATED, y))
    overview = Page(APPOINTMENTS, "appointments", "任免 appointments, by year")
    for year in order:
        overview.summary.append(
            {
                "label": _year_label(year),
                "text": f"{len(by_year[year])} 项任免 decisions",
                "url": year_page_name(year),
            }
        )
    pages = [overview]
    for year in order:
        if years is None or year in years:
            pages.append(_year_page(year, by_year[year], urls, labels))
    return pages


def _year_page(year: str, rows: list[dict], urls, labels) -> Page:
    when = _year_label(year)
    page = Page(year_page_name(year), "appointments", f"任免网络 appointments {when}")
    net = _Network(page, _APPOINTMENTS, urls)
    found = _sorted("appointments", rows)
    for r in found:
        net.row("appointments", r, labels)
    net.finish()
    table = Table("appointments", f"任免 decisions {when}", COLUMNS["appointments"])
    table.rows = [Fact(_cells("appointments", r, urls), r) for r in found]
    page.tables.append(table)
    return page


# Charts ------------------------------------------------------------------------


class _Charts:
    """Chart data: a person's career timeline; a body's meetings and attendance."""

    def __init__(self, rows: dict[str, list[dict]]) -> None:
        self.meetings_of: dict[str, dict[str, dict]] = defaultdict(dict)
        for r in rows["meetings"]:
            if r.get("body_id") and r.get("meeting_id"):
                self.meetings_of[r["body_id"]].setdefault(r["meeting_id"], r)
        self.attendance_at: dict[str, list[dict]] = defaultdict(list)
        for r in rows["attendance"]:
            self.attendance_at[r.get("meeting_id")].append(r)
        self.held_by: dict[str, list[dict]] = defaultdict(list)
        for r in rows["timeline"]:
            self.held_by[r.get("person_id")].append(r)

    def add(self, page: Page, index) -> None:
        """Set the charts of one page."""
        if page.kind == "person":
            found = index["person"][page.subject]
            timeline = _timeline(found, self.held_by.get(page.subject, ()))
            if timeline["marks"] or len(_days(timeline)) > 1:  # a career in time
                page.charts["timeline"] = timeline
        elif page.kind == "body":
            held = sorted(
                self.meetings_of.get(page.subject, {}).values(),
                key=lambda r: r.get("date") or "",
            )
            if held:
                page.charts["meetings"] = {
                    "meetings": [
                        {"label": r.get("meeting") or "", "date": r.get("date")}
                        for r in held
                    ]
                }
            attendance_at = self.attendance_at
            heatmap = _heatmap(
                [r for r in held if attendance_at.get(r["meeting_id"])], attendance_at
            )
            if heatmap["members"]:
                page.charts["attendance"] = heatmap


def _days(timeline: dict) -> set[str]:
    """The days a timeline shows something on."""
    days = {m["date"] for m in timeline["meetings"]}
    return days | {d for p in timeline["posts"] for d in p.get("seen", ())}


def _timeline(by_query: dict, held: list[dict] = ()) -> dict:
    """Posts held as spans, decisions as marks, meetings as ticks (ISO dates).

    ``held`` are the person's ``timeline`` rows: a post seen held at a meeting or
    in a title, without a decision, spans the days it was seen (``seen``).
    """
    posts: dict[str, dict] = {}
    marks = []
    for r in sorted(held, key=lambda r: r.get("date") or ""):
        if r.get("event") in _SIGHTINGS and r.get("post") and r.get("date"):
            span = posts.setdefault(
                r["post"], {"post": r["post"], "start": None, "end": None}
            )
            span.setdefault("seen", []).append(r["date"])
    for r in _sorted("appointments", by_query.get("appointments", ())):
        post = r.get("post") or "（职务未名 post not named）"
        span = posts.setdefault(post, {"post": post, "start": None, "end": None})
        action = r.get("action")
        if action in ("appoint", "engage"):
            span["start"] = span["start"] or r.get("date")
        elif action in ("remove", "resign"):
            span["end"] = r.get("date")
        marks.append({"post": post, "action": action, "date": r.get("date")})
    meetings = [
        {
            "date": r.get("date"),
            "status": r.get("status") or "present",
            "label": r.get("meeting") or "",
        }
        for r in _sorted("attendance", by_query.get("attendance", ()))
    ]
    meetings += [
        {"date": r.get("date"), "status": "chair", "label": r.get("meeting") or ""}
        for r in by_query.get("chairs", ())
    ]
    return {
        "posts": list(posts.values()),
        "marks": marks,
        "meetings": [m for m in meetings if m["date"]],
    }


def _heatmap(held: list[dict], attendance_at) -> dict:
    """Members x meetings of a body, each cell the member's status at the meeting."""
    columns = [r["meeting_id"] for r in held]
    names: dict[str, str] = {}
    cells: dict[str, dict[str, str]] = defaultdict(dict)
    for m in columns:
        for r in attendance_at.get(m, ()):
            names.setdefault(r["person_id"], r.get("person") or "?")
            cells[r["person_id"]][m] = r.get("status") or "present"
    order = sorted(names, key=lambda p: (-_came(cells[p]), -len(cells[p]), names[p]))
    return {
        "meetings": [
            {
                "id": r["meeting_id"],
                "label": r.get("meeting") or "",
                "date": r.get("date"),
            }
            for r in held
        ],
        "members": [
            {"name": names[p], "cells": [cells[p].get(m) for m in columns]}
            for p in order
        ],
    }


def _came(cells: dict[str, str]) -> int:
    return sum(s in ("present", "nonvoting") for s in cells.values())


# The index -----------------------------------------------------------------------

#: What the index's search lists, in this order, with each section's heading.
SECTIONS = {
    "meeting": "会议 meetings",
    "person": "人员 people",
    "post": "职务 posts (linked to their holders)",
    "body": "机构 bodies",
    "law": "法规 laws",
}


def first_posts(appointments: list[dict]) -> dict[tuple[str, str], str]:
    """(post, person IRI) -> the person's name in the first row naming both.

    ``appointments`` are rows in the total order; the index lists each post
    with its holder by that name.

    >>> first_posts([{"post": "区长", "person_id": "p", "person": "甲"},
    ...              {"post": "区长", "person_id": "p", "person": "乙"}])
    {('区长', 'p'): '甲'}
    """
    found: dict[tuple[str, str], str] = {}
    for r in appointments:
        if r.get("post") and r.get("person_id"):
            found.setdefault((r["post"], r["person_id"]), r.get("person") or "?")
    return found


def index_page(
    entries: list[tuple[str, str, str]],
    posts: dict[tuple[str, str], str],
    meetings: list[dict],
    urls,
    labels,
    search: dict,
) -> Page:
    """The search list (people, posts, bodies, laws, meetings) and the overview.

    ``entries`` are the entity pages (file name, title, kind); ``posts`` the
    posts held (:func:`first_posts`); ``meetings`` all the rows of that query,
    in the total order. The counts are the caller's to set.
    """
    page = Page("index.html", "index", "公报知识图谱 gongbao knowledge graph")
    links = [
        {"name": name, "title": title, "kind": kind}
        for name, title, kind in entries
        if kind in SECTIONS
    ]
    for (post, person_id), person in posts.items():  # found by name: the holder
        if person_id in urls:
            links.append(
                {"name": urls[person_id], "title": f"{post} — {person}", "kind": "post"}
            )
    kinds = list(SECTIONS)
    for link in links:
        if link["title"] not in search:
            search[link["title"]] = search_keys(link["title"])
        link["keys"] = search[link["title"]]
        link["section"] = kinds.index(link["kind"])
    page.links = sorted(links, key=lambda x: (x["section"], x["title"], x["name"]))
    net = _Network(page, _INDEX, urls)
    for r in meetings:
        net.row("meetings", r, labels)
    net.finish()
    return page
