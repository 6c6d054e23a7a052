from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongbao.extract.dates import complete, find_dates
from gongbao.extract.numerals import to_int


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2020年4月29日", "2020-04-29"),
        ("2020 年 4 月 29 日上午", "2020-04-29"),
        ("二〇一八年五月三十日", "2018-05-30"),
        ("二○二三年十二月三十一日", "2023-12-31"),  # OCR prints ○ for 〇
        ("（2018年5月30日省十三届人大常委会第三次会议通过）", "2018-05-30"),
        ("２０２１年７月２９日", None),  # full-width digits are normalised upstream
    ],
)
def test_dates_find_iso(text, iso):
    found = [d.iso for d in find_dates(text) if d.year]
    assert found[:1] == ([iso] if iso else [])


def test_dates_without_year_take_the_issue_year():
    (found,) = find_dates("4 月 16 日，青湖区人大常委会举行会议")
    assert found.year is None and found.iso is None
    assert complete(found, 2021).iso == "2021-04-16"
    assert complete(found, None).iso is None


def test_dates_reject_impossible_days():
    assert find_dates("2021年2月30日") == []


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)))
def test_dates_round_trip_any_calendar_date(day):
    text = f"于{day.year}年{day.month}月{day.day}日举行"
    (found,) = find_dates(text)
    assert found.iso == day.isoformat()
    assert text[found.start : found.end] == f"{day.year}年{day.month}月{day.day}日"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十八", 18),
        ("二十五", 25),
        ("三十六", 36),
        ("十三", 13),
        ("一百零二", 102),
        ("25", 25),
        ("二〇一八", 2018),
        ("两", 2),
        ("人大", None),
        ("", None),
    ],
)
def test_numerals_to_int(text, value):
    assert to_int(text) == value
