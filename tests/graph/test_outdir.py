"""The output folder: refused before building, locked, swapped whole, cleaned.

Fault injection: a build killed between the steps of the swap (a subprocess
that ``os._exit``s at the step), a second build while one holds the lock, a
fake ``manifest.json``, stale work folders of dead processes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from gongbao.errors import GongbaoError
from gongbao.graph import outdir
from gongbao.graph.build import build
from gongbao.graph.cli import EXIT_BUSY, EXIT_INPUT, main

TEXT = "第十八届人民代表大会常务委员会第二十五次会议于2020年4月29日召开。会议由区人大常委会主任林静文主持。\n"


@pytest.fixture
def bulletin(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    return folder


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _leftovers(out: Path) -> list[str]:
    return sorted(
        p.name
        for p in out.parent.iterdir()
        if p.name.startswith(f".{out.name}.") and not p.name.endswith(".lock")
    )


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p.write_text("x"), "is a file, not a folder"),
        (
            lambda p: (p.mkdir(), (p / "manifest.json").write_text('{"name": "app"}')),
            "manifest.json that gongbao did not write",
        ),
        (
            lambda p: (p.mkdir(), (p / "notes.md").write_text("mine")),
            "non-empty folder that is not a gongbao build",
        ),
    ],
    ids=["file", "fake-manifest", "non-empty"],
)
def test_outdir_refuses_a_non_build_before_reading(tmp_path, bulletin, make, message):
    out = tmp_path / "out"
    make(out)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    read = []
    with pytest.raises(GongbaoError, match=message):
        build([bulletin], out, views=False, on_skip=lambda *a: read.append(a))
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing touched


def test_outdir_refuses_the_current_folder_and_a_folder_holding_the_input(
    tmp_path, bulletin, monkeypatch
):
    with pytest.raises(GongbaoError, match="holds the input"):
        outdir.check_out(tmp_path, [bulletin])
    monkeypatch.chdir(bulletin)
    with pytest.raises(GongbaoError, match="is the current folder"):
        outdir.check_out(Path("."))


def test_outdir_rebuild_keeps_the_users_files(tmp_path, bulletin):
    out = tmp_path / "out"
    build([bulletin], out, views=False)
    (out / "analysis.ipynb").write_text("{}")
    (out / "figures").mkdir()
    summary = build([bulletin], out, views=False)
    assert summary.kept == ["analysis.ipynb", "figures"]
    assert (out / "analysis.ipynb").read_text() == "{}"
    assert (out / "figures").is_dir()
    assert json.loads((out / "manifest.json").read_text())["generator"] == "gongbao"


def test_outdir_second_build_fails_cleanly_while_one_holds_the_lock(tmp_path, bulletin):
    out = tmp_path / "out"
    with outdir.locked(out):
        with pytest.raises(outdir.OutputBusy, match=f"process {os.getpid()}"):
            build([bulletin], out, views=False)
        result = CliRunner().invoke(main, ["build", str(bulletin), "--out", str(out)])
    assert result.exit_code == EXIT_BUSY, result.output
    assert "another gongbao build" in result.output
    assert not out.exists()
    build([bulletin], out, views=False)  # the lock went with its holder


def test_outdir_cleans_work_folders_of_dead_builds(tmp_path, bulletin):
    out = tmp_path / "out"
    dead = _dead_pid()
    stale = outdir.work_folder(out, "building", dead)
    (stale / "store").mkdir(parents=True)
    (stale / "graph.nq").write_text("")
    mine = outdir.work_folder(out, "old", dead + 100000)  # a pid nobody has
    mine.mkdir()
    (mine / "notebook.ipynb").write_text("{}")
    skipped = []
    build([bulletin], out, views=False, on_skip=lambda *a: skipped.append(a))
    assert not stale.exists()
    assert (mine / "notebook.ipynb").exists()  # the user's file is never deleted
    assert any("notebook.ipynb" in reason for _, reason in skipped)


_KILLER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from gongbao.graph import outdir
    from gongbao.graph.build import build

    step = sys.argv[3]
    if step == "after-exchange":  # out is the new build; the old one not yet gone
        outdir.shutil.rmtree = lambda *a, **k: os._exit(9)
    else:  # no exchange: die between the two renames
        outdir._exchange = lambda a, b: False
        rename = Path.rename
        def dying_rename(self, target):
            rename(self, target)
            if ".old-" in str(target):
                os._exit(9)
        Path.rename = dying_rename
    build([Path(sys.argv[1])], Path(sys.argv[2]), views=False, cache=False)
    """
)


@pytest.mark.parametrize("step", ["after-exchange", "between-renames"])
def test_outdir_a_build_killed_during_the_swap_loses_nothing(tmp_path, bulletin, step):
    out = tmp_path / "out"
    build([bulletin], out, views=False)
    (bulletin / "b.txt").write_text(TEXT.replace("林静文", "高远"), encoding="utf-8")
    killed = subprocess.run(
        [sys.executable, "-c", _KILLER, str(bulletin), str(out), step],
        timeout=120,
        capture_output=True,
    )
    assert killed.returncode == 9, killed.stderr.decode()[-2000:]
    if step == "after-exchange":
        assert outdir.is_build(out)  # out names a complete build at every instant
        assert "高远" in (out / "graph.nq").read_text(encoding="utf-8")
    else:
        assert not out.exists() and _leftovers(out)  # the window two renames leave
    summary = build([bulletin], out, views=False)
    assert summary.documents == 2
    assert outdir.is_build(out)
    assert _leftovers(out) == []


def test_outdir_exchange_swaps_two_folders(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "x").write_text("a"), (b / "x").write_text("b")
    if not outdir._exchange(a, b):
        pytest.skip("this system cannot exchange two paths")
    assert (a / "x").read_text() == "b" and (b / "x").read_text() == "a"


def test_cli_build_bad_out_is_one_line_before_building(tmp_path, bulletin):
    target = tmp_path / "file.txt"
    target.write_text("x")
    result = CliRunner().invoke(main, ["build", str(bulletin), "--out", str(target)])
    assert result.exit_code == EXIT_INPUT
    assert result.output.strip().count("\n") == 0, result.output
    assert result.output.startswith(f"error: {target}: is a file")


def test_outdir_swap_in_detached_deletes_the_old_build_after_returning(
    tmp_path, monkeypatch
):
    import time

    forks, fork = [], os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or fork())
    # Threads other tests left behind (a Dask cluster's) make it delete in line.
    monkeypatch.setattr(outdir, "can_fork", lambda: True)

    out, work = tmp_path / "out", tmp_path / "work"
    for folder, text in ((out, "old"), (work, "new")):
        (folder / "views").mkdir(parents=True)
        for i in range(2000):
            (folder / "views" / f"{i}.html").write_text(text)
    with outdir.locked(out):
        outdir.swap_in(work, out, detach=True)
    with outdir.locked(out):  # the deleting process does not hold the lock
        pass
    assert forks  # deleted by another process
    assert (out / "views" / "7.html").read_text() == "new"
    for _ in range(100):  # the old build goes, in a process of its own
        if sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]:
            break
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]
