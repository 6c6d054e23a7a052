"""A fictional news item, as plain text, as saved web pages and as a PDF."""

from __future__ import annotations

import io

from gongbao.extract.records import DocumentFacts
from gongbao.graph.evaluate import rows_from_facts

TITLE = "青湖区人大常委会召开第三次会议"
LINES = (
    TITLE,
    "2024年5月8日，明川市青湖区第九届人民代表大会常务委员会第三次会议在区人大常委会会议室举行。",
    "会议由区人大常委会主任罗清源主持，副主任章明远、葛欣然及委员共15人出席会议。",
    "副区长温海宁、区法院院长戚永安、区检察院检察长柏若云列席会议。",
    "会议听取并审议了区人民政府关于《明川市河道管理条例》贯彻实施情况的报告。",
    "会议决定任命邬岚为青湖区水务局局长，免去卜海川的青湖区水务局局长职务。",
)
#: The news item as a .txt holds it.
TEXT = "\n".join(LINES) + "\n"

#: Furniture a page prints around the item, each a line of the page's text.
FURNITURE_LINES = (
    "首页 人大概况 人大新闻 代表工作",
    "当前位置：首页 > 人大新闻",
    "来源：青湖人大网\xa0时间：2024年5月9日",
    "【字号 大 中 小】【打印】【关闭窗口】",
    "分享到：微信 微博",
    "上一篇：青湖区召开河长制工作推进会",
    "相关报道",
    "明川市青湖区第九届人民代表大会常务委员会第二次会议召开",
    "版权所有：明川市青湖区人大常委会办公室 ICP备00000000号",
)


def html_page(charset: str = "utf-8", *, meta_charset: str | None = None) -> bytes:
    """The item as a saved page: furniture, scripts, comments, in ``charset``."""
    declared = meta_charset or charset
    body = "".join(f"<p>{line}</p>\n" for line in LINES[1:])
    page = f"""<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={declared}">
<title>{TITLE}_明川市青湖区人大常委会</title>
<meta name="PubDate" content="2024-05-09 10:30">
<style>p {{ margin: 0 }} .nav {{ color: red }}</style>
<script>var 统计 = "会议由某某主持";</script>
</head><body>
<header><nav><a href="/">首页</a> <a href="/gk">人大概况</a>
<a href="/xw">人大新闻</a> <a href="/db">代表工作</a></nav></header>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xw">人大新闻</a></div>
<!-- 正文开始 会议由某某主持 -->
<div class="article">
<h1>{TITLE}</h1>
<div class="info">来源：青湖人大网&nbsp;时间：2024年5月9日</div>
<div class="content">
{body}</div>
<noscript>请开启脚本</noscript>
<template><p>模板里的文字</p></template>
<div class="tools">【字号 <a>大</a> <a>中</a> <a>小</a>】【<a>打印</a>】【<a>关闭窗口</a>】</div>
<div class="bdsharebuttonbox">分享到：<a>微信</a> <a>微博</a></div>
<div class="prevnext">上一篇：<a href="/1">青湖区召开河长制工作推进会</a></div>
</div>
<div class="related"><h3>相关报道</h3><ul>
<li><a href="/2">明川市青湖区第九届人民代表大会常务委员会第二次会议召开</a></li>
</ul></div>
<footer><p>版权所有：明川市青湖区人大常委会办公室 ICP备00000000号</p></footer>
<script>document.write("打印")</script>
</body></html>
"""
    return page.encode(charset)


def pdf_bytes(pages: list[list[str]]) -> bytes:
    """A PDF with a text layer in a CJK font: one list of lines per page."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    for lines in pages:
        pdf.setFont("STSong-Light", 9)
        for i, line in enumerate(lines):
            pdf.drawString(40, 800 - 14 * i, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def fact_rows(facts: DocumentFacts) -> dict[str, list[tuple]]:
    """Facts projected as the competency queries see them, without provenance."""
    hidden = {"source", "quote", "start", "end", "prefix", "suffix"}
    return {
        family: sorted(
            tuple(sorted((k, v or "") for k, v in row.items() if k not in hidden))
            for row in rows
        )
        for family, rows in rows_from_facts([facts]).items()
    }
