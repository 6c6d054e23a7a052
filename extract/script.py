"""One script for matching: traditional characters, radicals and pinyin garbling.

Pages of this genre come in traditional characters (會議, 縣), with Kangxi
radicals or CJK radical supplements where a converter went wrong (⼈, ⻓), and from
mirrors that print a character's pinyin after it (會(huì)議). Rules match on one
form: simplified characters, unified ideographs, no pinyin in brackets.

:func:`simplify` maps character for character (OpenCC's ``t2s``, with a check that
the length holds), so a :class:`~extract.text.MappedText` keeps its offsets into
the original characters; the pinyin pattern is removed by the normaliser as a
mapped substitution. :func:`fold` does both to a label, for comparing names.

>>> simplify("榕江縣第十五屆人大常委會")
'榕江县第十五届人大常委会'
>>> simplify("⻓春市⼈民政府")
'长春市人民政府'
>>> fold("萬(wàn)曉佳")
'万晓佳'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .text import translate_chars

__all__ = ["PINYIN_GARBLE", "fold", "simplify"]

#: A syllable of pinyin with tone marks in brackets right after a character.
PINYIN_GARBLE = re.compile(
    r"(?<=[\u4e00-\u9fff])[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüń]{1,7}[）)]"
)

# CJK Radicals Supplement forms of simplified components that have no NFKC
# mapping, to the ideographs they stand for.
_RADICALS = str.maketrans(
    {
        "⻓": "长",
        "⻔": "门",
        "⻛": "风",
        "⻜": "飞",
        "⻢": "马",
        "⻥": "鱼",
        "⻋": "车",
        "⻅": "见",
        "⻉": "贝",
        "⻩": "黄",
        "⻚": "页",
        "⻬": "齐",
        "⻰": "龙",
        "⻳": "龟",
        "⻮": "齿",
        "⻨": "麦",
        "⻤": "鬼",
        "⻘": "青",
        "⻝": "食",
        "⻄": "西",
        "⻆": "角",
        "⻈": "讠",
        "⻊": "足",
        "⻌": "辶",
        "⻣": "骨",
        "⻖": "阝",
        "⻧": "鸟",
        "⻑": "長",
    }
)
_KANGXI = re.compile(r"[\u2f00-\u2fdf]")


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def simplify(text: str) -> str:
    """``text`` in simplified characters, one character for one.

    Where OpenCC's phrase rules would change the length of a line, that line is
    converted a character at a time.
    """
    text = _KANGXI.sub(lambda m: unicodedata.normalize("NFKC", m[0]), text)
    text = translate_chars(text, _RADICALS)
    if text.isascii():
        return text
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    lines = text.split("\n")
    out = []
    for line in lines:
        new = _converter().convert(line)
        if len(new) != len(line):
            new = "".join(
                c if len(c := _converter().convert(ch)) == 1 else ch for ch in line
            )
        out.append(new)
    return "\n".join(out)


def fold(text: str) -> str:
    """A label in matching form: NFKC, no pinyin in brackets, simplified."""
    text = unicodedata.normalize("NFKC", text or "")
    return simplify(PINYIN_GARBLE.sub("", text))
