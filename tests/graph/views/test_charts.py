"""The charts as SVG: well formed, every label and date tick drawn, text escaped."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

import pytest

from gongbao.graph.views.charts import date_ticks, render, short_label
from gongbao.graph.views.style import OKABE_ITO, STATUS

from .rows_fixture import EVIL

_SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ElementTree.Element:
    assert svg.startswith("<?xml")
    root = ElementTree.fromstring(svg.encode("utf-8"))
    assert root.tag == f"{_SVG}svg"
    assert not root.findall(f".//{_SVG}script") and not root.findall(f".//{_SVG}image")
    return root


def _texts(root) -> list[str]:
    """Each ``<text>``'s lines (tspans are lines of their text)."""
    return [t for el in root.iter(f"{_SVG}text") for t in el.itertext()]


def _ticks(root) -> list[str]:
    """The labels under the date axis: texts centred on a grid line."""
    return [t for t in _texts(root) if len(t) in (4, 7, 10) and t[:4].isdigit()]


_TIMELINE = {
    "posts": [
        {"post": "青湖区副区长", "start": "2021-03-02", "end": "2023-09-15"},
        {
            "post": "青湖区人大常委会委员",
            "start": None,
            "end": None,
            "seen": ["2022-05-08", "2023-01-11"],
        },
    ],
    "marks": [
        {"post": "青湖区副区长", "action": "appoint", "date": "2021-03-02"},
        {"post": "青湖区副区长", "action": "remove", "date": "2023-09-15"},
    ],
    "meetings": [
        {
            "date": "2022-05-08",
            "status": "present",
            "label": "青湖区第三届第十二次会议",
        },
        {"date": "2023-01-11", "status": "chair", "label": "青湖区第三届第十五次会议"},
        {"date": "2023-01-11", "status": "absent", "label": "青湖区第三届第十五次会议"},
    ],
}


def test_charts_timeline_draws_every_post_mark_meeting_and_date_tick():
    root = _parse(render("timeline", _TIMELINE))
    texts = _texts(root)
    for post in ("青湖区副区长", "青湖区人大常委会委员", "会议 meetings"):
        assert post in texts
    assert "任命 2021-03-02" in texts and "免去 2023-09-15" in texts
    assert texts.count("第十二次会议") == 1 and texts.count("第十五次会议") == 1
    low, high = date(2021, 3, 2), date(2023, 9, 15)
    expected = [label for d, label in date_ticks(low, high) if low <= d <= high]
    assert expected and set(expected) <= set(_ticks(root))
    shapes = {el.tag.removeprefix(_SVG) for el in root.iter()}
    assert {"rect", "polygon", "line", "circle"} <= shapes
    colours = {el.get("stroke") for el in root.iter(f"{_SVG}line")}
    assert OKABE_ITO["blue"] in colours  # the chaired meeting's tick
    assert STATUS["absent"]["color"] in colours


def test_charts_attendance_escapes_names_and_has_every_cell_and_legend():
    data = {
        "meetings": [
            {"label": "青湖区第三届第十二次会议", "date": "2024-05-08"},
            {"label": "青湖区第三届第十三次会议", "date": None},
        ],
        "members": [
            {"name": EVIL, "cells": ["absent", None]},
            {"name": "柏川", "cells": ["present", "leave"]},
        ],
    }
    svg = render("attendance", data)
    assert EVIL not in svg and "&lt;img src=x onerror=" in svg
    root = _parse(svg)
    texts = _texts(root)
    assert EVIL in texts and "柏川" in texts
    assert {"第十二次会议", "第十三次会议", "2024-05-08", "?"} <= set(texts)
    assert "0/1" in texts and "1/2" in texts  # attended / on the roster
    for s in STATUS.values():
        assert f"{s['zh']} {s['en']}" in texts
    fills = [el.get("fill") for el in root.iter(f"{_SVG}rect")]
    for status in ("absent", "present", "leave"):
        assert STATUS[status]["color"] in fills


def test_charts_meetings_labels_do_not_overlap():
    days = [f"2024-05-{d:02d}" for d in range(1, 29)]
    data = {
        "meetings": [{"label": f"第{i}次会议", "date": d} for i, d in enumerate(days)]
    }
    root = _parse(render("meetings", data))
    boxes = []
    for el in root.iter(f"{_SVG}text"):
        if el.get("class") == "small middle":
            lines = list(el.itertext())
            half = max(len(line) for line in lines) * 13 * 0.62 / 2
            x, y = float(el.get("x")), float(el.get("y"))
            boxes.append((x - half, x + half, y))
    assert len(boxes) >= 6
    for i, (a0, a1, ay) in enumerate(boxes):
        for b0, b1, by in boxes[i + 1 :]:
            assert ay != by or a1 <= b0 or b1 <= a0, (a0, a1, b0, b1, ay)
    assert len(list(root.iter(f"{_SVG}circle"))) == len(days)  # every meeting's dot


def test_charts_are_deterministic_and_code_free():
    assert render("timeline", _TIMELINE) == render("timeline", _TIMELINE)
    assert "<script" not in render("timeline", _TIMELINE)


@pytest.mark.parametrize(
    ("low", "high", "first", "step_days"),
    [
        (date(2024, 5, 1), date(2024, 5, 6), "2024-05-01", 1),
        (date(2024, 4, 10), date(2024, 6, 10), "2024-04-14", 7),
        (date(2024, 3, 10), date(2024, 6, 10), "2024-03-15", None),
        (date(2020, 4, 1), date(2021, 5, 30), "2020-05", None),
        (date(1999, 1, 2), date(2024, 1, 1), "2000", None),
    ],
)
def test_charts_date_ticks_are_round_and_few(low, high, first, step_days):
    ticks = date_ticks(low, high)
    assert 2 <= len(ticks) <= 9
    assert ticks[0][1] == first
    assert all(low <= d <= high for d, _ in ticks)
    assert [d for d, _ in ticks] == sorted(d for d, _ in ticks)
    if step_days:
        assert (ticks[1][0] - ticks[0][0]).days == step_days


def test_charts_short_label_keeps_the_session():
    assert (
        short_label("营口市第十六届人民代表大会常务委员会第三十五次会议")
        == "第三十五次会议"
    )
    assert short_label("青湖区政府常务会议") == "青湖区政府常务会议"[-8:]
