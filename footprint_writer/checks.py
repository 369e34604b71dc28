"""Geometry checks run before every write; each finding names the pads it is about.

Severities (errors block writing, see footprint_writer.library.write_footprint):

| code                 | severity | rule                                                        |
|----------------------|----------|-------------------------------------------------------------|
| empty_footprint      | error    | no pads at all                                              |
| bad_size             | error    | pad size <= 0, custom polygon of zero area                  |
| drill_ge_pad         | error    | plated hole as large as its pad in x or y (no annular ring) |
| thin_annular_ring    | warning  | plated ring below MIN_ANNULAR_RING_MM                       |
| missing_pin1         | error    | `pin1` names a number no copper pad carries                 |
| pad_overlap          | error    | copper of two pads with different numbers touches/overlaps  |
| shared_land          | warning  | two numbers on one identical land (USB-C A1/B12): intended? |
| pad_width_ge_pitch   | error    | in a row of equal pads, pad extent along the row >= pitch   |
| pad_gap_too_small    | error    | gap < GAP_ERROR_MM between differently numbered pads        |
| pad_gap_below_fab    | warning  | gap < GAP_FAB_MM (standard fab minimum spacing)             |
| pad_gap_small        | warning  | gap < GAP_WARNING_MM (solder bridging risk)                 |
| duplicate_number     | warning  | separate (non-touching) signal pads share a number          |
| hole_in_copper       | info     | an NPTH hole cuts a numbered copper pad                     |
| pad_outside_courtyard| warning  | explicit courtyard does not contain a pad                   |
| body_small           | warning  | body far smaller than the pad field (unit mix-up?)          |

Duplicate numbers: KiCad treats pads of one number as one electrical pin, and its library
uses that on purpose (exposed pad split into parts, thermal vias numbered like the EP, a
SOT-223 tab, shield tabs). We therefore accept duplicates silently when the same-numbered
pads touch each other or any of them has role exposed/thermal_via/mechanical; separate
*signal* pads sharing a number get a warning, because a reading error (a pin counted twice)
looks exactly like that.

Pads only conflict where they share a copper layer (a B.Cu pad under an F.Cu pad is fine).
Gap thresholds: measured over KiCad's own library (12,504 footprints), real parts go down
to 0.05 mm (ROHM DFN0604) and 0.076 mm (0.35 mm-pitch WLCSP), so only gaps below 0.05 mm
block writing; below 0.10 mm (standard fab minimum) and 0.15 mm are warnings.
"""

from collections import defaultdict
from typing import Dict, List, Sequence, Tuple

from footprint_writer.layers import copper_layers
from footprint_writer.shapes import (
    RoundedPolygon,
    bounds,
    drill_outline,
    gap,
    pad_outlines,
    polygon_area,
)
from schemas.footprint import FootprintSpec, Pad
from schemas.provenance import Issue

GAP_ERROR_MM = 0.05  # below what any PCB process etches reliably (2 mil)
GAP_FAB_MM = 0.10  # standard fab minimum copper spacing (4 mil)
GAP_WARNING_MM = 0.15  # solder bridges likely on standard stencils
MIN_ANNULAR_RING_MM = 0.10
BODY_SMALL_RATIO = 0.25  # body below 25 % of the pad field in both directions
MAX_PAIR_ISSUES = 20  # per code; more are summarised in one extra issue
EPS = 1e-6


def _name(pad: Pad, index: int) -> str:
    return f"pad {pad.number}" if pad.number else f"unnumbered pad #{index + 1}"


def _ref(pad: Pad, index: int) -> str:
    return pad.number or f"#{index + 1}"


