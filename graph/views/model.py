"""From competency-query rows to plain pages of nodes and edges.

Everything here is plain data (dicts and lists), so it can be tested without a
store or a browser: :func:`build_pages` takes the rows of the competency queries
(``attendance``, ``meetings``, ``reports``, ``appointments``, ``laws``,
``reviewed``) and returns one :class:`Page` per meeting, person, body and law, an
appointments network and the index. Every node and edge carries a plain-text
``title`` (its tooltip) with its provenance: document, date, quoted text.

>>> rows = {"attendance": [{"source": "a.txt", "meeting": "某会议",
...     "date": "2024-05-08", "person": "邬岚", "status": "absent",
...     "role": None, "meeting_id": "m",
...     "person_id": "p", "quote": "邬 岚", "start": "3", "end": "6"}]}
>>> pages = build_pages(rows)
>>> sorted(p.kind for p in pages)
['appointments', 'index', 'meeting', 'person']
>>> meeting = next(p for p in pages if p.kind == "meeting")
>>> [(n["label"], n["group"]) for n in meeting.nodes]
[('某会议', 'meeting'), ('邬岚', 'absent')]
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import unquote

__all__ = ["GROUPS", "Page", "build_pages", "meeting_label", "page_name"]

#: Node groups: colour, shape and the legend's words for each.
GROUPS = {
    "meeting": {"color": "#1f4e79", "shape": "box", "legend": "会议 meeting"},
    "present": {"color": "#2e8b57", "shape": "dot", "legend": "出席 present"},
    "absent": {"color": "#c0392b", "shape": "dot", "legend": "缺席 absent"},
    "leave": {"color": "#e67e22", "shape": "dot", "legend": "请假 on leave"},
    "nonvoting": {
        "color": "#7f8c8d",
        "shape": "dot",
        "legend": "列席 attending without vote",
    },
    "person": {"color": "#2c3e50", "shape": "dot", "legend": "人员 person"},
    "chair": {"color": "#8e44ad", "shape": "star", "legend": "主持 chair"},
    "report": {"color": "#16a085", "shape": "square", "legend": "报告 report"},
    "law": {"color": "#b7950b", "shape": "diamond", "legend": "法规 law"},
    "body": {"color": "#34495e", "shape": "hexagon", "legend": "机构 body"},
    "post": {"color": "#5d6d7e", "shape": "triangle", "legend": "职务 post"},
    "review": {"color": "#95a5a6", "shape": "box", "legend": "审议事项 item reviewed"},
    "document": {"color": "#aab7b8", "shape": "ellipse", "legend": "文件 document"},
}
_ACTION_WORDS = {
    "appoint": "任命",
    "remove": "免去",
    "resign": "辞去",
    "engage": "聘任",
}
_STATUS_WORDS = {
    "present": "出席",
    "absent": "缺席",
    "leave": "请假",
    "nonvoting": "列席",
}


@dataclass(slots=True)
class Page:
    """One HTML page: its file name, title, network and the lists beside it."""

    name: str
    kind: str  # index, meeting, person, body, law, appointments
    title: str
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)  # rows listed under the network
    links: list[dict] = field(default_factory=list)  # index: every page
    counts: dict[str, int] = field(default_factory=dict)
    omitted: int = 0  # nodes left out to keep the page responsive


def meeting_label(iri: str) -> str:
    """A readable name for a meeting known only by its IRI (body/term/session).

    >>> meeting_label("https://w3id.org/gongbao/id/meeting/某市人民代表大会常务委员会/16/28")
    '某市人民代表大会常务委员会 第16届 第28次会议'
    """
    parts = [unquote(part) for part in iri.rstrip("/").split("/")[-3:]]
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        return f"{parts[0]} 第{parts[1]}届 第{parts[2]}次会议"
    return unquote(iri.rsplit("/", 1)[-1])


def page_name(kind: str, iri: str) -> str:
    """A stable file name for an entity's page."""
    return f"{kind}-{hashlib.sha1(iri.encode('utf-8')).hexdigest()[:12]}.html"


