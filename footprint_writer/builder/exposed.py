"""Exposed (thermal) pad: copper, paste windows at 50-70 % coverage, optional thermal vias.

KLC: the exposed pad's paste is split into a grid of windows so the part does not float on
one big solder puddle. Each window is centred in its grid cell and scaled by sqrt(0.6), so the
windows cover 60 % of the pad. The copper pad carries no paste layer itself.

With thermal vias the cells are the spaces between the via rows and columns (as KiCad's
generator does), and each window is shrunk until it keeps PASTE_VIA_CLEARANCE_MM off every
via hole: paste printed over a hole wicks down the barrel and leaves voids under the part.
"""

import math
from typing import List, Optional, Tuple

from footprint_writer.builder.context import BuildContext, tol_text
from footprint_writer.builder.pads import smd_pad, tht_pad
from footprint_writer.errors import InputError
from footprint_writer.ipc.thermal import (
    THERMAL_VIA_DRILL_MM,
    THERMAL_VIA_PAD_MM,
    thermal_via_grid,
)
from schemas.footprint import Pad
from schemas.provenance import Provenance

PASTE_COVERAGE = 0.60
PASTE_CELL_MM = 1.0  # about one window per mm of pad
VIA_DRILL_MM = THERMAL_VIA_DRILL_MM
VIA_PAD_MM = THERMAL_VIA_PAD_MM
PASTE_VIA_CLEARANCE_MM = 0.1  # paste window edge to via hole edge
LOW_COVERAGE = 0.20  # less EP paste than this: the part can tilt or lift (IPC-7093 50-80 %)
MIN_WINDOW_MM = 0.2  # a smaller window does not print reliably; left out


def exposed_size(ctx: BuildContext) -> Optional[Tuple[float, float]]:
    """(x, y) = (across rows, along rows) of the exposed pad, or None when the part has none."""
    land, r = ctx.land, ctx.reading
    if land.ep_across is not None and land.ep_along is not None:
        if not r.exposed_pad:
            ctx.warn("exposed_pad_from_land", "the land pattern has an exposed pad but the "
                     "reading says the part has none; the pad was added", "exposed_pad")
        return land.ep_across, land.ep_along
    if not r.exposed_pad:
        return None
    if r.exposed_pad_width is not None and r.exposed_pad_length is not None:
        x, y = r.exposed_pad_width.nominal, r.exposed_pad_length.nominal
        ctx.provenance["exposed_pad"] = Provenance(
            source="derived",
            detail=f"package E2 {tol_text(r.exposed_pad_width)} x D2 "
                   f"{tol_text(r.exposed_pad_length)} mm, nominal")
        ctx.warn("exposed_pad_from_package",
                 f"no exposed-pad land size on the page: the pad is the package's exposed pad "
                 f"{x:g} x {y:g} mm (nominal E2 x D2); check the recommended land pattern",
                 "land_pattern.exposed_pad_width")
        return x, y
    raise InputError("the reading says the part has an exposed pad, but gives no size",
                     hint="add land_pattern.exposed_pad_width/length (X2/Y2) or the package's "
                          "exposed_pad_width/length (E2/D2)")


def paste_grid(size: float) -> int:
    return max(1, int(round(size / PASTE_CELL_MM)))


def exposed_pads(ctx: BuildContext, number: str) -> List[Pad]:
    """The EP copper, its paste windows and (if asked) thermal vias, centred at the origin."""
    size = exposed_size(ctx)
    if size is None:
        return []
    sx, sy = size
    pads = [smd_pad(number, 0.0, 0.0, sx, sy, role="exposed", layers=["F.Cu", "F.Mask"])]
    if not ctx.options.thermal_vias:
        return pads + paste_windows(_even_cells(sx), _even_cells(sy))
    vias = thermal_vias(number, sx, sy)
    if not vias:
        ctx.warn("no_thermal_vias", f"the exposed pad ({sx:g} x {sy:g} mm) is smaller than "
                 f"one via pad ({VIA_PAD_MM:g} mm): no thermal vias", "exposed_pad")
        return pads + paste_windows(_even_cells(sx), _even_cells(sy))
    # KiCad's generator puts the same copper on the bottom layer, for the vias to spread heat
    pads.append(smd_pad(number, 0.0, 0.0, sx, sy, role="exposed", layers=["B.Cu"]))
    xs, ys = sorted({v.x for v in vias}), sorted({v.y for v in vias})
    holes = [(v.x, v.y) for v in vias]
    # Two layouts, both kept clear of the holes: windows in the spaces between the via rows
    # (wide via grids) or the plain grid with each window moved off the holes (2x2 vias on
    # small pads, where the spaces at the edges are too thin to print); the larger wins.
    windows = max((paste_windows(_cells_between(sx, xs), _cells_between(sy, ys), holes),
                   paste_windows(_even_cells(sx), _even_cells(sy), holes)),
                  key=lambda ws: sum(w.size_x * w.size_y for w in ws))
    coverage = sum(w.size_x * w.size_y for w in windows) / (sx * sy)
    low = coverage < LOW_COVERAGE
    ctx.warn("paste_coverage", f"exposed-pad paste covers {coverage:.0%} of the pad in "
             f"{len(windows)} windows kept {PASTE_VIA_CLEARANCE_MM:g} mm off the "
             f"{len(vias)} via holes; " + (
                 f"under {LOW_COVERAGE:.0%}: the part may not sit flat; ask your assembler "
                 "about plugged vias (then paste may cover them) or leave the vias out"
                 if low else "check the coverage with your assembler"),
             "exposed_pad", severity="warning" if low else "info")
    return pads + windows + vias


