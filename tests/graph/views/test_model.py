"""Rows -> pages: which pages, which nodes, tables with provenance, chart data."""

from __future__ import annotations

import pytest

from gongbao.graph.views.layout import MAX_NODES
from gongbao.graph.views.model import (
    KINDS,
    MAX_LISTED,
    MAX_TIPS,
    Planned,
    build_all,
    build_in_batches,
    build_pages,
    built,
    page_name,
    wrap,
)
from gongbao.graph.views.search import matches, search_keys
from gongbao.graph.views.style import EDGES, GROUPS, OKABE_ITO, STATUS, contrast

from .rows_fixture import EVIL, MENTIONED, fictional_rows


def _pages(person: str = "邬岚"):
    return build_pages(fictional_rows(person))


def _page(kind: str, title: str | None = None, person: str = "邬岚"):
    return _page_of(fictional_rows(person), kind, title)


def _page_of(rows, kind: str, title: str | None = None):
    """The first page of ``kind`` built from ``rows`` (whose title holds ``title``)."""
    return next(
        p
        for p in build_pages(rows)
        if p.kind == kind and (title is None or title in p.title)
    )


def test_model_one_page_per_entity_and_the_overviews():
    kinds = sorted(p.kind for p in _pages())
    assert kinds.count("meeting") == 1
    assert kinds.count("person") == 4
    assert kinds.count("law") == 1
    assert kinds.count("body") == 1
    assert kinds.count("index") == 1
    assert kinds.count("appointments") == 2  # the overview and 2024's page


def test_model_appointments_are_paged_by_year_with_an_overview():
    rows = fictional_rows()
    decision = rows["appointments"][0]
    rows["appointments"] += [
        {**decision, "date": "2019-12-30", "start": "900"},
        {**decision, "date": None, "start": "950"},
    ]
    pages = {p.name: p for p in build_pages(rows) if p.kind == "appointments"}
    assert set(pages) == {
        "appointments.html",
        "appointments-2019.html",
        "appointments-2024.html",
        "appointments-undated.html",
    }
    overview = pages["appointments.html"]
    assert [(i["label"], i["url"]) for i in overview.summary] == [
        ("2019年", "appointments-2019.html"),
        ("2024年", "appointments-2024.html"),
        ("日期不明 undated", "appointments-undated.html"),
    ]
    for item in overview.summary:
        shown = pages[item["url"]].facts
        assert item["text"] == f"{len(shown)} 项任免 decisions"
    assert sum(len(p.facts) for p in pages.values()) == len(rows["appointments"])
    assert {f.row["date"] for f in pages["appointments-2019.html"].facts} == {
        "2019-12-30"
    }
    assert pages["appointments-2019.html"].nodes  # each year draws its network


def test_model_a_meeting_only_mentioned_gets_no_page():
    pages = _pages()
    assert page_name("meeting", MENTIONED) not in {p.name for p in pages}
    for page in pages:
        for node in page.nodes:
            assert node.get("url") != page_name("meeting", MENTIONED)


def test_model_file_names_are_stable_slugs_of_the_iri():
    name = page_name("person", "https://example.org/person/p1")
    assert name == page_name("person", "https://example.org/person/p1")
    assert name.startswith("person-") and name.endswith(".html")
    assert name != page_name("person", "https://example.org/person/p2")
    names = [p.name for p in _pages()]
    assert len(names) == len(set(names))


def test_model_meeting_network_draws_relations_and_the_roster_as_counts():
    meeting = _page("meeting")
    groups = {n["label"]: n["group"] for n in meeting.nodes}
    assert groups["邬岚"] == "person"  # the chair
    assert "柏川" not in groups  # absent members are in the roster table, not dots
    assert groups["缺席 1人"] == "roster" and groups["出席 1人"] == "roster"
    assert groups["明川河保护条例"] == "law"  # reporter -> report -> subject law
    assert groups["岳禾"] == "person"
    assert any(g == "review" and "决算" in label for label, g in groups.items())
    assert all(n["group"] in GROUPS for n in meeting.nodes)