def _provenance(row: dict, *extra: str) -> str:
    """Plain text: what, then document, date and quote."""
    lines = [line for line in extra if line]
    lines.append(f"文件 document: {row.get('source') or '?'}")
    if row.get("date"):
        lines.append(f"日期 date: {row['date']}")
    if row.get("quote"):

        def flat(part: str) -> str:
            return " ".join(str(row.get(part) or "").split())

        quote = flat("quote")
        if row.get("prefix") or row.get("suffix"):  # the rest of its sentence
            quote = f"{flat('prefix')}【{quote}】{flat('suffix')}"
        lines.append(f"原文 quote: “{quote}” [{row.get('start')}–{row.get('end')}]")
    return "\n".join(lines)


class _Builder:
    """Collects nodes and edges for one page, without duplicates."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.seen: dict[str, dict] = {}
        self.edge_keys: set[tuple] = set()

    def node(self, key: str, label: str, group: str, title: str, url: str = "") -> str:
        if key in self.seen:
            node = self.seen[key]
            if title and title not in node["title"]:
                node["title"] += "\n\n" + title
            return key
        node = {"id": key, "label": label or "?", "group": group, "title": title}
        if url:
            node["url"] = url
        self.seen[key] = node
        self.page.nodes.append(node)
        return key

    def entity(self, iri: str, label: str, group: str, title: str, urls: dict) -> str:
        """A node for an entity, linked to its page when it has one."""
        return self.node(iri, label, group, title, urls.get(iri, ""))

    def edge(self, a: str, b: str, label: str, title: str, color: str = "") -> None:
        key = (a, b, label)
        if key in self.edge_keys:
            return
        self.edge_keys.add(key)
        edge = {"from": a, "to": b, "label": label, "title": title, "arrows": "to"}
        if color:
            edge["color"] = color
        self.page.edges.append(edge)


def build_pages(rows: dict[str, list[dict]]) -> list[Page]:
    """Every page of the views, from the competency queries' rows."""
    rows = {name: list(rows.get(name) or []) for name in _QUERIES}
    urls = _urls(rows)
    pages = []
    pages += _meeting_pages(rows, urls)
    pages += _person_pages(rows, urls)
    pages += _body_pages(rows, urls)
    pages += _law_pages(rows, urls)
    pages.append(_appointments_page(rows, urls))
    pages.append(_index(rows, pages))
    return pages


_QUERIES = ("attendance", "meetings", "reports", "appointments", "laws", "reviewed")


#: Where each kind of page's entities are named: (query, IRI column, name column).
_SOURCES = {
    "meeting": (
        ("meetings", "meeting_id", "meeting"),
        ("attendance", "meeting_id", "meeting"),
        ("reviewed", "meeting_id", "meeting"),
        ("reports", "meeting_id", "meeting"),
    ),
    "person": (
        ("attendance", "person_id", "person"),
        ("appointments", "person_id", "person"),
        ("meetings", "chair_id", "chair"),
        ("reports", "reporter_id", "reporter"),
    ),
    "body": (
        ("meetings", "body_id", "body"),
        ("reports", "body_id", "body"),
        ("appointments", "body_id", "decided_by"),
    ),
    "law": (("laws", "law_id", "law"), ("reports", "law_id", "subject_law")),
}


def _urls(rows) -> dict[str, str]:
    """IRI -> page file name, for every entity that gets a page."""
    return {
        iri: page_name(kind, iri)
        for kind, sources in _SOURCES.items()
        for iri in _names(rows, *sources)
    }


