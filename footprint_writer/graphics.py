"""KLC graphics derived from body and pads: fab outline, silkscreen, pin-1 mark, courtyard.

Pure geometry (lists of segments and points); render.py turns them into kiutils items.
"""

import math
from typing import List, Optional, Sequence, Tuple

from footprint_writer import conventions as klc
from footprint_writer.shapes import (
    Point,
    RoundedPolygon,
    bounds,
    convex_hull,
    gap,
    pad_outlines,
)
from schemas.footprint import FootprintSpec, Pad
from schemas.geometry import grow, round_out, union

Segment = Tuple[Point, Point]
Box = Tuple[float, float, float, float]


def body_box(spec: FootprintSpec) -> Optional[Box]:
    b = spec.body
    if b is None:
        return None
    return (b.center_x - b.size_x / 2, b.center_y - b.size_y / 2,
            b.center_x + b.size_x / 2, b.center_y + b.size_y / 2)


def outline_box(spec: FootprintSpec) -> Optional[Box]:
    """What the fab layer outlines (KLC F5.2 wants a drawing on every footprint): the body,
    else the bounding box of the copper pads (a part whose page gave no body size)."""
    box = body_box(spec)
    if box is not None:
        return box
    pads = [p for p in spec.pads if p.has_copper and p.role != "paste_window"]
    if not pads:
        return None
    return (min(p.x - p.size_x / 2 for p in pads), min(p.y - p.size_y / 2 for p in pads),
            max(p.x + p.size_x / 2 for p in pads), max(p.y + p.size_y / 2 for p in pads))


def pin1_pad(spec: FootprintSpec) -> Optional[Pad]:
    if spec.pin1 is None:
        return None
    for pad in spec.pads:
        if pad.number == spec.pin1 and pad.role != "paste_window" and pad.has_copper:
            return pad
    return None


def copper_outlines(spec: FootprintSpec) -> List[List[RoundedPolygon]]:
    return [pad_outlines(p) for p in spec.pads
            if p.role != "paste_window" and p.size_x > 0 and p.size_y > 0]


def pad_field(spec: FootprintSpec) -> Optional[Box]:
    boxes = [bounds(o) for o in copper_outlines(spec)]
    if not boxes:
        return None
    box = boxes[0]
    for b in boxes[1:]:
        box = union(box, b)
    return box


def fab_outline(spec: FootprintSpec) -> List[Point]:
    """Closed body outline with the pin-1 bevel on the corner nearest pin 1 (KLC F5.2);
    around the pads when the body is unknown."""
    box = outline_box(spec)
    if box is None:
        return []
    x0, y0, x1, y1 = box
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    p1 = pin1_pad(spec)
    if (spec.body is not None and not spec.body.pin1_bevel) or p1 is None:
        return corners
    bevel = min(klc.FAB_BEVEL_MAX, klc.FAB_BEVEL_RATIO * min(x1 - x0, y1 - y0))
    k = min(range(4), key=lambda i: (math.hypot(corners[i][0] - p1.x, corners[i][1] - p1.y), i))
    cx, cy = corners[k]
    prev_pt, next_pt = corners[k - 1], corners[(k + 1) % 4]

    def toward(p: Point) -> Point:
        d = math.hypot(p[0] - cx, p[1] - cy)
        return (cx + (p[0] - cx) * bevel / d, cy + (p[1] - cy) * bevel / d)

    return corners[:k] + [toward(prev_pt), toward(next_pt)] + corners[k + 1:]


def closed_segments(points: Sequence[Point]) -> List[Segment]:
    return [(points[i], points[(i + 1) % len(points)]) for i in range(len(points))]


