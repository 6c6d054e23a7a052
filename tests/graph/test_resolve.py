"""Entity resolution: people by jurisdiction, post chains, regions, laws."""

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from gongbao.graph.build import build
from gongbao.graph.careers import career
from gongbao.graph.cli import main
from gongbao.graph.query import run_query
from gongbao.graph.resolve import (
    division_of,
    jurisdiction_of,
    law_key,
    merge_keys,
    possible_duplicates,
)
from gongbao.graph.store import open_store

PREFIXES = """
PREFIX gb: <https://w3id.org/gongbao/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


@pytest.fixture(scope="module")
def store(corpus_build: Path):
    return open_store(corpus_build / "store")


def select(store, body: str) -> list[dict]:
    return run_query(store, PREFIXES + body).rows


def people_called(store, name: str) -> set[str]:
    rows = select(
        store,
        f'SELECT DISTINCT ?p {{ GRAPH ?g {{ ?p a gb:Person ; schema:name "{name}" }} }}',
    )
    return {r["p"] for r in rows}


def test_resolve_one_node_for_a_name_in_one_jurisdiction(store):
    # 田良, 区人民法院院长, in the minutes of two 绿园区 meetings a year apart.
    assert len(people_called(store, "田良")) == 1
    rows = select(
        store,
        'SELECT DISTINCT ?g { GRAPH ?g { ?a gb:person ?p . ?p schema:name "田良" } }',
    )
    assert len(rows) == 2


def test_resolve_a_career_in_order_with_dates_and_sources(store):
    found = career(store, "王景耀")
    posts = [(r["date"], r["post"], r["source"][:3]) for r in found.timeline.rows]
    assert posts == [
        ("2020-04-29", "长春市绿园区人民政府副区长", "000"),
        ("2021-04-16", "长春市绿园区人民代表大会常务委员会副主任", "001"),
    ]


def test_resolve_print_slips_are_flagged_not_merged(store):
    first, second = people_called(store, "车轺轶"), people_called(store, "车轲轶")
    assert len(first) == len(second) == 1 and first != second
    rows = select(
        store,
        "SELECT ?score ?reason { GRAPH ?g { ?d a gb:PossibleDuplicate ; "
        f"gb:duplicateOf <{first.pop()}> , <{second.pop()}> ; "
        "gb:similarity ?score ; gb:reason ?reason } }",
    )
    assert len(rows) == 1 and float(rows[0]["score"]) > 60


def test_resolve_abbreviated_body_to_its_jurisdiction(store):
    rows = select(
        store,
        "SELECT DISTINCT ?body ?code { GRAPH ?g { ?h a gb:PostHolding ; "
        "<http://www.w3.org/ns/org#organization> ?b . ?b schema:name ?body ; "
        "gb:jurisdiction ?r . ?r gb:divisionCode ?code } "
        'FILTER(CONTAINS(?body, "审计厅")) }',
    )
    assert {(r["body"], r["code"]) for r in rows} == {("吉林省审计厅", "220000")}


def test_resolve_regions_carry_codes_and_parents(store):
    rows = select(
        store,
        "SELECT DISTINCT ?code ?parent ?parent_code { GRAPH ?g { "
        '?r schema:name "营口市" ; gb:divisionCode ?code ; '
        "schema:containedInPlace ?p . ?p schema:name ?parent ; "
        "gb:divisionCode ?parent_code } }",
    )
    assert rows == [{"code": "210800", "parent": "辽宁省", "parent_code": "210000"}]


def test_resolve_one_node_per_law_however_cited():
    assert law_key("宪法") == law_key("中华人民共和国宪法") == law_key("《宪法》")
    assert law_key("某某条例（草案）") == law_key("某某条例(草案)")
    assert law_key("某某条例（草案）") != law_key("某某条例")


def test_resolve_jurisdiction_of_a_post_read_in_a_district():
    home = division_of("长春市绿园区")
    assert jurisdiction_of("区人民法院院长", home).code == "220106"
    assert jurisdiction_of("市人大常委会副主任", home).code == "220100"
    # A namesake district elsewhere is not taken for the home province's one.
    assert jurisdiction_of("朝阳区人民政府区长", home).code == "220104"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="王李瑞霞希伟明", min_size=2, max_size=4), max_size=40)
)
def test_resolve_duplicates_are_every_pair_one_substitution_apart(names):
    """The buckets find exactly the pairs a comparison of every pair finds."""
    ordered = sorted({n for n in names if len(n) >= 3})
    expected = [
        (a, b)
        for i, a in enumerate(ordered)
        for b in ordered[i + 1 :]
        if len(a) == len(b)
        and a[0] == b[0]
        and sum(x != y for x, y in zip(a, b, strict=True)) == 1
    ]
    found = [(d.first, d.second) for d in possible_duplicates(names)]
    assert sorted(found) == expected
    assert found == sorted(
        found,
        key=lambda p: (
            min(n for n in ordered if n[0] == p[0][0] and len(n) == len(p[0])),
            p,
        ),
    )


def test_resolve_merge_keys_and_duplicates_are_order_free():
    links = [("c", "a"), ("b", "c")]
    assert merge_keys(links) == merge_keys(reversed(links))
    assert possible_duplicates(["宋瑞霞", "宋瑞希"]) != []
    assert possible_duplicates(["宋瑞霞", "李瑞霞"]) == []  # another surname


def _bulletin(county: str, term: str, date: str, item: str) -> str:
    return (
        f"{county}人民代表大会常务委员会公告\n"
        f"{date}，{county}第{term}届人民代表大会常务委员会第三次会议决定：\n{item}\n"
    )


def _namesakes(docs: Path) -> Path:
    """Two fictional county bulletins of two provinces, each appointing a 王伟."""
    docs.mkdir()
    (docs / "a.txt").write_text(
        _bulletin("平潭县", "十七", "2021年3月5日", "任命王伟为平潭县人民政府副县长。"),
        encoding="utf-8",
    )
    (docs / "b.txt").write_text(
        _bulletin("镇原县", "十八", "2022年6月9日", "任命王伟为镇原县人民政府副县长。"),
        encoding="utf-8",
    )
    return docs


def _join_namesakes(docs: Path) -> None:
    """b.txt's 王伟 shown as the former 平潭县 post holder: a post chain."""
    (docs / "b.txt").write_text(
        _bulletin(
            "镇原县",
            "十八",
            "2022年6月9日",
            "任命王伟（原平潭县人民政府副县长）为镇原县人民政府副县长。",
        ),
        encoding="utf-8",
    )


