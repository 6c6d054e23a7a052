"""Extraction on a Dask cluster: the serial build's graph, one-line errors."""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gongbao.errors import GongbaoError
from gongbao.graph import build as build_module
from gongbao.graph import cluster
from gongbao.graph.cli import EXIT_FINDINGS, main

from ..conftest import EXAMPLES
from .test_cli_errors import _one_line_error

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler():
    """A scheduler and one worker process on this machine: its address."""
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local:
        yield local.scheduler_address


def _build(*args) -> object:
    return CliRunner().invoke(main, ["build", *map(str, args), "--no-views", "-q"])


def test_cluster_build_gives_the_graph_of_the_serial_build(scheduler, tmp_path: Path):
    # 01 is over --max-chars: it fails on the worker, as it fails in a serial build.
    limit = ["--max-chars", 600]
    serial = _build(EXAMPLES, "--out", tmp_path / "serial", *limit)
    assert serial.exit_code == EXIT_FINDINGS, serial.output
    dask = _build(
        EXAMPLES, "--out", tmp_path / "dask", "--scheduler", scheduler, *limit
    )
    assert dask.exit_code == EXIT_FINDINGS, dask.output
    assert dask.output == serial.output
    assert "01_qinghu_district_bulletin.txt: text is 767" in dask.output
    nquads = (tmp_path / "serial" / "graph.nq").read_bytes()
    assert nquads.count(b"\n") > 100
    assert (tmp_path / "dask" / "graph.nq").read_bytes() == nquads
    # Nothing changed: every document comes from the client's cache.
    again = _build(EXAMPLES, "--out", tmp_path / "dask", "--scheduler", scheduler)
    assert again.exit_code == 0, again.output
    manifest = json.loads((tmp_path / "dask" / "manifest.json").read_text())
    assert (manifest["documents"], manifest["reused"]) == (3, 2)


def test_cluster_map_keeps_order_and_reports_lost_tasks(scheduler):
    with cluster.connect(scheduler) as client:
        results = cluster.cluster_map(
            client,
            int,
            ["1", "x", "3", "4"],
            window=2,
            inline=lambda item: item == "3",
            on_lost=lambda item, err: (item, type(err).__name__),
        )
        assert list(results) == [1, ("x", "ValueError"), 3, 4]


def test_cluster_build_with_no_scheduler_is_one_line(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 1)
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{sock.getsockname()[1]}"
    result = _build(EXAMPLES, "--out", tmp_path / "out", "--scheduler", address)
    _one_line_error(result, address, "no Dask scheduler answered", "dask scheduler")
    assert not (tmp_path / "out").exists()


def test_cluster_refuses_workers_running_other_code(scheduler, monkeypatch):
    monkeypatch.setattr(build_module, "code_version", lambda: "0123456789abcdef")
    with pytest.raises(GongbaoError, match="runs other gongbao code"):
        with cluster.connect(scheduler):
            pass


def test_cluster_with_no_worker_is_refused(monkeypatch):
    monkeypatch.setattr(cluster, "WORKERS_SECONDS", 1)
    with distributed.LocalCluster(n_workers=0, dashboard_address=":0") as empty:
        with pytest.raises(GongbaoError, match="no worker joined in 1 s"):
            with cluster.connect(empty.scheduler_address):
                pass


def test_cluster_build_without_dask_is_one_line(monkeypatch, tmp_path: Path):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails
    result = _build(EXAMPLES, "--out", tmp_path / "out", "--scheduler", "local:1")
    _one_line_error(result, "needs Dask", "pip install -e '.[cluster]'")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--scheduler", "tcp://127.0.0.1:1", "--jobs", "2"], "exclude each other"),
        (["--scheduler", "local:0"], "expected local:N"),
        (["--scheduler", "127.0.0.1"], "not an address"),
    ],
    ids=["with-jobs", "local-0", "no-port"],
)
def test_cluster_build_refuses_bad_options(args, fragment, tmp_path: Path):
    result = _build(EXAMPLES, "--out", tmp_path / "out", *args)
    _one_line_error(result, fragment)
