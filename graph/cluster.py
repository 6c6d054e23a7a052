"""Extraction past one machine: documents out to Dask workers, N-Quads back in order.

``gongbao build --scheduler ADDRESS`` connects to a running ``dask.distributed``
scheduler (``tcp://host:8786``), or starts a cluster of ``N`` worker processes on
this machine for ``local:N`` (``local``: one per core). The client reads and
decodes every file itself and sends each document's text and provenance (a
:class:`~gongbao.extract.records.SourceDocument`), never a path: workers need
gongbao installed, not the corpus. A worker sends back the document's N-Quads
shard and its counts; the client writes ``graph.nq`` in input order, exactly as
the serial build, and loads the store from it. The work per document is the
serial build's own function; only how it is spread differs.

At most ``window`` documents are in flight (twice the workers' threads), so
the corpus is never held in memory on either side. Dask is imported only here,
only when a build asks for a cluster.

>>> local_workers("local:3"), local_workers("tcp://10.0.0.5:8786")
(3, None)
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from typing import TypeVar

from ..errors import GongbaoError

__all__ = [
    "CONNECT_SECONDS",
    "WORKERS_SECONDS",
    "cluster_map",
    "connect",
    "local_workers",
    "worker_code_version",
]

T = TypeVar("T")
R = TypeVar("R")

#: How long the client tries to reach the scheduler.
CONNECT_SECONDS = 10
#: How long a build waits for the scheduler's first worker.
WORKERS_SECONDS = 60
_INSTALL = "in gongbao's folder: pip install -e '.[cluster]'"


def local_workers(address: str) -> int | None:
    """Worker processes to start here for ``local`` / ``local:N``; else ``None``."""
    if address == "local":
        return os.cpu_count() or 1
    head, sep, count = address.partition(":")
    if head != "local" or not sep:
        return None
    if not count.isdigit() or int(count) < 1:
        raise GongbaoError(
            f"--scheduler {address}: expected local:N with N 1 or more "
            "(or tcp://HOST:PORT of a running Dask scheduler)"
        )
    return int(count)


@contextmanager
def connect(address: str):
    """A Dask client of the scheduler at ``address``, with at least one worker.

    Raises :class:`~gongbao.errors.GongbaoError` (one line naming the address
    and what to do) when Dask is missing, nobody answers, no worker joins, or a
    worker runs other gongbao code than this client.
    """
    workers = local_workers(address)
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise GongbaoError(
            f"--scheduler needs Dask, which is not installed ({_INSTALL})"
        ) from err
    with ExitStack() as stack:
        target = address
        if workers is not None:
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,  # pure Python: processes, not threads
                processes=True,
                dashboard_address=":0",
            )
            target = stack.enter_context(cluster).scheduler_address
        else:
            _check_address(address)
        try:
            client = Client(target, timeout=CONNECT_SECONDS, set_as_default=False)
        except OSError as err:
            raise GongbaoError(
                f"--scheduler {address}: no Dask scheduler answered ({err}); "
                f"start one with `dask scheduler` and workers with "
                f"`dask worker {address}`, or give local:N to start N workers here"
            ) from None
        stack.enter_context(client)
        _check_workers(client, address)
        yield client


def _check_address(address: str) -> None:
    """Refuse an address Dask cannot parse before a client is made of it."""
    from distributed.comm.addressing import parse_address, parse_host_port
    from distributed.comm.registry import backends

    try:
        scheme, location = parse_address(address)
        if scheme not in backends or scheme == "inproc":  # inproc: one process
            raise ValueError(f"unknown scheme {scheme}://")
        if scheme in ("tcp", "tls"):
            parse_host_port(location)
    except ValueError as err:
        raise GongbaoError(
            f"--scheduler {address}: not an address ({err}); expected "
            "tcp://HOST:PORT of a running Dask scheduler, or local:N"
        ) from None


def _check_workers(client, address: str) -> None:
    try:
        client.wait_for_workers(1, timeout=WORKERS_SECONDS)
    except (TimeoutError, OSError):
        raise GongbaoError(
            f"--scheduler {address}: no worker joined in {WORKERS_SECONDS} s "
            f"(start workers with `dask worker {address} --nthreads 1`)"
        ) from None
    from .build import code_version

    try:
        versions = client.run(worker_code_version)
    except Exception as err:  # noqa: BLE001 - whatever the worker raised
        raise GongbaoError(
            f"--scheduler {address}: a worker cannot run gongbao ({err!r}); "
            f"install this gongbao on every worker ({_INSTALL})"
        ) from None
    for worker, version in sorted(versions.items()):
        if version != code_version():
            raise GongbaoError(
                f"--scheduler {address}: worker {worker} runs other gongbao code "
                f"({version}, here {code_version()}); install the same gongbao "
                "on every worker"
            )


def worker_code_version() -> str:
    """The extraction code's hash on a worker (runs there)."""
    from .build import code_version

    return code_version()


def cluster_map(
    client,
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    window: int | None = None,
    inline: Callable[[T], bool] | None = None,
    on_lost: Callable[[T, BaseException], R] | None = None,
) -> Iterator[R]:
    """``map(func, items)`` on the cluster of ``client``, results in order.

    Like :func:`gongbao.graph.parallel.ordered_map`: ``func`` is a module-level
    function, items for which ``inline(item)`` is true run here, and at most
    ``window`` items are in flight. An item whose task was lost outside
    ``func`` (its worker died, it could not be unpickled) yields
    ``on_lost(item, error)``; without ``on_lost`` the error is raised.
    """
    if window is None:
        threads = sum(client.nthreads().values())
        window = 2 * max(threads, 1)
    pending: deque = deque()

    def next_result() -> R:
        item, future, value = pending.popleft()
        if future is None:
            return value
        try:
            return future.result()
        except Exception as err:
            if client.status != "running":
                raise GongbaoError(
                    f"lost the Dask scheduler {client.scheduler.address} ({err!r}); "
                    "build again when it runs"
                ) from None
            if on_lost is None:
                raise
            return on_lost(item, err)

    for item in items:
        if inline is not None and inline(item):
            pending.append((item, None, func(item)))
        else:
            pending.append((item, client.submit(func, item, pure=False), None))
        if len(pending) >= window:
            yield next_result()
    while pending:
        yield next_result()
