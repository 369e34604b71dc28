"""Ping round trip through a real daemon subprocess: p50 / p99, idle and while the worker is
busy. Prints figures; asserts nothing.

    python3 benchmarks/daemon_ping.py [--n 2000]
    python3 benchmarks/daemon_ping.py --n 300 -- --reader model --model DIR --device cpu --offline

Without serve arguments the scripted test reader is used (busy = sleeping, and busy = burning
CPU in Python); with them, busy = the reader working on two 2000x2500 pages in a loop.
"""

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from daemon.client import ZmqClient  # noqa: E402
from schemas.protocol import ExtractOptions  # noqa: E402
from tests.daemon.conftest import SCRIPTED, Daemon  # noqa: E402
from tests.daemon.images_data import page_png  # noqa: E402


def percentiles(samples):
    samples = sorted(samples)
    pick = lambda q: samples[min(len(samples) - 1, int(q * len(samples)))]  # noqa: E731
    return pick(0.5) * 1e3, pick(0.99) * 1e3, statistics.mean(samples) * 1e3


def measure(client: ZmqClient, n: int):
    rtts = []
    for _ in range(n):
        t0 = time.perf_counter()
        reply = client.ping()
        rtts.append(time.perf_counter() - t0)
        assert reply.ok
    return rtts


def occupied(daemon, client: ZmqClient, command: str, n: int):
    """Ping while the worker runs `command` (sleep: GIL released; spin: Python holds it)."""
    thread = threading.Thread(target=lambda: daemon.client().extract(
        [(page_png(), "both")], ExtractOptions(build=False, part_name=command)), daemon=True)
    thread.start()
    while client.ping().ping.state != "busy":
        time.sleep(0.01)
    rtts = measure(client, n)
    client.cancel(client.ping().ping.running)
    while client.ping().ping.state != "ready":
        time.sleep(0.01)
    return rtts


def reader_busy(daemon, client: ZmqClient, n: int):
    """Ping while a real reader works on two large pages, extract after extract."""
    pages = [(page_png(2000, 2500), "package"), (page_png(2000, 2500), "land_pattern")]
    done = threading.Event()

    def load():
        with daemon.client(extract_timeout_s=600) as c:
            while not done.is_set():
                c.extract(pages, ExtractOptions(build=False))

    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    while client.ping().ping.state != "busy":
        time.sleep(0.01)
    rtts, states = [], []
    for _ in range(n):
        t0 = time.perf_counter()
        reply = client.ping()
        rtts.append(time.perf_counter() - t0)
        states.append(reply.ping.state)
    done.set()
    print(f"(worker busy for {states.count('busy')} of {n} pings)")
    return rtts


def main() -> None:
    argv = sys.argv[1:]
    serve_args = argv[argv.index("--") + 1:] if "--" in argv else []
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        daemon = Daemon(serve_args or ["--reader", SCRIPTED], Path(tmp))
        try:
            daemon.wait_ready(timeout=300)
            with daemon.client() as client:
                measure(client, 100)  # warm up
                results = [("idle", measure(client, args.n))]
                if serve_args:
                    results.append(("busy, reader working", reader_busy(daemon, client, args.n)))
                else:
                    results.append(("busy, reader sleeping",
                                    occupied(daemon, client, "sleep:60", args.n)))
                    results.append(("busy, reader in Python",
                                    occupied(daemon, client, "spin:60", args.n)))
        finally:
            daemon.stop()
    for label, rtts in results:
        p50, p99, mean = percentiles(rtts)
        print(f"ping round trip, {label:22s} n={len(rtts)}: p50 {p50:.3f} ms  "
              f"p99 {p99:.3f} ms  mean {mean:.3f} ms")


if __name__ == "__main__":
    main()
