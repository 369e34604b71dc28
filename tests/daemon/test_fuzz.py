"""5,000 seeded malformed messages against a real daemon: every one gets a typed reply,
ping answers after every batch of 250, and the daemon never dies.

The seed is printed on failure; DS2FP_FUZZ_SEED / DS2FP_FUZZ_COUNT change it. The full
count with the daemon's memory before and after is `benchmarks/daemon_fuzz.py`.
"""

import os

from tests.daemon import fuzzing
from tests.daemon.conftest import SCRIPTED

SEED = int(os.environ.get("DS2FP_FUZZ_SEED", "20261202"))
COUNT = int(os.environ.get("DS2FP_FUZZ_COUNT", "5000"))


def test_every_malformed_message_gets_a_typed_reply(start_daemon):
    d = start_daemon("--reader", SCRIPTED, "--max-image-bytes", "3000000")
    d.wait_ready()
    items = fuzzing.messages(SEED, COUNT)
    assert len(items) >= 5000 or COUNT < 5000
    assert len({name for name, _ in items}) == len(fuzzing.CLASSES)
    tally = fuzzing.run(d.endpoint, items, d.alive)
    report = f"seed {SEED}\n{tally.table()}\nexamples: {tally.examples}"
    assert tally.deaths == 0 and d.alive(), report
    assert tally.total("tried") == len(items), report
    assert tally.total("untyped") == 0, report
    assert tally.total("no_reply") == 0, report
    assert tally.total("typed") == len(items), report
    # the control messages really were served (the fuzz did not just get refusals)
    assert tally.codes["valid (control)"]["ok"] == tally.counts["valid (control)"]["tried"]
    assert d.stop() == 0
    assert "'internal': 0" in d.stderr(), d.stderr()[-2000:]  # the counters at exit


def test_an_exception_in_a_handler_is_answered_and_the_loop_goes_on(monkeypatch):
    """A bug no check foresaw (a handler raising) becomes a typed `internal` reply; the I/O
    thread keeps serving the next message."""
    import threading

    from daemon.client import ZmqClient
    from daemon.server import Server, ServerConfig
    from tests.daemon.fake_readers import scripted

    server = Server(ServerConfig(bind="tcp://127.0.0.1:*"), scripted)
    calls = {"n": 0}
    honest = server._on_ping

    def flaky(*args):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RecursionError("a bug deep inside")
        return honest(*args)

    monkeypatch.setattr(server, "_on_ping", flaky)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    assert server.ready.wait(10)
    try:
        with ZmqClient(server.endpoint, retries=0) as client:
            first = client.ping()
            assert first.error.code == "internal" and "RecursionError" in first.error.message
            assert client.ping().ok
        assert server.counters["internal"] == 1
    finally:
        server.stop()
        thread.join(10)
