"""Seconds of extraction's hot spots and stages over a corpus, one core.

Run: ``.venv/bin/python tests/benchmarks/bench_hotspots.py /tmp/bench20/corpus``
(a corpus from ``make bench SIZE_MB=20``). Not collected by pytest.

Each hot spot is called over every document the way the pipeline calls it, and
timed alone; then every document is extracted, each stage and each pipeline
component timed. Each figure is the median of ``--repeat`` rounds (the machine
is shared; the first round also pays for the patterns compiled on first use).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path

from bench_scale import stage_timer

from gongbao.extract import appointments, context, normalize
from gongbao.extract.appointments import find_appointments
from gongbao.extract.context import read_context
from gongbao.extract.doc import ARTICLES, make_doc, text_of
from gongbao.extract.io import iter_input_paths, read_documents
from gongbao.extract.meetings import find_meeting_mentions
from gongbao.extract.pipeline import extract_document, get_nlp
from gongbao.extract.text import MappedText

# How appointments closes a headline (a template before this benchmark's change).
_ENDED = getattr(appointments, "_ended", r"\g<0>。")


def _documents(folder: Path):
    return [s for p in iter_input_paths([folder]) for s in read_documents(p)]


def _prepared(sources):
    """Per document: the text before line joining, the region lines, articles."""
    nlp = get_nlp()
    before_join: list[MappedText] = []  # what normalize hands _join_lines
    join = normalize._join_lines
    normalize._join_lines = lambda mapped: before_join.append(mapped) or join(mapped)
    out = []
    try:
        for source in sources:
            mapped = normalize.normalize(source.text, furniture=source.furniture)
            ctx = read_context(mapped, source)
            head = mapped.text[: context._SCAN]
            lines = context._SPACES.sub("", head).replace("*", "")
            doc = make_doc(nlp, mapped, source=source, context=ctx)
            doc = nlp.get_pipe("gongbao_segment")(doc)
            articles = [(a.start_char, a.end_char) for a in doc.spans[ARTICLES]]
            out.append((before_join[-1], lines, ctx, text_of(doc), articles))
    finally:
        normalize._join_lines = join
    return out


def _time_components(nlp, seconds: dict[str, float]) -> None:
    """Wrap each pipeline component so its seconds add up in ``seconds``."""

    def timed(name, component):
        def call(doc):
            started = time.perf_counter()
            try:
                return component(doc)
            finally:
                seconds[f"component {name}"] += time.perf_counter() - started

        return call

    nlp._components[:] = [(n, timed(n, c)) for n, c in nlp._components]


def _timed(calls) -> float:
    started = time.perf_counter()
    for call in calls:
        call()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sources = _documents(args.corpus)
    docs = _prepared(sources)
    spots = {
        "context._region": lambda: [context._region(d[1]) for d in docs],
        "find_meeting_mentions (articles)": lambda: [
            find_meeting_mentions(text[lo:hi], ctx)
            for _, _, ctx, text, arts in docs
            for lo, hi in arts
        ],
        "normalize._join_lines": lambda: [normalize._join_lines(d[0]) for d in docs],
        "find_appointments (articles)": lambda: [
            find_appointments(text[lo:hi], ctx, mentions=[])
            for _, _, ctx, text, arts in docs
            for lo, hi in arts
        ],
        "appointments' squeeze (articles)": lambda: [
            MappedText.identity(text[lo:hi])
            .sub(appointments._HEADLINE, _ENDED)
            .sub(appointments._WS, "")
            for _, _, _, text, arts in docs
            for lo, hi in arts
        ],
    }
    rounds: dict[str, list[float]] = defaultdict(list)
    nlp = get_nlp()
    seconds: dict[str, float] = defaultdict(float)
    _time_components(nlp, seconds)
    for _ in range(args.repeat):
        for name, run in spots.items():
            rounds[name].append(_timed([run]))
        seconds.clear()
        stages: dict[str, float] = defaultdict(float)
        for source in sources:
            extract_document(source, nlp=nlp, stage=stage_timer(stages))
        for name, value in stages.items():
            rounds[f"stage {name}"].append(value)
        for name, value in seconds.items():
            rounds[name].append(value)
    chars = sum(len(s.text) for s in sources)
    print(f"{len(sources)} documents, {chars:,} characters, {args.repeat} rounds")
    for name, values in rounds.items():
        spread = f"{min(values):.2f}-{max(values):.2f}"
        print(f"{name:36} median {statistics.median(values):6.2f} s  ({spread})")


if __name__ == "__main__":
    main()
