"""Pages written to disk: offline, escaped, capped, laid out."""

from __future__ import annotations

import json
import re

from gongbao.graph.views import write_pages
from gongbao.graph.views.layout import MAX_NODES, cap, place
from gongbao.graph.views.model import Page, build_pages

from .rows_fixture import EVIL, fictional_rows

_REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


def test_pages_and_assets_are_written(tmp_path):
    written = write_pages(build_pages(fictional_rows()), tmp_path)
    assert (tmp_path / "index.html") in written
    assert (tmp_path / "assets" / "vis-network.min.js").stat().st_size > 100_000
    assert (tmp_path / "assets" / "vis-network.css").exists()
    for path in written:
        html = path.read_text(encoding="utf-8")
        assert not _REMOTE.search(html), path
        assert "bootstrap" not in html.lower()
        assert '"physics": {"enabled": false}' in html or '"enabled": false' in html


def test_document_text_is_escaped_in_html_and_script(tmp_path):
    written = write_pages(build_pages(fictional_rows(EVIL)), tmp_path)
    for path in written:
        html = path.read_text(encoding="utf-8")
        assert EVIL not in html, path
    person = next(p for p in written if "\\u003cimg" in p.read_text(encoding="utf-8"))
    assert "&lt;img src=x onerror=window.__pwned=1&gt;" in person.read_text(
        encoding="utf-8"
    )


def test_layout_is_fixed_and_deterministic():
    pages = build_pages(fictional_rows())
    a = next(p for p in pages if p.kind == "meeting")
    b = next(p for p in build_pages(fictional_rows()) if p.kind == "meeting")
    place(a.nodes, a.edges)
    place(b.nodes, b.edges)
    assert [(n["x"], n["y"]) for n in a.nodes] == [(n["x"], n["y"]) for n in b.nodes]


def test_big_pages_are_capped_and_say_so(tmp_path):
    nodes = [
        {"id": f"n{i}", "label": f"节点{i}", "group": "person", "title": "t"}
        for i in range(MAX_NODES + 50)
    ]
    edges = [
        {"from": "n0", "to": f"n{i}", "title": "t", "label": ""}
        for i in range(1, len(nodes))
    ]
    kept, links, omitted = cap(nodes, edges)
    assert len(kept) == MAX_NODES and omitted == 50 and kept[0]["id"] == "n0"
    page = Page("big.html", "body", "大", nodes=nodes, edges=edges)
    (path,) = write_pages([page], tmp_path)
    html = path.read_text(encoding="utf-8")
    assert "50 nodes left out" in html
    data = re.search(r"var nodesData = (\[.*?\]);\n", html, re.S).group(1)
    assert len(json.loads(data)) == MAX_NODES
