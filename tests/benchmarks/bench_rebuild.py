"""Rebuilds of a corpus of many files: nothing changed, and one file changed.

Run: ``make bench-rebuild`` (10,000 files) or directly
``.venv/bin/python tests/benchmarks/bench_rebuild.py ../shared/news/corpus --files 10000``.
Not collected by pytest: speed goals live here, not in timed tests.

It generates ``--files`` files from the seed pages (:mod:`corpus_gen`: names,
years and counts varied per copy), builds them with views, then times, each as
a whole ``gongbao build`` process like a user runs it: a rebuild with nothing
changed, and rebuilds after one file changed (``--changes`` of them: a sentence
appended, taken out, appended again ...; the median is reported), all with
views. Before each timed rebuild the disk's pending writes (the last build's
``graph.nq`` and pages) are flushed, untimed (``os.sync``), so that each rebuild
is timed alone, as when a user edits a file after a build. It checks that the
last rebuild gives the ``graph.nq`` of a fresh build, and ends with one
machine-readable line::

    files=N build_s=B rebuild_unchanged_s=U rebuild_one_changed_s=C
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _gongbao() -> str:
    return str(Path(sys.executable).with_name("gongbao"))


def _build(corpus: Path, out: Path, *extra: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [_gongbao(), "build", str(corpus), "--out", str(out), "--quiet", *extra],
        check=True,
    )
    return time.perf_counter() - started


def _timed_alone(corpus: Path, out: Path) -> float:
    """:func:`_build`, once the writes of the builds before it are on disk."""
    os.sync()
    return _build(corpus, out)


def _same_files(a: Path, b: Path) -> bool:
    names = sorted(str(p.relative_to(a)) for p in a.rglob("*") if p.is_file())
    if names != sorted(str(p.relative_to(b)) for p in b.rglob("*") if p.is_file()):
        return False
    return all((a / n).read_bytes() == (b / n).read_bytes() for n in names)


def main(argv: list[str] | None = None) -> int:
    from corpus_gen import generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "seed", type=Path, nargs="?", default=Path("../shared/news/corpus")
    )
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument(
        "--changes", type=int, default=3, help="Rebuilds after one file changed."
    )
    parser.add_argument("--work", type=Path, help="Keep the corpus and builds here.")
    parser.add_argument(
        "--check-views",
        action="store_true",
        help="Also build afresh with views and compare the views folders.",
    )
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="gongbao-rebuild-"))
    corpus, out, fresh = work / "corpus", work / "out", work / "fresh"
    if not corpus.is_dir() or len(list(corpus.iterdir())) != args.files:
        shutil.rmtree(corpus, ignore_errors=True)
        files, chars = generate(args.seed, corpus, files=args.files)
        print(f"corpus: {files:,} files, {chars:,} chars in {corpus}")
    shutil.rmtree(out, ignore_errors=True)
    built = _build(corpus, out)
    print(f"build with views:                 {built:8.2f} s")
    unchanged = _timed_alone(corpus, out)
    print(f"rebuild, nothing changed:         {unchanged:8.2f} s")
    changed = sorted(corpus.iterdir())[len(list(corpus.iterdir())) // 2]
    original = changed.read_text(encoding="utf-8")
    times = []
    for n in range(args.changes):
        edited = n % 2 == 0  # appended, taken out, appended ...
        text = original + "\n会议由主任王青山主持。\n" if edited else original
        changed.write_text(text, encoding="utf-8")
        times.append(_timed_alone(corpus, out))
        what = "sentence appended" if edited else "sentence taken out"
        print(f"rebuild, one file changed:        {times[-1]:8.2f} s  ({what})")
    one = statistics.median(times)
    print(f"  median of {len(times)}: {one:.2f} s  ({changed.name})")
    shutil.rmtree(fresh, ignore_errors=True)
    _build(corpus, fresh, "--no-views", "--no-cache")
    same = (out / "graph.nq").read_bytes() == (fresh / "graph.nq").read_bytes()
    print(f"graph.nq after the rebuild equals a fresh build's: {same}")
    if args.check_views:
        shutil.rmtree(fresh, ignore_errors=True)
        _build(corpus, fresh, "--no-cache")
        views = _same_files(out / "views", fresh / "views")
        print(f"views after the rebuild equal a fresh build's: {views}")
        same = same and views
    print(
        f"files={args.files} build_s={built:.2f} rebuild_unchanged_s={unchanged:.2f} "
        f"rebuild_one_changed_s={one:.2f}"
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