def test_resolve_namesakes_of_two_provinces_stay_two_unless_a_post_chain_joins(
    tmp_path: Path,
):
    docs = _namesakes(tmp_path / "in")
    apart = build([docs], tmp_path / "apart", views=False)
    assert apart.merged_people == 0
    assert career(open_store(tmp_path / "apart" / "store"), "王伟").ambiguous

    _join_namesakes(docs)
    joined = build([docs], tmp_path / "joined", views=False)
    assert joined.merged_people == 1
    found = career(open_store(tmp_path / "joined" / "store"), "王伟")
    assert not found.ambiguous
    events = [(r["date"], r["event"], r["post"]) for r in found.timeline.rows]
    assert events[0] == ("2021-03-05", "appoint", "平潭县人民政府副县长")
    assert ("2022-06-09", "appoint", "镇原县人民政府副县长") in events


def test_resolve_cli_person_lists_namesakes_then_one_career(corpus_build: Path):
    result = CliRunner().invoke(main, ["person", str(corpus_build), "王景耀"])
    assert result.exit_code == 0, result.output
    assert "长春市绿园区人民政府副区长" in result.output
    missing = CliRunner().invoke(main, ["person", str(corpus_build), "无此人"])
    assert missing.exit_code == 2 and missing.output.count("\n") == 1


def test_resolve_law_nodes_unify_short_forms_and_link_drafts(tmp_path: Path):
    doc = tmp_path / "laws.txt"
    doc.write_text(
        "青湖区人大常委会依据《宪法》和《中华人民共和国宪法》开展工作。"
        "会议审议了《青湖区河道管理条例（草案）》，决定依照《青湖区河道管理条例》执行。\n",
        encoding="utf-8",
    )
    build([doc], tmp_path / "out", views=False)
    store = open_store(tmp_path / "out" / "store")
    laws = select(store, "SELECT DISTINCT ?law { GRAPH ?g { ?law a gb:Law } }")
    constitution = [r for r in laws if r["law"].endswith("/宪法")]
    assert len(constitution) == 1
    drafts = select(
        store,
        "SELECT ?draft ?law { GRAPH ?g { ?d gb:draftOf ?l . "
        "?d schema:name ?draft . ?l schema:name ?law } }",
    )
    assert drafts == [
        {"draft": "青湖区河道管理条例（草案）", "law": "青湖区河道管理条例"}
    ]


def test_resolve_towns_and_street_offices_hang_under_their_district(store):
    rows = select(
        store,
        "SELECT DISTINCT ?town { GRAPH ?g { ?t schema:containedInPlace ?d ; "
        '     schema:name ?town . ?d schema:name "绿园区" } }',
    )
    towns = {r["town"] for r in rows}
    assert {"西新镇", "铁西街道"} <= towns
    assert all(t.endswith(("镇", "乡", "街道")) for t in towns)


