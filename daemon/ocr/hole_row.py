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

from typing import Dict, List, Optional, Tuple

from daemon.ocr.drawn_pads import RATIO_TOLERANCE, centre_levels, drawn_grid
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
    if not holes:
        return read_drawn_hole_grid(item, fig, mine, units)
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


def read_drawn_hole_grid(item, fig, mine, units: str = "mm"):
    """A land figure that prints one hole diameter without a count ("Ø1.00 [.039 in]",
    E-Switch's P.C. MOUNTING): the holes it draws (equal round outlines on a lattice of one
    or two rows) give the count, its printed spacings the pitch of each axis, and the pin
    numbers printed at the lattice's corners the numbering. None where any of it is not
    plain: two diameters, no drawn lattice, a spacing no axis of the lattice fits."""
    from schemas.reading import DatasheetReading

    drills = {d.value.value for d in mine if d.value.diameter and not d.value.bracket
              and not d.value.paren}
    if len(drills) != 1 or item.image is None:
        return None
    drill = next(iter(drills))
    grid = drawn_grid(item.image, fig.region, fig.tokens, fig.h)
    if grid is None or not grid.round or len(grid.pads) < 2:
        return None
    pitch = _axis_spacings(grid, {d.value.value for d in mine if _is_spacing(d.value)})
    if pitch is None:
        return None
    nx, ny = grid.count("x"), grid.count("y")
    px, py = pitch.get("x", 0.0), pitch.get("y", 0.0)
    if min(v for v in (px, py) if v) < drill + MIN_COPPER_GAP_MM:
        return None
    cells = _cells(grid)
    numbered = lattice_numbers(grid, fig.tokens, cells)
    if numbered is None:
        # pin numbers printed at the corners that no numbering of the drawn lattice fits
        # (a 12 where ten holes were found): a hole missed or one too many, not a count
        return None
    numbers, how = numbered
    size = round(min([drill + 2 * RING_MM] + [v - MIN_COPPER_GAP_MM for v in (px, py) if v]), 4)
    pads = _numbered_tht_pads(cells, nx, ny, numbers, px, py, size, drill)
    layout = " x ".join(f"{v:g}" for v in (px, py) if v)
    notes = (f"ocr: hole grid {nx} x {ny} drawn ({len(pads)} holes), diameter {drill:g} at "
             f"{layout} {units}; lands {size:g} (hole + 2 x {RING_MM} mm ring, not printed); "
             f"numbering {how}: check pin 1 against the drawing")
    return DatasheetReading(units=units, family="other", pin_count=len(pads), pads=pads,
                            notes=note_text(notes))


def _axis_spacings(grid, values) -> Optional[Dict[str, float]]:
    """The printed spacing of each axis the drawn lattice spans: one value for both (equal
    pixel spacings) or each its own, told apart by the drawing's proportions."""
    axes = [a for a in ("x", "y") if grid.count(a) > 1]
    if not axes or not values or len(values) > len(axes):
        return None
    px = {a: grid.centre_x if a == "x" else grid.centre_y for a in axes}
    if len(values) == 1:
        v = next(iter(values))
        if len(axes) == 2 and abs(px["x"] - px["y"]) > RATIO_TOLERANCE * max(px.values()):
            return None  # one printed spacing, two drawn ones
        return {a: v for a in axes}
    a, b = sorted(values)
    small, large = sorted(axes, key=lambda k: px[k])
    if abs(px[large] / px[small] - b / a) > RATIO_TOLERANCE * b / a:
        return None
    return {small: a, large: b}


