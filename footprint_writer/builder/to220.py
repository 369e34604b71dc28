"""TO-220 (vertical): leads in one row along x, pin 1 on the left (seen from the top, tab
at the back), origin at the centre of the row; pin 1 rectangular, the others round."""

from footprint_writer.builder.body import make_body
from footprint_writer.builder.context import BuildContext, Placement, fmt
from footprint_writer.builder.pads import centred, tht_pad
from footprint_writer.errors import InputError
from footprint_writer.naming import sanitize
from schemas.provenance import Provenance

DEFAULT_RING_MM = 0.35
MIN_PAD_GAP_MM = 0.25


def place_to220(ctx: BuildContext) -> Placement:
    n = ctx.reading.pin_count
    if not 2 <= n <= 15:
        raise InputError(f"to220: 2 to 15 leads in a row, the reading says {n}")
    pitch = ctx.need("pitch")
    drill = ctx.need("drill")
    size = ctx.land.pad_diameter
    if size is None:
        size = round(min(drill + 2 * DEFAULT_RING_MM, pitch - MIN_PAD_GAP_MM), 4)
        ctx.provenance["pad_size"] = Provenance(
            source="default", detail=f"drill {fmt(drill)} + 2 x {DEFAULT_RING_MM} mm ring")
    pads = [tht_pad(str(i + 1), x, 0.0, size, size, drill, first=i == 0)
            for i, x in enumerate(centred(n, pitch))]
    return Placement(pads=pads, name=sanitize(f"TO-220-{n}_Vertical"),
                     body=make_body(ctx, rows_along_y=False), attribute="through_hole",
                     description=f"TO-220, {n} leads, pitch {fmt(pitch)} mm",
                     tags=["TO-220", "THT"])
