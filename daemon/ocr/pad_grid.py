"""Parts whose land pattern is a grid of equal pads (1x2, 2x2, or one or two rows of more)
and whose page names no family a footprint generator knows: SMD crystals (IQD CFPX, ECS
ECX, Jauch JTX), tactile switches, buzzers, small LEDs, sensors' LGA and WLP lands.

Their "Solder Pad Layout" / "Suggested land" / "PCB layout" figure gives one pad size and, on
each axis, the pads' centre spacing, their gap, or both. Read per axis from the figure's
callouts (axes as in daemon.ocr.package_callouts):

- a pad p, a gap g and a centre spacing c with c = g + p: two pads at c;
- the same number twice and another once ("1.4 0.8 1.4"): pad, gap, pad;
- two numbers a < b: pad and centres, gap and pad, pad and gap, gap and centres, inner and
  outer span, pad and the centres' offset from the centre line (ams), ... Where the
  figure's pads are drawn (filled, hatched or outlined:
  daemon.ocr.drawn_pads), the reading whose pad over centres is the drawing's wins; without
  them only the first three count, and the one whose gap is at least 0.1 mm and whose outer
  span fits the body (at most 1 mm over it) wins; nothing is read when several are left;
- one number: the pad's size, one pad on that axis;
- an axis the drawing shows three or more evenly spaced pads along: a pad size and a pitch
  (or the gap, or, for an even count, the innermost and outermost centres' offsets from
  the centre line) among its numbers, picked by the drawing's proportions only;
- pads drawn round or square: the pad size printed across one axis (a diameter) is the
  other's too.

Two numbers stacked in the figure are two dimension lines, not a limit pair: a land
pattern prints nominal sizes.

The grid's pads are numbered as KiCad's crystal footprints are: 2x2 counter-clockwise from
the bottom left (1 and 3, the crystal's terminals, diagonal, as every 4-pad crystal page
prints them), 1x2 left to right; two rows of more round as a DFN (pin 1 top left), a
guess the notes and the `inferred` marks leave to the reviewer. The result is an
explicit-pad reading (family "other"); every pad is marked `inferred`, since its position
is worked out from the spacings.
"""

import re
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Sequence, Tuple

from daemon.ocr.drawn_pads import RATIO_TOLERANCE, drawn_grid, drawn_pad_count
from daemon.ocr.land_solver import pad_gap_pad
from daemon.ocr.layout import line_height, once_per_page, page_text, squash
from daemon.ocr.numbers import PrintedValue, in_mm, toleranced_from_printed
from daemon.ocr.region_text import read_region_again
from daemon.ocr.tokens import OcrToken
from schemas.reading import note_text

CRYSTAL_WORDS = re.compile(r"CRYSTAL|XTAL|QUARTZ|RESONATOR")
MIN_GAP_MM = 0.1  # copper to copper: a 0.4 mm pitch WLP land leaves 0.17


@dataclass
class Axis:
    pad: float
    count: int  # pads along this axis: 1 or 2
    centre: Optional[float] = None


LAND_LABEL_LINES = 4.5  # text lines around a land figure that hold its dimension text


# A land-grid part's page that prints no land pattern: its bottom view's terminals are the
# pads (IPC-7351B sizes an LGA's land as its terminal, less for NSMD), mirrored from the top
# by the view; a grid of equal pads at centred positions is the same grid seen from above.
BOTTOM_VIEW_CAPTION = re.compile(r"BOTTOMVIE(?:V?W|VV)")  # W read as VW or VV
BOTTOM_VIEW_NOTE = ("; pads at the terminals of the package's bottom view (the page prints "
                    "no land pattern): lands as large as the terminals, pin numbers not read "
                    "(the view is mirrored): check both against the maker's land pattern")


def is_crystal(tokens: Sequence[OcrToken], hint: Optional[str] = None) -> bool:
    texts = ([hint] if hint else []) + [t.text for t in tokens if len(t.text) <= 90]
    return any(CRYSTAL_WORDS.search(squash(t)) for t in texts)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.011, 0.01 * b)


