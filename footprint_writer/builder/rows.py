"""Dual-row (SOIC/SSOP/TSSOP/MSOP, DFN/SON) and quad-row (QFP, QFN) SMD packages.

Rows run along y (the body's D); pin 1 is the top of the left row and numbering runs
counter-clockwise in the top view. An exposed pad, when present, is numbered pin_count + 1.
"""

from footprint_writer.builder.body import make_body
from footprint_writer.builder.context import BuildContext, Placement, fmt
from footprint_writer.builder.exposed import exposed_pads
from footprint_writer.builder.pads import check_width_fits_pitch, dual_row, quad_rows
from footprint_writer.errors import InputError
from footprint_writer.naming import ic_name, sanitize
from schemas.provenance import Provenance

PREFIX = {"soic": "SOIC", "ssop": "SSOP", "tssop": "TSSOP", "msop": "MSOP", "dfn": "DFN",
          "son": "SON", "qfp": "QFP", "qfn": "QFN"}


def _ep_and_name(ctx: BuildContext, pads, body, pitch):
    n = ctx.reading.pin_count
    pads += exposed_pads(ctx, str(n + 1))
    ep = next(((p.size_x, p.size_y) for p in pads if p.role == "exposed"), None)
    if body is not None:
        name = ic_name(PREFIX[ctx.reading.family], n, body.size_x, body.size_y, pitch, ep)
    else:
        name = sanitize(f"{PREFIX[ctx.reading.family]}-{n}" + ("-1EP" if ep else "")
                        + f"_P{fmt(pitch)}mm")
    return pads, name, ep


def place_dual_row(ctx: BuildContext) -> Placement:
    r = ctx.reading
    n = r.pin_count
    if n < 2 or n % 2:
        raise InputError(f"{r.family}: two rows need an even pin count, the reading says {n}",
                         hint="pin_count counts terminals only (not the exposed pad)")
    pitch = ctx.need("pitch")
    c = ctx.need("row_spacing")
    x, y = ctx.need("pad_width"), ctx.need("pad_length")
    check_width_fits_pitch(r.family, x, pitch)
    if y >= c:
        raise InputError(f"{r.family}: pad length Y {fmt(y)} mm is not smaller than the row "
                         f"spacing C {fmt(c)} mm — the two rows would overlap",
                         hint="C is centre to centre; Z (outer span) and G (inner gap) go in "
                              "overall_span / gap")
    pads = dual_row(n, pitch, c, x, y)
    body = make_body(ctx)
    if body is not None and r.family not in ("dfn", "son") and body.size_x >= c:
        # Gull-wing leads leave the body's sides: its width across the rows is always less
        # than the rows' centre distance. One of the two was misread (E taken for E1?).
        ctx.warn("body_over_rows", f"body width E1 {fmt(body.size_x)} mm across the rows is "
                 f"not less than the rows' centre distance C {fmt(c)} mm: a gull-wing body "
                 "sits between its leads; check E1 and C on the page", "body_width")
    pads, name, ep = _ep_and_name(ctx, pads, body, pitch)
    label = PREFIX[r.family]
    return Placement(pads=pads, name=name, body=body,
                     description=f"{label}, {n} pins" + (", exposed pad" if ep else ""),
                     tags=[label, "NoLead" if r.family in ("dfn", "son") else "SO"])


def place_quad(ctx: BuildContext) -> Placement:
    r = ctx.reading
    n = r.pin_count
    per_y = r.pins_along_length if r.pins_along_length is not None else n // 4
    rest = n - 2 * per_y
    if n < 4 or rest < 0 or rest % 2 or (r.pins_along_length is None and n % 4):
        raise InputError(f"{r.family}: {n} pins do not fit four rows"
                         + (f" with {per_y} per side along D" if r.pins_along_length else ""),
                         hint="give pins_along_length (pins in each row along D) for "
                              "rectangular quad packages")
    per_x = rest // 2
    pitch = ctx.need("pitch")
    c = ctx.need("row_spacing")
    x, y = ctx.need("pad_width"), ctx.need("pad_length")
    check_width_fits_pitch(r.family, x, pitch)
    c2 = ctx.land.row_spacing_2
    if c2 is None:
        c2 = c
        if per_x:
            ctx.provenance["row_spacing_2"] = Provenance(
                source="derived", detail="C2 not printed: taken equal to C (square pattern)")
            body_sq = r.body_length is None or r.body_width is None or \
                abs(r.body_length.nominal - r.body_width.nominal) < 0.01
            ctx.warn("derived_value", f"C2 not printed: top/bottom rows use C = {fmt(c)} mm",
                     "land_pattern.row_spacing_2", severity="info" if body_sq else "warning")
    pads = quad_rows(per_y, per_x, pitch, c, c2, x, y)
    body = make_body(ctx)
    pads, name, ep = _ep_and_name(ctx, pads, body, pitch)
    label = PREFIX[r.family]
    return Placement(pads=pads, name=name, body=body,
                     description=f"{label}, {n} pins" + (", exposed pad" if ep else ""),
                     tags=[label, "NoLead" if r.family == "qfn" else "QFP"])
