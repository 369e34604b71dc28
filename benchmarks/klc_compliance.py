"""KLC rule by rule: ds2fp's footprints against KiCad's official ones (issue 16).

Builds several hundred footprints across every family ds2fp makes, as a user would (with a
datasheet link): IPC-7351B over the KiCad generator's size definitions (with and without
thermal vias), DIP-4..48 at 7.62 and 15.24 mm, pin headers 1xN and 2xN at 1.00, 1.27, 2.00
and 2.54 mm, molded diodes, DPAK, BGA 6x6..16x16, TO-220, SON, and the example and
evaluation-page readings. Each is paired with the official
footprint of the same name (else kind, else nearest name) and both go through KiCad's
library checker (scripts/fetch_klc.sh; F9.3, the 3D model, left out). Prints per rule how
many of the paired ds2fp footprints and of their official partners violate it, and every
pair where ds2fp fails a rule its partner passes. Asserts nothing.

    bash scripts/fetch_klc.sh && python3 benchmarks/klc_compliance.py [--library DIR] [-v]
"""

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from footprint_writer import klc_checker  # noqa: E402
from footprint_writer.builder import build_footprint  # noqa: E402
from footprint_writer.builder.load import parse_input  # noqa: E402
from footprint_writer.errors import Ds2fpError  # noqa: E402
from footprint_writer.ipc.build import build_ipc_footprint  # noqa: E402
from footprint_writer.ipc.kicad_yaml import load_definitions  # noqa: E402
from footprint_writer.library import write_footprint  # noqa: E402
from schemas.options import BuildOptions  # noqa: E402
from schemas.reading import DatasheetReading, LandPattern  # noqa: E402
from schemas.toleranced import Toleranced  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SIZES = ROOT / "benchmarks" / "data" / "kicad_size_definitions"
URL = "https://example.com/datasheet.pdf"
# KiCad's own header lands per pitch: (drill, pad) as in Connector_PinHeader_*.pretty
HEADERS = {2.54: (1.0, 1.7), 2.00: (0.8, 1.35), 1.27: (0.65, 1.0), 1.00: (0.6, 0.85)}


def t(nom=None, lo=None, hi=None) -> Toleranced:
    return Toleranced(nom=nom, min=lo, max=hi)


def ipc_specs():
    for path in sorted(SIZES.glob("*.yaml")):
        for d in load_definitions(path):
            if d.reading is None:
                continue
            for vias in ((False, True) if d.reading.exposed_pad else (False,)):
                try:
                    spec, _ = build_ipc_footprint(d.reading, d.density or "nominal",
                                                  name=None if vias else d.key,
                                                  small_pitch_table=d.small_pitch_table,
                                                  paste_layout=d.paste_layout,
                                                  thermal_vias=vias, datasheet=URL)
                except Ds2fpError:
                    continue
                yield "ipc", spec


def dip_specs():
    for width, pins in [(7.62, range(4, 42, 2)), (15.24, range(24, 50, 2))]:
        for n in pins:
            reading = DatasheetReading(
                units="mm", family="dip", pin_count=n, pitch=t(2.54),
                overall_width=t(width), body_width=t(width - 1.27),
                body_length=t(n / 2 * 2.54 + 0.5), lead_width=t(lo=0.36, hi=0.56),
                land_pattern=LandPattern(drill=t(0.8), pad_diameter=t(1.6)))
            yield "dip", build_footprint(reading, BuildOptions(datasheet=URL))


def header_specs():
    for pitch, (drill, pad) in HEADERS.items():
        for rows in (1, 2):
            for per_row in range(1, 41):
                reading = DatasheetReading(
                    units="mm", family="pin_header", pin_count=rows * per_row, rows=rows,
                    pitch=t(pitch), lead_width=t(0.64 if pitch > 2 else 0.4),
                    body_length=t(per_row * pitch), body_width=t(rows * pitch),
                    land_pattern=LandPattern(pitch=t(pitch), row_spacing=t(pitch),
                                             drill=t(drill), pad_diameter=t(pad)))
                yield "header", build_footprint(reading, BuildOptions(datasheet=URL))


