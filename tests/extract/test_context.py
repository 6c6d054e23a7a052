"""The issue's context: jurisdiction, its parents, kind, year."""

from gongbao.extract.context import read_context
from gongbao.extract.normalize import normalize
from gongbao.extract.records import SourceDocument


def _context(text: str, **meta):
    source = SourceDocument("x.txt", "x.txt", text, "utf-8", "", **meta)
    return read_context(normalize(text), source)


def test_region_is_the_most_named_jurisdiction_spelled_in_full():
    text = (
        "青湖区十七届人大常委会召开第十二次会议\n"
        "2023年6月28日，明川市青湖区第十七届人民代表大会常务委员会第十二次会议举行。"
        "会议由区人大常委会主任罗清源主持。明川市人大常委会副主任到会。\n"
    )
    ctx = _context(text)
    assert ctx.region == "明川市青湖区"
    assert ctx.parents == ("明川市",) and ctx.level == "district"
    assert ctx.kind == "congress-bulletin" and ctx.year == 2023
    assert ctx.publisher == "明川市青湖区人民代表大会常务委员会"


def test_gazette_of_a_province():
    text = (
        "河东省人民政府公报\n2023\n第 21 期\n河东省人民政府办公厅\n关于印发方案的通知\n"
    )
    ctx = _context(text + "河东省人民政府\n2023年10月9日\n")
    assert ctx.kind == "government-gazette"
    assert ctx.region == "河东省" and ctx.level == "province" and not ctx.parents
    assert ctx.title == "河东省人民政府公报"


def test_phrases_before_a_body_are_not_regions():
    ctx = _context("会议由区人大常委会副主任主持。明川市人民代表大会常务委员会公报\n")
    assert ctx.region == "明川市"


def test_real_bulletins(corpus_facts):
    regions = {key: f.region for key, f in corpus_facts.items()}
    assert regions["000"] == regions["001"] == "长春市绿园区"
    assert regions["003"] == "营口市" and regions["004"] == "吉林省"
    assert corpus_facts["004"].kind == "government-gazette"


def test_publication_date_from_a_dateline_or_the_file_name():
    dated = _context(
        "来源：青湖日报\n发布时间：2021/8/12 15:45:50\n8月12日，县人大常委会举行会议。"
    )
    assert dated.published == "2021-08-12" and dated.year == 2021
    source = SourceDocument(
        "news_2024_0927.txt", "a/news_2024_0927.txt", "9月27日，会议举行。", "utf-8", ""
    )
    from_name = read_context(normalize(source.text), source)
    assert (
        from_name.published == "2024-09-27"
        and from_name.clock.isoformat() == "2024-09-27"
    )
    assert _context("9月27日，会议举行。").published == ""
