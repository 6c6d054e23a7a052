"""Rows -> pages: which pages, which nodes, tooltips with provenance."""

from __future__ import annotations

from gongbao.graph.views.model import GROUPS, build_pages, page_name

from .rows_fixture import EVIL, fictional_rows


def _pages():
    return {p.kind + ":" + p.title: p for p in build_pages(fictional_rows())}


def test_one_page_per_entity_and_the_overviews():
    kinds = sorted(p.kind for p in build_pages(fictional_rows()))
    assert kinds.count("meeting") == 1
    assert kinds.count("person") == 4
    assert kinds.count("law") == 1
    assert kinds.count("body") == 1
    assert kinds.count("index") == 1 and kinds.count("appointments") == 1


def test_file_names_are_stable_slugs_of_the_iri():
    name = page_name("person", "https://example.org/person/p1")
    assert name == page_name("person", "https://example.org/person/p1")
    assert name.startswith("person-") and name.endswith(".html")
    assert name != page_name("person", "https://example.org/person/p2")
    names = [p.name for p in build_pages(fictional_rows())]
    assert len(names) == len(set(names))


def test_meeting_page_colours_attendees_by_status():
    meeting = next(p for p in build_pages(fictional_rows()) if p.kind == "meeting")
    groups = {n["label"]: n["group"] for n in meeting.nodes}
    assert groups["邬岚"] == "present"
    assert groups["柏川"] in {"absent", "chair"}  # also the chair
    assert groups["岳禾"] in {"leave", "reporter", "person"}
    assert groups["沈棠"] == "nonvoting"
    labels = set(groups)
    assert "明川河保护条例" in labels  # reporter -> report -> subject law
    assert any("决算" in label for label in labels)  # reviewed item
    assert all(n["group"] in GROUPS for n in meeting.nodes)


def test_every_node_and_edge_has_a_provenance_tooltip():
    for page in build_pages(fictional_rows()):
        for item in page.nodes + page.edges:
            assert isinstance(item["title"], str) and item["title"], (page.name, item)
        if page.kind in {"meeting", "person"}:
            assert any("qinghu.txt" in n["title"] for n in page.nodes)


def test_person_page_shows_appointment_with_decider_and_doc_number():
    person = next(
        p
        for p in build_pages(fictional_rows())
        if p.kind == "person" and "邬岚" in p.title
    )
    text = "\n".join(x["title"] for x in person.nodes + person.edges)
    assert "青湖区副区长" in text
    assert "青人常〔2024〕3号" in text
    assert "2024-05-08" in text


def test_node_urls_point_at_pages_that_exist():
    pages = build_pages(fictional_rows())
    names = {p.name for p in pages}
    for page in pages:
        for node in page.nodes:
            if node.get("url"):
                assert node["url"] in names, node


def test_missing_values_do_not_break_the_model():
    rows = fictional_rows()
    for name in rows:
        rows[name] = [
            {k: (v if k.endswith("_id") else None) for k, v in r.items()}
            for r in rows[name]
        ]
    assert build_pages(rows)
    assert build_pages({})


def test_names_are_kept_as_data_not_markup():
    pages = build_pages(fictional_rows(EVIL))
    assert any(n["label"] == EVIL for p in pages for n in p.nodes)
