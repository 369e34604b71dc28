"""Package outlines drawn without a table: the sizes printed on the drawing itself.

Most makers that print no dimension table write each size beside its dimension line:
a limit pair stacked max over min (TI: `3.1` over `2.9`) or min over max (Diodes:
`2.820(0.111)` over `3.100(0.122)`), a range (`1.50 - 1.75`), a tolerance (`2.90±0.10`),
or one value with BSC / TYP / MAX. Which size is which follows from the drawing, not from
the page's template:

- the axis a size measures is the direction of its dimension line, found in the pixels
  next to the text (daemon.ocr.drawing): a long horizontal run beside it is an x size,
  a long vertical run a y size;
- leaded two-row parts: across the rows two sizes nest, tip to tip E and the body E1
  (E - E1 is two feet, 0.25 to 3.5 mm); the largest size on the other axis is the body
  length D. Only one axis may fit that pattern, else nothing is assigned;
- no-lead parts (QFN, DFN, SON): the largest size on each axis is the body;
- quad leaded parts (QFP): on each axis the largest is tip to tip, the next the body;
- two-terminal molded parts (SMA, SOD): along the terminals tip to tip nests over the body,
  which is longer than it is wide;
- TO-220 (front and side views, nothing nests): each size by the JEDEC range it falls
  in (JEDEC_WINDOWS), only where one printed range falls in it;
- the seated height is the title's "1.1 max height" (TI), else the one MAX value, else
  the largest size on a side view (side_view_height), within the family's heights.

Pitch multiples (pins 1 to 3, `1.90`) are never body sizes. Where the drawing does not
settle a size it is left out, and the builder says what is missing.
"""

import re
from dataclasses import dataclass, replace
from typing import Dict, List, Optional, Sequence

from daemon.ocr.callouts import TWO_TERMINAL_FAMILIES, Callout
from daemon.ocr.dual_units import one_unit
from daemon.ocr.figures import Figure, nearest_figure
from daemon.ocr.jedec_bodies import JEDEC_BODIES, outline_windows, tallest
from daemon.ocr.layout import next_line_under, squash
from daemon.ocr.numbers import PrintedValue, parse_values
from daemon.ocr.pitches import family_pitches
from daemon.ocr.tokens import OcrToken

TWO_ROW_LEADED = ("sot23", "soic", "ssop", "tssop", "msop")

NO_LEAD = ("qfn", "dfn", "son")
TWO_TERMINAL_LEADED = ("molded", "sod")
_MIN_BODY_MM = 0.8
# Two-row gull-wing outlines: the body is at least this share of the tip-to-tip span (SOT-223
# 0.5, SOT-23 0.57, SOIC 0.65); a smaller "body" is a side view's thickness (LTC's TSOT-23
# 0.80-0.90 against 2.90).
_MIN_BODY_TO_TIPS = 0.45
# Two-row gull-wing parts span at most this tip to tip across their rows (the widest JEDEC
# outlines: MS-013 wide SOIC E 10.65 max, MO-118 wide SSOP 10.67 max); a larger "size" on
# that axis is a length or an OCR misreading (Toshiba's "+0.1" tolerance read as 40.1).
_MAX_TWO_ROW_TIPS_MM = 12.5
# Across a two-row gull-wing part, tip to tip exceeds the body by its two feet: from SC-70's
# 0.85 (2.10 over 1.25) to a wide SOIC's 3 mm; under 0.6 the pair is one size misread twice
# (a range's two ends), not tips over a body.
_FEET_MM = (0.6, 3.5)
_TITLE_HEIGHT = re.compile(r"(\d+(?:\.\d+)?)(?:MM)?MAX\.?HEIGHT")


@dataclass
class Dim:
    """One printed size of the outline: its value, where it is written, the axis it
    measures (x, y, or None when the drawing does not say)."""

    value: PrintedValue
    box: tuple
    axis: Optional[str] = None
    halves: tuple = ()  # a limit pair stacked on two lines: each line's box


def has_limit_legend(tokens: Sequence[OcrToken], h: float) -> bool:
    """A key of the words MAX, TYP and MIN on their own, close together (Avia: "Typ" left,
    MAX over MIN right): each size is printed nominal, maximum, minimum in that layout."""
    words = {}
    for tok in tokens:
        word = squash(tok.text).rstrip(".")
        if word in ("MAX", "MIN", "TYP", "NOM"):
            words.setdefault("TYP" if word == "NOM" else word, tok)
    if set(words) != {"MAX", "MIN", "TYP"}:
        return False
    mx, mn, typ = words["MAX"], words["MIN"], words["TYP"]
    return (mx.cy < mn.cy and typ.cx < min(mx.cx, mn.cx)
            and max(t.cy for t in words.values()) - min(t.cy for t in words.values()) < 5 * h)


def _legend_triples(callouts: Sequence[Callout], h: float, used: set) -> List[Dim]:
    """Under a MAX/TYP/MIN key: `9.90 10.10` (nominal, maximum) with `9.70` under the
    maximum is one size 9.70 / 9.90 / 10.10."""
    out = []
    by_token: dict = {}
    for c in callouts:
        by_token.setdefault(id(c.token), []).append(c)
    for group in by_token.values():
        vals = [c.value for c in group]
        if len(vals) == 2 and vals[0].value < vals[1].value:
            nom, mx = vals[0].value, vals[1].value
        elif len(vals) == 1 and vals[0].is_range:
            nom, mx = vals[0].lo, vals[0].hi
        else:
            continue
        tok = group[0].token
        below = [c for c in callouts if id(c) not in used and c.token is not tok
                 and _single(c.value) and 0 < c.token.cy - tok.cy < 1.7 * h
                 and tok.cx - h < c.token.cx < tok.box[2] + h and c.value.value < nom]
        if not below:
            continue
        low = min(below, key=lambda c: c.token.cy)
        used.update(id(c) for c in group)
        used.add(id(low))
        value = PrintedValue(nom, low.value.value, mx, text=f"{tok.text}/{low.value.text}",
                             tolerance=True)
        out.append(Dim(value, (tok.box[0], tok.box[1], max(tok.box[2], low.token.box[2]),
                               low.token.box[3]), halves=(tok.box, low.token.box)))
    return out


