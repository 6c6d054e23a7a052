r"""The Oxigraph store a build writes and every reader opens.

A build bulk-loads ``graph.nq`` (one named graph per source document) into
``DIR/store/``; readers open it read-only, so queries, views and the SPARQL
endpoint can run side by side.

>>> import tempfile, pathlib
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> _ = (tmp / "g.nq").write_text(
...     '<https://e.org/s> <https://e.org/p> "一" <https://e.org/g> .\n',
...     encoding="utf-8")
>>> load_nquads(tmp / "store", tmp / "g.nq")
1
>>> load_nquads(tmp / "store2", tmp / "g.nq", chunk_bytes=10)  # a piece per line
1
>>> len(list(open_store(tmp / "store")))
1
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

from ..extract.errors import InputError

__all__ = ["CHUNK_BYTES", "load_nquads", "open_store"]


#: Bytes of N-Quads given to one bulk load: the store's memory while loading
#: grows with what one load holds, not with the graph.
CHUNK_BYTES = 32 * 2**20


def load_nquads(
    store_dir: Path, nquads: Path, *, chunk_bytes: int = CHUNK_BYTES
) -> int:
    """Bulk-load an N-Quads file into a new store at ``store_dir``; quads loaded.

    The file is loaded in pieces of about ``chunk_bytes`` (cut at line ends), so
    peak memory stays bounded however large the graph is.
    """
    store_dir = Path(store_dir)
    store_dir.mkdir(parents=True, exist_ok=True)
    store = pyoxigraph.Store(str(store_dir))
    with Path(nquads).open("rb") as lines:
        while piece := lines.read(chunk_bytes):
            piece += lines.readline()
            store.bulk_load(input=piece, format=pyoxigraph.RdfFormat.N_QUADS)
    store.flush()
    count = len(store)
    del store
    return count


def open_store(store_dir: Path, *, writable: bool = False) -> pyoxigraph.Store:
    """Open a built store, read-only unless ``writable``."""
    store_dir = Path(store_dir)
    if not store_dir.is_dir():
        raise InputError(
            store_dir, "no Oxigraph store here", "run `gongbao build` first"
        )
    try:
        if writable:
            return pyoxigraph.Store(str(store_dir))
        return pyoxigraph.Store.read_only(str(store_dir))
    except OSError as err:
        raise InputError(store_dir, f"cannot open the store ({err})") from err
