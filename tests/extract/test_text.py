"""Tests for extract.text: the sparse offset map equals the one-per-character map."""

import re

from hypothesis import given
from hypothesis import strategies as st

from gongbao.extract.text import MappedText

PATTERNS = [re.compile(p) for p in (" +", "\n", "[会议]", "(?<=会) ", "x*", "明川")]
REPLACEMENTS = ["", "。", "\n\n", "议会", r"\g<0>。"]
TEXT = st.text(alphabet=st.sampled_from(list("明川会议 \nx。")), max_size=60)


def _dense_sub(text, offsets, pattern, repl):
    """``sub`` spelled out with one offset per character (the rule)."""
    pieces, offs, pos = [], [], 0
    for m in pattern.finditer(text):
        start, end = m.span()
        pieces.append(text[pos:start])
        offs += offsets[pos:start]
        new = m.expand(repl)
        if len(new) == end - start:
            offs += offsets[start:end]
        else:
            cursor = start
            for char in new:
                found = text.find(char, cursor, end)
                offs.append(offsets[start] if found == -1 else offsets[found])
                cursor = found + 1 if found != -1 else cursor
        pieces.append(new)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces), offs + offsets[pos:]


@given(
    TEXT,
    st.lists(
        st.tuples(st.sampled_from(PATTERNS), st.sampled_from(REPLACEMENTS)),
        max_size=4,
    ),
)
def test_text_sub_keeps_the_map_of_the_dense_rule(text, steps):
    mapped = MappedText.identity(text)
    dense_text, dense = text, list(range(len(text) + 1))
    for pattern, repl in steps:
        mapped = mapped.sub(pattern, repl)
        dense_text, dense = _dense_sub(dense_text, dense, pattern, repl)
    assert mapped.text == dense_text
    assert list(mapped.offsets) == dense
    assert [mapped.offset(i) for i in range(len(dense))] == dense
    # The sparse map is the fewest breakpoints, whichever way sub() went.
    assert mapped == MappedText.from_offsets(dense_text, dense)


@given(TEXT, st.integers(0, 60), st.integers(0, 60), st.integers(0, 60))
def test_text_blank_and_slice_keep_the_map(text, a, b, c):
    mapped = MappedText.identity(text).sub(re.compile(" "), "")
    lo, hi = sorted((min(a, len(mapped)), min(b, len(mapped))))
    blanked = mapped.blank([(lo, hi)], fill="||")
    dense = list(mapped.offsets)
    if lo < hi:
        expected = dense[:lo] + [dense[lo]] * 2 + dense[hi:]
    else:
        expected = dense
    assert list(blanked.offsets) == expected
    cut = min(c, len(blanked))
    piece = blanked.slice(0, cut)
    assert list(piece.offsets) == list(blanked.offsets[:cut]) + [blanked.offset(cut)]


def test_text_map_is_sparse_for_a_long_text():
    text = "明川市青湖区会议 举行。\n" * 10_000
    mapped = MappedText.identity(text).sub(re.compile("\n"), "")
    assert len(mapped.starts) <= 10_001
    assert mapped.source_span(0, 12) == (0, 12)
    assert mapped.source_span(12, 13) == (13, 14)  # the line break is gone
