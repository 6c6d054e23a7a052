"""Rebuilds that redo only what changed: the store and views of the last build.

Every build records, in ``DIR/cache/outputs.json``, what its store and views were
made from: the digests of ``graph.nq`` and of each named graph's lines in it
(after the corpus pass of resolution; :class:`GraphDigests`), the cache key of
each document behind each named graph, and a hash of the code that draws the
views. The next build
compares:

- ``graph.nq`` unchanged: the old store (and, when the views code is unchanged
  too, the old views) are hard-linked into the new output, nothing is reloaded
  or redrawn;
- a few named graphs changed, appeared or disappeared (a document edited, added
  or removed, or a person merged differently across documents): the old store is
  checkpointed (hard links to its immutable files) and only those graphs are
  replaced, read from the new ``graph.nq`` where they lie;
- otherwise the build bulk-loads ``graph.nq`` as usual.

The old output is never written to: links and copies go into the new folder,
which replaces it only when the build is complete.

>>> old = Outputs("a1", digests={"g:1": "d1", "g:2": "d2"})
>>> new = Outputs("b2", digests={"g:1": "d1", "g:2": "d9", "g:3": "d3"})
>>> changed_graphs(old.digests, new.digests)
['g:2', 'g:3']
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from .nqfile import Spliced, graph_of, pieces

__all__ = [
    "OUTPUTS",
    "GraphDigests",
    "StoreReuse",
    "VIEWS_RECORD",
    "Outputs",
    "changed_graphs",
    "file_digests",
    "link_or_copy",
    "link_tree",
    "read_outputs",
    "reuse_store",
    "reuse_views",
    "views_code_version",
    "write_outputs",
]

#: File in the build's cache folder recording what the store and views hold.
OUTPUTS = "outputs.json"
#: File in the build's cache folder recording what the views were drawn from
#: (:mod:`graph.views.reuse`).
VIEWS_RECORD = "views.sqlite"
#: Above this share of changed named graphs (or of graph.nq's bytes in them), a
#: fresh bulk load is faster.
_MAX_CHANGED = 0.25


@dataclass(slots=True)
class Outputs:
    """What a build's store and views were made from."""

    graph_sha256: str
    graphs: dict[str, list[str]] = field(default_factory=dict)  # graph -> keys
    views_code: str = ""
    views: int | None = None  # pages written; None: built without views
    digests: dict[str, str] = field(default_factory=dict)  # graph -> its lines' hash
    counts: dict | None = None  # the store's GraphCounts, as plain data
    # graph.nq as written: [size, mtime_ns], and where each resolution graph's
    # possible-duplicate flags lie in it (merge.GroupFlags, as plain data)
    graph_file: list[int] = field(default_factory=list)
    flags: dict[str, dict] = field(default_factory=dict)
    resolution: str = ""  # the corpus pass's code (merge.resolution_version)
    # graph -> [start, end] of its lines in graph.nq, for graphs lying in one run
    spans: dict[str, list[int]] = field(default_factory=dict)


@dataclass(slots=True)
class StoreReuse:
    """How a store was made from the last build's: the graphs replaced in it.

    ``before`` and ``after`` are what they held (:func:`graph.stats.tally`), so
    the counts can be taken by difference; no graph: the store was linked whole.
    """

    changed: list[str] = field(default_factory=list)
    before: object = None
    after: object = None


