"""Footprints rendered and written per second (checks + render + atomic write).

Uses the spec fixtures (tests/fixtures/specs) and, if installed, a sample of official
footprints imported once up front (import time is not counted). Prints figures; asserts
nothing.

    python3 benchmarks/write_speed.py [--rounds 20] [--official 200]
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from footprint_writer.checks import check_footprint  # noqa: E402
from footprint_writer.importer import import_footprint  # noqa: E402
from footprint_writer.library import write_footprint  # noqa: E402
from footprint_writer.render import render  # noqa: E402
from schemas.footprint import FootprintSpec  # noqa: E402

OFFICIAL = Path("/usr/share/kicad/footprints")


def _specs(official: int):
    specs = [FootprintSpec.model_validate_json(p.read_text())
             for p in sorted((ROOT / "tests" / "fixtures" / "specs").glob("*.json"))]
    picked = []
    if official and OFFICIAL.is_dir():
        files = sorted(OFFICIAL.glob("*.pretty/*.kicad_mod"))
        step = max(1, len(files) // official)
        for path in files[::step][:official]:
            try:
                spec = import_footprint(path)
            except Exception:  # noqa: BLE001 - a few official files exceed our limits
                continue
            if spec.pads and not any(i.severity == "error" for i in check_footprint(spec)):
                picked.append(spec)
    return specs, picked


def _rate(label: str, specs, fn, rounds: int) -> None:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for spec in specs:
            fn(spec)
        times.append(time.perf_counter() - t0)
    best, median = min(times), statistics.median(times)
    n = len(specs)
    pads = sum(len(s.pads) for s in specs)
    print(f"  {label:<38} {n / median:8.1f} footprints/s (median; best {n / best:.1f}), "
          f"{pads / median:9.0f} pads/s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--official", type=int, default=200,
                        help="how many official footprints to include (0: fixtures only)")
    args = parser.parse_args()
    fixtures, official = _specs(args.official)
    with tempfile.TemporaryDirectory() as tmp:
        for label, specs in (("fixtures", fixtures), ("official sample", official)):
            if not specs:
                continue
            pads = sum(len(s.pads) for s in specs)
            print(f"{label}: {len(specs)} footprints, {pads} pads "
                  f"({pads / len(specs):.1f} per footprint), {args.rounds} rounds")
            _rate("checks only", specs, check_footprint, args.rounds)
            _rate("render only", specs, render, args.rounds)
            lib = Path(tmp) / f"{label.replace(' ', '_')}.pretty"
            _rate("write_footprint (checks+render+write)", specs,
                  lambda s, lib=lib: write_footprint(s, lib, replace=True), args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
