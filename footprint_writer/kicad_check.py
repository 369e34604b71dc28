"""Load `.kicad_mod` files in real KiCad 6 (pcbnew) and compare its pads with a spec.

pcbnew runs in a subprocess of the system Python (`/usr/bin/python3` on Debian): a file in a
newer format can abort the process (see NOTES.md), and pcbnew must not be imported into
ds2fp's own interpreter. Used by the tests of every engineer:

    ok, why = kicad_available()
    result = load_in_kicad([path])[str(path)]   # {"ok", "error", "attribute", "pads": [...]}
    problems = compare_pads(spec, result["pads"])  # [] when KiCad read exactly our pads
"""

import json
import math
import os
import subprocess
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from footprint_writer.layers import expand_layers
from footprint_writer.render import pad_layers, roundrect_ratio
from schemas.footprint import FootprintSpec, Pad
from schemas.geometry import copper_offset

KICAD_PYTHON = os.environ.get("DS2FP_KICAD_PYTHON", "/usr/bin/python3")
TIMEOUT_S = 120

# Runs inside KiCad's Python (3.9+ compatible, no ds2fp imports).
_SCRIPT = r'''
import json, os, sys
import pcbnew
SHAPES = {pcbnew.PAD_SHAPE_CIRCLE: "circle", pcbnew.PAD_SHAPE_RECT: "rect",
          pcbnew.PAD_SHAPE_OVAL: "oval", pcbnew.PAD_SHAPE_TRAPEZOID: "trapezoid",
          pcbnew.PAD_SHAPE_ROUNDRECT: "roundrect",
          pcbnew.PAD_SHAPE_CHAMFERED_RECT: "chamfered_rect", pcbnew.PAD_SHAPE_CUSTOM: "custom"}
TYPES = {pcbnew.PAD_ATTRIB_SMD: "smd", pcbnew.PAD_ATTRIB_PTH: "tht",
         pcbnew.PAD_ATTRIB_NPTH: "npth", pcbnew.PAD_ATTRIB_CONN: "connect"}
CORNERS = [(1, "top_left"), (2, "top_right"), (4, "bottom_left"), (8, "bottom_right")]
MM = 1e-6
# pcbnew.LayerName gives KiCad 6's display names; files (and ds2fp) use the canonical ones.
CANONICAL = {"F.Silkscreen": "F.SilkS", "B.Silkscreen": "B.SilkS", "F.Adhesive": "F.Adhes",
             "B.Adhesive": "B.Adhes", "F.Courtyard": "F.CrtYd", "B.Courtyard": "B.CrtYd",
             "User.Drawings": "Dwgs.User", "User.Comments": "Cmts.User",
             "User.Eco1": "Eco1.User", "User.Eco2": "Eco2.User"}
out = {}
# One plugin for all files: it caches each .pretty folder once (pcbnew.FootprintLoad would
# re-read the whole folder for every footprint).
plugin = pcbnew.IO_MGR.PluginFind(pcbnew.IO_MGR.KICAD_SEXP)
for path in sys.argv[1:]:
    lib, name = os.path.split(os.path.abspath(path))
    try:
        fp = plugin.FootprintLoad(lib, name[:-len(".kicad_mod")])
    except Exception as exc:
        out[path] = {"ok": False, "error": "KiCad could not load it: %s" % exc, "pads": []}
        continue
    if fp is None:
        out[path] = {"ok": False, "error": "KiCad returned no footprint (newer format?)",
                     "pads": []}
        continue
    attrs = fp.GetAttributes()
    attribute = ("smd" if attrs & pcbnew.FP_SMD else
                 "through_hole" if attrs & pcbnew.FP_THROUGH_HOLE else "unspecified")
    pads = []
    for p in fp.Pads():
        pos, size, drill, off, delta = (p.GetPosition(), p.GetSize(), p.GetDrillSize(),
                                        p.GetOffset(), p.GetDelta())
        mask = p.GetChamferPositions()
        poly = p.GetEffectivePolygon()
        xs, ys = [], []
        for k in range(poly.OutlineCount()):
            outline = poly.Outline(k)
            for i in range(outline.PointCount()):
                xs.append(outline.CPoint(i).x * MM)
                ys.append(outline.CPoint(i).y * MM)
        pads.append({
            "number": p.GetNumber(), "type": TYPES.get(p.GetAttribute(), "?"),
            "shape": SHAPES.get(p.GetShape(), "?"),
            "x": pos.x * MM, "y": pos.y * MM, "rotation": p.GetOrientationDegrees(),
            "size_x": size.x * MM, "size_y": size.y * MM,
            "drill_x": drill.x * MM, "drill_y": drill.y * MM,
            "drill_shape": "oblong" if p.GetDrillShape() == pcbnew.PAD_DRILL_SHAPE_OBLONG
                           else "circle",
            "offset_x": off.x * MM, "offset_y": off.y * MM,
            "delta_x": delta.x * MM, "delta_y": delta.y * MM,
            "layers": sorted(CANONICAL.get(pcbnew.LayerName(i), pcbnew.LayerName(i))
                             for i in p.GetLayerSet().Seq()),
            "roundrect_ratio": p.GetRoundRectRadiusRatio(),
            "chamfer_ratio": p.GetChamferRectRatio(),
            "chamfer_corners": [n for bit, n in CORNERS if mask & bit],
            "anchor": "circle" if p.GetAnchorPadShape() == pcbnew.PAD_SHAPE_CIRCLE else "rect",
            # effective margins: the pad's own, else the footprint's (as KiCad applies them)
            "mask_margin": p.GetSolderMaskMargin() * MM,
            "paste_margin": (p.GetLocalSolderPasteMargin()
                             or fp.GetLocalSolderPasteMargin()) * MM,
            "paste_margin_ratio": (p.GetLocalSolderPasteMarginRatio()
                                   or fp.GetLocalSolderPasteMarginRatio()),
            # copper outline bounds (arcs approximated by KiCad to ~0.005 mm)
            "bbox": [min(xs), min(ys), max(xs), max(ys)] if xs else None,
        })
    out[path] = {"ok": True, "error": "", "attribute": attribute, "pads": pads,
                 "name": str(fp.GetFPID().GetLibItemName()), "descr": fp.GetDescription(),
                 "tags": fp.GetKeywords(), "value": fp.GetValue(),
                 "models": [m.m_Filename for m in fp.Models()]}
print(json.dumps(out))
'''


