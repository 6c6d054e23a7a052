"""Page furniture: what a published page holds besides its article.

Navigation, breadcrumbs, share bars, "print / close window" buttons, source and
editor lines, copyright footers, links to the previous and next article: a page
read for facts must not read these (a "related reports" list names other meetings).
They stay in the document's text, so offsets still point into what was
published, and their ``[start, end)`` spans go into
:attr:`SourceDocument.furniture <extract.records.SourceDocument>`.

The rules are data, kept here in one place: the HTML reader uses the element
rules, and the line rules serve any text (a saved page, a crawler's dump).
Traditional spellings are listed beside the simplified ones.

>>> is_furniture_line("【字号 大 中 小】【打印】【关闭窗口】")
True
>>> is_furniture_line("来源：青湖人大网  时间：2024年5月9日")
True
>>> is_furniture_line("会议由区人大常委会主任罗清源主持。")
False
>>> is_furniture_name("bdsharebuttonbox"), is_furniture_name("article-body")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "FURNITURE_ROLES",
    "FURNITURE_TAGS",
    "LINE_LABELS",
    "LINE_MARKS",
    "LINE_STARTS",
    "LINE_WORDS",
    "NAME_PARTS",
    "NAME_TOKENS",
    "RELATED_HEADINGS",
    "furniture_lines",
    "related_start",
    "is_furniture_line",
    "is_furniture_name",
    "merge_spans",
]

# --- Elements -------------------------------------------------------------------

#: HTML elements that are furniture wherever they stand (a ``<header>`` inside an
#: ``<article>`` is the article's own head, and is not).
FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside"})

#: ARIA roles of furniture.
FURNITURE_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "menu", "menubar"}
)

#: Parts of a class or id that mark furniture at the start or end of one of its
#: words ("topNav", "navbar", "footer-links", "share_box").
NAME_PARTS = (
    "nav",
    "menu",
    "breadcrumb",
    "crumb",
    "footer",
    "share",
    "copyright",
    "related",
    "relate",
    "sidebar",
    "toolbar",
    "banquan",  # 版权
    "bdshare",  # Baidu share bar
    "jiathis",  # JiaThis share bar
    "bshare",
    "friendlink",
)

#: Whole words of a class or id that mark furniture ("foot" but not "footnote").
NAME_TOKENS = frozenset(
    {
        "foot",
        "bottom",
        "position",  # 当前位置 breadcrumbs
        "location",
        "weizhi",  # 位置
        "dqwz",  # 当前位置
        "xgxw",  # 相关新闻
        "xgwz",  # 相关文章
        "xglj",  # 相关链接
        "yqlj",  # 友情链接
        "fenxiang",  # 分享
        "print",
        "tools",
        "banner",
        "logo",
        "search",
        "prevnext",
        "pagenav",
    }
)

# --- Lines ------------------------------------------------------------------------

#: Labels that open a furniture line when a colon follows ("来源：…", "责任编辑：…").
#: A bare "时间：" is not one: a meeting notice prints its own 时间：.
LINE_LABELS = (
    "来源",
    "來源",
    "信息来源",
    "文章来源",
    "稿件来源",
    "新闻来源",
    "发布时间",
    "發布時間",
    "發佈時間",
    "发布日期",
    "發布日期",
    "发表时间",
    "更新时间",
    "发布机构",
    "发布者",
    "作者",
    "编辑",
    "編輯",
    "责任编辑",
    "責任編輯",
    "审核",
    "校对",
    "浏览次数",
    "瀏覽次數",
    "阅读次数",
    "点击数",
    "點擊數",
    "访问次数",
    "主办单位",
    "主办",
    "承办单位",
    "承办",
    "协办单位",
    "技术支持",
    "地址",
    "邮编",
    "分享到",
    "字号",
    "字號",
    "当前位置",
    "當前位置",
    "您当前的位置",
    "您现在的位置",
    "您的位置",
    "所在位置",
)

#: Words that open a furniture line with or without a colon ("上一篇：…").
LINE_STARTS = (
    "上一篇",
    "下一篇",
    "上一条",
    "下一条",
    "上一條",
    "下一條",
    "当前位置",
    "當前位置",
)

#: Headings of the list of other stories under an article: everything from one on
#: is furniture (its headlines name other meetings).
RELATED_HEADINGS = (
    "新闻推荐",
    "相关新闻",
    "相关报道",
    "相关阅读",
    "相关文章",
    "推荐阅读",
    "延伸阅读",
    "热点推荐",
    "热点新闻",
    "猜你喜欢",
    "上一篇",
    "下一篇",
)

#: Marks that make a line furniture wherever they stand in it.
LINE_MARKS = (
    "版权所有",
    "版權所有",
    "Copyright",
    "COPYRIGHT",
    "copyright",
    "©",
    "ICP备",
    "ICP證",
    "ICP证",
    "公网安备",
    "网站标识码",
    "网站识别码",
    "建议使用",
    "最佳分辨率",
)

#: Words a whole furniture line can be made of ("【字号 大 中 小】【打印】【关闭】").
LINE_WORDS = (
    "打印本页",
    "打印此页",
    "打印",
    "列印",
    "下载",
    "下載",
    "关闭窗口",
    "關閉窗口",
    "关闭本页",
    "关闭",
    "關閉",
    "字号",
    "字號",
    "字体",
    "大",
    "中",
    "小",
    "默认",
    "加入收藏",
    "收藏本页",
    "收藏",
    "分享到",
    "分享",
    "扫一扫",
    "微信",
    "微博",
    "QQ空间",
    "返回顶部",
    "返回首页",
    "返回",
    "首页",
    "我要纠错",
    "纠错",
    "繁体",
    "繁體",
    "简体",
    "无障碍",
    "网站地图",
    "联系我们",
    "相关报道",
    "相關報道",
    "相关新闻",
    "相關新聞",
    "相关链接",
    "相关阅读",
    "相关文章",
    "上一篇",
    "下一篇",
    "视力保护色",
)

_MAX_LINE = 200  # a longer line is prose, whatever it contains


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_OPEN = r"^[\s【\[［（(]*"
_LABEL = re.compile(rf"{_OPEN}(?:{_alternation(LINE_LABELS)})\s*[：:]")
_START = re.compile(rf"{_OPEN}(?:{_alternation(LINE_STARTS)})")
_MARK = re.compile(_alternation(LINE_MARKS))
_WORD = re.compile(_alternation(LINE_WORDS))
# What may stand between furniture words: brackets, bars, dots, spaces, A+/A-.
_FILLER = re.compile(r"[\s【】\[\]［］（）()|｜/·•:：、,，>＞»\-—_A+＋－]+")
_LINE = re.compile(r"[^\n]+")
_RELATED = re.compile(
    rf"^[^\S\n]*(?:{_alternation(RELATED_HEADINGS)})[^\S\n]*[:：]?[^\S\n]*$", re.M
)
_NAME_WORDS = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


def is_furniture_line(line: str) -> bool:
    """True when a line of text is furniture (see the module docstring)."""
    line = line.strip()
    if not line or len(line) > _MAX_LINE:
        return False
    if _LABEL.match(line) or _START.match(line) or _MARK.search(line):
        return True
    return bool(_WORD.search(line)) and not _FILLER.sub("", _WORD.sub("", line))


def furniture_lines(text: str) -> list[tuple[int, int]]:
    r"""``[start, end)`` of every furniture line of ``text`` (without its newline).

    >>> furniture_lines("会议举行。\n责任编辑：葛欣然\n")
    [(6, 14)]
    """
    spans = []
    for match in _LINE.finditer(text):
        if is_furniture_line(match[0]):
            start, end = match.span()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            spans.append((start, end))
    return spans


def related_start(text: str) -> int | None:
    r"""Where the list of other stories under an article starts, ``None`` if none.

    >>> related_start("会议举行。\n相关报道：\n区人大常委会召开第九次会议")
    6
    """
    found = _RELATED.search(text)
    return found.start() if found else None


def is_furniture_name(value: str) -> bool:
    """True when an element's class or id reads like furniture.

    >>> [is_furniture_name(v) for v in ("topNav", "foot", "footnote", "content")]
    [True, True, False, False]
    """
    for word in _NAME_WORDS.findall(value):
        word = word.lower()
        if word in NAME_TOKENS:
            return True
        if any(word.startswith(p) or word.endswith(p) for p in NAME_PARTS):
            return True
    return False


def merge_spans(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted, non-empty spans with overlapping and touching ones merged.

    >>> merge_spans([(5, 9), (0, 2), (2, 3), (8, 12), (4, 4)])
    ((0, 3), (5, 12))
    """
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end) for start, end in merged)