def test_model_meeting_tables_roster_by_status_chair_reports_reviews():
    meeting = _page("meeting")
    tables = {t.key: t for t in meeting.tables}
    for status in STATUS:
        assert len(tables[f"roster-{status}"].rows) == 1, status
    assert meeting.counts == {
        "出席 present": 1,
        "缺席 absent": 1,
        "请假 on leave": 1,
        "列席 attending without vote": 1,
    }
    chair = tables["chair"].rows[0]
    assert chair.row["quote"] == "会议由邬岚主持"  # the sentence, not the headline
    report = [c.text for c in tables["reports"].rows[0].cells]
    assert (
        report[0] == "岳禾" and "明川河" in report[2] and report[3] == "明川河保护条例"
    )
    assert [c.text for c in tables["reviewed"].rows[0].cells][:2] == [
        "青湖区2023年决算",
        "批准",
    ]


def test_model_every_table_row_and_tooltip_has_provenance():
    for page in _pages():
        for fact in page.facts:
            assert fact.row["source"] and fact.row["quote"], (page.name, fact)
        for item in page.nodes + page.edges:
            assert isinstance(item["title"], str) and item["title"], (page.name, item)
        if page.kind in {"meeting", "person"}:
            assert any("qinghu.txt" in n["title"] for n in page.nodes)


def test_model_a_hubs_tooltip_quotes_a_few_sources_and_counts_the_rest():
    rows = fictional_rows()
    present = rows["attendance"][0]
    copies = MAX_TIPS + 8  # the same attendance reported by that many documents
    rows["attendance"] += [
        {**present, "source": f"qinghu-{i:02d}.txt"} for i in range(copies)
    ]
    person = _page_of(rows, "person", "邬岚")
    (meeting,) = [n for n in person.nodes if n["id"] == present["meeting_id"]]
    lines = meeting["title"].split("\n\n")
    assert len(lines) == MAX_TIPS + 1
    # MAX_TIPS parts (the first two from qinghu.txt), then the rest counted
    shown = sum(f"qinghu-{i:02d}.txt" in meeting["title"] for i in range(copies))
    assert shown == MAX_TIPS - 2
    assert (
        lines[-1]
        == f"…… 另 {copies - shown} 条，见表格 {copies - shown} more in the tables"
    )
    (edge,) = [e for e in person.edges if e["to"] == present["meeting_id"]]
    assert edge["title"].count("\n\n") == MAX_TIPS
    # every source is still a row of the page's tables
    sources = {f.row["source"] for f in person.facts}
    assert {f"qinghu-{i:02d}.txt" for i in range(copies)} <= sources


def test_model_a_hubs_network_is_capped_and_the_rest_counted():
    rows = fictional_rows()
    present = rows["attendance"][0]
    many = MAX_NODES + 30  # meetings one person attended
    rows["attendance"] += [
        {
            **present,
            "meeting": f"青湖区人大常委会第{i}次会议",
            "meeting_id": f"https://example.org/meeting/qinghu-x{i}",
        }
        for i in range(many)
    ]
    person = _page_of(rows, "person", "邬岚")
    ids = {n["id"] for n in person.nodes}
    assert len(ids) == len(person.nodes) == MAX_NODES  # what the page draws
    assert person.nodes[0]["id"] == present["person_id"]  # the subject first
    drawn = sum(
        n["id"].startswith("https://example.org/meeting/") for n in person.nodes
    )
    assert person.omitted == many + 1 - drawn  # and the fixture's meeting
    assert all(e["from"] in ids and e["to"] in ids for e in person.edges)
    assert all(n["title"] for n in person.nodes + person.edges)  # tooltips joined
    met = {f.row.get("meeting_id") for f in person.facts}
    assert len(met & {r["meeting_id"] for r in rows["attendance"]}) == many + 1