def _two_value_readings(a: float, b: float, classic: bool = False) -> List[Axis]:
    """Every way two numbers a < b can dimension two equal pads on one axis (`classic`:
    only pad and centres, or pad and gap either way round)."""
    out = []
    ways = [(a, b),  # pad and centres
            (b, a + b),  # gap and pad
            (a, a + b)]  # pad and gap
    if not classic:
        ways += [(b - a, b),  # gap and centres
                 ((b - a) / 2, (a + b) / 2),  # inner and outer span
                 (a, b - a),  # pad and outer span
                 (b - a, a),  # centres and outer span
                 (a, 2 * b)]  # pad and the centres' offset from the centre line
    for pad, centre in ways:
        pad, centre = round(pad, 4), round(centre, 4)
        if pad > 0 and centre - pad >= MIN_GAP_MM:
            reading = Axis(pad, 2, centre)
            if reading not in out:
                out.append(reading)
    return out


def solve_axis(values: Sequence[float], body: Optional[float],
               drawn_ratio: Optional[float] = None, drawn_count: Optional[int] = None,
               over_a_pad: Sequence[float] = (),
               drawn_mm: Optional[Tuple[float, float]] = None) -> Optional[Axis]:
    """One axis of the grid from the numbers printed along it (see the module docstring).
    `drawn_ratio` (pad over centres, in the drawing's pixels) and `drawn_count` (pads the
    figure draws along the axis), where the figure's pads were measured, choose between
    readings the numbers alone leave open and refuse one the drawing contradicts.
    `over_a_pad`: the values whose text sits within one drawn pad's extent along the axis
    (a pad's own size is written over it; a gap, a span or the centres between pads), so
    the readings that make one of them the pad go first. `drawn_mm`: the drawn pad and
    centres in mm at the scale of the other axis (solved from its printed sizes), which
    settles readings whose proportions alone tie."""
    vals = sorted({round(v, 4) for v in values if v > 0})
    if drawn_count is not None and drawn_count > 2:
        return _solve_row(vals, drawn_count, drawn_ratio)
    found: Optional[Axis] = None
    written = pad_gap_pad(values)  # "pad, gap, pad" along the axis (YXC: 1.4 0.8 1.4)
    if written is not None and written[2] == 2 and written[1] >= MIN_GAP_MM:
        pad, gap, _ = written
        found = Axis(pad, 2, round(pad + gap, 4))
    if found is None:
        for g in vals:
            for p in vals:
                if found is None and g != p and any(_close(g + p, c) for c in vals
                                                    if c not in (g, p)):
                    found = Axis(p, 2, round(g + p, 4))
    if found is None and len(vals) == 1:
        found = Axis(vals[0], 1)
    if found is not None:
        # The numbers say it: a drawing not to scale (ECS draws its 0.5 gap as wide as
        # its 0.85 pads) cannot overrule them, but one with more or fewer pads can.
        return found if drawn_count in (None, found.count) else None
    if len(vals) != 2:
        return None
    readings = [r for r in _two_value_readings(*vals) if drawn_count in (None, r.count)
                # no land reaching out past twice the body (On Shine's 4.4 and 8 are no
                # 4.4 pad at 16 mm centres beside a 6.4 mm switch)
                and (body is None or r.centre + r.pad <= 2 * body + 1.0)]
    if drawn_ratio is not None:
        # Lite-On's 0603: "0.8" over the right pad, "2.3" across both: 0.8 is a pad, so
        # not the inner span of 0.75 pads 1.55 apart that fits the proportions nearly as well
        # (a number over a pad may also be another view's, Jauch's: then as before)
        padded = [r for r in readings if any(_close(r.pad, v) for v in over_a_pad)]
        return (_closest(padded, drawn_ratio) if padded else None) or _closest(
            readings, drawn_ratio) or _to_scale(readings, drawn_mm)
    # No drawing to go by: pad and centres, or pad and gap either way round, where the
    # body leaves only one (the spans are what a crystal page's pads fit under).
    classic = _two_value_readings(*vals, classic=True)
    plausible = [r for r in classic if (body is None or r.centre + r.pad <= body + 1.0)]
    return plausible[0] if len(plausible) == 1 else None


SCALE_TOLERANCE = 0.12  # relative: a pad's pixels against its printed size, both axes


