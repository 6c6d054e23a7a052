"""Read input files into :class:`~extract.records.SourceDocument` objects.

Bulletins arrive as UTF-8 or as GB18030/GBK (the superset is tried, so GBK and
GB2312 decode too); anything else is detected with charset-normalizer. Bad input
raises :class:`~extract.errors.InputError` with a one-line reason naming the file:
empty, binary, too large, undecodable, or truncated in the middle of a character.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = path.write_bytes("会议由王明主持。".encode("gb18030"))
>>> read_document(path).encoding
'gb18030'
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .records import SourceDocument

__all__ = ["MAX_BYTES", "SUFFIXES", "decode", "iter_input_paths", "read_document"]

#: Input file suffixes gongbao reads.
SUFFIXES = (".txt",)

#: Largest file read, in bytes: a bulletin issue is well under 5 MB of text.
MAX_BYTES = 64 * 1024 * 1024

_CONTROL = {c for c in range(32) if chr(c) not in "\t\n\r\f\v"}


def iter_input_paths(inputs: Iterable[Path]) -> Iterator[Path]:
    """Yield input files: files as given, folders searched for ``SUFFIXES``.

    Folders are walked in sorted order so a build is deterministic. A path that
    does not exist raises :class:`InputError`.
    """
    for path in inputs:
        path = Path(path)
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            yield path
        else:
            raise InputError(str(path), "no such file or folder")


def read_document(path: Path, *, max_bytes: int = MAX_BYTES) -> SourceDocument:
    """Read and decode one input file."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                str(path),
                f"file is {size:,} bytes, over the {max_bytes:,}-byte limit",
                "split the issue into smaller files",
            )
        raw = path.read_bytes()
    except OSError as err:
        raise InputError(str(path), f"cannot read: {err.strerror or err}") from err
    text, encoding = decode(raw, name=str(path))
    return SourceDocument(
        name=path.name,
        path=str(path),
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def decode(raw: bytes, *, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a bulletin's bytes; return ``(text, encoding)``.

    >>> decode("公报".encode("utf-8"))
    ('公报', 'utf-8')
    """
    if not raw.strip():
        raise InputError(name, "file is empty", "nothing to extract")
    if b"\x00" in raw[:65536]:
        raise InputError(name, "file is binary (contains NUL bytes), not text")
    if raw.startswith(b"%PDF"):
        raise InputError(name, "file is a PDF", "extract its text to .txt first")
    text = encoding = None
    for candidate in ("utf-8-sig", "gb18030"):
        try:
            text, encoding = raw.decode(candidate), candidate
            break
        except UnicodeDecodeError as err:
            if candidate == "utf-8-sig" and _truncated_utf8(raw, err):
                raise InputError(
                    name, "UTF-8 text is truncated in the middle of a character"
                ) from err
    if text is None:
        text, encoding = _detect(raw, name)
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    controls = sum(1 for ch in text[:65536] if ord(ch) in _CONTROL)
    if controls > max(8, len(text[:65536]) // 100):
        raise InputError(name, f"file looks binary ({controls} control characters)")
    if _cjk_share(text) < 0.05:
        raise InputError(
            name,
            f"decoded as {encoding} but holds almost no Chinese text",
            "is this a bulletin?",
        )
    return text, encoding


def _truncated_utf8(raw: bytes, err: UnicodeDecodeError) -> bool:
    """True when the only decoding problem is an incomplete last character."""
    return err.start >= len(raw) - 3 and err.reason == "unexpected end of data"


def _detect(raw: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise InputError(
            name,
            "cannot decode: neither UTF-8 nor GB18030, and no encoding detected",
            "convert the file to UTF-8",
        )
    return str(best), best.encoding


def _cjk_share(text: str) -> float:
    sample = text[:20000]
    letters = [ch for ch in sample if not ch.isspace()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if "\u3400" <= ch <= "\u9fff") / len(letters)
