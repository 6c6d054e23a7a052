"""Canonical names of bodies, read against the document's jurisdiction.

Bulletins abbreviate bodies against their own jurisdiction: in a district's
bulletin "区法院" is that district's people's court and "市人大常委会" the standing
committee of the city above it; in a provincial gazette "省审计厅" is that
province's audit department. :func:`canonical_body` expands the standard short
forms (人大常委会, 政府, 法院, 检察院, 监委 ...), puts the full region in front of a
bare level word (区, 市, 省) or of the region's own short name, and drops the term
(第十六届), so one body has one name across documents.

>>> from gongbao.extract.context import DocContext
>>> ctx = DocContext("a.txt", region="明川市青湖区", region_short="青湖区",
...                  parents=("明川市",), level="district")
>>> canonical_body("区法院", ctx)
'明川市青湖区人民法院'
>>> canonical_body("市人大常委会", ctx)
'明川市人民代表大会常务委员会'
>>> canonical_body("青湖区十七届人大常委会", ctx)
'明川市青湖区人民代表大会常务委员会'
>>> canonical_body("区人大常委会调研组", ctx)
'明川市青湖区人民代表大会常务委员会调研组'
"""

from __future__ import annotations

import re

from .context import DocContext, level_of, region_units
from .lexicon import ORGAN_SHORT_FORMS

__all__ = ["canonical_body", "expand_short_forms"]

# Short forms and their full names; order matters (longest first).
_SHORT_FORMS = tuple((re.compile(p), full) for p, full in ORGAN_SHORT_FORMS)
_TERM = re.compile(r"第?[一二三四五六七八九十]{1,3}届(?=人民代表大会|人大)")
_SPACES = re.compile(r"\s+")
_LEVEL_CHARS = {"省": "province", "市": "city", "区": "district", "县": "county"}


def expand_short_forms(name: str) -> str:
    """Spell out the standard abbreviations of body names."""
    for pattern, full in _SHORT_FORMS:
        name = pattern.sub(full, name)
    return name


def canonical_body(name: str, context: DocContext) -> str:
    """The full name of the body ``name`` abbreviates in ``context``."""
    name = _SPACES.sub("", name or "")
    if not name:
        return ""
    name = _TERM.sub("", name)
    name = expand_short_forms(name)
    return _with_region(name, context)


def _with_region(name: str, context: DocContext) -> str:
    if not context.region:
        return name
    regions = (*context.parents, context.region)
    # Already full: starts with a region of this document (or its short name).
    for region in sorted(regions, key=len, reverse=True):
        if name.startswith(region):
            return name
    units = region_units(context.region)
    for i in range(len(units) - 1, -1, -1):
        if name.startswith(units[i]):
            return "".join(units[:i]) + name
    first = name[0]
    if first in _LEVEL_CHARS and len(name) > 1 and not _starts_with_unit(name):
        wanted = _LEVEL_CHARS[first]
        for region in reversed(regions):
            level = level_of(region_units(region)[-1])
            if level == wanted or (wanted == "district" and level == "county"):
                return region + name[1:]
    return name


def _starts_with_unit(name: str) -> bool:
    """``市政府`` starts with a level word only; ``市中区法院`` with a unit name."""
    units = region_units(name)
    return (
        bool(units)
        and name.startswith(units[0])
        and len(units[0]) > 1
        and (units[0][0] not in _LEVEL_CHARS)
    )