class GraphDigests:
    r"""Digests of ``graph.nq`` and of each named graph, and where each graph lies.

    The file is taken as pieces: a document's quads (:meth:`add`, with their
    SHA-256 when the cache knows it, so a cached document is never hashed
    again) or a run of lines of one graph (:meth:`update`). A graph's digest is
    its piece's SHA-256, or, when it has several, the SHA-256 of theirs; the
    file's is the SHA-256 of every piece's graph and digest, in order. Equal
    files give equal digests; a changed graph changes its digest and the file's.
    :meth:`spans` tells where each graph's lines lie in the file, so the changed
    graphs can be read back without a scan of the whole file.

    >>> d = GraphDigests()
    >>> d.update(b'<s:a> <p:b> "c" <g:1> .\n<s:a> <p:b> "d" <g:2> .\n')
    >>> sorted(d.graphs()), d.spans()["g:2"]
    (['g:1', 'g:2'], [(24, 48)])
    """

    def __init__(self) -> None:
        self._whole = hashlib.sha256()
        self._pieces: dict[str, list[str]] = {}  # graph -> its pieces' digests
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self._size = 0  # bytes so far
        self._run = None  # [line ending, graph, running hash, size] of a run of lines

    def add(self, graph: str, quads: bytes) -> None:
        """Add N-Quads lines all in the named graph ``graph`` (one document's)."""
        self.add_piece(graph, hashlib.sha256(quads).hexdigest(), len(quads))

    def add_piece(self, graph: str, digest: str, size: int) -> None:
        """Add ``size`` bytes of lines of ``graph`` whose SHA-256 is ``digest``."""
        self._close()
        self._pieces.setdefault(graph, []).append(digest)
        self._whole.update(f"{graph}\0{digest}\n".encode())
        spans = self._spans.setdefault(graph, [])
        end = self._size + size
        if spans and spans[-1][1] == self._size:  # runs on: one span
            spans[-1] = (spans[-1][0], end)
        elif size:
            spans.append((self._size, end))
        self._size = end

    def update(self, quads: bytes) -> None:
        """Add N-Quads lines (whole lines, each ending in ``<graph> .``)."""
        for line in quads.splitlines(keepends=True):
            if self._run is None or not line.endswith(self._run[0]):
                self._close()
                graph = graph_of(line)
                self._run = [f" <{graph}> .\n".encode(), graph, hashlib.sha256(), 0]
            self._run[2].update(line)
            self._run[3] += len(line)

    def _close(self) -> None:
        if self._run is not None:
            _, graph, running, size = self._run
            self._run = None
            self.add_piece(graph, running.hexdigest(), size)

    def graphs(self) -> dict[str, str]:
        """Each named graph's digest."""
        self._close()
        return {
            graph: (
                pieces[0]
                if len(pieces) == 1
                else hashlib.sha256(" ".join(pieces).encode()).hexdigest()
            )[:32]
            for graph, pieces in self._pieces.items()
        }

    def hexdigest(self) -> str:
        """The digest of the whole file."""
        self._close()
        return self._whole.hexdigest()

    def spans(self) -> dict[str, list[tuple[int, int]]]:
        """Each named graph's ``(start, end)`` byte ranges in the file."""
        self._close()
        return self._spans


def file_digests(path: Path) -> GraphDigests:
    """:class:`GraphDigests` of an N-Quads file."""
    digests = GraphDigests()
    for piece in pieces(path):
        digests.update(piece)
    return digests


def read_outputs(cache: Path) -> Outputs | None:
    """The record a build left in its cache folder; ``None`` if none is readable."""
    try:
        data = json.loads((Path(cache) / OUTPUTS).read_text(encoding="utf-8"))
        return Outputs(**data)
    except (OSError, ValueError, TypeError):
        return None


def write_outputs(cache: Path, outputs: Outputs) -> None:
    """Record ``outputs`` in the cache folder."""
    (Path(cache) / OUTPUTS).write_text(
        json.dumps(asdict(outputs), ensure_ascii=False), encoding="utf-8"
    )