def test_model_a_summary_lists_a_few_of_each_kind_and_counts_the_rest():
    rows = fictional_rows()
    chair = rows["chairs"][0]
    rows["chairs"] += [
        {**chair, "chair": f"岳{i:02d}", "source": f"qinghu-{i:02d}.txt"}
        for i in range(MAX_LISTED + 3)
    ]
    meeting = _page_of(rows, "meeting", "青湖区")
    chairs = [i["text"] for i in meeting.summary if i["label"] == "主持 chair"]
    # the fixture's chair and MAX_LISTED - 1 of the added; then the other 4
    assert chairs[:-1] == ["邬岚"] + [f"岳{i:02d}" for i in range(MAX_LISTED - 1)]
    assert chairs[-1] == "…… 另 4 条，见表格 4 more in the tables"
    labels = [i["label"] for i in meeting.summary]
    first = labels.index("主持 chair")
    assert labels[first : first + MAX_LISTED + 1] == ["主持 chair"] * (MAX_LISTED + 1)
    (table,) = [t for t in meeting.tables if t.key == "chair"]
    assert len(table.rows) == MAX_LISTED + 4  # every chair in the table


def test_model_one_edge_for_two_relations_between_the_same_nodes():
    person = _page("person", "邬岚")
    (edge,) = [e for e in person.edges if e["to"].endswith("qinghu-12")]
    assert edge["label"] == "主持 · 出席"
    assert "会议由邬岚主持" in edge["title"] and "“邬岚”" in edge["title"]


def test_model_labels_are_chinese_with_english_in_the_tooltip():
    for page in _pages():
        for edge in page.edges:
            assert not any(c.isascii() and c.isalpha() for c in edge["label"]), edge
        for node in page.nodes:
            style = GROUPS[node["group"]]
            assert node["title"].startswith(f"{style['zh']} {style['en']}:")


def test_model_long_labels_wrap_without_losing_the_session():
    label = wrap("青湖市第十八届人民代表大会常务委员会第二十五次会议")
    assert (
        label.replace("\n", "") == "青湖市第十八届人民代表大会常务委员会第二十五次会议"
    )
    assert wrap("甲" * 80).endswith("…")


def test_model_person_page_appointment_with_decider_and_doc_number():
    person = _page("person", "邬岚")
    text = "\n".join(x["title"] for x in person.nodes + person.edges)
    assert "青湖区副区长" in text
    assert "青人常〔2024〕3号" in text
    assert "2024-05-08" in text
    timeline = person.charts["timeline"]
    assert timeline["posts"] == [
        {"post": "青湖区副区长", "start": "2024-05-08", "end": None}
    ]
    assert [m["action"] for m in timeline["marks"]] == ["appoint"]


def test_model_body_page_heatmap_and_meetings():
    body = _page("body")
    heatmap = body.charts["attendance"]
    assert len(heatmap["meetings"]) == 1
    cells = {m["name"]: m["cells"] for m in heatmap["members"]}
    assert cells == {
        "邬岚": ["present"],
        "柏川": ["absent"],
        "岳禾": ["leave"],
        "沈棠": ["nonvoting"],
    }
    assert [m["date"] for m in body.charts["meetings"]["meetings"]] == ["2024-05-08"]
    assert {t.key for t in body.tables} >= {"meetings", "appointments"}


def test_model_node_urls_point_at_pages_that_exist():
    pages = _pages()
    names = {p.name for p in pages}
    for page in pages:
        for node in page.nodes:
            if node.get("url"):
                assert node["url"] in names, node
        for fact in page.facts:
            for cell in fact.cells:
                assert not cell.url or cell.url in names, cell


def test_model_index_lists_people_posts_bodies_laws_meetings_with_pinyin():
    index = _page("index")
    kinds = {link["kind"] for link in index.links}
    assert kinds >= {"person", "post", "body", "law", "meeting"}
    post = next(link for link in index.links if link["kind"] == "post")
    assert post["title"] == "青湖区副区长 — 邬岚"
    found = [
        link["title"]
        for link in index.links
        if matches("wulan", link["title"] + " " + link["keys"])
    ]
    assert "邬岚" in found and "青湖区副区长 — 邬岚" in found


