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


def pad_bbox(pad) -> BBox:
    """Bounds of a pad's copper, custom polygons and rotation included."""
    if pad.shape == "custom" and pad.polygon:
        a = math.radians(-pad.rotation)  # KiCad rotation is clockwise in y-down coordinates
        xs, ys = [], []
        for px, py in pad.polygon:
            xs.append(pad.x + px * math.cos(a) - py * math.sin(a))
            ys.append(pad.y + px * math.sin(a) + py * math.cos(a))
        anchor = rotated_rect_bbox(pad.x, pad.y, pad.size_x, pad.size_y, pad.rotation)
        return (min(min(xs), anchor[0]), min(min(ys), anchor[1]),
                max(max(xs), anchor[2]), max(max(ys), anchor[3]))
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
