"""Throughput of a build at scale, against a reference spaCy pipeline, in one run.

Run: ``make bench`` (100 MiB) or ``make bench SIZE_MB=20``; directly:
``.venv/bin/python tests/benchmarks/bench_scale.py ../shared/corpus --size-mb 20``.
Not collected by pytest: speed goals live here, not in timed tests.

What it does, in one run on the same generated text:

1. generates a corpus from the seed bulletins (:mod:`corpus_gen`: names, years
   and counts varied per copy), ``--size-mb`` MiB of files;
2. times the reference pipeline (blank ``zh``, character tokens, an
   ``EntityRuler`` of 5,000 phrase patterns) over every file, in its own process;
3. times ``gongbao build`` (views included) in its own process: whole-process
   wall time and peak RSS, like a user sees them;
4. times each stage in this process (normalise, segment, extract, assemble,
   store, views) on the same files, with the peak RSS of each phase;
5. times each competency query on the built store;

and ends with one machine-readable line::

    end_to_end_chars_per_s=N ratio_vs_reference=R peak_rss_mb=M triples=T max_query_s=Q
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛"  # noqa: E501
_GIVEN = (
    "伟芳娜秀敏静丽强磊军洋勇艳杰涛明超霞平刚桂英华建国志红玉兰凤海峰春燕晓宇浩然文博"
)
_BODIES = ("人大常委会", "人民政府", "财政局", "教育局", "审计局", "司法局", "公安局")
_PLACES = "东西南北中青湖山河江海川平安宁和兴华阳明德"


def reference_patterns(n: int = 5000) -> list[dict]:
    """``n`` distinct phrase patterns: people's names and bodies (deterministic)."""
    rng = random.Random(13)
    seen: set[str] = set()
    patterns = []
    while len(patterns) < n:
        if rng.random() < 0.7:
            label = "PERSON"
            text = rng.choice(_SURNAMES) + "".join(
                rng.choice(_GIVEN) for _ in range(rng.choice((1, 2)))
            )
        else:
            label = "ORG"
            text = (
                "".join(rng.choice(_PLACES) for _ in range(2))
                + rng.choice("市区县")
                + rng.choice(_BODIES)
            )
        if text not in seen:
            seen.add(text)
            patterns.append({"label": label, "pattern": text})
    return patterns


def run_reference(folder: Path) -> None:
    """The reference pipeline over every file of ``folder`` (run in a child)."""
    import spacy

    from gongbao.extract.io import iter_input_paths, read_document
    from gongbao.extract.tokenizer import CharTokenizer

    nlp = spacy.blank("zh")
    nlp.tokenizer = CharTokenizer(nlp.vocab)
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(reference_patterns())
    paths = list(iter_input_paths([folder]))
    texts = (read_document(p).text for p in paths)
    chars = ents = 0
    for doc in nlp.pipe(texts):
        chars += len(doc.text)
        ents += len(doc.ents)
    print(json.dumps({"chars": chars, "entities": ents}))