def test_resolve_a_rebuild_gives_the_graph_of_a_fresh_build(
    tmp_path: Path, monkeypatch
):
    from gongbao.graph import incremental

    monkeypatch.setattr(incremental, "_MAX_CHANGED", 1.0)  # a partial reload allowed
    docs = _namesakes(tmp_path / "in")
    assert build([docs], tmp_path / "out", views=False).merged_people == 0
    # A new document joins the two: the unchanged b.txt's graph changes too.
    (docs / "c.txt").write_text(
        _bulletin(
            "镇原县",
            "十八",
            "2022年9月1日",
            "任命王伟（原平潭县人民政府副县长）为镇原县人民政府县长。",
        ),
        encoding="utf-8",
    )
    from gongbao.graph import build as build_module

    def no_bulk_load(*args):
        raise AssertionError("the whole store was loaded again")

    with monkeypatch.context() as patched:  # only the changed graphs are replaced
        patched.setattr(build_module, "_load_store", no_bulk_load)
        again = build([docs], tmp_path / "out", views=False)
    fresh = build([docs], tmp_path / "fresh", views=False, cache=False)
    assert again.merged_people == fresh.merged_people == 1
    assert (again.quads, again.entities) == (fresh.quads, fresh.entities)
    query = (
        "SELECT ?s ?p ?o ?g { GRAPH ?g { ?s ?p ?o } "
        "FILTER(CONTAINS(STR(?g), '/id/graph/')) }"
    )

    def rows(out: Path) -> set[tuple]:
        found = run_query(open_store(out / "store"), query).rows
        return {tuple(r.values()) for r in found}

    assert rows(tmp_path / "out") == rows(tmp_path / "fresh")
    # graph.nq, written once with b.txt's merged keys, is the fresh build's.
    assert (tmp_path / "out" / "graph.nq").read_bytes() == (
        tmp_path / "fresh" / "graph.nq"
    ).read_bytes()


def test_resolve_people_kept_by_older_code_are_read_again(tmp_path: Path):
    import json

    from gongbao.graph.merge import merge_people

    docs = _namesakes(tmp_path / "in")
    _join_namesakes(docs)
    out = tmp_path / "out"
    assert build([docs], out, views=False).merged_people == 1
    cached = sorted((out / "cache").glob("*.json"))
    kept = [p for p in cached if "people" in json.loads(p.read_text("utf-8"))]
    assert len(kept) == 2  # one per document
    for path in kept:  # as a cache of older code left them
        counts = json.loads(path.read_text("utf-8"))
        del counts["people"], counts["resolution"]
        path.write_text(json.dumps(counts), encoding="utf-8")
    (docs / "c.txt").write_text(
        _bulletin("平潭县", "十七", "2021年4月2日", "任命李强为平潭县审计局局长。"),
        encoding="utf-8",
    )
    again = build([docs], out, views=False)
    assert again.merged_people == 1 and again.reused == 2
    fresh = tmp_path / "fresh"
    build([docs], fresh, views=False, cache=False)
    assert (out / "graph.nq").read_bytes() == (fresh / "graph.nq").read_bytes()
    people = [json.loads(p.read_text("utf-8")) for p in (out / "cache").glob("*.json")]
    assert sum("people" in counts for counts in people) == 3

    # The same pass over a written file (graph.nq of the unmerged documents)
    # gives the build's graph.
    unmerged = tmp_path / "unmerged.nq"
    keys = json.loads((out / "cache" / "outputs.json").read_text("utf-8"))["graphs"]
    unmerged.write_bytes(
        b"".join(
            (out / "cache" / f"{key}.nq").read_bytes()
            for graph_keys in keys.values()
            for key in graph_keys
        )
    )
    assert merge_people(unmerged).merged == 1
    assert unmerged.read_bytes() == (fresh / "graph.nq").read_bytes()


def test_resolve_flags_of_unchanged_jurisdictions_are_copied(
    tmp_path: Path, monkeypatch
):
    from gongbao.graph.merge import Resolution

    docs = tmp_path / "in"
    docs.mkdir()
    items = {
        "a.txt": (
            "平潭县",
            "十七",
            "任命车轺轶为平潭县审计局局长。任命车轲轶为平潭县统计局局长。",
        ),
        "b.txt": (
            "镇原县",
            "十八",
            "任命王建国为镇原县审计局局长。任命王建华为镇原县统计局局长。",
        ),
    }
    for name, (county, term, item) in items.items():
        text = _bulletin(county, term, "2021年3月5日", item)
        (docs / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert build([docs], out, views=False).possible_duplicates == 2
    (docs / "b.txt").write_text(
        _bulletin(
            "镇原县",
            "十八",
            "2021年3月5日",
            items["b.txt"][2] + "任命王建民为镇原县水利局局长。",
        ),
        encoding="utf-8",
    )
    drawn = []
    group_flags = Resolution.group_flags

    def spy(self, where, names):
        drawn.append(sorted(names))
        return group_flags(self, where, names)

    monkeypatch.setattr(Resolution, "group_flags", spy)
    again = build([docs], out, views=False)
    assert [names for names in drawn if "车轺轶" in names] == []  # copied
    assert any("王建民" in names for names in drawn)
    monkeypatch.undo()
    fresh = build([docs], tmp_path / "fresh", views=False, cache=False)
    assert again.possible_duplicates == fresh.possible_duplicates == 4
    assert (out / "graph.nq").read_bytes() == (
        tmp_path / "fresh" / "graph.nq"
    ).read_bytes()

    # graph.nq touched since it was written: its ranges are not trusted, every
    # group's flags are found again.
    os.utime(out / "graph.nq", ns=(1, 1))
    (docs / "c.txt").write_text(
        _bulletin("平潭县", "十七", "2021年4月2日", "任命李强为平潭县审计局局长。"),
        encoding="utf-8",
    )
    drawn.clear()
    monkeypatch.setattr(Resolution, "group_flags", spy)
    build([docs], out, views=False)
    assert any("车轺轶" in names for names in drawn)
