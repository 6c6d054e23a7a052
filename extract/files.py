r"""Every read of a user's file goes through here: sizes are checked first.

:func:`read_bytes` checks a file's size with ``stat`` before reading a byte, and
again while reading (a file that grows, a device that reports no size), so a
4 GB file costs nothing; :func:`check_size` is the same check for a file that
is streamed (a dataset). Both raise :class:`~gongbao.errors.InputError` naming
the file, the limit and how to raise it; an unreadable file is one naming the
reason ("Permission denied"), never a traceback.

:func:`display_name` makes a file name printable: bytes that are not UTF-8
become ``\xNN``, so a name can go into JSON, N-Quads, an IRI and a terminal.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = path.write_bytes(b"x" * 10)
>>> len(read_bytes(path))
10
>>> read_bytes(path, max_bytes=4)
Traceback (most recent call last):
...
gongbao.errors.InputError: ...: file is 10 bytes, over the 4-byte limit (split the file, or raise the limit with `gongbao build --max-mb N`)
"""  # noqa: E501

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError

__all__ = ["MAX_BYTES", "RAISE_LIMIT", "check_size", "display_name", "read_bytes"]

#: Largest file read, in bytes: an issue is well under 5 MB of text.
#: ``gongbao build --max-mb N`` (``max_bytes=`` in Python) raises it.
MAX_BYTES = 64 * 1024 * 1024

#: How a user raises :data:`MAX_BYTES`, said in every "too large" message.
RAISE_LIMIT = "split the file, or raise the limit with `gongbao build --max-mb N`"


def display_name(name: str | os.PathLike) -> str:
    r"""A file name as text that can be written anywhere (UTF-8, JSON, an IRI).

    >>> display_name(os.fsdecode(b"bad\xff.txt"))
    'bad\\xff.txt'
    """
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def read_bytes(
    path: str | os.PathLike,
    *,
    max_bytes: int = MAX_BYTES,
    fix: str = RAISE_LIMIT,
) -> bytes:
    """The bytes of a file, its size checked before anything is read."""
    path = Path(path)
    name = display_name(str(path))
    try:
        with path.open("rb") as stream:
            _check(name, os.fstat(stream.fileno()).st_size, max_bytes, fix)
            raw = stream.read(max_bytes + 1)
    except IsADirectoryError as err:
        raise InputError(name, "is a folder, not a file") from err
    except OSError as err:
        raise InputError(name, f"cannot read: {err.strerror or err}") from err
    if len(raw) > max_bytes:
        raise InputError(name, f"file is over the {_limit(max_bytes)} limit", fix)
    return raw


def check_size(
    path: str | os.PathLike, *, max_bytes: int = MAX_BYTES, fix: str = RAISE_LIMIT
) -> int:
    """The size of a file that will be streamed; over ``max_bytes`` raises."""
    name = display_name(str(path))
    try:
        size = os.stat(path).st_size
    except OSError as err:
        raise InputError(name, f"cannot read: {err.strerror or err}") from err
    _check(name, size, max_bytes, fix)
    return size


def _check(name: str, size: int, max_bytes: int, fix: str) -> None:
    if size > max_bytes:
        raise InputError(
            name, f"file is {size:,} bytes, over the {_limit(max_bytes)} limit", fix
        )


def _limit(max_bytes: int) -> str:
    if max_bytes >= 1 << 20:
        return f"{max_bytes / (1 << 20):g} MB"
    return f"{max_bytes:,}-byte"
