"""Footprints built (and rendered, and written) per second, on this machine.

Uses the example readings (examples/*_reading.json) and the eval-page fixtures
(tests/fixtures/readings/*.json): parse + build (units, land pattern, placement, provenance,
IPC cross-check, geometry checks), then render to .kicad_mod text, then the checked atomic
write into a temporary .pretty (with --replace, as a rebuild would).

    python3 benchmarks/build_speed.py [--seconds 3]

Prints per-stage throughput and per-input build times; nothing is asserted.
"""

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from footprint_writer.builder import build_footprint  # noqa: E402
from footprint_writer.builder.load import parse_input  # noqa: E402
from footprint_writer.library import write_footprint  # noqa: E402
from footprint_writer.render import render  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def inputs():
    paths = sorted((ROOT / "examples").glob("*_reading.json"))
    paths += sorted((ROOT / "tests" / "fixtures" / "readings").glob("*.json"))
    return [(p.stem, p.read_text()) for p in paths]


def rate(label: str, func, seconds: float, count_per_call: int) -> float:
    func()  # warm-up (imports, caches)
    calls, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        func()
        calls += 1
    elapsed = time.perf_counter() - start
    per_second = calls * count_per_call / elapsed
    print(f"{label:<38} {per_second:9.1f} footprints/s  ({1000 / per_second:6.2f} ms each)")
    return per_second


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per stage")
    args = parser.parse_args()
    texts = inputs()
    readings = [parse_input(text) for _, text in texts]
    specs = [build_footprint(r) for r in readings]
    writable = [s for s in specs if not any(i.severity == "error" for i in s.issues)]
    print(f"python {platform.python_version()} on {platform.machine()}, "
          f"{len(texts)} inputs ({len(writable)} writable without check errors)")
    rate("parse + build", lambda: [build_footprint(parse_input(t)) for _, t in texts],
         args.seconds, len(texts))
    rate("render only", lambda: [render(s) for s in specs], args.seconds, len(specs))
    with tempfile.TemporaryDirectory() as tmp:
        lib = Path(tmp) / "Bench.pretty"
        rate("write only (checks + atomic write)",
             lambda: [write_footprint(s, lib, replace=True) for s in writable],
             args.seconds, len(writable))
        rate("parse + build + write",
             lambda: [write_footprint(build_footprint(parse_input(t)), lib, replace=True)
                      for (_, t), s in zip(texts, specs) if s in writable],
             args.seconds, len(writable))
    print("\nper input, parse + build (median of 20):")
    for (name, text), spec in zip(texts, specs):
        times = []
        for _ in range(20):
            start = time.perf_counter()
            build_footprint(parse_input(text))
            times.append(time.perf_counter() - start)
        times.sort()
        print(f"  {name:<36} {len(spec.pads):4d} pads  {times[10] * 1000:7.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
