"""The pages in headless Chromium: no errors, nothing fetched, scripts not run, and
readable at first sight (no overlapping boxes, labels >= 12 px, tables = the facts).

Only the index and the largest page of each kind are loaded (the model tests
cover every page's data); the layout checks run on the corpus build's largest
meeting and person pages and on the appointments page.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from gongbao.graph.views import read_rows, write_pages
from gongbao.graph.views.model import KINDS, appointment_year, build_pages
from gongbao.graph.views.render import MIN_LABEL_PX

from .rows_fixture import EVIL, fictional_rows

pytestmark = pytest.mark.browser

_NODES = "return window.gongbaoNetwork ? window.gongbaoNodes.length : -1;"
_RESOURCES = (
    "return performance.getEntriesByType('resource').map(function (e) "
    "{ return e.name; }).concat([location.href]);"
)
_BOXES = (
    "var net = window.gongbaoNetwork;"
    "return window.gongbaoNodes.getIds().map(function (id) {"
    " var b = net.getBoundingBox(id); return [String(id), b.left, b.top, b.right,"
    " b.bottom]; });"
)
_SCREEN = (
    "var net = window.gongbaoNetwork, v = window.gongbaoView;"
    "var c = document.getElementById('network').getBoundingClientRect();"
    "return {scale: net.getScale(), font: v.font_size, edge: v.edge_font_size,"
    " width: c.width, height: c.height,"
    " visible: window.gongbaoNodes.getIds().filter(function (id) {"
    "  var p = net.canvasToDOM(net.getPositions([id])[id]);"
    "  return p.x >= 0 && p.y >= 0 && p.x <= c.width && p.y <= c.height; }).length};"
)
_FACT_ROWS = "return document.querySelectorAll('table.facts tr.fact').length;"


def _open(browser, path: Path) -> float:
    """Load a page from file:// and wait for its network; the seconds it took."""
    browser.get_log("browser")  # drop what earlier pages logged
    start = time.perf_counter()
    browser.get(path.resolve().as_uri())
    deadline = start + 60
    while browser.execute_script(_NODES) < 0 and time.perf_counter() < deadline:
        time.sleep(0.05)
    return time.perf_counter() - start


def _check_page(browser, path: Path) -> int:
    """Assert no severe console message and only file:// requests; node count."""
    _open(browser, path)
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, (path.name, severe)
    urls = browser.execute_script(_RESOURCES)
    assert urls and all(u.startswith("file:") for u in urls), (path.name, urls)
    return browser.execute_script(_NODES)


def _expected_nodes(path: Path) -> int:
    html = path.read_text(encoding="utf-8")
    data = re.search(r"var nodesData = (\[.*?\]);\n", html, re.S).group(1)
    return len(json.loads(data))


def _representative(views: Path) -> dict[str, Path]:
    """The index, the appointments page and the largest page of each kind."""
    chosen = {"index": views / "index.html"}
    for kind in (*KINDS, "appointments"):
        pages = sorted(views.glob(f"{kind}-*.html"), key=lambda p: p.stat().st_size)
        if pages:
            chosen[kind] = pages[-1]
    return chosen


def _assert_readable(browser, path: Path) -> None:
    """No two node boxes overlap; labels draw at >= 12 px; the subject is in view."""
    boxes = browser.execute_script(_BOXES)
    for i, (a, *ra) in enumerate(boxes):
        for b, *rb in boxes[i + 1 :]:
            apart = ra[2] <= rb[0] or rb[2] <= ra[0] or ra[3] <= rb[1] or rb[3] <= ra[1]
            assert apart, (path.name, a, ra, b, rb)
    screen = browser.execute_script(_SCREEN)
    assert screen["scale"] * screen["font"] >= MIN_LABEL_PX - 1e-6, (path.name, screen)
    assert screen["scale"] * screen["edge"] >= MIN_LABEL_PX - 1e-6, (path.name, screen)
    assert screen["visible"] >= min(len(boxes), 2), (path.name, screen)


