"""Positions computed in Python with every node's size known: no overlaps, no physics.

Each node has a ``level`` (its column: bodies left of meetings, reports right of
them, ...). :func:`place` puts the columns side by side, each as wide as its
widest label box, orders the nodes of a column by where their neighbours sit
(barycentre sweeps, which keep edges short and crossings few), and wraps a
column taller than :data:`COLUMN_HEIGHT` into several. Boxes are estimated from
the label's lines and characters at :data:`~graph.views.style.FONT_SIZE`, with a
margin, so no two boxes meet; the browser tests check the boxes vis-network draws.

Pages are capped at :data:`MAX_NODES` (the most connected kept, the rest counted
and reported on the page): a page must open in seconds.

>>> nodes = [{"id": i, "label": f"节点{i}", "level": min(i, 1), "group": "person"}
...          for i in range(5)]
>>> edges = [{"from": 0, "to": i} for i in range(1, 5)]
>>> kept, links, omitted = cap(nodes, edges, limit=3)
>>> len(kept), omitted, all(e["from"] in {n["id"] for n in kept} for e in links)
(3, 2, True)
>>> place(nodes, edges)
>>> overlapping(nodes)
[]
>>> nodes[0]["x"] < nodes[1]["x"]
True
"""

from __future__ import annotations

import math
import unicodedata

from .style import FONT_SIZE, GROUPS

__all__ = [
    "COLUMN_HEIGHT",
    "MAX_NODES",
    "box",
    "cap",
    "overlapping",
    "place",
    "text_width",
]

#: Most nodes drawn on one page (measured to render in seconds, see README).
MAX_NODES = 400
#: A column taller than this (pixels at zoom 1) wraps into several.
COLUMN_HEIGHT = 860.0
_GAP_X = 180.0  # between columns: room for an edge label
_GAP_Y = 16.0  # between boxes of a column
_GAP_SUBJECT = 56.0  # around the subject, whose column holds short labelled edges
_MARGIN = 8.0  # vis-network's label margin (5 px) plus the border, rounded up


def text_width(line: str, size: float) -> float:
    """Pixels a line takes: wide (CJK) characters one em, others about 0.6 em.

    >>> text_width("第12次", 10)
    32.4
    """
    return sum(
        size if unicodedata.east_asian_width(c) in "WF" else 0.62 * size for c in line
    )


def box(node: dict, size: float = FONT_SIZE) -> tuple[float, float]:
    r"""The estimated ``(width, height)`` of a node's drawn box, in pixels at zoom 1.

    vis-network draws a ``box`` around the label with a 5 px margin, and an
    ``ellipse`` as wide as the label plus its height and twice as tall; a little
    is added for borders and the font's line height.

    >>> box({"label": "营口市\n人大", "group": "body"})
    (64.0, 56.0)
    >>> box({"label": "姚华明", "group": "person"})
    (84.0, 48.0)
    """
    lines = str(node.get("label") or "?").split("\n")
    text_w = max(text_width(line, size) for line in lines)
    text_h = len(lines) * size * 1.25
    if GROUPS.get(node.get("group"), {}).get("shape") == "ellipse":
        return round(text_w + text_h + 2 * _MARGIN, 1), round(2 * text_h + 8, 1)
    return round(text_w + 2 * _MARGIN, 1), round(text_h + 2 * _MARGIN, 1)


def cap(
    nodes: list[dict], edges: list[dict], limit: int = MAX_NODES
) -> tuple[list[dict], list[dict], int]:
    """Keep the first node (the page's subject) and the best-connected others."""
    if len(nodes) <= limit:
        return nodes, edges, 0
    degree: dict = {}
    for edge in edges:
        degree[edge["from"]] = degree.get(edge["from"], 0) + 1
        degree[edge["to"]] = degree.get(edge["to"], 0) + 1
    head, rest = nodes[0], nodes[1:]
    rest = sorted(rest, key=lambda n: -degree.get(n["id"], 0))[: limit - 1]
    kept = [head, *rest]
    ids = {n["id"] for n in kept}
    links = [e for e in edges if e["from"] in ids and e["to"] in ids]
    return kept, links, len(nodes) - len(kept)