def _to_scale(readings: Sequence[Axis], drawn_mm: Optional[Tuple[float, float]]
              ) -> Optional[Axis]:
    """The one reading whose pad and centres are the drawn ones at the other axis's scale
    (Coilcraft's 0.98 pads at 2.37 centres, drawn 28 and 72 px at 30 px/mm, not 0.695 pads
    at 1.675 whose proportions are the same), or None."""
    if drawn_mm is None:
        return None
    pad, centre = drawn_mm
    fits = [r for r in readings if r.centre
            and abs(r.pad - pad) <= SCALE_TOLERANCE * r.pad
            and abs(r.centre - centre) <= SCALE_TOLERANCE * r.centre]
    return fits[0] if len(fits) == 1 else None


def _solve_row(vals: Sequence[float], count: int, ratio: Optional[float]) -> Optional[Axis]:
    """An axis the drawing shows `count` (3 or more) evenly spaced pads along: a pad size
    and a pitch (or the gap between pads) among the printed values, the pair whose pad
    over pitch the drawing's proportions pick."""
    if ratio is None:
        return None
    readings: List[Axis] = []
    for pad in vals:
        for other in vals:
            pitches = [other, round(pad + other, 4)]  # a pitch, or the gap
            if count % 2 == 0 and any(_close(v, (count - 1) * other) for v in vals):
                # the innermost and outermost centres' offsets from the centre line
                # (ams: 4X 0.400 and 4X 1.200 about it, a 0.8 pitch)
                pitches.append(round(2 * other, 4))
            for pitch in pitches:
                reading = Axis(pad, count, pitch)
                if other != pad and pitch - pad >= MIN_GAP_MM and reading not in readings:
                    readings.append(reading)
    return _closest(readings, ratio)


def _closest(readings: Sequence[Axis], ratio: float) -> Optional[Axis]:
    """The reading whose pad over centres is the drawing's, where it alone comes within
    RATIO_TOLERANCE and the next best is at least twice as far off."""
    scored = sorted((abs(r.pad / r.centre - ratio) / ratio, i) for i, r in enumerate(readings)
                    if r.centre)
    if not scored or scored[0][0] > RATIO_TOLERANCE:
        return None
    if len(scored) > 1 and scored[1][0] < 2 * scored[0][0] + 0.02:
        return None
    return readings[scored[0][1]]


def grid_pads(x: Axis, y: Axis, shape: str = "rect") -> List[dict]:
    """Pad dicts (ReadPad fields) of the grid: a 2 x 2 numbered as KiCad's crystals, two
    rows of more numbered round as a DFN's (pin 1 top left, down the first column and back
    up the second), one row left to right or top to bottom."""
    xs, ys = _positions(x), _positions(y)
    if len(xs) == 2 and len(ys) == 2:  # ccw from bottom left (y grows downwards)
        order = [(xs[0], ys[1]), (xs[1], ys[1]), (xs[1], ys[0]), (xs[0], ys[0])]
    elif len(xs) == 2:
        order = [(xs[0], py) for py in ys] + [(xs[1], py) for py in reversed(ys)]
    elif len(ys) == 2:
        order = [(px, ys[1]) for px in xs] + [(px, ys[0]) for px in reversed(xs)]
    else:
        order = [(px, py) for py in ys for px in xs]
    return [dict(number=str(i + 1), kind="smd", shape=shape, x=round(px, 4), y=round(py, 4),
                 size_x=x.pad, size_y=y.pad, inferred=True) for i, (px, py) in enumerate(order)]


def _positions(axis: Axis) -> List[float]:
    """Pad centres along one axis, about zero."""
    if axis.count < 2 or not axis.centre:
        return [0.0]
    return [(i - (axis.count - 1) / 2) * axis.centre for i in range(axis.count)]


def axis_values(dims, region: Tuple[float, float, float, float]) -> Dict[str, List[float]]:
    """Plain sizes (no counts, no limits) inside `region`, per measured axis."""
    out: Dict[str, List[float]] = {"x": [], "y": []}
    for d in dims:
        if not centre_inside(d.box, region):
            continue
        if d.axis not in out or d.value.qualifier in ("MAX", "MIN"):
            continue
        if "." not in d.value.text and not whole_size(d):
            continue
        v = d.value
        if d.halves and v.text.count("/") == 1 and v.lo is not None and v.hi is not None:
            # A land figure prints nominal sizes: two numbers stacked in it are two
            # dimension lines (the switch's 6.5 between its pads over the 9.5 across them),
            # not a limit pair.
            out[d.axis] += [v.lo, v.hi]
        else:
            out[d.axis].append(v.value)
    return out


