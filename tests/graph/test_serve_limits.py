"""The endpoint under a hostile client: SERVICE, runaway queries, big bodies, kill -9.

Every test is bounded in time: clients have timeouts, waits have deadlines.
"""

from __future__ import annotations

import http.client
import http.server
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from gongbao.graph.build import build
from gongbao.graph.guard import sparql_texts, uses_service
from gongbao.graph.serve import Limits, running

from ..conftest import EXAMPLES

pytestmark = pytest.mark.server

# Sorting a triple cross join: Oxigraph's own --timeout-s does not stop it.
CROSS_JOIN = (
    "SELECT * WHERE { GRAPH ?g1 {?a ?b ?c} GRAPH ?g2 {?d ?e ?f} "
    "GRAPH ?g3 {?x ?y ?z} } ORDER BY ?a LIMIT 1"
)


def _get(url: str, query: str, timeout: float = 30) -> tuple[int, bytes]:
    address = f"{url}/query?{urllib.parse.urlencode({'query': query})}"
    try:
        with urllib.request.urlopen(address, timeout=timeout) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.read()


class _Stub(http.server.BaseHTTPRequestHandler):
    """A SPARQL endpoint on loopback that records who called it."""

    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: D102
        self._answer()

    def do_POST(self) -> None:  # noqa: D102
        self._answer()

    def _answer(self) -> None:
        self.hits.append(self.path)
        data = (
            b'{"head":{"vars":["s"]},"results":{"bindings":'
            b'[{"s":{"type":"literal","value":"FROM-THE-STUB"}}]}}'
        )
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:  # noqa: D102
        pass


@pytest.fixture
def stub():
    handler = type("Stub", (_Stub,), {"hits": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", handler.hits
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("allow", [False, True])
def test_serve_refuses_federated_queries_unless_allowed(examples_build, stub, allow):
    address, hits = stub
    query = f"SELECT ?s {{ SERVICE <{address}> {{ ?s ?p ?o }} }}"
    limits = Limits(timeout_s=10, allow_service=allow)
    with running(examples_build, port=0, limits=limits) as url:
        status, body = _get(url, query)
    if allow:
        assert status == 200 and b"FROM-THE-STUB" in body
        assert hits
    else:
        assert status == 403 and b"--allow-service" in body
        assert hits == []


# Counting a triple cross join: Oxigraph stops it, after sending "200 OK".
COUNT_JOIN = (
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g1 {?a ?b ?c} GRAPH ?g2 {?d ?e ?f} "
    "GRAPH ?g3 {?x ?y ?z} }"
)


@pytest.mark.parametrize("query", [CROSS_JOIN, COUNT_JOIN], ids=["sorted", "count"])
def test_serve_stops_a_query_over_the_timeout(examples_build, query):
    with running(examples_build, port=0, limits=Limits(timeout_s=2)) as url:
        started = time.monotonic()
        status, body = _get(url, query)
        took = time.monotonic() - started
        assert status == 503, body
        assert b"did not finish within 2 s" in body
        assert took < 15
        assert _get(url, "ASK {}") == (200, b'{"head":{},"boolean":true}')


def test_serve_caps_concurrent_queries(examples_build):
    limits = Limits(timeout_s=2, max_queries=1)
    with running(examples_build, port=0, limits=limits) as url:
        slow = threading.Thread(target=_get, args=(url, CROSS_JOIN))
        slow.start()
        time.sleep(0.5)
        status, body = _get(url, "ASK {}")
        slow.join(20)
    assert status == 503 and b"too many queries at once" in body


def test_serve_refuses_an_oversized_post(examples_build):
    limits = Limits(max_request=64 * 1024)
    with running(examples_build, port=0, limits=limits) as url:
        request = urllib.request.Request(
            f"{url}/query",
            data=b"query=" + b"x" * (256 * 1024),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        with refused.value as err:
            assert err.code == 413
            assert b"over the 65,536-byte limit" in err.read()


def test_serve_cuts_off_an_answer_over_the_limit(examples_build):
    limits = Limits(max_response=2048)
    with running(examples_build, port=0, limits=limits) as url:
        query = "SELECT * { GRAPH ?g { ?s ?p ?o } }"
        with pytest.raises(http.client.IncompleteRead):
            _get(url, query)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_serve_restarts_a_worker_that_stopped(examples_build):
    earlier = set(_children(os.getpid()))  # other tests' workers may still be ending
    with running(examples_build, port=0) as url:
        assert _get(url, "ASK {}")[0] == 200
        workers = [
            pid
            for pid in set(_children(os.getpid())) - earlier
            if b"serve-read-only" in _cmdline(pid)
        ]
        assert len(workers) == 1
        # Asked at once: the dying child may still reset a connection, and
        # cannot be reaped until its last thread has ended.
        os.kill(workers[0], signal.SIGKILL)
        assert _get(url, "ASK {}") == (200, b'{"head":{},"boolean":true}')
        deadline = time.monotonic() + 10
        while _alive(workers[0]) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(workers[0])
        assert _get(url, "ASK {}") == (200, b'{"head":{},"boolean":true}')


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError):
        return b""  # it ended while we looked


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            text = (task / "children").read_text().split()
        except FileNotFoundError:
            continue  # a thread that ended while we looked
        found += [int(child) for child in text]
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead too: its parent (init) has not reaped it yet
    state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_serve_kill_9_takes_the_oxigraph_child_along(examples_build):
    gongbao = shutil.which("gongbao", path=str(Path(sys.executable).parent))
    server = subprocess.Popen(
        [gongbao, "serve", str(examples_build), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert b"SPARQL endpoint" in server.stdout.readline()
        children = _children(server.pid)
        assert children
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait(10)
        server.stdout.close()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in children)


def test_serve_reopens_the_store_after_a_rebuild(tmp_path: Path):
    out = tmp_path / "out"
    build([EXAMPLES], out, views=False)
    graphs = (
        "SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?s ?p ?o } "
        'FILTER(STRSTARTS(STR(?g), "https://w3id.org/gongbao/id/graph/")) }'
    )  # the documents' graphs, not the ontology's and the shapes'

    with running(out, port=0) as url:
        before = _get(url, graphs)[1]
        build([next(EXAMPLES.glob("*.txt"))], out, views=False)
        time.sleep(1.1)  # the folder is looked at once a second
        after = _get(url, graphs)[1]
    assert b'"3"' in before and b'"1"' in after


def test_guard_reads_every_place_a_query_can_hide():
    form = urllib.parse.urlencode({"query": "SELECT * { SERVICE <x:> {} }"}).encode()
    assert uses_service(
        sparql_texts("/query", "application/x-www-form-urlencoded", form)[0]
    )
    assert sparql_texts("/query?update=X", None, b"Y") == ["X", "Y"]
    assert uses_service("select * {\n  service silent <http://e/> {} }")
    assert not uses_service('SELECT ?x { ?x <http://e/p> "servicemen" }')