def _fmt(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def check_footprint(spec: FootprintSpec) -> List[Issue]:
    """All geometry findings for `spec`, errors first; an empty list means nothing to say."""
    issues: List[Issue] = []
    pads = list(spec.pads)
    if not pads:
        issues.append(Issue(code="empty_footprint", severity="error",
                            message="footprint has no pads"))
        return issues
    issues += _check_sizes(pads)
    issues += _check_drills(pads)
    issues += _check_pin1(spec)
    valid = [i for i, p in enumerate(pads) if p.size_x > 0 and p.size_y > 0]
    outlines = {i: pad_outlines(pads[i]) for i in valid}
    issues += _check_rows(pads, valid)
    issues += _check_pairs(pads, valid, outlines)
    issues += _check_courtyard(spec, pads, valid, outlines)
    issues += _check_body(spec, pads, valid, outlines)
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(issues, key=lambda issue: order[issue.severity])


def has_errors(issues: Sequence[Issue]) -> bool:
    return any(issue.severity == "error" for issue in issues)


def _check_sizes(pads: List[Pad]) -> List[Issue]:
    out = []
    for i, p in enumerate(pads):
        if p.size_x <= 0 or p.size_y <= 0:
            out.append(Issue(code="bad_size", severity="error", pads=[_ref(p, i)],
                             message=f"{_name(p, i)} has a non-positive size "
                                     f"{_fmt(p.size_x)} x {_fmt(p.size_y)} mm"))
        elif p.shape == "custom" and p.polygon and abs(polygon_area(p.polygon)) < 1e-9 \
                and not p.polygon_width:
            out.append(Issue(code="bad_size", severity="error", pads=[_ref(p, i)],
                             message=f"{_name(p, i)}: custom outline has zero area"))
    return out


def _check_drills(pads: List[Pad]) -> List[Issue]:
    out = []
    for i, p in enumerate(pads):
        if p.drill is None or p.kind != "tht":
            continue  # NPTH pads are often exactly the hole size in KiCad's library
        dx = p.drill.diameter
        dy = p.drill.slot_length if p.drill.is_slot else p.drill.diameter
        ring_x = (p.size_x - dx) / 2.0 - abs(p.drill.offset_x)
        ring_y = (p.size_y - dy) / 2.0 - abs(p.drill.offset_y)
        ring = min(ring_x, ring_y)
        hole = f"{_fmt(dx)}" if not p.drill.is_slot else f"{_fmt(dx)} x {_fmt(dy)}"
        if ring <= EPS:
            out.append(Issue(code="drill_ge_pad", severity="error", pads=[_ref(p, i)],
                             message=f"{_name(p, i)}: drill {hole} mm is not smaller than the "
                                     f"pad {_fmt(p.size_x)} x {_fmt(p.size_y)} mm "
                                     f"(no annular ring)"))
        elif ring < MIN_ANNULAR_RING_MM - EPS and p.shape != "custom":
            out.append(Issue(code="thin_annular_ring", severity="warning", pads=[_ref(p, i)],
                             message=f"{_name(p, i)}: annular ring {_fmt(ring)} mm is below "
                                     f"{_fmt(MIN_ANNULAR_RING_MM)} mm"))
    return out


def _check_pin1(spec: FootprintSpec) -> List[Issue]:
    if spec.pin1 is None:
        return []
    numbers = {p.number for p in spec.pads if p.has_copper and p.role != "paste_window"}
    if spec.pin1 in numbers:
        return []
    return [Issue(code="missing_pin1", severity="error", pads=[spec.pin1],
                  message=f"pin 1 is declared as '{spec.pin1}' but no copper pad has that "
                          f"number", field="pin1")]


def _row_key(p: Pad) -> Tuple:
    return (p.shape, round(p.size_x, 4), round(p.size_y, 4), round(p.rotation % 180.0, 3),
            copper_layers(p))


def _check_rows(pads: List[Pad], valid: List[int]) -> List[Issue]:
    """Pad width >= pitch: equal pads on one line whose extent along the line reaches the
    centre distance (the classic "pad width read as pitch" mistake)."""
    out = []
    groups: Dict[Tuple, List[int]] = defaultdict(list)
    for i in valid:
        p = pads[i]
        if p.role in ("signal", "exposed") and p.has_copper and p.number:
            groups[_row_key(p)].append(i)
    for members in groups.values():
        for axis in (0, 1):  # 0: rows along x (same y), 1: columns along y (same x)
            lines: Dict[float, List[int]] = defaultdict(list)
            for i in members:
                other = pads[i].y if axis == 0 else pads[i].x
                lines[round(other, 4)].append(i)
            for line in lines.values():
                if len(line) < 2:
                    continue
                line.sort(key=lambda i: pads[i].x if axis == 0 else pads[i].y)
                for a, b in zip(line, line[1:]):
                    pa, pb = pads[a], pads[b]
                    if pa.number == pb.number:
                        continue
                    pitch = (pb.x - pa.x) if axis == 0 else (pb.y - pa.y)
                    box = pa.bbox()
                    extent = (box[2] - box[0]) if axis == 0 else (box[3] - box[1])
                    if pitch > EPS and extent >= pitch - EPS:
                        out.append(Issue(
                            code="pad_width_ge_pitch", severity="error",
                            pads=[_ref(pa, a), _ref(pb, b)],
                            message=f"pads {pa.number} and {pb.number}: pad width "
                                    f"{_fmt(extent)} mm >= pitch {_fmt(pitch)} mm "
                                    f"(was the pad width read as the pitch?)"))
    return _cap(out)


def _find(parent: Dict[int, int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _touching_groups(pads: List[Pad], valid: List[int],
                     outlines: Dict[int, List[RoundedPolygon]]) -> Dict[str, List[List[int]]]:
    """Same-numbered pads clustered by touching copper (union-find)."""
    by_number: Dict[str, List[int]] = defaultdict(list)
    for i in valid:
        if pads[i].number and pads[i].has_copper and pads[i].role != "paste_window":
            by_number[pads[i].number].append(i)
    result = {}
    for number, members in by_number.items():
        if len(members) < 2 or len(members) > 64:
            continue  # > 64 same-numbered pads (via arrays, shields) is deliberate
        parent = {i: i for i in members}
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = members[x], members[y]
                ra, rb = _find(parent, a), _find(parent, b)
                if ra != rb and gap(outlines[a], outlines[b]) <= EPS:
                    parent[ra] = rb
        clusters: Dict[int, List[int]] = defaultdict(list)
        for i in members:
            clusters[_find(parent, i)].append(i)
        result[number] = list(clusters.values())
    return result


def _check_pairs(pads: List[Pad], valid: List[int],
                 outlines: Dict[int, List[RoundedPolygon]]) -> List[Issue]:
    overlap, too_small, below_fab, small, holes, shared = [], [], [], [], [], []
    copper = [i for i in valid if pads[i].has_copper and pads[i].role != "paste_window"]
    boxes = {i: bounds(outlines[i]) for i in copper}
    layers = {i: copper_layers(pads[i]) for i in copper}
    order = sorted(copper, key=lambda i: boxes[i][0])
    reach = GAP_WARNING_MM
    for k, a in enumerate(order):
        ax0, ay0, ax1, ay1 = boxes[a]
        for b in order[k + 1:]:
            bx0, by0, bx1, by1 = boxes[b]
            if bx0 > ax1 + reach:
                break
            if by0 > ay1 + reach or ay0 > by1 + reach:
                continue
            pa, pb = pads[a], pads[b]
            if pa.kind == "npth" or pb.kind == "npth":
                hole, other = (a, b) if pa.kind == "npth" else (b, a)
                po = pads[other]
                if po.number and po.kind != "npth" and \
                        gap(drill_outline(pads[hole]), outlines[other]) < -EPS:
                    holes.append(Issue(code="hole_in_copper", severity="info",
                                       pads=[_ref(po, other)],
                                       message=f"an NPTH hole at ({_fmt(pads[hole].x)}, "
                                               f"{_fmt(pads[hole].y)}) cuts into pad "
                                               f"{po.number}"))
                continue
            if not pa.number or not pb.number or pa.number == pb.number:
                continue
            if not (layers[a] & layers[b]):
                continue  # e.g. F.Cu and B.Cu pads of an edge-mount connector
            g = gap(outlines[a], outlines[b])
            pair = [_ref(pa, a), _ref(pb, b)]
            names = f"pads {pa.number} and {pb.number}"
            if g <= EPS and _same_land(pa, pb):
                shared.append(Issue(code="shared_land", severity="warning", pads=pair,
                                    message=f"{names} are one land (same position, shape and "
                                            "size): both pins are soldered together; check "
                                            "the datasheet joins them (e.g. USB-C GND/VBUS)"))
            elif g <= EPS:
                overlap.append(Issue(code="pad_overlap", severity="error", pads=pair,
                                     message=f"{names}: copper overlaps"))
            elif g < GAP_ERROR_MM - EPS:
                too_small.append(Issue(code="pad_gap_too_small", severity="error", pads=pair,
                                       message=f"{names}: gap {_fmt(g)} mm is below "
                                               f"{_fmt(GAP_ERROR_MM)} mm"))
            elif g < GAP_FAB_MM - EPS:
                below_fab.append(Issue(code="pad_gap_below_fab", severity="warning",
                                       pads=pair,
                                       message=f"{names}: gap {_fmt(g)} mm is below the "
                                               f"standard fab minimum {_fmt(GAP_FAB_MM)} mm"))
            elif g < GAP_WARNING_MM - EPS:
                small.append(Issue(code="pad_gap_small", severity="warning", pads=pair,
                                   message=f"{names}: gap {_fmt(g)} mm is below "
                                           f"{_fmt(GAP_WARNING_MM)} mm (bridging risk)"))
    dups = []
    for number, clusters in _touching_groups(pads, valid, outlines).items():
        if len(clusters) < 2:
            continue
        members = [i for c in clusters for i in c]
        if any(pads[i].role != "signal" for i in members):
            continue
        where = ", ".join(f"({_fmt(pads[c[0]].x)}, {_fmt(pads[c[0]].y)})" for c in clusters[:6])
        dups.append(Issue(code="duplicate_number", severity="warning", pads=[number],
                          message=f"number {number} is used by {len(clusters)} separate pads at "
                                  f"{where}; KiCad joins them into one pin"))
    return (_cap(overlap) + _cap(too_small) + _cap(below_fab) + _cap(small) + _cap(holes)
            + _cap(shared) + _cap(dups))


def _same_land(a: Pad, b: Pad) -> bool:
    """Two numbers deliberately placed on one identical land (KiCad's USB-C footprints)."""
    return (a.kind == b.kind and a.shape == b.shape
            and abs(a.x - b.x) <= EPS and abs(a.y - b.y) <= EPS
            and abs(a.size_x - b.size_x) <= EPS and abs(a.size_y - b.size_y) <= EPS
            and abs((a.rotation - b.rotation) % 180.0) <= EPS
            and a.drill == b.drill)


def _check_courtyard(spec: FootprintSpec, pads: List[Pad], valid: List[int],
                     outlines: Dict[int, List[RoundedPolygon]]) -> List[Issue]:
    if spec.courtyard is None:
        return []
    c = spec.courtyard
    x0, x1 = min(c.x0, c.x1), max(c.x0, c.x1)
    y0, y1 = min(c.y0, c.y1), max(c.y0, c.y1)
    outside = []
    for i in valid:
        if pads[i].role == "paste_window":
            continue
        b = bounds(outlines[i])
        if b[0] < x0 - EPS or b[1] < y0 - EPS or b[2] > x1 + EPS or b[3] > y1 + EPS:
            outside.append(_ref(pads[i], i))
    if not outside:
        return []
    shown = ", ".join(outside[:12]) + (" ..." if len(outside) > 12 else "")
    return [Issue(code="pad_outside_courtyard", severity="warning", pads=outside[:64],
                  message=f"pads outside the courtyard: {shown}", field="courtyard")]


def _check_body(spec: FootprintSpec, pads: List[Pad], valid: List[int],
                outlines: Dict[int, List[RoundedPolygon]]) -> List[Issue]:
    body = spec.body
    copper = [i for i in valid if pads[i].has_copper and pads[i].role != "paste_window"]
    if body is None or len(copper) < 2:
        return []
    boxes = [bounds(outlines[i]) for i in copper]
    field_x = max(b[2] for b in boxes) - min(b[0] for b in boxes)
    field_y = max(b[3] for b in boxes) - min(b[1] for b in boxes)
    if body.size_x < BODY_SMALL_RATIO * field_x and body.size_y < BODY_SMALL_RATIO * field_y:
        return [Issue(code="body_small", severity="warning", field="body",
                      message=f"body {_fmt(body.size_x)} x {_fmt(body.size_y)} mm is far "
                              f"smaller than the pad field {_fmt(field_x)} x {_fmt(field_y)} "
                              f"mm (units mixed up?)")]
    return []


def _merge_pairs(issues: List[Issue]) -> List[Issue]:
    """One finding per pair of pad numbers (thermal vias repeat the same pair many times)."""
    seen: Dict[Tuple, List[Issue]] = {}
    for issue in issues:
        seen.setdefault(tuple(sorted(issue.pads)), []).append(issue)
    out = []
    for group in seen.values():
        first = group[0]
        if len(group) > 1:
            first = first.model_copy(update={
                "message": f"{first.message} ({len(group)} pad pairs)"})
        out.append(first)
    return out


def _cap(issues: List[Issue]) -> List[Issue]:
    issues = _merge_pairs(issues) if issues and len(issues[0].pads) == 2 else issues
    if len(issues) <= MAX_PAIR_ISSUES:
        return issues
    rest = issues[MAX_PAIR_ISSUES:]
    first = rest[0]
    summary = Issue(code=first.code, severity=first.severity,
                    pads=sorted({str(n) for i in rest for n in i.pads})[:64],
                    message=f"... and {len(rest)} more findings of this kind ({first.code})")
    return issues[:MAX_PAIR_ISSUES] + [summary]
