"""Properties over arbitrary text: nothing escapes, every span stays in its text.

Text is drawn from any Unicode (control characters, zero-width marks, bidi
controls, astral planes) mixed with fragments of bulletin language, so the
extractors' patterns fire on it; lines can be long.
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongbao.extract.context import DocContext
from gongbao.extract.normalize import normalize
from gongbao.extract.pipeline import extract_document
from gongbao.extract.records import SourceDocument
from gongbao.extract.segment import segment

FRAGMENTS = [
    "第十八届人民代表大会常务委员会第二十五次会议",
    "于2020年4月29日召开。",
    "会议由区人大常委会主任林静文主持。",
    "出 席：",
    "缺 席：",
    "列 席：",
    "高 远 韩秋实 蒋明月\n",
    "任命张远山为区人民政府副区长。",
    "免去李青的区财政局局长职务。",
    "《河东省河湖长制条例》",
    "关于诉源治理工作情况的报告\n",
    "——2023年6月28日在区十七届人大常委会第十二次会议上\n",
    "区人民政府副区长 温海宁\n",
    "- 2 -\n",
    "\u200b",
    "\ufeff",
    "\u202e",
    "\x00\x07\x1b",
    "\r\n",
    "\u3000",
    "會議(huì yì)",
    "𠀀𪚥",
]

_TEXT = st.lists(
    st.one_of(st.text(max_size=20), st.sampled_from(FRAGMENTS)), max_size=40
).map("".join)
_LONG_LINE = st.lists(st.sampled_from(FRAGMENTS), min_size=200, max_size=600).map(
    lambda parts: "".join(parts).replace("\n", "")
)

_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@_SETTINGS
@given(st.one_of(_TEXT, _LONG_LINE))
def test_properties_normalize_maps_every_character_inside_the_source(text):
    mapped = normalize(text)
    assert len(mapped.offsets) == len(mapped.text) + 1
    for i in range(len(mapped.text)):
        start, end = mapped.source_span(i, i + 1)
        assert 0 <= start <= end <= len(text)


@_SETTINGS
@given(st.one_of(_TEXT, _LONG_LINE))
def test_properties_segment_covers_the_text_in_order(text):
    text = normalize(text).text
    pieces = segment(text, DocContext("a.txt"))
    assert pieces[0].start == 0 and pieces[-1].end == len(text)
    for before, after in zip(pieces, pieces[1:], strict=False):
        assert before.end == after.start


def _evidence(facts):
    for family in (
        facts.meetings,
        facts.attendance,
        facts.reports,
        facts.appointments,
        facts.laws,
        facts.reviews,
        facts.mentions,
    ):
        for fact in family:
            evidence = getattr(fact, "evidence", None)
            if evidence is not None:
                yield evidence


@_SETTINGS
@given(st.one_of(_TEXT, _LONG_LINE))
def test_properties_extract_keeps_every_span_inside_its_text(text):
    facts = extract_document(SourceDocument("a.txt", "a.txt", text, "utf-8", ""))
    for evidence in _evidence(facts):
        assert 0 <= evidence.start <= evidence.end <= len(text)
        assert text[evidence.start : evidence.end] == evidence.quote


def _seconds(chars: int) -> float:
    line = "".join(FRAGMENTS[:14]).replace("\n", "")
    text = (line * (chars // len(line) + 1))[:chars]
    source = SourceDocument("a.txt", "a.txt", text, "utf-8", "")
    started = time.perf_counter()
    extract_document(source)
    return time.perf_counter() - started


def test_properties_long_line_extracts_in_linear_time():
    # Four times the text may take about four times as long; a quadratic step
    # would take sixteen. The bound is generous for a shared machine; the
    # 1 to 10 million character measurement is in tests/benchmarks.
    _seconds(10_000)  # warm the pipeline
    small, large = _seconds(100_000), _seconds(400_000)
    assert large / small < 9, (small, large)
