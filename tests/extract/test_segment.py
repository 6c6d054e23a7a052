"""Tests for extract.segment: conservative article splitting."""

from gongbao.extract.context import DocContext
from gongbao.extract.normalize import normalize
from gongbao.extract.segment import segment


def test_whole_issue_is_covered():
    text = "青湖区公报\n出席:\n赵 五\n"
    pieces = segment(
        normalize(text).text, DocContext(source="x.txt", title="青湖区公报")
    )
    assert pieces
    assert pieces[0].start == 0
    assert pieces[-1].end == len(text)


def test_articles_open_at_titles_with_their_issuer_and_broken_title_lines():
    text = (
        "明川市人大常委会公报\n目录\n\n"
        "青湖区第十七届人大常委会第十二次会议\n出席情况\n出 席：\n邬 岚 覃文博\n\n"
        "青湖区人民政府\n关于 2023 年度国有资产\n管理情况的专项报告\n"
        "——2023年6月28日在区十七届人大常委会第十二次会议上\n（书面）\n正文。\n\n"
        "明川市人民代表大会常务委员会任免名单\n任命：苑志诚为副市长。\n"
    )
    context = DocContext(source="x.txt", title="明川市人大常委会公报")
    pieces = segment(normalize(text).text, context)
    assert [p.kind for p in pieces] == ["front", "minutes", "report", "appointments"]
    report = pieces[2]
    assert text[report.start :].startswith("青湖区人民政府\n关于 2023 年度")
    attendance = pieces[1]
    assert "出 席" in text[attendance.start : attendance.end]
    assert [p.end for p in pieces[:-1]] == [p.start for p in pieces[1:]]


def test_table_of_contents_lines_and_list_rows_are_not_titles():
    text = "目录\n关于河道管理工作情况的报告……12\n列 席：\n贺兰舟 区人民法院院长\n"
    pieces = segment(normalize(text).text, DocContext(source="x.txt"))
    assert len(pieces) == 1


def test_real_bulletins_split_into_articles_of_known_kinds(corpus_facts):
    kinds = {key: [a.kind for a in f.articles] for key, f in corpus_facts.items()}
    assert kinds["000"].count("report") >= 6
    assert {"minutes", "attendance", "agenda", "appointments"} <= set(kinds["003"])
    for facts in corpus_facts.values():
        spans = [(a.evidence.start, a.evidence.end) for a in facts.articles]
        assert spans[0][0] == 0 and spans[-1][1] == len(facts.document.text)
