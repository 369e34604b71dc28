"""Dimension callouts of a land-pattern drawing (no table): `8X (.061) [1.55]`, `14X 1.26`,
`0.65 PITCH`, `Ø0.7+0.1`, bare `2.02` beside a dimension line.

Which callout is which feature follows from what the drawings have in common rather than
from any one page: a count equal to the pin count marks pad sizes (smaller = width across
the pitch, larger = length); a count of N-2 (two rows) or N-4 (four rows), the word PITCH
or the package's own pitch marks the pitch; multiples of the pitch are pin spans; the
largest remaining value spans the rows (centre to centre unless it exceeds the package's
tip-to-tip width, then outer edge to outer edge); Ø marks a drill. Radii, angles, solder
mask margins (ALL AROUND), a paste stencil drawn beside the board layout and note text are
skipped.
"""

import re
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Sequence, Tuple

from daemon.ocr.dual_units import mm_of_pair, one_unit
from daemon.ocr.layout import (
    dashes_read_as_text,
    joined_stacked_tolerances,
    line_height,
    reads_across,
    squash,
    upright_duplicates_dropped,
)
from daemon.ocr.numbers import PrintedValue, lone_multiplier, parse_values
from daemon.ocr.pitches import FAMILY_PITCHES, HEADER_PITCHES
from daemon.ocr.tokens import OcrToken

LAND_HEADING = re.compile(
    r"LANDPATTERN|FOOTPRINT|PADLAYOUT|BOARDLAYOUT|PCBLAYOUT|MOUNTINGPAD|SOLDERINGPATTERN|"
    r"RECOMMENDEDPAD|PADDIMENSION|PCBOARDLAYOUT|PCBPATTERN|LAYOUTPATTERN|SOLDERPAD|"
    r"SUGGESTEDLAND|SUGGESTEDLAYOUT|RECOMMENDEDLAND|PCBWELDING|WELDINGDRAWING|"
    r"MOUNTINGPATTERN|LANDINGPATTERN|LANDINGPAD|PADPATTERN|"  # Bosch: "Landing Pattern"
    r"LANDDIMENSION|"  # On Shine: "P.C.B LAND DIMENSION"
    r"SOLDERINGPAD|焊盘|"  # ARKLED: "Recommend Soldering Pad" under "推荐焊盘尺寸"
    r"PCMOUNTING|^PCB$|"  # E-Switch: "P.C. MOUNTING"; a figure captioned "PCB" (Kinghelm)
    r"PWBMOUNTING|PWBLAYOUT|PWBPATTERN")  # the printed wiring board (Panasonic's "PWB")
# A feature line that gives the part's size ("2.0x1.6mm Footprint", ECS) is no heading.
_SIZE_PHRASE = re.compile(r"^\d+(?:\.\d+)?X\d+(?:\.\d+)?(?:MM)?FOOTPRINT")
PACKAGE_HEADING = re.compile(r"PACKAGEOUTLINE|PACKAGEINFORMATION|PACKAGEDIMENSION|CASEOUTLINE|"
                             r"MECHANICALDATA|PACKAGEDRAWING")
_MIN_PAD_MM = 0.1


@dataclass
class Callout:
    value: PrintedValue
    token: OcrToken
    keywords: Tuple[str, ...] = ()


@dataclass
class LandCallouts:
    """What the land-pattern drawing's callouts say, in `unit`."""

    unit: str
    pitch: Optional[PrintedValue] = None
    pad_width: Optional[PrintedValue] = None
    pad_length: Optional[PrintedValue] = None
    row_spacing: Optional[PrintedValue] = None
    overall_span: Optional[PrintedValue] = None
    drill: Optional[PrintedValue] = None
    exposed_pad_sides: List[PrintedValue] = field(default_factory=list)  # sorted
    pad_count: Optional[int] = None
    values: List[PrintedValue] = field(default_factory=list)


def in_box(tok: OcrToken, box, margin: float = 0.0) -> bool:
    return (box[0] - margin <= tok.cx <= box[2] + margin
            and box[1] - margin <= tok.cy <= box[3] + margin)


