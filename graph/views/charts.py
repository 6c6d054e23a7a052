"""Static SVG charts from a page's chart data, written through a template (offline).

A person's career timeline (posts held as bars, appointments and removals as
marks, meetings attended as ticks), a body's meetings over time, and a body's
attendance heatmap (members x meetings, coloured by status). Each chart is laid
out here as plain shapes (rectangles, lines, marks and text in pixels, sizes
estimated from the characters as the network's boxes are) and written by the
Jinja template ``templates/chart.svg`` with autoescaping on, so document text is
always SVG text, never markup. The browser draws the text in the page's CJK
font; the colours are the views' Okabe-Ito palette (:mod:`graph.views.style`).
Charts are files beside the pages, shown with ``<img>``.

Every step is linear in the chart's data: no figure, no measuring pass.

>>> svg = render("timeline", {"posts": [{"post": "青湖区副区长",
...     "start": "2024-05-08", "end": None}], "marks": [{"post": "青湖区副区长",
...     "action": "appoint", "date": "2024-05-08"}], "meetings": []})
>>> svg.startswith("<?xml") and "青湖区副区长" in svg and "任命 2024-05-08" in svg
True
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .layout import text_width
from .style import EDGES, OKABE_ITO, STATUS

__all__ = ["CHARTS", "TEMPLATE", "date_ticks", "render", "short_label"]

#: The SVG template every chart is written through.
TEMPLATE = Path(__file__).resolve().parent / "templates" / "chart.svg"
_FONTS = "WenQuanYi Zen Hei, Noto Sans CJK SC, Noto Sans SC, sans-serif"
_SIZE = 14  # text, px
_SMALL = 13  # annotations, px
_WIDTH = 1100  # a chart's width, px (the page's content is about as wide)
_GRID = "#dddddd"
_AXIS = "#333333"
_SESSION = re.compile(r"第[^第]{1,8}次会议$")


def short_label(label: str) -> str:
    """The session part of a meeting's label (第三十五次会议), or its end.

    >>> short_label("营口市第十六届人民代表大会常务委员会第三十五次会议")
    '第三十五次会议'
    """
    found = _SESSION.search(label or "")
    return found.group(0) if found else (label or "")[-8:]


def _day(text) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _span(days: list[date]) -> tuple[date, date]:
    low, high = min(days), max(days)
    pad = max(timedelta(days=30), (high - low) / 12)
    return low - pad, high + pad


# Date axis ----------------------------------------------------------------------

#: Tick steps tried, finest first: (unit, how many).
_STEPS = (
    ("day", 1),
    ("day", 7),
    ("half", 1),
    ("month", 1),
    ("month", 2),
    ("month", 3),
    ("month", 6),
    ("year", 1),
    ("year", 2),
    ("year", 5),
    ("year", 10),
    ("year", 20),
    ("year", 50),
    ("year", 100),
)
_UNIT_DAYS = {"day": 1, "half": 15.2, "month": 30.4, "year": 365.25}


def date_ticks(low: date, high: date, most: int = 9) -> list[tuple[date, str]]:
    """Round dates between ``low`` and ``high`` (at most ``most``), with labels.

    Days, weeks, half months, months or years, whichever is finest with no
    more than ``most`` ticks; labelled ``2024-05-08``, ``2024-05`` or ``2024``.

    >>> [label for _, label in date_ticks(date(2023, 1, 20), date(2024, 6, 1))]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['2023-03', '2023-05', '2023-07', '2023-09', '2023-11',
     '2024-01', '2024-03', '2024-05']
    >>> [label for _, label in date_ticks(date(2001, 3, 1), date(2024, 6, 1))]
    ['2005', '2010', '2015', '2020']
    """
    span = max((high - low).days, 1)
    for unit, step in _STEPS:
        if span / (_UNIT_DAYS[unit] * step) > most + 1:
            continue
        ticks = list(_ticks(low, high, unit, step))
        if len(ticks) <= most:
            return ticks
    return []


def _ticks(low: date, high: date, unit: str, step: int):
    if unit == "day":
        d = low + timedelta(days=(-low.toordinal()) % step)
        while d <= high:
            yield d, d.isoformat()
            d += timedelta(days=step)
    elif unit in ("half", "month"):
        year, month = low.year, low.month
        while True:
            if (month - 1) % step == 0:
                for day in (1, 15) if unit == "half" else (1,):
                    d = date(year, month, day)
                    if d > high:
                        return
                    if d >= low:
                        yield d, d.isoformat() if unit == "half" else d.isoformat()[:7]
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        for year in range(low.year + (-low.year) % step, high.year + 1, step):
            d = date(year, 1, 1)
            if low <= d <= high:
                yield d, f"{year:04d}"


class _Chart:
    """Shapes in drawing order, in pixels; the template writes them."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.shapes: list[dict] = []
        self.width = self.height = 0.0

    def add(self, tag: str, **attrs) -> None:
        self.shapes.append({"tag": tag, "attrs": _attrs(attrs)})

    def text(self, x, y, lines, *, css: str = "", **attrs) -> None:
        lines = [lines] if isinstance(lines, str) else list(lines)
        if css:
            attrs["class"] = css
        self.shapes.append(
            {
                "tag": "text",
                "attrs": _attrs({"x": x, "y": y, **attrs}),
                "x": _n(x),
                "lines": lines,
            }
        )

    def mark(self, action: str, x: float, y: float, colour: str) -> None:
        """An appointment (▲), removal (▼), resignation (✕) or other (●) mark."""
        r = 7
        if action in ("appoint", "engage"):
            points = [(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)]
        elif action == "remove":
            points = [(x, y + r), (x + r, y - r * 0.8), (x - r, y - r * 0.8)]
        elif action == "resign":
            a, b = r, r * 0.35
            points = [
                (x - a, y - a + b), (x - a + b, y - a), (x, y - b),
                (x + a - b, y - a), (x + a, y - a + b), (x + b, y),
                (x + a, y + a - b), (x + a - b, y + a), (x, y + b),
                (x - a + b, y + a), (x - a, y + a - b), (x - b, y),
            ]  # fmt: skip
        else:
            self.add("circle", cx=x, cy=y, r=r * 0.8, fill=colour, stroke="#000000")
            return
        self.add(
            "polygon",
            points=" ".join(f"{_n(px)},{_n(py)}" for px, py in points),
            fill=colour,
            stroke="#000000",
        )

    def axis(self, low, high, x, top: float, bottom: float, left, right) -> None:
        """Grid lines at round dates, the bottom axis and the dates under it."""
        for d, label in date_ticks(low, high):
            at = x(d)
            self.add("line", x1=at, y1=top, x2=at, y2=bottom, stroke=_GRID)
            self.add("line", x1=at, y1=bottom, x2=at, y2=bottom + 5, stroke=_AXIS)
            self.text(at, bottom + 21, label, css="middle")
        self.add("line", x1=left, y1=bottom, x2=right, y2=bottom, stroke=_AXIS)


