"""Serve a built graph: Oxigraph's read-only SPARQL endpoint, plus the views.

The SPARQL side is Oxigraph's own server (``oxigraph serve-read-only`` from the
``oxigraph`` package on PyPI, the same version as pyoxigraph, so it reads the
store as built): SPARQL 1.1 Protocol at ``/query``, its query UI at ``/``,
updates refused, a query timeout. The default graph is the union of the named
graphs (every document, the ontology and the shapes), so ``SELECT * {?s ?p ?o}``
answers; ``GRAPH`` still selects one document. A small front server on the
public address serves ``DIR/views/`` under ``/views/`` and passes every other
request to Oxigraph, which listens on a private loopback port
(:mod:`graph.worker`).

The front is what a stranger reaches, so it holds the limits:

- federated queries (``SERVICE``) are refused with 403 unless ``allow_service``
  (:mod:`graph.guard`);
- a request body over ``max_request`` bytes is refused with 413 before it is
  read, a body without a length with 411;
- at most ``max_queries`` requests reach Oxigraph at once; more get 503 with
  ``Retry-After``;
- a query that has not answered ``timeout_s`` (plus a second) after it was sent
  gets 503 and the Oxigraph worker is restarted (it cannot cancel every query);
  one Oxigraph stopped itself (after its "200 OK") gets the same 503, or, when
  part of the answer was already passed on, an answer that never ends properly;
- an answer over ``max_response`` bytes is cut off: a client sees a chunked
  answer that never ends properly (an error, not a silently short result);
- when ``DIR`` is rebuilt, the worker reopens the new store at the next request;
  a worker that stopped (crashed, killed) is restarted by the next query.

Usage (a running server is a test's job, not a doctest's)::

    with running(Path("out"), port=0) as base_url:
        urllib.request.urlopen(base_url + "/views/index.html")
"""

from __future__ import annotations

import contextlib
import http.client
import http.server
import ipaddress
import shutil
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..errors import GongbaoError
from .guard import service_refusal
from .store import built_dir
from .worker import Worker

__all__ = ["Limits", "find_oxigraph", "is_loopback", "running", "serve"]

_PASSED_HEADERS = ("Accept", "Content-Type", "Content-Length", "Accept-Encoding")
_GRACE_SECONDS = 1.0
_CHUNK = 1 << 16
# What Oxigraph appends to an answer it stopped at its own --timeout-s.
_CANCELLED = b"The SPARQL operation has been cancelled"


@dataclass(frozen=True, slots=True)
class Limits:
    """What the front server allows a request (see the module docstring)."""

    timeout_s: int = 30
    max_queries: int = 4
    max_request: int = 1 << 20  # bytes of a request body
    max_response: int = 256 << 20  # bytes of an answer
    allow_service: bool = False