def lattice_numbers(grid, tokens, cells: Optional[List[Tuple[int, int]]] = None
                    ) -> Optional[Tuple[Dict[int, str], str]]:
    """(pad index in grid.pads order -> number, how): from the pin numbers printed beside
    the lattice's corner pads, the one way of numbering (rows or columns first, from any
    corner, every row the same way or turning back as a DIP does) that every label found
    agrees with, given two labels or more; without corner labels, along the rows from the
    top left, said as unchecked; None where labels are printed that no numbering fits."""
    cells = cells if cells is not None else _cells(grid)
    labels = _corner_labels(grid, cells, tokens)
    nx, ny = grid.count("x"), grid.count("y")
    found = []
    for order in _orders(nx, ny):
        # a label may have lost a leading digit to OCR ("2" where 12 is printed), never
        # gained one; two labels at least read whole
        whole = sum(order.get(cell) == n for cell, n in labels.items())
        if whole >= 2 and all(str(order.get(cell)).endswith(str(n))
                              for cell, n in labels.items()) and order not in found:
            found.append(order)
    if len(found) == 1:
        order = found[0]
        printed = ", ".join(str(n) for n in sorted(labels.values()))
        return ({i: str(order[c]) for i, c in enumerate(cells)},
                f"from the printed pin numbers {printed}")
    if labels:
        return None
    default = _orders(nx, ny)[0]
    return ({i: str(default[c]) for i, c in enumerate(cells)},
            "not printed at the corners (along the rows from the top left)")


def _cells(grid) -> List[Tuple[int, int]]:
    """(column, row) of each pad of the drawn lattice, in grid.pads order."""
    cols = centre_levels([(b[0] + b[2]) / 2 for b in grid.pads], 0.5 * grid.pad_x)[0]
    rows = centre_levels([(b[1] + b[3]) / 2 for b in grid.pads], 0.5 * grid.pad_y)[0]

    def nearest(levels, v):
        return min(range(len(levels)), key=lambda i: abs(levels[i] - v))

    return [(nearest(cols, (b[0] + b[2]) / 2), nearest(rows, (b[1] + b[3]) / 2))
            for b in grid.pads]


def _corner_labels(grid, cells, tokens) -> Dict[Tuple[int, int], int]:
    """Whole numbers printed next to a corner pad (within one pad spacing, nearer it than
    any other pad), by the corner's cell."""
    nx, ny = grid.count("x"), grid.count("y")
    corners = {(0, 0), (nx - 1, 0), (0, ny - 1), (nx - 1, ny - 1)}
    reach = max(v for v in (grid.centre_x, grid.centre_y, grid.pad_x) if v)
    centres = [((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) for b in grid.pads]
    out: Dict[Tuple[int, int], int] = {}
    for t in tokens:
        text = t.text.strip()
        if not text.isdigit() or not 1 <= int(text) <= MAX_HOLES:
            continue
        dist = [((cx - t.cx) ** 2 + (cy - t.cy) ** 2) ** 0.5 for cx, cy in centres]
        i = min(range(len(dist)), key=dist.__getitem__)
        if dist[i] <= reach and cells[i] in corners:
            if out.get(cells[i], int(text)) != int(text):
                return {}  # two numbers at one corner: no labels to trust
            out[cells[i]] = int(text)
    return out


def _orders(nx: int, ny: int) -> List[Dict[Tuple[int, int], int]]:
    """Every plain numbering of an nx x ny lattice: along rows or along columns, from each
    corner, each line the same way or turning back (a DIP's); the first is along the rows
    from the top left."""
    out = []
    for along_rows in (True, False):
        for flip_x in (False, True):
            for flip_y in (False, True):
                for turn in (False, True):
                    order = {}
                    lines, per = (ny, nx) if along_rows else (nx, ny)
                    for line in range(lines):
                        for k in range(per):
                            j = per - 1 - k if turn and line % 2 else k
                            c, r = (j, line) if along_rows else (line, j)
                            c = nx - 1 - c if flip_x else c
                            r = ny - 1 - r if flip_y else r
                            order[(c, r)] = line * per + k + 1
                    out.append(order)
    return out


def _numbered_tht_pads(cells: List[Tuple[int, int]], nx: int, ny: int,
                       numbers: Dict[int, str], px: float, py: float, size: float,
                       drill: float) -> list:
    """Round through-hole lands at the lattice cells drawn, pad 1 rectangular, numbered as
    `numbers` says, every pad `inferred`."""
    from schemas.reading import ReadPad

    pads = []
    for i, (c, r) in enumerate(cells):
        x = round((c - (nx - 1) / 2.0) * px, 4)
        y = round((r - (ny - 1) / 2.0) * py, 4)
        number = numbers[i]
        pads.append(ReadPad(number=number, kind="tht",
                            shape="rect" if number == "1" else "circle", x=x, y=y,
                            size_x=size, size_y=size, drill=drill, inferred=True))
    return sorted(pads, key=lambda p: int(p.number))