def stacked_limits(callouts: Sequence[Callout], h: float, legend: bool = False
                   ) -> List[Dim]:
    """Callouts as sizes, with two single values stacked at one place (within 1.7 lines,
    centred alike) joined into one limit pair min..max; under a MAX/TYP/MIN key
    (`has_limit_legend`) the nominal, maximum, minimum triples first."""
    order = sorted(callouts, key=lambda c: (c.token.cy, c.token.cx) if not c.token.vertical
                   else (c.token.cx, c.token.cy))
    used: set = set()
    out: List[Dim] = _legend_triples(order, h, used) if legend else []
    for upper in order:
        if id(upper) in used:
            continue
        used.add(id(upper))
        v = upper.value
        box = upper.token.box
        halves: tuple = ()
        label = next((k.rstrip(".") for k in upper.keywords if k.rstrip(".") in ("MAX", "MIN")),
                     None)
        if v.qualifier is None and label and not v.is_range:
            out.append(Dim(replace(v, qualifier=label), box, "y" if upper.token.vertical
                           else None))
            continue
        if v.qualifier == "MIN" and _plain(v):
            # "10.00 MIN/" over "10.65 MAX" (Micron): one size's two limits
            below = [c for c in order if id(c) not in used and c.value.qualifier == "MAX"
                     and _plain(c.value) and c.token.vertical == upper.token.vertical
                     and next_line_under(upper.token, c.token, h) and c.value.value > v.value]
            if below:
                lower = min(below, key=lambda c: c.token.cy)
                used.add(id(lower))
                lo, hi = v.value, lower.value.value
                v = replace(v, value=round((lo + hi) / 2, 6), lo=lo, hi=hi, qualifier=None,
                            text=f"{v.text}/{lower.value.text}", tolerance=False)
                t = lower.token.box
                halves = (box, t)
                box = (min(box[0], t[0]), box[1], max(box[2], t[2]), t[3])
        if _single(v, typ=True):
            below = [c for c in order if id(c) not in used and _single(c.value, typ=True)
                     and (v.qualifier is None or c.value.qualifier is None)
                     and c.token.vertical == upper.token.vertical
                     and next_line_under(upper.token, c.token, h)]
            if below:
                lower = min(below, key=lambda c: c.token.cy)
                lo, hi = sorted((v.value, lower.value.value))
                third = _third_of_triple(order, used, upper, lower, h)
                if third is not None:
                    # Analog Devices: maximum over nominal over minimum, one value a line.
                    used.update((id(lower), id(third)))
                    top, mid, low = v.value, lower.value.value, third.value.value
                    v = replace(v, value=mid, lo=low, hi=top, tolerance=False,
                                text=f"{v.text}/{lower.value.text}/{third.value.text}")
                    t = third.token.box
                    halves = (box, t)
                    box = (min(box[0], t[0]), box[1], max(box[2], t[2]), t[3])
                elif hi > 0 and lo != hi and (lo / hi >= 0.5 or lo / hi >= 0.3 and
                                              _dual_unit_run(upper) and _dual_unit_run(lower)):
                    # Unrelated sizes seldom stack; two limits a factor of two or more
                    # apart only where both are printed in both units alike (TI's foot
                    # length: "0.050 (1,27)" over "0.016 (0,40)").
                    used.add(id(lower))
                    # TI prints "5.05 TYP" over "4.75": TYP marks the pair, a limit pair.
                    v = replace(v, value=round((lo + hi) / 2, 6), lo=lo, hi=hi,
                                qualifier=v.qualifier or lower.value.qualifier,
                                text=f"{v.text}/{lower.value.text}", tolerance=False)
                    t = lower.token.box
                    halves = (box, t)
                    box = (min(box[0], t[0]), box[1], max(box[2], t[2]), t[3])
        # Text written upwards runs along its dimension line (aligned dimensioning).
        out.append(Dim(v, box, "y" if upper.token.vertical else None, halves))
    return out


def _third_of_triple(order: Sequence[Callout], used: set, upper: Callout, middle: Callout,
                     h: float) -> Optional[Callout]:
    """The minimum under a maximum over a nominal (`1.30` / `1.15` / `0.90`): a third plain
    value stacked under `middle`, the three strictly falling, none more under them."""
    if upper.value.qualifier or middle.value.qualifier:
        return None
    top, mid = upper.value.value, middle.value.value
    if not top > mid:
        return None
    under = [c for c in order if id(c) not in used and c is not upper and c is not middle
             and _single(c.value) and c.token.vertical == middle.token.vertical
             and next_line_under(middle.token, c.token, h)]
    if not under:
        return None
    low = min(under, key=lambda c: c.token.cy if not c.token.vertical else c.token.cx)
    bottom = low.value.value
    if not (mid > bottom > 0 and bottom / top >= 0.5):
        return None
    # Four stacked are two pairs (TI's SC-70: 2.4 over 1.8, then 1.4 over 1.1), not a triple.
    if any(id(c) not in used and c not in (upper, middle, low) and _single(c.value)
           and c.token.vertical == low.token.vertical and next_line_under(low.token, c.token, h)
           for c in order):
        return None
    return low


def _plain(v: PrintedValue) -> bool:
    """One value, no limits, count, brackets or diameter (its qualifier aside)."""
    return (v.lo is None and v.hi is None and v.multiplier is None and not v.paren
            and not v.diameter)


def _dual_unit_run(c: Callout) -> bool:
    """The callout's text run prints one length in both units ("0.016 (0,40)")."""
    values = parse_values(c.token.text)
    return len(values) == 2 and len(one_unit(values)) == 1


