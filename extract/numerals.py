"""Chinese and Arabic numerals as integers (届, 次, 年, 月, 日, 号).

>>> to_int("十八"), to_int("三十五"), to_int("２５"), to_int("二〇一八")
(18, 35, 25, 2018)
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["CN_DIGITS", "to_int"]

#: Characters that may make up a Chinese numeral in a bulletin.
CN_DIGITS = "〇○零一二三四五六七八九十百千两"

_DIGIT_BY_CHAR = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")}
_DIGIT_BY_CHAR["零"] = _DIGIT_BY_CHAR["○"] = "0"  # ○: OCR for 〇


@lru_cache(maxsize=4096)
def to_int(text: str) -> int | None:
    """Read a numeral written in Arabic or Chinese digits; ``None`` if it is not one."""
    text = unicodedata.normalize("NFKC", text).replace(" ", "")
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    if all(ch in _DIGIT_BY_CHAR for ch in text) and len(text) >= 3:
        # Years are spelled digit by digit: 二〇一八.
        return int("".join(_DIGIT_BY_CHAR[ch] for ch in text))
    if not all(ch in CN_DIGITS for ch in text):
        return None
    import cn2an

    try:
        return int(cn2an.cn2an(text.replace("两", "二"), "strict"))
    except ValueError:
        return None
