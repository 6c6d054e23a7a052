r"""The Oxigraph store a build writes and every reader opens.

A build bulk-loads ``graph.nq`` (one named graph per source document) into
``DIR/store/``, with the ontology and the SHACL shapes each in their own named
graph (:data:`ONTOLOGY_GRAPH`, :data:`SHAPES_GRAPH`), so a query can ask for a
class's label. Readers open it read-only through :func:`open_build`, so queries,
views and the SPARQL endpoint can run side by side.

>>> import tempfile, pathlib
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> _ = (tmp / "g.nq").write_text(
...     '<https://e.org/s> <https://e.org/p> "一" <https://e.org/g> .\n',
...     encoding="utf-8")
>>> load_nquads(tmp / "store", tmp / "g.nq")
1
>>> load_nquads(tmp / "store2", tmp / "g.nq", chunk_bytes=10)  # a piece per line
1
>>> load_nquads(tmp / "store3", tmp / "g.nq", chunk_bytes=10, threads=2)
1
>>> len(list(open_store(tmp / "store")))
1
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pyoxigraph

from .. import ontology
from ..errors import InputError
from .libc import libc_function
from .nqfile import pieces

__all__ = [
    "ONTOLOGY_FILE",
    "ONTOLOGY_GRAPH",
    "SHAPES_FILE",
    "SHAPES_GRAPH",
    "VOCABULARY_GRAPHS",
    "CHUNK_BYTES",
    "Opened",
    "built_dir",
    "load_nquads",
    "load_vocabulary",
    "open_build",
    "open_store",
    "store_errors",
]

#: The named graph holding ``ontology/gongbao.ttl`` (the ontology's own IRI).
ONTOLOGY_GRAPH = "https://w3id.org/gongbao/ontology"
#: The named graph holding ``ontology/shapes.ttl``.
SHAPES_GRAPH = "https://w3id.org/gongbao/shapes"
ONTOLOGY_FILE = Path(ontology.__file__).resolve().parent / "gongbao.ttl"
SHAPES_FILE = ONTOLOGY_FILE.with_name("shapes.ttl")
#: Named graphs that hold the vocabulary, not a document.
VOCABULARY_GRAPHS = (ONTOLOGY_GRAPH, SHAPES_GRAPH)


#: Bytes of N-Quads given to one bulk load: the store's memory while loading
#: grows with what one load holds, not with the graph.
CHUNK_BYTES = 32 * 2**20


def load_nquads(
    store_dir: Path, nquads: Path, *, chunk_bytes: int = CHUNK_BYTES, threads: int = 1
) -> int:
    """Bulk-load an N-Quads file into a new store at ``store_dir``; quads loaded.

    The file is loaded in pieces of about ``chunk_bytes`` (cut at line ends), so
    peak memory stays bounded however large the graph is. Each piece leaves its
    own overlapping level-0 files in every index, and every lookup of a query
    then searches all of them; so when there was more than one piece the store is
    compacted once at the end (at 10 M quads: 500 k lookups took 8.3 s of CPU
    before, 3.7 s after; the compaction took 34 s, 15 s of CPU, after a 4 min
    load; on 100 MB of N-Quads, 1.5 s after a 7 s load).

    ``threads`` pieces load side by side: Oxigraph parses a piece without
    holding Python's lock, each load writes its own sorted files and RocksDB
    takes them in atomically (two threads loaded 577 k quads in 2.3 s, one in
    4.8 s). The pieces are then ``chunk_bytes / threads`` each, so the load
    holds no more at once than one thread does (925 MB of N-Quads: 267 MB peak
    on one thread, 299 MB on two; 463 MB with whole pieces).
    """
    store_dir = Path(store_dir)
    store_dir.mkdir(parents=True, exist_ok=True)
    store = pyoxigraph.Store(str(store_dir))
    loaded = 0
    if threads <= 1:
        for piece in pieces(nquads, chunk_bytes):
            _bulk_load(store, piece)
            loaded += 1
    else:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            running: deque[Future] = deque()
            for piece in pieces(nquads, max(chunk_bytes // threads, 1)):
                if len(running) >= threads:
                    running.popleft().result()
                running.append(pool.submit(_bulk_load, store, piece))
                loaded += 1
            for done in running:
                done.result()
    if loaded > 1:
        store.optimize()
    store.flush()
    count = len(store)
    del store
    return count


def _bulk_load(store: pyoxigraph.Store, piece: bytes) -> None:
    store.bulk_load(input=piece, format=pyoxigraph.RdfFormat.N_QUADS)


def load_vocabulary(store_dir: Path) -> int:
    """Add the ontology and the shapes to the store at ``store_dir``; quads added."""
    store = pyoxigraph.Store(str(store_dir))
    before = len(store)
    for path, graph in ((ONTOLOGY_FILE, ONTOLOGY_GRAPH), (SHAPES_FILE, SHAPES_GRAPH)):
        store.load(
            path=str(path),
            format=pyoxigraph.RdfFormat.TURTLE,
            to_graph=pyoxigraph.NamedNode(graph),
        )
    store.flush()
    added = len(store) - before
    del store
    return added


def built_dir(out: Path) -> Path:
    """``out`` itself when it holds a build (a ``store/``); else a one-line error."""
    out = Path(out)
    if not (out / "store").is_dir():
        raise InputError(
            out,
            "not a built graph (no store/ inside)",
            f"run `gongbao build INPUT --out {out}` first",
        )
    return out


def open_build(out: Path) -> pyoxigraph.Store:
    """The store of the build in ``out``, read-only.

    >>> try:
    ...     open_build("/nonexistent")
    ... except InputError as err:
    ...     print(err.problem)
    not a built graph (no store/ inside)
    """
    return open_store(built_dir(out) / "store")


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
    except (OSError, RuntimeError) as err:
        raise _damaged(store_dir, err) from err


class Opened:
    r"""A store, or a store folder opened read-only when first read and let go after.

    A reader that needs the store only for a while (the views read their rows,
    then draw pages for minutes) asks :attr:`store` and, when done,
    :meth:`release`: a folder's store is closed and its memory given back (at
    10,000 news pages, about 260 MiB of caches and tables). A store given open
    is the caller's, and stays open.

    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (tmp / "g.nq").write_text('<s:a> <p:b> "c" <g:1> .\n')
    >>> _ = load_nquads(tmp / "store", tmp / "g.nq")
    >>> held = Opened(tmp / "store")
    >>> len(list(held.store)), held.release(), held.store is not None
    (1, None, True)
    """

    def __init__(self, store: pyoxigraph.Store | Path | str | None) -> None:
        self._folder = Path(store) if isinstance(store, (str, Path)) else None
        self._store = None if self._folder is not None else store

    @property
    def store(self) -> pyoxigraph.Store | None:
        """The store (opened again after :meth:`release`, if it was a folder)."""
        if self._store is None and self._folder is not None:
            self._store = open_store(self._folder)
        return self._store

    def release(self) -> None:
        """Close a store this opened and give its memory back to the system."""
        if self._folder is None or self._store is None:
            return
        self._store = None  # the last reference: closed here (not by a collection)
        _trim_heap()


def _trim_heap() -> None:
    """Return freed heap pages to the system (glibc keeps them otherwise)."""
    trim = libc_function("malloc_trim")
    if trim is not None:  # glibc's; elsewhere nothing to do
        trim(0)


@contextlib.contextmanager
def store_errors(store_dir: Path) -> Iterator[None]:
    """Turn Oxigraph's errors while reading ``store_dir`` into one-line errors.

    RocksDB reports a damaged store (a truncated or missing ``.sst``, a bad
    ``CURRENT``) as ``RuntimeError: Corruption: ...`` when it is opened or read.
    """
    try:
        yield
    except RuntimeError as err:
        raise _damaged(store_dir, err) from err
    except OSError as err:
        if err.filename is not None and not str(err.filename).startswith(
            str(store_dir)
        ):
            raise  # another file (an export's destination): reported as it is
        raise _damaged(store_dir, err) from err


def _damaged(store_dir: Path, err: Exception) -> InputError:
    reason = " ".join(str(err).split())[:200]
    out = Path(store_dir).parent
    return InputError(
        str(store_dir),
        f"the store cannot be read ({type(err).__name__}: {reason})",
        f"rebuild it: gongbao build INPUT --out {out}",
    )