def _single(v: PrintedValue, typ: bool = False) -> bool:
    """One plain value (`typ`: or one marked TYP, half of a stacked limit pair)."""
    return (v.lo is None and v.hi is None and v.multiplier is None and not v.paren
            and (v.qualifier is None or (typ and v.qualifier == "TYP"))
            and "." in v.text and not v.diameter)


def title_height(tokens: Sequence[OcrToken]) -> Optional[PrintedValue]:
    """"SOT - 1.1 max height", "VQFN - 1 mm max height": the seated height's limit."""
    for tok in tokens:
        m = _TITLE_HEIGHT.search(squash(tok.text))
        if m and len(tok.text) <= 60:
            value = float(m.group(1))
            if 0.2 <= value <= 10:
                return PrintedValue(value, qualifier="MAX", text=m.group(0))
    return None


def axis_of(drawing, box: tuple, h: float, hugging: bool = False) -> Optional[str]:
    """x or y: which way the dimension line next to the text at `box` runs; None when the
    pixels do not say (no line, or long lines both ways). `hugging` (land figures, whose
    few dimensions sit right on their lines): where both ways are about as long, the line
    running right along the text decides."""
    if drawing is None:
        return None
    broken = broken_axis(drawing, box, h)
    if broken is not None:
        return broken
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    hi = max(2, int(round(h)))
    horizontal = _longest_line(drawing, (x0, y0, x1, y1), hi, row=True)
    vertical = _longest_line(drawing, (x0, y0, x1, y1), hi, row=False)
    if hugging and horizontal != vertical and horizontal and vertical:
        # Text over its own dimension line between two extension lines (a chain of pad,
        # gap, pad: Luminus' 1.60 0.70 0.60): the extension lines are longer but start at
        # the text and run one way only, to the pads; a dimension line runs past the text
        # at both ends.
        along_x = _hugs(drawing, (x0, y0, x1, y1), hi, row=True)
        along_y = _hugs(drawing, (x0, y0, x1, y1), hi, row=False)
        if along_x and not _passes(drawing, (x0, y0, x1, y1), hi, row=False):
            return "x"
        if along_y and not _passes(drawing, (x0, y0, x1, y1), hi, row=True):
            return "y"
    if horizontal >= 1.5 * vertical and horizontal:
        return "x"
    if vertical >= 1.5 * horizontal and vertical:
        return "y"
    if not hugging:
        return None
    # Both about as long (a short dimension line between two tall extension lines, Jauch's
    # 0.8 pad): the one that runs right along the text, past its middle, is the dimension
    # line; an extension line stands off to the side. Not on package drawings, where a
    # seating plane runs under the second line of a dual-unit height (Linear's MSOP).
    along_x = horizontal and _hugs(drawing, (x0, y0, x1, y1), hi, row=True)
    along_y = vertical and _hugs(drawing, (x0, y0, x1, y1), hi, row=False)
    if along_x != along_y:
        return "x" if along_x else "y"
    return None


def broken_axis(drawing, box: tuple, h: float) -> Optional[str]:
    """x or y where a dimension line is broken by the text at `box` (collinear runs on
    both sides of it) one way only; None otherwise. The strongest sign of an axis."""
    if drawing is None:
        return None
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    hi = max(2, int(round(h)))
    broken_x = _broken(drawing, range(y0, y1 + 1), x0, x1, hi, row=True)
    broken_y = _broken(drawing, range(x0, x1 + 1), y0, y1, hi, row=False)
    if broken_x != broken_y:
        return "x" if broken_x else "y"
    return None


def bracketed_axis(drawing, box: tuple, h: float) -> Optional[str]:
    """x or y for text written between two parallel extension lines, one on each side of
    it within a line and a half, each running past the text's middle (a short dimension
    with its arrows outside: Active's 2.54 between two pins' extension lines); None where
    neither or both ways bracket it."""
    if drawing is None:
        return None
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    hi = max(2, int(round(h)))
    reach, least = int(1.5 * hi), int(1.5 * hi)
    side = max(2, int(round(hi / 6)))
    found = []
    for row, axis in ((True, "y"), (False, "x")):
        a0, a1, c0, c1 = (x0, x1, y0, y1) if row else (y0, y1, x0, x1)
        mid = (a0 + a1) / 2

        def line_in(ks, a0=a0, a1=a1, mid=mid, row=row) -> bool:
            return any(b - a + 1 >= least and a <= mid <= b
                       and _thin(drawing, k, a, b, row=row, offset=side)
                       for k in ks for a, b in _runs_in(drawing, k, a0 - 10 * hi,
                                                        a1 + 10 * hi, row=row))
        if line_in(range(c0 - reach, c0)) and line_in(range(c1 + 1, c1 + reach + 1)):
            found.append(axis)
    return found[0] if len(found) == 1 else None


def _hugs(drawing, box: tuple, hi: int, row: bool) -> bool:
    """A thin line as long as the text (and 1.5 text lines) within 0.6 of a line of the
    text's long side (under or over upright text, beside turned text; or inside the box's
    edge band, where the text sits right on it) that spans its middle."""
    x0, y0, x1, y1 = box
    a0, a1, c0, c1 = (x0, x1, y0, y1) if row else (y0, y1, x0, x1)
    mid = (a0 + a1) / 2
    near = int(round(0.6 * hi))
    side = max(2, int(round(hi / 6)))
    inner = int(0.3 * (c1 - c0))  # the OCR box's padding often holds the line itself
    for k in list(range(c0 - near, c0 + inner + 1)) + list(range(c1 - inner, c1 + near + 1)):
        for a, b in _runs_in(drawing, k, a0 - 10 * hi, a1 + 10 * hi, row=row):
            # about as long as the text (its OCR box is padded), and one and a half text
            # lines (a short gap's line between two pads' extension lines is no longer
            # than its value)
            if b - a + 1 >= max(1.5 * hi, 0.85 * (a1 - a0)) and a <= mid <= b \
                    and _thin(drawing, k, a, b, row=row, offset=side, under_text=True):
                return True
    return False