def courtyard_box(spec: FootprintSpec) -> Optional[Box]:
    """Explicit courtyard, or body and pads grown by the class clearance, rounded outward
    onto the 0.01 mm grid (KLC F5.3)."""
    if spec.courtyard is not None:
        c = spec.courtyard
        return (min(c.x0, c.x1), min(c.y0, c.y1), max(c.x0, c.x1), max(c.y0, c.y1))
    box = pad_field(spec)
    body = body_box(spec)
    if body is not None:
        box = body if box is None else union(box, body)
    if box is None:
        return None
    return round_out(grow(box, spec.courtyard_clearance), klc.COURTYARD_GRID)


# --- silkscreen -------------------------------------------------------------------------

def _keepouts(spec: FootprintSpec) -> List[RoundedPolygon]:
    """Copper grown by the silk clearance plus half the silk line width."""
    grow_by = klc.SILK_PAD_CLEARANCE + klc.SILK_WIDTH / 2
    out = []
    for outline in copper_outlines(spec):
        for part in outline:
            pts = part.points if len(part.points) < 3 else tuple(convex_hull(part.points))
            out.append(RoundedPolygon(pts, part.radius + grow_by))
    return out


def _line_disc(a: Point, d: Point, c: Point, r: float) -> Optional[Tuple[float, float]]:
    """Parameters t where a + t*d lies inside the disc (c, r)."""
    fx, fy = a[0] - c[0], a[1] - c[1]
    qa = d[0] * d[0] + d[1] * d[1]
    qb = 2 * (fx * d[0] + fy * d[1])
    qc = fx * fx + fy * fy - r * r
    disc = qb * qb - 4 * qa * qc
    if qa <= 0 or disc <= 0:
        return None
    sq = math.sqrt(disc)
    return ((-qb - sq) / (2 * qa), (-qb + sq) / (2 * qa))


def _line_halfplanes(a: Point, d: Point, planes) -> Optional[Tuple[float, float]]:
    """Cyrus-Beck: parameters where a + t*d satisfies n . (x - p) <= 0 for all (n, p)."""
    t0, t1 = -math.inf, math.inf
    for (nx, ny), (px, py) in planes:
        num = nx * (a[0] - px) + ny * (a[1] - py)
        den = nx * d[0] + ny * d[1]
        if abs(den) < 1e-15:
            if num > 0:
                return None
            continue
        t = -num / den
        if den > 0:
            t1 = min(t1, t)
        else:
            t0 = max(t0, t)
        if t0 >= t1:
            return None
    return (t0, t1)


def _blocked_interval(a: Point, b: Point, shape: RoundedPolygon) -> Optional[Tuple[float, float]]:
    """Parameter interval of segment a-b inside `shape`, exactly. The shape (convex core
    grown by its radius) is convex, so it is the hull of the pieces: the core polygon, a
    disc at every vertex and a band along every edge; one interval from min to max."""
    d = (b[0] - a[0], b[1] - a[1])
    pts, r = shape.points, shape.radius
    pieces = [_line_disc(a, d, p, r) for p in pts] if r > 0 else []
    n = len(pts)
    edges = [] if n < 2 else [(pts[i], pts[(i + 1) % n]) for i in range(n if n > 2 else 1)]
    for p, q in edges:
        ux, uy = q[0] - p[0], q[1] - p[1]
        length = math.hypot(ux, uy)
        if length <= 0 or r <= 0:
            continue
        ux, uy = ux / length, uy / length
        nx, ny = -uy, ux
        pieces.append(_line_halfplanes(a, d, [
            ((-ux, -uy), p), ((ux, uy), q),
            ((nx, ny), (p[0] + nx * r, p[1] + ny * r)),
            ((-nx, -ny), (p[0] - nx * r, p[1] - ny * r))]))
    if n >= 3:
        area2 = sum(pts[i][0] * pts[(i + 1) % n][1] - pts[(i + 1) % n][0] * pts[i][1]
                    for i in range(n))
        sign = 1.0 if area2 > 0 else -1.0
        planes = []
        for p, q in edges:
            # outward normal of edge p->q for a polygon of orientation `sign`
            planes.append(((sign * (q[1] - p[1]), -sign * (q[0] - p[0])), p))
        pieces.append(_line_halfplanes(a, d, planes))
    pieces = [piece for piece in pieces if piece is not None and piece[1] > piece[0]]
    if not pieces:
        return None
    lo = max(0.0, min(piece[0] for piece in pieces))
    hi = min(1.0, max(piece[1] for piece in pieces))
    return (lo, hi) if hi > lo else None


