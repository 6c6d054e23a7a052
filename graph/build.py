"""Build a knowledge graph from bulletins: files in, ``graph.nq``, store and views out.

The build streams: one document at a time is read, extracted, assembled into its
own named graph and appended to ``graph.nq``; the corpus is never held in memory.
A file (or dataset row) that cannot be read or extracted is reported in one line
as *failed*; a file in a folder that gongbao does not read (another suffix, a
hidden file, a broken link) is reported as *skipped*; the rest still builds. The
output folder is replaced atomically: the build writes a sibling temporary folder
and swaps it in only when it is complete, so a failed build never destroys the
last good one.

Each document's N-Quads are cached under ``DIR/cache/`` by its SHA-256 (of the
file's bytes, or of a dataset row's text), its name, the crawler's record of it
and the extraction code's own hash, so a rebuild re-extracts only what changed.

>>> import tempfile, pathlib
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> text = "会议由区人大常委会副主任王明主持。"
>>> _ = (tmp / "a.txt").write_text(text, encoding="utf-8")
>>> summary = build([tmp / "a.txt"], tmp / "out", views=False)
>>> summary.documents, (tmp / "out" / "graph.nq").exists()
(1, True)
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..extract.errors import GongbaoError, InputError
from ..extract.io import SUFFIXES, iter_input_paths, read_documents
from ..extract.records import DocumentFacts, SourceDocument
from .incremental import (
    Outputs,
    link_or_copy,
    read_outputs,
    reuse_store,
    reuse_views,
    views_code_version,
    write_outputs,
)
from .iris import document_graph_iri
from .parallel import ordered_map

__all__ = ["BuildSummary", "build", "code_version", "facts_counts"]

GRAPH_FILE = "graph.nq"
STORE_DIR = "store"
VIEWS_DIR = "views"
CACHE_DIR = "cache"
MANIFEST = "manifest.json"


@dataclass(slots=True)
class BuildSummary:
    """What a build read, made and skipped."""

    out: Path
    documents: int = 0
    articles: int = 0
    chars: int = 0
    quads: int = 0
    reused: int = 0  # documents taken from the cache
    entities: Counter = field(default_factory=Counter)
    facts: Counter = field(default_factory=Counter)
    failed: list[tuple[str, str]] = field(default_factory=list)  # not built
    skipped: list[tuple[str, str]] = field(default_factory=list)  # not read
    seconds: float = 0.0
    views: int = 0

    def as_dict(self) -> dict:
        """Plain data, for ``manifest.json`` and ``--json`` output."""
        return {
            "documents": self.documents,
            "articles": self.articles,
            "chars": self.chars,
            "quads": self.quads,
            "reused": self.reused,
            "entities": dict(sorted(self.entities.items())),
            "facts": dict(sorted(self.facts.items())),
            "failed": [{"file": f, "error": e} for f, e in self.failed],
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "seconds": round(self.seconds, 3),
            "views": self.views,
        }


def build(
    inputs: Iterable[Path],
    out: Path,
    *,
    views: bool = True,
    cache: bool = True,
    progress: bool = False,
    jobs: int = 1,
    on_error: Callable[[str, str], None] | None = None,
    on_skip: Callable[[str, str], None] | None = None,
) -> BuildSummary:
    """Build ``out`` from the input files and folders; return a summary.

    ``on_error(file, message)`` is called for each file or dataset row
    (``scrape.csv#7``) that failed, ``on_skip(file, reason)`` for each file in a
    folder that is not read. ``jobs`` processes extract documents side by side
    (forked workers returning N-Quads text); the output does not depend on it.
    """
    if jobs < 1:
        raise GongbaoError(f"--jobs must be 1 or more, got {jobs}")
    started = time.perf_counter()
    out = Path(out)
    summary = BuildSummary(out=out)

    def skip(path: str, reason: str) -> None:
        summary.skipped.append((path, reason))
        if on_skip is not None:
            on_skip(path, reason)

    paths = list(iter_input_paths(inputs, on_skip=skip))
    if not paths:
        raise InputError(
            ", ".join(str(p) for p in inputs),
            "no input files found",
            f"give bulletins ({' '.join(SUFFIXES)}) or folders holding them",
        )
    work = _fresh_sibling(out, "building")
    try:
        (work / CACHE_DIR).mkdir(parents=True)
        old_cache = out / CACHE_DIR if cache else None
        tasks = (
            (label, source, old_cache, work / CACHE_DIR)
            for path in _progress(paths, progress)
            for label, source in _file_sources(path, summary, on_error)
        )
        results = ordered_map(
            _task_quads, tasks, jobs=jobs, initializer=_warm_up, inline=_is_cached
        )
        made = Outputs(graph_sha256="", views_code=views_code_version())
        digest = hashlib.sha256()
        with (work / GRAPH_FILE).open("wb") as nq:
            for label, graph, key, quads, counts, error in results:
                if error is not None:
                    _fail(summary, on_error, label, error)
                    continue
                nq.write(quads)
                digest.update(quads)
                made.graphs.setdefault(graph, []).append(key)
                summary.documents += 1
                summary.reused += counts.pop("reused", 0)
                summary.articles += counts.get("articles", 0)
                summary.chars += counts.get("chars", 0)
                summary.quads += quads.count(b"\n")
                summary.entities.update(counts.get("entities", {}))
                summary.facts.update(counts.get("facts", {}))
        made.graph_sha256 = digest.hexdigest()
        if summary.documents:
            summary.views = _store_and_views(out, work, made, views=views, cache=cache)
        summary.seconds = time.perf_counter() - started
        (work / MANIFEST).write_text(
            json.dumps(summary.as_dict(), ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        if not summary.documents:
            raise InputError(
                str(out), "no document could be built", "see the errors above"
            )
        _swap_in(work, out)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    return summary


def _file_sources(path: Path, summary, on_error):
    """Yield ``(label, source)`` of each document of one input file.

    What cannot be read goes to :func:`_fail` and is left out: the whole file
    when it cannot be read, one row of a dataset when only it is bad.
    """

    def bad_row(err: InputError) -> None:
        _fail(summary, on_error, err.path, _problem(err))

    try:
        for source in read_documents(path, on_error=bad_row):
            yield _label(source), source
    except InputError as err:
        _fail(summary, on_error, str(path), _problem(err, str(path)))
    except Exception as err:  # noqa: BLE001 - one bad file must not stop the build
        _fail(summary, on_error, str(path), f"reading failed: {err!r}")


def _task_quads(task) -> tuple[str, str, str, bytes, dict, str | None]:
    """``(label, graph, key, quads, counts, error)`` of one document (in a worker).

    A document that cannot be extracted comes back with its error message and
    no quads: one bad document must not stop the build.
    """
    label, source, old_cache, new_cache = task
    graph, key = str(document_graph_iri(source.name)), _cache_key(source)
    try:
        quads, counts = _document_quads(source, old_cache, new_cache)
    except GongbaoError as err:
        return label, graph, key, b"", {}, str(err).removeprefix(f"{label}: ")
    except Exception as err:  # noqa: BLE001 - one bad document must not stop the build
        return label, graph, key, b"", {}, f"extraction failed: {err!r}"
    return label, graph, key, quads, counts, None


def _is_cached(task) -> bool:
    """Whether the document of ``task`` is in the last build's cache."""
    _, source, old_cache, _ = task
    if old_cache is None:
        return False
    key = _cache_key(source)
    return (old_cache / f"{key}.nq").is_file() and (old_cache / f"{key}.json").is_file()


def _warm_up() -> None:
    """Load the pipeline before workers fork, so they share it."""
    from ..extract.pipeline import get_nlp

    get_nlp()


def _problem(err: InputError, label: str | None = None) -> str:
    """The error without the name it is reported under (a ``sources.tsv`` keeps it)."""
    if label is not None and err.path != label:
        return str(err)
    return str(err).removeprefix(f"{err.path}: ")


def _label(source: SourceDocument) -> str:
    """How a document is named in reports: its path, with ``#row`` for a row."""
    path = Path(source.path)
    return str(path) if path.name == source.name else str(path.with_name(source.name))


def _fail(summary, on_error, path: str, message: str) -> None:
    summary.failed.append((path, message))
    if on_error is not None:
        on_error(path, message)


def _progress(paths: list[Path], enabled: bool):
    if not enabled or len(paths) < 2:
        return paths
    from tqdm import tqdm

    return tqdm(paths, unit="doc", desc="building", leave=False)


def _document_quads(
    source: SourceDocument, old_cache: Path | None, new_cache: Path
) -> tuple[bytes, dict]:
    """The N-Quads (UTF-8) of one document and its counts, from the cache or freshly.

    A cached document's files are hard-linked into the new cache, not rewritten.
    """
    key = _cache_key(source)
    if old_cache is not None:
        cached_nq, cached_meta = old_cache / f"{key}.nq", old_cache / f"{key}.json"
        if cached_nq.is_file() and cached_meta.is_file():
            quads = cached_nq.read_bytes()
            counts = json.loads(cached_meta.read_text(encoding="utf-8"))
            for cached in (cached_nq, cached_meta):
                link_or_copy(cached, new_cache / cached.name)
            return quads, counts | {"reused": 1}
    from ..extract.pipeline import extract_document
    from .nquads import document_nquads

    facts = extract_document(source)
    quads = document_nquads(facts, document_graph_iri(source.name)).encode("utf-8")
    counts = facts_counts(facts)
    _write_cache(new_cache, key, quads, counts)
    return quads, counts


def _cache_key(source: SourceDocument) -> str:
    """What a document's quads depend on: its content, name, provenance, the code."""
    parts = (
        source.sha256,
        source.name,
        source.url,
        source.published,
        source.title,
        code_version(),
    )
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def _write_cache(cache: Path, key: str, quads: bytes, counts: dict) -> None:
    (cache / f"{key}.nq").write_bytes(quads)
    (cache / f"{key}.json").write_text(
        json.dumps(counts, ensure_ascii=False), encoding="utf-8"
    )


def facts_counts(facts: DocumentFacts) -> dict:
    """Counts for the build summary: articles, entities by type, facts by relation."""
    people = {a.person for a in facts.attendance}
    people |= {a.person for a in facts.appointments}
    people |= {r.reporter for r in facts.reports if r.reporter}
    people |= {m.chair for m in facts.meetings if m.chair}
    bodies = {m.body for m in facts.meetings if m.body}
    bodies |= {r.body for r in facts.reports if r.body}
    bodies |= {a.decided_by for a in facts.appointments if a.decided_by}
    entities = {
        "person": len(people),
        "body": len(bodies),
        "meeting": len({m.key for m in facts.meetings}),
        "law": len({law.law for law in facts.laws}),
        "post": len({a.post for a in facts.appointments if a.post}),
    }
    for mention in facts.mentions:
        if mention.kind not in ("person", "body", "law", "meeting", "post"):
            entities[mention.kind] = entities.get(mention.kind, 0) + 1
    return {
        "chars": len(facts.document.text),
        "articles": len(facts.articles),
        "entities": {k: v for k, v in entities.items() if v},
        "facts": {
            k: v
            for k, v in {
                "attended": len(facts.attendance),
                "chaired": sum(1 for m in facts.meetings if m.chair),
                "reported_on": len(facts.reports),
                "appointed": len(facts.appointments),
                "reviewed": len(facts.reviews),
                "cites": len(facts.laws),
            }.items()
            if v
        },
    }


def _store_and_views(
    out: Path, work: Path, made: Outputs, *, views: bool, cache: bool
) -> int:
    """Load the store and draw the views, reusing the last build's where it can.

    Returns the number of view pages.
    """
    last = read_outputs(out / CACHE_DIR) if cache else None
    reused = last is not None and reuse_store(
        out / STORE_DIR, work / STORE_DIR, last, made, cache=work / CACHE_DIR
    )
    if not reused:
        _load_store(work)
    pages = None
    if views and last is not None:
        pages = reuse_views(out / VIEWS_DIR, work / VIEWS_DIR, last, made)
    if views and pages is None:
        pages = _write_views(work)
    made.views = pages
    write_outputs(work / CACHE_DIR, made)
    return pages or 0


def _load_store(work: Path) -> None:
    from .store import load_nquads

    load_nquads(work / STORE_DIR, work / GRAPH_FILE)
    gc.collect()  # release the store's lock before the folder moves


def _write_views(work: Path) -> int:
    from .store import open_store
    from .views import write_views

    store = open_store(work / STORE_DIR)
    try:
        return len(write_views(store, work / VIEWS_DIR))
    finally:
        del store
        gc.collect()


def _fresh_sibling(out: Path, tag: str) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    return out.parent / f".{out.name}.{tag}-{os.getpid()}"


def _swap_in(work: Path, out: Path) -> None:
    """Replace ``out`` by ``work``; the old output is removed only afterwards."""
    if out.exists() and not (out / MANIFEST).is_file() and any(out.iterdir()):
        raise GongbaoError(
            f"{out}: exists and is not a gongbao build (no {MANIFEST}); "
            "refusing to replace it, choose another --out"
        )
    old = _fresh_sibling(out, "old") if out.exists() else None
    if old is not None:
        out.rename(old)
    work.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the code and ontology that shape a document's quads."""
    here = Path(__file__).resolve().parent
    roots = [here.parent / "extract", here.parent / "ontology"]
    files = sorted(
        p
        for root in roots
        for p in root.rglob("*")
        if p.is_file() and p.suffix in {".py", ".tsv", ".txt", ".ttl"}
    )
    files += [here / "assemble.py", here / "iris.py"]
    digest = hashlib.sha256()
    for path in files:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
