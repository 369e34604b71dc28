"""Ping round trip through a real daemon subprocess (file reader): p50 / p99, idle and while a
long extract keeps the worker busy. Prints figures; asserts nothing.

    python3 benchmarks/daemon_ping.py [--n 2000]
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        daemon = Daemon(["--reader", SCRIPTED], Path(tmp))
        try:
            daemon.wait_ready()
            with daemon.client() as client:
                measure(client, 100)  # warm up
                idle = measure(client, args.n)
                busy = occupied(daemon, client, "sleep:60", args.n)
                spinning = occupied(daemon, client, "spin:60", args.n)
        finally:
            daemon.stop()
    for label, rtts in (("idle", idle), ("busy, reader sleeping", busy),
                        ("busy, reader in Python", spinning)):
        p50, p99, mean = percentiles(rtts)
        print(f"ping round trip, {label:22s} n={len(rtts)}: p50 {p50:.3f} ms  "
              f"p99 {p99:.3f} ms  mean {mean:.3f} ms")


if __name__ == "__main__":
    main()