def family_specs():
    """The families the size definitions leave out: molded diodes, DPAK, BGA, TO-220, SON."""
    ds = dict(units="mm")
    cases = [dict(family="molded", pin_count=2, body_length=t(lo=b - 0.3, hi=b + 0.3),
                  body_width=t(lo=w - 0.3, hi=w + 0.3), lead_width=t(lo=lw - 0.2, hi=lw + 0.2),
                  lead_length=t(lo=0.75, hi=1.6), overall_length=t(lo=b + 0.8, hi=b + 1.6))
             for b, w, lw in ((4.3, 2.6, 1.45), (4.3, 3.6, 2.1), (6.9, 5.9, 3.0))]
    cases += [dict(family="dpak", pin_count=3, pitch=t(2.28), body_length=t(lo=6.35, hi=6.73),
                   body_width=t(lo=5.97, hi=6.22), lead_width=t(lo=0.64, hi=0.89),
                   lead_length=t(lo=0.89, hi=1.27), overall_width=t(lo=9.4, hi=10.41),
                   exposed_pad_width=t(lo=4.95, hi=5.46), exposed_pad_length=t(lo=5.21, hi=5.5))]
    cases += [dict(family="bga", pin_count=n * n, pitch=t(p), ball_diameter=t(p / 2),
                   body_length=t(n * p + 1), body_width=t(n * p + 1), pins_along_length=n)
              for p in (0.5, 0.8, 1.0) for n in (6, 8, 10, 12, 16)]
    cases += [dict(family="to220", pin_count=n, pitch=t(2.54 if n < 5 else 1.7),
                   lead_width=t(lo=0.7, hi=0.9), body_length=t(10.0), body_width=t(4.5))
              for n in (2, 3, 5)]
    cases += [dict(family="son", pin_count=n, pitch=t(0.65 if n < 10 else 0.5),
                   body_length=t(3.0), body_width=t(3.0), lead_width=t(lo=0.25, hi=0.35),
                   lead_length=t(lo=0.3, hi=0.5), exposed_pad=True,
                   exposed_pad_width=t(1.6), exposed_pad_length=t(2.4)) for n in (6, 8, 10)]
    for case in cases:
        try:
            spec, _ = build_ipc_footprint(DatasheetReading(**ds, **case), datasheet=URL)
        except Ds2fpError:
            continue
        yield case["family"], spec


def reading_specs():
    sources = sorted((ROOT / "examples").glob("*_reading.json")) + \
        sorted((ROOT / "tests" / "fixtures" / "readings").glob("*.json"))
    for path in sources:
        yield "readings", build_footprint(parse_input(path.read_text()),
                                          BuildOptions(datasheet=URL))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, default=Path("/usr/share/kicad/footprints"))
    parser.add_argument("-v", "--verbose", action="store_true", help="list every worse pair")
    args = parser.parse_args(argv)
    if klc_checker.klc_dir() is None:
        print(klc_checker.missing_reason())
        return 0
    if not args.library.is_dir():
        print(f"no official library at {args.library}")
        return 0
    t0 = time.perf_counter()
    out = Path(tempfile.mkdtemp(prefix="ds2fp-klc-")) / "Ds2fp.pretty"
    ours, source_of = {}, {}
    for generator in (ipc_specs, dip_specs, header_specs, family_specs, reading_specs):
        for source, spec in generator():
            if spec.name in ours:
                continue
            ours[spec.name] = write_footprint(spec, out, replace=True)
            source_of[spec.name] = source
    index = klc_checker.official_index(args.library)
    pairs = klc_checker.pair(ours, index)
    paired = {n: p for n, p in pairs.items() if p is not None}
    exact = sum(1 for n in paired if n in index)
    found = klc_checker.violations(list(ours.values()) + sorted(set(paired.values())))
    built = time.perf_counter() - t0
    ds2fp_count, official_count = Counter(), Counter()
    worse = []
    for name, theirs in sorted(paired.items()):
        mine = found[str(ours[name].resolve())]
        other = found[str(theirs.resolve())]
        ds2fp_count.update(mine)
        official_count.update(other)
        if mine - other:
            worse.append((name, sorted(mine - other), theirs.stem))
    print(f"{len(ours)} ds2fp footprints ({dict(Counter(source_of.values()))}), {len(paired)} "
          f"paired ({exact} with the official footprint of the same name); checker run "
          f"and build {built:.0f} s\n")
    print("| rule | ds2fp (of paired) | official | ds2fp worse in |")
    print("|---|---|---|---|")
    for rule in sorted(set(ds2fp_count) | set(official_count)):
        n_worse = sum(1 for _, rules, _ in worse if rule in rules)
        print(f"| {rule} | {ds2fp_count[rule]} | {official_count[rule]} | {n_worse} |")
    unpaired = sorted(set(ours) - set(paired))
    print(f"\nunpaired: {len(unpaired)}; pairs where ds2fp fails a rule its partner passes: "
          f"{len(worse)}")
    for name, rules, theirs in worse[:None if args.verbose else 15]:
        print(f"  {name}: {', '.join(rules)} (official {theirs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