def _meeting_pages(rows, urls) -> list[Page]:
    labels = {
        iri: name or meeting_label(iri)
        for iri, name in _names(rows, *_SOURCES["meeting"]).items()
    }
    pages = []
    for iri, label in labels.items():
        page = Page(page_name("meeting", iri), "meeting", label)
        b = _Builder(page)
        center = b.node(iri, label, "meeting", f"会议 meeting: {label}")
        for r in rows["meetings"]:
            if r.get("meeting_id") != iri:
                continue
            b.seen[center]["title"] += "\n" + _provenance(r)
            if r.get("body_id"):
                body = b.entity(
                    r["body_id"], r["body"], "body", f"机构 body: {r['body']}", urls
                )
                b.edge(body, center, "召开", _provenance(r, "召开 convened"))
            if r.get("chair_id"):
                chair = b.entity(
                    r["chair_id"],
                    r["chair"],
                    "chair",
                    f"主持 chair: {r['chair']}",
                    urls,
                )
                b.edge(
                    chair,
                    center,
                    "主持",
                    _provenance(r, f"{r['chair']} 主持 chaired"),
                    GROUPS["chair"]["color"],
                )
        for r in rows["attendance"]:
            if r.get("meeting_id") != iri:
                continue
            status = r.get("status") or "present"
            role = f" ({r['role']})" if r.get("role") else ""
            what = f"{r['person']}{role}: {_STATUS_WORDS.get(status, status)} {status}"
            person = r["person_id"]
            if person in b.seen and b.seen[person]["group"] == "chair":
                b.seen[person]["title"] += "\n" + _provenance(r, what)
            else:
                b.entity(person, r["person"], status, _provenance(r, what), urls)
            b.edge(
                person,
                center,
                _STATUS_WORDS.get(status, status),
                _provenance(r, what),
                GROUPS.get(status, {}).get("color", ""),
            )
            page.facts.append({"what": what, "row": r})
        for r in rows["reports"]:
            if r.get("meeting_id") != iri:
                continue
            _report(b, r, urls, center)
        for r in rows["reviewed"]:
            if r.get("meeting_id") != iri:
                continue
            key = f"review:{r['source']}:{r['start']}"
            what = f"{r['item']}: {r['outcome']}"
            node = b.node(key, _short(r["item"]), "review", _provenance(r, what))
            b.edge(center, node, r["outcome"], _provenance(r, what))
        pages.append(page)
    return pages


def _report(b: _Builder, r: dict, urls: dict, meeting: str | None) -> str:
    report = b.node(
        r["report_id"],
        _short(r["title"]),
        "report",
        _provenance(r, f"报告 report: {r['title']}"),
    )
    if meeting:
        b.edge(report, meeting, "报告于", _provenance(r, "presented at"))
    if r.get("reporter_id"):
        who = f"{r['reporter']} {r.get('reporter_title') or ''}".strip()
        person = b.entity(
            r["reporter_id"], r["reporter"], "person", f"报告人 reporter: {who}", urls
        )
        b.edge(person, report, "报告", _provenance(r, f"{who} 报告 reported"))
    if r.get("body_id"):
        body = b.entity(
            r["body_id"], r["body"], "body", f"机构 body: {r['body']}", urls
        )
        b.edge(body, report, "代表", _provenance(r, f"on behalf of {r['body']}"))
    if r.get("law_id"):
        law = b.entity(
            r["law_id"], r["subject_law"], "law", f"法规 law: {r['subject_law']}", urls
        )
        b.edge(report, law, "关于", _provenance(r, f"about {r['subject_law']}"))
    return report


