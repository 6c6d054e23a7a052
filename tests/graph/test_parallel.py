"""The fork pool under the build: results in order, and it always ends."""

import subprocess
import sys
import textwrap

from gongbao.graph.parallel import ordered_map


def test_parallel_results_in_order_on_two_processes():
    assert list(ordered_map(_square, range(50), jobs=2, window=3)) == [
        n * n for n in range(50)
    ]


def test_parallel_pool_ends_whatever_sigterm_handler_the_parent_has():
    # A parent that ignores SIGTERM (as a server's or a test runner's handler
    # may): the workers must still stop, when the map ends and when it fails.
    script = textwrap.dedent(
        """
        import signal
        from gongbao.graph.parallel import ordered_map
        from tests.graph.test_parallel import _square, _fails_on_three

        signal.signal(signal.SIGTERM, lambda *args: None)
        for _ in range(20):
            assert list(ordered_map(_square, range(8), jobs=2)) == [
                n * n for n in range(8)
            ]
            try:
                list(ordered_map(_fails_on_three, range(8), jobs=2))
            except ValueError:
                pass
            else:
                raise AssertionError("the error was not raised")
        print("ended")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ended"


def _square(n: int) -> int:
    return n * n


def _fails_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("three")
    return n


def test_parallel_forked_call_gives_its_result_or_raises_its_error(tmp_path):
    from gongbao.graph.parallel import Forked

    target = tmp_path / "written.txt"
    assert Forked(target.write_text, "写好了", "utf-8").result() == 3
    assert target.read_text("utf-8") == "写好了"  # written by the other process
    failing = Forked(open, tmp_path / "missing" / "x.txt", "w")
    try:
        failing.result()
    except FileNotFoundError as err:
        assert "missing" in str(err)
    else:
        raise AssertionError("the error was not raised")


def test_parallel_forked_stop_waits_for_it_and_drops_its_error(tmp_path):
    from gongbao.graph.parallel import Forked

    target = tmp_path / "written.txt"
    writing = Forked(target.write_text, "写好了", "utf-8")
    writing.stop()  # waited for: the file is there when it returns
    assert target.read_text("utf-8") == "写好了"
    Forked(open, tmp_path / "missing" / "x.txt", "w").stop()  # no error raised
    done = Forked(len, "abc")
    assert done.result() == 3
    done.stop()  # after its result: nothing left to wait for
