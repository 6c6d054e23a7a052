r"""Repair extracted text while keeping the map to the source.

What crawls, converters and PDF extraction do to a bulletin, and what is undone
here (each step is a :class:`MappedText` rewrite, so every character still knows
its source offset):

- page furniture (navigation, share bars, "新闻推荐" and everything after it) ->
  blanked: the spans the reader marked and the furniture lines of plain text;
- zero-width characters and soft hyphens -> removed;
- pinyin printed after characters by a mirror ("會(huì)議") -> removed;
- traditional characters, Kangxi radicals -> simplified ideographs, one for one
  (:mod:`extract.script`), so rules match one script and quotes keep the original;
- full-width and non-breaking spaces -> ASCII spaces (one for one);
- ``**`` bold markers from converters -> removed;
- page-number lines ("- 12 -", "— 3 —", "第 4 页", a bare "17") -> emptied;
- running heads: a masthead line ("营口市人民代表大会常务委员会公报", "2021 年第 4 期")
  repeated on three or more pages -> emptied, except its first occurrence;
- hard line breaks inside a paragraph -> joined. A break is joined when the line
  before is a full-width line of running text (at least 80 % of the issue's usual
  line length, ending in a character that does not close a sentence, with no
  spaces between characters, no tabs: list and table rows keep their breaks; not
  ending like a title: "…会议", "…的报告") and the line after starts with text. Blank lines PDF converters put between every line are joined
  with it.

Padded names ("侯 伟") are left to the extractors that know a name list from
prose; tabs are kept, they separate table cells.

>>> mapped = normalize("会议由区人大常委会副主任付彩霞主\n\n持，区人大常委会主任王丽秀出席\n\n会议。\n\n- 3 -\n")
>>> mapped.text
'会议由区人大常委会副主任付彩霞主持，区人大常委会主任王丽秀出席会议。\n\n\n'
>>> mapped.source_span(15, 17)  # 主持: the blank line between them maps inside
(15, 19)
"""  # noqa: E501

from __future__ import annotations

import re
from collections import Counter

from .furniture import furniture_lines, related_start
from .script import PINYIN_GARBLE, simplify
from .text import MappedText

__all__ = ["normalize"]

_SPACES = str.maketrans({"\u3000": " ", "\u00a0": " ", "\u2002": " ", "\u2003": " "})
_BOLD = re.compile(r"\*\*")
_PAGE_NUMBER = re.compile(
    r"^[^\S\n]*(?:[-—–－]+[^\S\n]*\d{1,4}[^\S\n]*[-—–－]+|第[^\S\n]*\d{1,4}[^\S\n]*页"
    r"|\d{1,3})[^\S\n]*$",
    re.M,
)
_LINE = re.compile(r"[^\n]+")
_HEAD_WORDS = re.compile(r"公报|第\s*\d+\s*期|\d{4}\s*年\s*第")
_SENTENCE_END = '。！？!?；;：:）)》」』”"…'
_HAN = re.compile(r"[\u4e00-\u9fff《“（(0-9A-Za-z]")
# Spaces between CJK characters, tabs, wide gaps: a list or table row, not prose.
_ROW = re.compile(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]|\t| {2,}")
_ROW_HINT = re.compile(r"[ \t]")  # in every match of _ROW: looked for first
_LABEL = re.compile(r"[^\n：:。]{0,16}[：:]")
# Dot leaders of a table of contents ("…的报告·····12").
_LEADER = re.compile(r"[·.…]{3,}|…")
_LEADER_HINT = re.compile(r"[·.…]")  # in every match of _LEADER: looked for first
# Words a title ends with: a heading keeps its line break.
_TITLE_ENDS = tuple("会议 报告 决定 决议 通知 公告 议程 纪要 名单 意见 说明".split())


# A line break inside running text (with a blank line after it): after a
# character that does not end a sentence, before one that is not a space. The
# break comes first in the pattern, so the regex skips to each line break.
_BREAK = re.compile(
    rf"\n(?<=[^\s{re.escape(_SENTENCE_END)}]\n)(?:[^\S\n]*\n)?(?=[^\s])"
)
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normalize(text: str, *, furniture=()) -> MappedText:
    """Normalise a document's text (see the module docstring).

    ``furniture`` are ``[start, end)`` spans of ``text`` the reader found to be
    page furniture (HTML navigation, footers).
    """
    mapped = MappedText.identity(text).blank(furniture)
    mapped = mapped.sub(_ZERO_WIDTH, "")
    mapped = mapped.sub(PINYIN_GARBLE, "")
    mapped = mapped.replace_chars(simplify(mapped.text))
    mapped = _drop_furniture(mapped)
    mapped = mapped.translate(_SPACES)
    mapped = mapped.sub(_BOLD, "")
    mapped = mapped.sub(_PAGE_NUMBER, "")
    mapped = _drop_running_heads(mapped)
    return _join_lines(mapped)


def _drop_furniture(mapped: MappedText) -> MappedText:
    """Blank furniture lines, and everything from a "related stories" heading on."""
    related = related_start(mapped.text)
    if related is not None:
        mapped = mapped.blank([(related, len(mapped.text))])
    return mapped.blank(furniture_lines(mapped.text))


def _drop_running_heads(mapped: MappedText) -> MappedText:
    lines = Counter(
        line.strip() for line in _LINE.findall(mapped.text) if _is_head(line)
    )
    repeated = {line for line, count in lines.items() if count >= 3}
    if not repeated:
        return mapped
    seen: set[str] = set()

    def drop(match: re.Match) -> str:
        line = match[0].strip()
        if line in repeated:
            if line in seen:
                return ""
            seen.add(line)
        return match[0]

    return mapped.sub(_LINE, drop)


def _is_head(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= 30 and bool(_HEAD_WORDS.search(line))


def _join_lines(mapped: MappedText) -> MappedText:
    text = mapped.text
    # Lengths of the lines of 12 characters or more, stripped.
    lengths = Counter(map(len, map(str.strip, text.split("\n"))))
    lengths = Counter({n: count for n, count in lengths.items() if n >= 12})
    if not lengths:
        return mapped
    usual = max(lengths.items(), key=lambda kv: (kv[1], kv[0]))[0]
    shortest = max(12, int(usual * 0.8))

    def join(match: re.Match) -> str:
        # The checks are pure: the cheapest come first, the label's last.
        start = text.rfind("\n", 0, match.start()) + 1
        stripped = text[start : match.start()].strip()
        if (
            len(stripped) >= shortest
            and _HAN.match(text, match.end())
            and not stripped.startswith(("——", "—", "（", "("))
            and not (_ROW_HINT.search(stripped) and _ROW.search(stripped))
            and not (_LEADER_HINT.search(stripped) and _LEADER.search(stripped))
            and not stripped.endswith(_TITLE_ENDS)
            and not _LABEL.match(text, match.end())  # a label: "出 席：", "任命："
        ):
            return ""
        return match[0]

    return mapped.sub(_BREAK, join)
