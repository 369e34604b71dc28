"""Exposed (thermal) pad: copper, paste windows at 50-70 % coverage, optional thermal vias.

KLC: the exposed pad's paste is split into a grid of windows so the part does not float on
one big solder puddle. Each window is centred in its grid cell and scaled by sqrt(0.6), so the
windows cover 60 % of the pad. The copper pad carries no paste layer itself.
"""

import math
from typing import List, Optional, Tuple

from footprint_writer.builder.context import BuildContext, tol_text
from footprint_writer.builder.pads import smd_pad, tht_pad
from footprint_writer.errors import InputError
from schemas.footprint import Pad
from schemas.provenance import Provenance

PASTE_COVERAGE = 0.60
PASTE_CELL_MM = 1.0  # about one window per mm of pad
VIA_DRILL_MM = 0.3
VIA_PAD_MM = 0.6
VIA_PITCH_MM = 1.0
VIA_EDGE_MM = 0.4  # keep via centres this far inside the pad edge


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
    nx, ny = paste_grid(sx), paste_grid(sy)
    cx, cy = sx / nx, sy / ny
    scale = math.sqrt(PASTE_COVERAGE)
    for j in range(ny):
        for i in range(nx):
            x = -sx / 2.0 + cx * (i + 0.5)
            y = -sy / 2.0 + cy * (j + 0.5)
            pads.append(smd_pad("", round(x, 3), round(y, 3), round(cx * scale, 3),
                                round(cy * scale, 3), role="paste_window", layers=["F.Paste"]))
    if ctx.options.thermal_vias:
        pads += thermal_vias(number, sx, sy)
    return pads


def thermal_vias(number: str, sx: float, sy: float) -> List[Pad]:
    """A grid of plated vias at VIA_PITCH_MM inside the pad, tented (no mask opening)."""
    def axis(size: float) -> List[float]:
        n = max(1, int(math.floor((size - 2 * VIA_EDGE_MM) / VIA_PITCH_MM)) + 1)
        return [(i - (n - 1) / 2.0) * VIA_PITCH_MM for i in range(n)]

    vias = []
    for y in axis(sy):
        for x in axis(sx):
            via = tht_pad(number, x, y, VIA_PAD_MM, VIA_PAD_MM, VIA_DRILL_MM)
            vias.append(via.model_copy(update={"role": "thermal_via", "layers": ["*.Cu"]}))
    return vias