Cell = Tuple[float, float]  # (start, end) along one axis


def _even_cells(size: float) -> List[Cell]:
    n = paste_grid(size)
    return [(-size / 2.0 + size * i / n, -size / 2.0 + size * (i + 1) / n) for i in range(n)]


def _cells_between(size: float, lines: List[float]) -> List[Cell]:
    """The spaces between the pad edges and the via rows (or columns) along one axis."""
    edges = [-size / 2.0] + lines + [size / 2.0]
    return [(a, b) for a, b in zip(edges, edges[1:]) if b - a > 1e-9]


def paste_windows(cols: List[Cell], rows: List[Cell],
                  holes: Optional[List[Tuple[float, float]]] = None) -> List[Pad]:
    """One window per cell covering PASTE_COVERAGE of it; near `holes` the window is moved
    within its cell and shrunk until it keeps VIA_DRILL/2 + PASTE_VIA_CLEARANCE off them."""
    windows = []
    for y0, y1 in rows:
        for x0, x1 in cols:
            # Cells left of (or below) the centre are placed as the mirror of their partner
            # on the other side, so the windows are symmetric wherever the vias are.
            sx_, sy_ = (-1.0 if x0 + x1 < -1e-9 else 1.0), (-1.0 if y0 + y1 < -1e-9 else 1.0)
            cell_x = (x0, x1) if sx_ > 0 else (-x1, -x0)
            cell_y = (y0, y1) if sy_ > 0 else (-y1, -y0)
            mirrored = [(px * sx_, py * sy_) for px, py in holes or []]
            placed = _place(cell_x, cell_y, mirrored)
            if placed is None:
                continue
            x, y, hx, hy = placed
            x, y = x * sx_, y * sy_
            # Round the size down so rounding never brings a window back over a hole.
            windows.append(smd_pad("", round(x, 3), round(y, 3),
                                   math.floor(2000.0 * hx) / 1000.0,
                                   math.floor(2000.0 * hy) / 1000.0,
                                   role="paste_window", layers=["F.Paste"]))
    return windows


def _place(cx: Cell, cy: Cell, holes: List[Tuple[float, float]]):
    """(x, y, half x, half y) of the largest window (up to the coverage target) that fits
    in the cell clear of the holes, centred when it can be; None when under MIN_WINDOW_MM."""
    # 1 um spare, so rounding the centre to the 0.001 mm grid cannot eat the clearance.
    keep = VIA_DRILL_MM / 2.0 + PASTE_VIA_CLEARANCE_MM + 0.001
    (x0, x1), (y0, y1) = cx, cy
    near = [(px, py) for px, py in holes
            if x0 - keep <= px <= x1 + keep and y0 - keep <= py <= y1 + keep]
    scale = math.sqrt(PASTE_COVERAGE)

    def fit(f: float):
        hx, hy = (x1 - x0) * scale * f / 2.0, (y1 - y0) * scale * f / 2.0
        for x in _positions(x0 + hx, x1 - hx):
            for y in _positions(y0 + hy, y1 - hy):
                if not near or _nearest_hole(x, y, hx, hy, near) >= keep:
                    return x, y, hx, hy
        return None

    best = fit(1.0)
    if best is None:  # bisect the largest scale that fits
        lo, hi = 0.0, 1.0
        for _ in range(10):
            mid = (lo + hi) / 2.0
            found = fit(mid)
            if found is not None:
                lo, best = mid, found
            else:
                hi = mid
    if best is None or 2.0 * min(best[2], best[3]) < MIN_WINDOW_MM:
        return None
    return best


def _positions(a: float, b: float, steps: int = 8) -> List[float]:
    """Candidate centres from a to b, the middle first (symmetric windows stay centred)."""
    mid = (a + b) / 2.0
    return [mid] + [a + (b - a) * i / steps for i in range(steps + 1)]


def _nearest_hole(x: float, y: float, hx: float, hy: float,
                  holes: List[Tuple[float, float]]) -> float:
    """Distance from the rectangle (centre x, y; half sizes hx, hy) to the nearest hole centre."""
    return min(math.hypot(max(abs(px - x) - hx, 0.0), max(abs(py - y) - hy, 0.0))
               for px, py in holes)


def thermal_vias(number: str, sx: float, sy: float) -> List[Pad]:
    """KiCad's via grid (footprint_writer.ipc.thermal), plated, tented (no mask opening)."""
    vias = []
    for x, y, drill in thermal_via_grid(sx, sy, VIA_DRILL_MM, VIA_PAD_MM):
        via = tht_pad(number, x, y, VIA_PAD_MM, VIA_PAD_MM, drill)
        vias.append(via.model_copy(update={"role": "thermal_via", "layers": ["*.Cu"]}))
    return vias