def heading_tokens(tokens: Sequence[OcrToken], pattern=LAND_HEADING,
                   exclude: Sequence[tuple] = ()) -> List[OcrToken]:
    # "P.C.B. LAYOUT": the dots of an abbreviation do not change the heading
    return [t for t in tokens if not t.vertical and len(t.text) <= 60
            and pattern.search(squash(t.text).replace(".", ""))
            and not _SIZE_PHRASE.match(squash(t.text))
            and not any(in_box(t, b) for b in exclude)]


def land_region(tokens: Sequence[OcrToken], width: int, height: int, role: str,
                tables: Sequence[tuple] = ()) -> Optional[tuple]:
    """The part of the page that shows the land pattern, or None."""
    if role == "land_pattern":
        return (0, 0, width, height)
    heads = heading_tokens(tokens, exclude=tables)
    if not heads:
        return None if role == "package" else (0, 0, width, height)
    head = min(heads, key=lambda t: t.cy)
    h = line_height(tokens)
    package_heads = heading_tokens(tokens, PACKAGE_HEADING)
    others = [t for t in package_heads if t.cy > head.cy + 2 * h]
    bottom = min([t.box[1] for t in others], default=height)
    below = (0, max(0, head.box[1] - h), width, bottom)
    if _numbers_in(tokens, below, tables) >= 2:
        return below
    # The caption sits under its figure ("LAND PATTERN EXAMPLE", "Recommended PCB Layout").
    above_heads = [t for t in package_heads if t.cy < head.cy - 2 * h]
    top = max([t.box[3] for t in above_heads], default=0)
    return _caption_column(tokens, head, (0, top, width, head.box[3]), h)


# Captions of a drawing's views ("TOP VIEW", "SIDE VIEW", "DETAIL A"): a page that has them
# lays its figures out side by side, each captioned underneath.
VIEW_CAPTION = re.compile(r"^(?:TOP|SIDE|END|BOTTOM|FRONT|REAR|BACK)VIEW|^DETAIL")


def _caption_column(tokens: Sequence[OcrToken], head: OcrToken, region: tuple,
                    h: float) -> tuple:
    """A land caption under its figure on a page of captioned views (Micrel's SOT-23-5:
    TOP VIEW, SIDE VIEW, DETAIL and RECOMMENDED LAND PATTERN, two by two): the land figure
    is the one over its caption, so the region is the caption's column (a line either
    side) up to the view caption above it. Without view captions the region stands."""
    views = [t for t in tokens if not t.vertical and t is not head
             and VIEW_CAPTION.match(squash(t.text)) and t.cy < head.cy]
    if not views:
        return region
    above = [t.box[3] for t in views if min(t.box[2], head.box[2]) > max(t.box[0], head.box[0])]
    x0, x1 = head.box[0] - h, head.box[2] + h
    top = max([region[1], *above])
    # text that reaches over the column's edge is the next figure's (a detail view's 0.45
    # beside Micrel's land pattern): the edge moves past its centre
    band = [t for t in tokens if t is not head and top <= t.cy < head.box[1]]
    left = max([t.cx + 1 for t in band if t.box[0] < x0 < t.cx <= x1], default=x0)
    right = min([t.cx - 1 for t in band if x0 <= t.cx < x1 < t.box[2]], default=x1)
    return (max(region[0], left), top, min(region[2], right), region[3])


def _numbers_in(tokens, region, tables) -> int:
    return sum(1 for t in tokens if in_box(t, region) and re.search(r"\d\.\d", t.text)
               and not any(in_box(t, b) for b in tables))


def _is_note(text: str) -> bool:
    letters = sum(ch.isalpha() for ch in text)
    return letters > 8 or bool(re.match(r"^\s*\d\s*\.\s*[A-Za-z]", text))


_STENCIL = re.compile(r"STENCIL|SOLDERPASTE|PASTEMASK|PASTEOPENING")
_BOARD = re.compile(r"BOARDLAYOUT|LANDPATTERN|PCBLAYOUT|PADLAYOUT|FOOTPRINT|MOUNTINGPAD")
_ALL_AROUND = re.compile(r"ALLAROUND")


