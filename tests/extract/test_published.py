import pytest

from gongbao.extract.published import dateline_date, iso_date, url_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024-05-09", "2024-05-09"),
        ("2024-05-09T10:30:00+08:00", "2024-05-09"),
        ("2021/8/12 15:45:50", "2021-08-12"),
        ("2021.8.12", "2021-08-12"),
        ("20210812", "2021-08-12"),
        ("2021-08-12-15:45:50", "2021-08-12"),
        ("2024年5月9日", "2024-05-09"),
        ("二〇二四年五月九日", "2024-05-09"),
        ("5月9日", ""),
        ("2024-02-30", ""),
        ("", ""),
    ],
)
def test_published_iso_date(text, iso):
    assert iso_date(text) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("发布时间：2021/8/12 15:45:50", "2021-08-12"),
        ("發布時間:2021/8/12", "2021-08-12"),
        ("来源：青湖日报 时间：2023年3月10日", "2023-03-10"),
        ("青湖区人大常委会办公室 2023-03-10编印", "2023-03-10"),
        ("时间：2024年5月8日上午9时\n地点：会议室", ""),
        ("会议于2024年5月8日举行。", ""),
    ],
)
def test_published_dateline_date(text, iso):
    assert dateline_date(text) == iso


@pytest.mark.parametrize(
    ("url", "iso"),
    [
        ("http://news.example.cn/2018-04/27/content_1.htm", "2018-04-27"),
        ("http://news.example.cn/system/2015/01/06/0123.shtml", "2015-01-06"),
        ("https://example.cn/pc/con/202405/29/content_3.html", "2024-05-29"),
        ("https://example.gov.cn/xw/20150320/3706f8d3.html", "2015-03-20"),
        ("https://example.cn/hexian/201604/809421.html", ""),
        ("https://example.cn/html/2011/qh_1011/11866.shtml", ""),
        ("https://example.gov.cn/article.html?id=7182", ""),
        ("", ""),
    ],
)
def test_published_url_date(url, iso):
    assert url_date(url) == iso
