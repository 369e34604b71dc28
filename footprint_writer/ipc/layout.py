"""Reference pad placement and courtyard for an IPC result (top view, mm, y down).

The builder places pads from `IpcResult.land_pattern` for real footprints; this module
places them the way KiCad's generators do (dual/quad pad border, numbering CCW from pin 1
top-left, exposed pad numbered last) so the benchmark and the tests can compare an IPC
result with KiCad's library without the builder, and so the builder can take the IPC
courtyard (KiCad: pads and body grown by the density's courtyard excess, on the grid).
"""

from dataclasses import dataclass
from typing import List, Optional, Tuple

from footprint_writer.ipc.families import (
    DUAL,
    GRID,
    NO_LEAD_FAMILIES,
    QUAD,
    TAB,
    THT_DUAL,
    THT_ROW,
    TWO_TERMINAL,
)
from footprint_writer.ipc.result import IpcResult
from footprint_writer.ipc.rounding import (
    CHIP_COURTYARD_SIZE_GRID_MM,
    COURTYARD_GRID_MM,
    clean,
    to_base,
)
from schemas.reading import DatasheetReading

Box = Tuple[float, float, float, float]


@dataclass(frozen=True)
class PadBox:
    number: str
    x: float
    y: float
    size_x: float
    size_y: float
    drill: Optional[float] = None
    role: str = "signal"


def _column(first: int, count: int, x: float, pitch: float, size: Tuple[float, float],
            downwards: bool) -> List[PadBox]:
    pads = []
    for i in range(count):
        offset = (i - (count - 1) / 2.0) * pitch
        y = offset if downwards else -offset
        pads.append(PadBox(str(first + i), clean(x), clean(y), size[0], size[1]))
    return pads


def _row_of(first: int, count: int, y: float, pitch: float, size: Tuple[float, float],
            rightwards: bool) -> List[PadBox]:
    return [PadBox(p.number, p.y, p.x, p.size_x, p.size_y) for p in
            _column(first, count, y, pitch, size, rightwards)]


def ipc_pads(reading: DatasheetReading, result: IpcResult) -> List[PadBox]:
    """Pads numbered counter-clockwise from pin 1 at the top left."""
    lp = result.land_pattern
    g = result.geometry
    if g == TWO_TERMINAL:
        c = lp.row_spacing.nominal / 2.0
        size = (lp.pad_length.nominal, lp.pad_width.nominal)
        return [PadBox("1", clean(-c), 0.0, *size), PadBox("2", clean(c), 0.0, *size)]
    if g in (DUAL, QUAD):
        pitch = lp.pitch.nominal
        rows = result.rows
        nx, ny = result.pins_x, result.pins_y
        cx = rows["x"].row_spacing / 2.0
        side = (rows["x"].pad_length, rows["x"].Xmax)
        if reading.family == "sot23" and reading.pin_count in (3, 5):
            return _sot23_odd(reading.pin_count, cx, pitch, side)
        pads = _column(1, ny, -cx, pitch, side, downwards=True)
        n = ny
        if g == QUAD:
            cy = rows["y"].row_spacing / 2.0
            top = (rows["y"].Xmax, rows["y"].pad_length)
            pads += _row_of(n + 1, nx, cy, pitch, top, rightwards=True)
            n += nx
            pads += _column(n + 1, ny, cx, pitch, side, downwards=False)
            n += ny
            pads += _row_of(n + 1, nx, -cy, pitch, top, rightwards=False)
            n += nx
        else:
            pads += _column(n + 1, ny, cx, pitch, side, downwards=False)
            n += ny
        if result.ep_size is not None:
            pads.append(PadBox(str(n + 1), 0.0, 0.0, result.ep_size[0], result.ep_size[1],
                               role="exposed"))
        return pads
    if g == TAB:  # origin midway between the lead and tab pad centres (as the builder)
        c = lp.row_spacing.nominal
        leads = _column(1, reading.pin_count, -c / 2.0, lp.pitch.nominal,
                        (lp.pad_length.nominal, lp.pad_width.nominal), downwards=True)
        tab = PadBox(str(reading.pin_count + 1), clean(c / 2.0), 0.0, lp.tab_length.nominal,
                     lp.tab_width.nominal, role="exposed")
        return leads + [tab]
    if g == GRID:
        raise ValueError("BGA pads need the ball map; the builder places them")
    pitch = lp.pitch.nominal
    d = lp.pad_diameter.nominal
    drill = lp.drill.nominal
    if g == THT_DUAL:
        half = reading.pin_count // 2
        c = lp.row_spacing.nominal
        left = [PadBox(str(i + 1), 0.0, clean(i * pitch), d, d, drill) for i in range(half)]
        right = [PadBox(str(half + i + 1), clean(c), clean((half - 1 - i) * pitch), d, d, drill)
                 for i in range(half)]
        return left + right
    assert g == THT_ROW
    if reading.rows == 2:
        cols = reading.pin_count // 2
        return [PadBox(str(2 * i + j + 1), clean(j * pitch), clean(i * pitch), d, d, drill)
                for i in range(cols) for j in range(2)]
    return [PadBox(str(i + 1), 0.0, clean(i * pitch), d, d, drill)
            for i in range(reading.pin_count)]