def kicad_available() -> Tuple[bool, str]:
    """(True, version) if KiCad's pcbnew imports in KICAD_PYTHON, else (False, reason)."""
    if not Path(KICAD_PYTHON).exists():
        return False, f"{KICAD_PYTHON} not found (install Debian's kicad 6.0.11)"
    try:
        proc = subprocess.run([KICAD_PYTHON, "-c", "import pcbnew; print(pcbnew.Version())"],
                              capture_output=True, text=True, timeout=TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"cannot run {KICAD_PYTHON}: {exc}"
    if proc.returncode != 0:
        return False, f"{KICAD_PYTHON} cannot import pcbnew: {proc.stderr.strip()[-300:]}"
    return True, proc.stdout.strip()


def _run(paths: Sequence[str]) -> Optional[Dict[str, dict]]:
    try:
        proc = subprocess.run([KICAD_PYTHON, "-c", _SCRIPT, *paths], capture_output=True,
                              text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        return None
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else None


def load_in_kicad(paths: Sequence[os.PathLike]) -> Dict[str, dict]:
    """Pads as KiCad 6 reads them, per path (str). One subprocess for the batch; if it dies
    (a file KiCad cannot parse can abort it), each file is retried alone so the culprit
    gets `ok: False` with the reason."""
    # grouped by folder: KiCad's plugin caches one .pretty folder at a time
    names = sorted((str(p) for p in paths), key=lambda p: (os.path.dirname(p), p))
    if not names:
        return {}
    result = _run(names)
    if result is not None:
        return result
    out = {}
    for name in names:
        single = _run([name])
        out[name] = single[name] if single else {
            "ok": False, "error": "KiCad aborted or failed while loading this file", "pads": []}
    return out


# --- comparison ---------------------------------------------------------------------------

def expected_pad(pad: Pad, spec: FootprintSpec) -> dict:
    """What KiCad should report for `pad` after render (same keys as the loader)."""
    chamfered = bool(pad.chamfer_corners) and pad.chamfer_ratio is not None \
        and pad.shape in ("rect", "roundrect")
    d = pad.drill
    exp = {
        # KiCad keeps no number on paste windows and non-plated holes
        "number": "" if pad.role == "paste_window" or pad.kind == "npth" else pad.number,
        "type": pad.kind,
        "shape": "chamfered_rect" if chamfered else pad.shape,
        "x": pad.x, "y": pad.y, "rotation": pad.rotation % 360.0,
        "size_x": pad.size_x, "size_y": pad.size_y,
        "drill_x": d.diameter if d else 0.0,
        "drill_y": (d.slot_length if d.is_slot else d.diameter) if d else 0.0,
        "layers": expand_layers(pad_layers(pad, spec)),
    }
    if d is not None:
        exp["drill_shape"] = "oblong" if d.is_slot else "circle"
    exp["offset_x"], exp["offset_y"] = copper_offset(pad)
    if pad.shape == "roundrect":
        exp["roundrect_ratio"] = roundrect_ratio(pad)
    if chamfered:
        exp["chamfer_ratio"] = pad.chamfer_ratio
        exp["chamfer_corners"] = sorted(pad.chamfer_corners)
    if pad.shape == "trapezoid":
        dx, dy = pad.trapezoid_delta or (0.0, 0.0)
        exp["delta_x"], exp["delta_y"] = dx, dy
    if pad.mask_margin is not None:
        exp["mask_margin"] = pad.mask_margin
    if pad.paste_margin is not None:
        exp["paste_margin"] = pad.paste_margin
    if pad.paste_margin_ratio is not None:
        exp["paste_margin_ratio"] = pad.paste_margin_ratio
    if pad.shape == "custom":
        exp["anchor"] = pad.custom_anchor or "rect"
    return exp


def compare_pads(spec: FootprintSpec, kicad_pads: Sequence[dict], tol: float = 1e-4
                 ) -> List[str]:
    """Differences between the spec's pads and KiCad's, in file order; [] if identical
    within `tol` (mm, ratios and degrees alike)."""
    problems = []
    if len(kicad_pads) != len(spec.pads):
        problems.append(f"pad count: spec {len(spec.pads)}, KiCad {len(kicad_pads)}")
    for index, (pad, got) in enumerate(zip(spec.pads, kicad_pads)):
        exp = expected_pad(pad, spec)
        for key, want in exp.items():
            have = got.get(key)
            if key == "rotation" and have is not None:
                have = have % 360.0
                diff = abs(have - want)
                if min(diff, 360.0 - diff) > tol:
                    problems.append(f"pad #{index + 1} ({pad.number}): rotation {have} != {want}")
                continue
            if key == "chamfer_corners" and have is not None:
                have = sorted(have)
            if isinstance(want, float) or isinstance(want, int) and not isinstance(want, bool):
                if have is None or not math.isclose(float(have), float(want), abs_tol=tol):
                    problems.append(f"pad #{index + 1} ({pad.number}): {key} {have} != {want}")
            elif have != want:
                problems.append(f"pad #{index + 1} ({pad.number}): {key} {have!r} != {want!r}")
    return problems


def main(argv: Optional[Sequence[str]] = None) -> int:
    """`python3 -m footprint_writer.kicad_check FILE.kicad_mod...`: KiCad's pads as JSON."""
    import sys

    paths = list(sys.argv[1:] if argv is None else argv)
    ok, why = kicad_available()
    if not ok:
        print(f"kicad_check: {why}", file=sys.stderr)
        return 2
    result = load_in_kicad(paths)
    print(json.dumps(result, indent=2))
    return 0 if all(r["ok"] for r in result.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
