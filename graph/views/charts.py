"""Static SVG charts from a page's chart data, drawn with matplotlib (offline).

A person's career timeline (posts held as bars, appointments and removals as
marks, meetings attended as ticks), a body's meetings over time, and a body's
attendance heatmap (members x meetings, coloured by status). Text is written as
SVG text (``svg.fonttype = none``) and drawn by the browser in the page's CJK
font; the colours are the views' Okabe-Ito palette (:mod:`graph.views.style`).
Charts are written as files beside the pages and shown with ``<img>``, so no
document text is ever parsed as markup in the page.

>>> svg = render("timeline", {"posts": [{"post": "青湖区副区长",
...     "start": "2024-05-08", "end": None}], "marks": [{"post": "青湖区副区长",
...     "action": "appoint", "date": "2024-05-08"}], "meetings": []})
>>> svg.startswith("<?xml") and "青湖区副区长" in svg
True
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from datetime import date, timedelta

from .style import EDGES, OKABE_ITO, STATUS

__all__ = ["CHARTS", "render"]

_FONTS = ["WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Sans SC", "DejaVu Sans"]
_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "gongbao",  # the same chart gives the same file
    "font.family": "sans-serif",
    "font.sans-serif": _FONTS,
    "font.size": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_SESSION = re.compile(r"第[^第]{1,8}次会议$")
_MARKS = {"appoint": "^", "engage": "^", "remove": "v", "resign": "X"}


def _short(label: str) -> str:
    """The session part of a meeting's label (第三十五次会议), or its end."""
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


def _chars(labels) -> float:
    """Inches a column of tick labels takes (CJK one em, others about half)."""
    widths = (sum(1 if ord(c) > 0x2E7F else 0.55 for c in t) for t in labels)
    widest = max(widths, default=0)
    return 0.3 + widest * 11 / 72


def _timeline(ax, data: dict) -> tuple[float, float, tuple]:
    posts, marks, meetings = data["posts"], data["marks"], data["meetings"]
    dates = [x.get("date") for x in marks + meetings]
    dates += [p.get(side) for p in posts for side in ("start", "end")]
    dates += [d for p in posts for d in p.get("seen", ())]
    days = [d for d in map(_day, dates) if d]
    if not days:
        days = [date.today()]
    low, high = _span(days)
    rows = [p["post"] for p in posts] + (["会议 meetings"] if meetings else [])
    y = {name: len(rows) - 1 - i for i, name in enumerate(rows)}
    for p in posts:
        start, end = _day(p.get("start")), _day(p.get("end"))
        seen = sorted(filter(None, map(_day, p.get("seen", ()))))
        # Seen held on some days, with no decision: the bar spans those days.
        left = start or (seen[0] if seen and not end else low)
        right = end or (seen[-1] if seen and not start else high)
        if right <= left:
            right = left + timedelta(days=7)
        ax.barh(
            y[p["post"]],
            (right - left).days,
            left=left,
            height=0.45,
            color=OKABE_ITO["sky_blue"],
            alpha=1.0 if start else 0.45,  # faded where the start is unknown
            edgecolor="none",
        )
    for p in posts:
        for d in filter(None, map(_day, p.get("seen", ()))):
            ax.plot(d, y[p["post"]], "o", color="#555555", markersize=5)
    for m in marks:
        d = _day(m.get("date"))
        if d:
            edge = EDGES.get(m["action"], EDGES["appoint"])
            ax.plot(
                d,
                y[m["post"]],
                _MARKS.get(m["action"], "o"),
                color=edge["color"],
                markersize=10,
                markeredgecolor="black",
            )
            ax.annotate(
                f"{edge['label']} {d.isoformat()}",
                (d, y[m["post"]]),
                xytext=(0, 10),
                textcoords="offset points",
                ha="center",
                fontsize=9,
            )
    named = set()
    for m in meetings:
        d = _day(m["date"])
        colour = (
            OKABE_ITO["blue"]
            if m["status"] == "chair"
            else STATUS.get(m["status"], STATUS["present"])["color"]
        )
        ax.plot(d, y["会议 meetings"], "|", color=colour, markersize=18, mew=3)
        if (d, m["label"]) in named:
            continue
        named.add((d, m["label"]))
        ax.annotate(
            _short(m["label"]),
            (d, y["会议 meetings"]),
            xytext=(0, -22),
            textcoords="offset points",
            ha="center",
            fontsize=9,
        )
    ax.set_yticks(list(y.values()), list(y))
    ax.set_ylim(-0.8, len(rows) - 0.2)
    ax.set_xlim(low, high)
    ax.grid(axis="x", color="#dddddd")
    height = 1.2 + 0.55 * len(rows)
    return 11.0, height, (_chars(rows), 0.3, 0.25, 0.45)