def changed_graphs(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """Named graphs whose digest changed, appeared or disappeared (sorted)."""
    return sorted(g for g in old.keys() | new.keys() if old.get(g) != new.get(g))


def reuse_store(
    source: Path,
    target: Path,
    old: Outputs,
    new: Outputs,
    *,
    nquads: Path | Spliced,
    spans: dict[str, list[tuple[int, int]]] | None = None,
) -> StoreReuse | None:
    """Make the store ``target`` from the old build's ``source``; ``None`` if not.

    Unchanged: the store's files are hard-linked. A few graphs changed: the
    store is checkpointed (its immutable files hard-linked, the old store never
    written to) and those graphs are replaced by their lines in ``nquads`` (the
    new ``graph.nq``, or its plan before it is written), read at their ``spans``
    (:meth:`GraphDigests.spans`) or, without them, found by a scan of the file.
    """
    source, target = Path(source), Path(target)
    if not source.is_dir():
        return None
    if old.graph_sha256 == new.graph_sha256:
        link_tree(source, target)
        return StoreReuse()
    if not old.digests or not new.digests:
        return None
    changed = changed_graphs(old.digests, new.digests)
    if len(changed) > _MAX_CHANGED * max(len(new.digests), 1):
        return None
    if isinstance(nquads, Spliced) and spans is None:
        raise ValueError("a planned graph.nq is read at its graphs' spans")
    if spans is not None:  # a few graphs, but most of the file: load it whole
        size = nquads.size if isinstance(nquads, Spliced) else nquads.stat().st_size
        changed_bytes = sum(e - s for g in changed for s, e in spans.get(g, ()))
        if changed_bytes > _MAX_CHANGED * size:
            return None
    if not _checkpoint(source, target):
        return None
    data = _lines_of(nquads, changed, spans)
    return _replace_graphs(target, changed, data)


def _checkpoint(source: Path, target: Path) -> bool:
    """A copy of the store ``source`` at ``target``, sharing its immutable files."""
    import pyoxigraph

    try:
        store = pyoxigraph.Store.read_only(str(source))
        try:
            store.backup(str(target))
        finally:
            del store
            gc.collect()
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        return False
    return True


def _lines_of(nquads: Path | Spliced, graphs: list[str], spans) -> bytes:
    """The lines of ``graphs`` in the N-Quads file ``nquads`` (or its plan)."""
    wanted = set(graphs)
    if spans is None:
        with Path(nquads).open("rb") as lines:
            return b"".join(line for line in lines if graph_of(line) in wanted)
    ranges = sorted(r for graph in wanted for r in spans.get(graph, ()))
    if isinstance(nquads, Spliced):
        return b"".join(nquads.read(start, end) for start, end in ranges)
    out = []
    with Path(nquads).open("rb") as lines:
        for start, end in ranges:
            lines.seek(start)
            out.append(lines.read(end - start))
    return b"".join(out)


def _replace_graphs(store_dir: Path, graphs: list[str], data: bytes) -> StoreReuse:
    import pyoxigraph

    from .stats import tally

    store = pyoxigraph.Store(str(store_dir))
    try:
        before = tally(store, graphs)
        for name in graphs:
            store.remove_graph(pyoxigraph.NamedNode(name))
        store.load(data, format=pyoxigraph.RdfFormat.N_QUADS)
        store.flush()
        return StoreReuse(graphs, before, tally(store, graphs))
    finally:
        del store
        gc.collect()  # release the store's lock before the folder moves


def reuse_views(source: Path, target: Path, old: Outputs, new: Outputs) -> int | None:
    """Hard-link the old views when nothing they show changed; their page count.

    ``None`` when they must be drawn again (the graph or the views code changed,
    or the last build had no views).
    """
    source = Path(source)
    if (
        old.views is None
        or old.graph_sha256 != new.graph_sha256
        or old.views_code != new.views_code
        or not source.is_dir()
    ):
        return None
    link_tree(source, Path(target))
    return old.views


def link_tree(source: Path, target: Path) -> None:
    """Copy a folder as hard links (files are never rewritten in place)."""
    os.makedirs(target, exist_ok=True)
    with os.scandir(source) as entries:  # not shutil.copytree: 0.70 -> 0.50 s
        for entry in entries:  # for the 56,643 pages of a 10,000-file build
            there = os.path.join(target, entry.name)
            if entry.is_dir(follow_symlinks=False):
                link_tree(entry.path, there)
            else:
                link_or_copy(entry.path, there)


def link_or_copy(source, target) -> None:
    """Hard-link ``source`` as ``target`` (a copy where links fail); keep a target."""
    try:
        os.link(source, target)
    except FileExistsError:
        pass  # the same file already there (two documents of one content and name)
    except OSError:
        shutil.copyfile(source, target)


@lru_cache(maxsize=1)
def views_code_version() -> str:
    """A hash of what draws the views: their code, templates and the queries."""
    here = Path(__file__).resolve().parent
    files = sorted(p for p in (here / "views").rglob("*") if p.is_file())
    files += sorted((here.parent / "ontology" / "queries").glob("*.rq"))
    files += [here / "query.py"]
    digest = hashlib.sha256()
    for path in files:
        if path.suffix != ".pyc" and path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
