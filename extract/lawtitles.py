"""Titles of legislation: their kind and their trailing marks, without spaCy.

Kept apart from :mod:`extract.laws` (the spaCy component that finds citations)
so the corpus pass of resolution and the scorer read law titles without loading
the pipeline.

>>> law_kind(strip_marks("青湖区物业管理条例（草案）"))
'条例'
"""

from __future__ import annotations

import re

__all__ = ["LAW_KINDS", "law_kind", "strip_marks"]

#: Words that end the title of a piece of legislation, longest first.
LAW_KINDS = (
    "法典",
    "修正案",
    "条例",
    "办法",
    "规定",
    "细则",
    "规则",
    "准则",
    "法",
)

#: Characters before a final 法 that make an ordinary word, not a law (办法 is a kind).
_NOT_LAW_BEFORE_FA = frozenset("方做兵书说看想语手技疗魔笔佛心刀剑拳戏画句词")

_TRAILING_MARKS = re.compile(r"(?:[（(][^（）()]{1,12}[）)])+$")


def strip_marks(name: str) -> str:
    """The title without trailing marks such as （草案） or （试行）.

    >>> strip_marks("某某办法（试行）（草案）")
    '某某办法'
    """
    return _TRAILING_MARKS.sub("", name)


def law_kind(name: str) -> str:
    """The kind of legislation ``name`` is (its last word), or ``""`` if none.

    >>> law_kind("青湖区物业管理条例（草案）"), law_kind("节水行动实施方案")
    ('条例', '')
    >>> law_kind("中华人民共和国宪法"), law_kind("孙子兵法"), law_kind("宪法")
    ('法', '', '法')
    """
    core = strip_marks(name)
    for kind in LAW_KINDS:
        if core.endswith(kind):
            if kind == "法" and (len(core) < 2 or core[-2] in _NOT_LAW_BEFORE_FA):
                return ""
            return kind
    return ""
