"""Time and memory of extracting one long line of bulletin text, by length.

Run: ``.venv/bin/python tests/benchmarks/bench_long_line.py 1000000 10000000``.
Not collected by pytest. Linear time shows as a steady chars/s column; memory
grows with the length (one spaCy token per character).
"""

from __future__ import annotations

import argparse
import resource
import time

from gongbao.extract.pipeline import extract_document, get_nlp
from gongbao.extract.records import SourceDocument

LINE = (
    "第十八届人民代表大会常务委员会第二十五次会议于2020年4月29日召开。"
    "会议由区人大常委会主任林静文主持。出 席：高 远 韩秋实 蒋明月 "
    "任命张远山为区人民政府副区长。免去李青的区财政局局长职务。"
    "《河东省河湖长制条例》关于诉源治理工作情况的报告"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("lengths", nargs="+", type=int, help="Characters.")
    args = parser.parse_args()
    get_nlp()
    for chars in args.lengths:
        text = (LINE * (chars // len(LINE) + 1))[:chars]
        source = SourceDocument("a.txt", "a.txt", text, "utf-8", "")
        started = time.perf_counter()
        extract_document(source, max_chars=chars)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(
            f"{chars:>12,} chars  {seconds:8.2f} s  {chars / seconds:>10,.0f} chars/s"
            f"  peak {peak:,} MB",
            flush=True,
        )


if __name__ == "__main__":
    main()