def stencil_areas(tokens: Sequence[OcrToken], region: tuple) -> List[tuple]:
    """Where a stencil drawing sits beside the board layout (TI's "Example Board Layout"
    and "Stencil Openings" side by side, each with its own 14x0,55 / 0,60): from the
    midpoint between the two labels to the stencil's side of `region`, below the labels.
    Its openings are paste apertures, not pads."""
    h = line_height(tokens)

    def labels(rx):
        return [t for t in tokens if in_box(t, region) and not t.vertical
                and len(t.text) <= 40 and rx.search(squash(t.text))]

    boards = labels(_BOARD)
    out = []
    for st in labels(_STENCIL):
        beside = [b for b in boards if abs(b.cy - st.cy) < 3 * h and abs(b.cx - st.cx) > 4 * h]
        if not beside:
            continue
        board = min(beside, key=lambda b: abs(b.cx - st.cx))
        mid = (board.cx + st.cx) / 2.0
        top = min(st.box[1], board.box[1]) - h
        out.append((mid, top, region[2], region[3]) if st.cx > board.cx
                   else (region[0], top, mid, region[3]))
    return out


def _mask_margin(tok: OcrToken, toks: Sequence[OcrToken], h: float) -> bool:
    """A solder-mask margin: the value labelled ALL AROUND (in its run or the line under)."""
    if _ALL_AROUND.search(squash(tok.text)):
        return True
    return any(_ALL_AROUND.search(squash(t.text)) and 0 < t.cy - tok.cy < 1.8 * h
               and abs(t.cx - tok.cx) < 4 * h for t in toks)


def collect(tokens: Sequence[OcrToken], region: tuple, exclude: Sequence[tuple] = ()
            ) -> List[Callout]:
    """Dimension values inside `region` with multipliers and dual units resolved; paste
    stencils beside the board layout (`stencil_areas`) and solder-mask margins left out."""
    h = line_height(tokens)
    exclude = list(exclude) + stencil_areas(tokens, region)
    inside = [t for t in tokens if in_box(t, region)
              and not any(in_box(t, b, 0.5 * h) for b in exclude)]
    vertical = [t for t in inside if t.vertical and t.height > 1.2 * t.width]
    upright = [t for t in inside if not t.vertical
               and not any(in_box(t, v.box, 0.2 * h) for v in vertical)]
    # Upright text only the turned pass read (OCR turns a tall crop before reading it: TI's
    # "(4.4)" under its land pattern) is upright text, where the upright pass read nothing.
    upright += [OcrToken(t.text, t.box, t.score) for t in
                upright_duplicates_dropped([t for t in inside if t.vertical and reads_across(t)
                                            and len(t.text.strip()) >= 2], upright)]
    toks = joined_stacked_tolerances(upright, h) + vertical
    words = [t for t in toks if re.search(r"PITCH|TYP|REF|BSC|^MAX\.?$|^MIN\.?$",
                                          squash(t.text))]
    lone = [(t, lone_multiplier(t.text)) for t in toks]
    lone = [(t, m) for t, m in lone if m]
    out: List[Callout] = []
    for tok in toks:
        if _is_note(tok.text) or lone_multiplier(tok.text) or _mask_margin(tok, toks, h) \
                or _drawn_not_written(tok.text):
            continue
        for v in one_unit(parse_values(tok.text)):
            if v.degrees or v.radius:
                continue
            if v.multiplier is None:
                m = _nearest_multiplier(tok, lone, h)
                if m:
                    v = replace(v, multiplier=m)
            if v.qualifier is None and not v.is_range:
                v = replace(v, qualifier=_qualifier_beneath(tok, words, h))
            keys = tuple(sorted({squash(w.text) for w in words if w is not tok and
                                 abs(w.cy - tok.cy) < 2.5 * h and abs(w.cx - tok.cx) < 6 * h}))
            out.append(Callout(v, tok, keys))
    return _pair_dual_units(_pair_stacked_units(out, h), h)


def _qualifier_beneath(tok: OcrToken, words: Sequence[OcrToken], h: float) -> Optional[str]:
    """TYP or BSC set on the line right under a value, in its column (Micron's "1.27" over
    "TYP" beside the leads), as if printed after it."""
    for w in words:
        word = squash(w.text).rstrip(".")
        if word in ("TYP", "BSC") and not w.vertical and not tok.vertical \
                and 0 <= w.box[1] - tok.box[3] <= 0.5 * h \
                and min(w.box[2], tok.box[2]) - max(w.box[0], tok.box[0]) \
                >= 0.5 * min(w.width, tok.width):
            return word
    return None


