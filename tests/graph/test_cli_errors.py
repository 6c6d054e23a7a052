"""Bad input at the CLI: one line on stderr, a documented exit code, no traceback."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from gongbao.graph.cli import EXIT_INPUT, main

from ..conftest import EXAMPLES

GOLD_LAWS = "doc\tlaw\n01\t河东省河湖长制条例\n"


def _run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def _one_line_error(result, *fragments: str, code: int = EXIT_INPUT) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.fixture(scope="module")
def damaged(examples_build, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("damaged") / "out"
    shutil.copytree(examples_build, out)
    for sst in (out / "store").glob("*.sst"):
        sst.write_bytes(b"\0" * 3000)
    return out


@pytest.mark.parametrize(
    "command",
    [
        ["query", "{out}", "attendance"],
        ["stats", "{out}"],
        ["validate", "{out}"],
        ["export", "{out}", "-d", "{tmp}/x.ttl"],
        ["eval", "{gold}", "{out}"],
    ],
    ids=["query", "stats", "validate", "export", "eval"],
)
def test_cli_damaged_store_is_one_line(damaged, tmp_path, command):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "laws.tsv").write_text(GOLD_LAWS, encoding="utf-8")
    args = [a.format(out=damaged, tmp=tmp_path, gold=gold) for a in command]
    _one_line_error(_run(*args), "the store cannot be read", "rebuild it")


def test_cli_query_file_not_utf8(examples_build, tmp_path):
    query = tmp_path / "q.rq"
    query.write_bytes('SELECT * { ?s ?p "会议" }'.encode("gb18030"))
    _one_line_error(_run("query", examples_build, query), "is not UTF-8 text", "save")


def test_cli_build_out_dot(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _one_line_error(_run("build", EXAMPLES, "--out", "."), "is the current folder")


def test_cli_build_progress_and_skips_on_a_pipe(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)
    (folder / "notes.doc").write_bytes(b"x")
    result = _run("build", folder, "--out", tmp_path / "out", "--no-views")
    assert result.exit_code == 0, result.output
    assert "building:" not in result.output and "\r" not in result.output
    skipped = f"skipped {folder / 'notes.doc'}: unsupported file type .doc"
    assert any(line.startswith(skipped) for line in result.output.splitlines())


def test_cli_serve_port_in_use_or_out_of_range(examples_build):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _run("serve", examples_build, "--port", port)
    _one_line_error(result, f"127.0.0.1:{port}: cannot listen", "--port")
    result = _run("serve", examples_build, "--port", 80000)
    assert (
        result.exit_code == EXIT_INPUT and "80000 is not in the range" in result.output
    )


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("laws.tsv", GOLD_LAWS.encode("utf-8-sig"), None),
        ("laws.tsv", GOLD_LAWS.encode("gbk"), None),
        ("laws.tsv", GOLD_LAWS.encode("utf-16"), None),
        ("laws.tsv", b"doc\tstatute\n01\tx\n", "has no column law"),
        (
            "laws.tsv",
            b"doc\tlaw\n01\n",
            "laws.tsv:2: row has 1 cell(s), no law",
        ),
        ("laws.tsv", "doc,law\n01,条例\n".encode(), "is comma-separated"),
        ("laws.csv", GOLD_LAWS.encode(), "no gold files; it holds laws.csv"),
        ("laws.tsv", b"doc\tlaw\n", "the gold files hold no rows"),
        (None, b"", "no gold files; it is empty"),
    ],
    ids=[
        "bom",
        "gbk",
        "utf16",
        "renamed",
        "short",
        "commas",
        "csv",
        "no-rows",
        "empty",
    ],
)
def test_cli_eval_gold_files(examples_build, tmp_path, name, data, message):
    gold = tmp_path / "gold"
    gold.mkdir()
    if name:
        (gold / name).write_bytes(data)
    result = _run("eval", gold, examples_build)
    if message is None:
        assert result.exit_code == 0, result.output
        laws = next(
            line for line in result.output.splitlines() if line.startswith("laws")
        )
        assert laws.split()[1:4] == ["1", "3", "1"]  # gold, found, matched
    else:
        _one_line_error(result, message)
