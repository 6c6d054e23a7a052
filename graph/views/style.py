"""How the views look: one table of colours, shapes and words for every kind of node.

Colours come from the Okabe-Ito palette (Okabe and Ito, *Color Universal Design*,
2008), which people with the common colour-vision deficiencies can tell apart;
shapes and the legend words repeat what the colour says. Every label's text colour
is chosen for a WCAG contrast of at least 4.5:1 on its fill (checked by
:func:`contrast`, and by the tests for every entry).

Labels are Chinese; the English word goes in the tooltip and the legend.

>>> round(contrast("#000000", "#ffffff"), 1)
21.0
>>> all(contrast(g["font"], g["color"]) >= 4.5 for g in GROUPS.values())
True
>>> EDGES["remove"]["label"], EDGES["remove"]["dashes"]
('免去', True)
"""

from __future__ import annotations

__all__ = [
    "EDGES",
    "FONT_SIZE",
    "GROUPS",
    "OKABE_ITO",
    "STATUS",
    "contrast",
    "legend",
]

#: The Okabe-Ito palette, by name.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}
_P = OKABE_ITO

#: Label size in the network, in CSS pixels at zoom 1 (the page keeps zoom >= 0.75).
FONT_SIZE = 16

#: Node groups: fill, label colour, vis-network shape, legend (Chinese, English).
#: Every shape draws its label inside, so a node's box is its label's box;
#: ``border`` is the border's width where it is not 1.
GROUPS = {
    "meeting": {
        "color": _P["blue"],
        "font": "#ffffff",
        "shape": "box",
        "zh": "会议",
        "en": "meeting",
    },
    "body": {
        "color": _P["orange"],
        "font": "#000000",
        "shape": "box",
        "border": 3,
        "zh": "机构",
        "en": "body",
    },
    "person": {
        "color": _P["sky_blue"],
        "font": "#000000",
        "shape": "ellipse",
        "zh": "人员",
        "en": "person",
    },
    "post": {
        "color": _P["yellow"],
        "font": "#000000",
        "shape": "box",
        "zh": "职务",
        "en": "post",
    },
    "report": {
        "color": _P["bluish_green"],
        "font": "#000000",
        "shape": "box",
        "zh": "报告",
        "en": "report",
    },
    "law": {
        "color": _P["reddish_purple"],
        "font": "#000000",
        "shape": "box",
        "zh": "法规",
        "en": "law",
    },
    "review": {
        "color": "#dddddd",
        "font": "#000000",
        "shape": "box",
        "zh": "审议事项",
        "en": "item reviewed",
    },
    "roster": {
        "color": "#ffffff",
        "font": "#000000",
        "shape": "box",
        "zh": "名单",
        "en": "roster (see the table)",
    },
    "document": {
        "color": _P["grey"],
        "font": "#000000",
        "shape": "ellipse",
        "zh": "文件",
        "en": "document",
    },
}

#: Attendance statuses: Chinese word, English word, colour (tables, heatmap, edges).
STATUS = {
    "present": {"zh": "出席", "en": "present", "color": _P["bluish_green"]},
    "absent": {"zh": "缺席", "en": "absent", "color": _P["vermillion"]},
    "leave": {"zh": "请假", "en": "on leave", "color": _P["orange"]},
    "nonvoting": {
        "zh": "列席",
        "en": "attending without vote",
        "color": _P["sky_blue"],
    },
}

#: Edge kinds: Chinese label, English (tooltip), colour and dashes; a status's edge
#: takes the status's words and colour.
EDGES = {
    **{
        status: {"label": s["zh"], "en": s["en"], "color": s["color"]}
        for status, s in STATUS.items()
    },
    "chair": {"label": "主持", "en": "chaired", "color": _P["blue"]},
    "convene": {"label": "召开", "en": "convened", "color": "#555555"},
    "hear": {"label": "听取", "en": "heard", "color": "#555555"},
    "report": {"label": "作报告", "en": "reported", "color": _P["bluish_green"]},
    "behalf": {"label": "代表", "en": "on behalf of", "color": "#555555"},
    "about": {"label": "关于", "en": "about", "color": _P["reddish_purple"]},
    "cite": {"label": "引用", "en": "cites", "color": _P["reddish_purple"]},
    "decide": {"label": "决定", "en": "decided on", "color": "#555555"},
    "appoint": {"label": "任命", "en": "appointed", "color": _P["blue"]},
    "engage": {"label": "聘任", "en": "engaged", "color": _P["blue"]},
    "remove": {
        "label": "免去",
        "en": "removed from",
        "color": _P["vermillion"],
        "dashes": True,
    },
    "resign": {
        "label": "辞去",
        "en": "resigned from",
        "color": _P["orange"],
        "dashes": [2, 4],
    },
    "reviewed": {"label": "审议", "en": "reviewed", "color": "#555555"},
    "adopted": {"label": "通过", "en": "adopted", "color": _P["bluish_green"]},
    "approved": {"label": "批准", "en": "approved", "color": _P["bluish_green"]},
    "heard": {"label": "听取", "en": "heard", "color": "#555555"},
}
for _edge in EDGES.values():
    _edge.setdefault("dashes", False)


def legend(groups) -> list[dict]:
    """Legend entries for the groups drawn, in the table's order."""
    drawn = set(groups)
    return [{"name": g, **GROUPS[g]} for g in GROUPS if g in drawn]


def _luminance(colour: str) -> float:
    """Relative luminance of ``#rrggbb`` (WCAG 2.x)."""
    rgb = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21).

    >>> round(contrast("#ffffff", "#0072B2"), 2)
    5.19
    """
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)