def find_oxigraph() -> str:
    """Path of the ``oxigraph`` server program installed beside this Python."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise GongbaoError(
            "the oxigraph server is not installed; "
            "install it with: pip install 'gongbao[server]'"
        )
    return found


def is_loopback(host: str) -> bool:
    """True for an address only this machine reaches (``127.0.0.1``, ``::1``).

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _Front(http.server.SimpleHTTPRequestHandler):
    """Static views under /views/; everything else goes to Oxigraph, guarded."""

    worker: Worker
    limits: Limits = Limits()
    slots: threading.BoundedSemaphore
    server_version = "gongbao"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: D102
        self.worker.reopen_if_rebuilt()
        if self._is_view():
            return super().do_GET()
        return self._pass()

    def do_HEAD(self) -> None:  # noqa: D102
        self.worker.reopen_if_rebuilt()
        if self._is_view():
            return super().do_HEAD()
        return self._pass()

    def do_POST(self) -> None:  # noqa: D102
        self.worker.reopen_if_rebuilt()
        return self._pass()

    def _is_view(self) -> bool:
        return self.path == "/views" or self.path.startswith("/views/")

    def translate_path(self, path: str) -> str:  # noqa: D102
        # Map /views/x to DIR/views/x; SimpleHTTPRequestHandler refuses "..".
        return super().translate_path(path.removeprefix("/views") or "/")

    def _refuse(self, code: int, message: str, headers: dict | None = None) -> None:
        data = (message + "\n").encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        self.close_connection = True

    def _body(self) -> bytes | None:
        """The request body, or ``None`` after refusing it (too large, no length)."""
        if self.headers.get("Transfer-Encoding"):
            self._refuse(411, "send the request body with a Content-Length")
            return None
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self._refuse(400, "Content-Length is not a number")
            return None
        if length < 0:
            self._refuse(400, "Content-Length is negative")
            return None
        if length > self.limits.max_request:
            self._drain(length)
            self._refuse(
                413,
                f"request body is {length:,} bytes, over the "
                f"{self.limits.max_request:,}-byte limit of this server",
            )
            return None
        return self.rfile.read(length) if length else b""

    def _drain(self, length: int) -> None:
        """Read (and drop) a refused body, so the client gets to read the refusal."""
        left = length if length <= 8 * self.limits.max_request else 0
        with contextlib.suppress(OSError):
            while left > 0 and (chunk := self.rfile.read(min(left, _CHUNK))):
                left -= len(chunk)

    def _pass(self) -> None:
        body = self._body()
        if body is None:
            return
        if not self.limits.allow_service:
            refusal = service_refusal(self.path, self.headers.get("Content-Type"), body)
            if refusal:
                return self._refuse(403, refusal)
        if not self.slots.acquire(blocking=False):
            return self._refuse(
                503,
                f"too many queries at once (this server runs "
                f"{self.limits.max_queries}); retry in a moment",
                {"Retry-After": "1"},
            )
        try:
            self._forward(body)
        finally:
            self.slots.release()

    _answering = False

    def _forward(self, body: bytes, *, retried: bool = False) -> None:
        self._answering = False
        headers = {h: self.headers[h] for h in _PASSED_HEADERS if h in self.headers}
        generation = self.worker.generation
        deadline = time.monotonic() + self.limits.timeout_s + _GRACE_SECONDS
        connection = http.client.HTTPConnection(
            *self.worker.address, timeout=self.limits.timeout_s + _GRACE_SECONDS
        )
        try:
            connection.request(
                self.command, self.path, body=body or None, headers=headers
            )
            answer = connection.getresponse()
            self._relay(answer, deadline)
        except TimeoutError:
            self.worker.restart(
                generation, f"a query ran over the {self.limits.timeout_s} s timeout"
            )
            if self._answering:  # the status line is out: all we can do is close
                self.close_connection = True
                return
            self._refuse(503, self._timeout_message())
        except OSError as err:
            if self._answering:
                self.close_connection = True
                return
            if not retried and self.worker.stops_within(_GRACE_SECONDS):
                self.worker.restart(generation, "the SPARQL worker had stopped")
                connection.close()
                return self._forward(body, retried=True)
            self._refuse(502, f"SPARQL backend unavailable: {err}")
        finally:
            connection.close()

    def _relay(self, answer: http.client.HTTPResponse, deadline: float) -> None:
        """Send Oxigraph's answer on, chunk by chunk, within the size limit."""
        limit = self.limits.max_response
        length = answer.getheader("Content-Length")
        if length is not None and int(length) > limit:
            self._refuse(
                507, f"the answer is {int(length):,} bytes, over the {limit:,} limit"
            )
            return
        head, done = b"", False
        while len(head) < _CHUNK and not done:  # the start of the answer, held back
            chunk = self._read(answer, deadline)
            head, done = head + chunk, not chunk
        if done and answer.status == 200 and _CANCELLED in head[-200:]:
            # Oxigraph stopped the query at its own timeout, after its 200 status
            # line: say so, instead of passing on a cut JSON document.
            self._refuse(503, self._timeout_message())
            return
        self._answering = True
        self.send_response(answer.status, answer.reason)
        for name, value in answer.getheaders():
            if name.lower() not in ("transfer-encoding", "connection", "server"):
                self.send_header(name, value)
        if length is None:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if self.command == "HEAD":
            return
        sent, chunk, tail = 0, head, b""
        while chunk:
            sent += len(chunk)
            if sent > limit:
                self.log_message("answer cut off at the %d-byte limit", limit)
                self.close_connection = True
                return  # no final chunk: the client sees an incomplete answer
            self.wfile.write(
                chunk if length is not None else b"%x\r\n%s\r\n" % (len(chunk), chunk)
            )
            tail = (tail + chunk)[-200:]
            chunk = b"" if done else self._read(answer, deadline)
        if _CANCELLED in tail:  # cancelled mid-stream: end it as a broken answer
            self.close_connection = True
            return
        if length is None:
            self.wfile.write(b"0\r\n\r\n")

    def _timeout_message(self) -> str:
        return (
            f"the query did not finish within {self.limits.timeout_s} s "
            "(`gongbao serve --timeout`); it was stopped"
        )

    @staticmethod
    def _read(answer: http.client.HTTPResponse, deadline: float) -> bytes:
        if time.monotonic() > deadline:
            raise TimeoutError
        return answer.read1(_CHUNK)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        sys.stderr.write(f"{self.address_string()} {format % args}\n")


