r"""Read a scraped dataset: one document per row of a ``.csv`` or ``.jsonl`` file.

The text is the first of the columns :data:`TEXT_COLUMNS` a row has (the header
of a CSV; each object's own keys in JSON Lines). A file whose header (or first
object) has none is an :class:`~gongbao.errors.InputError` naming it and the
columns it has.
:data:`URL_COLUMNS`, :data:`PUBLISHED_COLUMNS` and :data:`TITLE_COLUMNS` give the
row's provenance, with the precedence of :func:`extract.crawl.with_record`.
Column names compare without case and padding.

Each row is its own :class:`~extract.records.SourceDocument`: named
``<file>#<n>`` (``n`` counts data rows from 1, so names are stable while the file
is), with the file as its path and the SHA-256 of its text. A bad row (no text,
not Chinese, not a JSON object) goes to ``on_error`` named ``<path>#<n>`` and is
skipped; the other rows still come.

CSV files are UTF-8 (with or without a byte-order mark) or GB18030; the file is
streamed, never held whole.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "scrape.csv"
>>> _ = path.write_text("标题,正文,链接\n会议,会议由罗清源主持。,http://e.cn/1\n",
...                     encoding="utf-8-sig")
>>> [(d.name, d.title, d.url) for d in read_rows(path)]
[('scrape.csv#1', '会议', 'http://e.cn/1')]
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError
from .crawl import CrawlRecord, with_record
from .decoding import check_text
from .files import check_size, display_name
from .records import SourceDocument

__all__ = [
    "PUBLISHED_COLUMNS",
    "TEXT_COLUMNS",
    "TITLE_COLUMNS",
    "URL_COLUMNS",
    "read_rows",
]

#: Columns that hold a row's text, the first present wins.
TEXT_COLUMNS = ("text", "content", "body", "正文", "内容")
#: Columns that hold a row's URL.
URL_COLUMNS = ("url", "link", "链接")
#: Columns that hold a row's publication date.
PUBLISHED_COLUMNS = ("published", "date", "发布时间", "time")
#: Columns that hold a row's title.
TITLE_COLUMNS = ("title", "标题")

_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_CHUNK = 1 << 20


def read_rows(
    path: str | Path,
    *,
    max_chars: int | None = None,
    max_bytes: int | None = None,
    name: str | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[SourceDocument]:
    """One document per good row of a CSV or JSON Lines file.

    ``on_error(err)`` gets each bad row's :class:`InputError`; without it the
    first bad row raises. A row's text over ``max_chars`` characters is bad; a
    file over ``max_bytes`` is refused before it is read. Rows are named
    ``name#n`` (``name`` is the file name unless given).
    """
    path = Path(path)
    label = display_name(str(path))
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(label, "not a .csv, .jsonl or .ndjson dataset")
    if max_bytes is not None:
        check_size(path, max_bytes=max_bytes)
    name = name or display_name(path.name)
    encoding = _encoding(path)
    rows = _csv_rows(path, encoding) if fmt == "csv" else _jsonl_rows(path, encoding)
    columns = None
    number = 0
    for number, row in enumerate(rows, start=1):
        if columns is None and not isinstance(row, InputError):
            columns = _columns(row, label)  # no text column: the file stops here
        try:
            if isinstance(row, InputError):
                raise InputError(f"{label}#{number}", row.problem, row.fix)
            if fmt == "jsonl":  # each object names its own keys
                columns = _columns(row, f"{label}#{number}")
            yield _document(
                row, columns, (path, label, name), number, fmt, encoding, max_chars
            )
        except InputError as err:
            if on_error is None:
                raise
            on_error(err)
    if not number:
        raise InputError(label, "has no data rows", "nothing to extract")


def _document(row, columns, where, number, fmt, encoding, max_chars):
    path, file_label, name = where
    label = f"{file_label}#{number}"
    text_column, url_column, published_column, title_column = columns
    text = _cell(row, text_column).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(label, f"empty text (column {text_column!r})")
    if max_chars is not None and len(text) > max_chars:
        raise InputError(
            label, f"text is {len(text):,} characters, over the {max_chars:,} limit"
        )
    check_text(text, name=label)
    source = SourceDocument(
        name=f"{name}#{number}",
        path=file_label,
        text=text,
        encoding=encoding.removesuffix("-sig"),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        format=fmt,
    )
    record = CrawlRecord(
        url=_cell(row, url_column).strip(),
        published=_cell(row, published_column),
        title=_cell(row, title_column),
    )
    return with_record(source, record)


def _columns(row: dict, name: str) -> tuple[str, str | None, str | None, str | None]:
    """The row's text, URL, date and title keys, by :data:`TEXT_COLUMNS` etc."""
    by_name = {str(key).strip().lower(): key for key in row}
    picked = [
        next((by_name[c] for c in candidates if c in by_name), None)
        for candidates in (TEXT_COLUMNS, URL_COLUMNS, PUBLISHED_COLUMNS, TITLE_COLUMNS)
    ]
    if picked[0] is None:
        found = ", ".join(str(key) for key in row) or "none"
        raise InputError(
            name,
            f"no text column (it has: {found})",
            f"name the text column one of {', '.join(TEXT_COLUMNS)}",
        )
    return tuple(picked)


def _cell(row: dict, key) -> str:
    if key is None:
        return ""
    value = row.get(key)
    return "" if value is None else str(value)


def _encoding(path: Path) -> str:
    """UTF-8 (BOM or not) or GB18030, checked over the whole file in chunks."""
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as stream:
                while chunk := stream.read(_CHUNK):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        except OSError as err:
            raise InputError(
                display_name(str(path)), f"cannot read: {err.strerror or err}"
            ) from err
        return encoding
    raise InputError(
        display_name(str(path)),
        "cannot decode: neither UTF-8 nor GB18030",
        "save it as UTF-8",
    )


def _csv_rows(path: Path, encoding: str) -> Iterator[dict]:
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))
    with path.open(encoding=encoding, newline="") as stream:
        yield from csv.DictReader(stream)


def _jsonl_rows(path: Path, encoding: str) -> Iterator[dict | InputError]:
    with path.open(encoding=encoding) as stream:
        for line in stream:
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                problem = f"not JSON: {err.msg} at column {err.colno}"
                yield InputError(display_name(str(path)), problem)
                continue
            if not isinstance(row, dict):
                yield InputError(display_name(str(path)), "not a JSON object")
                continue
            yield row