def _person_pages(rows, urls) -> list[Page]:
    names = _names(rows, *_SOURCES["person"])
    pages = []
    for iri, name in names.items():
        page = Page(page_name("person", iri), "person", name)
        b = _Builder(page)
        me = b.node(iri, name, "person", f"人员 person: {name}")
        for r in rows["attendance"]:
            if r["person_id"] != iri:
                continue
            status = r.get("status") or "present"
            word = _STATUS_WORDS.get(status, status)
            what = f"{word} {status}: {r.get('meeting') or ''}"
            meeting = _meeting_node(b, r, urls)
            b.edge(
                me,
                meeting,
                _STATUS_WORDS.get(status, status),
                _provenance(r, what),
                GROUPS.get(status, {}).get("color", ""),
            )
            page.facts.append({"what": what, "row": r})
        for r in rows["meetings"]:
            if r.get("chair_id") == iri:
                meeting = _meeting_node(b, r, urls)
                b.edge(
                    me,
                    meeting,
                    "主持",
                    _provenance(r, "主持 chaired"),
                    GROUPS["chair"]["color"],
                )
                page.facts.append(
                    {"what": f"主持 chaired: {r.get('meeting')}", "row": r}
                )
        for r in rows["reports"]:
            if r.get("reporter_id") == iri:
                _report(b, r, urls, None)
                page.facts.append({"what": f"报告 reported: {r['title']}", "row": r})
        for r in sorted(
            (r for r in rows["appointments"] if r["person_id"] == iri),
            key=lambda r: r.get("date") or "",
        ):
            what = _appointment_words(r)
            post = b.node(
                r.get("post_id") or f"post:{r.get('post')}",
                r.get("post") or "?",
                "post",
                f"职务 post: {r.get('post')}",
            )
            b.edge(
                me,
                post,
                _ACTION_WORDS.get(r["action"], r["action"]),
                _provenance(r, what),
            )
            if r.get("body_id"):
                body = b.entity(
                    r["body_id"],
                    r["decided_by"],
                    "body",
                    f"机构 body: {r['decided_by']}",
                    urls,
                )
                b.edge(body, me, "决定", _provenance(r, what))
            page.facts.append({"what": what, "row": r})
        pages.append(page)
    return pages


def _names(rows, *specs: tuple[str, str, str]) -> dict[str, str]:
    """IRI -> name, from ``(query, iri column, name column)``: the first name given."""
    names: dict[str, str] = {}
    for query, iri, name in specs:
        for r in rows[query]:
            if r.get(iri) and (r.get(name) or r[iri] not in names):
                names[r[iri]] = names.get(r[iri]) or r.get(name)
    return names


def _meeting_node(b: _Builder, r: dict, urls: dict) -> str:
    label = r.get("meeting") or meeting_label(r["meeting_id"])
    title = _provenance(r, r.get("meeting") or "")
    return b.entity(r["meeting_id"], _short(label), "meeting", title, urls)


def _appointment_words(r: dict) -> str:
    action = _ACTION_WORDS.get(r["action"], r["action"])
    parts = [
        f"{r.get('date') or '?'} {r.get('decided_by') or '?'} {action} {r['action']}:"
    ]
    parts.append(f"{r['person']} — {r.get('post') or '?'}")
    if r.get("doc_number"):
        parts.append(f"({r['doc_number']})")
    return " ".join(parts)


def _body_pages(rows, urls) -> list[Page]:
    names = _names(rows, *_SOURCES["body"])
    pages = []
    for iri, name in names.items():
        page = Page(page_name("body", iri), "body", name)
        b = _Builder(page)
        me = b.node(iri, name, "body", f"机构 body: {name}")
        for r in rows["meetings"]:
            if r.get("body_id") == iri:
                meeting = _meeting_node(b, r, urls)
                b.edge(me, meeting, "召开", _provenance(r, "召开 convened"))
                page.facts.append(
                    {"what": f"召开 convened: {r.get('meeting')}", "row": r}
                )
        for r in rows["reports"]:
            if r.get("body_id") == iri:
                _report(b, r, urls, None)
                page.facts.append({"what": f"报告 report: {r['title']}", "row": r})
        for r in rows["appointments"]:
            if r.get("body_id") == iri:
                what = _appointment_words(r)
                person = b.entity(
                    r["person_id"],
                    r["person"],
                    "person",
                    f"人员 person: {r['person']}",
                    urls,
                )
                b.edge(
                    me,
                    person,
                    _ACTION_WORDS.get(r["action"], r["action"]),
                    _provenance(r, what),
                )
                page.facts.append({"what": what, "row": r})
        pages.append(page)
    return pages