def whole_size(dim) -> bool:
    """A whole number the drawing dimensions (C&K's 6 between pad centres): 2 mm or more,
    on a dimension line (its axis found on the drawing). Smaller whole numbers on a land
    figure are pin numbers more often than sizes."""
    return dim.axis is not None and re.fullmatch(r"\d{1,2}", dim.value.text.strip()) is not None \
        and 2 <= dim.value.value <= 30


def body_sizes(dims, land_box, figs: Sequence = ()) -> Dict[str, float]:
    """body_values as sizes in mm."""
    return {axis: v.value for axis, v in body_values(dims, land_box, figs).items()}


def body_values(dims, land_box, figs: Sequence = (), neighbours: Sequence = ()
                ) -> Dict[str, PrintedValue]:
    """The body: the largest size outside the land figure on each axis (a crystal's
    outline is the largest thing drawn; its MAX limits count; a diameter, a switch's
    plunger, is no side of it). Where the page's figures are known and one view alone
    prints sizes on both axes, that view is the top view and the body is its: a side view's
    span over the terminals is no body side (the 6x6 switch's 8.6 beside its 6 x 6)."""
    from daemon.ocr.figures import box_distance, box_inside, nearest_figure

    land_figs = {i for i, f in enumerate(figs) if box_inside(f.box, land_box)}
    # Sizes in the land figure's margin that label another figure (a top view beside the
    # land pattern: QRE1113GR's 3.60/3.20) count where that other figure is the nearest.
    beside = [d for d in neighbours
              if land_figs and nearest_figure(d.box, figs) not in land_figs]
    every = list(dims) + beside
    sizes = [d for d in every if d.axis in ("x", "y") and "." in d.value.text
             and not d.value.diameter and 0.8 <= d.value.value <= 15
             and (not centre_inside(d.box, land_box) or any(d is b for b in beside))
             and not _table_cell(d, every)]
    views = [f for f in figs if not box_inside(f.box, land_box)]
    if views:
        by_view: Dict[int, list] = {}
        for d in sizes:
            by_view.setdefault(nearest_figure(d.box, views), []).append(d)
        both = [k for k, g in by_view.items() if {d.axis for d in g} == {"x", "y"}]
        if len(both) > 1:
            # A side view prints both axes too (the tips' span, the height): the top view
            # is the one whose leads carry pin numbers.
            # A number far from every view (a numbered list's "1.") labels none.
            near = [(nearest_figure(d.box, views), d) for d in dims if _pin_label(d)]
            labelled = {k for k, d in near
                        if box_distance(d.box, views[k].box) <= 3 * (d.box[3] - d.box[1])}
            both = [k for k in both if k in labelled] if len(labelled & set(both)) == 1 \
                else both
        if len(both) > 1:
            # Neither carries pin numbers: the top view is the larger (On Shine's switch,
            # 5.2 x 6.4 over a side view's 2.2 x 1.6).
            extent = {k: max(d.value.value for d in by_view[k] if d.axis == "x")
                      * max(d.value.value for d in by_view[k] if d.axis == "y") for k in both}
            ranked = sorted(both, key=extent.get, reverse=True)
            both = ranked[:1] if extent[ranked[0]] >= 4 * extent[ranked[1]] else both
        if len(both) == 1:
            sizes = by_view[both[0]]
    out: Dict[str, PrintedValue] = {}
    for axis in ("x", "y"):
        vals = [d.value for d in sizes if d.axis == axis]
        if vals:
            out[axis] = max(vals, key=lambda v: v.value)
    return out


TABLE_ROW_SIZES = 4  # this many sizes on one line, in two lines or more, make a table


def _table_cell(dim, dims) -> bool:
    """`dim` is a table's cell (Coilcraft's current ratings, "11.0" over "9.1" read as a
    limit pair), no body: a row of TABLE_ROW_SIZES sizes or more on its line, and another
    such row above or below with a size in its column. Views side by side print their
    sizes on one line too, but not in columns of full rows."""
    def line(d):
        cy = (d.box[1] + d.box[3]) / 2
        return [e for e in dims if e.box[1] <= cy <= e.box[3]]

    row = line(dim)
    if len(row) < TABLE_ROW_SIZES:
        return False
    column = [d for d in dims if d not in row and min(d.box[2], dim.box[2])
              > max(d.box[0], dim.box[0])]
    return any(len(line(d)) >= TABLE_ROW_SIZES for d in column)


