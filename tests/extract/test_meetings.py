"""Rule tests for extract.meetings on fictional snippets."""

from gongbao.extract import meetings
from gongbao.extract.context import DocContext
from gongbao.extract.doc import ARTICLES, make_doc
from gongbao.extract.meetings import (
    find_meetings,
    meeting_before,
    meeting_from_name,
    mentions_in,
    merge_meetings,
)
from gongbao.extract.normalize import normalize
from gongbao.extract.pipeline import get_nlp
from gongbao.extract.records import SourceDocument

CTX = DocContext(
    source="x.txt",
    region="明川市青湖区",
    region_short="青湖区",
    parents=("明川市",),
    level="district",
    year=2021,
)
TEXT = (
    "青湖区第五届人民代表大会常务委员会第十二次会议\n\n"
    "会议由区人大常委会主任王明远主持。\n"
)


def test_meeting_from_byline():
    key, label, body, term, session = meeting_from_name(
        "在区五届人大常委会第十二次会议上", CTX
    )
    assert key == "明川市青湖区人民代表大会常务委员会|5|12"
    assert (term, session) == (5, 12)
    assert body == "明川市青湖区人民代表大会常务委员会"
    assert label.endswith("第十二次会议")


def test_meeting_from_name_none():
    assert meeting_from_name("没有会议名称的句子", CTX) is None


def test_find_meetings_chair_and_evidence():
    meetings = find_meetings(TEXT, CTX)
    assert len(meetings) == 1
    meeting = meetings[0]
    assert meeting.chair == "王明远"
    assert (
        TEXT[meeting.start : meeting.end]
        == "青湖区第五届人民代表大会常务委员会第十二次会议"
    )
    chair = meeting.chair_evidence
    assert TEXT[chair.start : chair.end].endswith("王明远主持")


def test_merge_meetings_same_key():
    meetings = find_meetings(TEXT, CTX)
    assert len(merge_meetings(meetings + meetings)) == 1


def test_news_style_chair_and_opening():
    from gongbao.extract.context import DocContext
    from gongbao.extract.meetings import find_meetings

    ctx = DocContext(
        "n.txt",
        region="明川市",
        region_short="明川市",
        level="city",
        year=2024,
    )
    text = (
        "3月26日，明川市九届人大常委会第十次会议召开。市人大常委会主任苗振东主持会议。"
    )
    meetings = find_meetings(text, ctx)
    assert [(m.key, m.date, m.chair) for m in meetings] == [
        ("明川市人民代表大会常务委员会|9|10", "2024-03-26", "苗振东")
    ]


def test_region_before_a_meeting_is_a_division_not_the_line_above():
    ctx = DocContext("n.txt", year=2021)
    found = meeting_from_name("青湖客户端\n县五届人大常委会召开第十二次会议", ctx)
    assert found is not None
    key, _, body, _, _ = found
    assert "客户端" not in body and key.endswith("|5|12")
    real = meeting_from_name("平潭县五届人大常委会第十二次会议", ctx)
    assert real[2].startswith("平潭县")


def test_several_chairs_each_of_a_part_of_the_meeting():
    text = (
        "青湖区第五届人民代表大会常务委员会第十二次会议12日结束。\n"
        "区人大常委会主任王明远出席会议；副主任李春华、赵立新分别主持了第一、二次全体会议。\n"
    )
    meeting = find_meetings(text, CTX)[0]
    assert (meeting.chair, meeting.co_chairs) == ("李春华", ("赵立新",))
    quote = text[meeting.chair_evidence.start : meeting.chair_evidence.end]
    assert "李春华" in quote and "赵立新" in quote


def test_meetings_named_are_read_back_as_the_span_group_holds_them():
    text = (
        TEXT
        + "\n青湖区人民代表大会常务委员会关于任命的决定\n\n"
        + "（2021年5月8日青湖区第五届人民代表大会常务委员会第十三次会议通过）\n"
        + "任命李青为青湖区财政局局长。\n"
    )
    nlp = get_nlp()
    source = SourceDocument("a.txt", "a.txt", text, "utf-8", "")
    doc = make_doc(nlp, normalize(text), source=source, context=CTX)
    for name in ("gongbao_segment", "gongbao_meetings"):
        doc = nlp.get_pipe(name)(doc)
    articles = [(a.start_char, a.end_char) for a in doc.spans[ARTICLES]]
    offsets = range(len(doc.text) + 1)
    indexed = [mentions_in(doc, lo, hi) for lo, hi in articles]
    before = [meeting_before(doc, offset) for offset in offsets]
    del doc.user_data[meetings._NAMED]  # read from the span group itself
    assert indexed == [mentions_in(doc, lo, hi) for lo, hi in articles]
    assert before == [meeting_before(doc, offset) for offset in offsets]
    assert [m.session for found in indexed for m in found] == [12, 13]
