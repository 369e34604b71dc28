"""OCR seconds per page, on this machine: the upright pass at several scales, the rotated
pass, and the whole OCR reader (tables, callouts, grounding included).

    python3 benchmarks/ocr_pages.py [DIR] [--long-side 2000 1600]

DIR defaults to ../shared/eval/datasheets (real pages, read where they are; never copied)
and falls back to the synthetic example pages in examples/pages. Prints figures only.
"""

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from daemon.ocr.engine import OcrEngine  # noqa: E402
from daemon.readers.base import PageImage, ReaderError, ReadHints  # noqa: E402
from daemon.readers.ocr_reader import OcrReader  # noqa: E402
from footprint_writer.expect import find_eval_dir  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def images(folder: Path):
    return sorted(p for p in folder.rglob("*.png") if "full_page" not in p.name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", type=Path, default=None)
    parser.add_argument("--long-side", type=int, nargs="+", default=[2000])
    args = parser.parse_args()
    folder = args.dir or find_eval_dir() or ROOT / "examples" / "pages"
    from PIL import Image

    paths = images(folder)
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
          f"{len(paths)} pages from {folder}")
    for long_side in args.long_side:
        engine = OcrEngine(long_side=long_side)
        engine.load()
        t0 = time.perf_counter()
        engine.read(Image.new("RGB", (64, 64), "white"))
        print(f"engine load + warm-up: {time.perf_counter() - t0:.2f} s")
        total = 0.0
        for path in paths:
            image = Image.open(path).convert("RGB")
            page = engine.read(image, name=path.name)
            t0 = time.perf_counter()
            engine.read(image, rotated=True)
            rot_s = time.perf_counter() - t0
            total += page.seconds
            print(f"  long side {long_side}: {path.parent.name[:28]:<28} {path.name[:34]:<34} "
                  f"{image.width}x{image.height}  upright {page.seconds:5.2f} s "
                  f"({len(page.tokens)} runs)  rotated {rot_s:5.2f} s")
        print(f"  mean upright pass: {total / max(1, len(paths)):.2f} s per page")
    reader = OcrReader()
    for path in paths:
        image = Image.open(path).convert("RGB")
        t0 = time.perf_counter()
        try:
            reader.read([PageImage(image, "both", path.name)], ReadHints())
            outcome = "reading"
        except ReaderError as exc:
            outcome = f"ReaderError ({str(exc)[:40]})"
        print(f"  reader: {path.name[:40]:<40} {time.perf_counter() - t0:5.2f} s  {outcome}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