def side_view_height(dims, land_box, figs: Sequence, body: Dict[str, PrintedValue]
                     ) -> Optional[PrintedValue]:
    """A leaded part's seated height (QRE1113GR's 1.70/1.50) as a side view beside the land
    pattern prints it (package_callouts.side_view_height), the land's own sizes left out."""
    from daemon.ocr.figures import box_inside, nearest_figure
    from daemon.ocr.package_callouts import side_view_height as on_a_side_view

    if not figs or len(body) != 2:
        return None
    land = {i for i, f in enumerate(figs) if box_inside(f.box, land_box)}
    outside = [d for d in dims if nearest_figure(d.box, figs) not in land]
    found = {"body_length": body["x"], "body_width": body["y"]}
    return on_a_side_view(outside, list(figs), found, None)


def _pin_label(d) -> bool:
    """A bare pin number beside a lead ("1" .. "99", no point, no tolerance)."""
    return d.value.lo is None and re.fullmatch(r"\d{1,2}", d.value.text.strip()) is not None \
        and 1 <= d.value.value <= 99


def seated_height(dims, land_box, body: Dict[str, float]) -> Optional[float]:
    """A crystal's height: the smallest MAX (or ± size) outside the land figure that is
    below both body sizes and not a pad detail (0.3 mm or more)."""
    limit = min(body.values()) if body else 10.0
    vals = [d.value for d in dims if not centre_inside(d.box, land_box) and "." in d.value.text
            and 0.3 <= d.value.value < limit and (d.value.qualifier == "MAX"
                                                  or d.value.tolerance)]
    maxes = [v for v in vals if v.qualifier == "MAX"]
    pick = maxes or vals
    return min(v.value for v in pick) if len(pick) == 1 else None


_CONNECTIONS = re.compile(r"PADCONNECTION|PINCONNECTION|PINASSIGNMENT|PADASSIGNMENT|"
                          r"PINFUNCTION|PINOUT")


def connection_count(tokens: Sequence[OcrToken], h: float) -> Optional[int]:
    """The pads a "Pad Connections" list numbers (IQD: "1. Crystal ... 4. GND"; ECS: a
    table 1-4), or None without such a list."""
    heads = [t for t in tokens if _CONNECTIONS.search(squash(t.text)) and len(t.text) < 40]
    if not heads:
        return None
    head = heads[0]
    numbers = []
    for tok in tokens:
        if 0 < tok.cy - head.cy < 8 * h and abs(tok.box[0] - head.box[0]) < 12 * h:
            m = re.match(r"^\s*([1-9])\s*(?:[.:)]|$|\s+[A-Za-z])", tok.text)
            if m:
                numbers.append(int(m.group(1)))
    return max(numbers) if numbers else None


def centre_inside(box, region) -> bool:
    """The box's centre lies in `region` (None: nowhere)."""
    if region is None:
        return False
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return region[0] <= cx <= region[2] and region[1] <= cy <= region[3]


def _grid_beside(image, fig: "LandFigure", tokens, h: float):
    """The drawn grid of the land figure's label region where the figure itself holds only
    part of it (Coilcraft's left pad drawn joined to its dimension lines, the right pad a
    figure of its own): taken only where one of its pads lies in the figure."""
    from daemon.ocr.figures import box_inside

    if image is None:
        return None
    grid = drawn_grid(image, fig.region, tokens, h)
    if grid is None:
        return None
    return grid if any(box_inside(pad, fig.box) for pad in grid.pads) else None


