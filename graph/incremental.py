"""Rebuilds that redo only what changed: the store and views of the last build.

Every build records, in ``DIR/cache/outputs.json``, what its store and views were
made from: the SHA-256 of ``graph.nq``, the cache key of each document behind
each named graph, and a hash of the code that draws the views. The next build
compares:

- ``graph.nq`` unchanged: the old store (and, when the views code is unchanged
  too, the old views) are hard-linked into the new output, nothing is reloaded
  or redrawn;
- a few documents changed, added or removed: the old store is copied and only
  their named graphs are replaced, from the new cache's N-Quads;
- otherwise the build bulk-loads ``graph.nq`` as usual.

The old output is never written to: links and copies go into the new folder,
which replaces it only when the build is complete.

>>> old = Outputs("a1", {"g:1": ["k1"], "g:2": ["k2"]})
>>> new = Outputs("b2", {"g:1": ["k1"], "g:2": ["k9"], "g:3": ["k3"]})
>>> changed_graphs(old, new)
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

__all__ = [
    "OUTPUTS",
    "VIEWS_RECORD",
    "Outputs",
    "changed_graphs",
    "link_or_copy",
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
VIEWS_RECORD = "views.json"
#: Above this share of changed named graphs, a fresh bulk load is faster.
_MAX_CHANGED = 0.25


@dataclass(slots=True)
class Outputs:
    """What a build's store and views were made from."""

    graph_sha256: str
    graphs: dict[str, list[str]] = field(default_factory=dict)  # graph -> keys
    views_code: str = ""
    views: int | None = None  # pages written; None: built without views


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


def changed_graphs(old: Outputs, new: Outputs) -> list[str]:
    """Named graphs whose documents changed, appeared or disappeared (sorted)."""
    names = old.graphs.keys() | new.graphs.keys()
    return sorted(g for g in names if old.graphs.get(g) != new.graphs.get(g))


def reuse_store(
    source: Path,
    target: Path,
    old: Outputs,
    new: Outputs,
    *,
    cache: Path,
    partial: bool = True,
) -> bool:
    """Make the store ``target`` from the old build's ``source``; ``False`` if not.

    Unchanged: the store's files are hard-linked. A few graphs changed (and
    ``partial``): the store is copied and those graphs are replaced from the
    N-Quads in ``cache``.
    """
    source, target = Path(source), Path(target)
    if not source.is_dir():
        return False
    if old.graph_sha256 == new.graph_sha256:
        _link_tree(source, target)
        return True
    if not partial:
        return False
    changed = changed_graphs(old, new)
    if len(changed) > _MAX_CHANGED * max(len(new.graphs), 1):
        return False
    shutil.copytree(source, target)
    _replace_graphs(target, changed, new, Path(cache))
    return True


def _replace_graphs(store_dir: Path, graphs: list[str], new: Outputs, cache: Path):
    import pyoxigraph

    nquads = pyoxigraph.RdfFormat.N_QUADS
    store = pyoxigraph.Store(str(store_dir))
    try:
        for name in graphs:
            store.remove_graph(pyoxigraph.NamedNode(name))
            for key in new.graphs.get(name, []):
                store.load(path=str(cache / f"{key}.nq"), format=nquads)
        store.flush()
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
    _link_tree(source, Path(target))
    return old.views


def _link_tree(source: Path, target: Path) -> None:
    """Copy a folder as hard links (files are never rewritten in place)."""
    shutil.copytree(source, target, copy_function=link_or_copy)


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
