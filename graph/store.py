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
>>> len(list(open_store(tmp / "store")))
1
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

from ..extract.errors import InputError

__all__ = ["load_nquads", "open_store"]


def load_nquads(store_dir: Path, nquads: Path) -> int:
    """Bulk-load an N-Quads file into a new store at ``store_dir``; quads loaded."""
    store_dir = Path(store_dir)
    store_dir.mkdir(parents=True, exist_ok=True)
    store = pyoxigraph.Store(str(store_dir))
    store.bulk_load(path=str(nquads), format=pyoxigraph.RdfFormat.N_QUADS)
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
