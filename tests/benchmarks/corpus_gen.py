"""A large corpus made deterministically from real bulletins, for the benchmarks.

Each copy of a seed file gets its own people (the surname is kept, the given
name redrawn), its years shifted by a few years and its counts (votes, people,
amounts) varied, so entity resolution and the store see many distinct names,
not one corpus repeated. The same seed folder and size always give the same
files.

Run by ``bench_scale.py``; not collected by pytest.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

from gongbao.extract.io import iter_input_paths, read_document
from gongbao.extract.pipeline import extract_document

__all__ = ["generate", "seed_names"]

# Characters given names are drawn from (common, unambiguous in bulletin text).
_GIVEN = (
    "伟芳娜秀敏静丽强磊军洋勇艳杰涛明超霞平刚桂英华建国志红玉兰凤海峰春燕晓宇浩然文博"
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(\s*年)")
_COUNT = re.compile(r"(?<![\d.])(\d{1,4})(?=\s*(?:人|票|名|项|件|万元|亿元|元|个))")


def seed_names(paths: list[Path]) -> list[str]:
    """People's names gongbao reads from the seed files (longest first)."""
    names: set[str] = set()
    for path in paths:
        facts = extract_document(read_document(path))
        names |= {a.person for a in facts.attendance}
        names |= {a.person for a in facts.appointments}
        names |= {r.reporter for r in facts.reports if r.reporter}
        names |= {m.chair for m in facts.meetings if m.chair}
    return sorted((n for n in names if 2 <= len(n) <= 4), key=lambda n: (-len(n), n))


def _perturb(text: str, names: list[str], copy: int) -> str:
    rng = random.Random(copy)
    if names:
        renamed = {
            name: name[0] + "".join(rng.choice(_GIVEN) for _ in name[1:])
            for name in names
        }
        pattern = re.compile("|".join(map(re.escape, names)))
        text = pattern.sub(lambda m: renamed[m[0]], text)
    shift = rng.randint(-5, 5)
    text = _YEAR.sub(lambda m: f"{int(m[1]) + shift}{m[2]}", text)
    factor = rng.choice((1, 2, 3))
    return _COUNT.sub(lambda m: str(int(m[1]) * factor + copy % 7), text)


def _copies(paths: list[Path], names: list[str]) -> Iterator[tuple[str, str]]:
    texts = [(p.stem, read_document(p).text) for p in paths]
    copy = 0
    while True:
        for stem, text in texts:
            yield f"{copy:05d}_{stem}.txt", _perturb(text, names, copy)
        copy += 1


def generate(
    seed: Path, dest: Path, *, size_mb: float = float("inf"), files: int | None = None
) -> tuple[int, int]:
    """Write copies of the ``seed`` files into ``dest`` up to ``size_mb`` MiB.

    With ``files``, stop at that many files instead. Returns ``(files, characters)``.
    """
    paths = sorted(iter_input_paths([seed]))
    names = seed_names(paths)
    dest.mkdir(parents=True, exist_ok=True)
    budget = size_mb * 2**20
    written = chars = 0
    limit = files
    files = 0
    for name, text in _copies(paths, names):
        if written >= budget or (limit is not None and files >= limit):
            break
        data = text.encode("utf-8")
        (dest / name).write_bytes(data)
        written += len(data)
        files += 1
        chars += len(text)
    return files, chars
