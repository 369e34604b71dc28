"""Cancel latency through a real daemon: extract a page, cancel after D seconds, time until
the final `cancelled` reply. Prints figures; asserts nothing.

    python3 benchmarks/cancel_latency.py [--reader ocr] [--page PNG] [--after 1.0] [--n 5]

Default page: a 2000x2600 synthetic page full of dimension text (OCR takes seconds on it),
with other text each round (the engine caches pages it has read; with --page, only the
first round reads anew).
"""

import argparse
import io
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from schemas.protocol import ExtractOptions  # noqa: E402
from tests.daemon.conftest import Daemon  # noqa: E402


def synthetic_page(variant: int = 0) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (2000, 2600), "white")
    draw = ImageDraw.Draw(img)
    for row in range(60):
        for col in range(8):
            draw.text((40 + col * 240, 30 + row * 42), f"{variant}.{row:02d}{col} MAX",
                      fill="black")
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def cancel_once(daemon, client, page: bytes, rid: str, after: float):
    """(seconds from cancel to the final reply, its error code) for one extract."""
    box = {}

    def extract() -> None:
        with daemon.client() as own:
            box["reply"] = own.extract([(page, "both")], ExtractOptions(build=False),
                                       request_id=rid)

    worker = threading.Thread(target=extract)
    worker.start()
    time.sleep(after)
    sent = time.perf_counter()
    client.cancel(rid)
    worker.join()
    reply = box["reply"]
    return time.perf_counter() - sent, reply.error.code if reply.error else "ok"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reader", default="ocr")
    parser.add_argument("--page", type=Path, default=None)
    parser.add_argument("--after", type=float, default=1.0, help="seconds before the cancel")
    parser.add_argument("--n", type=int, default=5)
    args = parser.parse_args()
    data = args.page.read_bytes() if args.page else synthetic_page()
    with tempfile.TemporaryDirectory() as tmp:
        daemon = Daemon(["--reader", args.reader], Path(tmp))
        daemon.wait_ready(timeout=60)
        latencies, codes, full = [], [], None
        with daemon.client() as client:
            t0 = time.perf_counter()
            reply = client.extract([(data, "both")], ExtractOptions(build=False))
            full = time.perf_counter() - t0
            print(f"uncancelled extract: {full:.2f} s ({reply.status})")
            for k in range(args.n):
                # a fresh page each round: the engine caches pages it has read
                page = synthetic_page(k + 1) if args.page is None else data
                latency, code = cancel_once(daemon, client, page, f"cancel-{k}", args.after)
                latencies.append(latency)
                codes.append(code)
        daemon.stop()
    print(f"cancel after {args.after:.1f} s, {args.n} runs: replies {codes}")
    print(f"cancel -> final reply: median {statistics.median(latencies) * 1000:.0f} ms, "
          f"max {max(latencies) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
