"""Tests for extract.decoding: the text checks count what they say they count."""

from hypothesis import given
from hypothesis import strategies as st

from gongbao.extract.decoding import _CONTROL, _CONTROLS, _SPACE, cjk_share


def test_decoding_space_pattern_is_isspace_for_every_bmp_character():
    for code in range(0x10000):
        char = chr(code)
        assert bool(_SPACE.fullmatch(char)) == char.isspace(), hex(code)


@given(
    st.text(
        alphabet=st.characters(max_codepoint=0xA000, blacklist_categories=()),
        max_size=300,
    )
)
def test_decoding_counts_match_the_rule_per_character(text):
    letters = [ch for ch in text if not ch.isspace()]
    expected = (
        sum(1 for ch in letters if "\u3400" <= ch <= "\u9fff") / len(letters)
        if letters
        else 0.0
    )
    assert cjk_share(text) == expected
    controls = sum(1 for ch in text if ord(ch) in _CONTROL)
    assert len(_CONTROLS.findall(text)) == controls
