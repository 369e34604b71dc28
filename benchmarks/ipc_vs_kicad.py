"""IPC-7351B calculation vs. KiCad's official library, pad for pad.

Feeds the KiCad footprint generator's own size definitions (a stored subset, see
benchmarks/data/kicad_size_definitions/SOURCE.md) through
`footprint_writer.ipc.land_pattern_from_package` and compares every result with the
footprint of the same name in Debian's kicad-footprints (KiCad 6.0.11 library, 2022):
pad count, numbers, positions and sizes within 0.01 mm, courtyard within 0.02 mm.

    python3 benchmarks/ipc_vs_kicad.py [--library /usr/share/kicad/footprints] [-v]

Prints one line per footprint, the mismatches with their first difference, and the match
rate per family. Definitions the converter does not model are listed as skipped.
"""

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from footprint_writer.errors import Ds2fpError  # noqa: E402
from footprint_writer.ipc import land_pattern_from_package  # noqa: E402
from footprint_writer.ipc.kicad_yaml import load_definitions  # noqa: E402
from footprint_writer.ipc.layout import PadBox, ipc_courtyard, ipc_pads  # noqa: E402

DATA = Path(__file__).parent / "data" / "kicad_size_definitions"
PAD_TOL = 0.01
COURTYARD_TOL = 0.02
_PAD = re.compile(r'\(pad "?([^"\s]*)"? (\w+) (\w+) \(at ([-\d.]+) ([-\d.]+)(?: ([-\d.]+))?\) '
                  r'\(size ([-\d.]+) ([-\d.]+)\)(.*)')
_LINE = re.compile(r'\((?:fp_line|fp_rect) \(start ([-\d.]+) ([-\d.]+)\) '
                   r'\(end ([-\d.]+) ([-\d.]+)\).*\(layer "?F\.CrtYd"?\)')


def read_kicad_mod(path: Path):
    """Numbered copper pads {number: [(x, y, sx, sy)]} and the courtyard bounds."""
    pads = defaultdict(list)
    xs, ys = [], []
    for line in path.read_text().splitlines():
        m = _PAD.search(line)
        if m:
            number, rot = m.group(1), float(m.group(6) or 0)
            sx, sy = float(m.group(7)), float(m.group(8))
            if abs(rot) % 180 == 90:
                sx, sy = sy, sx
            if number and "Cu" in m.group(9):
                pads[number].append((float(m.group(4)), float(m.group(5)), sx, sy))
            continue
        m = _LINE.search(line)
        if m:
            xs += [float(m.group(1)), float(m.group(3))]
            ys += [float(m.group(2)), float(m.group(4))]
    courtyard = (min(xs), min(ys), max(xs), max(ys)) if xs else None
    return pads, courtyard


def kicad_names(definition, meta):
    """Candidate footprint names (library, name) for one definition."""
    raw = definition.raw
    if "code_metric" in raw:
        out = []
        for prefix, lib in meta.get("prefixes", {}).items():
            if "code_letter" in raw:
                out.append((lib, f"{prefix}_EIA-{raw['code_metric']}_{raw['code_letter']}"))
            else:
                out.append((lib, f"{prefix}_{raw['code_imperial']}_{raw['code_metric']}Metric"))
        return out
    names = [definition.key]
    r = definition.reading
    if r is not None:
        dev = raw.get("device_type") or meta.get("device_type") or \
            re.split(r"[-_]", definition.key)[0]
        ep = ""
        if r.exposed_pad_width is not None:
            ep = f"_EP{r.exposed_pad_width.nominal:g}x{r.exposed_pad_length.nominal:g}mm"
        names.append(f"{dev}-{r.pin_count}{'-1EP' if ep else ''}_{r.body_width.nominal:g}x"
                     f"{r.body_length.nominal:g}mm_P{r.pitch.nominal:g}mm{ep}")
        if "custom_name_format" in raw:
            ex = r.exposed_pad_width.nominal if ep else 0
            ey = r.exposed_pad_length.nominal if ep else 0
            names.append(raw["custom_name_format"].format(
                pincount=r.pin_count, size_x=r.body_width.nominal, size_y=r.body_length.nominal,
                pitch=r.pitch.nominal, ep_size_x=ex, ep_size_y=ey, vias=""))
    return [(meta["library"], n) for n in names]


def _via_builder(d, density):
    """Pads and courtyard of the FootprintSpec the `ds2fp ipc` command would write."""
    from footprint_writer.ipc.build import build_ipc_footprint

    spec, _ = build_ipc_footprint(d.reading, density, small_pitch_table=d.small_pitch_table)
    pads = [PadBox(p.number, p.x, p.y, p.size_x, p.size_y) for p in spec.numbered_pads()
            if p.has_copper]
    c = spec.courtyard
    return pads, (c.x0, c.y0, c.x1, c.y1)


