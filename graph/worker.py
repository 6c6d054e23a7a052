"""The Oxigraph child process behind the SPARQL front: start, restart, die with us.

:class:`Worker` runs ``oxigraph serve-read-only`` on a private loopback port.

- Its life is tied to ours: on Linux the child asks the kernel for ``SIGKILL``
  when its parent dies (``prctl(PR_SET_PDEATHSIG)``), so ``kill -9`` of
  ``gongbao serve`` leaves no Oxigraph behind. The kernel means the parent
  *thread*, so every child is started by one long-lived thread
  (:meth:`Worker.restart` hands the work to it). Elsewhere the child is
  stopped on every orderly exit only.
- :meth:`Worker.restart` replaces a child that stopped, one that did not answer
  within the query timeout (Oxigraph cannot cancel every query: a sorted cross
  join runs on past ``--timeout-s``), and one whose store was replaced by a rebuild
  (:meth:`Worker.reopen_if_rebuilt`), so the endpoint answers from the build the
  views show.

Usage (a running worker is a test's job, not a doctest's)::

    with Worker(lambda port: [...command...], watch=Path("out")) as worker:
        host, port = worker.address
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import GongbaoError
from .libc import libc_function

__all__ = ["Worker", "build_identity", "free_port"]

_STARTUP_SECONDS = 20.0
_PR_SET_PDEATHSIG = 1


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def build_identity(out: Path) -> tuple[int, int] | None:
    """What changes when ``out`` is rebuilt: the folder's inode and device."""
    try:
        stat = os.stat(out)
    except OSError:
        return None
    return stat.st_ino, stat.st_dev


def _die_with_parent_hook() -> Callable[[], None] | None:
    """A ``preexec_fn`` that asks Linux to kill the child when its parent dies."""
    if not sys.platform.startswith("linux"):
        return None
    prctl = libc_function("prctl")
    if prctl is None:
        return None
    parent = os.getpid()

    def hook() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return hook


class Worker:
    """One Oxigraph child at a time, started and replaced by one thread."""

    def __init__(
        self,
        command: Callable[[int], list[str]],
        *,
        watch: Path | None = None,
        on_event: Callable[[str], None] | None = None,
    ) -> None:
        self._command = command
        self._watch = watch
        self._on_event = on_event or (lambda message: None)
        self._identity = build_identity(watch) if watch is not None else None
        self._process: subprocess.Popen | None = None
        self._log = tempfile.TemporaryFile()  # a file, not a pipe: nobody drains it
        self.address: tuple[str, int] = ("127.0.0.1", 0)
        self.generation = 0
        self._lock = threading.Lock()
        self._requests: queue.Queue = queue.Queue()
        self._thread = threading.Thread(
            target=self._run, name="oxigraph-worker", daemon=True
        )
        self._last_check = 0.0

    # The supervising thread: the only one that starts children ----------------

    def _run(self) -> None:
        while True:
            request, done, answer = self._requests.get()
            try:
                if request == "start":
                    self._start()
                elif request == "stop":
                    self._stop()
                    return
                answer.append(None)
            except BaseException as err:  # noqa: BLE001 - handed to the caller
                answer.append(err)
            finally:
                done.set()

    def _ask(self, request: str) -> None:
        done, answer = threading.Event(), []
        self._requests.put((request, done, answer))
        done.wait()
        if answer and answer[0] is not None:
            raise answer[0]

    def _start(self) -> None:
        self._stop()
        port = free_port()
        self._process = subprocess.Popen(
            self._command(port),
            stdout=subprocess.DEVNULL,
            stderr=self._log,
            preexec_fn=_die_with_parent_hook(),  # only prctl and getppid run there
        )
        self.address = ("127.0.0.1", port)
        self.generation += 1
        _wait_for(self.address, self._process)

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    # What the front server calls ---------------------------------------------

    @property
    def pid(self) -> int | None:
        """The process id of the running child."""
        return self._process.pid if self._process is not None else None

    def stops_within(self, seconds: float) -> bool:
        """True when the child has exited or exits within ``seconds``.

        A killed child's threads end one by one: until the last one has, its
        listening socket still takes connections (and resets them) and the
        child cannot be reaped, so a caller that just saw a reset waits here.
        """
        process = self._process
        if process is None:
            return False
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            return False
        return True

    def start(self) -> None:
        """Start the supervising thread and the first child."""
        self._thread.start()
        self._ask("start")

    def restart(self, generation: int, reason: str) -> None:
        """Replace the child, unless another caller already replaced ``generation``."""
        with self._lock:
            if generation != self.generation:
                return
            self._on_event(f"restarting the SPARQL worker: {reason}")
            self._ask("start")

    def reopen_if_rebuilt(self, *, every: float = 1.0) -> bool:
        """Restart on the new store when the watched folder was rebuilt."""
        if self._watch is None or time.monotonic() - self._last_check < every:
            return False
        self._last_check = time.monotonic()
        identity = build_identity(self._watch)
        if identity is None or identity == self._identity:
            return False
        if not (self._watch / "store").is_dir():
            return False
        with self._lock:
            if identity == self._identity:
                return False
            self._identity = identity
            self._on_event(f"{self._watch} was rebuilt: reopening its store")
            self._ask("start")
        return True

    def close(self) -> None:
        """Stop the child and the supervising thread."""
        if self._thread.is_alive():
            self._ask("stop")
        self._log.close()

    def __enter__(self) -> Worker:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _wait_for(address: tuple[str, int], process: subprocess.Popen) -> None:
    deadline = time.monotonic() + _STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise GongbaoError(
                f"the oxigraph server stopped at start-up (exit {process.returncode})"
            )
        with contextlib.suppress(OSError), socket.create_connection(address, 0.2):
            return
        time.sleep(0.05)
    raise GongbaoError(f"the oxigraph server did not start in {_STARTUP_SECONDS} s")
