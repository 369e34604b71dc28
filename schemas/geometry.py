"""Small geometry helpers shared by checks, writer and preview (no dependencies)."""

import math
from typing import Tuple

BBox = Tuple[float, float, float, float]


def rotated_rect_bbox(cx: float, cy: float, sx: float, sy: float, rotation: float) -> BBox:
    """Bounds of a sx x sy rectangle centred at (cx, cy), rotated by `rotation` degrees."""
    a = math.radians(rotation)
    c, s = abs(math.cos(a)), abs(math.sin(a))
    hx = (sx * c + sy * s) / 2.0
    hy = (sx * s + sy * c) / 2.0
    return (cx - hx, cy - hy, cx + hx, cy + hy)


def arc_points(start, mid, end, segments: int = 32):
    """Points along the circular arc through start, mid and end (KiCad 6 three-point arc)."""
    (ax, ay), (bx, by), (cx, cy) = start, mid, end
    d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by))
    if abs(d) < 1e-12:
        return [tuple(start), tuple(end)]
    ux = ((ax * ax + ay * ay) * (by - cy) + (bx * bx + by * by) * (cy - ay)
          + (cx * cx + cy * cy) * (ay - by)) / d
    uy = ((ax * ax + ay * ay) * (cx - bx) + (bx * bx + by * by) * (ax - cx)
          + (cx * cx + cy * cy) * (bx - ax)) / d
    r = math.hypot(ax - ux, ay - uy)
    a0 = math.atan2(ay - uy, ax - ux)
    am = math.atan2(by - uy, bx - ux)
    a1 = math.atan2(cy - uy, cx - ux)
    sweep = (a1 - a0) % (2 * math.pi)
    if (am - a0) % (2 * math.pi) > sweep:  # mid not on the counter-clockwise sweep
        sweep -= 2 * math.pi
    return [(ux + r * math.cos(a0 + sweep * k / segments),
             uy + r * math.sin(a0 + sweep * k / segments)) for k in range(segments + 1)]


def _primitive_discs(prim):
    """(x, y, radius) whose union of discs bounds the primitive (stroke included)."""
    half = prim.width / 2.0
    if prim.kind == "circle":
        (cx, cy), (ex, ey) = prim.points[0], prim.points[1]
        return [(cx, cy, math.hypot(ex - cx, ey - cy) + half)]
    pts = arc_points(*prim.points[:3], 64) if prim.kind == "arc" else list(prim.points)
    return [(x, y, half) for x, y in pts]


def copper_offset(pad) -> Tuple[float, float]:
    """Offset of the copper shape from the pad position (KiCad: the hole stays at the
    position, the shape moves), in pad coordinates before rotation."""
    if getattr(pad, "drill", None) is not None:
        return (pad.drill.offset_x, pad.drill.offset_y)
    return tuple(getattr(pad, "shape_offset", None) or (0.0, 0.0))


def pad_bbox(pad) -> BBox:
    """Bounds of a pad's copper, custom polygons, rotation and offset included."""
    ox, oy = copper_offset(pad)
    if ox or oy:
        a = math.radians(pad.rotation)
        cx = pad.x + ox * math.cos(a) + oy * math.sin(a)
        cy = pad.y - ox * math.sin(a) + oy * math.cos(a)
        pad = pad.model_copy(update={"x": cx, "y": cy, "shape_offset": None,
                                     "drill": None if pad.drill is None else
                                     pad.drill.model_copy(update={"offset_x": 0.0,
                                                                  "offset_y": 0.0})})
    primitives = getattr(pad, "primitives", None) or []
    if pad.shape == "custom" and (pad.polygon or primitives):
        a = math.radians(-pad.rotation)  # KiCad rotation is clockwise in y-down coordinates
        half = (getattr(pad, "polygon_width", None) or 0.0) / 2.0
        discs = [(px, py, half) for px, py in pad.polygon]
        for prim in primitives:
            discs += _primitive_discs(prim)
        xs0, ys0, xs1, ys1 = [], [], [], []
        for px, py, r in discs:
            x = pad.x + px * math.cos(a) - py * math.sin(a)
            y = pad.y + px * math.sin(a) + py * math.cos(a)
            xs0.append(x - r)
            xs1.append(x + r)
            ys0.append(y - r)
            ys1.append(y + r)
        anchor = rotated_rect_bbox(pad.x, pad.y, pad.size_x, pad.size_y, pad.rotation)
        return (min(min(xs0), anchor[0]), min(min(ys0), anchor[1]),
                max(max(xs1), anchor[2]), max(max(ys1), anchor[3]))
    return rotated_rect_bbox(pad.x, pad.y, pad.size_x, pad.size_y, pad.rotation)


def union(a: BBox, b: BBox) -> BBox:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def grow(box: BBox, margin: float) -> BBox:
    return (box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin)


def round_out(box: BBox, grid: float = 0.01) -> BBox:
    """Round bounds outward onto `grid` (KLC: courtyard on a 0.01 mm grid)."""
    eps = 1e-9
    return (math.floor(box[0] / grid + eps) * grid, math.floor(box[1] / grid + eps) * grid,
            math.ceil(box[2] / grid - eps) * grid, math.ceil(box[3] / grid - eps) * grid)