def _gap_axes(dims, drawn) -> list:
    """The sizes written in the gap between two drawn pads, beyond the pads' own extent
    across it (Osram's "0.9 (0.035)" under the space between its pads), measure along the
    pads' row, whatever axis the lines about the text suggested (the pads' extension lines
    beside it read as an upright dimension)."""
    if drawn is None or len(drawn.pads) < 2:
        return list(dims)
    out = []
    for d in dims:
        centre = ((d.box[0] + d.box[2]) / 2, (d.box[1] + d.box[3]) / 2)
        for k, axis in ((0, "x"), (1, "y")):
            across = 1 - k
            lo = min(p[across] for p in drawn.pads)
            hi = max(p[across + 2] for p in drawn.pads)
            reach = 1.5 * (drawn.pad_y if axis == "x" else drawn.pad_x)  # next to the pads
            in_gap = any(a[k + 2] < centre[k] < b[k]
                         for a in drawn.pads for b in drawn.pads if a is not b)
            beside = lo - reach <= centre[across] < lo or hi < centre[across] <= hi + reach
            if in_gap and beside and "." in d.value.text and d.axis != axis:
                d = replace(d, axis=axis)
        out.append(d)
    return out


def _over_a_pad(dims, region, drawn, axis: str) -> List[float]:
    """The plain sizes measured along `axis` whose text's centre lies within one drawn
    pad's extent along it."""
    if drawn is None:
        return []
    k = 0 if axis == "x" else 1
    spans = [(pad[k], pad[k + 2]) for pad in drawn.pads]
    return [d.value.value for d in dims if d.axis == axis and centre_inside(d.box, region)
            and any(lo <= (d.box[k] + d.box[k + 2]) / 2 <= hi for lo, hi in spans)]


def _drawn(drawn, axis: str) -> Tuple[Optional[float], Optional[int]]:
    return (None, None) if drawn is None else (drawn.ratio(axis), drawn.count(axis))


@dataclass
class LandFigure:
    """A page's land figure with its sizes, axes found from the drawing."""

    box: Tuple[float, float, float, float]
    region: Tuple[float, float, float, float]  # where its own dimension text sits
    dims: list  # package_callouts.Dim, the page's sizes (those of the figure in region)
    tokens: List[OcrToken]  # the page's text runs, turned ones included
    h: float
    figures: tuple = ()  # the page's figures (daemon.ocr.figures), the land's among them
    # Sizes in the land's region that label another figure (a top view beside the land
    # pattern): no land sizes, but the body's.
    neighbours: list = field(default_factory=list)


def land_figure_dims(item, again: bool = False, bottom_view: bool = False
                     ) -> Optional[LandFigure]:
    """The land figure of a page that has one (a heading or caption against it), with the
    page's sizes; a number between two figures goes to the nearer one. None without.
    `again`: with the figure's own text read again (region_text.read_region_again: asked
    for only when the page's own text did not read it). `bottom_view`: the figure a
    "BOTTOM VIEW" caption sits against instead (a land-grid part's terminals, for a page
    that prints no land pattern). Worked out once per page each way (the pad grid and the
    hole row both ask)."""
    key = ("land_figure_dims" + ("_again" if again else "")
           + ("_bottom_view" if bottom_view else ""))
    return once_per_page(item, key, lambda: _land_figure_dims(item, again, bottom_view))


def _land_figure_dims(item, again: bool, bottom_view: bool = False) -> Optional[LandFigure]:
    from daemon.ocr.callouts import LAND_HEADING, collect, heading_tokens
    from daemon.ocr.drawing import Drawing
    from daemon.ocr.figures import figures, label_region, land_figure
    from daemon.ocr.package_callouts import axis_of, stacked_limits

    page = item.page
    if item.image is None:
        return None
    h = line_height(page.tokens)
    tokens = page_text(item)
    figs = figures(item.image, tokens, h)
    heads = heading_tokens(tokens, BOTTOM_VIEW_CAPTION if bottom_view else LAND_HEADING)
    land = land_figure(figs, heads, h, tokens) if heads else None
    if land is None:
        return None
    drawing = Drawing(item.image, threshold=200)
    # A land figure's outer dimensions stack further out than a drawing's (pad edges, then
    # pad centres: C&K's 4.5 under its 6), and faint dimension lines are not figure ink.
    region = label_region(land, h, lines=LAND_LABEL_LINES)
    # Asked again: the land figure's text read on its own, the whole page's turned pass
    # having read it shrunk and lost small sizes (the 5.6 beside a switch's 3.4).
    added, misread = read_region_again(item, region, tokens) if again else ([], set())
    tokens = [t for t in tokens if id(t) not in misread] + added
    callouts = collect(tokens, (0, 0, page.width, page.height))
    # A number between two figures labels the nearer one (the underside view's terminal
    # size beside the land pattern is not a pad size).
    nearest = {id(t) for t in land.tokens} | {id(t) for t in added}
    # ... except a hole callout ("4xØ1.0" on a leader): holes belong to the land figure
    own = [c for c in callouts if id(c.token) in nearest
           or not centre_inside(c.token.box, region)
           or c.value.diameter and c.value.multiplier]
    kept = {id(c) for c in own}
    dims = stacked_limits(own, h)
    neighbours = stacked_limits([c for c in callouts if id(c) not in kept], h)
    for d in dims + neighbours:
        d.axis = d.axis or axis_of(drawing, d.box, h, hugging=True)
    return LandFigure(land.box, region, dims, tokens, h, tuple(figs), neighbours)


