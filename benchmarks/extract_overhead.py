"""Extract overhead without a model: two 2000x2500 PNG pages through decode, normalise, schema
validation, build and reply, in-process and through the daemon (file reader, zero latency).
Prints per-stage figures; asserts nothing.

    python3 benchmarks/extract_overhead.py [--n 10] [--budget 4096]
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from daemon.client import InProcessClient  # noqa: E402
from daemon.images import ImageLimits  # noqa: E402
from daemon.readers.file_reader import FileReader  # noqa: E402
from schemas.protocol import ExtractOptions  # noqa: E402
from tests.daemon.conftest import Daemon  # noqa: E402
from tests.daemon.fake_readers import RECORDED  # noqa: E402


def datasheet_like_png(width: int, height: int, mode: str = "RGB") -> bytes:
    """A page with text-like strokes, so PNG compression is realistic (not a flat image)."""
    import io
    import random

    from PIL import Image, ImageDraw

    rng = random.Random(1)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    for _ in range(400):
        x, y = rng.randrange(width - 200), rng.randrange(height - 40)
        draw.text((x, y), f"{rng.uniform(0.1, 9.9):.2f} MAX", fill=0)
    for _ in range(120):
        draw.line([rng.randrange(width), rng.randrange(height), rng.randrange(width),
                   rng.randrange(height)], fill=0, width=2)
    buf = io.BytesIO()
    img.convert(mode).save(buf, "PNG")
    return buf.getvalue()


def summary(values):
    return f"median {statistics.median(values) * 1e3:8.1f} ms   min {min(values) * 1e3:8.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10)
    parser.add_argument("--budget", type=int, default=ImageLimits.token_budget)
    parser.add_argument("--mode", choices=("RGB", "L"), default="RGB",
                        help="colour or greyscale PNG pages (pdftoppm -gray gives L)")
    args = parser.parse_args()
    pages = [(datasheet_like_png(2000, 2500, args.mode), "package"),
             (datasheet_like_png(2000, 2500, args.mode), "land_pattern")]
    print(f"two 2000x2500 {args.mode} PNG pages, {sum(len(p[0]) for p in pages) / 1e6:.2f} MB, "
          f"token budget {args.budget}/image")
    build = True
    try:
        import footprint_writer.builder  # noqa: F401
    except ImportError:
        build = False
        print("(footprint_writer.builder not available: build stage skipped)")
    options = ExtractOptions(build=build)

    stages, totals = {}, []
    with InProcessClient(FileReader(RECORDED), ImageLimits(token_budget=args.budget)) as c:
        c.extract(pages, options)
        for _ in range(args.n):
            t0 = time.perf_counter()
            reply = c.extract(pages, options)
            totals.append(time.perf_counter() - t0)
            assert reply.ok, reply.error
            for k, v in reply.extract.timings.items():
                stages.setdefault(k, []).append(v)
            reply.model_dump_json()
    print(f"in-process total              {summary(totals)}")
    for k, v in stages.items():
        print(f"  stage {k:22s}  {summary(v)}")

    with tempfile.TemporaryDirectory() as tmp:
        daemon = Daemon(["--reader", f"file:{RECORDED}", "--image-token-budget",
                         str(args.budget)], Path(tmp))
        try:
            daemon.wait_ready()
            rtt, worker = [], []
            with daemon.client() as client:
                client.extract(pages, options)
                for _ in range(args.n):
                    t0 = time.perf_counter()
                    reply = client.extract(pages, options)
                    rtt.append(time.perf_counter() - t0)
                    assert reply.ok, reply.error
                    worker.append(reply.extract.timings["total_worker"])
        finally:
            daemon.stop()
    print(f"through the daemon (ZeroMQ)   {summary(rtt)}")
    print(f"  of which in the worker      {summary(worker)}")
    overhead = [r - w for r, w in zip(rtt, worker)]
    print(f"  transfer + JSON + queueing  {summary(overhead)}")


if __name__ == "__main__":
    main()
