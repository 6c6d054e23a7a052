"""Read input files into :class:`~extract.records.SourceDocument` objects.

What is published, by suffix (one reader module each):

======================  =====================================  ==========
suffix                  read by                                ``format``
======================  =====================================  ==========
``.txt``                :func:`extract.decoding.decode`        ``txt``
``.md``                 :func:`extract.decoding.decode`        ``md``
``.html``, ``.htm``     :func:`extract.html.read_html`         ``html``
``.pdf``                :func:`extract.pdf.read_pdf`           ``pdf``
``.csv``                :func:`extract.tabular.read_rows`      ``csv``
``.jsonl``, ``.ndjson`` :func:`extract.tabular.read_rows`      ``jsonl``
======================  =====================================  ==========

A dataset (``.csv``, ``.jsonl``) gives one document per row, so the general
reader is :func:`read_documents`; :func:`read_document` reads a one-document
file. A ``sources.tsv`` beside a file gives its URL, date and title
(:mod:`extract.crawl`). Bad input raises :class:`~gongbao.errors.InputError`
with a one-line reason naming the file (or the row, ``scrape.csv#7``).

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = path.write_bytes("会议由王明主持。".encode("gb18030"))
>>> read_document(path).encoding
'gb18030'
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from .crawl import CRAWL_FILE, crawl_record, with_record
from .decoding import decode
from .files import MAX_BYTES, display_name, read_bytes
from .html import read_html
from .pdf import read_pdf
from .records import SourceDocument
from .tabular import read_rows

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "SUFFIXES",
    "decode",
    "iter_input_files",
    "iter_input_paths",
    "read_document",
    "read_documents",
]

#: Input file suffix -> the ``format`` of what it holds.
FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

#: Input file suffixes gongbao reads.
SUFFIXES = tuple(sorted(FORMATS))


_DATASETS = ("csv", "jsonl")

#: ``on_skip(path, reason)``: told of each file in a folder that is not read.
SkipHandler = Callable[[str, str], None]


def iter_input_paths(
    inputs: Iterable[Path], *, on_skip: SkipHandler | None = None
) -> Iterator[Path]:
    """Yield input files: files as given, folders searched for :data:`SUFFIXES`.

    Folders are walked in sorted order so a build is deterministic. Every other
    entry of a folder (another suffix, a hidden file or folder, a broken link, a
    gongbao build folder) is passed to ``on_skip`` with the reason, except
    ``sources.tsv``, which is read with the files it describes. A named file of
    another suffix, and a path that does not exist, raise :class:`InputError`.
    """
    for path, _ in iter_input_files(inputs, on_skip=on_skip):
        yield path


def iter_input_files(
    inputs: Iterable[Path], *, on_skip: SkipHandler | None = None
) -> Iterator[tuple[Path, str]]:
    """Yield ``(path, name)`` of each input file (see :func:`iter_input_paths`).

    A document's name is its identity: the path relative to the folder given
    (``2021/01.txt`` and ``2022/01.txt`` are two documents), or the file name of
    a file given by itself, made printable by :func:`display_name`.

    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for year in ("2021", "2022"):
    ...     (root / year).mkdir()
    ...     _ = (root / year / "01.txt").write_text("会议", encoding="utf-8")
    >>> [name for _, name in iter_input_files([root])]
    ['2021/01.txt', '2022/01.txt']
    """
    for path in inputs:
        path = Path(path)
        if path.is_dir():
            for found in _walk(path, on_skip):
                yield found, display_name(found.relative_to(path).as_posix())
        elif path.is_file():
            _format(path)
            yield path, display_name(path.name)
        else:
            raise InputError(display_name(str(path)), "no such file or folder")


def read_documents(
    path: Path,
    *,
    max_bytes: int = MAX_BYTES,
    name: str | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[SourceDocument]:
    """The documents of one input file: one, or one per row of a dataset.

    ``name`` is the document's identity (see :func:`iter_input_files`; the file
    name by default); a dataset's rows are ``name#n``. ``on_error`` gets each
    bad dataset row's error (the row is skipped); without it a bad row raises. A
    file that cannot be read at all always raises.
    """
    path = Path(path)
    if _format(path) in _DATASETS:
        yield from read_rows(
            path, max_chars=max_bytes, max_bytes=max_bytes, name=name, on_error=on_error
        )
    else:
        yield read_document(path, max_bytes=max_bytes, name=name)


def read_document(
    path: Path, *, max_bytes: int = MAX_BYTES, name: str | None = None
) -> SourceDocument:
    """Read and decode one single-document input file (named ``name``)."""
    path = Path(path)
    fmt = _format(path)
    label = display_name(str(path))
    name = name or display_name(path.name)
    if fmt in _DATASETS:
        raise InputError(
            label, "holds one document per row", "read it with read_documents()"
        )
    raw = read_bytes(path, max_bytes=max_bytes)
    if fmt == "html":
        source = dataclasses.replace(read_html(raw, label), name=name)
    elif fmt == "pdf":
        source = dataclasses.replace(read_pdf(raw, label), name=name)
    else:
        text, encoding = decode(raw, name=label)
        source = SourceDocument(
            name=name,
            path=label,
            text=text,
            encoding=encoding,
            sha256=hashlib.sha256(raw).hexdigest(),
            format=fmt,
        )
    return with_record(source, crawl_record(path))


def _format(path: Path) -> str:
    """The format of a file by its suffix; another suffix is an InputError."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is not None:
        return fmt
    if path.name == CRAWL_FILE:
        raise InputError(
            display_name(str(path)),
            "is a crawler's record of its folder, not a document",
            "build the folder holding it",
        )
    raise InputError(
        display_name(str(path)),
        f"unsupported file type {path.suffix or '(no suffix)'}",
        f"gongbao reads {' '.join(SUFFIXES)}",
    )


#: Files that mark a folder as a gongbao build (its views are not bulletins).
_BUILD_MARKS = ("manifest.json", "graph.nq")


def _walk(root: Path, on_skip: SkipHandler | None) -> Iterator[Path]:
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []

    def unlisted(err: OSError) -> None:
        reason = f"folder cannot be listed: {err.strerror or err}"
        skipped.append((Path(err.filename or root), reason))

    for folder, dirs, files in os.walk(root, onerror=unlisted):
        here = Path(folder)
        for name in list(dirs):
            if name.startswith("."):
                skipped.append((here / name, "hidden folder, not searched"))
                dirs.remove(name)
            elif (here / name).is_symlink():
                skipped.append((here / name, "link to a folder, not followed"))
            elif all((here / name / mark).is_file() for mark in _BUILD_MARKS):
                skipped.append((here / name, "a gongbao build folder, not searched"))
                dirs.remove(name)
        for name in files:
            reason = _skip_reason(here / name)
            if reason is None:
                found.append(here / name)
            elif reason:
                skipped.append((here / name, reason))
    if on_skip is not None:
        for path, reason in sorted(skipped):
            on_skip(display_name(str(path)), reason)
    yield from sorted(found)


def _skip_reason(path: Path) -> str | None:
    """Why a file in a folder is not read; ``None`` when it is, ``""`` if silently."""
    if path.name == CRAWL_FILE:
        return ""
    if path.name.startswith("."):
        return "hidden file"
    if not path.exists():
        return "broken symbolic link"
    if not path.is_file():
        return "not a regular file"
    if path.suffix.lower() not in FORMATS:
        kind = path.suffix or "(no suffix)"
        return f"unsupported file type {kind} (gongbao reads {' '.join(SUFFIXES)})"
    return None
