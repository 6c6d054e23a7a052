"""Serve a built graph: Oxigraph's read-only SPARQL endpoint, plus the views.

The SPARQL side is Oxigraph's own server (``oxigraph serve-read-only`` from the
``oxigraph`` package on PyPI, the same version as pyoxigraph, so it reads the
store as built): SPARQL 1.1 Protocol at ``/query``, its query UI at ``/``,
updates refused, a query timeout. The default graph is the union of the named
graphs (every document, the ontology and the shapes), so ``SELECT * {?s ?p ?o}``
answers; ``GRAPH`` still selects one document. A small front server on the
public address serves ``DIR/views/`` under ``/views/`` and passes every other
request to Oxigraph, which listens on a private loopback port.

Usage (a running server is a test's job, not a doctest's)::

    with running(Path("out"), port=0) as base_url:
        urllib.request.urlopen(base_url + "/views/index.html")
"""

from __future__ import annotations

import contextlib
import http.client
import http.server
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from ..errors import GongbaoError
from .store import built_dir

__all__ = ["find_oxigraph", "running", "serve"]

_PASSED_HEADERS = ("Accept", "Content-Type", "Content-Length", "Accept-Encoding")
_STARTUP_SECONDS = 20.0


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


def _free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _wait_for(host: str, port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + _STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise GongbaoError(
                f"the oxigraph server stopped at start-up (exit {process.returncode})"
            )
        with contextlib.suppress(OSError), socket.create_connection((host, port), 0.2):
            return
        time.sleep(0.05)
    raise GongbaoError(f"the oxigraph server did not start in {_STARTUP_SECONDS} s")


class _Front(http.server.SimpleHTTPRequestHandler):
    """Static views under /views/; everything else goes to Oxigraph."""

    backend: tuple[str, int] = ("127.0.0.1", 0)
    server_version = "gongbao"

    def do_GET(self) -> None:  # noqa: D102
        if self._is_view():
            return super().do_GET()
        return self._pass()

    def do_HEAD(self) -> None:  # noqa: D102
        if self._is_view():
            return super().do_HEAD()
        return self._pass()

    def do_POST(self) -> None:  # noqa: D102
        return self._pass()

    def _is_view(self) -> bool:
        return self.path == "/views" or self.path.startswith("/views/")

    def translate_path(self, path: str) -> str:  # noqa: D102
        # Map /views/x to DIR/views/x; SimpleHTTPRequestHandler refuses "..".
        return super().translate_path(path.removeprefix("/views") or "/")

    def _pass(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {h: self.headers[h] for h in _PASSED_HEADERS if h in self.headers}
        connection = http.client.HTTPConnection(*self.backend, timeout=600)
        try:
            connection.request(self.command, self.path, body=body, headers=headers)
            answer = connection.getresponse()
            self.send_response(answer.status, answer.reason)
            for name, value in answer.getheaders():
                if name.lower() not in ("transfer-encoding", "connection", "server"):
                    self.send_header(name, value)
            data = answer.read()
            if "content-length" not in {k.lower() for k, _ in answer.getheaders()}:
                self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
        except OSError as err:
            self.send_error(502, f"SPARQL backend unavailable: {err}")
        finally:
            connection.close()

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        sys.stderr.write(f"{self.address_string()} {format % args}\n")


@contextlib.contextmanager
def running(
    out: Path, *, host: str = "127.0.0.1", port: int = 7878, timeout_s: int = 30
) -> Iterator[str]:
    """Run the endpoint and views for a built ``out``; yields the base URL."""
    out = built_dir(out)
    store = out / "store"
    backend = ("127.0.0.1", _free_port("127.0.0.1"))
    log = tempfile.TemporaryFile()  # a file, not a pipe: nobody must drain it
    process = subprocess.Popen(
        [
            find_oxigraph(),
            "serve-read-only",
            "--location",
            str(store),
            "--bind",
            f"{backend[0]}:{backend[1]}",
            "--timeout-s",
            str(timeout_s),
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    front = None
    try:
        _wait_for(*backend, process)
        handler = type("Front", (_Front,), {"backend": backend})
        front = http.server.ThreadingHTTPServer(
            (host, port), partial(handler, directory=str(out / "views"))
        )
        thread = threading.Thread(target=front.serve_forever, daemon=True)
        thread.start()
        bound_host, bound_port = front.server_address[:2]
        yield f"http://{_url_host(bound_host)}:{bound_port}"
    finally:
        if front is not None:
            front.shutdown()
            front.server_close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def serve(
    out: Path, *, host: str = "127.0.0.1", port: int = 7878, timeout_s: int = 30
) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM); the Oxigraph child stops too."""
    signal.signal(signal.SIGTERM, _interrupt)
    with running(out, host=host, port=port, timeout_s=timeout_s) as url:
        print(
            f"SPARQL endpoint: {url}/query   query UI: {url}/   "
            f"views: {url}/views/index.html   (Ctrl-C stops)",
            flush=True,
        )
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
