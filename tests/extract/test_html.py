import pytest

from gongbao.errors import InputError
from gongbao.extract.html import declared_charset, page_text, read_html
from gongbao.extract.pipeline import extract_document
from gongbao.extract.records import SourceDocument
from tests.extract.pages_fixture import (
    FURNITURE_LINES,
    LINES,
    TEXT,
    TITLE,
    fact_rows,
    html_page,
)


def _covered(doc: SourceDocument, line: str) -> bool:
    start = doc.text.index(line)
    return any(s <= start and start + len(line) <= e for s, e in doc.furniture)


@pytest.mark.parametrize(
    ("charset", "declared"),
    [("utf-8", "utf-8"), ("gb18030", "GB2312"), ("gb18030", "gbk")],
)
def test_html_reads_visible_text_in_the_declared_charset(charset, declared):
    doc = read_html(html_page(charset, meta_charset=declared), "item.html")
    assert (doc.encoding, doc.format, doc.name) == (charset, "html", "item.html")
    for line in LINES:
        assert f"\n{line}\n" in doc.text
    for gone in (
        "<",
        "统计",
        "某某",
        "请开启脚本",
        "模板里的文字",
        "margin",
        "document",
    ):
        assert gone not in doc.text


def test_html_furniture_spans_cover_the_furniture_lines_only():
    doc = read_html(html_page(), "item.html")
    for line in FURNITURE_LINES:
        assert _covered(doc, line), line
    for line in LINES:
        assert not _covered(doc, line), line
    assert all(doc.text[s:e].strip() == doc.text[s:e] for s, e in doc.furniture)


def test_html_title_and_published_from_the_head():
    doc = read_html(html_page(), "item.html")
    assert doc.title == f"{TITLE}_明川市青湖区人大常委会"
    assert doc.published == "2024-05-09"


def test_html_gives_the_same_facts_as_the_equivalent_text():
    page = read_html(html_page("gb18030", meta_charset="gb2312"), "item.html")
    text = SourceDocument("item.txt", "item.txt", TEXT, "utf-8", "0" * 64)
    from_page, from_text = extract_document(page), extract_document(text)
    assert fact_rows(from_page) == fact_rows(from_text)
    assert fact_rows(from_text)["attendance"] and fact_rows(from_text)["appointments"]
    for record in from_page.attendance + from_page.appointments:
        ev = record.evidence
        assert page.text[ev.start : ev.end] == ev.quote


@pytest.mark.parametrize(
    ("head", "title", "published"),
    [
        ('<meta property="og:title" content="会议召开">', "会议召开", ""),
        (
            '<meta property="article:published_time" content="2023-03-10T08:00:00+08:00">',
            "",
            "2023-03-10",
        ),
        ('<meta name="DC.Date" content="2023/3/10">', "", "2023-03-10"),
    ],
)
def test_html_title_and_published_from_meta(head, title, published):
    page = page_text(f"<html><head>{head}</head><body><p>会议召开。</p></body></html>")
    assert (page.title, page.published) == (title, published)


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("发布时间：2021/8/12 15:45:50", "2021-08-12"),
        ("来源：青湖日报 时间：2023年3月10日", "2023-03-10"),
        ("2023-03-10编印", "2023-03-10"),
        ("时间：2024年5月8日上午9时", ""),  # a meeting notice's own 时间
    ],
)
def test_html_published_from_a_dateline(line, published):
    page = page_text(f"<body><div>{line}</div><p>会议由罗清源主持。</p></body>")
    assert page.published == published


def test_html_title_falls_back_to_the_first_h1():
    page = page_text("<body><h1> 青湖区 会议 </h1><h1>第二</h1><p>正文。</p></body>")
    assert page.title == "青湖区 会议"


def test_html_blocks_break_lines_and_cells_are_tab_separated():
    page = page_text(
        "<body><div>出席<br>罗清源</div><ul><li>章明远</li><li>葛欣然</li></ul>"
        "<table><tr><th>姓名</th><th>职务</th></tr>"
        "<tr><td>温海宁</td><td>副区长</td></tr></table>"
        "<p>会议  由\n罗清源<b>主持</b>。</p></body>"
    )
    assert page.text == (
        "出席\n罗清源\n章明远\n葛欣然\n姓名\t职务\n温海宁\t副区长\n会议 由 罗清源主持。"
    )


def test_html_header_inside_an_article_is_not_furniture():
    page = page_text(
        "<body><article><header><h1>会议召开</h1></header><p>会议由罗清源主持。</p>"
        "</article></body>"
    )
    assert page.furniture == ()


def test_html_furniture_by_class_never_swallows_the_page():
    body = "".join(f"<p>{line}</p>" for line in LINES)
    page = page_text(f'<body><div id="menu-wrap">{body}</div></body>')
    assert page.furniture == ()


def test_html_deeply_nested_pages_do_not_overflow():
    page = page_text("<div>" * 3000 + "会议召开。" + "</div>" * 3000)
    assert page.text == "会议召开。"


def test_html_charset_declarations():
    assert declared_charset(b'<meta charset="gbk">') == "gb18030"
    assert declared_charset(b"<?xml version='1.0' encoding='GB2312'?>") == "gb18030"
    assert declared_charset(b'<meta charset="utf-8">') == "utf-8"
    assert declared_charset(b"<p>none</p>") is None


def test_html_page_declared_gbk_but_saved_as_utf8_reads_as_utf8():
    doc = read_html(html_page("utf-8", meta_charset="gbk"), "item.html")
    assert doc.encoding == "utf-8" and LINES[2] in doc.text


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"", "empty"),
        (b"<html><body><script>x()</script></body></html>", "no visible text"),
        (b"<html><body><p>An English page only.</p></body></html>", "Chinese"),
    ],
)
def test_html_bad_pages_are_one_line_errors(raw, problem):
    with pytest.raises(InputError) as caught:
        read_html(raw, "dir/bad.html")
    assert "dir/bad.html" in str(caught.value) and problem in str(caught.value)
    assert "\n" not in str(caught.value)


def test_html_utf16_page_with_a_byte_order_mark():
    page = f"<html><body><p>{LINES[2]}</p></body></html>"
    doc = read_html(page.encode("utf-16"), "wide.html")
    assert doc.text == LINES[2] and doc.encoding == "utf-16"
