"""China's administrative divisions: names, codes and parents.

The list is the division table the ``cpca`` package ships (MIT licence; its
``resources/adcodes.csv``, statistical division codes down to county level, data
of November 2020). It is read as data, without importing ``cpca`` itself. A code's
parents follow from its digits: ``220106`` (绿园区) is in ``220100`` (长春市), in
``220000`` (吉林省).

Names are indexed in full (秀山土家族苗族自治县) and by the short forms documents
use (秀山县, 湘西州, 广西): a short form keeps the level word, drops the ethnic
names of autonomous units.

>>> [d.code for d in lookup("绿园区")]
['220106']
>>> [d.name for d in ancestors(lookup("绿园区")[0])]
['吉林省', '长春市']
>>> lookup("湘西州")[0].name
'湘西土家族苗族自治州'
>>> is_division("山公众号县"), is_division("营口市")
(False, True)
"""

from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .scan import Words

__all__ = [
    "Division",
    "ancestors",
    "by_code",
    "divisions_named_in",
    "is_division",
    "level_of_code",
    "lookup",
]

#: Where the data comes from, for the README and provenance.
SOURCE = "cpca resources/adcodes.csv (MIT), division codes as of 2020-11"

_SHORT_LEVELS = (
    ("自治区", ""),
    ("自治州", "州"),
    ("自治县", "县"),
    ("自治旗", "旗"),
)


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division: its 6-digit code and its full name."""

    code: str
    name: str

    @property
    def level(self) -> str:
        """``province``, ``city`` or ``county`` (districts count as county level)."""
        return level_of_code(self.code)


def level_of_code(code: str) -> str:
    """The level a 6-digit division code stands for."""
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def _data_file(name: str = "adcodes.csv") -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or spec.origin is None:
        raise ImportError("the cpca package is not installed (pip install cpca)")
    return Path(spec.origin).parent / "resources" / name


@lru_cache(maxsize=1)
def _ethnic() -> re.Pattern[str]:
    """The names of China's peoples, as they stand in autonomous units' names."""
    peoples = _data_file("56_nations.csv").read_text(encoding="utf-8").split()
    stems = sorted({p.removesuffix("族") for p in peoples if p}, key=len, reverse=True)
    return re.compile(f"(?:(?:{'|'.join(map(re.escape, stems))})族?)+(?=自治)")


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, Division], dict[str, tuple[Division, ...]]]:
    codes: dict[str, Division] = {}
    names: dict[str, list[Division]] = {}
    with _data_file().open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["adcode"][:6]
            division = Division(code, row["name"])
            codes[code] = division
            for name in _names(division.name):
                names.setdefault(name, []).append(division)
    return codes, {k: tuple(v) for k, v in names.items()}


def _names(full: str) -> set[str]:
    """The full name and the short forms documents use for it."""
    out = {full}
    short = _ethnic().sub("", full)
    for level, word in _SHORT_LEVELS:
        if short.endswith(level):
            stem = short.removesuffix(level)
            if len(stem) >= 2:
                out.add(stem + word) if word else out.add(stem)
    if short != full and len(short) >= 3:
        out.add(short)
    for level in ("省", "市"):
        if full.endswith(level) and len(full) >= 3:
            out.add(full.removesuffix(level))  # 黑龙江, 上海: names as words
    return {name for name in out if len(name) >= 2}


def lookup(name: str) -> tuple[Division, ...]:
    """Divisions called ``name`` (full or short form); ``()`` when none."""
    return _table()[1].get(name, ())


def is_division(name: str) -> bool:
    """Whether ``name`` names an administrative division."""
    return bool(lookup(name))


def by_code(code: str) -> Division | None:
    """The division with 6-digit ``code``."""
    return _table()[0].get(code)


def ancestors(division: Division) -> list[Division]:
    """The divisions that hold ``division``, outermost first."""
    code = division.code
    out = []
    for parent in (code[:2] + "0000", code[:4] + "00"):
        if parent != code:
            found = by_code(parent)
            if found is not None and found not in out:
                out.append(found)
    return out


@lru_cache(maxsize=1)
def _named() -> Words:
    """Every division's name with its level word, for one automaton pass."""
    return Words(n for n in _table()[1] if len(n) >= 3 and n[-1] in "省市区县州旗盟")


def divisions_named_in(text: str) -> list[tuple[str, int]]:
    """``(name, offset)`` of every division named in ``text`` with its level word."""
    return [(name, start) for name, start, _ in _named().find(text)]
