"""Run a function over a stream of items in forked worker processes, in order.

The build's extraction is CPU-bound pure Python, so more cores need more
processes. Workers are forked (they share the loaded pipeline copy-on-write) and
return plain records (strings, dicts), never spaCy Docs, so little crosses the
process boundary. At most ``window`` items are in flight: the input stream is
never read far ahead, so a large corpus is never held in memory. Results come
back in the order of the items, so the output does not depend on ``jobs``.

>>> list(ordered_map(abs, [-3, 1, -2], jobs=2))
[3, 1, 2]
>>> list(ordered_map(abs, [-3, 1, -2], jobs=2, inline=lambda x: x > 0))
[3, 1, 2]
>>> list(ordered_map(abs, [-3, 1, -2], jobs=1))  # no processes at all
[3, 1, 2]

:class:`Forked` runs one call in a forked process while this one goes on:

>>> Forked(abs, -4).result()
4
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import TypeVar

__all__ = ["Forked", "can_fork", "ordered_map"]

T = TypeVar("T")
R = TypeVar("R")


class _Done:
    """A result computed in this process, read like a pool's ``AsyncResult``."""

    __slots__ = ("value",)

    def __init__(self, value) -> None:
        self.value = value

    def get(self):
        return self.value


def ordered_map(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int = 1,
    window: int | None = None,
    initializer: Callable[[], object] | None = None,
    inline: Callable[[T], bool] | None = None,
) -> Iterator[R]:
    """``map(func, items)`` over ``jobs`` forked processes, results in order.

    ``func`` must be a module-level function and items and results picklable.
    ``initializer`` runs once in this process before the workers fork (load
    what every worker needs, so they share it). Items for which ``inline(item)``
    is true are run here instead (cheap work not worth sending: a cache hit).
    With ``jobs=1`` nothing forks.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    if jobs == 1:
        yield from map(func, items)
        return
    if initializer is not None:
        initializer()
    window = window or 2 * jobs
    with _sigterm_held():
        pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_in_worker)
    finished = False
    try:
        pending: deque = deque()
        for item in items:
            if inline is not None and inline(item):
                pending.append(_Done(func(item)))
            else:
                pending.append(pool.apply_async(func, (item,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
        finished = True
    finally:
        # Done: the workers are told to stop and leave by themselves. Stopped
        # early (an error, the caller gave up): they are killed.
        if finished:
            pool.close()
        else:
            pool.terminate()
        pool.join()


def _in_worker() -> None:
    """In each worker: SIGTERM stops it, whatever handler the parent had.

    A handler inherited from the parent (a server's, a test runner's) could let
    a worker outlive :meth:`multiprocessing.pool.Pool.terminate`, and the pool's
    ``join`` then waits for ever. The worker was forked with SIGTERM held
    (:func:`_sigterm_held`), so one sent before this line is delivered now.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


@contextmanager
def _sigterm_held() -> Iterator[None]:
    """Hold SIGTERM while processes are forked (and in threads started meanwhile).

    The pool forks its workers here and, to replace one, from a thread it starts
    here; each child inherits the held signal, so a SIGTERM sent before the
    child's :func:`_in_worker` ran (under load: the pool's ``terminate`` racing
    a worker it had just forked) waits for it instead of meeting the parent's
    handler. This process takes SIGTERM again on the way out.
    """
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def can_fork() -> bool:
    """Whether this process may fork for work of its own beside it.

    Not where there is no ``fork``, nor beside another thread (a Dask
    client's, a notebook kernel's): the child would inherit whatever locks
    that thread holds.
    """
    return hasattr(os, "fork") and threading.active_count() == 1


class Forked:
    """``func(*args)`` in a forked process; :meth:`result` waits for it.

    For I/O that this process need not wait for (the kernel's copy of a large
    file): a process rather than a thread, so that this one can still fork
    workers later with no other thread running. The result and an error
    come back pickled; :meth:`result` raises the call's error.
    """

    def __init__(self, func: Callable[..., R], *args) -> None:
        context = multiprocessing.get_context("fork")
        self._here, there = context.Pipe(duplex=False)
        self._process = context.Process(target=_call, args=(there, func, args))
        with _sigterm_held():
            self._process.start()
        there.close()

    def result(self):
        """The call's result, once it is done; its error raised here."""
        try:
            ok, value = self._here.recv()
        except EOFError:  # it died without a word (killed)
            self._process.join()
            code = self._process.exitcode
            raise OSError(f"a forked process ended with exit code {code}") from None
        finally:
            self._here.close()
        self._process.join()
        if not ok:
            raise value
        return value

    def stop(self) -> None:
        """Wait for it unless :meth:`result` did: after a failure its error is moot."""
        if not self._here.closed:
            with suppress(Exception):
                self.result()


def _call(pipe, func, args) -> None:
    _in_worker()
    try:
        pipe.send((True, func(*args)))
    except BaseException as err:  # sent back, raised by Forked.result
        pipe.send((False, err))
    finally:
        pipe.close()
