"""Offline HTML views of a built graph: index, meetings, people, bodies, laws.

:func:`write_views` runs the competency queries (and the views' own
``chairs.rq``) on the store, turns the rows into pages of nodes, edges, tables
and chart data (:mod:`graph.views.model`, one table-driven builder), lays the
networks out in Python with every box's size known (:mod:`graph.views.layout`),
draws the charts as SVG (:mod:`graph.views.charts`) and writes self-contained
pages (:mod:`graph.views.render`) in the colours of :mod:`graph.views.style`;
the index's search matches pinyin (:mod:`graph.views.search`). No request leaves
a page, document text is escaped, tooltips are text.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .model import (
    APPOINTMENTS,
    QUERIES,
    Page,
    appointment_year,
    appointments_pages,
    build_in_batches,
    build_pages,
    entity_pages,
    first_posts,
    index_page,
    labels_and_urls,
    page_name,
    pages_of_row,
    row_keys,
    year_page_name,
)
from .render import PageWriter, write_pages
from .reuse import (
    RECORD,
    Record,
    is_scopable,
    open_record,
    ordered,
    read_record,
    scoped,
)

__all__ = [
    "MIN_GRAPHS_ONE_BY_ONE",
    "QUERIES_DIR",
    "RECORD",
    "REDRAW_SHARE",
    "Page",
    "build_pages",
    "read_rows",
    "read_rows_by_graph",
    "write_pages",
    "write_views",
]

#: The views' own queries (``chairs.rq``), beside the competency queries.
QUERIES_DIR = Path(__file__).resolve().parent


def _queries() -> dict[str, str]:
    from ..query import available_queries, load_query

    bundled = available_queries()
    return {
        name: load_query(bundled.get(name) or QUERIES_DIR / f"{name}.rq")
        for name in QUERIES
    }


#: Up to this many changed graphs (or a tenth of them all, if more), the queries
#: run graph by graph; past it, once over the whole store. On the 5 MiB benchmark
#: corpus (63 graphs) the nine queries take 1.3 s over the store and about 75 ms
#: per graph.
MIN_GRAPHS_ONE_BY_ONE = 8

#: Past one changed graph in this many (and past :data:`MIN_GRAPHS_ONE_BY_ONE`),
#: the views are drawn whole (every page digested, the record written anew)
#: rather than page by page from the record.
REDRAW_SHARE = 4


def read_rows_by_graph(
    store,
    graphs: list[str] | None = None,
    *,
    one_by_one: bool = True,
    jobs: int = 1,
) -> dict[str, dict[str, list[dict]]]:
    """Query -> named graph -> its rows; only ``graphs``' rows when given.

    ``graphs`` are queried one at a time (``GRAPH <g>``), unless ``one_by_one``
    is false: then each query runs once and the other graphs' rows are dropped.
    A query with a graph pattern other than ``GRAPH ?g`` is answered whole,
    under the graph name ``""``, and is never limited to some graphs. ``jobs``
    threads run the queries side by side (Oxigraph evaluates a query without
    holding Python's lock); the rows do not depend on it.
    """
    one_by_one = graphs is not None and one_by_one
    wanted = set(graphs or ())
    # (query, what its rows are: "whole" | "graph" | "every", graph, SPARQL)
    asked: list[tuple[str, str, str, str]] = []
    for name, sparql in _queries().items():
        if not is_scopable(sparql):
            asked.append((name, "whole", "", sparql))
        elif one_by_one:
            asked += [(name, "graph", g, scoped(sparql, g)) for g in graphs]
        else:
            asked.append((name, "every", "", scoped(sparql)))
    rows: dict[str, dict[str, list[dict]]] = {name: {} for name in _queries()}
    answers = _answers(store, [sparql for *_, sparql in asked], jobs)
    for (name, what, graph, _), found in zip(asked, answers, strict=True):
        by_graph = rows[name]
        if what == "every":  # every graph's rows, told apart by ?g
            for row in found:
                graph = row.pop("g") or ""
                if graphs is None or graph in wanted:
                    by_graph.setdefault(graph, []).append(row)
        elif found or what == "whole":
            by_graph[graph] = found
    return rows


def _answers(store, queries: list[str], jobs: int) -> list[list[dict]]:
    """Each query's rows, in order; on ``jobs`` threads (one: none started).

    Equal values are one string object across all the rows (``run_query``'s
    ``shared``): at 10,000 news pages the rows took 1.1 GB without.
    """
    from ..query import run_query

    shared: dict[str, str] = {}

    def rows(sparql: str) -> list[dict]:
        return run_query(store, sparql, shared=shared).rows

    if jobs == 1 or len(queries) < 2:
        return [rows(sparql) for sparql in queries]
    with ThreadPoolExecutor(max_workers=min(jobs, len(queries))) as pool:
        return list(pool.map(rows, queries))


def _flat(by_query: dict[str, dict[str, list[dict]]]) -> dict[str, list[dict]]:
    """Each query's rows of every graph, in one total order (:func:`ordered`)."""
    queries = _queries()
    return {
        name: ordered(
            [row for graph in sorted(by_graph) for row in by_graph[graph]],
            queries[name],
        )
        for name, by_graph in by_query.items()
    }


def read_rows(store) -> dict[str, list[dict]]:
    """The rows the views read: the competency queries' and the views' own."""
    return _flat(read_rows_by_graph(store))


def write_views(
    store,
    out: Path,
    *,
    digests: dict[str, str] | None = None,
    record: Path | None = None,
    last: tuple[Path, Path] | None = None,
    counts=None,
    jobs: int = 1,
) -> Sequence[Path]:
    """Write every page for the graph in ``store`` into ``out``; the page paths.

    ``store`` is an open store, or its folder: that is opened, and closed (its
    memory given back) once the rows are read, before the pages are drawn.

    With ``digests`` (each named graph's digest in the file the store was
    loaded from, :class:`graph.incremental.GraphDigests`) and ``record`` (where
    to keep what the views were drawn from, :mod:`graph.views.reuse`), and
    ``last`` = (the last build's views folder, its record), only the named
    graphs that changed are queried again and only the pages that can have
    changed are built (:func:`_redraw`); the others are hard-linked from the
    last build. ``counts`` (the store's
    :func:`~gongbao.graph.stats.graph_counts`, when the caller has them) spare
    the index page a count of its own. ``jobs``
    threads run the queries and ``jobs`` forked processes draw the pages;
    the pages do not depend on it.
    """
    from ..incremental import changed_graphs, views_code_version
    from ..store import Opened

    store = Opened(store)
    code = f"{views_code_version()} {_versions()}"
    digests = dict(digests or {})
    out = Path(out)
    old = read_record(last[1]) if last is not None else None
    if old is not None and (old.code != code or not digests or not old.graphs):
        old.close(commit=False)
        old = None
    can_redraw = _can_redraw(old, record, last, out)
    linking = None
    if old is not None and Path(last[0]).is_dir() and not out.exists():
        linking = _link_aside(last[0], out)
    try:
        if can_redraw:
            changed = changed_graphs(old.graphs, digests)
            share = max(MIN_GRAPHS_ONE_BY_ONE, len(digests) // REDRAW_SHARE)
            if len(changed) <= share:
                old.close(commit=False)
                kept, taken = open_record(record, last[1], code)
                try:
                    if taken:
                        return _redraw(
                            store,
                            out,
                            kept,
                            changed,
                            digests,
                            last[0],
                            counts,
                            jobs,
                            linking,
                        )
                finally:
                    kept.close(commit=False)  # _redraw commits what it keeps
                old = None  # the last record could not be taken: every page is drawn
        return _draw_whole(
            store,
            out,
            old,
            record=record,
            last=last,
            digests=digests,
            counts=counts,
            jobs=jobs,
            code=code,
            linking=linking,
        )
    finally:
        if linking is not None:
            linking.stop()


def _draw_whole(
    store, out: Path, old, *, record, last, digests, counts, jobs, code, linking
) -> Sequence[Path]:
    """Every page drawn (or kept, if its digest is the last build's); the record anew.

    ``old`` is the last build's record (open; closed here), if it can be read
    from. ``store`` (:class:`~graph.store.Opened`) is released once read.
    """
    old_pages = old.pages if old is not None else {}
    search = old.search() if old is not None else {}
    if old is not None:
        old.close(commit=False)
    by_query = read_rows_by_graph(store.store, jobs=jobs)
    index_counts = _index_counts(store.store, counts)
    store.release()
    flat = _flat(by_query)
    batches, labels, urls = build_in_batches(flat, search=search)
    drawn: dict[str, str] = {}
    if old is not None or linking is not None:
        last = (last[0], old_pages)
    else:
        last = None
    writer = PageWriter(out, last=last, digests=drawn, jobs=jobs, linking=linking)
    made: list[tuple[str, str, str]] = []  # (file, kind, title) of every page
    for batch in batches:  # one batch of pages held at a time
        for page in batch:
            if page.kind == "index":
                index = page
                index.counts = index_counts
            made.append((page.name, page.kind, page.title))
        writer.write(batch)
    views = writer.finish()
    if record is not None:
        new, _ = open_record(record, None, code)
        try:
            new.add_rows(by_query, digests, row_keys)
            named = {
                key for found in flat.values() for r in found for key in row_keys(r)
            }
            new.set_keys({k: (labels.get(k), urls.get(k)) for k in named})
            new.set_pages(
                {name: (kind, title, drawn[name]) for name, kind, title in made}
            )
            titles = {link["title"] for link in index.links}
            new.set_search({t: keys for t, keys in search.items() if t in titles})
            new.set_meta("counts", json.dumps(index.counts, ensure_ascii=False))
            new.set_posts((), first_posts(flat["appointments"]))
        finally:
            new.close()
    return views


def _difference(before: list[tuple], after: list[tuple]) -> list[tuple]:
    """The (query, row) pairs in one list and not the other, counting repeats.

    A row a changed graph gives before and after alike changes no page.

    >>> _difference([("q", {"a": "1"}), ("q", {"a": "2"})], [("q", {"a": "2"})])
    [('q', {'a': '1'})]
    """
    counted: Counter = Counter()
    for sign, found in ((1, before), (-1, after)):
        for query, r in found:
            counted[query, json.dumps(r, sort_keys=True, ensure_ascii=False)] += sign
    return [
        (query, json.loads(text))
        for (query, text), n in counted.items()
        for _ in range(abs(n))
    ]


def _can_redraw(old, record, last, out: Path) -> bool:
    """Whether the last build's record and views can be taken and drawn over."""
    return (
        old is not None
        and record is not None
        and Path(last[0]).is_dir()
        and not out.exists()
        and all(is_scopable(sparql) for sparql in _queries().values())
    )


def _redraw(
    store,
    out: Path,
    record: Record,
    changed: list[str],
    digests: dict[str, str],
    last_views: Path,
    counts=None,
    jobs: int = 1,
    linking=None,
) -> Sequence[Path]:
    """Draw only the pages that can have changed since the build ``record`` holds.

    The rows of the ``changed`` graphs, before and after, name the keys whose
    label or page URL may have changed (worked out again from every row naming
    them); the pages that may have changed are those reading a changed row
    (:func:`~graph.views.model.pages_of_row`; a body's page reads the
    attendance at its meetings too) and those reading a row that names a key
    whose label or URL changed. They are built from the rows naming their
    entities; every other page is kept as the last build drew it. The index and
    the appointments page are built again only when what they show can have
    changed. ``record`` is updated and closed; ``store``
    (:class:`~graph.store.Opened`) is released once read.
    """
    queries = _queries()
    few = max(MIN_GRAPHS_ONE_BY_ONE, len(digests) // 10)
    fresh = read_rows_by_graph(
        store.store, changed, one_by_one=len(changed) <= few, jobs=jobs
    )
    index_counts = _index_counts(store.store, counts)
    store.release()
    before = record.graph_rows(changed)
    after = [
        (q, r) for q, by_graph in fresh.items() for f in by_graph.values() for r in f
    ]
    touched = _difference([(q, r) for _, q, r in before], after)
    named = {key for _, r in touched for key in row_keys(r)}
    was = record.keys(named)
    record.remove_graphs(changed, [(k, i) for i, _, r in before for k in row_keys(r)])
    record.add_rows(fresh, {g: digests[g] for g in changed if g in digests}, row_keys)
    about = record.rows_naming(named)
    labels, urls = labels_and_urls(_in_order(about.values(), queries))
    now = {k: (labels.get(k), urls.get(k)) for k in named}
    relabelled = {k for k in named if now[k] != was.get(k, (None, None))}
    record.set_keys(now)
    people = {r.get("person_id") for q, r in touched if q == "appointments"} - {None}
    if people:  # the index's posts of the people whose decisions changed
        held = [r for q, r in about.values() if q == "appointments"]
        held = [r for r in held if r.get("person_id") in people]
        record.set_posts(people, first_posts(ordered(held, queries["appointments"])))

    dirty: set[tuple[str, str]] = set()
    for query, r in touched:
        dirty |= pages_of_row(query, r)
    met = {r.get("meeting_id") for q, r in touched if q == "attendance"}
    shown = {q for q, _ in touched}  # queries whose rows changed
    years = {appointment_year(r) for q, r in touched if q == "appointments"}
    for query, r in about.values():
        if query == "meetings" and r.get("meeting_id") in met and r.get("body_id"):
            dirty.add(("body", r["body_id"]))  # its attendance chart
        if relabelled.intersection(row_keys(r)):
            dirty |= pages_of_row(query, r)
            shown.add(query)
            if query == "appointments":
                years.add(appointment_year(r))

    # The pages that may have changed, from every row naming their entities.
    entities = {iri for _, iri in dirty}
    rows = record.rows_naming(entities)
    bodies = {iri for kind, iri in dirty if kind == "body"}
    held = {
        r["meeting_id"]
        for q, r in rows.values()
        if q == "meetings" and r.get("body_id") in bodies and r.get("meeting_id")
    }
    rows.update(record.rows_naming(held - entities))
    rows = _in_order(rows.values(), queries)
    labels, urls = _labels_urls(record, rows)
    pages = entity_pages(rows, dirty, urls, labels)
    old = record.pages
    made = {p.name for p in pages}
    gone = {page_name(kind, iri) for kind, iri in dirty} - made
    gone &= old.keys()
    entries = {name: (title, kind) for name, title, kind in record.entries()}
    before_entries = dict(entries)
    for name in gone:
        entries.pop(name, None)
    for page in pages:
        entries[page.name] = (page.title, page.kind)

    if "appointments" in shown or APPOINTMENTS not in old:
        # The overview, and the pages of the years whose decisions changed
        # (their rows in the total order; the others' are only counted).
        every = record.query_rows("appointments")
        if APPOINTMENTS not in old:
            years = {appointment_year(r) for r in every}
        shown_rows = [r for r in every if appointment_year(r) in years]
        shown_rows = ordered(shown_rows, queries["appointments"])
        labels, urls = _labels_urls(record, {"appointments": shown_rows})
        counted = [r for r in every if appointment_year(r) not in years]
        made_years = appointments_pages(shown_rows + counted, urls, labels, years)
        pages += made_years
        emptied = {year_page_name(y) for y in years} - {p.name for p in made_years}
        gone |= emptied & old.keys()
    if (
        entries != before_entries
        or shown & {"appointments", "meetings"}
        or record.meta("counts") != json.dumps(index_counts, ensure_ascii=False)
        or "index.html" not in old
    ):
        meetings = ordered(record.query_rows("meetings"), queries["meetings"])
        posts = record.posts()
        labels, urls = _labels_urls(
            record, {"meetings": meetings}, {person for _, person in posts}
        )
        listed = [(n, t, k) for n, (t, k) in sorted(entries.items())]
        search = record.search()
        index = index_page(listed, posts, meetings, urls, labels, search)
        index.counts = index_counts
        pages.append(index)
        titles = {link["title"] for link in index.links}
        record.set_search({t: keys for t, keys in search.items() if t in titles})
        record.set_meta("counts", json.dumps(index_counts, ensure_ascii=False))

    drawn: dict[str, str] = {}
    made = {p.name for p in pages}
    record.db.commit()  # nothing pending while pages are drawn (workers may fork)
    write_pages(
        pages,
        out,
        last=(last_views, {n: d for n, d in old.items() if n in made}),
        digests=drawn,
        keep=set(old) - gone - made,
        jobs=jobs,
        linking=linking,
    )
    record.set_pages({p.name: (p.kind, p.title, drawn[p.name]) for p in pages}, gone)
    record.close()
    return _Paths(out, sorted(set(old) - gone | made))


def _link_aside(last_views: Path, out: Path):
    """The last build's pages hard-linked into ``out`` by a forked process.

    Started before the rows are read and the pages built, so that the links
    (74,000 at 10,000 files: 0.8 s) are made meanwhile; :class:`PageWriter`
    waits for them. ``None`` where this process may not fork: the writer then
    links the pages itself.
    """
    from ..incremental import link_tree
    from ..parallel import Forked, can_fork

    return Forked(link_tree, last_views, out) if can_fork() else None


class _Paths(Sequence):
    """Page paths made only when asked for (a build only counts them)."""

    def __init__(self, folder: Path, names: list[str]) -> None:
        self.folder, self.names = folder, names

    def __len__(self) -> int:
        return len(self.names)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.folder / name for name in self.names[i]]
        return self.folder / self.names[i]


def _in_order(found, queries: dict[str, str]) -> dict[str, list[dict]]:
    """(query, row) pairs as each query's rows in the total order."""
    by_query: dict[str, list[dict]] = {name: [] for name in queries}
    for query, r in found:
        by_query.setdefault(query, []).append(r)
    return {name: ordered(rows, queries[name]) for name, rows in by_query.items()}


def _labels_urls(record: Record, rows: dict[str, list[dict]], more=()):
    """The whole graph's labels and URLs of the keys ``rows`` name, and ``more``."""
    named = {key for found in rows.values() for r in found for key in row_keys(r)}
    keys = record.keys(named.union(more))
    labels = {k: label for k, (label, _) in keys.items() if label is not None}
    urls = {k: url for k, (_, url) in keys.items() if url is not None}
    return labels, urls


def _versions() -> str:
    """The versions of the packages that shape the pages (pinyin, vis-network)."""
    from importlib.metadata import version

    return " ".join(
        f"{name}={version(name)}" for name in ("pypinyin", "pyvis", "jinja2")
    )


def _index_counts(store, counts=None) -> dict[str, int]:
    """The counts the index shows: those ``gongbao stats`` and the build summary show.

    ``counts`` are the store's :func:`~gongbao.graph.stats.graph_counts`, when
    the caller has them; otherwise they are counted here.
    """
    from ..stats import graph_counts

    c = counts if counts is not None else graph_counts(store)
    return {
        "文件 documents": c.documents,
        "会议 meetings (recorded)": c.entities["meeting"],
        "人员 people": c.entities["person"],
        "机构 bodies": c.entities["body"],
        "法规 laws": c.entities["law"],
        "出席记录 attendance facts": c.facts["attendance"],
        "报告 reports": c.facts["report"],
        "任免 appointment decisions": c.facts["appointment"],
        "法规引用 law citations": c.facts["citation"],
        "审议事项 items reviewed": c.facts["review"],
    }