def _law_pages(rows, urls) -> list[Page]:
    names = _names(rows, *_SOURCES["law"])
    pages = []
    for iri, name in names.items():
        page = Page(page_name("law", iri), "law", name)
        b = _Builder(page)
        me = b.node(iri, name, "law", f"法规 law: {name}")
        for r in rows["laws"]:
            if r["law_id"] == iri:
                doc = b.node(
                    f"doc:{r['source']}",
                    r["source"],
                    "document",
                    f"文件 document: {r['source']}",
                )
                b.edge(doc, me, "引用", _provenance(r, f"引用 cites {name}"))
                page.facts.append({"what": f"引用 cited in {r['source']}", "row": r})
        for r in rows["reports"]:
            if r.get("law_id") == iri:
                _report(b, r, urls, None)
                page.facts.append({"what": f"报告 report: {r['title']}", "row": r})
        pages.append(page)
    return pages


def _appointments_page(rows, urls) -> Page:
    page = Page(
        "appointments.html", "appointments", "任免 Appointments: body → person → post"
    )
    b = _Builder(page)
    for r in rows["appointments"]:
        what = _appointment_words(r)
        person = b.entity(
            r["person_id"], r["person"], "person", f"人员 person: {r['person']}", urls
        )
        if r.get("body_id"):
            body = b.entity(
                r["body_id"],
                r["decided_by"],
                "body",
                f"机构 body: {r['decided_by']}",
                urls,
            )
            b.edge(body, person, "决定", _provenance(r, what))
        post = b.node(
            r.get("post_id") or f"post:{r.get('post')}",
            r.get("post") or "?",
            "post",
            f"职务 post: {r.get('post')}",
        )
        b.edge(
            person,
            post,
            _ACTION_WORDS.get(r["action"], r["action"]),
            _provenance(r, what),
        )
        page.facts.append({"what": what, "row": r})
    return page


def _index(rows, pages: list[Page]) -> Page:
    kinds = Counter(p.kind for p in pages)
    page = Page("index.html", "index", "gongbao: 公报知识图谱 knowledge graph")
    sources = {r["source"] for name in rows for r in rows[name] if r.get("source")}
    page.counts = {
        "documents 文件": len(sources),
        "meetings 会议": kinds["meeting"],
        "people 人员": kinds["person"],
        "bodies 机构": kinds["body"],
        "laws 法规": kinds["law"],
        "attendance facts 出席记录": len(rows["attendance"]),
        "reports 报告": len(rows["reports"]),
        "appointment decisions 任免": len(rows["appointments"]),
        "law citations 法规引用": len(rows["laws"]),
        "items reviewed 审议事项": len(rows["reviewed"]),
    }
    order = {"meeting": 0, "person": 1, "body": 2, "law": 3, "appointments": 4}
    page.links = [
        {"name": p.name, "title": p.title, "kind": p.kind}
        for p in sorted(pages, key=lambda p: (order.get(p.kind, 9), p.title))
    ]
    # The overview: bodies and the meetings they convened, people by meetings attended.
    b = _Builder(page)
    by_kind = defaultdict(dict)
    for p in pages:
        by_kind[p.kind][p.name] = p
    for p in by_kind["meeting"].values():
        meeting = b.node(
            p.name, _short(p.title), "meeting", f"会议 meeting: {p.title}", p.name
        )
        for node in p.nodes:
            if node["group"] == "body" and node.get("url"):
                body = b.node(
                    node["url"],
                    node["label"],
                    "body",
                    node["title"].split("\n")[0],
                    node["url"],
                )
                b.edge(body, meeting, "召开", f"{node['label']} 召开 {p.title}")
    return page


def _short(text: str, size: int = 24) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= size else text[: size - 1] + "…"
