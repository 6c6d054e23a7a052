"""Every competency query timed on a store of at least ten million quads.

Run: ``make bench-queries`` (``TRIPLES=`` to change the size); directly:
``.venv/bin/python tests/benchmarks/bench_queries.py ../shared/corpus``.
Not collected by pytest: speed goals live here, not in timed tests.

The store is synthesised: the seed folders are built once, and their N-Quads are
copied as many times as it takes, each copy with its own documents, named
graphs, facts and meetings and one of ten variants of every person, body, post,
law and region (so entities recur across documents as they do in a province's
years of bulletins). The store is kept in ``--work`` and reused while the seed
graph and size are unchanged; each query runs in its own process with a time
limit. The last line is machine-readable::

    quads=N max_query_s=Q slowest=NAME
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import multiprocessing
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ID = "https://w3id.org/gongbao/id/"
_SHARED = ("person", "body", "post", "law", "region")
_IRI = re.compile(re.escape(f"<{ID}") + r"([a-z-]+)/([^>]*)>")
_FILE_NAME = re.compile(r'(<https://w3id\.org/gongbao/ontology#fileName> ")')


def seed_graph(seeds: list[Path], work: Path) -> str:
    """The N-Quads of the seed folders, built once (no views)."""
    out = work / "seed"
    gongbao = str(Path(sys.executable).with_name("gongbao"))
    subprocess.run(
        [
            gongbao,
            "build",
            *map(str, seeds),
            "--out",
            str(out),
            "--quiet",
            "--no-views",
        ],
        check=False,
        stdout=subprocess.DEVNULL,
    )
    return (out / "graph.nq").read_text(encoding="utf-8")


def template(nquads: str) -> str:
    """The seed quads as a ``str.format`` template of copy ``k`` and variant ``v``."""
    text = nquads.replace("{", "{{").replace("}", "}}")

    def iri(match: re.Match) -> str:
        kind, rest = match[1], match[2]
        if kind in _SHARED:
            return f"<{ID}{kind}/{rest}~{{v}}>"
        return f"<{ID}{kind}/c{{k}}/{rest}>"

    text = _IRI.sub(iri, text)
    return _FILE_NAME.sub(r"\1c{k}_", text)


def synthesise(nquads: str, store_dir: Path, *, quads: int) -> int:
    """Bulk-load enough renamed copies of ``nquads`` into ``store_dir``."""
    from gongbao.graph.store import load_nquads

    per_copy = nquads.count("\n")
    copies = -(-quads // per_copy)
    form = template(nquads)
    big = store_dir.with_suffix(".nq")
    with big.open("w", encoding="utf-8") as out:
        for k in range(copies):
            out.write(form.format(k=k, v=k % 10))
    try:
        return load_nquads(store_dir, big)
    finally:
        big.unlink()


def _run_one(store_dir: str, path: str, pipe) -> None:
    from gongbao.graph.query import load_query, run_query
    from gongbao.graph.store import open_store

    store = open_store(Path(store_dir))
    started = time.perf_counter()
    result = run_query(store, load_query(path))
    pipe.send((time.perf_counter() - started, len(result.rows)))


def time_query(store_dir: Path, path: Path, timeout: float) -> tuple[float, int | None]:
    """Seconds and rows of one query in a child process; ``(timeout, None)`` if late."""
    ctx = multiprocessing.get_context("fork")
    here, there = ctx.Pipe()
    proc = ctx.Process(target=_run_one, args=(str(store_dir), str(path), there))
    proc.start()
    if here.poll(timeout):
        seconds, rows = here.recv()
        proc.join()
        return seconds, rows
    proc.kill()
    proc.join()
    return timeout, None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "seeds", type=Path, nargs="*", default=[Path("../shared/corpus")]
    )
    parser.add_argument("--triples", type=int, default=10_000_000)
    parser.add_argument("--timeout", type=float, default=120.0, help="Per query.")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "gongbao-bench-queries",
        help="Where the synthesised store is kept between runs.",
    )
    args = parser.parse_args()
    from gongbao.graph.query import available_queries
    from gongbao.graph.store import load_nquads, open_store

    args.work.mkdir(parents=True, exist_ok=True)
    nquads = seed_graph(args.seeds, args.work)
    loader = inspect.getsource(load_nquads)  # a new way of loading: a new store
    key = f"{args.triples}\0{loader}\0{nquads}"
    key = hashlib.sha256(key.encode()).hexdigest()[:12]
    store_dir = args.work / f"store-{key}"
    if not store_dir.is_dir():
        for stale in args.work.glob("store-*"):  # another seed graph or size
            shutil.rmtree(stale, ignore_errors=True)
        started = time.perf_counter()
        count = synthesise(nquads, store_dir, quads=args.triples)
        print(f"synthesised {count:,} quads in {time.perf_counter() - started:.1f} s")
    store = open_store(store_dir)
    quads = len(store)
    del store  # closed before the queries' processes fork
    print(f"store {store_dir}: {quads:,} quads")
    worst, slowest = 0.0, ""
    for name, path in available_queries().items():
        seconds, rows = time_query(store_dir, path, args.timeout)
        shown = f"{rows:>10,} rows" if rows is not None else "  timed out"
        print(f"query {name:<14} {seconds:9.3f} s {shown}")
        if seconds >= worst:
            worst, slowest = seconds, name
    print(f"quads={quads} max_query_s={worst:.3f} slowest={slowest}")


if __name__ == "__main__":
    main()