def clip_segment(seg: Segment, keepouts: Sequence[RoundedPolygon]) -> List[Segment]:
    """The parts of `seg` outside every keep-out, dropping pieces shorter than KLC minimum."""
    (ax, ay), (bx, by) = seg
    length = math.hypot(bx - ax, by - ay)
    if length <= 0:
        return []
    sx0, sx1 = min(ax, bx), max(ax, bx)
    sy0, sy1 = min(ay, by), max(ay, by)
    blocked = []
    for shape in keepouts:
        kx0, ky0, kx1, ky1 = bounds([shape])
        if kx0 > sx1 or kx1 < sx0 or ky0 > sy1 or ky1 < sy0:
            continue
        interval = _blocked_interval(seg[0], seg[1], shape)
        if interval is not None:
            blocked.append(interval)
    blocked.sort()
    free, t = [], 0.0
    for lo, hi in blocked:
        if lo > t:
            free.append((t, lo))
        t = max(t, hi)
    if t < 1.0:
        free.append((t, 1.0))
    out = []
    for t0, t1 in free:
        if (t1 - t0) * length >= klc.SILK_MIN_SEGMENT:
            out.append(((ax + (bx - ax) * t0, ay + (by - ay) * t0),
                        (ax + (bx - ax) * t1, ay + (by - ay) * t1)))
    return out


def silk_outline(spec: FootprintSpec) -> List[Segment]:
    """Body outline pushed out by SILK_BODY_OFFSET, clipped to stay clear of copper."""
    box = body_box(spec)
    if box is None:
        return []
    x0, y0, x1, y1 = grow(box, klc.SILK_BODY_OFFSET)
    keepouts = _keepouts(spec)
    out: List[Segment] = []
    for seg in closed_segments([(x0, y0), (x1, y0), (x1, y1), (x0, y1)]):
        out += clip_segment(seg, keepouts)
    return out