# A corner's chamfer ("0.250 X 45° PIN1": the size a pin-1 mark cuts off, no pad's).
_CHAMFER = re.compile(r"[xX]\s*45\s*[°º]")


def _drawn_not_written(text: str) -> bool:
    """A run that is no dimension: a dashed line OCR read as digits and colons
    (layout.dashes_read_as_text), or a chamfer callout."""
    return dashes_read_as_text(text) or bool(_CHAMFER.search(text))


def _pair_stacked_units(callouts: List[Callout], h: float) -> List[Callout]:
    """onsemi's footprints stack the inch value under the millimetre one (`0.91` over
    `0.036`): each such pair becomes its millimetre callout."""
    drop = set()
    for upper in callouts:
        for lower in callouts:
            if upper is lower or id(lower) in drop or id(upper) in drop:
                continue
            dy = lower.token.cy - upper.token.cy
            if not (0 < dy < 1.8 * h and abs(lower.token.cx - upper.token.cx) < 2.5 * h):
                continue
            if upper.value.bracket or lower.value.bracket:
                continue
            mm = mm_of_pair(upper.value, lower.value)
            if mm is None:
                continue
            keep, gone = (upper, lower) if mm.value == upper.value.value else (lower, upper)
            keep.value = replace(mm, text=keep.value.text)
            drop.add(id(gone))
    return [c for c in callouts if id(c) not in drop]


def _nearest_multiplier(tok: OcrToken, lone, h: float) -> Optional[int]:
    best = None
    for t, m in lone:
        dy = tok.cy - t.cy
        dx = abs(tok.cx - t.cx)
        if -0.5 * h <= dy <= 2.2 * h and dx < 3 * h:
            d = dx + abs(dy)
            if best is None or d < best[0]:
                best = (d, m)
    return None if best is None else best[1]


def _pair_dual_units(callouts: List[Callout], h: float) -> List[Callout]:
    """`.061` above `[1.55]`: keep the bracketed value when it is the same length in mm,
    carrying the count and qualifier of the value above it."""
    brackets = [c for c in callouts if c.value.bracket]
    if not brackets:
        return callouts
    used = set()
    out = []
    for b in brackets:
        above = [c for c in callouts if not c.value.bracket and id(c) not in used
                 and 0 < b.token.cy - c.token.cy < 2.0 * h
                 and abs(b.token.cx - c.token.cx) < 4 * h]
        above.sort(key=lambda c: b.token.cy - c.token.cy)
        for c in above:
            if abs(c.value.value * 25.4 - b.value.value) <= 0.02 * b.value.value + 0.011:
                used.add(id(c))
                v = replace(b.value, multiplier=c.value.multiplier or b.value.multiplier,
                            qualifier=c.value.qualifier or b.value.qualifier,
                            paren=c.value.paren, diameter=c.value.diameter or b.value.diameter,
                            radius=c.value.radius)
                out.append(Callout(v, b.token, tuple(sorted(set(c.keywords + b.keywords)))))
                break
        else:
            out.append(b)
    if not used:
        return callouts
    # Dual-dimensioned: the brackets are millimetres; drop the inch twins.
    return [o for o in out if not o.value.radius]


def _standard_pitch(vals: Sequence[Callout], family: Optional[str], scale: float, near
                    ) -> Optional[Callout]:
    """A pitch no count or word marks, by its value: on a pin header the most repeated
    header pitch; on other families a standard pitch of the family (daemon.ocr.pitches)
    printed at least twice (MCC's SOT-23 layout: 0.950 on each side of the centre pad,
    no count), never a value printed once, which may as well be a pad."""
    standard, repeats = (HEADER_PITCHES, 1) if family == "pin_header" else (
        FAMILY_PITCHES.get(family or "", ()), 2)
    counts: Dict[float, int] = {}
    for c in vals:
        if not c.value.is_range and any(near(c.value.value * scale, p) for p in standard):
            counts[c.value.value] = counts.get(c.value.value, 0) + 1
    counts = {v: n for v, n in counts.items() if n >= repeats}
    if len(counts) != 1 and family != "pin_header" or not counts:
        return None
    best = max(counts, key=counts.get)
    return next(c for c in vals if c.value.value == best)