def _n(value) -> str:
    """A number as SVG writes it: at most two decimals, no trailing zeros.

    >>> _n(12.0), _n(0.45), _n(3.14159)
    ('12', '0.45', '3.14')
    """
    text = f"{float(value):.2f}".rstrip("0")
    return text.rstrip(".")


def _attrs(attrs: dict) -> Markup:
    """`` name="value"`` pairs: numbers as :func:`_n` writes them, the rest escaped.

    >>> str(_attrs({"x": 1.5, "fill_opacity": 0.45, "class_": 'a"b'}))
    ' x="1.5" fill-opacity="0.45" class="a&#34;b"'
    """
    parts = []
    for key, value in attrs.items():
        if value is None:
            continue
        name = _NAMES.get(key) or _NAMES.setdefault(
            key, key.rstrip("_").replace("_", "-")
        )
        text = _n(value) if isinstance(value, int | float) else str(escape(value))
        parts.append(f' {name}="{text}"')
    return Markup("".join(parts))


_NAMES: dict[str, str] = {}  # keyword -> SVG attribute name (fill_opacity -> ...)


def _scale(low: date, high: date, left: float, right: float):
    days = max((high - low).days, 1)
    return lambda d: left + (d - low).days / days * (right - left)


class _Lanes:
    """Rows of labels that must not overlap: each label takes the first free one."""

    def __init__(self, count: int, gap: float = 6.0) -> None:
        self.ends = [float("-inf")] * count
        self.gap = gap

    def take(self, left: float, right: float) -> int | None:
        for i, end in enumerate(self.ends):
            if left >= end + self.gap:
                self.ends[i] = right
                return i
        return None

    @property
    def used(self) -> int:
        return sum(end != float("-inf") for end in self.ends)


