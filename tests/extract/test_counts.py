"""Printed roster counts: 应到/实到/出席/缺席/请假 N人, each of the meeting before it."""

import pytest

from gongbao.extract.counts import find_counts
from gongbao.extract.io import read_document
from gongbao.extract.pipeline import extract_document


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("应到44人，实到40人。", [("expected", 44), ("present", 40)]),
        ("副主任甲、乙和委员共 29 人出席会议。", [("present", 29)]),
        (
            "常委会组成人员二十一人出席会议，缺席3人，请假2人。",
            [("present", 21), ("absent", 3), ("leave", 2)],
        ),
        ("出席会议的委员共计35名。", [("present", 35)]),
        ("会议由主任甲主持。", []),
    ],
)
def test_counts_printed_forms(text, expected):
    assert [(c.status, c.count) for c in find_counts(text)] == expected


def test_counts_belong_to_the_meeting_named_before_them(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text(
        "青湖区第五届人民代表大会常务委员会第十二次会议纪要\n"
        "2024年5月8日，区人大常委会主任王明远主持会议。应到27人，实到25人，请假2人。\n",
        encoding="utf-8",
    )
    facts = extract_document(read_document(path))
    found = {(c.status, c.count) for c in facts.counts}
    assert found == {("expected", 27), ("present", 25), ("leave", 2)}
    assert all(c.meeting.endswith("|5|12") for c in facts.counts)
    for c in facts.counts:
        assert (
            facts.document.text[c.evidence.start : c.evidence.end] == c.evidence.quote
        )
        assert str(c.count) in c.evidence.quote
