"""Through-hole rows: DIP and single/dual pin headers.

Origin: the rows are laid out around the body centre like every family; the builder then
moves the origin onto pad 1 (KLC F7.2, as KiCad's own THT library does). Pin 1 stays
top-left.

- DIP: rows along y at x = -/+ C/2, numbered counter-clockwise like every dual row.
- pin_header, 1 row: pins down the y axis, pin 1 at the top.
- pin_header, 2 rows: the header convention of KiCad's PinHeader_2xNN: pin 1 top-left,
  pin 2 beside it on the right, odd pins left, even pins right (zig-zag, not CCW).

Pad size: the page's pad diameter, else the drill plus a 0.35 mm ring on each side (as in
KiCad's PinHeader_1xNN_P2.54mm: 1.0 drill, 1.7 pad), reduced to leave 0.25 mm between pads.
"""

from footprint_writer.builder.body import make_body
from footprint_writer.builder.context import BuildContext, Placement, fmt, tol_text
from footprint_writer.builder.pads import centred, tht_pad
from footprint_writer.errors import InputError
from footprint_writer.naming import dip_name, header_name, sanitize
from schemas.provenance import Provenance

DEFAULT_RING_MM = 0.35
MIN_PAD_GAP_MM = 0.25


def _pad_size(ctx: BuildContext, drill: float, pitch: float) -> float:
    if ctx.land.pad_diameter is not None:
        return ctx.land.pad_diameter
    size = min(drill + 2 * DEFAULT_RING_MM, pitch - MIN_PAD_GAP_MM)
    ctx.provenance["pad_size"] = Provenance(
        source="default",
        detail=f"no pad size on the page: drill {fmt(drill)} + 2 x {DEFAULT_RING_MM} mm ring"
               + (f", limited to pitch - {MIN_PAD_GAP_MM} mm"
                  if size < drill + 2 * DEFAULT_RING_MM else ""))
    ctx.warn("default_pad_size", f"pad size not on the page: {fmt(size)} mm round pads "
             f"(drill {fmt(drill)} mm + {DEFAULT_RING_MM} mm ring)", "land_pattern.pad_diameter",
             severity="info")
    return round(size, 4)


def place_dip(ctx: BuildContext) -> Placement:
    r = ctx.reading
    n = r.pin_count
    if n < 2 or n % 2:
        raise InputError(f"dip: two rows need an even pin count, the reading says {n}")
    pitch = ctx.need("pitch")
    drill = ctx.need("drill")
    c = ctx.land.row_spacing
    if c is None and r.overall_width is not None:
        c = r.overall_width.nominal
        ctx.provenance["row_spacing"] = Provenance(
            source="derived",
            detail=f"row spacing = E (lead centres) {tol_text(r.overall_width)} mm")
        ctx.warn("derived_value", f"DIP row spacing taken from E = {fmt(c)} mm (lead centre "
                 "lines); check it is not the body width", "land_pattern.row_spacing")
    if c is None:
        c = ctx.need("row_spacing")
    size = _pad_size(ctx, drill, min(pitch, c))
    ys = centred(n // 2, pitch)
    pads = [tht_pad(str(i + 1), -c / 2.0, y, size, size, drill, first=i == 0)
            for i, y in enumerate(ys)]
    pads += [tht_pad(str(n // 2 + i + 1), c / 2.0, y, size, size, drill)
             for i, y in enumerate(reversed(ys))]
    return Placement(pads=pads, name=dip_name(n, c), body=make_body(ctx),
                     attribute="through_hole", description=f"DIP, {n} pins, row spacing "
                     f"{fmt(c)} mm", tags=["DIP", "THT"])


def place_pin_header(ctx: BuildContext) -> Placement:
    r = ctx.reading
    n = r.pin_count
    rows = r.rows or 1
    if rows == 2 and n % 2:
        raise InputError(f"pin_header: a dual-row header needs an even pin count, the reading "
                         f"says {n}", hint="rows: 1 for a single row")
    pitch = ctx.need("pitch")
    drill = ctx.need("drill")
    per_row = n // rows
    c = ctx.land.row_spacing if rows == 2 else None
    if rows == 2 and c is None:
        c = pitch
        ctx.provenance["row_spacing"] = Provenance(
            source="derived", detail="row spacing not printed: equal to the pitch")
        ctx.warn("derived_value", f"row spacing not printed: taken equal to the pitch "
                 f"{fmt(pitch)} mm", "land_pattern.row_spacing", severity="info")
    size = _pad_size(ctx, drill, pitch if c is None else min(pitch, c))
    ys = centred(per_row, pitch)
    if rows == 1:
        pads = [tht_pad(str(i + 1), 0.0, y, size, size, drill, first=i == 0)
                for i, y in enumerate(ys)]
    else:
        pads = []
        for i, y in enumerate(ys):
            pads.append(tht_pad(str(2 * i + 1), -c / 2.0, y, size, size, drill, first=i == 0))
            pads.append(tht_pad(str(2 * i + 2), c / 2.0, y, size, size, drill))
    kind = sanitize(r.package_name) if r.package_name else "PinHeader"
    return Placement(pads=pads, name=header_name(rows, per_row, pitch, kind=kind),
                     body=make_body(ctx),
                     attribute="through_hole", courtyard_class="connector",
                     description=f"{rows}x{per_row} through-hole header, pitch {fmt(pitch)} mm",
                     tags=["connector", "header", "THT"])