@pytest.fixture(scope="module")
def fictional_views(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("views")
    return write_pages(build_pages(fictional_rows()), out)


def test_fictional_pages_load_offline_with_all_nodes(browser, fictional_views):
    for path in fictional_views:
        assert _check_page(browser, path) == _expected_nodes(path), path.name
        _assert_readable(browser, path)
        images = browser.execute_script(
            "return Array.from(document.images).map(function (i) {"
            " return [i.getAttribute('src'), i.naturalWidth]; });"
        )
        assert all(width > 0 for _, width in images), (path.name, images)


def test_a_name_made_of_markup_is_shown_not_run(browser, tmp_path):
    written = write_pages(build_pages(fictional_rows(EVIL)), tmp_path)
    person = next(p for p in written if "\\u003cimg" in p.read_text(encoding="utf-8"))
    _check_page(browser, person)
    assert browser.execute_script("return window.__pwned;") is None
    assert EVIL in browser.find_element("tag name", "body").text
    # the tooltip: a DOM element whose text is the name, never parsed markup
    titles = browser.execute_script(
        "return window.gongbaoNodes.get().map(function (n) {"
        " return n.title && n.title.textContent; });"
    )
    assert any(t and EVIL in t for t in titles)
    assert (
        browser.execute_script(
            "return document.querySelectorAll('img:not([src^=\"charts/\"])').length;"
        )
        == 0
    )


@pytest.mark.parametrize(
    "query, wanted", [("邬岚", "邬岚"), ("wulan", "邬岚"), ("fuqu", "副区长")]
)
def test_index_search_finds_hanzi_and_pinyin(browser, fictional_views, query, wanted):
    index = next(p for p in fictional_views if p.name == "index.html")
    _check_page(browser, index)
    box = browser.find_element("id", "search")
    box.clear()
    box.send_keys(query)
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('#links li'))"
        ".filter(function (li) { return !li.hidden; }).map(function (li) "
        "{ return li.textContent; });"
    )
    assert shown and all(wanted in text for text in shown), shown


def test_examples_build_pages_in_the_browser(browser, examples_build):
    for path in _representative(examples_build / "views").values():
        assert _check_page(browser, path) == _expected_nodes(path), path.name


@pytest.fixture(scope="module")
def corpus_pages(corpus_build):
    from gongbao.graph.store import open_store

    rows = read_rows(open_store(corpus_build / "store"))
    return _representative(corpus_build / "views"), build_pages(rows), rows


#: Where the graph says each fact about an entity: (query, the entity's column).
_FACTS_OF = {
    "meeting": (
        ("meetings", "meeting_id"),
        ("chairs", "meeting_id"),
        ("attendance", "meeting_id"),
        ("reports", "meeting_id"),
        ("reviewed", "meeting_id"),
    ),
    "person": (
        ("appointments", "person_id"),
        ("chairs", "chair_id"),
        ("attendance", "person_id"),
        ("reports", "reporter_id"),
    ),
}


def test_corpus_index_and_largest_pages_load(browser, corpus_pages):
    chosen, _, _ = corpus_pages
    assert set(chosen) >= {"index", "meeting", "person", "body", "law"}
    for path in chosen.values():
        assert _check_page(browser, path) == _expected_nodes(path), path.name


@pytest.mark.parametrize("kind", ["meeting", "person", "appointments"])
def test_corpus_largest_pages_are_readable_and_list_every_fact(
    browser, corpus_pages, kind
):
    chosen, pages, rows = corpus_pages
    path = chosen[kind]
    _check_page(browser, path)
    _assert_readable(browser, path)
    page = next(p for p in pages if p.name == path.name)
    if kind == "appointments":  # the largest year's decisions
        year = path.stem.removeprefix("appointments-")
        facts = sum(1 for r in rows["appointments"] if appointment_year(r) == year)
    else:
        facts = sum(
            1
            for query, column in _FACTS_OF[kind]
            for r in rows[query]
            if r.get(column) == page.subject
        )
    assert browser.execute_script(_FACT_ROWS) == facts > 0, path.name


def test_clicking_a_node_opens_its_page(browser, fictional_views):
    meeting = next(p for p in fictional_views if p.name.startswith("meeting-"))
    _check_page(browser, meeting)
    target = browser.execute_script(
        "var n = window.gongbaoNodes.get().filter(function (n) {"
        " return n.url && n.url.indexOf('person-') === 0; })[0];"
        "window.gongbaoNetwork.emit('click', {nodes: [n.id], edges: []});"
        "return n.url;"
    )
    deadline = time.perf_counter() + 10
    while not browser.current_url.endswith(target) and time.perf_counter() < deadline:
        time.sleep(0.05)
    assert browser.current_url.endswith(target)


def test_a_capped_page_renders_with_the_cap(browser, tmp_path):
    from gongbao.graph.views.layout import MAX_NODES
    from gongbao.graph.views.model import Page

    nodes = [
        {"id": f"n{i}", "label": f"节点{i}", "group": "person", "title": f"提示{i}"}
        for i in range(MAX_NODES * 2)
    ]
    edges = [
        {"from": f"n{i // 3}", "to": f"n{i}", "title": "边", "label": ""}
        for i in range(1, len(nodes))
    ]
    (path,) = write_pages([Page("big.html", "body", "大", nodes, edges)], tmp_path)
    assert _check_page(browser, path) == MAX_NODES
    assert f"{MAX_NODES} nodes left out" in path.read_text(encoding="utf-8")