def read_grid(item, family_hint: Optional[str] = None, again: bool = False,
              bottom_view: bool = False):
    """A page whose land figure (or, with `bottom_view`, whose captioned bottom view) is a
    grid of equal pads -> DatasheetReading (family 'other', explicit pads), or None."""
    from daemon.ocr.ball_lattice import read_ball_lattice

    fig = land_figure_dims(item, again, bottom_view)
    if fig is None:
        return None
    grid = _read_full_grid(item, fig)
    if grid is None:
        # round lands on a lattice with positions left out (a WLCSP less its centre)
        grid = read_ball_lattice(item.image, fig, fig.tokens, fig.h)
    if grid is None or not bottom_view:
        return grid
    return grid.model_copy(update={"notes": note_text(grid.notes + BOTTOM_VIEW_NOTE)})


def _read_full_grid(item, fig: "LandFigure"):
    from schemas.reading import DatasheetReading, ReadPad
    from schemas.toleranced import Toleranced

    dims, region, tokens, h = fig.dims, fig.region, fig.tokens, fig.h
    # sizes marked in inches (Linx's pad layout, 0.040" pads 0.260" apart) in mm
    dims = [replace(d, value=in_mm(d.value)) for d in dims]
    printed_body = body_values(dims, region, fig.figures, fig.neighbours)
    body = {axis: v.value for axis, v in printed_body.items()}
    drawn = drawn_grid(item.image, fig.box, tokens, h) or _grid_beside(item.image, fig,
                                                                      tokens, h)
    dims = _gap_axes(dims, drawn)
    per_axis = axis_values(dims, region)
    ax = solve_axis(per_axis["x"], body.get("x"), *_drawn(drawn, "x"),
                    over_a_pad=_over_a_pad(dims, region, drawn, "x"))
    ay = solve_axis(per_axis["y"], body.get("y"), *_drawn(drawn, "y"),
                    over_a_pad=_over_a_pad(dims, region, drawn, "y"))
    if drawn is not None and (ax is None) != (ay is None):
        # one axis solved: its printed pad over its drawn pixels is the drawing's scale
        # (a land figure is drawn alike both ways), which the other's readings must fit
        done, todo = ("x", "y") if ay is None else ("y", "x")
        solved = ax if ay is None else ay
        px_per_mm = (drawn.pad_x if done == "x" else drawn.pad_y) / solved.pad
        pad_px = drawn.pad_x if todo == "x" else drawn.pad_y
        centre_px = drawn.centre_x if todo == "x" else drawn.centre_y
        if centre_px:
            again = solve_axis(per_axis[todo], body.get(todo), *_drawn(drawn, todo),
                               over_a_pad=_over_a_pad(dims, region, drawn, todo),
                               drawn_mm=(pad_px / px_per_mm, centre_px / px_per_mm))
            ax, ay = (ax, again) if todo == "y" else (again, ay)
    if drawn is not None and drawn.square() and (ax is None) != (ay is None):
        # Pads drawn round or square are as long as they are wide: the size printed
        # across one axis (a diameter, usually) is the other's too.
        if ay is None:
            ay = solve_axis(per_axis["y"] + [ax.pad], body.get("y"), *_drawn(drawn, "y"))
        else:
            ax = solve_axis(per_axis["x"] + [ay.pad], body.get("x"), *_drawn(drawn, "x"))
    if ax is None or ay is None or ax.count * ay.count < 2:
        return None
    listed = connection_count(tokens, h)
    if listed is not None and listed != ax.count * ay.count:
        return None  # the page lists more (or fewer) pads than the figure was read with
    if item.image is not None:
        # The pads the figure draws against the grid's positions: a WLCSP's 3 x 3 less its
        # centre (8 drawn) is not the 2 x 2 its first sizes make (more pads drawn than the
        # grid has), nor a full 3 x 3 (a grid of three or more both ways, read from its
        # sizes alone, with fewer drawn). A small grid may draw fewer filled: some hatched.
        shown = drawn_pad_count(item.image, fig.box, tokens, h)
        positions = ax.count * ay.count
        if shown > positions or (drawn is None and min(ax.count, ay.count) >= 3
                                 and 2 <= shown < positions):
            return None
    # pads drawn round, as wide as long: circles (a WLP's lands), not rectangles
    shape = "circle" if drawn is not None and drawn.round and ax.pad == ay.pad else "rect"
    pads = [ReadPad(**p) for p in grid_pads(ax, ay, shape)]
    fields = {}
    if "x" in body and "y" in body:
        # body_length is x and body_width y, as the pads are laid out (family 'other')
        # as printed: a limit pair's limits, so that grounding finds them on the page
        fields["body_length"] = toleranced_from_printed(printed_body["x"],
                                                        "datasheet_drawing")
        fields["body_width"] = toleranced_from_printed(printed_body["y"], "datasheet_drawing")
        height = seated_height(dims, region, body)
        if height is not None:
            fields["height"] = Toleranced(max=height, source="datasheet_drawing")
        else:
            side = side_view_height(dims + fig.neighbours, region, fig.figures, printed_body)
            if side is not None:
                fields["height"] = toleranced_from_printed(side, "datasheet_drawing")
    notes = (f"ocr: pad grid {ax.count}x{ay.count} (pad {ax.pad:g} x {ay.pad:g} mm, centres "
             f"{ax.centre or 0:g} x {ay.centre or 0:g}); positions from the spacings")
    if max(ax.count, ay.count) > 2:
        notes += ("; numbered round from the top left as a DFN, not read: check pin 1 and "
                  "the numbers against the page")
    return DatasheetReading(units="mm", family="other", pin_count=len(pads), pads=pads,
                            notes=note_text(notes), **fields)