def _pair_axis(drawing, dim: Dim, h: float) -> Optional[str]:
    """axis_of for a size; for a limit pair stacked on two lines, only where each line's
    own surroundings agree with the pair's: a horizontal extension line grazing one line of
    a vertical dimension's text (Avia's `1.60` over `1.20`) must not make it an x size."""
    axis = axis_of(drawing, dim.box, h)
    if axis is None or not dim.halves:
        return axis
    halves = {axis_of(drawing, half, h) for half in dim.halves}
    return axis if halves <= {axis, None} else None


def _longest_line(drawing, box: tuple, hi: int, row: bool) -> int:
    """The longest thin run along x (`row`) or y beside the text at `box`: under, over or
    broken by it. Its own rows (columns) count without the OCR box's padding (a line just
    under the text often falls inside the box)."""
    x0, y0, x1, y1 = box
    a0, a1, c0, c1 = (x0, x1, y0, y1) if row else (y0, y1, x0, x1)  # along, across
    side = max(2, int(round(hi / 6)))
    t0, t1 = c0 + 0.2 * (c1 - c0), c1 - 0.2 * (c1 - c0)
    best = 0
    for k in range(c0 - int(1.5 * hi), c1 + int(1.5 * hi) + 1):
        for a, b in _runs_in(drawing, k, a0 - 10 * hi, a1 + 10 * hi, row=row):
            length = b - a + 1
            if length < 2 * hi or length <= best:
                continue
            outside = a < a0 - hi or b > a1 + hi or not t0 <= k <= t1 \
                or length >= a1 - a0 + 1.5 * hi
            touches = a <= (a0 + a1) / 2 <= b or abs(b - a0) <= 0.6 * hi \
                or abs(a - a1) <= 0.6 * hi
            if outside and touches and _thin(drawing, k, a, b, row=row, offset=side):
                best = length  # (a filled pad or body is no line: _thin)
    return best


def _passes(drawing, box: tuple, hi: int, row: bool) -> bool:
    """A thin line along x (`row`) or y right beside the text (within 0.6 of a line) that
    runs past it at both ends by half a line: a dimension line the text is written beside,
    not an extension line that starts at the text, nor the next dimension's one further
    off."""
    x0, y0, x1, y1 = box
    a0, a1, c0, c1 = (x0, x1, y0, y1) if row else (y0, y1, x0, x1)
    side = max(2, int(round(hi / 6)))
    reach, near = hi // 2, int(round(0.6 * hi))
    for k in range(c0 - near, c1 + near + 1):
        for a, b in _runs_in(drawing, k, a0 - 10 * hi, a1 + 10 * hi, row=row):
            if a <= a0 - reach and b >= a1 + reach and _thin(drawing, k, a, b, row=row,
                                                              offset=side):
                return True
    return False


