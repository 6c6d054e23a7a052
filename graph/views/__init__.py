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

from pathlib import Path

from .model import QUERIES, Page, build_pages
from .render import write_pages
from .reuse import (
    RECORD,
    Record,
    is_scopable,
    ordered,
    read_record,
    scoped,
    write_record,
)

__all__ = [
    "MIN_GRAPHS_ONE_BY_ONE",
    "QUERIES_DIR",
    "RECORD",
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


def read_rows_by_graph(
    store, graphs: list[str] | None = None, *, one_by_one: bool = True
) -> dict[str, dict[str, list[dict]]]:
    """Query -> named graph -> its rows; only ``graphs``' rows when given.

    ``graphs`` are queried one at a time (``GRAPH <g>``), unless ``one_by_one``
    is false: then each query runs once and the other graphs' rows are dropped.
    A query with a graph pattern other than ``GRAPH ?g`` is answered whole,
    under the graph name ``""``, and is never limited to some graphs.
    """
    from ..query import run_query

    one_by_one = graphs is not None and one_by_one
    wanted = set(graphs or ())
    rows: dict[str, dict[str, list[dict]]] = {}
    for name, sparql in _queries().items():
        by_graph: dict[str, list[dict]] = {}
        if not is_scopable(sparql):
            by_graph[""] = run_query(store, sparql).rows
        elif one_by_one:
            for graph in graphs:
                found = run_query(store, scoped(sparql, graph)).rows
                if found:
                    by_graph[graph] = found
        else:
            for row in run_query(store, scoped(sparql)).rows:
                graph = row.pop("g") or ""
                if graphs is None or graph in wanted:
                    by_graph.setdefault(graph, []).append(row)
        rows[name] = by_graph
    return rows


def _share_strings(rows: dict[str, dict[str, list[dict]]]) -> None:
    """One string object for equal values across all rows (names, IRIs, sources).

    The same person, meeting, document and label recur in thousands of rows;
    sharing them keeps the rows of a large corpus in a fraction of the memory.
    """
    seen: dict[str, str] = {}
    for by_graph in rows.values():
        for found in by_graph.values():
            for row in found:
                for key, value in row.items():
                    if isinstance(value, str):
                        row[key] = seen.setdefault(value, value)


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
) -> list[Path]:
    """Write every page for the graph in ``store`` into ``out``; the page paths.

    With ``digests`` (each named graph's digest in the file the store was
    loaded from, :class:`graph.incremental.GraphDigests`) and ``record`` (where
    to keep what the views were drawn from, :mod:`graph.views.reuse`), and
    ``last`` = (the last build's views folder, its record), only the named
    graphs that changed are queried again and only the pages whose data
    changed are drawn; the others are hard-linked from the last build.
    ``counts`` (the store's :func:`~gongbao.graph.stats.graph_counts`, when the
    caller has them) spare the index page a count of its own.
    """
    from ..incremental import changed_graphs, views_code_version

    code = f"{views_code_version()} {_versions()}"
    digests = dict(digests or {})
    old = read_record(last[1]) if last is not None else None
    if old is not None and (old.code != code or not digests or not old.graphs):
        old = None
    if old is not None:
        changed = changed_graphs(old.graphs, digests)
        few = max(MIN_GRAPHS_ONE_BY_ONE, len(digests) // 10)
        fresh = read_rows_by_graph(store, changed, one_by_one=len(changed) <= few)
        by_query = {}
        for name, by_graph in fresh.items():
            kept = old.rows.get(name, {})
            if "" in by_graph or "" in kept:  # answered whole: taken as it is now
                by_query[name] = by_graph
                continue
            merged = {g: r for g, r in kept.items() if g not in changed}
            merged.update(by_graph)
            by_query[name] = merged
    else:
        by_query = read_rows_by_graph(store)
    _share_strings(by_query)
    search = old.search if old is not None else {}
    pages = build_pages(_flat(by_query), search=search)
    _count_from_store(store, pages, counts)
    drawn: dict[str, str] = {}
    views = write_pages(
        pages,
        Path(out),
        last=(last[0], old.pages) if old is not None else None,
        digests=drawn,
    )
    if record is not None:
        titles = {link["title"] for page in pages for link in page.links}
        search = {title: keys for title, keys in search.items() if title in titles}
        write_record(record, Record(code, digests, by_query, drawn, search))
    return views


def _versions() -> str:
    """The versions of the packages that shape the pages (pinyin, vis-network)."""
    from importlib.metadata import version

    return " ".join(
        f"{name}={version(name)}" for name in ("pypinyin", "pyvis", "jinja2")
    )


def _count_from_store(store, pages: list[Page], counts=None) -> None:
    """The index shows the counts ``gongbao stats`` and the build summary show.

    ``counts`` are the store's :func:`~gongbao.graph.stats.graph_counts`, when
    the caller has them; otherwise they are counted here.
    """
    from ..stats import graph_counts

    c = counts if counts is not None else graph_counts(store)
    for page in pages:
        if page.kind == "index":
            page.counts = {
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
