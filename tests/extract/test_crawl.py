from pathlib import Path

import pytest

from gongbao.errors import InputError
from gongbao.extract.crawl import CrawlRecord, crawl_record, read_crawl, with_record
from gongbao.extract.records import SourceDocument

PAGE = SourceDocument(
    "a.html",
    "a.html",
    "会议。",
    "utf-8",
    "0" * 64,
    format="html",
    url="https://qinghu.example.cn/a.html",
    published="2024-05-10",
    title="页面标题",
)


def _tsv(folder: Path, text: str) -> Path:
    path = folder / "sources.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_crawl_reads_columns_in_any_order_each_optional(tmp_path: Path):
    _tsv(
        tmp_path,
        "title\tfile\turl\na 标题\ta.html\thttp://e.cn/a\n\tb.txt\t\nnotes\n",
    )
    records = read_crawl(tmp_path / "sources.tsv")
    assert records == {
        "a.html": CrawlRecord(url="http://e.cn/a", title="a 标题"),
        "b.txt": CrawlRecord(),
    }
    assert crawl_record(tmp_path / "a.html").url == "http://e.cn/a"
    assert crawl_record(tmp_path / "c.html") is None


def test_crawl_without_a_file_column_is_an_error_naming_it(tmp_path: Path):
    path = _tsv(tmp_path, "url\tpublished\nhttp://e.cn/a\t\n")
    with pytest.raises(InputError, match="sources.tsv: has no `file` column"):
        read_crawl(path)


def test_crawl_record_wins_where_it_says_something():
    record = CrawlRecord(url="http://e.cn/2018-04/27/1.htm", title="记录的标题")
    doc = with_record(PAGE, record)
    assert doc.url == record.url and doc.title == "记录的标题"
    assert doc.published == "2018-04-27"  # the URL's date beats the page's own


@pytest.mark.parametrize(
    ("record", "published"),
    [
        (CrawlRecord(published="2019-03-29"), "2019-03-29"),
        (CrawlRecord(published="2019年3月29日"), "2019-03-29"),
        (CrawlRecord(url="http://e.cn/201604/1.html"), "2024-05-10"),  # month only
        (CrawlRecord(), "2024-05-10"),
        (None, "2024-05-10"),
    ],
)
def test_crawl_published_precedence(record, published):
    assert with_record(PAGE, record).published == published


def test_crawl_record_changes_follow_the_file(tmp_path: Path):
    _tsv(tmp_path, "file\turl\na.html\thttp://e.cn/1\n")
    assert crawl_record(tmp_path / "a.html").url == "http://e.cn/1"
    _tsv(tmp_path, "file\turl\na.html\thttp://e.cn/22\n")
    assert crawl_record(tmp_path / "a.html").url == "http://e.cn/22"