def classify(callouts: Sequence[Callout], unit: str, pin_count: Optional[int],
             package_pitch: Optional[float], overall_width: Optional[float],
             family: Optional[str], body_width: Optional[float] = None,
             exposed_pad: bool = False) -> LandCallouts:
    """Assign callout values to land-pattern features (see the module docstring).
    `exposed_pad`: the page says the part has one (a leaded part's EP is looked for too)."""
    result = LandCallouts(unit=unit, values=[c.value for c in callouts])
    scale = 1.0 if unit == "mm" else (25.4 if unit == "inch" else 0.0254)
    vals = [c for c in callouts if c.value.value * scale >= _MIN_PAD_MM
            and not (c.value.qualifier in ("MAX", "MIN") and c.value.value * scale < 0.2)]
    drills = [c for c in vals if c.value.diameter]
    if drills:
        result.drill = min(drills, key=lambda c: c.value.value).value
    vals = [c for c in vals if not c.value.diameter]
    # Plain integers without a tolerance or count are pin numbers and labels.
    vals = [c for c in vals if "." in c.value.text or c.value.hi is not None
            or c.value.multiplier]

    def near(a: float, b: float) -> bool:
        return abs(a - b) <= max(0.005, 0.004 * b)

    pitch = None
    for c in vals:
        if "PITCH" in c.keywords or "PITCH" in squash(c.token.text):
            pitch = c
            break
    if pitch is None and package_pitch is not None:
        pitch = next((c for c in vals if near(c.value.value, package_pitch)), None)
    if pitch is None and pin_count:
        for rows in (2, 4):
            want = pin_count - rows
            pitch = next((c for c in vals if c.value.multiplier == want and want > 0), None)
            if pitch:
                break
    if pitch is None:
        pitch = _standard_pitch(vals, family, scale, near)
    pitch_value = pitch.value.value if pitch else package_pitch
    if pitch:
        result.pitch = pitch.value
    # A value equal to the pitch is the pitch again, unless it is counted once per pad
    # (onsemi's SOT-23: "3X 0.95" pad length beside "0.95 PITCH"; "12X 0.65" stays a pitch)
    rest = [c for c in vals if c is not pitch and not (
        pitch and near(c.value.value, pitch.value.value)
        and not (pin_count and c.value.multiplier == pin_count))]
    if pitch_value:
        rest = [c for c in rest if c.value.multiplier or not any(
            near(c.value.value, k * pitch_value) for k in range(2, 64))]
    # Pad sizes: values counted once per pad.
    counts = [c.value.multiplier for c in rest if c.value.multiplier]
    pad_count = pin_count if pin_count in counts else (max(set(counts), key=counts.count)
                                                       if counts else None)
    pads = [c for c in rest if pad_count and c.value.multiplier == pad_count]
    if pads:
        result.pad_count = pad_count
    elif not counts:
        small = sorted((c for c in rest if pitch_value is None
                        or c.value.value < 2.5 * pitch_value), key=lambda c: c.value.value)
        pads = _pads_by_spans(rest, small, pitch_value) or _pads_dimensioned_twice(
            rest, small, pitch_value)
        if not pads and not _spans_disagree(rest, small, pitch_value):
            pads = small[:2]
    pad_values = sorted({c.value.value: c for c in pads}.values(), key=lambda c: c.value.value)
    if len(pad_values) >= 2:
        result.pad_width = pad_values[0].value
        result.pad_length = pad_values[-1].value
    elif len(pad_values) == 1 and (family in ("pin_header", "dip") or _both_ways(pads)):
        # a header's round pad, or one size printed along both sides of a square pad
        # (Hottech's SOD-323: "0.7" under the pad and "0.7" turned beside it)
        result.pad_width = result.pad_length = pad_values[0].value
    elif len(pad_values) == 1 and pitch_value and family not in TWO_TERMINAL_FAMILIES:
        # One size counted per pad: across the pads it is narrower than the pitch; along
        # the lead, in every family with a pitch, longer than it (SOIC 1.55 at 1.27, QFN
        # 0.75 at 0.5, SOT-23 1.0 at 0.95). Between the two it stays unknown.
        value = pad_values[0].value
        if value.value <= PAD_WIDTH_OF_PITCH * pitch_value:
            result.pad_width = value
        elif value.value > pitch_value:
            result.pad_length = value
    used = {id(c) for c in pad_values}
    spans = [c for c in rest if id(c) not in used and not c.value.multiplier]
    if result.pad_length is not None:
        spans = [c for c in spans if c.value.value > result.pad_length.value]
    if overall_width is not None and len(spans) > 1:
        # No row dimension reaches past the tips by more than two toes (IPC's toe goal
        # is under 0.6 mm a side): a larger span is the exposed pad's metal along the
        # rows or the body's length (TI's PowerPAD board layout: (9.7) beside (5.8)).
        within = [c for c in spans if c.value.value <= overall_width + _MAX_TOES_MM]
        spans = within or spans
    if spans and family not in ("pin_header",):
        span = max(spans, key=lambda c: c.value.value)
        # Wider than tip to tip: outer edge to outer edge, unless the pads would then
        # leave less than half the body between them (SC-70's (2.2) centres on E 2.1).
        inner = span.value.value - 2 * result.pad_length.value if result.pad_length else None
        if overall_width is not None and span.value.value > overall_width and not (
                body_width and inner is not None and inner < 0.5 * body_width
                and family not in EXPOSED_PAD_FAMILIES):  # no-lead pads sit under the body
            result.overall_span = span.value
        else:
            result.row_spacing = span.value
        _pads_from_gap(result, span, [c for c in spans if c is not span
                                      and not _row_extent(c, result, pin_count, pitch_value)])
        if (family in EXPOSED_PAD_FAMILIES or exposed_pad) and result.pad_length is not None:
            _exposed_pad(result, [c for c in spans if c is not span])
    return result


