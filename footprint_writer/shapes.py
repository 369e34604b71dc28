"""Exact pad outlines for clearance checks and silkscreen clipping.

Every pad is a union of "rounded polygons": a polygon (or segment, or point) grown by a
radius (Minkowski sum with a disk). That describes rect (r = 0), roundrect (inner rect +
corner radius), circle (point + r), oval (segment + r), trapezoid and chamfered rect
(polygon) and custom pads (polygon plus anchor) without approximating arcs, so the distance
between two pads is exact: polygon distance minus both radii.
"""

import math
from dataclasses import dataclass
from typing import List, Sequence, Tuple

from schemas.geometry import arc_points, copper_offset

Point = Tuple[float, float]
ARC_SEGMENTS = 16  # chords per arc primitive (sagitta < 2 % of the radius on a full circle)


@dataclass(frozen=True)
class RoundedPolygon:
    """Points (1 = disk, 2 = stadium, 3+ = polygon) grown by `radius`, footprint coordinates."""

    points: Tuple[Point, ...]
    radius: float = 0.0


def rotate(px: float, py: float, rotation: float) -> Point:
    """Rotate a pad-local point as KiCad does: positive angles turn counter-clockwise on
    screen, which in y-down coordinates is x' = x cos a + y sin a, y' = -x sin a + y cos a."""
    a = math.radians(rotation)
    c, s = math.cos(a), math.sin(a)
    return (px * c + py * s, -px * s + py * c)


def _place(pad, local: Sequence[Point], radius: float, offset: bool = True) -> RoundedPolygon:
    """Pad-local points to footprint coordinates; copper (offset=True) moves by the pad's
    shape offset, the drill does not."""
    ox, oy = copper_offset(pad) if offset else (0.0, 0.0)
    pts = []
    for px, py in local:
        rx, ry = rotate(px + ox, py + oy, pad.rotation)
        pts.append((pad.x + rx, pad.y + ry))
    return RoundedPolygon(tuple(pts), radius)


def _rect(hx: float, hy: float) -> List[Point]:
    return [(-hx, -hy), (hx, -hy), (hx, hy), (-hx, hy)]


def trapezoid_corners(hx: float, hy: float, dx: float, dy: float) -> List[Point]:
    """KiCad's trapezoid (rect_delta dx dy): dx/2 widens the left edge and narrows the right
    edge in y; dy/2 widens the bottom edge and narrows the top edge in x (pad.cpp)."""
    ddx, ddy = dx / 2.0, dy / 2.0
    return [(-hx - ddy, hy + ddx), (-hx + ddy, -hy - ddx),
            (hx - ddy, -hy + ddx), (hx + ddy, hy - ddx)]


def chamfered_rect(hx: float, hy: float, cut: float, corners: Sequence[str]) -> List[Point]:
    """Rectangle with 45-degree cuts of length `cut` at the named corners (clockwise order)."""
    out: List[Point] = []
    spec = [("top_left", (-hx, -hy), (0, 1), (1, 0)),
            ("top_right", (hx, -hy), (-1, 0), (0, 1)),
            ("bottom_right", (hx, hy), (0, -1), (-1, 0)),
            ("bottom_left", (-hx, hy), (1, 0), (0, -1))]
    for name, (cx, cy), (ax, ay), (bx, by) in spec:
        if name in corners and cut > 0:
            out.append((cx + ax * cut, cy + ay * cut))
            out.append((cx + bx * cut, cy + by * cut))
        else:
            out.append((cx, cy))
    return out


def pad_outlines(pad) -> List[RoundedPolygon]:
    """The copper of `pad` as rounded polygons in footprint coordinates."""
    hx, hy = pad.size_x / 2.0, pad.size_y / 2.0
    shape = pad.shape
    if shape == "circle":
        return [_place(pad, [(0.0, 0.0)], hx)]
    if shape == "oval":
        if abs(hx - hy) < 1e-12:
            return [_place(pad, [(0.0, 0.0)], hx)]
        if hx > hy:
            return [_place(pad, [(-(hx - hy), 0.0), (hx - hy, 0.0)], hy)]
        return [_place(pad, [(0.0, -(hy - hx)), (0.0, hy - hx)], hx)]
    if shape == "trapezoid":
        dx, dy = pad.trapezoid_delta or (0.0, 0.0)
        return [_place(pad, trapezoid_corners(hx, hy, dx, dy), 0.0)]
    if shape == "custom":
        if pad.custom_anchor == "circle":
            anchor = _place(pad, [(0.0, 0.0)], min(hx, hy))
        else:
            anchor = _place(pad, _rect(hx, hy), 0.0)
        parts = [anchor]
        if pad.polygon:
            parts.append(_place(pad, list(pad.polygon), (pad.polygon_width or 0.0) / 2.0))
        for prim in pad.primitives:
            parts += _primitive_parts(pad, prim)
        return parts
    if pad.chamfer_ratio and pad.chamfer_corners:
        cut = pad.chamfer_ratio * min(pad.size_x, pad.size_y)
        return [_place(pad, chamfered_rect(hx, hy, cut, pad.chamfer_corners), 0.0)]
    if shape == "roundrect":
        ratio = pad.roundrect_ratio if pad.roundrect_ratio is not None else 0.25
        r = min(ratio * min(pad.size_x, pad.size_y), min(hx, hy))
        return [_place(pad, _rect(hx - r, hy - r), r)]
    return [_place(pad, _rect(hx, hy), 0.0)]


