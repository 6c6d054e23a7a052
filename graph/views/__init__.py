"""Offline HTML views of a built graph: index, meetings, people, bodies, laws.

:func:`write_views` runs the competency queries on the store, turns the rows
into pages of plain nodes and edges (:mod:`graph.views.model`), lays them out in
Python (:mod:`graph.views.layout`) and writes self-contained pages
(:mod:`graph.views.render`): no request leaves the page, document text is escaped,
tooltips are text.
"""

from __future__ import annotations

from pathlib import Path

from .model import Page, build_pages
from .render import write_pages

__all__ = ["Page", "build_pages", "write_pages", "write_views"]


def write_views(store, out: Path) -> list[Path]:
    """Write every page for the graph in ``store`` into ``out``; the paths written."""
    from ..query import QUERIES, load_query, run_query

    rows = {name: run_query(store, load_query(name)).rows for name in QUERIES}
    pages = build_pages(rows)
    _count_from_store(store, pages)
    return write_pages(pages, Path(out))


def _count_from_store(store, pages: list[Page]) -> None:
    """The index shows the counts ``gongbao stats`` and the build summary show."""
    from ..stats import graph_counts

    c = graph_counts(store)
    for page in pages:
        if page.kind == "index":
            page.counts = {
                "documents 文件": c.documents,
                "meetings 会议": c.entities["meeting"],
                "people 人员": c.entities["person"],
                "bodies 机构": c.entities["body"],
                "laws 法规": c.entities["law"],
                "attendance facts 出席记录": c.facts["attendance"],
                "reports 报告": c.facts["report"],
                "appointment decisions 任免": c.facts["appointment"],
                "law citations 法规引用": c.facts["citation"],
                "items reviewed 审议事项": c.facts["review"],
            }
