"""Irregular parts (family 'other'): the reading lists every pad; numbers are kept.

The origin moves to the body centre (`body_center_x/y`, in the pads' coordinates) when the
reading gives it, else to the centre of the pad field (bounding box of every pad, holes
included): a page's dimension origin is often a pin, a peg or a board edge, and KiCad's
convention is the body centre. The shift is stated in an info issue and in the `origin`
provenance. Pads read off a bottom view are then mirrored into the top view (x -> -x)
about that centre. Unnumbered pads, NPTH holes and KiCad's mounting/shield names (MP, SH,
S1, MH) get role 'mechanical', the rest 'signal'.
"""

import re
from typing import List, Sequence, Tuple

from footprint_writer.builder.context import BuildContext, Placement, fmt, tol_text
from footprint_writer.builder.pads import mirror_x, roundrect_ratio
from footprint_writer.errors import InputError
from footprint_writer.naming import sanitize
from schemas.footprint import Body, Drill, Pad
from schemas.provenance import Issue, Provenance

MECHANICAL_NUMBER = re.compile(r"^(MP\d*|SH\d*|S\d*|MH\d*|)$", re.IGNORECASE)


def _pad(i: int, rp) -> Pad:
    role = "mechanical" if rp.kind == "npth" or MECHANICAL_NUMBER.match(rp.number) else "signal"
    drill = None
    if rp.kind in ("tht", "npth"):
        if not rp.drill:
            raise InputError(f"pads[{i}] (number {rp.number!r}) is {rp.kind} but has no drill",
                             hint="give `drill` (and `drill_y` for a slot)")
        drill = Drill(diameter=rp.drill, slot_length=rp.drill_y or None)
    elif rp.drill:
        raise InputError(f"pads[{i}] (number {rp.number!r}) is smd but has a drill",
                         hint="kind 'tht' for plated holes, 'npth' for bare holes")
    shape = rp.shape
    if rp.kind == "smd" and shape == "rect":
        shape = "roundrect"  # KLC F6.3: SMD lands are rounded rectangles (25 %, <= 0.25 mm)
    ratio = roundrect_ratio(rp.size_x, rp.size_y) if shape == "roundrect" else None
    if drill is not None and drill.slot_length and shape == "circle":
        shape = "oval"
    return Pad(number="" if rp.kind == "npth" else rp.number, kind=rp.kind, shape=shape,
               role=role, x=rp.x, y=rp.y, size_x=rp.size_x, size_y=rp.size_y, drill=drill,
               roundrect_ratio=ratio)


def pad_field_centre(pads: Sequence[Pad]) -> Tuple[float, float]:
    """Centre of the bounding box of all pads (copper and holes)."""
    boxes = [p.bbox() for p in pads]
    return ((min(b[0] for b in boxes) + max(b[2] for b in boxes)) / 2.0,
            (min(b[1] for b in boxes) + max(b[3] for b in boxes)) / 2.0)


def _recentre(ctx: BuildContext, pads: List[Pad]) -> List[Pad]:
    """Move the origin to the body centre (given) or the pad-field centre, and say so."""
    r = ctx.reading
    given = (r.body_center_x, r.body_center_y)
    if (given[0] is None) != (given[1] is None):
        raise InputError("the reading gives only one of body_center_x / body_center_y",
                         hint="give both (the body centre in the pads' coordinates) or "
                              "neither (the pad field is centred)")
    if given[0] is not None:
        cx, cy = float(given[0]), float(given[1])  # type: ignore[arg-type]
        what = "the body centre (body_center_x/y)"
    else:
        cx, cy = pad_field_centre(pads)
        what = "the centre of the pad field (no body centre on the reading)"
    cx, cy = round(cx, 6) + 0.0, round(cy, 6) + 0.0
    view = " (drawing coordinates, before mirroring)" if r.view == "bottom" else ""
    if abs(cx) < 1e-6 and abs(cy) < 1e-6:
        ctx.provenance["origin"] = Provenance(
            source="datasheet_drawing", detail=f"the page's origin is already {what}")
        return pads
    ctx.provenance["origin"] = Provenance(
        source="derived", detail=f"origin moved to {what}: page point ({fmt(cx)}, "
                                 f"{fmt(cy)}) mm{view}")
    ctx.warn("origin_moved", f"pad coordinates moved by ({fmt(-cx)}, {fmt(-cy)}) mm so the "
             f"origin is {what}; the page's origin was at ({fmt(-cx)}, {fmt(-cy)}) from it",
             "pads", severity="info")
    return [p.model_copy(update={"x": round(p.x - cx, 6) + 0.0,
                                 "y": round(p.y - cy, 6) + 0.0}) for p in pads]


