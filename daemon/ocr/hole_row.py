"""Through-hole parts whose land figure is a row or a 2-row grid of equal holes and whose page
names no family: radial LEDs, photodiodes, sensors ("Recommended PCB Layout": `Ø0.9x2` and
`2.54`, Kingbright's WP7113), tactile switches (`4xØ1.0` on 6.50 x 4.50, Diptronics).

The figure prints the holes' diameter with their count and one spacing per axis it spans:
one spacing is a row, a spacing on each axis a grid of two rows (the count must fill it). No
pad size is printed on such figures: the land is the hole plus an annular ring on each side
(IPC-2222 nominal 0.35 mm, as the builder's through-hole families), at most the spacing less
0.2 mm, and every pad is marked `inferred` (its position comes from the spacing, its size
from the rule). Pad 1 is rectangular, as KiCad's LED and connector footprints mark it; which
lead that is, the page's polarity marks say (cathode, pin 1), which the reader does not
read: the notes say to check it.
"""

from typing import Dict, Optional

from daemon.ocr.pad_grid import centre_inside, land_figure_dims
from footprint_writer.ipc.tables import THROUGH_HOLE
from schemas.reading import note_text

RING_MM = THROUGH_HOLE["nominal"].annular_ring  # IPC-2222 nominal, 0.35 mm
MIN_COPPER_GAP_MM = 0.2
MAX_HOLES = 40


def read_hole_row(item, units: str = "mm", again: bool = False):
    """A page whose land figure is a row or a 2 x 2 grid of equal holes -> DatasheetReading
    (family 'other', explicit through-hole pads), or None. Millimetre pages only (the ring
    is a millimetre rule)."""
    from schemas.reading import DatasheetReading

    if units != "mm":
        return None
    fig = land_figure_dims(item, again)
    if fig is None:
        return None
    mine = [d for d in fig.dims if centre_inside(d.box, fig.region)]
    holes = {(d.value.value, d.value.multiplier) for d in mine if d.value.diameter
             and d.value.multiplier and 2 <= d.value.multiplier <= MAX_HOLES}
    if len(holes) != 1:
        return None
    drill, count = next(iter(holes))
    spacings: Dict[Optional[str], set] = {}
    for d in mine:
        if _is_spacing(d.value):
            spacings.setdefault(d.axis, set()).add(d.value.value)
    values = {v for vs in spacings.values() for v in vs}
    if len(values) == 1:  # one row
        pitch, per_row, row_gap, n_rows = next(iter(values)), count, 0.0, 1
    elif count == 4 and len(values) == 2 and all(len(spacings.get(a, ())) == 1
                                                  for a in ("x", "y")):
        # a spacing on each axis: 2 x 2 (a longer grid would have to say which axis
        # holds its rows)
        pitch, per_row = next(iter(spacings["x"])), 2
        row_gap, n_rows = next(iter(spacings["y"])), 2
    else:
        return None
    closest = min(pitch, row_gap) if n_rows > 1 else pitch
    if closest < drill + MIN_COPPER_GAP_MM:
        return None  # holes that would touch: the spacing is something else
    size = round(min(drill + 2 * RING_MM, closest - MIN_COPPER_GAP_MM), 4)
    pads = tht_pads(per_row, pitch, n_rows, row_gap, size, drill)
    layout = f"{pitch:g}" + (f" x {row_gap:g}" if n_rows > 1 else "")
    notes = (f"ocr: hole {'grid' if n_rows > 1 else 'row'} {count} x diameter {drill:g} at "
             f"{layout} {units}; lands "
             f"{size:g} (hole + 2 x {RING_MM} mm ring, not printed); check which lead is "
             "pin 1 (cathode) against the drawing")
    return DatasheetReading(units=units, family="other", pin_count=count, pads=pads,
                            notes=note_text(notes))


def tht_pads(per_row: int, pitch: float, rows: int, row_gap: float, size: float,
             drill: float) -> list:
    """Round through-hole lands, `rows` rows of `per_row` centred on the origin, numbered
    along each row; pad 1 rectangular (KiCad's LEDs and connectors), every pad `inferred`
    (placed from printed spacings, sized by rule)."""
    from schemas.reading import ReadPad

    spots = [(round((i - (per_row - 1) / 2.0) * pitch, 4),
              round((r - (rows - 1) / 2.0) * row_gap, 4))
             for r in range(rows) for i in range(per_row)]
    return [ReadPad(number=str(i + 1), kind="tht", shape="rect" if i == 0 else "circle",
                    x=x, y=y, size_x=size, size_y=size, drill=drill, inferred=True)
            for i, (x, y) in enumerate(spots)]


def _is_spacing(v) -> bool:
    """A centre spacing as such figures print it: a plain decimal or one with a +/-
    tolerance, not a diameter, count, limit or the other unit's bracketed value."""
    if v.diameter or v.paren or v.bracket or v.multiplier or "." not in v.text:
        return False
    if v.tolerance:
        return True
    return v.qualifier not in ("MAX", "MIN") and v.lo is None
