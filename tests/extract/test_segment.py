"""Tests for extract.segment: conservative article splitting."""

from extract.context import DocContext
from extract.normalize import normalize
from extract.segment import segment


def test_whole_issue_is_covered():
    text = "青湖区公报\n出席:\n赵 五\n"
    pieces = segment(normalize(text), DocContext(source="x.txt", title="青湖区公报"))
    assert pieces
    assert pieces[0].start == 0
    assert pieces[-1].end == len(text)