# The charts ---------------------------------------------------------------------

_ROW = 52.0  # a timeline row's height
_MEETING_ROW = "会议 meetings"


def _timeline(data: dict) -> _Chart:
    """Posts held as bars over time, decisions as marks, meetings as ticks."""
    posts, marks, meetings = data["posts"], data["marks"], data["meetings"]
    chart = _Chart("职业时间线 career timeline")
    dates = [x.get("date") for x in marks + meetings]
    dates += [p.get(side) for p in posts for side in ("start", "end")]
    dates += [d for p in posts for d in p.get("seen", ())]
    days = [d for d in map(_day, dates) if d] or [date.today()]
    low, high = _span(days)
    rows = [p["post"] for p in posts] + ([_MEETING_ROW] if meetings else [])
    left = 16 + max((text_width(r, _SIZE) for r in rows), default=0)
    right = _WIDTH - 24
    legend, legend_end = _timeline_legend()  # the same on every timeline
    chart.shapes.extend(legend)
    top = legend_end + 26  # room for the first row's mark labels
    y = {name: top + _ROW * (i + 0.5) for i, name in enumerate(rows)}
    x = _scale(low, high, left, right)
    ticks = []  # the meetings' labels: under their row, in lanes
    lanes = _Lanes(4)
    named = set()
    for m in meetings:
        d = _day(m["date"])
        if d is None or (d, m["label"]) in named:
            continue
        named.add((d, m["label"]))
        label = short_label(m["label"])
        half = text_width(label, _SMALL) / 2
        lane = lanes.take(x(d) - half, x(d) + half)
        if lane is not None:
            ticks.append((x(d), lane, label))
    bottom = top + _ROW * len(rows) + (16.0 * lanes.used if meetings else 0)
    chart.width, chart.height = _WIDTH, bottom + 32
    chart.axis(low, high, x, top, bottom, left, right)
    for name, at in y.items():
        chart.text(left - 8, at + 4, name, css="end")
    for p in posts:
        start, end = _day(p.get("start")), _day(p.get("end"))
        seen = sorted(filter(None, map(_day, p.get("seen", ()))))
        # Seen held on some days, with no decision: the bar spans those days.
        first = start or (seen[0] if seen and not end else low)
        last = end or (seen[-1] if seen and not start else high)
        if last <= first:
            last = first + timedelta(days=7)
        chart.add(
            "rect",
            x=x(first),
            y=y[p["post"]] - 8,
            width=max(x(last) - x(first), 2),
            height=16,
            fill=OKABE_ITO["sky_blue"],
            fill_opacity=None if start else 0.45,  # faded: the start is unknown
        )
    for p in posts:
        for d in filter(None, map(_day, p.get("seen", ()))):
            chart.add("circle", cx=x(d), cy=y[p["post"]], r=3.5, fill="#555555")
    labels = {name: _Lanes(2) for name in y}  # above a mark, else below it
    for m in sorted(marks, key=lambda m: m.get("date") or ""):
        d = _day(m.get("date"))
        if d is None:
            continue
        edge = EDGES.get(m["action"], EDGES["appoint"])
        at, row = x(d), y[m["post"]]
        chart.mark(m["action"], at, row, edge["color"])
        text = f"{edge['label']} {d.isoformat()}"
        half = text_width(text, _SMALL) / 2
        lane = labels[m["post"]].take(at - half, at + half)
        if lane is not None:
            chart.text(
                at, row - 13 if lane == 0 else row + 25, text, css="small middle"
            )
    row = y.get(_MEETING_ROW)
    for m in meetings:
        d = _day(m["date"])
        if d is None:
            continue
        colour = (
            OKABE_ITO["blue"]
            if m["status"] == "chair"
            else STATUS.get(m["status"], STATUS["present"])["color"]
        )
        chart.add(
            "line", x1=x(d), y1=row - 9, x2=x(d), y2=row + 9, stroke=colour,
            stroke_width=3,
        )  # fmt: skip
    for at, lane, label in ticks:
        chart.text(at, row + 26 + 16 * lane, label, css="small middle")
    chart.add("line", x1=left, y1=top, x2=left, y2=bottom, stroke=_AXIS)
    return chart


