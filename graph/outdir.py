"""The output folder of a build: what it may be, one build at a time, an atomic swap.

``--out`` may be a folder that does not exist yet, an empty folder, or an earlier
gongbao build (a folder whose ``manifest.json`` gongbao wrote). Anything else is
refused *before* building, with one line saying why: a file, the current folder
or one holding it, a folder holding an input, a folder with someone else's
``manifest.json``, any other non-empty folder.

A rebuild replaces what gongbao makes (``graph.nq``, ``store/``, ``views/``,
``cache/``, ``manifest.json``); any other file or folder a user put in the build
(a notebook, ``figures/``) is moved into the new build and named in the
summary, never deleted.

One build at a time writes an output folder: :func:`locked` takes an exclusive
``flock`` on ``.OUT.lock`` beside it; a second build fails at once with
:class:`OutputBusy` naming the process that holds it.

The new build is written in ``.OUT.building-PID`` beside ``OUT`` and swapped in
by :func:`swap_in`: on Linux with one ``renameat2(RENAME_EXCHANGE)`` call, so
``OUT`` names a complete build at every instant; elsewhere (or on a file system
without exchange) by two renames, ``OUT`` -> ``.OUT.old-PID`` then the new build
-> ``OUT``: a crash between the two leaves no ``OUT`` for a moment, and the next
build (or :func:`recover`) renames ``.OUT.old-PID`` back. Work folders of builds
whose process is dead are removed by :func:`clean_stale` under the lock (one
holding files gongbao did not make is kept and reported instead).

>>> import tempfile, pathlib
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> (tmp / "site").mkdir(); _ = (tmp / "site" / "manifest.json").write_text("{}")
>>> check_out(tmp / "site")
Traceback (most recent call last):
...
gongbao.errors.GongbaoError: ...site: has a manifest.json that gongbao did not write (a web app?); refusing to replace it: choose another --out
"""  # noqa: E501

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import GongbaoError
from ..extract.files import display_name
from .libc import libc_function
from .parallel import can_fork

__all__ = [
    "GENERATOR",
    "MADE",
    "OutputBusy",
    "check_out",
    "clean_stale",
    "is_build",
    "locked",
    "recover",
    "swap_in",
    "user_entries",
    "work_folder",
]

#: ``manifest.json["generator"]`` of every build.
GENERATOR = "gongbao"
MANIFEST = "manifest.json"
#: What a build makes; everything else in a build folder is the user's.
MADE = ("graph.nq", "store", "views", "cache", MANIFEST)

_WORK = re.compile(r"^\.(?P<out>.+)\.(?P<tag>building|old)-(?P<pid>\d+)$")


class OutputBusy(GongbaoError):
    """Another build holds the output folder's lock."""


def is_build(folder: Path) -> bool:
    """True when ``folder`` holds a ``manifest.json`` that gongbao wrote.

    Builds from before the ``generator`` field count when their manifest has a
    build's keys and ``graph.nq`` is beside it.
    """
    manifest = Path(folder) / MANIFEST
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(data, dict):
        return False
    if data.get("generator") == GENERATOR:
        return True
    legacy = {"documents", "quads", "failed", "skipped", "views"}
    return legacy <= data.keys() and (Path(folder) / "graph.nq").is_file()


