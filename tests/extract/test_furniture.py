import pytest

from gongbao.extract.furniture import (
    furniture_lines,
    is_furniture_line,
    is_furniture_name,
    merge_spans,
)


@pytest.mark.parametrize(
    "line",
    [
        "下载",
        "【打印本页】 【关闭窗口】",
        "【字号 大 中 小】",
        "字号：大 中 小",
        "来源：青湖日报  时间：2024年5月9日",
        "發布時間:2021/8/12 15:45:50",
        "责任编辑：葛欣然",
        "版权所有 © 明川市青湖区人民政府",
        "Copyright 2024 qinghu.example.cn All Rights Reserved",
        "上一篇：青湖区召开河长制工作推进会",
        "下一篇 明川市召开植树节动员会",
        "分享到：",
        "相关报道",
    ],
)
def test_furniture_lines_recognised(line):
    assert is_furniture_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "会议由区人大常委会主任罗清源主持。",
        "时间：2024年5月8日上午9时",  # a meeting notice prints its own 时间
        "会议决定任命邬岚为青湖区水务局局长。",
        "区人民政府关于打印机采购情况的报告",
        "",
    ],
)
def test_furniture_lines_leave_prose_alone(line):
    assert not is_furniture_line(line)


def test_furniture_lines_spans_point_at_the_line():
    text = "会议举行。\n  【打印】 \n会议结束。\n责任编辑：葛欣然"
    spans = furniture_lines(text)
    assert [text[s:e] for s, e in spans] == ["【打印】", "责任编辑：葛欣然"]


@pytest.mark.parametrize(
    ("name", "furniture"),
    [
        ("nav", True),
        ("main-nav clearfix", True),
        ("breadcrumbs", True),
        ("footer_wrap", True),
        ("bdsharebuttonbox", True),
        ("relatedNews", True),
        ("foot", True),
        ("position", True),
        ("footnote", False),
        ("article-content", False),
        ("canvas", False),
    ],
)
def test_furniture_names(name, furniture):
    assert is_furniture_name(name) is furniture


def test_furniture_merge_spans():
    assert merge_spans([(3, 5), (0, 1), (4, 8), (8, 9), (2, 2)]) == ((0, 1), (3, 9))
