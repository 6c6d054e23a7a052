"""Read a saved web page: its visible text, furniture, title, date and URL.

Parsed with selectolax's Lexbor backend (MIT licence; a fast, maintained HTML5
parser that is as forgiving as a browser). Readability-style extractors such as
trafilatura keep only what they judge the article and rewrite it, so offsets into
the page are lost; here the whole visible text is kept and furniture is *marked*.

- Encoding: a byte-order mark, else the declared charset (``<meta charset>``,
  ``http-equiv`` content type, an XML declaration); GBK and GB2312 are read as
  their superset GB18030. A page that is valid UTF-8 is UTF-8 whatever it
  declares (mis-declared pages are common); an undeclared or wrongly declared
  page falls back to :func:`extract.decoding.decode_bytes`.
- Text: ``<script>``, ``<style>``, ``<noscript>``, ``<template>`` and comments are
  dropped. Block elements (p, div, br, li, tr, h1-h6 ...) end lines, so a
  paragraph is a line; table cells on a row are separated by tabs; other
  whitespace collapses as a browser collapses it (full-width spaces are kept).
- Furniture (:mod:`extract.furniture`): ``<nav>``, ``<header>``, ``<footer>``,
  ``<aside>``, elements whose class, id or role reads like navigation, menus,
  breadcrumbs, share bars, copyright or related links, and furniture lines
  (打印, 关闭窗口, 来源：… 时间：…, 上一篇 …) stay in the text; their spans go into
  ``furniture``.
- Title: ``<title>``, else ``og:title``, else the first ``<h1>``. Published: a
  date ``<meta>`` (:data:`extract.published.PUBLISHED_META`), else a dateline in
  the text. URL: ``<link rel="canonical">`` or ``og:url``, when absolute.

>>> page = '''<html><head><meta charset="utf-8"><title>青湖区人大常委会会议</title>
... <meta name="PubDate" content="2024-05-09 10:00"></head><body>
... <nav><a href="/">首页</a> <a href="/rd">人大概况</a></nav>
... <h1>青湖区人大常委会召开第三次会议</h1>
... <p>会议由主任罗清源主持。<script>x()</script></p>
... <div class="share">分享到：微信 微博</div></body></html>'''
>>> doc = read_html(page.encode("utf-8"), "a.html")
>>> print(doc.text)
首页 人大概况
青湖区人大常委会召开第三次会议
会议由主任罗清源主持。
分享到：微信 微博
>>> [doc.text[s:e] for s, e in doc.furniture]
['首页 人大概况', '分享到：微信 微博']
>>> doc.title, doc.published, doc.format
('青湖区人大常委会会议', '2024-05-09', 'html')
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .decoding import check_bytes, check_text, decode_bytes
from .furniture import (
    FURNITURE_ROLES,
    FURNITURE_TAGS,
    furniture_lines,
    is_furniture_name,
    merge_spans,
)
from .published import PUBLISHED_META, dateline_date, iso_date
from .records import SourceDocument

__all__ = [
    "BLOCK_TAGS",
    "DROPPED_TAGS",
    "Page",
    "declared_charset",
    "page_text",
    "read_html",
]

#: Elements whose content is never text: scripts, styles, templates, embeds.
DROPPED_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "audio",
        "video",
        "map",
    }
)

#: Elements that begin and end a line.
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    }
)

_CELLS = frozenset({"td", "th"})
_NOT_BY_NAME = frozenset({"html", "body", "main", "article"})
_CONTENT_ANCESTORS = frozenset({"article", "main"})
_GB = frozenset({"gbk", "gb2312", "gb_2312", "gb_2312-80", "gb18030", "x-gbk"})
_GB |= {"cp936", "ms936", "euc-cn", "csgb2312", "chinese", "iso-ir-58"}
_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)"""
    rb"""|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""",
    re.I,
)
_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace; U+3000 and U+00A0 are text
_MAX_SHARE = 0.5  # furniture by class/id may not hold half of the page's text


def read_html(raw: bytes, path: str | Path) -> SourceDocument:
    """Read one saved page (see the module docstring)."""
    name = str(path)
    declared = declared_charset(raw)
    if declared != "utf-16":  # UTF-16 text is full of NUL bytes
        check_bytes(raw, name=name)
    text, encoding = _decode(raw, name, declared)
    page = page_text(text)
    if not page.text.strip():
        raise InputError(name, "page has no visible text", "is this the saved page?")
    check_text(page.text, name=name, encoding=encoding)
    return SourceDocument(
        name=Path(path).name,
        path=name,
        text=page.text,
        encoding=encoding,
        sha256=hashlib.sha256(raw).hexdigest(),
        format="html",
        url=page.url,
        published=page.published,
        title=page.title,
        furniture=page.furniture,
    )


def declared_charset(raw: bytes) -> str | None:
    """The Python codec a page declares for itself, GB family as ``gb18030``.

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GB2312">')
    'gb18030'
    >>> declared_charset(b"<meta charset='no-such-codec'>") is None
    True
    """  # noqa: E501
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    match = _CHARSET.search(raw[:4096])
    if not match:
        return None
    label = (match[1] or match[2]).decode("ascii").lower()
    if label in _GB:
        return "gb18030"
    if label in ("big5", "big5-hkscs", "x-x-big5"):
        return "big5hkscs"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode(raw: bytes, name: str, declared: str | None) -> tuple[str, str]:
    if declared == "utf-16":
        return decode_bytes(raw, name=name, declared="utf-16")
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared in (None, "utf-8", "utf-8-sig"):
        return decode_bytes(raw, name=name)
    return decode_bytes(raw, name=name, declared=declared)


