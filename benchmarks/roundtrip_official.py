"""Round trip over KiCad's whole official footprint library: import -> render -> re-parse.

For every `.kicad_mod` under the library folder: import it into a FootprintSpec, render it,
parse both texts with kiutils and compare every pad (number, type, shape, position,
rotation, size, drill incl. slot and offset, layers, roundrect ratio, chamfer, trapezoid
delta). Prints the pad-exact rate and every kind of failure with examples. With --kicad,
the rebuilt files are also loaded in real KiCad 6 next to the originals and KiCad's own pad
data is compared (effective margins included).

    python3 benchmarks/roundtrip_official.py [--workers 2] [--limit N] [--kicad]
"""

import argparse
import collections
import os
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from footprint_writer.roundtrip import roundtrip_text  # noqa: E402


def _one(path: str):
    text = Path(path).read_text(encoding="utf-8")
    rendered, problems = roundtrip_text(text)
    pads = text.count("(pad ")
    return path, rendered, problems, pads


def _kicad_compare(pairs, batch: int = 400):
    """(original, rebuilt) paths -> {original: [problem, ...]} from real KiCad 6."""
    from footprint_writer.kicad_check import kicad_available, load_in_kicad

    ok, why = kicad_available()
    if not ok:
        print(f"KiCad comparison skipped: {why}")
        return None
    out = {}
    for start in range(0, len(pairs), batch):
        chunk = pairs[start:start + batch]
        loaded = load_in_kicad([p for pair in chunk for p in pair])
        for original, rebuilt in chunk:
            a, b = loaded[original], loaded[rebuilt]
            problems = []
            if not (a["ok"] and b["ok"]):
                problems.append(("kicad_load", f"{a['error']} / {b['error']}"))
            elif len(a["pads"]) != len(b["pads"]):
                problems.append(("kicad_pad_count", f"{len(a['pads'])} -> {len(b['pads'])}"))
            else:
                if a.get("attribute") != b.get("attribute"):
                    problems.append(("kicad_attribute", f"{a['attribute']} -> {b['attribute']}"))
                for pa, pb in zip(a["pads"], b["pads"]):
                    for key, value in pa.items():
                        other = pb[key]
                        same = (abs(float(other) - float(value)) <= 1e-6
                                if isinstance(value, float) else other == value)
                        if not same:
                            problems.append((f"kicad_{key}",
                                             f"pad {pa['number']}: {value!r} -> {other!r}"))
            out[original] = problems
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library-dir", default="/usr/share/kicad/footprints")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    parser.add_argument("--kicad", action="store_true",
                        help="also compare KiCad 6's reading of original and rebuilt files")
    parser.add_argument("--examples", type=int, default=3)
    args = parser.parse_args()

    files = sorted(str(p) for p in Path(args.library_dir).glob("*.pretty/*.kicad_mod"))
    if args.limit:
        files = files[:args.limit]
    if not files:
        print(f"no footprints under {args.library_dir}")
        return 2
    started = time.perf_counter()
    categories = collections.Counter()
    examples = collections.defaultdict(list)
    exact = total_pads = exact_pads = 0
    outdir = tempfile.TemporaryDirectory(prefix="ds2fp_rt_") if args.kicad else None
    pairs = []
    with Pool(args.workers) as pool:
        for path, rendered, problems, pads in pool.imap_unordered(_one, files, chunksize=16):
            total_pads += pads
            if not problems:
                exact += 1
                exact_pads += pads
            for cat in sorted({c for c, _ in problems}):
                categories[cat] += 1
                if len(examples[cat]) < args.examples:
                    msg = next(m for c, m in problems if c == cat)
                    examples[cat].append(f"{Path(path).parent.name}/{Path(path).name}: {msg}")
            if outdir is not None and rendered is not None and not problems:
                lib = Path(outdir.name) / Path(path).parent.name
                lib.mkdir(exist_ok=True)
                target = lib / Path(path).name
                target.write_text(rendered, encoding="utf-8")
                pairs.append((path, str(target)))
    elapsed = time.perf_counter() - started
    n = len(files)
    print(f"footprints: {n} from {args.library_dir} ({args.workers} workers, {elapsed:.1f} s, "
          f"{n / elapsed:.0f} footprints/s)")
    print(f"pad-exact (kiutils re-parse): {exact}/{n} = {100.0 * exact / n:.2f} % of footprints;"
          f" pads in pad-exact footprints: {exact_pads}/{total_pads}")
    print("failures by kind (a footprint counts once per kind):")
    if not categories:
        print("  none")
    for cat, count in categories.most_common():
        print(f"  {cat}: {count}")
        for example in examples[cat]:
            print(f"      e.g. {example}")
    if outdir is not None:
        t0 = time.perf_counter()
        result = _kicad_compare(sorted(pairs))
        if result is not None:
            bad = {k: v for k, v in result.items() if v}
            kinds = collections.Counter(c for v in bad.values() for c in {c for c, _ in v})
            print(f"KiCad 6 check of the {len(result)} kiutils-exact rebuilds "
                  f"({time.perf_counter() - t0:.0f} s): {len(result) - len(bad)} identical in "
                  f"KiCad, {len(bad)} differ")
            for cat, count in kinds.most_common():
                ex = next(f"{Path(k).name}: {m}" for k, v in bad.items() for c, m in v
                          if c == cat)
                print(f"  {cat}: {count}   e.g. {ex}")
        outdir.cleanup()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
