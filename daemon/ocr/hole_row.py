"""Through-hole parts whose land figure is a row of equal holes and whose page names no
family: radial LEDs, photodiodes, sensors ("Recommended PCB Layout": `Ø0.9x2` and `2.54`,
Kingbright's WP7113).

The figure prints the holes' diameter with their count and one spacing; the holes lie in
one row at that spacing. No pad size is printed on such figures: the land is the hole
plus an annular ring on each side (IPC-2222 nominal 0.35 mm, as the builder's through-hole
families), at most the spacing less 0.2 mm, and every pad is marked `inferred` (its
position comes from the spacing, its size from the rule). Pad 1 is rectangular, as KiCad's
LED and connector footprints mark it; which lead that is, the page's polarity marks say
(cathode, pin 1), which the reader does not read: the notes say to check it.
"""

from typing import List

from daemon.ocr.pad_grid import centre_inside, land_figure_dims
from footprint_writer.ipc.tables import THROUGH_HOLE

RING_MM = THROUGH_HOLE["nominal"].annular_ring  # IPC-2222 nominal, 0.35 mm
MIN_COPPER_GAP_MM = 0.2
MAX_HOLES = 40


def read_hole_row(item, units: str = "mm"):
    """A page whose land figure is N equal holes at one spacing -> DatasheetReading
    (family 'other', explicit through-hole pads), or None. Millimetre pages only (the ring
    is a millimetre rule)."""
    from schemas.reading import DatasheetReading, ReadPad

    if units != "mm":
        return None
    fig = land_figure_dims(item)
    if fig is None:
        return None
    mine = [d for d in fig.dims if centre_inside(d.box, fig.region)]
    holes = {(d.value.value, d.value.multiplier) for d in mine if d.value.diameter
             and d.value.multiplier and 2 <= d.value.multiplier <= MAX_HOLES}
    if len(holes) != 1:
        return None
    drill, count = next(iter(holes))
    spacings = {d.value.value for d in mine if not d.value.diameter and not d.value.paren
                and not d.value.bracket and not d.value.multiplier and "." in d.value.text
                and d.value.qualifier not in ("MAX", "MIN") and d.value.lo is None}
    if len(spacings) != 1:
        return None
    pitch = next(iter(spacings))
    if pitch < drill + MIN_COPPER_GAP_MM:
        return None  # holes that would touch: the spacing is something else
    size = round(min(drill + 2 * RING_MM, pitch - MIN_COPPER_GAP_MM), 4)
    xs = [round((i - (count - 1) / 2.0) * pitch, 4) for i in range(count)]
    pads: List[ReadPad] = [
        ReadPad(number=str(i + 1), kind="tht", shape="rect" if i == 0 else "circle", x=x,
                y=0.0, size_x=size, size_y=size, drill=drill, inferred=True)
        for i, x in enumerate(xs)]
    notes = (f"ocr: hole row {count} x diameter {drill:g} at {pitch:g} {units}; lands "
             f"{size:g} (hole + 2 x {RING_MM} mm ring, not printed); check which lead is "
             "pin 1 (cathode) against the drawing")
    return DatasheetReading(units=units, family="other", pin_count=count, pads=pads,
                            notes=notes[:400])