def _both_ways(pads: Sequence[Callout]) -> bool:
    """The same size printed once upright and once turned: along both sides of one pad
    (not twice along a row, Kingbright's pad, gap, pad "0.8 0.85 0.8")."""
    return len(pads) == 2 and pads[0].token.vertical != pads[1].token.vertical


EXPOSED_PAD_FAMILIES = ("dfn", "qfn", "son")
TWO_TERMINAL_FAMILIES = ("chip", "molded", "melf", "sod")  # no pitch between their pads
PAD_WIDTH_OF_PITCH = 0.75  # a pad at most this share of the pitch is surely its width
# Z exceeds the lead tips (E) by its two toe fillets plus pad tolerance: never by 2 mm.
_MAX_TOES_MM = 2.0


def _pads_by_spans(rest: Sequence[Callout], small: Sequence[Callout],
                   pitch: Optional[float]) -> List[Callout]:
    """No counts on the drawing (ST's LQFP footprint: 0.20 0.30 1.20 7.30 9.70): the pad
    length is the value an outside span and an inside gap confirm, (Z - G) / 2. Empty when
    the spans confirm nothing."""
    if not pitch:
        return []
    return _width_beside(_confirmed_lengths(rest, small, pitch), small, pitch)


def _width_beside(lengths: Sequence[Callout], small: Sequence[Callout],
                  pitch: float) -> List[Callout]:
    """[width, length] for one confirmed pad length: the width is the smallest value under
    the pitch that is at least 0.45 pitch (the 0.20 between two 0.30 pads at 0.5 pitch is a
    gap, not a pad). Empty when the lengths disagree or no width is printed."""
    widths = [c for c in small if 0.45 * pitch <= c.value.value < pitch]
    if len({c.value.value for c in lengths}) != 1 or not widths:
        return []
    return [min(widths, key=lambda c: c.value.value), lengths[0]]