def pin1_mark(spec: FootprintSpec) -> List[Point]:
    """A small silk triangle pointing at pin 1, clear of copper and outside the body.

    Candidates are tried beside the pin-1 pad: first across the row (above/below), then
    outward, then the other sides, each at growing distance; [] if none fits."""
    p1 = pin1_pad(spec)
    field = pad_field(spec)
    if p1 is None or field is None:
        return []
    x0, y0, x1, y1 = bounds(pad_outlines(p1))
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    mx, my = (field[0] + field[2]) / 2, (field[1] + field[3]) / 2
    horizontal = "W" if cx <= mx else "E"
    vertical = "N" if cy <= my else "S"
    copper = [p for p in spec.pads if p.has_copper and p.role in ("signal", "exposed")]
    same_x = sum(1 for p in copper if abs(p.x - p1.x) < 1e-6)
    same_y = sum(1 for p in copper if abs(p.y - p1.y) < 1e-6)
    if same_x > same_y or (same_x == same_y and abs(cx - mx) * (field[3] - field[1])
                           >= abs(cy - my) * (field[2] - field[0])):
        # pin 1 in a column (left/right row of pads): mark above/below it first
        order = [vertical, horizontal, _opposite(vertical), _opposite(horizontal)]
    else:
        order = [horizontal, vertical, _opposite(horizontal), _opposite(vertical)]
    outlines = copper_outlines(spec)
    body = body_box(spec)
    need = klc.SILK_PAD_CLEARANCE - 1e-6
    length, width = klc.PIN1_MARK_LENGTH, klc.PIN1_MARK_WIDTH
    half = klc.SILK_WIDTH / 2
    candidates = []
    for extra in (0.0, 0.15, 0.3, 0.5, 0.8):
        distance = klc.SILK_PAD_CLEARANCE + half + 0.01 + extra
        candidates += [_triangle(side, (x0, y0, x1, y1), distance, length, width)
                       for side in order]
    if body is not None:
        candidates.insert(len(order), _corner_triangle(body, (cx, cy), length))
    boxes = [bounds(o) for o in outlines]
    # never under the part: outside the body, or outside the pad field when no body is known
    area = body if body is not None else field
    body_shape = [RoundedPolygon(
        ((area[0], area[1]), (area[2], area[1]), (area[2], area[3]), (area[0], area[3])), 0.0)]

    def fits(tri: List[Point]) -> bool:
        shape = [RoundedPolygon(tuple(tri), half)]
        tx0, ty0, tx1, ty1 = bounds(shape)
        for box, outline in zip(boxes, outlines):
            if (box[0] > tx1 + need or box[2] < tx0 - need or box[1] > ty1 + need
                    or box[3] < ty0 - need):
                continue
            if gap(shape, outline) < need:
                return False
        return gap(shape, body_shape) > 0

    crt = courtyard_box(spec)

    def inside(tri: List[Point]) -> bool:
        return crt is not None and all(crt[0] + half <= x <= crt[2] - half
                                       and crt[1] + half <= y <= crt[3] - half for x, y in tri)

    # prefer a mark that stays inside the courtyard, else the first one that fits
    for tri in candidates:
        if inside(tri) and fits(tri):
            return tri
    for tri in candidates:
        if not inside(tri) and fits(tri):
            return tri
    return []


def _corner_triangle(body: Box, near: Point, length: float) -> List[Point]:
    """Right-angled triangle just outside the body corner nearest `near`, its right angle
    pointing at the corner (the QFN/BGA style pin-1 corner mark)."""
    sx = -1.0 if near[0] <= (body[0] + body[2]) / 2 else 1.0
    sy = -1.0 if near[1] <= (body[1] + body[3]) / 2 else 1.0
    s = klc.SILK_BODY_OFFSET + klc.SILK_WIDTH / 2
    tip = (body[2] if sx > 0 else body[0]) + sx * s, (body[3] if sy > 0 else body[1]) + sy * s
    return [tip, (tip[0] + sx * length, tip[1]), (tip[0], tip[1] + sy * length)]


def _opposite(side: str) -> str:
    return {"N": "S", "S": "N", "E": "W", "W": "E"}[side]


def _triangle(side: str, box: Box, distance: float, length: float, width: float) -> List[Point]:
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    if side == "W":
        tip = (x0 - distance, cy)
        return [tip, (tip[0] - length, cy - width / 2), (tip[0] - length, cy + width / 2)]
    if side == "E":
        tip = (x1 + distance, cy)
        return [tip, (tip[0] + length, cy + width / 2), (tip[0] + length, cy - width / 2)]
    if side == "N":
        tip = (cx, y0 - distance)
        return [tip, (cx + width / 2, tip[1] - length), (cx - width / 2, tip[1] - length)]
    tip = (cx, y1 + distance)
    return [tip, (cx - width / 2, tip[1] + length), (cx + width / 2, tip[1] + length)]


def fab_text_size(spec: FootprintSpec) -> float:
    """${REFERENCE} on F.Fab: 1 mm, shrunk to fit the body (5 characters), down to KLC's
    0.5 mm minimum (F5.2; on smaller bodies it overhangs, as in KiCad's own)."""
    box = outline_box(spec)
    if box is None:
        return klc.TEXT_SIZE
    w, h = box[2] - box[0], box[3] - box[1]
    size = min(klc.TEXT_SIZE, w / 4.0, h * 0.6)
    return max(klc.FAB_TEXT_MIN, round(size, 2))
