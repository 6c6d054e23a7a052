"""Throughput of each stage of a build, in characters of source text per second.

Run: ``make bench`` or ``.venv/bin/python tests/benchmarks/bench_throughput.py DIR``.
Not collected by pytest: speed goals live here, not in timed tests.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from gongbao.extract.io import iter_input_paths, read_document
from gongbao.extract.normalize import normalize
from gongbao.extract.pipeline import extract_document
from gongbao.graph.assemble import document_graph
from gongbao.graph.build import _nquads, build
from gongbao.graph.iris import document_graph_iri


def _rate(chars: int, seconds: float) -> str:
    return f"{chars / seconds:>12,.0f} chars/s  ({seconds:.3f} s)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="Passes over the input.")
    args = parser.parse_args()
    docs = [read_document(p) for p in iter_input_paths(args.inputs)]
    chars = sum(len(d.text) for d in docs) * args.repeat
    print(f"{len(docs)} documents, {chars // args.repeat:,} chars, x{args.repeat}")

    started = time.perf_counter()
    for _ in range(args.repeat):
        for doc in docs:
            normalize(doc.text)
    print("normalise      ", _rate(chars, time.perf_counter() - started))

    started = time.perf_counter()
    for _ in range(args.repeat):
        facts = [extract_document(doc) for doc in docs]
    print("extract        ", _rate(chars, time.perf_counter() - started))

    started = time.perf_counter()
    for _ in range(args.repeat):
        for f in facts:
            _nquads(document_graph(f), document_graph_iri(f.document.name))
    print("assemble+nq    ", _rate(chars, time.perf_counter() - started))

    for views in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            build(args.inputs, Path(tmp) / "out", views=views, cache=False)
            label = "build+views    " if views else "build (no views)"
            print(
                f"{label:<15}",
                _rate(chars // args.repeat, time.perf_counter() - started),
            )


if __name__ == "__main__":
    main()
