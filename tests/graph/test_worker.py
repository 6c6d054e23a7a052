import sys

from gongbao.graph.worker import Worker

# A stand-in for Oxigraph: listens on its port, then ends by itself.
_LISTEN_THEN_END = (
    "import socket, sys, time\n"
    "s = socket.socket()\n"
    "s.bind(('127.0.0.1', int(sys.argv[1])))\n"
    "s.listen()\n"
    "time.sleep(float(sys.argv[2]))\n"
)


def _worker(lifetime: float) -> Worker:
    return Worker(
        lambda port: [sys.executable, "-c", _LISTEN_THEN_END, str(port), str(lifetime)]
    )


def test_stops_within_waits_for_a_child_that_is_ending():
    with _worker(0.5) as worker:
        assert worker.stops_within(10)


def test_stops_within_gives_up_on_a_child_that_goes_on():
    with _worker(60) as worker:
        assert not worker.stops_within(0.05)
        generation = worker.generation
        worker.restart(generation, "test")
        assert worker.generation == generation + 1
