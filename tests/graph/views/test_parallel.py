"""With ``jobs`` > 1 the views are queried on threads and drawn on forked
processes, and come out byte for byte as with one."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from gongbao.graph.build import build
from gongbao.graph.store import open_store
from gongbao.graph.views import read_rows_by_graph, write_pages
from gongbao.graph.views import render as render_module
from gongbao.graph.views.model import build_pages
from gongbao.graph.views.reuse import RECORD

from .rows_fixture import fictional_rows
from .test_reuse import _files

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def _record(path: Path) -> list[str]:
    """The views record (an SQLite file) as SQL statements."""
    with closing(sqlite3.connect(path)) as db:
        return list(db.iterdump())


def _drawn_where(monkeypatch, log: Path) -> None:
    """Log the process id that draws each page (forked workers inherit the spy)."""
    real = render_module._draw

    def spy(job, page):
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        return real(job, page)

    monkeypatch.setattr(render_module, "_draw", spy)


def test_views_drawn_on_two_processes_are_those_drawn_on_one(
    examples_build, tmp_path, monkeypatch
):
    log = tmp_path / "pids"
    _drawn_where(monkeypatch, log)
    inputs = tmp_path / "in"
    shutil.copytree(EXAMPLES, inputs)
    out = tmp_path / "out"
    build([inputs], out, jobs=2)
    pids = set(log.read_text().split())
    assert pids and str(os.getpid()) not in pids  # drawn in forked workers
    assert _files(out / "views") == _files(examples_build / "views")
    record = f"cache/{RECORD}"  # rows, graph and page digests, search keys
    assert _record(out / record) == _record(examples_build / record)

    # A rebuild on two processes redraws what changed, as a fresh build on one.
    changed = inputs / "03_hedong_gazette.txt"
    changed.write_text(changed.read_text("utf-8").replace("房立新", "房立昌"), "utf-8")
    log.unlink()
    build([inputs], out, jobs=2)
    assert 0 < len(log.read_text().split()) < len(_files(out / "views"))
    build([inputs], tmp_path / "fresh", jobs=1)
    assert _files(out / "views") == _files(tmp_path / "fresh" / "views")


def test_views_queries_on_two_threads_give_the_same_rows_in_order(examples_build):
    store = open_store(examples_build / "store")
    whole = read_rows_by_graph(store)
    assert any(whole.values())
    assert read_rows_by_graph(store, jobs=2) == whole
    graphs = sorted({g for by_graph in whole.values() for g in by_graph})
    for one_by_one in (True, False):
        one = read_rows_by_graph(store, graphs[1:], one_by_one=one_by_one)
        two = read_rows_by_graph(store, graphs[1:], one_by_one=one_by_one, jobs=2)
        assert two == one
        assert [list(by_graph) for by_graph in two.values()] == [
            list(by_graph) for by_graph in one.values()
        ]


def test_views_one_job_draws_here_without_forking(tmp_path, monkeypatch):
    log = tmp_path / "pids"
    _drawn_where(monkeypatch, log)
    pages = build_pages(fictional_rows())
    write_pages(pages, tmp_path / "one", jobs=1)
    assert set(log.read_text().split()) == {str(os.getpid())}
    write_pages(pages, tmp_path / "two", jobs=2)
    assert _files(tmp_path / "two") == _files(tmp_path / "one")