def _meetings(ax, data: dict) -> tuple[float, float, tuple]:
    held = [(m, _day(m.get("date"))) for m in data["meetings"]]
    days = [d for _, d in held if d] or [date.today()]
    low, high = _span(days)
    for i, (m, d) in enumerate(held):
        if not d:
            continue
        ax.plot(d, 0, "o", color=OKABE_ITO["blue"], markersize=10)
        ax.annotate(
            f"{d.isoformat()}\n{_short(m['label'])}",
            (d, 0),
            xytext=(0, 14 if i % 2 == 0 else -30),
            textcoords="offset points",
            ha="center",
            fontsize=9,
        )
    ax.axhline(0, color="#999999", lw=1)
    ax.set_yticks([])
    ax.set_ylim(-1, 1)
    ax.set_xlim(low, high)
    ax.spines["left"].set_visible(False)
    return 11.0, 1.8, (0.3, 0.3, 0.1, 0.4)


def _attendance(ax, data: dict) -> tuple[float, float, tuple]:
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch
    from matplotlib.transforms import offset_copy

    order = list(STATUS)
    members, meetings = data["members"], data["meetings"]
    grid = [
        [order.index(s) if s in STATUS else float("nan") for s in m["cells"]]
        for m in members
    ]
    colours = ListedColormap([STATUS[s]["color"] for s in order])
    ax.imshow(
        grid,
        cmap=colours,
        vmin=-0.5,
        vmax=len(order) - 0.5,
        aspect="auto",
        interpolation="nearest",
    )
    ax.set_yticks(range(len(members)), [m["name"] for m in members])
    ax.set_xticks(
        range(len(meetings)),
        [f"{m.get('date') or '?'}\n{_short(m['label'])}" for m in meetings],
    )
    ax.xaxis.tick_top()
    for i, m in enumerate(members):
        came = sum(s in ("present", "nonvoting") for s in m["cells"])
        known = sum(s is not None for s in m["cells"])
        ax.annotate(
            f"{came}/{known}",
            (len(meetings) - 0.5, i),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
        )
    ax.legend(
        handles=[
            Patch(
                color=STATUS[s]["color"],
                label=f"{STATUS[s]['zh']} {STATUS[s]['en']}",
            )
            for s in order
        ]
        + [Patch(facecolor="white", edgecolor="#999999", label="未记录 not recorded")],
        loc="upper left",
        bbox_to_anchor=(1, 1),
        bbox_transform=offset_copy(ax.transAxes, fig=ax.figure, x=0.7, units="inches"),
        frameon=False,
    )
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    left = _chars(m["name"] for m in members)
    width = left + 3.4 + 1.3 * len(meetings)
    return width, 1.0 + 0.24 * len(members), (left, 3.4, 0.6, 0.1)


#: Chart name -> draw function; it returns the figure's width, height and margins
#: (left, right, top, bottom), all in inches.
CHARTS = {"timeline": _timeline, "meetings": _meetings, "attendance": _attendance}


def render(name: str, data: dict) -> str:
    """The SVG text of chart ``name`` drawn from ``data``."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure  # no pyplot: no global state, no GUI

    draw = CHARTS[name]
    # findfont logs each CJK font it weighs; the browser picks the font anyway
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    with rc_context(_RC), warnings.catch_warnings():
        # Text is drawn by the browser; matplotlib only measures it, and says so
        # when its measuring font lacks a glyph.
        warnings.filterwarnings("ignore", message="Glyph .* missing from")
        figure = Figure(figsize=(11, 2))
        width, height, (left, right, top, bottom) = draw(figure.subplots(), data)
        height = min(height, 40)
        figure.set_size_inches(width, height)
        figure.subplots_adjust(  # margins known: no second drawing to measure them
            left=left / width,
            right=1 - right / width,
            top=1 - top / height,
            bottom=bottom / height,
        )
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