@lru_cache(maxsize=1)
def _timeline_legend() -> tuple[tuple[dict, ...], float]:
    """What the bars, dots, marks and ticks mean, in lines above the rows.

    Its shapes, and where the legend ends (its last line's bottom).
    """
    chart = _Chart("")
    light = {"fill_opacity": 0.45}
    entries = [
        ("bar", {}, "任职 held"),
        ("bar", light, "起点未知 start unknown"),
        ("dot", {}, "见任 seen held"),
        *((a, {}, f"{EDGES[a]['label']} {EDGES[a]['en']}") for a in _LEGEND_MARKS),
        *(
            ("tick", {"stroke": s["color"]}, f"{s['zh']} {s['en']}")
            for s in STATUS.values()
        ),
        ("tick", {"stroke": OKABE_ITO["blue"]}, "主持 chaired"),
    ]
    at, y = 16.0, 14.0
    for symbol, style, label in entries:
        wide = _SYMBOL[symbol] + text_width(label, _SMALL)
        if at + wide > _WIDTH - 8:
            at, y = 16.0, y + 20
        if symbol == "bar":
            colour = OKABE_ITO["sky_blue"]
            chart.add("rect", x=at, y=y - 5, width=22, height=10, fill=colour, **style)
        elif symbol == "dot":
            chart.add("circle", cx=at + 4, cy=y, r=3.5, fill="#555555")
        elif symbol == "tick":
            chart.add("line", x1=at + 2, y1=y - 7, x2=at + 2, y2=y + 7,
                      stroke_width=3, **style)  # fmt: skip
        else:
            chart.mark(symbol, at + 7, y, EDGES[symbol]["color"])
        chart.text(at + _SYMBOL[symbol] - 4, y + 4, label, css="small")
        at += wide + 12
    return tuple(chart.shapes), y + 8


_LEGEND_MARKS = ("appoint", "remove", "resign")
#: Room a legend symbol takes before its words, px.
_SYMBOL = {"bar": 30.0, "dot": 14.0, "tick": 12.0, **dict.fromkeys(_LEGEND_MARKS, 22.0)}


