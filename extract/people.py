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

__all__ = [
    "POST_WORDS",
    "is_name",
    "list_name_spans",
    "list_names",
    "name_after_post",
    "split_post",
]

#: Words that end a post, longest first where one ends another.
POST_WORDS = (
    "常务副主任",
    "副主任委员",
    "主任委员",
    "副主任",
    "主任",
    "副主席",
    "主席",
    "副秘书长",
    "秘书长",
    "副书记",
    "书记",
    "常务副区长",
    "副区长",
    "区长",
    "常务副市长",
    "副市长",
    "市长",
    "常务副省长",
    "副省长",
    "省长",
    "副县长",
    "县长",
    "副镇长",
    "镇长",
    "副乡长",
    "乡长",
    "副院长",
    "院长",
    "副检察长",
    "检察长",
    "副局长",
    "局长",
    "副厅长",
    "厅长",
    "副部长",
    "部长",
    "副组长",
    "组长",
    "副会长",
    "会长",
    "副处长",
    "处长",
    "副科长",
    "科长",
    "巡视员",
    "调研员",
    "委员",
    "常委",
    "代表",
    "同志",
    "成员",
    "主任科员",
    "审判员",
    "庭长",
    "所长",
    "站长",
    "行长",
    "社长",
    "总经理",
    "经理",
    "董事长",
    "校长",
    "主编",
    "负责人",
    "专员",
    "总监",
    "总师",
    "工程师",
)
_POST = re.compile("|".join(sorted(POST_WORDS, key=len, reverse=True)))
_HAN_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")
# Characters that make a "name" a body, a post or a phrase instead.
_NOT_IN_NAME = set(
    "局委院会府厅部办处室科所组团队校区市省县镇乡街村员席记等及的了报告议程况附件决定条例"
)
_SPACES = re.compile(r"\s+")


def is_name(text: str) -> bool:
    """Whether ``text`` can be a person's name (2-4 characters, no body words)."""
    return bool(_HAN_NAME.fullmatch(text)) and not (set(text) & _NOT_IN_NAME)


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