def _broken(drawing, lines, lo: int, hi_edge: int, h: int, row: bool) -> bool:
    """On one of `lines` (rows or columns through the text), a run of at least a line's
    height ends at the text's near edge and another starts at its far edge."""
    reach = int(2 * h)
    side = max(2, int(round(h / 6)))
    for index in lines:
        # only lines: a filled pad under the text and a coloured band over it (Jauch's
        # grey pads below its blue heading) break nothing
        runs = [(a, b) for a, b in _runs_in(drawing, index, lo - 12 * h, hi_edge + 12 * h,
                                            row=row)
                if b - a + 1 >= h and _thin(drawing, index, a, b, row=row, offset=side)]
        before = any(b - a + 1 >= h and lo - reach <= b <= lo + reach // 2 for a, b in runs)
        after = any(b - a + 1 >= h and hi_edge - reach // 2 <= a <= hi_edge + reach
                    for a, b in runs)
        if before and after:
            return True
    return False


def _thin(drawing, index: int, a: int, b: int, row: bool, offset: int,
          under_text: bool = False) -> bool:
    """A line, not a filled area or its edge: `offset` pixels (a sixth of a text line) to
    either side of the run, most of its length is light on both sides. `under_text`: one
    side may be the glyphs of text sitting on the line (bold digits darken most of it), not
    the solid side of a filled pad's edge."""
    sides = []
    for k in (index - offset, index + offset):
        if 0 <= k < (drawing.height if row else drawing.width):
            sides.append(drawing.dark_share(k, a, b, row))
    if under_text:
        return not sides or (min(sides) < 0.5 and max(sides) < 0.9)
    return not sides or max(sides) < 0.5


def _runs_in(drawing, index: int, start: int, stop: int, row: bool):
    if row:
        if not 0 <= index < drawing.height:
            return []
        start, stop = max(0, start), min(drawing.width, stop)
        line = drawing.dark[index, start:stop]
    else:
        if not 0 <= index < drawing.width:
            return []
        start, stop = max(0, start), min(drawing.height, stop)
        line = drawing.dark[start:stop, index]
    if stop <= start:
        return []
    return drawing._runs(line, start)


def _pitch_multiple(value: PrintedValue, pitch: Optional[float]) -> bool:
    """A pin span: one or two pitches (SOT-23's 1.90), or any multiple printed as a basic
    dimension (`3.81 BSC`). A toleranced size near three pitches is a body (2.65-3.00), and
    so is a limit pair marked TYP near more pitches (TI's "5.05 TYP" over "4.75": tip to
    tip, not ten 0.5 mm pitches)."""
    if not pitch:
        return False
    k = round(value.value / pitch)
    near = k >= 1 and abs(value.value - k * pitch) <= 0.012 * k
    pair = value.lo is not None and value.hi is not None and value.lo != value.hi
    return near and (k <= 2 or (value.qualifier in ("BSC", "TYP", "REF") and not pair))


# Outlines whose views do not nest (TO-220: front and side views, leads hanging down): a
# size is known by the JEDEC range it falls in, each window holding only its own letter.
JEDEC_WINDOWS: Dict[str, Dict[str, tuple]] = {
    # JEDEC TO-220AB: E 9.66-10.66 (width, along the leads), A 3.56-4.83 (thickness; from
    # 4.0 here, as the mounting hole's 3.5-3.9 would share the window), b 0.51-1.02 (lead);
    # b2 1.14-1.78 and c 0.31-0.61 fall outside every window.
    "to220": {"body_length": (9.6, 10.7), "body_width": (4.0, 4.9), "lead_width": (0.62, 1.05)},
    # JEDEC MS-001 (PDIP, 0.300"): D 9.02-26.92 by lead count, E1 6.10-7.11, E (shoulder)
    # 7.62-8.26 whose midpoint stays under the eB lead spread's 8.26+, A 5.33 max whose
    # limit pair (3.68-5.08) sits over the lead's L (3.18-3.81) and the body's A2 (3.43).
    "dip": {"body_length": (8.8, 60.0), "body_width": (5.5, 7.2), "overall_width": (7.4, 8.2),
            "height": (4.0, 5.5)},
    # JEDEC TO-226AA (TO-92): D 4.45-5.20 (width along the leads), E 3.18-4.19 (depth), A
    # 4.32-5.33 (height); Fairchild's 4.58 +0.25/-0.15 and 4.58 +-0.20 fall in both the
    # width's and the height's window, as the part is about as tall as wide.
    "to92": {"body_length": (4.3, 5.4), "body_width": (3.1, 4.25), "height": (4.3, 5.4)},
    # JEDEC TO-252AA (DPAK; Vishay's and Diodes' drawings of it): E 6.40-6.73 (body width,
    # along the leads' row), D 6.00-6.22 (body length), H 9.40-10.41 (lead tip to tab end),
    # b3 5.21-5.46 (the tab's width along the row; E1, its width under the body, 4.40-4.92,
    # stays out), b 0.64-0.89, L 1.40-1.78 (AMS prints 1.14-1.52), A 2.18-2.39; two leads
    # (the middle one cut) 2e = 4.57 apart. L3 0.89-1.27 and L4 0.64-1.01 fall outside.
    "dpak": {"body_width": (6.3, 6.8), "body_length": (5.9, 6.3), "overall_width": (9.3, 10.5),
             "exposed_pad_length": (4.95, 5.55), "lead_width": (0.55, 0.9),
             "lead_length": (1.3, 1.8), "height": (2.1, 2.45), "pitch": (4.4, 4.75)},
    # JEDEC TO-261AA (SOT-223; onsemi 318E, Diodes and NXP SC-73 print the same): D 6.30-6.70
    # (body along the row; UMW prints 5.90-6.70), E 3.30-3.70 (body across), HE 6.70-7.30
    # (lead tip to tab end), b2 2.90-3.10 (the tab along the row), b 0.60-0.88, L 0.90 min
    # (the foot; UMW 0.90-1.15), A 1.80 max (a side view's body thickness A2 may share the
    # window: the largest is the height). c 0.24-0.35 and A1 0.02-0.10 fall outside.
    "sot223": {"body_length": (6.2, 6.78), "body_width": (3.2, 3.85),
               "overall_width": (6.8, 7.4), "exposed_pad_length": (2.85, 3.2),
               "lead_width": (0.6, 0.89), "lead_length": (0.9, 1.3), "height": (1.45, 1.85)},
}
# Further outlines of a family whose windows differ: JEDEC MS-011 (PDIP, 0.600"): E1
# 12.32-14.73, E 15.24-15.88 (the eB lead spread reaches 17.78, outside), D 31.9-60, A 6.35
# max. The outline whose windows each hold one printed pair (most of them) is taken.
JEDEC_WINDOW_ALTERNATIVES: Dict[str, Sequence[Dict[str, tuple]]] = {
    "dip": ({"body_length": (30.0, 60.0), "body_width": (12.2, 14.8),
             "overall_width": (15.0, 16.0), "height": (3.5, 6.4)},),
}
# Seated heights a lone MAX or a side view's size may be, per family (a DIP's "0.030 MAX
# DEPTH" is its ejector mark, not its 5 mm height; an SOIC's bottom-view exposed pad is no
# height). Upper ends: JEDEC's largest A of the family's outlines (MS-013 2.65, MO-150 2.0,
# MO-153 1.2, MO-187 1.1, MO-178 1.45, MS-026 1.6 / MQFP 3.4, MO-220/229 1.0, MS-001 5.33,
# TO-261 1.8, TO-252 2.4, DO-214 2.62, SOD-123 1.35; TO-226AA 4.32-5.33, whose 3.18-4.19
# depth a "3.86 MAX" prints).
HEIGHT_RANGE: Dict[str, tuple] = {
    "dip": (2.5, 6.0), "soic": (0.9, 2.65), "ssop": (0.9, 2.0), "tssop": (0.7, 1.25),
    "msop": (0.7, 1.15), "sot23": (0.6, 1.5), "qfp": (1.0, 3.4), "qfn": (0.3, 1.05),
    "dfn": (0.3, 1.05), "son": (0.3, 1.05), "sot223": (1.5, 1.85), "dpak": (2.0, 2.5),
    "molded": (0.9, 2.7), "sod": (0.5, 1.4), "chip": (0.3, 2.8), "to92": (4.25, 5.4)}
_HEIGHT_DEFAULT = (0.3, 6.0)
# A side view is a figure this much wider than tall (or taller than wide): its sizes are
# preferred for the height over those of other views (a bottom view's exposed pad).
_FLAT = 2.0


def _by_window(dims: Sequence[Dim], windows: Dict[str, tuple]) -> Dict[str, PrintedValue]:
    """by_window over the sizes of `dims`; the height window may hold more (a side view's
    body thickness A2 under the seated height A, which is the largest of them)."""
    return by_window([d.value for d in dims], windows, largest=("height",))


def by_window(values: Sequence[PrintedValue], windows: Dict[str, tuple],
              largest: Sequence[str] = ()) -> Dict[str, PrintedValue]:
    """Each field whose JEDEC window holds exactly one printed limit pair (the fields in
    `largest` take the largest of several)."""
    found = {}
    for name, (lo, hi) in windows.items():
        inside = {v.value: v for v in values if v.lo is not None and v.hi is not None
                  and lo <= v.value <= hi}
        if len(inside) == 1 or (inside and name in largest):
            found[name] = inside[max(inside)]
    return found


def by_registered_outline(dims: Sequence[Dim], family: str, pitch: Optional[float],
                           pins: Optional[int]) -> Dict[str, PrintedValue]:
    """Body, tips and length by the windows of the one registered outline (jedec_bodies.
    outline_windows) whose every window holds exactly one printed limit pair; {} when no
    outline or more than one fits that way."""
    fits = []
    for _outline, windows in outline_windows(family, pitch, pins):
        sizes = {k: w for k, w in windows.items() if k != "height"}
        found = _by_window(dims, sizes)
        if len(found) == len(sizes):
            height = _by_window(dims, {"height": windows["height"]}) if "height" in windows \
                else {}
            fits.append({**found, **height})
    return fits[0] if len(fits) == 1 else {}


def registered_outline_any_pitch(dims: Sequence[Dim], family: str, pins: Optional[int]
                                 ) -> Dict[str, PrintedValue]:
    """by_registered_outline with no pitch read yet (the land pattern that prints it comes
    later; TI's boxed 1,27 lost in a small copy): each standard pitch of the family is
    tried, and the one outline whose windows hold the printed limits places them (the
    variations' lengths differ by pitch: one fits or none). No pitch is made up."""
    pitches = sorted({p for o in JEDEC_BODIES if o.family == family for p in o.pitches})
    fits = [f for f in (by_registered_outline(dims, family, p, pins) for p in pitches) if f]
    return fits[0] if len(fits) == 1 else {}


def assign_sizes(dims: Sequence[Dim], family: Optional[str], pitch: Optional[float],
                 height: Optional[float] = None, pins: Optional[int] = None
                 ) -> Dict[str, PrintedValue]:
    """Body / tip-to-tip sizes from sizes with known axes (see the module docstring). A
    size whose upper limit is the seated height is the side view's height, not the body.
    `pins` (with the pitch) bounds a two-row body's length from below."""
    found = _assign(dims, family, pitch, height, pins)
    if not found and family in TWO_ROW_LEADED:
        return by_registered_outline(dims, family, pitch, pins)
    if family in JEDEC_WINDOWS or not found:
        return found
    # A size whose axis the drawing did not show, larger than a size taken as the largest
    # on its axis, may be the one that belonged there: then nothing is sure.
    unknown = [d.value.value for d in _candidates(dims, pitch, height) if d.axis is None]
    smallest = min(v.value for v in found.values())
    taken = [v.value for v in found.values()]
    if any(u > smallest and not any(abs(u - t) < 1e-6 for t in taken) for u in unknown):
        return {}
    return found


def _feet_fit(tips: float, body: float) -> bool:
    """`body` nests under `tips` as a two-row gull-wing body does (two feet, _FEET_MM)."""
    return _FEET_MM[0] <= tips - body <= _FEET_MM[1] and body >= _MIN_BODY_TO_TIPS * tips


def _candidates(dims: Sequence[Dim], pitch: Optional[float], height: Optional[float]):
    return [d for d in dims if d.value.value >= _MIN_BODY_MM
             and not (height and d.value.hi is not None and abs(d.value.hi - height) < 1e-6)
             and ("." in d.value.text or d.value.lo is not None)  # not a pin number
             and not d.value.multiplier and d.value.qualifier not in ("MAX", "MIN")
             and not d.value.diameter and not d.value.radius and not d.value.paren
             and not _pitch_multiple(d.value, pitch)]


def _assign(dims: Sequence[Dim], family: Optional[str], pitch: Optional[float],
            height: Optional[float], pins: Optional[int] = None) -> Dict[str, PrintedValue]:
    candidates = _candidates(dims, pitch, height)
    sizes = [d for d in candidates if d.axis]
    by_axis = {axis: sorted({d.value.value: d.value for d in sizes if d.axis == axis
                             }.values(), key=lambda v: -v.value) for axis in ("x", "y")}
    found: Dict[str, PrintedValue] = {}
    if family in JEDEC_WINDOWS:
        options = (JEDEC_WINDOWS[family],) + tuple(JEDEC_WINDOW_ALTERNATIVES.get(family, ()))
        results = [_by_window(dims, windows) for windows in options]
        best = max(len(r) for r in results)
        winners = [r for r in results if len(r) == best]
        return winners[0] if len(winners) == 1 else {}
    if family in NO_LEAD:
        if by_axis["x"] and by_axis["y"]:
            found["body_width"], found["body_length"] = by_axis["x"][0], by_axis["y"][0]
        return found
    if family == "qfp":
        if len(by_axis["x"]) >= 2 and len(by_axis["y"]) >= 2:
            found.update(overall_width=by_axis["x"][0], body_width=by_axis["x"][1],
                         overall_length=by_axis["y"][0], body_length=by_axis["y"][1])
        return found
    if family in TWO_TERMINAL_LEADED:
        # Along the terminals tip to tip nests over the body; the body is longer than wide.
        fits = []
        for along, across in (("x", "y"), ("y", "x")):
            vals = by_axis[along]
            if len(vals) >= 2 and by_axis[across] and 0.2 <= vals[0].value - vals[1].value <= 2.5 \
                    and vals[1].value >= by_axis[across][0].value:
                fits.append((vals[1], by_axis[across][0]))
        if len(fits) == 1:
            found["body_length"], found["body_width"] = fits[0]
        return found
    if family not in TWO_ROW_LEADED:
        return found
    # The body holds its leads: along the rows it is at least (N/2 - 1) pitches long, so a
    # shorter "length" is a side view's thickness; a size whose axis the drawing did not
    # show may be the length when it alone is long enough (Linear's MSOP: the length's
    # dimension line is out beside its text).
    shortest = (pins // 2 - 1) * pitch if pins and pitch and pins >= 4 else 0.0
    unknown = [d.value for d in candidates if d.axis is None and d.value.value >= shortest]
    fits = []
    for across, along in (("x", "y"), ("y", "x")):
        vals = [v for v in by_axis[across] if v.value <= _MAX_TWO_ROW_TIPS_MM]
        lengths = [v for v in by_axis[along] if v.value >= shortest]
        if len(vals) == 1 and lengths:
            # Tip to tip shown, the body's own line not (TI's D: "0.157 (4,00)" sits in
            # the body beside a short arrow): the one size without an axis that nests
            # under the tips by two feet is the body.
            under = {d.value.value: d.value for d in candidates if d.axis is None
                     and _feet_fit(vals[0].value, d.value.value)
                     and not any(d.value is a for a in lengths)}
            if len(under) == 1:
                vals.append(next(iter(under.values())))
        if not lengths and shortest:
            spare = {v.value: v for v in unknown if not any(v is a for a in vals[:2])}
            if len(spare) > 1 and len(vals) >= 2:
                # Of several, a side view's thickness is under the body's width; the
                # length (SOT-23's 2.90 over its 1.60) is not.
                spare = {k: v for k, v in spare.items() if k >= 0.95 * vals[1].value}
            lengths = list(spare.values()) if len(spare) == 1 else []
        feet = vals[0].value - vals[1].value if len(vals) >= 2 else 0.0
        if len(vals) >= 2 and lengths and _FEET_MM[0] <= feet <= _FEET_MM[1] \
                and vals[1].value >= _MIN_BODY_TO_TIPS * vals[0].value:
            fits.append((vals[0], vals[1], lengths[0]))
    if len(fits) == 1:
        overall, body, length = fits[0]
        found.update(overall_width=overall, body_width=body, body_length=length)
    return found


def side_view_height(dims: Sequence[Dim], figs: Sequence[Figure],
                     found: Dict[str, PrintedValue], pitch: Optional[float],
                     family: Optional[str] = None) -> Optional[PrintedValue]:
    """The seated height as a side view prints it (Avia's `1.60` over `1.20` beside the
    side view, Linear's `(1.02 +/-0.15)`): of the sizes not taken for the body, those that
    label another figure than the body's own, not along x (the body's length and the leads
    are drawn along x there), within the family's heights (HEIGHT_RANGE) and under the
    body's smallest size; those on a flat figure (a side view) before those on others (a
    bottom view's exposed pad), and of them the largest: A is over the body thickness A2
    and the standoff A1 on the same view. Only once the body is known, so the views can be
    told apart."""
    body = [v for k, v in found.items() if k.startswith("body_")]
    if not body or len(figs) < 2:
        return None

    def figure_of(box) -> int:
        return nearest_figure(box, figs)

    def flat(fig) -> bool:
        w, h = fig.box[2] - fig.box[0], fig.box[3] - fig.box[1]
        return w >= _FLAT * h or h >= _FLAT * w

    taken = [d for d in dims if any(d.value is v for v in found.values())]
    top = {figure_of(d.box) for d in taken}
    # a view the page labels TOP or BOTTOM VIEW prints no height (TAOS's bottom view's
    # 300 +-50 terminal width, its end view joined to the top view by a leader)
    top |= {i for i, fig in enumerate(figs) if _plan_view(fig)}
    low, high = HEIGHT_RANGE.get(family or "", _HEIGHT_DEFAULT)
    width = found.get("body_width")
    high = min(high, tallest(family, pitch, width.value if width else None) or high)
    best = None
    for d in dims:
        v = d.value
        if d in taken or d.axis == "x" or not low <= v.value <= high \
                or v.value >= min(b.value for b in body) \
                or v.multiplier or v.paren or v.diameter or v.radius or v.degrees \
                or v.qualifier in ("MIN", "REF", "BSC") or figure_of(d.box) in top \
                or _pin_label(v):
            continue
        fig = figs[figure_of(d.box)]
        across_flat = flat(fig) and d.axis == "y" and fig.box[2] - fig.box[0] > \
            fig.box[3] - fig.box[1]
        if _pitch_multiple(v, pitch) and not across_flat:
            # (a size as large as the pitch up a flat view is its thickness: TAOS's
            # 650 high DFN at 650 pitch)
            continue
        rank = (flat(figs[figure_of(d.box)]), v.value)
        if best is None or rank > best[0]:
            best = (rank, v)
    return best[1] if best else None


_VIEW_LABEL = re.compile(r"(TOP|BOTTOM|SIDE|END|FRONT|BACK)VIEW")


def _plan_view(fig: Figure) -> bool:
    """The figure is labelled only as a view from above or below ("TOP VIEW", "BOTTOM
    VIEW"), no side, end or front view among its labels."""
    views = {m.group(1) for t in fig.tokens for m in [_VIEW_LABEL.search(squash(t.text))] if m}
    return bool(views) and views <= {"TOP", "BOTTOM"}


def _pin_label(v: PrintedValue) -> bool:
    """A lone digit with no tolerance: a pin number on the drawing ("VDD 1"), no height."""
    return re.fullmatch(r"\s*\d\s*", v.text) is not None and v.hi is None


def length_view_height(callouts: Sequence[Callout], drawing, h: float, figs: Sequence[Figure],
                       length: float, width: Optional[float]) -> Optional[PrintedValue]:
    """The height of a two-terminal chip: on the one view whose size along x is the body
    length, the largest size along y below the length, unless it is the body width (then
    that view is the top view and shows no height). None where no such view is printed."""
    if len(figs) < 2:
        return None
    dims = stacked_limits(callouts, h)
    for d in dims:
        d.axis = d.axis or _pair_axis(drawing, d, h)

    def figure_of(box) -> int:
        return nearest_figure(box, figs)

    views = {figure_of(d.box) for d in dims if d.axis == "x"
             and abs(d.value.value - length) <= 0.011}
    if len(views) != 1:
        return None
    view = views.pop()
    ups = [d.value for d in dims if d.axis == "y" and figure_of(d.box) == view
           and 0.1 <= d.value.value < length and "." in d.value.text
           and not (d.value.multiplier or d.value.diameter or d.value.radius
                    or d.value.degrees or d.value.paren)]
    if not ups:
        return None
    tallest = max(ups, key=lambda v: v.value)
    if width is not None and abs(tallest.value - width) <= 0.011:
        return None
    return tallest


def printed_pitch(dims: Sequence[Dim], pin_count: Optional[int], family: Optional[str]
                  ) -> Optional[PrintedValue]:
    """The pitch as an outline prints it: a count of N-2 or N-4 (`4X 0.65`), else the
    smallest TYP / BSC value under 2.6 mm, else the one plain value equal to a JEDEC pitch
    of the family (FAMILY_PITCHES)."""
    def smallest(values):
        return min(values, key=lambda v: v.value) if values else None

    if family in TWO_TERMINAL_FAMILIES:
        return None  # two terminals: no pitch (a TYP value there is a terminal's size)

    if pin_count:
        counted = [d.value for d in dims if d.value.multiplier in (pin_count - 2,
                                                                    pin_count - 4)]
        if counted:
            return smallest(counted)
    basic = [d.value for d in dims if d.value.qualifier in ("TYP", "BSC")
             and not d.value.is_range and 0.3 <= d.value.value < 2.6]
    standard = family_pitches(family, pin_count)
    if family == "soic" and not any(abs(d.value.value - standard[0]) < 0.006 for d in dims):
        # No 1.27 anywhere: "small outline package" names every two-row gull-wing outline
        # (TI's D, DBQ, PW and DGK titles, JEDEC's R-PDSO-Gn): it may be a shrink one.
        standard = family_pitches("ssop")
    if len(standard) == 1:  # DIP, TO-220, SOT-223: a TYP lead width is not the pitch
        basic = [v for v in basic if abs(v.value - standard[0]) < 0.006]
    # of several, a standard pitch of the family before a smaller TYP size (Micron's
    # V-PDFN: "0.85 TYP / 1 MAX" is its height, 1.27 TYP its pitch)
    pitched = [v for v in basic if any(abs(v.value - p) < 0.006 for p in standard)]
    if pitched or basic:
        return smallest(pitched or basic)
    # A plain value that is a standard pitch; for one-pitch families also a toleranced one
    # (Fairchild's DIP: "0.100 +/-0.010 (2.540 +/-0.254)" with TYP beside the pair).
    plain = {d.value.value: d.value for d in dims if not d.value.is_range
             and (d.value.hi is None or len(standard) == 1) and not d.value.multiplier
             and "." in d.value.text and any(abs(d.value.value - p) < 1e-6 for p in standard)}
    if len(plain) > 1:
        # Several standard pitches printed (Fortune's SOT-23-6: 0.95 and a 0.65 thickness):
        # the one whose two-pitch span is printed too (1.9).
        spans = {round(d.value.value, 3) for d in dims if not d.value.multiplier}
        plain = {k: v for k, v in plain.items() if round(2 * k, 3) in spans}
    if len(plain) == 1:
        return next(iter(plain.values()))
    if len(standard) == 1 and not plain:
        # A one-pitch family's pitch printed as a limit pair (Cypress's DIP: 0.090 over
        # 0.110 inch, 2.29-2.79 mm): the one pair centred on the standard pitch.
        pairs = {d.value.value: d.value for d in dims if d.value.is_range
                 and not d.value.multiplier and abs(d.value.value - standard[0]) < 0.011}
        if len(pairs) == 1:
            return next(iter(pairs.values()))
    return None


def read_outline(callouts: Sequence[Callout], drawing, tokens: Sequence[OcrToken], h: float,
                 family: Optional[str], pitch: Optional[float], pin_count: Optional[int],
                 figs: Sequence[Figure] = ()) -> Dict[str, PrintedValue]:
    """Sizes, and the pitch and height where the outline prints them, from one set of
    callouts: limit pairs joined, each size's axis from the drawing, then assign_sizes.
    `pitch` is the one already read (a table or the land pattern), None if none; `figs`
    the page's figures (daemon.ocr.figures), for a height drawn on a side view."""
    dims = stacked_limits(callouts, h, has_limit_legend(tokens, h))
    for d in dims:
        d.axis = d.axis or _pair_axis(drawing, d, h)
    printed = None if pitch else printed_pitch(dims, pin_count, family)
    pitch_value = pitch if pitch else (printed.value if printed else None)
    height = title_height(tokens)
    if height is None:
        low, high = HEIGHT_RANGE.get(family or "", _HEIGHT_DEFAULT)
        limits = [d.value for d in dims if d.value.qualifier == "MAX" and not d.value.is_range
                  and not d.value.multiplier and low <= d.value.value <= high]
        height = limits[0] if len(limits) == 1 else None
    found = assign_sizes(dims, family, pitch_value, height.value if height else None,
                         pin_count)
    if not found and pitch_value is None and family in TWO_ROW_LEADED:
        found = registered_outline_any_pitch(dims, family, pin_count)
    if height is None and family not in JEDEC_WINDOWS:
        height = side_view_height(dims, figs, found, pitch_value, family)
    if height is not None:
        found["height"] = height
    if printed is not None:
        found["pitch"] = printed
    return found
