"""Every page of the real corpus build, as data: the browser loads only a few."""

from __future__ import annotations

import pytest

from gongbao.graph.views import read_rows
from gongbao.graph.views.layout import cap, overlapping, place
from gongbao.graph.views.model import build_pages


@pytest.fixture(scope="module")
def corpus_pages(corpus_build):
    from gongbao.graph.store import open_store

    rows = read_rows(open_store(corpus_build / "store"))
    return rows, build_pages(rows)


def test_corpus_every_page_lays_out_without_overlaps(corpus_pages):
    _, pages = corpus_pages
    for page in pages:
        nodes, edges, _ = cap(page.nodes, page.edges)
        place(nodes, edges)
        assert not overlapping(nodes), page.name


def test_corpus_every_table_row_has_its_provenance(corpus_pages):
    _, pages = corpus_pages
    for page in pages:
        for fact in page.facts:
            row = fact.row
            assert row["source"] and row["quote"] and row["start"], (page.name, row)


def test_corpus_meetings_with_pages_are_the_recorded_ones(corpus_pages):
    rows, pages = corpus_pages
    recorded = {r["meeting_id"] for r in rows["meetings"]}
    mentioned = {r["meeting_id"] for r in rows["reviewed"] if r.get("meeting_id")}
    titles = {p.subject for p in pages if p.kind == "meeting"}
    assert titles == recorded
    assert mentioned - recorded  # the corpus mentions meetings it does not record
    for page in pages:
        if page.kind == "meeting":
            assert "无名称" not in page.title, page.title