def _row_extent(c: Callout, result: LandCallouts, pin_count: Optional[int],
                pitch: Optional[float]) -> bool:
    """The value spans one row of pads end to end, (pins per row - 1) x pitch + pad width
    (TAOS's 1700 down a column of three 400 pads at 650): it measures along the rows, so it
    is no gap between them."""
    if not (pin_count and pitch and result.pad_width) or pin_count % 2:
        return False
    extent = (pin_count // 2 - 1) * pitch + result.pad_width.value
    return abs(c.value.value - extent) <= max(0.011, 0.01 * extent)


def _pads_dimensioned_twice(rest: Sequence[Callout], small: Sequence[Callout],
                            pitch: Optional[float]) -> List[Callout]:
    """No counts and no inside gap (TAOS's DFN: 1000 over each of the two pad columns, 2500
    over both, 400 and 650 down them): the pad's length is the value over the pitch printed
    once per row (twice) that a larger span holds twice with room between. Empty otherwise."""
    if not pitch:
        return []
    values = [c.value.value for c in rest]
    lengths = [c for c in small if c.value.value > pitch
               and sum(1 for v in values if abs(v - c.value.value) < 1e-6) == 2
               and any(z > 2 * c.value.value + 0.1 for z in values)]
    return _width_beside(lengths, small, pitch)


def _spans_disagree(rest: Sequence[Callout], small: Sequence[Callout],
                    pitch: Optional[float]) -> bool:
    """The spans confirm more than one pad length ((Z - G) / 2 for two pairs: ST's UFQFPN48
    footprint, 7.30 outside with 5.80 and 6.20 inside): the pads are then not guessed from
    the two smallest values (0.20, a gap, and 0.30), the land pattern stays incomplete and
    IPC computes the pads, saying so."""
    if not pitch:
        return False
    return len({c.value.value for c in _confirmed_lengths(rest, small, pitch)}) > 1


def _confirmed_lengths(rest: Sequence[Callout], small: Sequence[Callout], pitch: float
                       ) -> List[Callout]:
    """Values over the pitch that an outside span Z and an inside gap G confirm as a pad's
    length, (Z - G) / 2."""
    values = [c.value.value for c in rest]
    return [c for c in small if c.value.value > pitch and any(
        abs((z - g) / 2 - c.value.value) <= max(0.011, 0.01 * c.value.value)
        for z in values for g in values if z > g > c.value.value)]


def _pads_from_gap(result: LandCallouts, span: Callout, others: Sequence[Callout]) -> None:
    """Outside span Z and inside gap G both printed (onsemi: 4.19 and 2.36): the pad's
    length along the span is (Z - G) / 2, so of the two pad sizes the one equal to it is
    the length and the other the width; Z is then outer edge to outer edge."""
    if result.pad_width is None or result.pad_length is None:
        return
    z = span.value.value

    def fits(pad: PrintedValue, length: float) -> bool:
        return length > 0 and abs(pad.value - length) <= max(0.011, 0.02 * length)

    # Z with a gap G ((Z - G) / 2) or with the centre spacing C (Z - C): the length as
    # read first, and only then the two pad sizes swapped.
    gaps = [c.value.value for c in others if 0 < c.value.value < z]
    lengths = [(z - g) / 2.0 for g in gaps] + [z - g for g in gaps]
    if any(fits(result.pad_length, n) for n in lengths):
        result.overall_span, result.row_spacing = span.value, None
    elif any(fits(result.pad_width, n) for n in lengths[:len(gaps)]):
        result.pad_width, result.pad_length = result.pad_length, result.pad_width
        result.overall_span, result.row_spacing = span.value, None


def _exposed_pad(result: LandCallouts, rest: Sequence[Callout]) -> None:
    """No-lead parts: one or two plain values left between the rows, larger than a pad,
    are the exposed pad's sides (which side is which is decided by the reader)."""
    pad_len = result.pad_length.value
    if result.row_spacing is not None:
        inner = result.row_spacing.value - pad_len
    elif result.overall_span is not None:
        inner = result.overall_span.value - 2 * pad_len
    else:
        return
    cands = sorted({c.value.value: c.value for c in rest
                    if pad_len < c.value.value < inner}.values(), key=lambda v: v.value)
    if 1 <= len(cands) <= 2:  # more than an exposed pad explains: leave it out
        result.exposed_pad_sides = cands