def _oxigraph_command(store: Path, timeout_s: int):
    def command(port: int) -> list[str]:
        return [
            find_oxigraph(),
            "serve-read-only",
            "--location",
            str(store),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout-s",
            str(timeout_s),
            "--union-default-graph",
        ]

    return command


def _front_server(host: str, port: int, handler) -> http.server.ThreadingHTTPServer:
    try:
        return http.server.ThreadingHTTPServer((host, port), handler)
    except OverflowError as err:
        raise GongbaoError(f"--port {port}: not a port (0 to 65535)") from err
    except socket.gaierror as err:
        raise GongbaoError(
            f"--host {host}: unknown address ({err.strerror}); try 127.0.0.1"
        ) from err
    except OSError as err:
        raise GongbaoError(
            f"{host}:{port}: cannot listen ({err.strerror}); "
            "is another server using it? choose another --port"
        ) from err


@contextlib.contextmanager
def running(
    out: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout_s: int = 30,
    limits: Limits | None = None,
) -> Iterator[str]:
    """Run the endpoint and views for a built ``out``; yields the base URL."""
    out = built_dir(out)
    store = out / "store"
    limits = limits or Limits(timeout_s=timeout_s)
    handler = type(
        "Front",
        (_Front,),
        {
            "limits": limits,
            "slots": threading.BoundedSemaphore(limits.max_queries),
        },
    )
    front = _front_server(host, port, partial(handler, directory=str(out / "views")))
    front.daemon_threads = True
    worker = Worker(
        _oxigraph_command(store, limits.timeout_s), watch=out, on_event=_note
    )
    handler.worker = worker
    try:
        worker.start()
        thread = threading.Thread(target=front.serve_forever, daemon=True)
        thread.start()
        bound_host, bound_port = front.server_address[:2]
        yield f"http://{_url_host(bound_host)}:{bound_port}"
    finally:
        front.shutdown()
        front.server_close()
        worker.close()


def _note(message: str) -> None:
    sys.stderr.write(f"{message}\n")


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def serve(
    out: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout_s: int = 30,
    limits: Limits | None = None,
) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM); the Oxigraph child stops too.

    The SIGTERM handler it sets is the one it found again when it returns.
    """
    before = signal.signal(signal.SIGTERM, _interrupt)
    try:
        if not is_loopback(host):
            _note(
                f"warning: listening on {host}: anyone who can reach this machine "
                "can query the graph and read the views (use --host 127.0.0.1 to "
                "keep it local)"
            )
        limited = {"timeout_s": timeout_s, "limits": limits}
        with running(out, host=host, port=port, **limited) as url:
            print(
                f"SPARQL endpoint: {url}/query   query UI: {url}/   "
                f"views: {url}/views/index.html   (Ctrl-C stops)",
                flush=True,
            )
            with contextlib.suppress(KeyboardInterrupt):
                while True:
                    time.sleep(3600)
    finally:
        if before is not None:  # None: set outside Python, left as it is
            signal.signal(signal.SIGTERM, before)