def _sot23_odd(n: int, cx: float, e: float, size: Tuple[float, float]) -> List[PadBox]:
    """SOT-23 (1, 2 left at -e/+e; 3 right) and SOT-23-5 (1-3 left; 4 bottom right, 5 top
    right): the 6-lead frame with leads 2, 4, 6 or lead 5 left out and renumbered, as
    KiCad's generator (`deleted_pins`) and the builder number them."""
    if n == 3:
        spots = [(-cx, -e), (-cx, e), (cx, 0.0)]
    else:
        spots = [(-cx, -e), (-cx, 0.0), (-cx, e), (cx, e), (cx, -e)]
    return [PadBox(str(i + 1), clean(x), clean(y), *size) for i, (x, y) in enumerate(spots)]


def _bbox(pads: List[PadBox]) -> Box:
    return (min(p.x - p.size_x / 2 for p in pads), min(p.y - p.size_y / 2 for p in pads),
            max(p.x + p.size_x / 2 for p in pads), max(p.y + p.size_y / 2 for p in pads))


def _body(reading: DatasheetReading, result: IpcResult) -> Tuple[float, float]:
    """Nominal body size (x, y) in footprint axes."""
    if result.geometry == TWO_TERMINAL:
        length = reading.body_length or reading.overall_width
        return length.nominal, reading.body_width.nominal if reading.body_width else 0.0
    bx = reading.body_width.nominal if reading.body_width else 0.0
    by = reading.body_length.nominal if reading.body_length else 0.0
    return bx, by


def ipc_courtyard(reading: DatasheetReading, result: IpcResult,
                  pads: Optional[List[PadBox]] = None) -> Box:
    """Courtyard rectangle as KiCad's generators compute it for this density.

    Gull-wing and no-lead: pad field and body, grown by the courtyard excess, each edge
    rounded to the 0.01 mm grid (for two rows only: the body gives the extent along the
    rows). Two-terminal chips: the full width and height rounded to 0.02 mm.
    """
    pads = pads if pads is not None else ipc_pads(reading, result)
    off = result.courtyard_excess
    bx, by = _body(reading, result)
    x0, y0, x1, y1 = _bbox([p for p in pads if p.role == "signal"])
    if result.geometry == TWO_TERMINAL:
        w = to_base(x1 - x0 + 2 * off, CHIP_COURTYARD_SIZE_GRID_MM)
        h = to_base(max(y1 - y0, by) + 2 * off, CHIP_COURTYARD_SIZE_GRID_MM)
        return (clean(-w / 2), clean(-h / 2), clean(w / 2), clean(h / 2))
    if result.geometry in (THT_DUAL, THT_ROW):
        x0, y0, x1, y1 = _bbox(pads)
    else:
        ep = result.ep_size or (0.0, 0.0)
        if result.geometry == DUAL:  # along the rows the body (or a longer EP) counts
            y0, y1 = -max(by, ep[1]) / 2.0, max(by, ep[1]) / 2.0
        if result.family in NO_LEAD_FAMILIES:  # no-lead pads may end inside the body
            x0, x1 = min(x0, -bx / 2), max(x1, bx / 2)
            y0, y1 = min(y0, -by / 2), max(y1, by / 2)
    return (to_base(x0 - off, COURTYARD_GRID_MM), to_base(y0 - off, COURTYARD_GRID_MM),
            to_base(x1 + off, COURTYARD_GRID_MM), to_base(y1 + off, COURTYARD_GRID_MM))
