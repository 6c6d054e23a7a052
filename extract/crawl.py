r"""What a crawler recorded about the files it saved: ``sources.tsv``.

A folder of saved pages may hold ``sources.tsv``: tab-separated, a header row,
columns ``file`` (a file's name in that folder), ``url``, ``published`` and
``title``, each optional but ``file``. It is metadata, never a document. Its
record is the crawler's word on a file, so it wins over what the file says of
itself; where it leaves a column empty the file's own metadata stands.

The publication date, in order: the record's ``published``, else a full date in
the URL (``/2018-04/27/``), else the page's own (a ``<meta>`` or a dateline).
Dates are kept only as full ISO dates.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "sources.tsv").write_text(
...     "file\turl\tpublished\na.html\thttp://example.cn/2024-05/09/1.htm\t\n",
...     encoding="utf-8")
>>> crawl_record(folder / "a.html")
CrawlRecord(url='http://example.cn/2024-05/09/1.htm', published='', title='')
>>> doc = SourceDocument("a.html", "a.html", "会议。", "utf-8", "", title="会议")
>>> with_record(doc, crawl_record(folder / "a.html")).published
'2024-05-09'
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from .decoding import decode_bytes
from .files import display_name, read_bytes
from .published import iso_date, url_date
from .records import SourceDocument

__all__ = ["CRAWL_FILE", "CrawlRecord", "crawl_record", "read_crawl", "with_record"]

#: The crawler's record of a folder.
CRAWL_FILE = "sources.tsv"

_COLUMNS = ("file", "url", "published", "title")


@dataclass(frozen=True, slots=True)
class CrawlRecord:
    """A crawler's record of one saved file; ``""`` where it recorded nothing."""

    url: str = ""
    published: str = ""  # as recorded; :func:`with_record` keeps full dates only
    title: str = ""


def read_crawl(path: Path) -> dict[str, CrawlRecord]:
    """The records of a ``sources.tsv``, by file name.

    A file without a ``file`` column is an :class:`InputError` naming it.
    """
    path = Path(path)
    raw = read_bytes(path)
    text, _ = decode_bytes(raw, name=display_name(str(path)))
    rows = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [cell.strip().lower() for cell in next(rows, [])]
    if "file" not in header:
        found = ", ".join(header) or "nothing"
        raise InputError(
            str(path),
            f"has no `file` column (header: {found})",
            "its header row must name the columns file, url, published, title",
        )
    where = {name: header.index(name) for name in _COLUMNS if name in header}
    records = {}
    for row in rows:
        cells = {
            name: row[i].strip() if i < len(row) else "" for name, i in where.items()
        }
        name = cells.pop("file")
        if name:
            records[name] = CrawlRecord(**cells)
    return records


def crawl_record(path: Path) -> CrawlRecord | None:
    """The record of ``path`` in the ``sources.tsv`` beside it, if it has one."""
    path = Path(path)
    tsv = path.parent / CRAWL_FILE
    try:
        stat = tsv.stat()
    except OSError:
        return None
    return _records(tsv, stat.st_mtime_ns, stat.st_size).get(path.name)


@lru_cache(maxsize=64)
def _records(tsv: Path, mtime_ns: int, size: int) -> dict[str, CrawlRecord]:
    return read_crawl(tsv)


def with_record(
    source: SourceDocument, record: CrawlRecord | None = None
) -> SourceDocument:
    """``source`` with the crawler's record applied (see the module docstring).

    Without a record, a date in the page's own URL still dates it.
    """
    record = record or CrawlRecord()
    url = record.url or source.url
    published = iso_date(record.published) or url_date(url) or source.published
    title = " ".join(record.title.split()) or source.title
    if (url, published, title) == (source.url, source.published, source.title):
        return source
    return replace(source, url=url, published=published, title=title)
