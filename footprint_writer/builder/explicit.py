"""Irregular parts (family 'other'): the reading lists every pad; numbers are kept.

Coordinates keep the page's origin (the reader is asked for the body centre). Pads read off
a bottom view are mirrored into the top view (x -> -x). Unnumbered pads, NPTH holes and
KiCad's mounting/shield names (MP, SH, S1, MH) get role 'mechanical', the rest 'signal'.
"""

import re
from typing import List

from footprint_writer.builder.context import BuildContext, Placement, tol_text
from footprint_writer.builder.pads import mirror_x, roundrect_ratio
from footprint_writer.errors import InputError
from footprint_writer.naming import sanitize
from schemas.footprint import Body, Drill, Pad
from schemas.provenance import Provenance

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
    ratio = roundrect_ratio(rp.size_x, rp.size_y) if shape == "roundrect" else None
    if drill is not None and drill.slot_length and shape == "circle":
        shape = "oval"
    return Pad(number="" if rp.kind == "npth" else rp.number, kind=rp.kind, shape=shape,
               role=role, x=rp.x, y=rp.y, size_x=rp.size_x, size_y=rp.size_y, drill=drill,
               roundrect_ratio=ratio)


def place_explicit(ctx: BuildContext) -> Placement:
    r = ctx.reading
    pads: List[Pad] = [_pad(i, rp) for i, rp in enumerate(r.pads)]
    ctx.provenance["pad_size"] = Provenance(
        source="datasheet_drawing", detail=f"{len(pads)} pads dimensioned on the drawing")
    if r.view == "bottom":
        pads = mirror_x(pads)
        ctx.warn("mirrored_bottom_view",
                 "the pads were read from a bottom view and mirrored (x -> -x) into the top "
                 "view; check that pin 1 lands where the part's pin 1 will sit", "view")
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
        ctx.warn("no_body", "no body size on the reading: no fab outline", "body_length")
    has_tht = any(p.kind == "tht" and p.role == "signal" for p in pads)
    name = sanitize(r.part_name or r.package_name or f"Footprint_{len(pads)}pads")
    return Placement(pads=pads, name=name, body=body,
                     attribute="through_hole" if has_tht else "smd",
                     courtyard_class="connector" if any(p.drill for p in pads) else "default",
                     description=f"{len(pads)} pads from the land-pattern drawing",
                     tags=["explicit-pads"])