@pytest.mark.parametrize(
    "query, name", [("yaohuaming", "姚华明"), ("YHM", "姚华明"), ("华明", "姚华明")]
)
def test_search_matches_hanzi_pinyin_and_initials(query, name):
    assert matches(query, name + " " + search_keys(name))
    assert not matches("zhangsan", name + " " + search_keys(name))


def test_style_palette_is_okabe_ito_with_readable_text():
    palette = set(OKABE_ITO.values())
    for name, group in GROUPS.items():
        assert contrast(group["font"], group["color"]) >= 4.5, name
        assert group["color"] in palette or group["color"] in {"#ffffff", "#dddddd"}
    colours = [g["color"] for n, g in GROUPS.items() if n not in ("roster",)]
    assert len(colours) == len(set(colours))  # legend entries differ
    actions = [
        (EDGES[a]["color"], str(EDGES[a]["dashes"]))
        for a in ("appoint", "remove", "resign")
    ]
    assert len(set(actions)) == 3


def test_model_every_kind_declares_its_tables_and_columns():
    for kind in KINDS.values():
        assert kind.tables and kind.rows and kind.draws


def test_model_missing_values_do_not_break_the_model():
    rows = fictional_rows()
    for name in rows:
        rows[name] = [
            {k: (v if k.endswith("_id") else None) for k, v in r.items()}
            for r in rows[name]
        ]
    assert build_pages(rows)
    assert build_pages({})


def test_model_names_are_kept_as_data_not_markup():
    pages = _pages(EVIL)
    assert any(n["label"].replace("\n", "") == EVIL for p in pages for n in p.nodes)


def test_model_career_timeline_shows_posts_seen_held_without_a_decision():
    from gongbao.graph.views.model import _timeline

    held = [
        {"event": "nonvoting", "post": "青湖区人民政府副区长", "date": "2020-04-29"},
        {"event": "attended", "post": "青湖区人大常委会副主任", "date": "2021-04-16"},
        {"event": "appoint", "post": "青湖区水务局局长", "date": "2021-06-01"},
    ]
    timeline = _timeline({}, held)
    seen = {p["post"]: p.get("seen") for p in timeline["posts"]}
    assert seen == {
        "青湖区人民政府副区长": ["2020-04-29"],
        "青湖区人大常委会副主任": ["2021-04-16"],
    }  # a decision is drawn from the appointments rows, not as a sighting


def test_model_meeting_counts_set_the_names_listed_against_the_printed_totals():
    rows = fictional_rows()
    meeting_id = rows["meetings"][0]["meeting_id"]
    rows["counts"] = [
        {
            "source": "a.txt",
            "meeting_id": meeting_id,
            "status": status,
            "count": count,
            "quote": quote,
            "start": "10",
            "end": "15",
        }
        for status, count, quote in (
            ("expected", "3", "应到3人"),
            ("present", "2", "实到2人"),
        )
    ]
    meeting = next(p for p in build_pages(rows) if p.kind == "meeting")
    assert meeting.printed["出席 present"] == {
        "count": "2",
        "quote": "实到2人",
        "source": "a.txt",
    }
    assert meeting.counts["出席 present"] == 1  # one name listed, two printed
    assert meeting.counts["应到 expected"] == 0  # nobody is listed as expected
    assert meeting.printed["应到 expected"]["count"] == "3"


def test_model_pages_built_in_batches_are_the_pages_built_at_once():
    rows = fictional_rows()
    whole, labels, urls = build_all(rows)
    batches, labels_b, urls_b = build_in_batches(rows, size=2)
    batches = list(batches)
    assert all(len(b) <= 2 for b in batches[:-1])  # the last: overviews and index
    # entity pages planned, built by whoever draws them; the same pages
    assert all(isinstance(p, Planned) for b in batches[:-1] for p in b)
    assert [built(p) for b in batches for p in b] == whole
    sizes = {p.name: p.size for b in batches[:-1] for p in b}
    assert sizes[whole[0].name] >= len(whole[0].facts) > 0  # the rows it reads
    assert (labels_b, urls_b) == (labels, urls)
