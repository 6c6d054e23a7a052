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

__all__ = [
    "QUERIES_DIR",
    "Page",
    "build_pages",
    "read_rows",
    "write_pages",
    "write_views",
]

#: The views' own queries (``chairs.rq``), beside the competency queries.
QUERIES_DIR = Path(__file__).resolve().parent


def read_rows(store) -> dict[str, list[dict]]:
    """The rows the views read: the competency queries' and the views' own."""
    from ..query import available_queries, load_query, run_query

    bundled = available_queries()
    rows = {}
    for name in QUERIES:
        query = bundled.get(name) or QUERIES_DIR / f"{name}.rq"
        rows[name] = run_query(store, load_query(query)).rows
    return rows


def write_views(store, out: Path) -> list[Path]:
    """Write every page for the graph in ``store`` into ``out``; the page paths."""
    pages = build_pages(read_rows(store))
    _count_from_store(store, pages)
    return write_pages(pages, Path(out))


def _count_from_store(store, pages: list[Page]) -> None:
    """The index shows the counts ``gongbao stats`` and the build summary show."""
    from ..stats import graph_counts

    c = graph_counts(store)
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
