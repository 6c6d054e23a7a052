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
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

__all__ = ["ordered_map"]

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
    ``join`` then waits for ever.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