def _child(argv: list[str]) -> tuple[float, float, str]:
    """Run ``argv``; its wall seconds, its own peak RSS (MiB) and stdout."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=err)
        out = proc.stdout.read()
        # wait4: this child's own rusage (RUSAGE_CHILDREN would mix children).
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            err.seek(0)
            message = err.read().decode(errors="replace")[-2000:]
            sys.exit(f"{argv[0]} failed ({code}): {message}")
    return seconds, usage.ru_maxrss / 1024, out.decode()


def _reset_peak() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM (Linux)


def _peak_mb() -> float:
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage_timer(seconds: dict[str, float]):
    """A stage timer for ``extract_document(stage=...)``: adds into ``seconds``."""

    @contextlib.contextmanager
    def stage(name: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            seconds[name] += time.perf_counter() - started

    return stage


def staged(folder: Path, work: Path) -> tuple[dict, dict, int]:
    """Time each stage in this process: seconds and peak RSS per stage."""
    from gongbao.extract.io import iter_input_paths, read_documents
    from gongbao.extract.pipeline import extract_document, get_nlp
    from gongbao.graph.iris import document_graph_iri
    from gongbao.graph.nquads import document_nquads
    from gongbao.graph.store import load_nquads, open_store
    from gongbao.graph.views import write_views

    get_nlp()
    seconds: dict[str, float] = defaultdict(float)
    peaks: dict[str, float] = {}
    stage = stage_timer(seconds)

    _reset_peak()
    chars = 0
    nq_path = work / "graph.nq"
    with nq_path.open("w", encoding="utf-8") as nq:
        for path in iter_input_paths([folder]):
            for source in read_documents(path):
                chars += len(source.text)
                facts = extract_document(source, stage=stage)
                with stage("assemble"):
                    nq.write(document_nquads(facts, document_graph_iri(source.name)))
    for name in ("normalise", "segment", "extract", "assemble"):
        peaks[name] = _peak_mb()
    _reset_peak()
    with stage("store"):
        load_nquads(work / "store", nq_path)
    peaks["store"] = _peak_mb()
    _reset_peak()
    with stage("views"):
        store = open_store(work / "store")
        write_views(store, work / "views")
        del store
    peaks["views"] = _peak_mb()
    return seconds, peaks, chars


def time_queries(store_dir: Path) -> tuple[dict[str, float], dict[str, int]]:
    """Seconds and rows of each bundled competency query on the store."""
    from gongbao.graph.query import available_queries, load_query, run_query
    from gongbao.graph.store import open_store

    store = open_store(store_dir)
    seconds, rows = {}, {}
    for name, path in available_queries().items():
        started = time.perf_counter()
        result = run_query(store, load_query(path))
        seconds[name] = time.perf_counter() - started
        rows[name] = len(result.rows)
    return seconds, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("seed", type=Path, nargs="?", default=Path("../shared/corpus"))
    parser.add_argument("--size-mb", type=float, default=100.0)
    parser.add_argument("--jobs", type=int, default=1, help="gongbao build --jobs")
    parser.add_argument("--work", type=Path, help="Keep the corpus and build here.")
    parser.add_argument(
        "--no-stages", action="store_true", help="Skip the in-process stage timing."
    )
    parser.add_argument("--reference", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.reference is not None:
        run_reference(args.reference)
        return

    from corpus_gen import generate

    work = args.work or Path(tempfile.mkdtemp(prefix="gongbao-bench-"))
    try:
        corpus = work / "corpus"
        shutil.rmtree(corpus, ignore_errors=True)
        started = time.perf_counter()
        files, chars = generate(args.seed, corpus, size_mb=args.size_mb)
        print(
            f"corpus: {files} files, {chars:,} chars, {args.size_mb:g} MiB "
            f"(generated in {time.perf_counter() - started:.1f} s) in {corpus}"
        )

        ref_s, ref_rss, ref_out = _child(
            [sys.executable, __file__, "--reference", str(corpus)]
        )
        ref_rate = json.loads(ref_out)["chars"] / ref_s
        print(
            f"reference      {ref_rate:>12,.0f} chars/s  ({ref_s:7.2f} s, "
            f"peak RSS {ref_rss:,.0f} MiB)"
        )

        out = work / "out"
        shutil.rmtree(out, ignore_errors=True)  # a kept --work: built afresh
        gongbao = str(Path(sys.executable).with_name("gongbao"))
        argv = [gongbao, "build", str(corpus), "--out", str(out), "--quiet"]
        if args.jobs != 1:
            argv += ["--jobs", str(args.jobs)]
        e2e_s, e2e_rss, _ = _child(argv)
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        e2e_rate = chars / e2e_s
        print(
            f"build (e2e)    {e2e_rate:>12,.0f} chars/s  ({e2e_s:7.2f} s, "
            f"peak RSS {e2e_rss:,.0f} MiB, jobs {args.jobs}, "
            f"{manifest['quads']:,} quads, {manifest['views']} view pages)"
        )
        rebuild_s, _, _ = _child(argv)
        again = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        print(
            f"rebuild, nothing changed: {rebuild_s:.2f} s "
            f"({again['reused']} of {again['documents']} documents reused)"
        )
        changed = min(corpus.iterdir())
        for label, extra in (("with views", []), ("no views", ["--no-views"])):
            with changed.open("a", encoding="utf-8") as f:
                f.write("\n")
            one_s, _, _ = _child(argv + extra)
            print(f"rebuild, one file changed ({label}): {one_s:.2f} s")

        if not args.no_stages:
            stage_dir = work / "stages"
            shutil.rmtree(stage_dir, ignore_errors=True)
            stage_dir.mkdir()
            seconds, peaks, _ = staged(corpus, stage_dir)
            print("stage            chars/s      seconds   peak RSS (MiB)")
            for name in ("normalise", "segment", "extract", "assemble"):
                print(
                    f"{name:<10} {chars / seconds[name]:>12,.0f} "
                    f"{seconds[name]:>10.2f}   {peaks[name]:>8,.0f} (stream)"
                )
            for name in ("store", "views"):
                print(
                    f"{name:<10} {chars / seconds[name]:>12,.0f} "
                    f"{seconds[name]:>10.2f}   {peaks[name]:>8,.0f}"
                )
            shutil.rmtree(stage_dir, ignore_errors=True)

        q_seconds, q_rows = time_queries(out / "store")
        for name, s in q_seconds.items():
            print(f"query {name:<14} {s:8.3f} s  {q_rows[name]:>8,} rows")
        print(
            f"end_to_end_chars_per_s={e2e_rate:.0f} "
            f"ratio_vs_reference={e2e_rate / ref_rate:.3f} "
            f"peak_rss_mb={e2e_rss:.0f} triples={manifest['quads']} "
            f"max_query_s={max(q_seconds.values()):.3f}"
        )
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
