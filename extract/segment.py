r"""Cut a normalised issue into articles at their titles.

A bulletin issue is a run of articles, each opening with a title block: a line
that reads like a title ("…会议纪要", "…的报告", "…的决定", "…任免名单", "出席情况",
"…的通知") possibly preceded by its issuer ("营口市人民政府") and followed by more
title lines. Everything before the first title is the front matter (cover, table
of contents). A table-of-contents line ("…的报告 …… 12") is not a title.

Cutting is conservative: consecutive title lines stay in one block (so "区十八届人
大常委会第二十五次会议" and "出席情况" open one article), and an issuer line above a
title moves with it, so a report's issuer, title, byline and reporter line are
always in one piece.

>>> from gongbao.extract.context import DocContext
>>> text = ("明川市人大常委会公报\n目录\n\n青湖区人民政府\n关于河道管理工作情况的报告\n"
...         "——2023年6月28日在区十七届人大常委会第十二次会议上\n报告正文。\n\n"
...         "明川市人民代表大会常务委员会任免名单\n任命：苑志诚为副市长。\n")
>>> [(p.kind, p.title) for p in segment(text, DocContext("a", title="明川市人大常委会公报"))]
[('front', '明川市人大常委会公报'), ('report', '关于河道管理工作情况的报告'), ('appointments', '明川市人民代表大会常务委员会任免名单')]
"""  # noqa: E501

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .context import DocContext
from .doc import ARTICLES, add_span, text_of

__all__ = ["Piece", "SegmentComponent", "make_segment", "segment"]


@dataclass(frozen=True, slots=True)
class Piece:
    """An article's kind, title and ``[start, end)`` in the normalised text."""

    kind: str
    title: str
    start: int
    end: int


_LINE = re.compile(r"[^\n]*\n?")
_TITLE = re.compile(
    r"(?:会议纪要|纪要|会议议程|议程|报告|决定|决议|名单|任免|通知|通告|公告|意见|说明"
    r"|出缺席情况|出席情况|会议|条例|办法|规定|细则|规则|方案)"
    r"(?:[（(](?:书面|草案|修订草案|试行|摘要)[）)])?$"
)
_NOT_TITLE = re.compile(r"[。；;，,！？]|\.{3,}|…{2,}|\d+\)?$|^[——\-—（(\d]")
# A line that closes a sentence or a list item is not part of a title.
_CLOSED = re.compile(
    r"[。；;，,：:！？!?]$|^[（(——\-]|\.{3,}|…{2,}"
    r"|^[\u4e00-\u9fff]{1,4} +[\u4e00-\u9fff]"
)
_KINDS = (
    (re.compile(r"出缺席情况|出席情况"), "attendance"),
    (re.compile(r"议程"), "agenda"),
    (re.compile(r"纪要|召开|举行|会议$"), "minutes"),
    (re.compile(r"名单|任免"), "appointments"),
    (re.compile(r"通知|通告|公告"), "notice"),
    (re.compile(r"报告|说明|意见"), "report"),
    (re.compile(r"决定|决议"), "decision"),
    (re.compile(r"条例|办法|规定|细则|规则|方案"), "regulation"),
)
_BYLINE = re.compile(r"^\s*(?:——|—|-)\s*\d{4}\s*年")


def segment(text: str, context: DocContext) -> list[Piece]:
    """Split the issue into articles; the pieces cover the whole text, in order."""
    lines = [(m.start(), m[0]) for m in _LINE.finditer(text) if m[0]]
    starts: list[tuple[int, str]] = []  # (offset, title)
    previous_was_title = False
    for i, (_, line) in enumerate(lines):
        stripped = line.strip()
        if _is_title(stripped):
            if not previous_was_title:
                start = _with_issuer(lines, i)
                starts.append((start, stripped))
            previous_was_title = True
        elif stripped:
            previous_was_title = False
    pieces: list[Piece] = []
    # Text before the first title is the front matter.
    cuts = starts if starts and starts[0][0] == 0 else [(0, ""), *starts]
    for n, (start, title) in enumerate(cuts):
        end = cuts[n + 1][0] if n + 1 < len(cuts) else len(text)
        if end <= start:
            continue
        body = text[start:end]
        kind = "front" if not title else _kind(title, body)
        pieces.append(Piece(kind, title or context.title, start, end))
    if not pieces:
        pieces = [Piece("other", context.title, 0, len(text))]
    return pieces


def _is_title(line: str) -> bool:
    return (
        4 <= len(line) <= 80
        and bool(_TITLE.search(line))
        and not _NOT_TITLE.search(line)
    )


def _with_issuer(lines: list[tuple[int, str]], i: int) -> int:
    """Move the start up over the title's first lines and its issuer line.

    A title broken over lines ("…关于《突发公共卫生事件" / "应急条例》情况的调研报告")
    is cut at its last line; the lines above it that read as part of a title
    (short, not closing a sentence) move with it, two at most.
    """
    start = lines[i][0]
    j = i - 1
    for _ in range(2):
        while j >= 0 and not lines[j][1].strip():
            j -= 1
        if j < 0:
            break
        above = lines[j][1].strip()
        if not (4 <= len(above) <= 40) or _CLOSED.search(above) or _is_title(above):
            break
        start = lines[j][0]
        j -= 1
    return start


def _kind(title: str, body: str) -> str:
    head = body[:400]
    if _BYLINE.search(head) or re.search(r"\n\s*(?:——|—)\s*\d{4}", head):
        if not re.search(r"名单|任免", title):
            return "report"
    for pattern, kind in _KINDS:
        if pattern.search(title):
            return kind
    return "other"


class SegmentComponent:
    """``Doc -> Doc``: the issue's articles into ``doc.spans[ARTICLES]``.

    Each span is labelled with the article's kind; its title is its
    ``span._.gb_data``.
    """

    def __call__(self, doc: Doc) -> Doc:
        """Cut ``doc`` into articles."""
        doc.spans[ARTICLES] = []
        for piece in segment(text_of(doc), doc._.gb_context):
            add_span(doc, ARTICLES, piece.start, piece.end, piece.kind, piece.title)
        return doc


@Language.factory("gongbao_segment", assigns=["doc.spans"])
def make_segment(nlp: Language, name: str) -> SegmentComponent:
    """Create the segmentation component."""
    return SegmentComponent()
