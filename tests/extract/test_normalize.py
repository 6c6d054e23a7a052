"""Tests for extract.normalize: repairs keep the offset map."""

from extract.normalize import normalize


def test_fullwidth_space_becomes_ascii_space():
    mapped = normalize("明川市\u3000青湖区")
    assert mapped.text == "明川市 青湖区"
    assert len(mapped.offsets) == len(mapped.text) + 1


def test_plain_text_unchanged():
    assert normalize("青湖区人民政府").text == "青湖区人民政府"
