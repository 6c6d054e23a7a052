r"""``graph.nq`` as gongbao writes it, read as bytes: in pieces, line by line.

Every line is one quad ending in its named graph (``... <graph> .``), so the file
can be read in large pieces cut at line ends (bounded memory, one C-level read
per piece) and a line's graph told without parsing it.

>>> import tempfile, pathlib
>>> nq = pathlib.Path(tempfile.mkdtemp()) / "graph.nq"
>>> _ = nq.write_bytes(b'<s:a> <p:b> "c" <g:1> .\n<s:a> <p:b> "d" <g:2> .\n')
>>> [graph_of(line) for piece in pieces(nq, 8) for line in piece.splitlines()]
['g:1', 'g:2']
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

__all__ = ["PIECE_BYTES", "graph_of", "pieces"]

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
