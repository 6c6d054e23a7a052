r"""``graph.nq`` as gongbao writes it, read as bytes: in pieces, line by line.

Every line is one quad ending in its named graph (``... <graph> .``), so the file
can be read in large pieces cut at line ends (bounded memory, one C-level read
per piece) and a line's graph told without parsing it.

>>> import tempfile, pathlib
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> nq = tmp / "graph.nq"
>>> _ = nq.write_bytes(b'<s:a> <p:b> "c" <g:1> .\n<s:a> <p:b> "d" <g:2> .\n')
>>> [graph_of(line) for piece in pieces(nq, 8) for line in piece.splitlines()]
['g:1', 'g:2']

A build plans ``graph.nq`` as a :class:`Spliced` file, byte ranges of the
cache's files, before it writes it; what it needs of the file meanwhile is read
from those ranges:

>>> planned = Spliced()
>>> planned.add(nq, 24), planned.add(nq, 0, 24)
(24, 24)
>>> planned.read(20, 30)
b'> .\n<s:a> '
>>> planned.add(nq, 24, 30), len(planned._parts)  # goes on: one part, one copy
(6, 2)
>>> planned.read(40, 54)
b'<g:1> .\n<s:a> '
>>> planned.write(tmp / "swapped.nq")
>>> (tmp / "swapped.nq").read_bytes() == nq.read_bytes()[24:] + nq.read_bytes()[:30]
True
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterator
from pathlib import Path

__all__ = ["PIECE_BYTES", "Spliced", "copy_range", "graph_of", "pieces"]

#: Bytes read at a time, before the rest of the line the piece ends in.
PIECE_BYTES = 1 << 22


def pieces(path: Path, size: int = PIECE_BYTES) -> Iterator[bytes]:
    """The file in pieces of whole lines, each about ``size`` bytes or one line."""
    with Path(path).open("rb") as lines:
        while piece := lines.read(size):
            yield piece + lines.readline()


def graph_of(line: bytes) -> str:
    """The named graph of one N-Quads line as gongbao writes them (``<g> .``)."""
    end = line.rfind(b"> .")
    return line[line.rfind(b" <", 0, end) + 2 : end].decode()


class Spliced:
    """A file made of byte ranges of other files, in order, planned before written.

    Its bytes can be read (:meth:`read`) from the files it is made of before
    it is written, or without it ever being written; :meth:`write` makes it
    with the kernel's copies (:func:`copy_range`). The files must not change
    in between.
    """

    def __init__(self) -> None:
        self._parts: list[tuple[Path, int, int]] = []
        self._ends: list[int] = []  # where each part ends in this file
        self.size = 0

    def add(self, path: Path, start: int = 0, end: int | None = None) -> int:
        """Append bytes ``[start, end)`` of ``path`` (to its end); how many.

        A range that goes on from the last one of the same file extends it:
        one copy, not one per range.
        """
        if end is None:
            end = Path(path).stat().st_size
        if end > start:
            path = Path(path)
            last = self._parts[-1] if self._parts else None
            if last is not None and last[0] == path and last[2] == start:
                self._parts[-1] = (path, last[1], end)
                self._ends[-1] += end - start
            else:
                self._parts.append((path, start, end))
                self._ends.append(self.size + end - start)
            self.size += end - start
        return max(end - start, 0)

    def read(self, start: int, end: int) -> bytes:
        """Bytes ``[start, end)`` of this file, read from its parts."""
        out = []
        i = bisect.bisect_right(self._ends, start)
        while start < end and i < len(self._parts):
            path, first, last = self._parts[i]
            offset = self._ends[i] - (last - first)  # where this part begins
            lo = first + start - offset
            hi = min(last, first + end - offset)
            with path.open("rb") as data:
                data.seek(lo)
                out.append(data.read(hi - lo))
            start += hi - lo
            i += 1
        return b"".join(out)

    def write(self, target: Path) -> None:
        """Write this file at ``target``."""
        with Path(target).open("wb", buffering=0) as out:
            for path, start, end in self._parts:
                copy_range(path, out, start, end)


def copy_range(source: Path, out, start: int = 0, end: int | None = None) -> int:
    """Append bytes ``[start, end)`` of ``source`` (all of it) to ``out``; how many.

    ``out`` is an unbuffered file; the kernel copies, where it can (and Python
    does not hold its lock meanwhile).
    """
    with Path(source).open("rb", buffering=0) as data:
        end = os.fstat(data.fileno()).st_size if end is None else end
        at = start
        try:
            while at < end:
                sent = os.copy_file_range(data.fileno(), out.fileno(), end - at, at)
                if sent == 0:
                    break
                at += sent
        except (AttributeError, OSError):  # no copy_file_range here: copy in Python
            data.seek(at)
            while at < end and (chunk := data.read(min(end - at, 1 << 20))):
                out.write(chunk)
                at += len(chunk)
        if at < end:
            raise OSError(f"{source} shrank while it was copied")
    return end - start
