"""Pad makers and row layouts shared by the family modules (top view, y down, mm).

Conventions (KLC): SMD pads are roundrect with a corner radius of 25 % of the short side,
at most 0.25 mm; THT pin 1 is rectangular, the others round or oval. Rows are numbered
counter-clockwise seen from the top: the left row top to bottom, then the bottom row left to
right, the right row bottom to top, the top row right to left.
"""

from typing import List, Optional, Sequence

from footprint_writer.errors import InputError
from schemas.footprint import Drill, Pad

ROUNDRECT_RATIO = 0.25
MAX_CORNER_RADIUS_MM = 0.25


def _r(v: float) -> float:
    """Round away float noise; the writer prints what it gets."""
    return round(v, 6) + 0.0


def roundrect_ratio(size_x: float, size_y: float) -> float:
    """KLC: radius 25 % of the short side, capped at 0.25 mm (as a ratio of the short side)."""
    short = min(size_x, size_y)
    if short <= 0:
        return ROUNDRECT_RATIO
    return round(min(ROUNDRECT_RATIO, MAX_CORNER_RADIUS_MM / short), 4)


def smd_pad(number: str, x: float, y: float, size_x: float, size_y: float,
            role: str = "signal", layers: Optional[List[str]] = None) -> Pad:
    return Pad(number=number, kind="smd", shape="roundrect", role=role,  # type: ignore
               x=_r(x), y=_r(y), size_x=_r(size_x), size_y=_r(size_y),
               roundrect_ratio=roundrect_ratio(size_x, size_y), layers=layers)


def tht_pad(number: str, x: float, y: float, size_x: float, size_y: float, drill: float,
            first: bool = False) -> Pad:
    """Plated through-hole pad: pin 1 rect, others circle (equal sizes) or oval."""
    if first:
        shape = "rect"
    else:
        shape = "circle" if abs(size_x - size_y) < 1e-9 else "oval"
    return Pad(number=number, kind="tht", shape=shape, x=_r(x), y=_r(y),  # type: ignore
               size_x=_r(size_x), size_y=_r(size_y), drill=Drill(diameter=_r(drill)))


def check_width_fits_pitch(family: str, pad_width: float, pitch: float) -> None:
    """Pads of a row must leave copper between them: X >= pitch is a misreading (the pad
    width taken for the pitch, or the other way round), never a part."""
    if pad_width >= pitch - 1e-9:
        raise InputError(f"{family}: pad width X {pad_width:g} mm is not smaller than the pitch "
                         f"{pitch:g} mm — neighbouring pads would merge",
                         hint="check that X (pad width) and E (pitch) are not swapped, and "
                              "the units")


def centred(count: int, pitch: float) -> List[float]:
    """Positions of `count` pads `pitch` apart, centred on 0, in increasing order."""
    return [_r((i - (count - 1) / 2.0) * pitch) for i in range(count)]


def dual_row(count: int, pitch: float, row_spacing: float, pad_along: float,
             pad_across: float, first_number: int = 1) -> List[Pad]:
    """Two rows along y at x = -C/2 and +C/2; pins 1..n/2 down the left, then up the right."""
    per_row = count // 2
    ys = centred(per_row, pitch)
    pads = [smd_pad(str(first_number + i), -row_spacing / 2.0, y, pad_across, pad_along)
            for i, y in enumerate(ys)]
    pads += [smd_pad(str(first_number + per_row + i), row_spacing / 2.0, y, pad_across,
                     pad_along) for i, y in enumerate(reversed(ys))]
    return pads


def quad_rows(per_side_y: int, per_side_x: int, pitch: float, row_spacing_x: float,
              row_spacing_y: float, pad_along: float, pad_across: float) -> List[Pad]:
    """Four rows, CCW from pin 1 at the top of the left row.

    `per_side_y` pads in each of the left/right rows (along y, at x = -/+ C/2),
    `per_side_x` pads in each of the top/bottom rows (along x, at y = -/+ C2/2).
    """
    pads: List[Pad] = []
    n = 1
    ys = centred(per_side_y, pitch)
    xs = centred(per_side_x, pitch)
    for y in ys:  # left, top to bottom
        pads.append(smd_pad(str(n), -row_spacing_x / 2.0, y, pad_across, pad_along))
        n += 1
    for x in xs:  # bottom, left to right
        pads.append(smd_pad(str(n), x, row_spacing_y / 2.0, pad_along, pad_across))
        n += 1
    for y in reversed(ys):  # right, bottom to top
        pads.append(smd_pad(str(n), row_spacing_x / 2.0, y, pad_across, pad_along))
        n += 1
    for x in reversed(xs):  # top, right to left
        pads.append(smd_pad(str(n), x, -row_spacing_y / 2.0, pad_along, pad_across))
        n += 1
    return pads


def mirror_x(pads: Sequence[Pad]) -> List[Pad]:
    """Bottom view -> top view: x -> -x (rotations change sign, slot offsets too)."""
    out = []
    for p in pads:
        update = {"x": _r(-p.x), "rotation": _r(-p.rotation) if p.rotation else 0.0}
        if p.drill is not None and p.drill.offset_x:
            update["drill"] = p.drill.model_copy(update={"offset_x": -p.drill.offset_x})
        out.append(p.model_copy(update=update))
    return out
