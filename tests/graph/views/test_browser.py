"""The pages in headless Chromium: no errors, nothing fetched, scripts not run."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from gongbao.graph.views import write_pages
from gongbao.graph.views.model import build_pages

from .rows_fixture import EVIL, fictional_rows

pytestmark = pytest.mark.browser

_NODES = "return window.gongbaoNetwork ? window.gongbaoNodes.length : -1;"
_RESOURCES = (
    "return performance.getEntriesByType('resource').map(function (e) "
    "{ return e.name; }).concat([location.href]);"
)


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
    import json
    import re

    html = path.read_text(encoding="utf-8")
    data = re.search(r"var nodesData = (\[.*?\]);\n", html, re.S).group(1)
    return len(json.loads(data))


@pytest.fixture(scope="module")
def fictional_views(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("views")
    return write_pages(build_pages(fictional_rows()), out)


def test_fictional_pages_load_offline_with_all_nodes(browser, fictional_views):
    for path in fictional_views:
        assert _check_page(browser, path) == _expected_nodes(path), path.name


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
        browser.execute_script("return document.querySelectorAll('img').length;") == 0
    )


def test_index_search_filters_the_links(browser, fictional_views):
    index = next(p for p in fictional_views if p.name == "index.html")
    _check_page(browser, index)
    box = browser.find_element("id", "search")
    box.send_keys("邬岚")
    shown = browser.execute_script(
        "return Array.from(document.querySelectorAll('#links li'))"
        ".filter(function (li) { return !li.hidden; }).map(function (li) "
        "{ return li.textContent; });"
    )
    assert shown and all("邬岚" in text for text in shown)


def test_examples_build_pages_in_the_browser(browser, examples_build):
    pages = sorted((examples_build / "views").glob("*.html"))
    assert any(p.name == "index.html" for p in pages)
    for path in pages:
        assert _check_page(browser, path) == _expected_nodes(path), path.name


def test_corpus_pages_in_the_browser(browser, corpus_build):
    pages = sorted((corpus_build / "views").glob("*.html"))
    assert len(pages) > 10
    for path in pages:  # every page of the real corpus (about a minute)
        assert _check_page(browser, path) == _expected_nodes(path), path.name


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
