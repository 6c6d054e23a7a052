"""Tests for extract.normalize: repairs keep the offset map."""

from gongbao.extract.normalize import normalize


def test_fullwidth_space_becomes_ascii_space():
    mapped = normalize("明川市\u3000青湖区")
    assert mapped.text == "明川市 青湖区"
    assert len(mapped.offsets) == len(mapped.text) + 1


def test_plain_text_unchanged():
    assert normalize("青湖区人民政府").text == "青湖区人民政府"


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PARAGRAPH = "明川市青湖区人民代表大会常务委员会第三次会议在区人大常委会会议室举行"


def test_joins_lines_broken_inside_a_paragraph():
    text = f"{PARAGRAPH[:24]}\n\n{PARAGRAPH[24:]}。\n"
    assert normalize(text).text == f"{PARAGRAPH}。\n"


def test_keeps_list_rows_titles_and_bylines_on_their_lines():
    rows = "王丽秀 付彩霞 杜玉凤 侯 伟 杨自山\n马玉忠 马桂艳 王 柳 王东林 王英杰\n"
    title = "明川市青湖区人民政府关于河道管理条例执行情况的报告\n——2023年6月28日在区十七届人大常委会第十二次会议上\n"
    for text in (rows, title, f"{PARAGRAPH}\n出席：\n"):
        out = normalize(text + PARAGRAPH[:20] + "。\n").text
        assert out.count("\n") == (text + "x\n").count("\n"), out


def test_drops_page_numbers_and_repeated_running_heads():
    page = f"{PARAGRAPH}。\n"
    text = "明川市人大常委会公报\n" + page + "- 2 -\n明川市人大常委会公报\n" + page
    text += "— 3 —\n明川市人大常委会公报\n" + page + "17\n"
    out = normalize(text).text
    assert out.count("明川市人大常委会公报") == 1
    assert "- 2 -" not in out and "— 3 —" not in out and "17" not in out
    assert out.count(PARAGRAPH) == 3


def test_removes_bold_markers_and_fullwidth_spaces():
    assert normalize("**明川市\u3000人大常委会**").text == "明川市 人大常委会"


@given(
    st.text(
        alphabet=st.sampled_from(list("明川市青湖区会议举行。，\n 　\t-12*《》")),
        max_size=300,
    )
)
def test_every_character_maps_back_to_itself(text):
    mapped = normalize(text)
    assert len(mapped.offsets) == len(mapped.text) + 1
    for i, char in enumerate(mapped.text):
        source = text[mapped.offsets[i]]
        assert char == source or (char == " " and source == "\u3000")


def test_table_of_contents_lines_are_not_joined():
    text = f"1. {PARAGRAPH}纪要····· 1\n明川市第九届人民代表大会常务委员会\n"
    assert normalize(text).text == text


def test_normalize_keeps_a_meeting_time_line_and_blanks_furniture_and_related():
    text = (
        "时间：2024年5月8日上午9时\n责任编辑：某某\n会议举行。\n"
        "相关报道\n青湖区人大常委会召开第九次会议\n"
    )
    out = normalize(text).text
    assert "2024年5月8日上午9时" in out and "会议举行" in out
    assert "责任编辑" not in out and "第九次会议" not in out
