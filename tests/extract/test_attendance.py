"""Rule tests for extract.attendance on fictional snippets."""

from extract.attendance import find_attendance
from extract.context import DocContext

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
    ev = absent[0].evidence
    assert TEXT[ev.start : ev.end] == ev.quote
