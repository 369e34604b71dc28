"""Malformed messages against a real daemon: the fuzz table and the daemon's memory.

Prints, per message class: tried, typed replies, untyped, no reply; deaths; and the daemon's
resident memory (VmRSS, and the peak VmHWM) after a warm-up batch and after every 2,500
messages. Asserts nothing (tests/daemon/test_fuzz.py holds the assertions).

    python3 benchmarks/daemon_fuzz.py [--count 10000] [--seed 1] [-- SERVE ARGS...]
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.daemon import fuzzing  # noqa: E402
from tests.daemon.conftest import SCRIPTED, Daemon  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("serve", nargs="*", help="serve arguments (default: scripted reader)")
    args = parser.parse_args()
    serve = args.serve or ["--reader", SCRIPTED, "--max-image-bytes", "3000000"]
    with tempfile.TemporaryDirectory() as tmp:
        daemon = Daemon(serve, Path(tmp))
        daemon.wait_ready()
        start = fuzzing.rss_kib(daemon.proc.pid)
        print(f"at start: RSS {start['VmRSS'] / 1024:.1f} MiB")
        warm = fuzzing.messages(args.seed + 1, 500)
        fuzzing.run(daemon.endpoint, warm, daemon.alive)
        before = fuzzing.rss_kib(daemon.proc.pid)
        print(f"after a 500-message warm-up: RSS {before['VmRSS'] / 1024:.1f} MiB, "
              f"peak {before['VmHWM'] / 1024:.1f} MiB")

        def report(done: int) -> None:
            if done % 2500 == 0:
                now = fuzzing.rss_kib(daemon.proc.pid)
                print(f"after {done:6d} messages: RSS {now['VmRSS'] / 1024:.1f} MiB, "
                      f"peak {now['VmHWM'] / 1024:.1f} MiB", flush=True)

        items = fuzzing.messages(args.seed, args.count)
        t0 = time.perf_counter()
        tally = fuzzing.run(daemon.endpoint, items, daemon.alive, after_batch=report)
        elapsed = time.perf_counter() - t0
        after = fuzzing.rss_kib(daemon.proc.pid)
        code = daemon.stop()
        print()
        print(tally.table())
        print(f"\ndeaths: {tally.deaths}; daemon exit code {code}; {elapsed:.1f} s "
              f"({len(items) / elapsed:.0f} messages/s)")
        growth = (after["VmHWM"] - before["VmHWM"]) / before["VmHWM"] * 100
        print(f"peak RSS: {before['VmHWM'] / 1024:.1f} MiB after warm-up -> "
              f"{after['VmHWM'] / 1024:.1f} MiB after {len(items)} messages ({growth:+.1f} %)")
        if tally.examples:
            print("first non-typed example per class:", tally.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