def _primitive_parts(pad, prim) -> List[RoundedPolygon]:
    """A custom-pad primitive as rounded polygons; a ring (unfilled circle) is taken as
    the full disc, which is what matters for clearances."""
    half = prim.width / 2.0
    if prim.kind == "circle":
        (cx, cy), (ex, ey) = prim.points[0], prim.points[1]
        return [_place(pad, [(cx, cy)], math.hypot(ex - cx, ey - cy) + half)]
    if prim.kind == "arc":
        pts = arc_points(*prim.points[:3], ARC_SEGMENTS)
        return [_place(pad, [a, b], half) for a, b in zip(pts, pts[1:])]
    return [_place(pad, list(prim.points), half)]


def drill_outline(pad) -> List[RoundedPolygon]:
    """The hole of a drilled pad (round or slot) at the pad position (KiCad's offset moves
    the copper, not the hole), footprint coordinates; [] without drill."""
    d = pad.drill
    if d is None:
        return []
    r = d.diameter / 2.0
    if d.slot_length is None or abs(d.slot_length - d.diameter) < 1e-12:
        return [_place(pad, [(0.0, 0.0)], r, offset=False)]
    lx, ly = d.diameter / 2.0, d.slot_length / 2.0
    if lx > ly:
        return [_place(pad, [(-(lx - ly), 0.0), (lx - ly, 0.0)], ly, offset=False)]
    return [_place(pad, [(0.0, -(ly - lx)), (0.0, ly - lx)], lx, offset=False)]


# --- distances ---------------------------------------------------------------------------

def _seg_seg_distance(a: Point, b: Point, c: Point, d: Point) -> float:
    if _segments_intersect(a, b, c, d):
        return 0.0
    return min(point_segment_distance(a, c, d), point_segment_distance(b, c, d),
               point_segment_distance(c, a, b), point_segment_distance(d, a, b))


def point_segment_distance(p: Point, a: Point, b: Point) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length2 = dx * dx + dy * dy
    if length2 <= 0.0:
        return math.hypot(p[0] - ax, p[1] - ay)
    t = max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length2))
    return math.hypot(p[0] - (ax + t * dx), p[1] - (ay + t * dy))


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _segments_intersect(a: Point, b: Point, c: Point, d: Point) -> bool:
    d1, d2 = _cross(c, d, a), _cross(c, d, b)
    d3, d4 = _cross(a, b, c), _cross(a, b, d)
    if ((d1 > 0 > d2) or (d1 < 0 < d2)) and ((d3 > 0 > d4) or (d3 < 0 < d4)):
        return True
    eps = 1e-12
    return ((abs(d1) < eps and _on_segment(a, c, d)) or (abs(d2) < eps and _on_segment(b, c, d))
            or (abs(d3) < eps and _on_segment(c, a, b)) or (abs(d4) < eps and _on_segment(d, a, b)))


def _on_segment(p: Point, a: Point, b: Point) -> bool:
    return (min(a[0], b[0]) - 1e-12 <= p[0] <= max(a[0], b[0]) + 1e-12
            and min(a[1], b[1]) - 1e-12 <= p[1] <= max(a[1], b[1]) + 1e-12)


def point_in_polygon(p: Point, poly: Sequence[Point]) -> bool:
    """Even-odd rule; polygons of fewer than 3 points contain nothing."""
    if len(poly) < 3:
        return False
    x, y = p
    inside = False
    j = len(poly) - 1
    for i in range(len(poly)):
        xi, yi = poly[i]
        xj, yj = poly[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _edges(points: Sequence[Point]):
    n = len(points)
    if n == 1:
        return [(points[0], points[0])]
    if n == 2:
        return [(points[0], points[1])]
    return [(points[i], points[(i + 1) % n]) for i in range(n)]


def core_distance(a: Sequence[Point], b: Sequence[Point]) -> float:
    """Distance between two point sets read as point / segment / filled polygon."""
    if point_in_polygon(b[0], a) or point_in_polygon(a[0], b):
        return 0.0
    best = math.inf
    for p, q in _edges(a):
        for r, s in _edges(b):
            best = min(best, _seg_seg_distance(p, q, r, s))
            if best == 0.0:
                return 0.0
    return best


def gap(a: Sequence[RoundedPolygon], b: Sequence[RoundedPolygon]) -> float:
    """Edge-to-edge gap between two unions of rounded polygons; <= 0 means they touch."""
    return min(core_distance(pa.points, pb.points) - pa.radius - pb.radius
               for pa in a for pb in b)


def bounds(shapes: Sequence[RoundedPolygon]) -> Tuple[float, float, float, float]:
    xs0, ys0, xs1, ys1 = [], [], [], []
    for s in shapes:
        xs = [p[0] for p in s.points]
        ys = [p[1] for p in s.points]
        xs0.append(min(xs) - s.radius)
        ys0.append(min(ys) - s.radius)
        xs1.append(max(xs) + s.radius)
        ys1.append(max(ys) + s.radius)
    return (min(xs0), min(ys0), max(xs1), max(ys1))


def polygon_area(points: Sequence[Point]) -> float:
    """Signed shoelace area (absolute value is the area of a simple polygon)."""
    n = len(points)
    return 0.5 * sum(points[i][0] * points[(i + 1) % n][1] - points[(i + 1) % n][0] * points[i][1]
                     for i in range(n))


def convex_hull(points: Sequence[Point]) -> List[Point]:
    """Convex hull (Andrew's monotone chain), counter-clockwise in y-up terms."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: List[Point] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: List[Point] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]