def named_as_balls(reading, tokens: Sequence[OcrToken], land: Sequence[OcrToken] = ()):
    """A grid of round lands (a WLP's or a small BGA's) on pages that label the ball rows
    with letters and the columns with numbers (MEMSIC's A/B and 1/2): its pads take the
    ball names instead of a crystal's 1-4. Where the land figure's own page labels them
    (`land`, each once), the labels' places say which row and column is which (GlobalMEMS'
    footprint: C over B over A); else A1 is at the top left as the board sees it (JEDEC).
    Unchanged where the pads are not all round or the labels are not all printed."""
    from footprint_writer.builder.bga import row_name

    pads = reading.pads
    if len(pads) < 2 or any(p.shape != "circle" for p in pads):
        return reading
    ys = sorted({round(p.y, 4) for p in pads})
    xs = sorted({round(p.x, 4) for p in pads})
    rows = [row_name(i) for i in range(len(ys))]
    cols = [str(i + 1) for i in range(len(xs))]
    placed = {t.text.strip(): t for t in land if t.text.strip() in rows + cols}
    if len(placed) == len(rows) + len(cols) and all(
            sum(1 for t in land if t.text.strip() == k) == 1 for k in placed):
        rows = sorted(rows, key=lambda k: placed[k].cy)
        cols = sorted(cols, key=lambda k: placed[k].cx)
    elif not set(rows) <= {t.text.strip() for t in tokens} \
            or not set(cols) <= {t.text.strip() for t in tokens}:
        return reading
    named = [p.model_copy(update={"number": rows[ys.index(round(p.y, 4))]
                                  + cols[xs.index(round(p.x, 4))]}) for p in pads]
    note = ("; pads named as the page's ball rows and columns, A1 top left seen from the "
            "top: check against its ball map")
    return reading.model_copy(update={"pads": named,
                                      "notes": note_text(reading.notes + note)})