def place(nodes: list[dict], edges: list[dict]) -> None:
    """Give every node fixed ``x``/``y`` (its box's centre) and ``w``/``h``."""
    if not nodes:
        return
    for node in nodes:
        node["w"], node["h"] = box(node)
    columns: dict[int, list[dict]] = {}
    for node in nodes:
        columns.setdefault(int(node.get("level", 0)), []).append(node)
    neighbours: dict = {n["id"]: [] for n in nodes}
    for edge in edges:
        if edge["from"] in neighbours and edge["to"] in neighbours:
            neighbours[edge["from"]].append(edge["to"])
            neighbours[edge["to"]].append(edge["from"])
    rank = {n["id"]: i for i, n in enumerate(nodes)}  # first seen, first drawn
    levels = sorted(columns)
    for _ in range(3):  # barycentre sweeps, left to right then back
        for level in levels + levels[::-1]:
            column = columns[level]
            position = {n["id"]: i for i, n in enumerate(column)}

            def centre(node, position=position):
                others = [rank[m] for m in neighbours[node["id"]] if m not in position]
                return sum(others) / len(others) if others else rank[node["id"]]

            column.sort(key=lambda n: (n.get("order", 0), centre(n), rank[n["id"]]))
            for i, node in enumerate(column):
                rank[node["id"]] = i / max(len(column), 1) * len(nodes)
    x = 0.0
    for level in levels:
        column = columns[level]
        if any(n.get("order") == 0 for n in column):
            x = _subject_column(column, x)
            continue
        for part in _wrap(column):
            width = max(n["w"] for n in part)
            height = sum(n["h"] for n in part) + _GAP_Y * (len(part) - 1)
            y = -height / 2
            for node in part:
                node["x"] = float(round(x + width / 2, 1))
                node["y"] = float(round(y + node["h"] / 2, 1))
                y += node["h"] + _GAP_Y
            x += width + _GAP_X


def _subject_column(column: list[dict], x: float) -> float:
    """Place the subject's column: the subject, a row above it, a row below.

    Each node then has a straight line to the subject that crosses no other.
    """
    subject = next(n for n in column if n.get("order") == 0)
    above = [n for n in column if n.get("order", 0) < 0]
    below = [n for n in column if n.get("order", 0) > 0]
    rows = [above, [subject], below]
    width = max(sum(n["w"] for n in row) + _GAP_X / 2 * (len(row) - 1) for row in rows)
    centre = x + width / 2
    for row, sign in ((above, -1), (below, 1)):
        if not row:
            continue
        left = centre - (sum(n["w"] for n in row) + _GAP_X / 2 * (len(row) - 1)) / 2
        tallest = max(n["h"] for n in row)
        y = sign * (subject["h"] / 2 + _GAP_SUBJECT + tallest / 2)
        for node in row:
            node["x"] = float(round(left + node["w"] / 2, 1))
            node["y"] = float(round(y, 1))
            left += node["w"] + _GAP_X / 2
    subject["x"], subject["y"] = float(round(centre, 1)), 0.0
    return x + width + _GAP_X


def _wrap(column: list[dict]) -> list[list[dict]]:
    """A column cut into parts no taller than :data:`COLUMN_HEIGHT`, evenly."""
    height = sum(n["h"] + _GAP_Y for n in column)
    parts = max(1, math.ceil(height / COLUMN_HEIGHT))
    size = math.ceil(len(column) / parts)
    return [column[i : i + size] for i in range(0, len(column), size)]


def overlapping(nodes: list[dict]) -> list[tuple]:
    """Pairs of node ids whose boxes (``x``, ``y``, ``w``, ``h``) meet.

    >>> overlapping([{"id": 1, "x": 0, "y": 0, "w": 10, "h": 10},
    ...              {"id": 2, "x": 5, "y": 5, "w": 10, "h": 10}])
    [(1, 2)]
    """
    found = []
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            if (
                abs(a["x"] - b["x"]) * 2 < a["w"] + b["w"]
                and abs(a["y"] - b["y"]) * 2 < a["h"] + b["h"]
            ):
                found.append((a["id"], b["id"]))
    return found
