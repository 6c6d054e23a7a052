"""Which input files changed since the last build, told by their file status.

A rebuild must not read ten thousand unchanged bulletins to learn that they are
unchanged. Each build records, in ``DIR/cache/inputs.json``, a *fingerprint* of
every input file it built completely (its name, where it is, its size, change
time and inode, the ``sources.tsv`` beside it, the extraction code and the
limits) and the documents it gave: ``(label, named graph, cache key)``. The next
build takes a file whose fingerprint it finds, and whose cached N-Quads are
still there, from the cache without opening it; any change to the file, its
``sources.tsv``, the code or the limits gives a new fingerprint, and the file is
read again. ``gongbao build --no-cache`` reads everything.

>>> import tempfile, pathlib
>>> f = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = f.write_text("会议", encoding="utf-8")
>>> first = fingerprint(f, "a.txt", code="c1", limits=(1, 2))
>>> first == fingerprint(f, "a.txt", code="c1", limits=(1, 2))
True
>>> first == fingerprint(f, "a.txt", code="c2", limits=(1, 2))
False
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

from ..extract.crawl import CRAWL_FILE

__all__ = ["INPUTS", "Done", "fingerprint", "read_inputs", "write_inputs"]

#: File in the build's cache folder: fingerprint -> the documents it gave.
INPUTS = "inputs.json"

#: ``(label, named graph, cache key)`` of one document a file gave.
Done = tuple[str, str, str]


def fingerprint(
    path: Path,
    name: str,
    *,
    code: str,
    limits: tuple,
    folders: dict | None = None,
) -> str | None:
    """What a file's documents depend on, short of reading it (see the module).

    ``None`` when the file's status cannot be read: it is then read as usual,
    and reading it reports what is wrong. ``folders``, a dict kept for one
    build, spares the files of one folder finding where it is and reading its
    ``sources.tsv``'s status once each (a third of a second for 10,000 files).
    """
    path = Path(path)
    try:
        where, sidecar = _folder(path.parent, folders)
        status = os.lstat(path)
        if stat.S_ISLNK(status.st_mode):  # where the link leads
            resolved, status = str(path.resolve()), os.stat(path)
        else:
            resolved = os.path.join(where, path.name)
        parts = [code, name, resolved, repr(limits), _status(status)]
        if sidecar is not None:
            parts.append(sidecar)
    except OSError:
        return None
    text = "\0".join(parts).encode("utf-8", "surrogateescape")
    return hashlib.sha256(text).hexdigest()[:32]


def _folder(folder: Path, folders: dict | None) -> tuple[str, str | None]:
    """Where ``folder`` is (resolved) and the status of its ``sources.tsv``."""
    if folders is not None and folder in folders:
        return folders[folder]
    sidecar = folder / CRAWL_FILE
    found = (
        str(folder.resolve()),
        _status(os.stat(sidecar)) if sidecar.is_file() else None,
    )
    if folders is not None:
        folders[folder] = found
    return found


def _status(st: os.stat_result) -> str:
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}:{st.st_dev}"


def read_inputs(cache: Path) -> dict[str, list[Done]]:
    """The last build's fingerprints and documents; empty if none is readable."""
    try:
        data = json.loads((Path(cache) / INPUTS).read_text(encoding="utf-8"))
        return {fp: [tuple(d) for d in done] for fp, done in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def write_inputs(cache: Path, inputs: dict[str, list[Done]]) -> None:
    """Record this build's fingerprints and documents in its cache folder."""
    (Path(cache) / INPUTS).write_text(
        json.dumps(inputs, ensure_ascii=False), encoding="utf-8"
    )
