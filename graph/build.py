"""Build a knowledge graph from bulletins: files in, ``graph.nq``, store and views out.

The build streams: one document at a time is read, extracted, assembled into its
own named graph and appended to ``graph.nq``; the corpus is never held in memory.
A file (or dataset row) that cannot be read or extracted is reported in one line
as *failed*; a file in a folder that gongbao does not read (another suffix, a
hidden file, a broken link) is reported as *skipped*; the rest still builds. The
output folder is checked before anything is built, locked while building, and
replaced atomically (:mod:`graph.outdir`): the build writes a sibling temporary
folder and swaps it in only when it is complete, so a failed build never
destroys the last good one. A document is named by its path relative to the
folder given (``2021/01.txt``), so files of the same name in two subfolders are
two documents.

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
from collections.abc import Callable, Iterable
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import GongbaoError, InputError
from ..extract.files import MAX_BYTES, display_name
from ..extract.io import SUFFIXES, iter_input_files, read_documents
from ..extract.records import DocumentFacts, SourceDocument
from . import outdir
from .incremental import (
    OUTPUTS,
    VIEWS_RECORD,
    GraphDigests,
    Outputs,
    link_or_copy,
    link_tree,
    read_outputs,
    reuse_store,
    reuse_views,
    views_code_version,
    write_outputs,
)
from .inputs import Done, fingerprint, read_inputs, write_inputs
from .iris import document_graph_iri
from .merge import (
    GroupFlags,
    People,
    Resolution,
    people_of,
    resolution_version,
)
from .nqfile import Spliced
from .parallel import Forked, can_fork, ordered_map

__all__ = ["BuildSummary", "build", "code_version", "facts_counts"]

GRAPH_FILE = "graph.nq"
#: Side file of a build's work folder: the quads the corpus pass made (touched
#: documents, new flags), copied into ``graph.nq`` and deleted.
RESOLVED = "resolved.nq"
STORE_DIR = "store"
VIEWS_DIR = "views"
CACHE_DIR = "cache"
MANIFEST = "manifest.json"
#: A last build of about this many files (two per document in the cache, one
#: per view page) is deleted by a detached process (:func:`outdir.swap_in`).
DETACHED_DELETE_FILES = 10_000
#: Below this much timed extraction no speed is reported.
MIN_TIMED_SECONDS = 1.0
#: Allocations between two collections of the youngest generation while a
#: build runs (Python's default: 700), see :func:`_spaced_collections`.
GC_THRESHOLD = 50_000


@dataclass(slots=True)
class BuildSummary:
    """What a build read, made and skipped."""

    out: Path
    documents: int = 0
    articles: int = 0
    chars: int = 0
    quads: int = 0
    reused: int = 0  # documents taken from the cache
    merged_people: int = 0  # person keys merged into another on a post chain
    possible_duplicates: int = 0  # near-variant names flagged, not merged
    entities: dict[str, int] = field(default_factory=dict)  # distinct, from the store
    facts: dict[str, int] = field(default_factory=dict)  # by kind, from the store
    extracted_chars: int = 0  # characters of the documents extracted (not cached)
    extract_seconds: float = 0.0  # their extraction time, without start-up
    failed: list[tuple[str, str]] = field(default_factory=list)  # not built
    skipped: list[tuple[str, str]] = field(default_factory=list)  # not read
    seconds: float = 0.0
    views: int = 0
    kept: list[str] = field(default_factory=list)  # the user's files, moved over

    def as_dict(self) -> dict:
        """Plain data, for ``manifest.json`` and ``--json`` output."""
        return {
            "generator": outdir.GENERATOR,
            "documents": self.documents,
            "articles": self.articles,
            "chars": self.chars,
            "quads": self.quads,
            "reused": self.reused,
            "merged_people": self.merged_people,
            "possible_duplicates": self.possible_duplicates,
            "entities": dict(sorted(self.entities.items())),
            "facts": dict(sorted(self.facts.items())),
            "failed": [{"file": f, "error": e} for f, e in self.failed],
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "seconds": round(self.seconds, 3),
            "extracted_chars": self.extracted_chars,
            "extract_seconds": round(self.extract_seconds, 3),
            "views": self.views,
            "kept": self.kept,
        }

    @property
    def chars_per_second(self) -> float | None:
        """Extraction speed over the documents extracted, start-up and cache left out.

        ``None`` when less than a second of extraction was timed: too little to
        mean anything.
        """
        if self.extract_seconds < MIN_TIMED_SECONDS:
            return None
        return self.extracted_chars / self.extract_seconds


def build(
    inputs: Iterable[Path],
    out: Path,
    *,
    views: bool = True,
    cache: bool = True,
    progress: bool = False,
    on_error: Callable[[str, str], None] | None = None,
    on_skip: Callable[[str, str], None] | None = None,
    max_bytes: int = MAX_BYTES,
    max_chars: int | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
) -> BuildSummary:
    """Build ``out`` from the input files and folders; return a summary.

    ``on_error(file, message)`` is called for each file or dataset row
    (``scrape.csv#7``) that failed, ``on_skip(file, reason)`` for each file in a
    folder that is not read. ``max_bytes`` and ``max_chars`` are the largest file
    read and the longest text extracted (defaults: 64 MB, 1,000,000 characters).
    An ``out`` that is not a build, or that another
    build is writing, raises before anything is read (:mod:`graph.outdir`).
    ``jobs`` processes extract documents side by side (forked workers returning
    N-Quads text) and draw the view pages; the output does not depend on it.
    ``scheduler`` (a Dask scheduler's address, or ``local:N``) sends the
    documents to a Dask cluster instead (:mod:`gongbao.graph.cluster`); the
    output does not depend on it either.
    """
    if jobs < 1:
        raise GongbaoError(f"--jobs must be 1 or more, got {jobs}")
    if scheduler is not None and jobs > 1:
        raise GongbaoError(
            f"--scheduler and --jobs {jobs} exclude each other: the Dask workers "
            "set how many documents run at once (drop --jobs)"
        )
    started = time.perf_counter()
    out = Path(out)
    inputs = [Path(p) for p in inputs]
    outdir.check_out(out, inputs)

    def kept(folder: Path, names: list[str]) -> None:
        if on_skip is not None:
            reason = f"an old work folder holding {', '.join(names)}: left in place"
            on_skip(display_name(str(folder)), reason)

    with ExitStack() as stack:
        client = None
        if scheduler is not None:
            from .cluster import connect

            client = stack.enter_context(connect(scheduler))
        stack.enter_context(outdir.locked(out))
        stack.enter_context(_spaced_collections())
        outdir.recover(out)
        outdir.clean_stale(out, on_kept=kept)
        limits = (max_bytes, max_chars)
        return _build_locked(
            inputs,
            out,
            views,
            cache,
            progress,
            on_error,
            on_skip,
            limits,
            (jobs, client),
            started,
        )


@contextmanager
def _spaced_collections():
    """Collect cyclic garbage less often while the build runs; as before after.

    A build makes millions of objects that live to its end (every document's
    people, the views' rows), and at Python's default threshold the collector
    goes through them again and again: a one-file rebuild of 10,000 files
    spent 0.6 s of its 4.3 s of CPU so, a 20 MiB build about 1 s. Garbage is
    still collected, in batches of :data:`GC_THRESHOLD` allocations.
    """
    before = gc.get_threshold()
    gc.set_threshold(max(GC_THRESHOLD, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _build_locked(
    inputs, out, views, cache, progress, on_error, on_skip, limits, workers, started
) -> BuildSummary:
    summary = BuildSummary(out=out)

    def skip(path: str, reason: str) -> None:
        summary.skipped.append((path, reason))
        if on_skip is not None:
            on_skip(path, reason)

    paths = list(iter_input_files(inputs, on_skip=skip))
    if not paths:
        raise InputError(
            ", ".join(str(p) for p in inputs),
            "no input files found",
            f"give bulletins ({' '.join(SUFFIXES)}) or folders holding them",
        )
    work = outdir.work_folder(out)
    if outdir.is_build(out):
        summary.kept = outdir.user_entries(out)
    try:
        (work / CACHE_DIR).mkdir(parents=True)
        old_cache = out / CACHE_DIR if cache else None
        max_bytes, max_chars = limits
        folders: dict = {}  # each input folder's place and sources.tsv, once
        prints = {
            path: fingerprint(
                path, name, code=code_version(), limits=limits, folders=folders
            )
            for path, name in paths
        }
        done = read_inputs(old_cache) if old_cache is not None else {}
        cached = _cache_keys(old_cache)
        last = read_outputs(old_cache) if old_cache is not None else None
        reuse = _reuse_unchanged(out, work, paths, prints, done, last, views, summary)
        if reuse is not None:
            summary.seconds = time.perf_counter() - started
            _write_manifest(work, summary)
            if reuse == "as is":  # the last build is this build: only its manifest
                os.replace(work / MANIFEST, out / MANIFEST)  # one rename, never half
            else:
                outdir.swap_in(work, out, keep=summary.kept)
            return summary
        origin: dict[str, str] = {}  # document label -> its file's fingerprint

        def sources(path: Path, name: str):
            reused = _cached_documents(done.get(prints[path]), cached)
            if reused is not None:
                for label, graph, key in reused:
                    origin[label] = prints[path]
                    yield label, _Cached(graph, key)
                return
            for label, source in _file_sources(
                path, name, summary, on_error, max_bytes
            ):
                origin[label] = prints[path]
                yield label, source

        # Forked workers share this disk: they write each document's quads into
        # the new cache themselves; Dask workers send them back.
        into = work / CACHE_DIR if workers[1] is None else None
        tasks = (
            (label, source, _cached_in(old_cache, cached, source), max_chars, into)
            for path, name in _progress(paths, progress)
            for label, source in sources(path, name)
        )
        results = _map_tasks(tasks, *workers)
        built: dict[str, list[Done]] = {}
        made = Outputs(graph_sha256="", views_code=views_code_version())
        written = []  # (graph, cache key, SHA-256, people) in graph.nq's order
        resolution = Resolution()
        for label, graph, key, quads, counts, error in results:
            if error is not None:
                _fail(summary, on_error, label, error)
                continue
            _keep_in_cache(work / CACHE_DIR, old_cache, key, quads, counts)
            people = People.from_dict(counts["people"])
            resolution.add(people)
            written.append((graph, key, counts["sha256"], people))
            made.graphs.setdefault(graph, []).append(key)
            built.setdefault(origin[label], []).append((label, graph, key))
            summary.documents += 1
            summary.reused += counts.pop("reused", 0)
            summary.articles += counts.get("articles", 0)
            summary.chars += counts.get("chars", 0)
            if "seconds" in counts:
                summary.extracted_chars += counts.get("chars", 0)
                summary.extract_seconds += counts.pop("seconds")
        write_inputs(work / CACHE_DIR, _complete(built, origin, summary))
        if summary.documents:
            digests, planned = _plan_graph(
                work, written, resolution, made, _last_graph(out, last)
            )
            summary.merged_people = resolution.result.merged
            summary.possible_duplicates = sum(f["pairs"] for f in made.flags.values())
            made.graph_sha256 = digests.hexdigest()
            made.digests = digests.graphs()
            made.spans = {
                graph: list(runs[0])
                for graph, runs in digests.spans().items()
                if len(runs) == 1
            }
            summary.views = _store_and_views(
                out,
                work,
                made,
                digests,
                planned,
                last,
                views=views,
                summary=summary,
                jobs=workers[0],
            )
        summary.seconds = time.perf_counter() - started
        _write_manifest(work, summary)
        if not summary.documents:
            raise InputError(
                str(out), "no document could be built", "see the errors above"
            )
        detach = 2 * summary.documents + summary.views >= DETACHED_DELETE_FILES
        outdir.swap_in(work, out, keep=summary.kept, detach=detach)
        work = None  # swapped in: what is left there now is the last build's
    finally:
        if work is not None and work.exists():  # this build failed: its own folder
            shutil.rmtree(work, ignore_errors=True)
    return summary


def _file_sources(path: Path, name: str, summary, on_error, max_bytes: int):
    """Yield ``(label, source)`` of each document of one input file.

    What cannot be read goes to :func:`_fail` and is left out: the whole file
    when it cannot be read, one row of a dataset when only it is bad.
    """

    def bad_row(err: InputError) -> None:
        _fail(summary, on_error, err.path, _problem(err))

    try:
        for source in read_documents(
            path, name=name, max_bytes=max_bytes, on_error=bad_row
        ):
            yield _label(source), source
    except InputError as err:
        label = display_name(str(path))
        _fail(summary, on_error, label, _problem(err, label))
    except Exception as err:  # noqa: BLE001 - one bad file must not stop the build
        _fail(summary, on_error, display_name(str(path)), f"reading failed: {err!r}")


@dataclass(frozen=True, slots=True)
class _Cached:
    """A document of an unchanged input file: served from the cache, never read."""

    graph: str
    key: str


def _map_tasks(tasks, jobs: int, client):
    """The results of :func:`_task_quads` over ``tasks``, in order.

    On ``jobs`` forked processes here, or on the Dask cluster of ``client``;
    cached documents are read here either way.
    """
    if client is None:
        return ordered_map(
            _task_quads, tasks, jobs=jobs, initializer=_warm_up, inline=_is_cached
        )
    from .cluster import cluster_map

    return cluster_map(
        client, _task_quads, tasks, inline=_is_cached, on_lost=_task_lost
    )


def _task_quads(task) -> tuple[str, str, str, bytes, dict, str | None]:
    """``(label, graph, key, quads, counts, error)`` of one document (in a worker).

    The one place a document becomes its N-Quads shard, in every kind of
    build. It touches no file but the old cache when the task names it (a
    cache hit) and, when the task names one (``into``), the new cache, where a
    freshly extracted document's quads and counts are then written, not sent
    back (``quads`` is then ``b""``); so it runs as well on a machine that has
    neither the corpus nor the output. A document that cannot be extracted
    comes back with its error message and no quads: one bad document must not
    stop the build.
    """
    label, source, old_cache, max_chars, into = task
    if isinstance(source, _Cached):
        graph, key = source.graph, source.key
    else:
        graph, key = str(document_graph_iri(source.name)), _cache_key(source)
    try:
        quads, counts = _document_quads(source, key, old_cache, max_chars)
        if into is not None and not counts.get("reused"):
            _write_cached(into, key, quads, counts)
            quads, counts = b"", counts | {"written": 1}
    except GongbaoError as err:
        return label, graph, key, b"", {}, str(err).removeprefix(f"{label}: ")
    except Exception as err:  # noqa: BLE001 - one bad document must not stop the build
        return label, graph, key, b"", {}, f"extraction failed: {err!r}"
    return label, graph, key, quads, counts, None


def _task_lost(task, err: BaseException):
    """The failed result of a task lost on the cluster (its worker died)."""
    reason = "the worker died" if type(err).__name__ == "KilledWorker" else repr(err)
    message = f"extraction failed on a Dask worker: {reason} (see the worker's log)"
    return task[0], "", "", b"", {}, message


def _cached_in(old_cache: Path | None, cached: set[str], source) -> Path | None:
    """``old_cache`` when it holds the document's quads (``cached``), else ``None``."""
    if isinstance(source, _Cached):
        return old_cache  # its files were checked when the file was found unchanged
    if old_cache is not None and _cache_key(source) in cached:
        return old_cache
    return None


def _cache_keys(cache: Path | None) -> set[str]:
    """The keys under which ``cache`` holds a document's quads and counts.

    Read once, as one scan of the folder, not as two file checks per document.

    >>> import tempfile
    >>> cache = Path(tempfile.mkdtemp())
    >>> for name in ("a.nq", "a.json", "b.nq", "inputs.json"):
    ...     _ = (cache / name).write_text("")
    >>> _cache_keys(cache), _cache_keys(cache / "none"), _cache_keys(None)
    ({'a'}, set(), set())
    """
    if cache is None:  # none asked for
        return set()
    found: dict[str, int] = {}
    try:
        with os.scandir(cache) as entries:
            for entry in entries:
                key, dot, suffix = entry.name.partition(".")
                if dot and suffix in ("nq", "json"):
                    found[key] = found.get(key, 0) + 1
    except OSError:  # no cache there yet
        return set()
    return {key for key, files in found.items() if files == 2}


def _is_cached(task) -> bool:
    """Whether ``task``'s document is served from the last build's cache."""
    return task[2] is not None


def _keep_in_cache(cache: Path, old_cache, key: str, quads: bytes, counts: dict):
    """Put a built document's quads and counts in the new cache: linked when reused.

    Counts read again from the quads (``"stale"``: kept by older code) are
    written anew beside the linked quads; a worker may have written both
    already (``"written"``).
    """
    if counts.pop("written", 0):
        return
    if counts.pop("stale", 0):
        link_or_copy(old_cache / f"{key}.nq", cache / f"{key}.nq")
        _write_cached(cache, key, None, counts)
    elif counts.get("reused"):  # joined as strings: 20,000 links at 10,000 files
        for name in (f"{key}.nq", f"{key}.json"):
            link_or_copy(os.path.join(old_cache, name), os.path.join(cache, name))
    else:
        _write_cached(cache, key, quads, counts)


def _write_cached(cache: Path, key: str, quads: bytes | None, counts: dict) -> None:
    """Write a document's quads (unless ``None``) and counts into ``cache``.

    Each file is written whole under a temporary name and renamed: two workers
    building two documents of one content and name write the same files.
    """
    kept = {k: v for k, v in counts.items() if k not in ("seconds", "reused")}
    files = [(".json", json.dumps(kept, ensure_ascii=False).encode("utf-8"))]
    if quads is not None:
        files.append((".nq", quads))
    for suffix, data in files:
        tmp = cache / f"{key}{suffix}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, cache / f"{key}{suffix}")


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
    if "#" in source.name and not source.path.endswith(source.name):
        return f"{source.path}#{source.name.rsplit('#', 1)[1]}"
    return source.path


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
    source: SourceDocument | _Cached,
    key: str,
    old_cache: Path | None,
    max_chars: int | None = None,
) -> tuple[bytes, dict]:
    """The N-Quads (UTF-8) of one document and its counts, from the cache or freshly.

    The counts hold the document's :class:`~gongbao.graph.merge.People` (under
    ``"people"``) for the corpus pass. A cached document's quads are not read
    (``b""``) unless its people were kept by older code. The caller keeps them
    in the new cache (:func:`_keep_in_cache`).
    """
    counts = _cached_counts(old_cache, key)
    if counts is not None:
        counts["reused"] = 1
        if counts.get("resolution") == resolution_version() and "sha256" in counts:
            return b"", counts
        quads = (old_cache / f"{key}.nq").read_bytes()
        return quads, counts | _corpus_counts(quads) | {"stale": 1}
    if isinstance(source, _Cached):
        raise GongbaoError(
            "its cached N-Quads vanished during the build; build again with --no-cache"
        )
    from ..extract.pipeline import extract_document, get_nlp
    from .nquads import document_nquads

    get_nlp()  # loaded once, outside the timed part: start-up is not extraction
    started = time.perf_counter()
    facts = extract_document(source, **({"max_chars": max_chars} if max_chars else {}))
    quads = document_nquads(facts, document_graph_iri(source.name)).encode("utf-8")
    counts = facts_counts(facts) | _corpus_counts(quads)
    return quads, counts | {"seconds": time.perf_counter() - started}


def _cached_counts(old_cache: Path | None, key: str) -> dict | None:
    """A document's counts in ``old_cache`` (where the caller found its key)."""
    if old_cache is None:
        return None
    try:
        with open(os.path.join(old_cache, f"{key}.json"), encoding="utf-8") as kept:
            return json.load(kept)
    except FileNotFoundError:  # gone since the cache was scanned
        return None


def _corpus_counts(quads: bytes) -> dict:
    """What the corpus pass reads of a document, kept beside its quads in the cache.

    Its people (:func:`~gongbao.graph.merge.people_of`) and the SHA-256 of its
    quads (a cached document is copied into ``graph.nq``, never read or hashed).
    """
    return {
        "people": people_of(quads).as_dict(),
        "resolution": resolution_version(),
        "sha256": hashlib.sha256(quads).hexdigest(),
    }


def _cached_documents(done: list[Done] | None, cached: set[str]) -> list[Done] | None:
    """The documents an unchanged file gave last time, if all are still cached.

    ``cached`` are the last cache's keys (:func:`_cache_keys`; none without it).
    """
    if done is None:
        return None
    if all(key in cached for _, _, key in done):
        return done
    return None


def _complete(built, origin, summary: BuildSummary) -> dict[str, list[Done]]:
    """The fingerprints of the files built without an error, and their documents.

    A file with a failed document or row is read again next time, so its error
    is reported again.
    """
    failed = {f.rsplit("#", 1)[0] for f, _ in summary.failed}
    return {
        fp: done
        for fp, done in built.items()
        if fp is not None
        and not any(label.rsplit("#", 1)[0] in failed for label, _, _ in done)
    }


def _reuse_unchanged(
    out: Path,
    work: Path,
    paths,
    prints,
    done,
    last: Outputs | None,
    views: bool,
    summary: BuildSummary,
) -> str | None:
    """Take the whole last build when no input changed; how, or ``None`` if not.

    Unchanged means: every input file has the fingerprint of a file the last
    build built (:mod:`graph.inputs`), they give the same documents in the same
    order, and the views (when asked for) were drawn by the same code (``last``,
    the last build's :class:`~gongbao.graph.incremental.Outputs`). Nothing
    is read or redrawn and the counts are the last manifest's. ``"as is"``: the
    last build has just what this one would make (views or none alike), so it
    stays where it is and only its manifest is written again. ``"linked"``:
    ``graph.nq``, the store and the cache are hard-linked into ``work`` without
    the last build's views.
    """
    if not done:
        return None
    if last is None or (
        views and (last.views is None or last.views_code != views_code_version())
    ):
        return None
    graphs: dict[str, list[str]] = {}
    for path, _ in paths:
        entries = done.get(prints[path])
        if entries is None:
            return None
        for _, graph, key in entries:
            graphs.setdefault(graph, []).append(key)
    if list(graphs.items()) != list(last.graphs.items()):
        return None
    wanted = [GRAPH_FILE, STORE_DIR, MANIFEST] + ([VIEWS_DIR] if views else [])
    if not all((out / name).exists() for name in wanted):
        return None
    try:
        old = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for name in ("documents", "articles", "chars", "quads", "merged_people"):
        setattr(summary, name, int(old.get(name, 0)))
    summary.possible_duplicates = int(old.get("possible_duplicates", 0))
    summary.entities = dict(old.get("entities", {}))
    summary.facts = dict(old.get("facts", {}))
    summary.views = int(old.get("views", 0)) if views else 0
    summary.reused = summary.documents
    if views or not (out / VIEWS_DIR).exists():
        return "as is"
    link_tree(out / CACHE_DIR, work / CACHE_DIR)
    link_or_copy(out / GRAPH_FILE, work / GRAPH_FILE)
    link_tree(out / STORE_DIR, work / STORE_DIR)
    # The record is rewritten, never written through the link.
    (work / CACHE_DIR / OUTPUTS).unlink()
    last.views = None
    write_outputs(work / CACHE_DIR, last)
    (work / CACHE_DIR / VIEWS_RECORD).unlink(missing_ok=True)
    return "linked"


def _write_manifest(work: Path, summary: BuildSummary) -> None:
    (work / MANIFEST).write_text(
        json.dumps(summary.as_dict(), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )


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


def facts_counts(facts: DocumentFacts) -> dict:
    """Per-document counts kept in the cache: characters and articles.

    Entities and facts are counted once over the whole store
    (:func:`gongbao.graph.stats.graph_counts`): a person named in three bulletins
    is one person.
    """
    return {"chars": len(facts.document.text), "articles": len(facts.articles)}


def _count(work: Path, summary: BuildSummary, last=None, reused=None):
    """Count the store's quads, entities and facts into ``summary``; the counts.

    With the last build's counts (``last``, plain data) and how its store was
    reused (:class:`~gongbao.graph.incremental.StoreReuse`), only the replaced
    graphs are counted again (:func:`~gongbao.graph.stats.counts_after`).
    """
    from .stats import GraphCounts, counts_after, graph_counts
    from .store import open_store

    if last is not None and reused is not None and not reused.changed:
        counts = GraphCounts(**last)  # the last store, linked as it was
    else:
        store = open_store(work / STORE_DIR)
        try:
            if last is None or reused is None:
                counts = graph_counts(store)
            else:
                before = GraphCounts(**last)
                counts = counts_after(
                    store, before, reused.before, reused.after, reused.changed
                )
        finally:
            del store
            gc.collect()
    summary.quads = counts.quads  # with the corpus pass's resolution graph
    summary.entities = counts.entities
    summary.facts = counts.facts
    return counts


def _plan_graph(work: Path, written, resolution, made, last):
    """Plan ``graph.nq``: each document's quads as resolved, then the flags.

    ``written`` are the documents' ``(graph, cache key, SHA-256, people)`` in
    order, their quads in the new cache; ``resolution`` holds every document's
    people (:class:`~gongbao.graph.merge.Resolution`). A document no merge
    touches is a range of the last build's ``graph.nq`` when its lines there
    are the same (:func:`_last_graph`: where each graph lies, and its digest),
    else of its cache file, never read here: so the unchanged documents are one
    copy, from the file the last build wrote last (the cache files of a large
    build are the first it wrote: no longer in memory, and read from disk). So
    are the possible-duplicate flags of a jurisdiction and surname in that file
    (its :class:`~gongbao.graph.merge.GroupFlags`) while the group's names are
    the same. What is made
    here (a touched document swapped, a group's new flags) goes to a side file
    (:data:`RESOLVED`). ``made`` records where this file's flags lie. Returns
    the digests (and where each named graph lies) and the planned file
    (:class:`~gongbao.graph.nqfile.Spliced`), which :class:`_GraphWriter` writes.
    """
    digests = GraphDigests()
    planned = Spliced()
    side = work / RESOLVED
    with side.open("wb") as resolved:

        def put(data: bytes) -> int:  # read back only once the file is closed
            at = resolved.tell()
            resolved.write(data)
            return planned.add(side, at, at + len(data))

        old_file, old_groups, old_spans, old_digests = last or (None, {}, {}, {})
        for graph, key, sha256, people in written:
            cached = work / CACHE_DIR / f"{key}.nq"
            if resolution.touches(people):
                quads = resolution.swap(cached.read_bytes())
                put(quads)
                digests.add(graph, quads)
            elif graph in old_spans and old_digests.get(graph) == sha256[:32]:
                start, end = old_spans[graph]
                digests.add_piece(graph, sha256, planned.add(old_file, start, end))
            else:
                digests.add_piece(graph, sha256, planned.add(cached))
        for graph, names, where, group in resolution.groups():
            start = planned.size
            kept = old_groups.get(graph)
            if kept is not None and kept.names == names:
                planned.add(old_file, kept.start, kept.end)
                flags = GroupFlags(names, kept.pairs, kept.digest, start, planned.size)
            else:
                lines, pairs = resolution.group_flags(where, group)
                put(lines)
                digest = hashlib.sha256(lines).hexdigest()
                flags = GroupFlags(names, pairs, digest, start, planned.size)
            if flags.end > flags.start:
                digests.add_piece(graph, flags.digest, flags.end - start)
            made.flags[graph] = asdict(flags)
    made.resolution = resolution_version()
    return digests, planned


class _GraphWriter:
    """Writes the planned ``graph.nq``, in a forked process when started.

    On a rebuild the store takes the changed graphs from the plan's ranges,
    not from the file, so the kernel's copy of an unchanged corpus (3.1 GB at
    10,000 files) runs while the store and views are made; a fresh build
    loads the store from the file, so it writes it first (:meth:`finish`).
    ``same``: the last build's file, the same as the one planned, is linked
    instead (:func:`_same_graph`).
    """

    def __init__(self, work: Path, planned: Spliced, same: Path | None = None):
        self.work, self.planned, self.same = work, planned, same
        self._writing: Forked | None = None
        self._done = False

    def start(self) -> None:
        """Write the file in a forked process (a thread would be forked along).

        Written now where this process may not fork (:func:`can_fork`), linked
        now when it is the last build's.
        """
        if self.same is not None or not can_fork():
            self.finish()
        else:
            self._writing = Forked(self.planned.write, self.work / GRAPH_FILE)

    def finish(self, made: Outputs | None = None) -> None:
        """Wait for the file (write it now if not started); record it in ``made``."""
        if not self._done:
            self._done = True
            if self.same is not None:
                link_or_copy(self.same, self.work / GRAPH_FILE)
            elif self._writing is None:
                self.planned.write(self.work / GRAPH_FILE)
            else:
                self._writing.result()  # raises the writer's error, if any
        if made is not None:  # the plan is read no more: its side file goes
            (self.work / RESOLVED).unlink(missing_ok=True)
            stat = (self.work / GRAPH_FILE).stat()
            made.graph_file = [stat.st_size, stat.st_mtime_ns]

    def stop(self) -> None:
        """Wait for the writer, if any, when the build fails (its error is moot)."""
        if self._writing is not None:
            self._done = True
            self._writing.stop()


def _last_graph(out: Path, last: Outputs | None):
    """The last build's ``graph.nq``, its flags by group, and its graphs' places.

    ``(file, flags, spans, digests)``: each graph lying in one run of lines,
    where (``[start, end]``), and each graph's digest. ``None`` when there is no
    record, the corpus pass's code changed, or the file's size or change time
    is not the one recorded.
    """
    if last is None or last.resolution != resolution_version():
        return None
    path = _as_written(out, last)
    if path is None:
        return None
    try:
        groups = {graph: GroupFlags(**kept) for graph, kept in last.flags.items()}
    except TypeError:
        return None
    return path, groups, last.spans, last.digests


def _as_written(out: Path, last: Outputs) -> Path | None:
    """The last build's ``graph.nq`` if its size and change time are as recorded."""
    try:
        stat = (out / GRAPH_FILE).stat()
    except OSError:
        return None
    if [stat.st_size, stat.st_mtime_ns] != last.graph_file:
        return None
    return out / GRAPH_FILE


def _same_graph(out: Path, last: Outputs | None, made: Outputs) -> Path | None:
    """The last build's ``graph.nq`` when this build's would be the same file.

    Its digest is this build's (every named graph alike, in the same order) and
    it is as that build wrote it: inputs touched but not changed (a checkout,
    a copy without times) rewrite nothing.
    """
    if last is None or last.graph_sha256 != made.graph_sha256:
        return None
    return _as_written(out, last)


def _store_and_views(
    out: Path,
    work: Path,
    made: Outputs,
    digests: GraphDigests,
    planned: Spliced,
    last: Outputs | None,
    *,
    views: bool,
    summary,
    jobs: int = 1,
) -> int:
    """Write ``graph.nq``, load the store, draw the views; reuse what can be.

    The store is counted once, for the summary and the index page. Returns the
    number of view pages.
    """
    writer = _GraphWriter(work, planned, _same_graph(out, last, made))
    if last is None:
        writer.finish()
    else:
        writer.start()
    try:
        reused = None
        if last is not None:
            reused = reuse_store(
                out / STORE_DIR,
                work / STORE_DIR,
                last,
                made,
                nquads=planned,
                spans=digests.spans(),
            )
        if reused is None:
            writer.finish()
            _load_store(work, jobs)
        counts = _count(work, summary, last.counts if last else None, reused)
        made.counts = asdict(counts)
        pages = None
        if views and last is not None:
            pages = reuse_views(out / VIEWS_DIR, work / VIEWS_DIR, last, made)
            if pages is not None and (out / CACHE_DIR / VIEWS_RECORD).is_file():
                link_or_copy(
                    out / CACHE_DIR / VIEWS_RECORD, work / CACHE_DIR / VIEWS_RECORD
                )
        if views and pages is None:
            pages = _write_views(
                work,
                made.digests,
                out if last is not None else None,
                counts=counts,
                jobs=jobs,
            )
    except BaseException:
        writer.stop()  # the work folder is deleted next: no copy still writing
        raise
    writer.finish(made)
    made.views = pages
    write_outputs(work / CACHE_DIR, made)
    return pages or 0


def _load_store(work: Path, jobs: int = 1) -> None:
    from .store import load_nquads, load_vocabulary

    load_nquads(work / STORE_DIR, work / GRAPH_FILE, threads=jobs)
    load_vocabulary(work / STORE_DIR)
    gc.collect()  # release the store's lock before the folder moves


def _write_views(
    work: Path,
    digests: dict[str, str],
    last: Path | None = None,
    *,
    counts=None,
    jobs: int = 1,
) -> int:
    """Draw the views; with ``last`` (the last build), redraw only what changed.

    ``counts`` are the store's (:func:`gongbao.graph.stats.graph_counts`), when
    the build has them already.
    """
    from .views import write_views

    record = work / CACHE_DIR / VIEWS_RECORD
    since = (last / VIEWS_DIR, last / CACHE_DIR / VIEWS_RECORD) if last else None
    pages = write_views(
        work / STORE_DIR,  # opened, and closed once the views' rows are read
        work / VIEWS_DIR,
        digests=digests,
        record=record,
        last=since,
        counts=counts,
        jobs=jobs,
    )
    gc.collect()  # release the store's lock before the folder moves
    return len(pages)


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