def _source_marker(size_info: str) -> str:
    """The host named in a definition's `size_info` (e.g. 'tortai-tech.com')."""
    m = re.search(r"([a-z0-9-]+\.(?:com|nl|org|net|de))", size_info)
    if m:
        return m.group(1)
    m = re.search(r"(IPC-SM-782 page \d+)", size_info)
    return m.group(1) if m else ""


def compare(ours, ours_cy, theirs, theirs_cy):
    """First difference, or '' when pads and courtyard match within tolerance."""
    if sorted(p.number for p in ours) != sorted(theirs):
        return f"pad numbers differ: {len(ours)} vs {sum(map(len, theirs.values()))} pads"
    for p in ours:
        cands = theirs[p.number]
        if not any(abs(p.x - x) <= PAD_TOL and abs(p.y - y) <= PAD_TOL and
                   abs(p.size_x - sx) <= PAD_TOL and abs(p.size_y - sy) <= PAD_TOL
                   for x, y, sx, sy in cands):
            x, y, sx, sy = cands[0]
            return (f"pad {p.number}: ours ({p.x:g},{p.y:g}) {p.size_x:g}x{p.size_y:g}, "
                    f"KiCad ({x:g},{y:g}) {sx:g}x{sy:g}")
    if theirs_cy is None:
        return "KiCad footprint has no courtyard"
    if any(abs(a - b) > COURTYARD_TOL for a, b in zip(ours_cy, theirs_cy)):
        return (f"courtyard ours {tuple(round(v, 3) for v in ours_cy)} KiCad "
                f"{tuple(round(v, 3) for v in theirs_cy)}")
    return ""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, default=Path("/usr/share/kicad/footprints"))
    parser.add_argument("--density", default="nominal")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--via-builder", action="store_true",
                        help="build each footprint through build_ipc_footprint (the builder's "
                             "placement and the IPC courtyard) instead of the reference layout")
    args = parser.parse_args(argv)
    if not args.library.is_dir():
        print(f"no KiCad library at {args.library} (apt-get install kicad-footprints)")
        return 1
    per_family = defaultdict(lambda: [0, 0])
    mismatches, skipped, other_input = [], [], []
    for path in sorted(DATA.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text())
        meta = dict(doc.get("_benchmark", {}), **(doc.get("FileHeader") or {}))
        for d in load_definitions(path, family=meta.get("family")):
            if d.reading is None:
                skipped.append(f"{d.key}: {'; '.join(d.unsupported)}")
                continue
            found = [(lib, n) for lib, n in dict.fromkeys(kicad_names(d, meta))
                     if (args.library / f"{lib}.pretty" / f"{n}.kicad_mod").exists()]
            if not found:
                skipped.append(f"{d.key}: no footprint of that name in the library")
                continue
            for lib, name in found:
                density = d.density or args.density
                if args.via_builder:
                    try:
                        pads, cy = _via_builder(d, density)
                    except Ds2fpError as exc:
                        per_family[d.reading.family][1] += 1
                        mismatches.append(f"{lib}:{name}: builder: {exc.message}")
                        print(f"DIFF {lib}:{name} builder: {exc.message}")
                        continue
                else:
                    result = land_pattern_from_package(
                        d.reading, density, small_pitch_table=d.small_pitch_table)
                    pads = ipc_pads(d.reading, result)
                    cy = ipc_courtyard(d.reading, result, pads)
                kicad_file = args.library / f"{lib}.pretty" / f"{name}.kicad_mod"
                if "kicad-footprint-generator" not in kicad_file.read_text():
                    other_input.append(f"{lib}:{name}: drawn by hand in KiCad's library, not "
                                       "generated from a size definition")
                    continue
                marker = _source_marker(d.raw.get("size_info", ""))
                if marker and marker not in kicad_file.read_text():
                    other_input.append(f"{lib}:{name}: KiCad's descr cites other body size "
                                       f"data than this definition ({marker})")
                    continue
                theirs, theirs_cy = read_kicad_mod(kicad_file)
                diff = compare(pads, cy, theirs, theirs_cy)
                family = d.reading.family
                per_family[family][1] += 1
                if not diff:
                    per_family[family][0] += 1
                else:
                    mismatches.append(f"{lib}:{name}: {diff}")
                if args.verbose or diff:
                    print(f"{'OK ' if not diff else 'DIFF'} {lib}:{name} {diff}")
    total = sum(n for _, n in per_family.values())
    exact = sum(k for k, _ in per_family.values())
    print("\nfamily        exact / compared")
    for family, (k, n) in sorted(per_family.items()):
        print(f"{family:12s} {k:5d} / {n:<5d} {100.0 * k / n:6.1f} %")
    print(f"{'all':12s} {exact:5d} / {total:<5d} {100.0 * exact / max(total, 1):6.1f} %")
    if other_input:
        print(f"\nnot compared: KiCad's footprint was made from other input "
              f"({len(other_input)}):")
        for s in other_input:
            print("  " + s)
    if skipped:
        print(f"\nskipped ({len(skipped)}):")
        for s in skipped:
            print("  " + s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
