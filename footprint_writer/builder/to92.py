"""TO-92 (TO-226): two or three leads in one row along x, pin 1 on the left seen from the
top with the flat face towards the viewer, origin at the centre of the row (the builder
then moves it onto pad 1, KLC F7.2). Pin 1 rectangular, the others oval.

At the 1.27 mm pitch a round land of drill + 2 rings does not fit between the leads, so
the lands are ovals as in KiCad's TO-92_Inline (1.05 x 1.50 mm on a 0.75 mm hole): as wide
along the row as the pitch allows (the printed or IPC land), drill + 2 x 0.35 mm across it.
"""

from footprint_writer.builder.body import make_body
from footprint_writer.builder.context import BuildContext, Placement, fmt
from footprint_writer.builder.pads import centred, tht_pad
from footprint_writer.builder.tht import DEFAULT_RING_MM as RING_MM
from footprint_writer.errors import InputError
from footprint_writer.naming import sanitize
from schemas.provenance import Provenance

MIN_PAD_GAP_MM = 0.2
WIDE_PITCH_MM = 2.0  # formed leads (2.54 mm): KiCad's "_Wide"


def to92_name(pins: int, pitch: float) -> str:
    """KiCad's names: TO-92_Inline (3 leads, 1.27), TO-92_Inline_Wide (2.54),
    TO-92-2_Inline for two leads."""
    base = "TO-92_Inline" if pins == 3 else f"TO-92-{pins}_Inline"
    return sanitize(base + ("_Wide" if pitch >= WIDE_PITCH_MM else ""))


def place_to92(ctx: BuildContext) -> Placement:
    n = ctx.reading.pin_count
    if n not in (2, 3):
        raise InputError(f"to92: two or three leads in a row, the reading says {n}")
    pitch = ctx.need("pitch")
    drill = ctx.need("drill")
    across = round(drill + 2 * RING_MM, 4)
    along = ctx.land.pad_diameter
    if along is None:
        along = across
    if along > pitch - MIN_PAD_GAP_MM:
        along = round(pitch - MIN_PAD_GAP_MM, 4)
    ctx.provenance["pad_size"] = Provenance(
        source="derived" if ctx.land.pad_diameter is not None else "default",
        detail=f"oval {fmt(along)} x {fmt(across)} mm: along the row at most the pitch - "
               f"{MIN_PAD_GAP_MM} mm, across it drill {fmt(drill)} + 2 x {RING_MM} mm")
    pads = [tht_pad(str(i + 1), x, 0.0, along, across, drill, first=i == 0)
            for i, x in enumerate(centred(n, pitch))]
    return Placement(pads=pads, name=to92_name(n, pitch),
                     body=make_body(ctx, rows_along_y=False), attribute="through_hole",
                     description=f"TO-92, {n} leads in line",
                     tags=["TO-92", "THT"])