def _flag_inferred(ctx: BuildContext, pads: Sequence[Pad]) -> None:
    """Pads whose position the reader worked out rather than read: one warning naming them
    with their footprint coordinates, and the pads outlined in the review."""
    inferred = [p for rp, p in zip(ctx.reading.pads, pads) if rp.inferred]
    if not inferred:
        return
    rows: dict = {}
    for p in inferred:  # one entry per row of pads: "A1, B12, ... (16) at y = -2.54"
        rows.setdefault(round(p.y, 3), []).append(p.number or "hole")
    parts = []
    for y, names in sorted(rows.items()):
        shown = list(dict.fromkeys(names))
        text = ", ".join(shown[:6]) + (" ..." if len(shown) > 6 else "")
        parts.append(f"{text} ({len(names)}) at y = {fmt(y)}")
    ctx.issues.append(Issue(
        code="position_inferred", severity="warning", field="pads",
        pads=sorted({p.number for p in inferred if p.number})[:64],
        message=(f"{len(inferred)} pads are placed from positions the reader inferred, not "
                 f"read as printed coordinates: {'; '.join(parts)} mm; check them against the "
                 "drawing")[:1000]))


def place_explicit(ctx: BuildContext) -> Placement:
    r = ctx.reading
    pads: List[Pad] = [_pad(i, rp) for i, rp in enumerate(r.pads)]
    rounded = [rp.number or "unnumbered" for rp in r.pads if rp.kind == "smd" and
               rp.shape == "rect"]
    if rounded:
        ctx.warn("pads_rounded", f"{len(rounded)} rectangular SMD land(s) drawn as rounded "
                 f"rectangles (KLC F6.3: 25 % corner radius, at most 0.25 mm; pads "
                 f"{', '.join(rounded[:12])})", "pads", severity="info")
    ctx.provenance["pad_size"] = Provenance(
        source="datasheet_drawing", detail=f"{len(pads)} pads dimensioned on the drawing")
    pads = _recentre(ctx, pads)
    if r.view == "bottom":
        pads = mirror_x(pads)
        ctx.warn("mirrored_bottom_view",
                 "the pads were read from a bottom view and mirrored (x -> -x) into the top "
                 "view; check that pin 1 lands where the part's pin 1 will sit", "view")
    _flag_inferred(ctx, pads)
    numbered = {p.number for p in pads if p.role == "signal"}
    if r.pin_count != len(numbered):
        ctx.warn("pin_count_mismatch", f"pin_count {r.pin_count} but {len(numbered)} distinct "
                 "pad numbers on signal pads", "pin_count", severity="info")
    body = None
    if r.body_length is not None and r.body_width is not None:
        body = Body(size_x=r.body_length.nominal, size_y=r.body_width.nominal,
                    height=r.height.nom if r.height and r.height.nom else
                    (r.height.most if r.height else None), center_x=0.0, center_y=0.0)
        ctx.provenance["body"] = Provenance(
            source=r.body_length.source or "datasheet_drawing",
            detail=f"x = body_length {tol_text(r.body_length)}, y = body_width "
                   f"{tol_text(r.body_width)} mm")
    elif r.height is not None:
        ctx.warn("no_body", "no body size on the reading: the fab outline is drawn around "
                 "the pads", "body_length")
    has_tht = any(p.kind == "tht" and p.role == "signal" for p in pads)
    name = sanitize(r.part_name or r.package_name or f"Footprint_{len(pads)}pads")
    return Placement(pads=pads, name=name, body=body,
                     attribute="through_hole" if has_tht else "smd",
                     courtyard_class="connector" if any(p.drill for p in pads) else "default",
                     description=f"{len(pads)} pads from the land-pattern drawing",
                     tags=["explicit-pads"])
