"""People's names as bulletins print them: after a post, padded, listed.

Chinese names in these documents are two to four characters. In running text a
name follows its post with nothing between ("区人大常委会副主任付彩霞",
"市政府常务副市长方景广"); :func:`split_post` finds the last post word and takes
what follows as the name. In lists a two-character name is padded to three cells
("侯 伟"); :func:`list_names` rejoins such pairs.

>>> split_post("区人大常委会副主任付彩霞")
('区人大常委会副主任', '付彩霞')
>>> split_post("车轺轶")
('', '车轺轶')
>>> list_names("王丽秀 付彩霞 侯 伟 杨自山")
['王丽秀', '付彩霞', '侯伟', '杨自山']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import GROUP_WORDS, NAME_STOP_CHARS, POST_WORDS, alternation

__all__ = [
    "POST_WORDS",
    "Person",
    "enumerate_people",
    "is_name",
    "list_name_spans",
    "list_names",
    "name_after_post",
    "split_post",
]

#: Words that end a post, longest first where one ends another.
_POST = re.compile(alternation(POST_WORDS))
_HAN_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")
# Characters that make a "name" a body, a post or a phrase instead.
_SPACES = re.compile(r"\s+")


def is_name(text: str) -> bool:
    """Whether ``text`` can be a person's name (2-4 characters, no body words)."""
    return bool(_HAN_NAME.fullmatch(text)) and not (set(text) & NAME_STOP_CHARS)


def split_post(text: str) -> tuple[str, str]:
    """``post + name`` -> ``(post, name)``; ``("", "")`` when no name ends it."""
    text = _SPACES.sub("", text)
    posts = list(_POST.finditer(text))
    last = posts[-1] if posts else None
    if last is None:
        return ("", text) if is_name(text) else ("", "")
    post, name = text[: last.end()], text[last.end() :]
    if is_name(name):
        return post, name
    return "", ""


def name_after_post(text: str) -> str:
    """Just the name of ``post + name``, "" when there is none."""
    return split_post(text)[1]


def list_names(line: str) -> list[str]:
    """Names of one list line, padded two-character names rejoined."""
    return [name for name, _, _ in list_name_spans(line)]


def list_name_spans(line: str) -> list[tuple[str, int, int]]:
    r"""``(name, start, end)`` of each name on one list line.

    Cells are separated by tabs, full-width spaces or two or more spaces; inside a
    cell, single characters separated by single spaces pair up into one padded
    name ("侯 伟").

    >>> list_name_spans("李 强\t徐 启\t车轲轶")
    [('李强', 0, 3), ('徐启', 4, 7), ('车轲轶', 8, 11)]
    >>> [name for name, _, _ in list_name_spans("张  三    李 四")]
    ['张三', '李四']
    """
    found: list[tuple[str, int, int]] = []
    pending: list[re.Match] = []

    def flush() -> None:
        if pending:
            text = "".join(m[0] for m in pending)
            found.append((text, pending[0].start(), pending[-1].end()))
            pending.clear()

    previous_end = 0
    for token in _TOKEN.finditer(line):
        gap = line[previous_end : token.start()]
        if _CELL_GAP.search(gap) and not (len(pending) == 1 and len(token[0]) == 1):
            flush()  # a lone character across a wide gap still pairs: "张  三"
        previous_end = token.end()
        if len(token[0]) == 1:
            pending.append(token)
            if len(pending) == 2:
                flush()
            continue
        flush()
        found.append((token[0], token.start(), token.end()))
    flush()
    return found


_TOKEN = re.compile(r"[^\s\u3000]+")
_CELL_GAP = re.compile(r"\t|\u3000| {2,}")


@dataclass(frozen=True, slots=True)
class Person:
    """A person named in an enumeration: name, post printed before, span."""

    name: str
    post: str
    start: int
    end: int


# Where an enumeration of people divides: 、 ， ； and the words 及 / 以及;
# 和 / 与 only between two names (bodies hold them: 人力资源和社会保障局).
_ITEM = re.compile(r"[、，,；;]|以及|及")
_AND = re.compile(r"和|与")
_COUNT = re.compile(r"\d+|[一二三四五六七八九十百]+(?:位|名|人)")


_PRESIDED_BY = re.compile(r"^(?:会议)?由")


def enumerate_people(text: str, start: int = 0, end: int | None = None) -> list[Person]:
    """The people listed in ``text[start:end]``, each with the post before them.

    One enumerator for every list of people in prose ("副主任A、B、C，秘书长D和
    委员共22人", "任命A、B为…"): items divide at 、，；及; a post carries over to
    the names after it until another post; items that name a group
    ("各工作委员会负责人", "县人大常委会组成人员") or a count name nobody.

    >>> [(p.name, p.post) for p in enumerate_people(
    ...     "区人大常委会副主任罗清源、邬岚及秘书长覃文博和委员共20人")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('罗清源', '区人大常委会副主任'), ('邬岚', '区人大常委会副主任'),
     ('覃文博', '秘书长')]
    """
    end = len(text) if end is None else end
    out: list[Person] = []
    post = ""
    pos = start
    pieces = []
    for mark in _ITEM.finditer(text, start, end):
        pieces.append((pos, mark.start()))
        pos = mark.end()
    pieces.append((pos, end))
    for lo, hi in pieces:
        etc = text.find("等", lo, hi)  # "谢某等常委会组成人员": the list ends here
        if etc != -1:
            hi = etc
        for sub_lo, sub_hi in _split_and(text, lo, hi):
            item = text[sub_lo:sub_hi]
            if not item or _is_group(item):
                continue
            own_post, name = split_post(item)
            own_post = _PRESIDED_BY.sub("", own_post)  # "会议由主任甲主持"
            if not (own_post or post) or not name:
                continue  # a bare word is a name only in a list under a post
            post = own_post or post
            at = sub_hi - len(name)
            out.append(Person(name, post, at, sub_hi))
        if etc != -1:
            break
    return out


def _split_and(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Split ``text[lo:hi]`` at 和/与 where both sides end in a name."""
    for mark in _AND.finditer(text, lo, hi):
        left = text[lo : mark.start()]
        right = text[mark.end() : hi]
        if split_post(left)[1] and (
            split_post(right)[1] or is_name(right) or _is_group(right)
        ):
            return [(lo, mark.start()), (mark.end(), hi)]
    return [(lo, hi)]


def _is_group(item: str) -> bool:
    """An item that names a group of people or a count, not a person."""
    return bool(_COUNT.search(item)) or any(w in item for w in _GROUPS)


_GROUPS = tuple(w for w in GROUP_WORDS if len(w) > 1)