@dataclass(frozen=True, slots=True)
class Page:
    """A page's visible text, its furniture spans, and what it says of itself."""

    text: str
    furniture: tuple[tuple[int, int], ...]
    title: str
    published: str
    url: str


def page_text(html: str) -> Page:
    r"""The visible text of a decoded page, with its furniture, title, date, URL.

    >>> page_text("<table><tr><td>出席</td><td>罗清源</td></tr></table>").text
    '出席\t罗清源'
    """
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    writer = _TextWriter()
    if tree.body is not None:
        writer.walk(tree.body)
    text = writer.text()
    most = _MAX_SHARE * len(text.strip())
    tagged = [s for s in (_trim(text, s) for s in writer.tagged) if s]
    named = [s for s in (_trim(text, s) for s in writer.named) if s]
    spans = tagged + [s for s in named if s[1] - s[0] <= most]
    spans += furniture_lines(text)
    metas = _metas(tree)
    return Page(
        text=text,
        furniture=merge_spans(spans),
        title=_title(tree, metas),
        published=_published(metas, text),
        url=_url(tree, metas),
    )


class _TextWriter:
    """Walks the body and writes its visible text, marking furniture elements."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.line_start = True  # nothing but indentation since the last break
        self.space = False  # whitespace seen, not yet written
        self.pre = 0  # inside <pre>
        self.tagged: list[tuple[int, int]] = []  # furniture by element name/role
        self.named: list[tuple[int, int]] = []  # furniture by class or id
        self.row_cells: list[int] = []  # cells seen in each open <tr>

    def text(self) -> str:
        return "".join(self.parts).rstrip()

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def words(self, text: str) -> None:
        if self.pre:
            self.write(text.replace("\r\n", "\n"))
            self.line_start = text.endswith("\n")
            self.space = False
            return
        pieces = _SPACE.split(text)
        for i, piece in enumerate(pieces):
            if i:
                self.space = True
            if not piece:
                continue
            if self.space and not self.line_start:
                self.write(" ")
            self.write(piece)
            self.space = self.line_start = False

    def newline(self) -> None:
        self.space = False
        if self.parts and not self.line_start:
            self.write("\n")
            self.line_start = True

    def cell(self) -> None:
        if self.row_cells:
            self.row_cells[-1] += 1
            if self.row_cells[-1] > 1 and not self.line_start:
                self.write("\t")
                self.line_start = True  # no space after a tab
        self.space = False

    def walk(self, root) -> None:
        """Write ``root``'s visible text (an explicit stack: pages nest deeply)."""
        stack: list[tuple[object, object]] = [(root, None)]
        content = 0  # open <article>/<main> elements
        while stack:
            node, leaving = stack.pop()
            if leaving is not None:
                content -= self.leave(node, leaving)
                continue
            if node.is_text_node:
                self.words(node.text_content or "")
                continue
            tag = node.tag
            if not node.is_element_node or tag in DROPPED_TAGS:
                continue
            kind = self.furniture_kind(node, tag, inside_content=content > 0)
            self.enter(tag)
            content += tag in _CONTENT_ANCESTORS
            stack.append((node, (tag, kind, self.length)))
            children = []
            child = node.child
            while child is not None:
                children.append(child)
                child = child.next
            stack.extend((child, None) for child in reversed(children))

    def enter(self, tag: str) -> None:
        if tag == "br":
            self.newline()
            self.line_start = True
        elif tag in BLOCK_TAGS:
            self.newline()
        elif tag in _CELLS:
            self.cell()
        if tag == "tr":
            self.row_cells.append(0)
        elif tag == "pre":
            self.pre += 1

    def leave(self, node, state) -> int:
        tag, kind, start = state
        if tag in BLOCK_TAGS:
            self.newline()
        if tag == "tr" and self.row_cells:
            self.row_cells.pop()
        elif tag == "pre":
            self.pre -= 1
        if kind == "tagged":
            self.tagged.append((start, self.length))
        elif kind == "named":
            self.named.append((start, self.length))
        return tag in _CONTENT_ANCESTORS

    @staticmethod
    def furniture_kind(node, tag: str, *, inside_content: bool) -> str | None:
        attrs = node.attributes
        role = (attrs.get("role") or "").strip().lower()
        if tag in FURNITURE_TAGS and not (tag == "header" and inside_content):
            return "tagged"
        if role in FURNITURE_ROLES:
            return "tagged"
        if tag in _NOT_BY_NAME:
            return None
        names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        return "named" if names.strip() and is_furniture_name(names) else None


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    start, end = span
    end = min(end, len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _metas(tree) -> dict[str, str]:
    """``<meta>`` content by lower-cased name, property, itemprop or http-equiv."""
    found: dict[str, str] = {}
    for meta in tree.css("meta"):
        attrs = meta.attributes
        content = attrs.get("content")
        if not content:
            continue
        for key in ("name", "property", "itemprop", "http-equiv"):
            value = attrs.get(key)
            if value:
                found.setdefault(value.strip().lower(), content.strip())
    return found


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _title(tree, metas: dict[str, str]) -> str:
    node = tree.css_first("title")
    title = _clean(node.text()) if node is not None else ""
    if not title:
        title = _clean(metas.get("og:title"))
    if not title:
        h1 = tree.css_first("h1")
        title = _clean(h1.text()) if h1 is not None else ""
    return title


def _published(metas: dict[str, str], text: str) -> str:
    for name in PUBLISHED_META:
        found = iso_date(metas.get(name, ""))
        if found:
            return found
    return dateline_date(text)


def _url(tree, metas: dict[str, str]) -> str:
    link = tree.css_first('link[rel="canonical"]')
    for url in (link.attributes.get("href") if link else None, metas.get("og:url")):
        url = (url or "").strip()
        if re.match(r"https?://\S+$", url):
            return url
    return ""
