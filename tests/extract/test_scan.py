"""The fast scans find exactly what the slow scans find, on any text.

Each rule sped up with :mod:`gongbao.extract.scan` is checked against the plain
``pattern.finditer`` (or regex alternation) it replaces, on text drawn from
bulletin fragments and any Unicode.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongbao.extract import context, counts, dates, meetings, regions
from gongbao.extract.scan import (
    Words,
    clauses_holding,
    finditer_within,
    stretches_ending,
    widest,
)

FRAGMENTS = [
    "会议由区人大常委会主任林静文主持",
    "副主任甲、乙分别主持了第一、二次全体会议",
    "主任张三主持会议",
    "主持",
    "，",
    "。",
    "；",
    "2020年4月29日",
    "二〇一八年五月三十日",
    "4 月 16 日",
    "12月",
    "应到委员29人，实到27人",
    "共21人出席",
    "出席会议的常委会组成人员共 29 名",
    "缺席2人",
    "青湖区",
    "河东省青湖市",
    "北京市海淀区",
    "明川市青湖区第九届人民代表大会常务委员会",
    "人民政府",
    "人大常委会",
    "人民代表大会",
    "十八届",
    "自治县",
    "第十八届人大常委会第二十五次会议",
    "届",
    "会议",
    "次全体会议",
    "\n",
    " ",
]
TEXT = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=40
).map("".join)


def _runs(pattern):
    return lambda text: (run.span() for run in pattern.finditer(text))


# Each rule sped up, and where it is now searched.
NARROWED = {
    "dates in runs of numerals holding 月": (
        dates.DATE_PATTERN,
        _runs(dates._DATE_RUNS),
    ),
    "chairs in clauses holding 主持": (
        meetings._CHAIR,
        lambda text: clauses_holding(text, "主持", stops=meetings._CHAIR_STOPS),
    ),
    "roster counts in runs holding 人 or 名": (
        counts._COUNT,
        _runs(counts._COUNT_RUNS),
    ),
    "meetings in stretches ending at 会议": (
        meetings._MEETING,
        lambda text: stretches_ending(text, ["会议"], reach=meetings._MEETING_REACH),
    ),
    "regions in stretches ending at a body word": (
        context._REGION_BODY,
        lambda text: stretches_ending(
            text, context._BODY_WORDS, reach=context._BODY_REACH
        ),
    ),
}


@pytest.mark.parametrize("rule", NARROWED)
@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_a_narrowed_scan_finds_what_the_whole_scan_finds(rule, text):
    pattern, spans = NARROWED[rule]
    narrowed = finditer_within(pattern, text, spans(text))
    assert [m.span() for m in narrowed] == [m.span() for m in pattern.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_division_names_are_found_as_the_longest_first_alternation_finds_them(text):
    named = regions._named()
    alternation = re.compile("|".join(map(re.escape, named.words)))
    assert regions.divisions_named_in(text) == [
        (m[0], m.start()) for m in alternation.finditer(text)
    ]


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_every_meeting_named_holds_the_word_a_text_is_checked_for_first(text):
    for match in meetings._MEETING.finditer(text):
        assert meetings._TERM_WORD in match[0]


def test_clauses_are_maximal_and_hold_the_word():
    text = "甲；会议由乙主持，丙。主持丁"
    spans = list(clauses_holding(text, "主持", stops="，。；"))
    assert [text[a:b] for a, b in spans] == ["会议由乙主持", "主持丁"]


def test_stretches_reach_back_from_every_word_and_merge():
    text = "甲乙人民代表大会常务委员会丙丁戊己庚辛壬人民政府"
    spans = stretches_ending(
        text, ["人民代表大会", "人民代表大会常务委员会", "人民政府"], reach=3
    )
    # 人民代表大会 inside the longer word still ends a stretch; the two merge.
    assert spans == [(0, 13), (17, 24)]


def test_the_reach_is_the_longest_match_of_the_part_before_the_word():
    # three units of a six-character name and 自治区, then 第, three numerals, 届
    assert context._BODY_REACH == 3 * (6 + len("自治区")) + 1 + 3 + 1
    assert widest(r"[市区]{2}") == 2
    with pytest.raises(ValueError, match="no longest match"):
        widest(r"[市区]+")


def test_words_prefer_the_longest_at_the_leftmost_place():
    words = Words(["河东省", "河东省青湖市", "青湖市", "湖市"])
    assert words.find("河东省青湖市青湖市") == [
        ("河东省青湖市", 0, 6),
        ("青湖市", 6, 9),
    ]
