"""How long the views take: writing them, and opening the largest pages in Chromium.

Run after a build, e.g. ``.venv/bin/gongbao build ../shared/corpus --out /tmp/c`` then
``.venv/bin/python tests/benchmarks/bench_views.py /tmp/c``. Not collected by
pytest: speed goals live here, not in timed tests. Needs /usr/bin/chromium and
chromedriver (.ci/install-browser).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from gongbao.graph.incremental import file_digests
from gongbao.graph.store import open_store
from gongbao.graph.views import write_views


def _write_times(out: Path) -> None:
    store = open_store(out / "store")
    digests = file_digests(out / "graph.nq").graphs()
    with tempfile.TemporaryDirectory() as tmp:
        views, record = Path(tmp) / "views", Path(tmp) / "views.sqlite"
        runs = (
            ("into an empty folder", {"digests": digests, "record": record}),
            ("again into that folder, no record", {}),
            (
                "as a rebuild whose graph did not change (record kept)",
                {
                    "digests": digests,
                    "record": Path(tmp) / "again.json",
                    "last": (views, record),
                },
            ),
        )
        for label, options in runs:
            into = Path(tmp) / "rebuilt" if "last" in options else views
            start = time.perf_counter()
            pages = write_views(store, into, **options)
            seconds = time.perf_counter() - start
            print(f"write {len(pages)} pages {label}: {seconds:.2f} s")


def _load_times(views: Path, repeat: int) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--window-size=1400,1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    largest = {}
    for page in views.glob("*.html"):
        kind = page.name.split("-")[0].removesuffix(".html")
        if kind not in largest or page.stat().st_size > largest[kind].stat().st_size:
            largest[kind] = page
    try:
        for kind, page in sorted(largest.items()):
            seconds, loaded = [], []
            for _ in range(repeat):
                start = time.perf_counter()
                driver.get(page.resolve().as_uri())
                while not driver.execute_script("return !!window.gongbaoNetwork;"):
                    time.sleep(0.01)
                seconds.append(time.perf_counter() - start)
                loaded.append(
                    driver.execute_script(
                        "return performance.getEntriesByType('navigation')[0]"
                        ".loadEventEnd;"
                    )
                )
                driver.get("about:blank")
            print(
                f"open {kind:<13} {page.name:<28} {page.stat().st_size / 1024:6.0f} KB"
                f"  {statistics.median(seconds):.3f} s to the network,"
                f" loadEventEnd {statistics.median(loaded):.0f} ms (median of {repeat})"
            )
    finally:
        driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path, help="A build's output folder.")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    _write_times(args.out)
    if shutil.which("chromedriver") or Path("/usr/bin/chromedriver").exists():
        _load_times(args.out / "views", args.repeat)


if __name__ == "__main__":
    main()
