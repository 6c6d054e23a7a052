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
    return write_pages(build_pages(rows), Path(out))
