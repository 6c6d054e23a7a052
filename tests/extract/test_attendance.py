"""Rule tests for extract.attendance on fictional snippets."""

from gongbao.extract.attendance import find_attendance
from gongbao.extract.context import DocContext

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
    "缺席:\n赵 五\n"
)


def test_absent_padded_name_closed_up():
    found = find_attendance(TEXT, CTX)
    absent = [a for a in found if a.status == "absent"]
    assert [a.person for a in absent] == ["赵五"]
    assert absent[0].meeting == "明川市青湖区人民代表大会常务委员会|5|12"
    assert TEXT[absent[0].start : absent[0].end] == "赵 五"


def test_news_style_prose_attendance_with_posts_carried_over():
    from gongbao.extract.attendance import find_attendance
    from gongbao.extract.context import DocContext

    ctx = DocContext(
        "n.txt", region="明川市", region_short="明川市", level="city", year=2024
    )
    text = (
        "3月26日，明川市九届人大常委会第十次会议召开。市人大常委会主任苗振东主持会议，"
        "副主任娄建华、蔺晓光和委员共22人出席会议。副市长滕志远、市法院院长郏明哲列席会议。"
    )
    found = [(a.person, a.status, a.role, a.listed) for a in find_attendance(text, ctx)]
    assert found == [
        ("苗振东", "present", "市人大常委会主任", False),  # who presides attends
        ("娄建华", "present", "副主任", False),
        ("蔺晓光", "present", "副主任", False),
        ("滕志远", "nonvoting", "副市长", False),
        ("郏明哲", "nonvoting", "市法院院长", False),
    ]
    for a in find_attendance(text, ctx):
        assert text[a.start : a.end] == a.person