def _meetings(data: dict) -> _Chart:
    """A body's meetings on a line of time, labelled above and below it."""
    chart = _Chart("召开的会议 meetings convened")
    held = [(m, _day(m.get("date"))) for m in data["meetings"]]
    days = [d for _, d in held if d] or [date.today()]
    low, high = _span(days)
    left, right = 24.0, _WIDTH - 24
    x = _scale(low, high, left, right)
    above, below = _Lanes(3), _Lanes(3)
    placed = []
    for i, (m, d) in enumerate(held):
        if d is None:
            continue
        lines = [d.isoformat(), short_label(m.get("label") or "")]
        half = max(text_width(line, _SMALL) for line in lines) / 2
        sides = (above, below) if i % 2 == 0 else (below, above)
        for side in sides:
            lane = side.take(x(d) - half, x(d) + half)
            if lane is not None:
                placed.append((x(d), side is above, lane, lines))
                break
    top_h, bottom_h = 34.0 * above.used + 14, 34.0 * below.used + 14
    axis_y = top_h + 10
    bottom = axis_y + 10 + bottom_h
    chart.width, chart.height = _WIDTH, bottom + 32
    chart.axis(low, high, x, 4, bottom, left, right)
    chart.add("line", x1=left, y1=axis_y, x2=right, y2=axis_y, stroke="#999999")
    for at, up, lane, lines in placed:
        y = axis_y - 32 - 34 * lane if up else axis_y + 24 + 34 * lane
        chart.text(at, y, lines, css="small middle")
    for _, d in held:
        if d is not None:
            chart.add("circle", cx=x(d), cy=axis_y, r=6, fill=OKABE_ITO["blue"])
    return chart


_CELL_W, _CELL_H = 110.0, 24.0


def _attendance(data: dict) -> _Chart:
    """Members x meetings, each cell the member's status; counts and a legend."""
    chart = _Chart("出席热图 attendance heatmap")
    members, meetings = data["members"], data["meetings"]
    left = 16 + max((text_width(m["name"], _SIZE) for m in members), default=0)
    top = 48.0
    for j, m in enumerate(meetings):
        at = left + _CELL_W * (j + 0.5)
        lines = [m.get("date") or "?", short_label(m["label"])]
        chart.text(at, top - 26, lines, css="small middle")
    for i, member in enumerate(members):
        y = top + _CELL_H * i
        chart.text(left - 8, y + _CELL_H / 2 + 4, member["name"], css="end")
        for j, status in enumerate(member["cells"]):
            known = status in STATUS
            chart.add(
                "rect",
                x=left + _CELL_W * j,
                y=y,
                width=_CELL_W,
                height=_CELL_H,
                fill=STATUS[status]["color"] if known else "#ffffff",
                stroke="#ffffff" if known else _GRID,
            )
        came = sum(s in ("present", "nonvoting") for s in member["cells"])
        recorded = sum(s is not None for s in member["cells"])
        end = left + _CELL_W * len(meetings)
        chart.text(end + 6, y + _CELL_H / 2 + 4, f"{came}/{recorded}", css="small")
    at = left + _CELL_W * len(meetings) + 60
    legend = [(s["color"], f"{s['zh']} {s['en']}") for s in STATUS.values()]
    legend.append(("#ffffff", "未记录 not recorded"))
    for k, (colour, label) in enumerate(legend):
        y = top + 22 * k
        chart.add("rect", x=at, y=y + 2, width=14, height=14, fill=colour,
                  stroke="#999999")  # fmt: skip
        chart.text(at + 20, y + 15, label, css="small")
    widest = max(text_width(label, _SMALL) for _, label in legend)
    chart.width = at + 20 + widest + 12
    chart.height = top + max(_CELL_H * len(members), 22 * len(legend)) + 12
    return chart


#: Chart name -> its layout function (chart data in, shapes out).
CHARTS = {"timeline": _timeline, "meetings": _meetings, "attendance": _attendance}


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE.parent),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template(TEMPLATE.name)


def render(name: str, data: dict) -> str:
    """The SVG text of chart ``name`` drawn from ``data``."""
    chart = CHARTS[name](data)
    view = {
        "title": chart.title,
        "width": _n(chart.width),
        "height": _n(chart.height),
        "font_size": _SIZE,
        "small_size": _SMALL,
        "shapes": chart.shapes,
    }
    return _template().render(chart=view, fonts=_FONTS)