def check_out(out: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse an ``--out`` a build must not replace (see the module docstring)."""
    out = Path(out)
    name = display_name(str(out))
    if out.is_symlink():
        raise GongbaoError(
            f"{name}: is a symbolic link; give the folder it points to as --out"
        )
    if out.exists() and not out.is_dir():
        raise GongbaoError(
            f"{name}: is a file, not a folder; choose a new folder for --out"
        )
    here = Path.cwd().resolve()
    target = out.resolve()
    if target == here or target in here.parents:
        raise GongbaoError(
            f"{name}: is the current folder (or holds it), which a build would "
            "replace; choose a new folder for --out, e.g. --out out"
        )
    for given in inputs:
        source = Path(given).resolve()
        if source == target or target in source.parents:
            raise GongbaoError(
                f"{name}: holds the input {display_name(str(given))}, which a "
                "rebuild would delete; choose a folder outside the inputs"
            )
    if not out.is_dir() or is_build(out):
        return
    if (out / MANIFEST).exists():
        raise GongbaoError(
            f"{name}: has a {MANIFEST} that gongbao did not write (a web app?); "
            "refusing to replace it: choose another --out"
        )
    try:
        with os.scandir(out) as entries:
            empty = next(entries, None) is None
    except OSError as err:
        raise GongbaoError(f"{name}: cannot list ({err.strerror})") from err
    if not empty:
        raise GongbaoError(
            f"{name}: is a non-empty folder that is not a gongbao build; "
            "refusing to replace it: choose a new or empty folder for --out"
        )


def user_entries(out: Path) -> list[str]:
    """Names in a build folder that gongbao did not make (kept by a rebuild)."""
    out = Path(out)
    if not out.is_dir():
        return []
    with os.scandir(out) as entries:
        return sorted(entry.name for entry in entries if entry.name not in MADE)


def work_folder(out: Path, tag: str = "building", pid: int | None = None) -> Path:
    """``.OUT.TAG-PID`` beside ``out`` (the parent is created)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    return out.parent / f".{out.name}.{tag}-{pid or os.getpid()}"


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the exclusive lock of ``out`` (``.OUT.lock`` beside it) while building.

    A second holder fails at once with :class:`OutputBusy`; the lock is released
    when the process ends, however it ends.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    path = out.parent / f".{out.name}.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            raise OutputBusy(
                f"{display_name(str(out))}: another gongbao build "
                f"(process {holder or '?'}) is writing it; wait for it to finish "
                "or choose another --out"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock; the file stays for the next build


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _work_folders(out: Path) -> Iterator[tuple[Path, str, int]]:
    out = Path(out)
    if not out.parent.is_dir():
        return
    with os.scandir(out.parent) as entries:
        found = [
            (Path(entry.path), match["tag"], int(match["pid"]))
            for entry in entries
            if (match := _WORK.match(entry.name))
            and match["out"] == out.name
            and entry.is_dir(follow_symlinks=False)
        ]
    yield from found


def recover(out: Path) -> Path | None:
    """Put back the last build if a crash between two renames left no ``out``.

    Call it holding the lock. Returns the folder renamed back, if any.
    """
    out = Path(out)
    if out.exists() or out.is_symlink():
        return None
    olds = sorted(
        (path for path, tag, pid in _work_folders(out) if tag == "old"),
        key=lambda path: path.stat().st_mtime,
    )
    for old in reversed(olds):
        if is_build(old):
            old.rename(out)
            return old
    return None


def clean_stale(
    out: Path, *, on_kept: Callable[[Path, list[str]], None] | None = None
) -> list[Path]:
    """Remove work folders of dead builds of ``out``; return those removed.

    Call it holding the lock. A folder holding entries gongbao did not make is
    kept, and passed to ``on_kept(folder, names)``.
    """
    removed = []
    for path, _, pid in _work_folders(out):
        if pid == os.getpid() or _alive(pid):
            continue
        foreign = user_entries(path)
        if foreign:
            if on_kept is not None:
                on_kept(path, foreign)
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def swap_in(
    work: Path, out: Path, *, keep: Iterable[str] = (), detach: bool = False
) -> None:
    """Make ``work`` the build at ``out``; the old build is deleted afterwards.

    ``keep`` are names in the old build to move into the new one first (the
    user's files, :func:`user_entries`). With ``detach``, the old build is
    deleted by a process of its own that this one does not wait for
    (:func:`_remove`).
    """
    work, out = Path(work), Path(out)
    for name in keep:
        (out / name).rename(work / name)
    if not out.exists():
        work.rename(out)
        return
    if _exchange(work, out):
        _remove(work, detach)  # now the old build
        return
    old = work_folder(out, "old")
    out.rename(old)
    work.rename(out)  # a crash before this line: recover() renames old back
    _remove(old, detach)


def _remove(folder: Path, detach: bool) -> None:
    """Delete a replaced build, in a detached process if ``detach``.

    Unlinking a large build's files takes seconds (56,643 pages, 20,000 cache
    files and a 3.1 GB ``graph.nq``: 1.1-1.5 s), which a rebuild need not wait
    for: a grandchild process (never a zombie of this one) deletes it. If it
    is stopped halfway, the folder is a dead build's work folder and the next
    build removes it (:func:`clean_stale`). Deleted here where this process
    may not fork (:func:`~gongbao.graph.parallel.can_fork`).
    """
    if detach and can_fork():
        try:
            child = os.fork()
        except OSError:
            child = None
        if child == 0:
            try:
                # Not the build's lock (an flock is shared with a child): closed
                # before this child ends, which the build waits for, so the next
                # build may start at once while the grandchild deletes.
                os.closerange(3, _MAX_FD)
                if os.fork() == 0:
                    shutil.rmtree(folder, ignore_errors=True)
            finally:
                os._exit(0)
        if child is not None:
            os.waitpid(child, 0)
            return
    shutil.rmtree(folder, ignore_errors=True)


_RENAME_EXCHANGE = 2
_MAX_FD = os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else 1024
_AT_FDCWD = -100


def _renameat2():
    if not hasattr(os, "uname") or os.uname().sysname != "Linux":
        return None
    function = libc_function("renameat2")
    if function is not None:
        function.argtypes = [
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.c_uint,
        ]
        function.restype = ctypes.c_int
    return function


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False if unsupported."""
    function = _renameat2()
    if function is None:
        return False
    result = function(
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False  # the file system cannot exchange: two renames instead
    raise OSError(code, os.strerror(code), str(b))
