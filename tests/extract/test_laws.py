import pytest

from gongbao.extract.laws import find_citations
from gongbao.extract.lawtitles import law_kind, strip_marks


def laws(text: str) -> list[str]:
    return [c.law for c in find_citations(text)]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("中华人民共和国青湖保护法", "法"),
        ("宪法", "法"),
        ("明川市物业管理条例（草案）", "条例"),
        ("明川市养犬管理办法（试行）", "办法"),
        ("河东省实施〈中华人民共和国水法〉办法", "办法"),
        ("明川市人民代表大会常务委员会议事规则", "规则"),
        ("关于加强青湖保护的若干规定", "规定"),
        ("河东省城乡规划条例实施细则", "细则"),
        ("中华人民共和国民法典", "法典"),
        ("中华人民共和国预算法", "法"),
        ("孙子兵法", ""),  # a book
        ("工作方法", ""),
        ("明川市节水行动实施方案", ""),
        ("关于加强青湖保护的决定", ""),
        ("关于青湖区河道治理情况的报告", ""),
        ("医养结合服务指南（试行）", ""),
        ("流浪地球", ""),  # a film
        ("明川市慈善基金会章程", ""),  # a charter, not legislation
    ],
)
def test_laws_kind_is_the_last_word_of_legislation(title, kind):
    assert law_kind(title) == kind


def test_laws_strip_marks_sets_aside_drafts_and_trials():
    assert strip_marks("明川市养犬管理办法（试行）（草案）") == "明川市养犬管理办法"
    assert strip_marks("明川市养犬管理办法(修订草案)") == "明川市养犬管理办法"


def test_laws_notices_plans_books_and_films_are_not_laws():
    text = (
        "印发《明川市节水行动实施方案》和《关于做好防汛工作的通知》，"
        "组织观看《流浪地球》，学习《习近平谈治国理政》，依据《河东省水资源条例》。"
    )
    assert laws(text) == ["河东省水资源条例"]


def test_laws_nested_titles_are_cited_both_outer_and_inner():
    text = "《河东省实施〈中华人民共和国水法〉办法》"
    assert laws(text) == ["河东省实施〈中华人民共和国水法〉办法", "中华人民共和国水法"]


def test_laws_inside_a_report_title_only_the_law_counts():
    text = "《青湖区人大常委会关于检查〈明川市河道管理条例〉实施情况的报告》"
    assert laws(text) == ["明川市河道管理条例"]


def test_laws_alias_resolves_to_the_full_title():
    text = (
        "为了解《中华人民共和国青湖保护法》（以下简称《青湖法》）的实施情况，"
        "对照《青湖法》逐条检查。"
    )
    assert set(laws(text)) == {"中华人民共和国青湖保护法"}


def test_laws_alias_declared_inside_a_nested_title():
    text = "《关于检查〈明川市河道管理条例〉(以下简称〈河道条例〉)实施情况的报告》，《河道条例》"
    assert set(laws(text)) == {"明川市河道管理条例"}


def test_laws_bare_back_reference_resolves_or_is_dropped():
    assert laws("《条例》规定，应当备案。") == []
    text = "贯彻《明川市物业管理条例》，宣传《条例》。"
    assert laws(text) == ["明川市物业管理条例", "明川市物业管理条例"]


def test_laws_short_title_resolves_to_the_full_one_cited_before():
    text = (
        "关于《明川市人民代表大会常务委员会监督工作办法（草案）》的说明。"
        "常委会起草了《监督工作办法（草案）》。"
    )
    assert set(laws(text)) == {"明川市人民代表大会常务委员会监督工作办法（草案）"}


def test_laws_resolution_carries_across_articles_of_an_issue():
    aliases: dict[str, str] = {}
    known: list[str] = []
    find_citations("《中华人民共和国青湖保护法》", aliases=aliases, known=known)
    assert laws_with("依照《青湖保护法》", aliases, known) == [
        "中华人民共和国青湖保护法"
    ]
    # A bare kind word never resolves across articles.
    assert laws_with("依照《法》", aliases, known) == []


def laws_with(text, aliases, known):
    return [c.law for c in find_citations(text, aliases=aliases, known=known)]


def test_laws_names_lose_spaces_and_line_breaks_and_spell_out_abbreviations():
    text = "审议《明川市人大常委会监督司法\n工作办法（试行）》"
    assert laws(text) == ["明川市人民代表大会常务委员会监督司法工作办法（试行）"]


def test_laws_doubled_kind_word_is_cut_at_the_first():
    assert laws("自《明川市供水管理条例供水条例》实施以来") == ["明川市供水管理条例"]


def test_laws_unclosed_mark_does_not_swallow_the_text():
    text = "依据《明川市河道管理条例，加强管理。又依据《河东省水资源条例》。"
    assert laws(text) == ["河东省水资源条例"]


def test_laws_offsets_point_at_the_title_marks():
    text = "依据《河东省水资源条例》。"
    (cite,) = find_citations(text)
    assert text[cite.start : cite.end] == "《河东省水资源条例》"
    assert cite.kind == "条例"


def test_laws_pipeline_records_quote_their_source():
    from gongbao.extract.pipeline import extract_document
    from gongbao.extract.records import SourceDocument

    text = "会议审议了《明川市物业管理条例（草案）》。"
    facts = extract_document(SourceDocument("x.txt", "x.txt", text, "utf-8", ""))
    assert [law.law for law in facts.laws] == ["明川市物业管理条例（草案）"]
    ev = facts.laws[0].evidence
    assert text[ev.start : ev.end] == ev.quote == "《明川市物业管理条例（草案）》"


def test_laws_real_bulletins_match_the_gold(corpus_facts, gold_dir):
    from gongbao.graph.evaluate import load_gold, rows_from_facts, score_rows

    scores = score_rows(
        load_gold(gold_dir), rows_from_facts(corpus_facts.values()), families=["laws"]
    )
    assert scores["laws"].f1 >= 0.95, scores["laws"].misses + scores["laws"].extras


def test_laws_real_bulletin_drops_plans_and_notices(corpus_facts):
    names = {law.law for law in corpus_facts["004"].laws}
    assert names, "the provincial gazette cites laws"
    assert all(not n.endswith(("方案", "通知", "意见")) for n in names)
    for facts in corpus_facts.values():
        for law in facts.laws:
            assert facts.document.text[law.evidence.start : law.evidence.end] == (
                law.evidence.quote
            )
