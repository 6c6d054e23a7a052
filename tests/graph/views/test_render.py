"""Pages written to disk: offline, escaped, capped, laid out, rewritten only on change."""

from __future__ import annotations

import json
import re

from gongbao.graph.views import write_pages
from gongbao.graph.views.layout import MAX_NODES, box, cap, overlapping, place
from gongbao.graph.views.model import Page, build_pages
from gongbao.graph.views.render import PageWriter

from .rows_fixture import EVIL, fictional_rows

_REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


def _data(html: str, name: str) -> list | dict:
    return json.loads(re.search(rf"var {name} = (.*?);\n", html, re.S).group(1))


def test_render_pages_charts_and_assets_are_written(tmp_path):
    written = write_pages(build_pages(fictional_rows()), tmp_path)
    assert (tmp_path / "index.html") in written
    assert (tmp_path / "assets" / "vis-network.min.js").stat().st_size > 100_000
    assert (tmp_path / "assets" / "vis-network.css").exists()
    for path in written:
        html = path.read_text(encoding="utf-8")
        assert not _REMOTE.search(html), path
        assert "bootstrap" not in html.lower()
        assert _data(html, "options")["physics"] == {"enabled": False}
        for src in re.findall(r'<img src="([^"]+)"', html):
            svg = (tmp_path / src).read_text(encoding="utf-8")
            assert svg.startswith("<?xml") and not _REMOTE.search(svg), src


def test_render_person_page_has_a_timeline_and_body_page_a_heatmap(tmp_path):
    written = write_pages(build_pages(fictional_rows()), tmp_path)
    pages = {p.name: p.read_text(encoding="utf-8") for p in written}
    person = next(h for h in pages.values() if "<title>邬岚</title>" in h)
    body = next(h for n, h in pages.items() if n.startswith("body-"))
    assert re.search(r'<img src="charts/person-\w+-timeline-\w+\.svg"', person)
    assert re.search(r'<img src="charts/body-\w+-attendance-\w+\.svg"', body)
    # the timeline comes before the network, the tables after it
    assert (
        person.index("timeline") < person.index('id="network"') < person.index("<table")
    )


def test_render_document_text_is_escaped_in_html_and_script(tmp_path):
    written = write_pages(build_pages(fictional_rows(EVIL)), tmp_path)
    for path in written:
        html = path.read_text(encoding="utf-8")
        assert EVIL not in html, path
    person = next(p for p in written if "\\u003cimg" in p.read_text(encoding="utf-8"))
    assert "&lt;img src=x onerror=window.__pwned=1&gt;" in person.read_text(
        encoding="utf-8"
    )
    # the index's list and the tables are written outside the template
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=window.__pwned=1&gt;</a></li>" in index
    tables = [
        table
        for path in written
        for table in path.read_text(encoding="utf-8").split('<table class="facts"')[1:]
    ]
    assert any("&lt;img src=x onerror=window.__pwned=1&gt;" in t for t in tables)


def test_render_unchanged_pages_are_not_rewritten_and_stale_ones_go(tmp_path):
    pages = build_pages(fictional_rows())
    write_pages(pages, tmp_path)
    stamps = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    (tmp_path / "person-000000000000.html").write_text("old", encoding="utf-8")
    write_pages(build_pages(fictional_rows()), tmp_path)
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps
    assert not (tmp_path / "person-000000000000.html").exists()
    rows = fictional_rows()
    rows["reports"][0]["title"] = "关于明川河治理情况的报告"
    write_pages(build_pages(rows), tmp_path)
    changed = {p.name for p in stamps if p.stat().st_mtime_ns != stamps[p]}
    assert "index.html" not in changed  # the index does not list reports
    assert any(n.startswith("meeting-") for n in changed)
    assert any(n.startswith("law-") for n in changed)


def test_layout_boxes_do_not_overlap_and_are_deterministic():
    for page in build_pages(fictional_rows()):
        place(page.nodes, page.edges)
        assert not overlapping(page.nodes), page.name
    a = next(p for p in build_pages(fictional_rows()) if p.kind == "meeting")
    b = next(p for p in build_pages(fictional_rows()) if p.kind == "meeting")
    place(a.nodes, a.edges)
    place(b.nodes, b.edges)
    assert [(n["x"], n["y"]) for n in a.nodes] == [(n["x"], n["y"]) for n in b.nodes]


def test_layout_a_tall_column_wraps_without_overlaps():
    nodes = [{"id": "s", "label": "主题", "group": "meeting", "level": 0, "order": 0}]
    nodes += [
        {"id": i, "label": "关于某某事项的报告" * 3, "group": "report", "level": 1}
        for i in range(60)
    ]
    edges = [{"from": "s", "to": i} for i in range(60)]
    place(nodes, edges)
    assert not overlapping(nodes)
    assert max(n["y"] for n in nodes) - min(n["y"] for n in nodes) < 1000
    assert box(nodes[1])[0] > box(nodes[0])[0]


def test_render_big_pages_are_capped_and_say_so(tmp_path):
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
    assert len(_data(html, "nodesData")) == MAX_NODES


def test_render_pages_written_in_batches_are_the_pages_written_at_once(tmp_path):
    pages = build_pages(fictional_rows())
    write_pages(pages, tmp_path / "once")
    (tmp_path / "batches").mkdir()
    (tmp_path / "batches" / "person-000000000000.html").write_text("old", "utf-8")
    writer = PageWriter(tmp_path / "batches")
    for start in range(0, len(pages), 3):
        writer.write(pages[start : start + 3])
        assert (tmp_path / "batches" / "person-000000000000.html").exists()
    written = writer.finish()
    assert [p.name for p in written] == [p.name for p in pages]
    assert not (tmp_path / "batches" / "person-000000000000.html").exists()
    once = sorted(
        p.relative_to(tmp_path / "once") for p in (tmp_path / "once").rglob("*")
    )
    both = sorted(
        p.relative_to(tmp_path / "batches") for p in (tmp_path / "batches").rglob("*")
    )
    assert once == both
    for name in once:
        if (tmp_path / "once" / name).is_file():
            assert (tmp_path / "once" / name).read_bytes() == (
                tmp_path / "batches" / name
            ).read_bytes()


def test_views_from_a_store_folder_let_the_store_go_before_drawing(
    examples_build, tmp_path, monkeypatch
):
    from gongbao.graph import store as store_module
    from gongbao.graph.views import write_views

    events: list[tuple[str, bool]] = []
    release, write = store_module.Opened.release, PageWriter.write

    def released(self):
        events.append(("release", self._store is not None))
        release(self)

    def written(self, pages):
        events.append(("write", bool(pages)))
        write(self, pages)

    monkeypatch.setattr(store_module.Opened, "release", released)
    monkeypatch.setattr(PageWriter, "write", written)
    paths = write_views(examples_build / "store", tmp_path / "views")
    assert events[0] == ("release", True)  # an open store let go, then pages
    assert {e for e, _ in events[1:]} == {"write"}
    built = examples_build / "views"
    assert sorted(p.name for p in paths) == sorted(p.name for p in built.glob("*.html"))
    for path in paths:  # the build's own pages, drawn from its open store
        assert path.read_bytes() == (built / path.name).read_bytes(), path.name
