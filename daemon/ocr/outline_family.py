"""The family of an outline whose crop names none, from its printed sizes alone.

A screenshot of a drawing often leaves the title out (WIZnet's W5500 "Package Descriptions"
page: 7.00 +/-0.10 and 9.00 +/-0.20 both ways, 0.50 BSC, a "48" beside pin 48). Only
outlines whose sizes fix both the family and the lead count are recognised, from JEDEC's
registered combinations; anything else stays "no family found" and the reader asks for a
package hint. A recognised outline is reported in the reading's notes for the reviewer.
"""

import re
from dataclasses import dataclass
from typing import Dict, Optional, Sequence, Set, Tuple

from daemon.ocr.lead_row import LEAD_SIZE_MM
from daemon.ocr.numbers import PrintedValue, parse_values, pitch_chain
from daemon.ocr.tokens import OcrToken
from footprint_writer.ipc.eia_chips import eia_chip
from footprint_writer.ipc.jedec_leads import DIP_ROWS_MM

# JEDEC MS-026 (LQFP / TQFP): (body D1 = E1 in mm, pitch e) -> lead count. Tip to tip
# (D = E) is the body + 2.00 mm on every variation.
MS026_LEADS: Dict[Tuple[float, float], int] = {
    (7.0, 0.8): 32, (7.0, 0.5): 48, (7.0, 0.4): 64,
    (10.0, 0.8): 44, (10.0, 0.65): 52, (10.0, 0.5): 64, (10.0, 0.4): 80,
    (12.0, 0.5): 80, (14.0, 0.8): 64, (14.0, 0.65): 80, (14.0, 0.5): 100, (14.0, 0.4): 120,
    (20.0, 0.65): 112, (20.0, 0.5): 144, (20.0, 0.4): 176, (24.0, 0.5): 176,
    (28.0, 0.65): 160, (28.0, 0.5): 208,
}
MS026_TIP_OVER_BODY_MM = 2.0
_EPS = 0.011


@dataclass(frozen=True)
class OutlineGuess:
    family: str
    pins: int
    why: str
    sizes: Dict[str, PrintedValue]  # reading fields, the values as printed


def _sizes(tokens: Sequence[OcrToken]
           ) -> Tuple[Dict[float, PrintedValue], Dict[float, PrintedValue]]:
    """(toleranced sizes, basic pitches) printed on the page, by value, as printed."""
    sizes, pitches = {}, {}
    for tok in tokens:
        for v in parse_values(tok.text):
            if v.degrees or v.paren or v.multiplier:
                continue
            if v.qualifier in ("BSC", "TYP") and v.lo is None:
                pitches.setdefault(round(v.value, 3), v)
            elif v.lo is not None and v.hi is not None:
                sizes.setdefault(round(v.value, 3), v)
    return sizes, pitches


def _stacked_sizes(tokens: Sequence[OcrToken]
                   ) -> Tuple[Dict[float, PrintedValue], Dict[float, PrintedValue]]:
    """(limit pairs, single sizes) as the drawing reader joins them: dual units resolved
    to mm ("0.197 (5,00)") and two limits stacked at one place ("5,00" over "4,80") one
    size (daemon.ocr.package_callouts.stacked_limits)."""
    from daemon.ocr.callouts import collect
    from daemon.ocr.layout import line_height
    from daemon.ocr.package_callouts import stacked_limits

    if not tokens:
        return {}, {}
    region = (0, 0, max(t.box[2] for t in tokens) + 1, max(t.box[3] for t in tokens) + 1)
    h = line_height(tokens)
    pairs, singles = {}, {}
    # The upright and the turned text apart: a turned run over upright ones would hide them.
    upright = [t for t in tokens if not t.vertical]
    turned = [t for t in tokens if t.vertical]
    dims = stacked_limits(collect(upright, region), h) + (
        stacked_limits(collect(turned, region), h) if turned else [])
    for d in dims:
        v = d.value
        if v.degrees or v.qualifier in ("MAX", "MIN"):
            continue
        if v.lo is not None and v.hi is not None and not v.multiplier:
            pairs.setdefault(round(v.value, 3), v)
        elif v.lo is None and "." in v.text:  # "12X 1.27": a pitch counted
            singles.setdefault(round(v.value, 3), v)
    return pairs, singles


def _drawing_sizes(pages: Sequence[Sequence[OcrToken]]):
    """(limit pairs, basic pitches, single sizes) of untitled drawings: each run's own
    values (_sizes) and, image by image, the sizes as the drawing reader joins them
    (_stacked_sizes: stacked limits are joined within one image's coordinates)."""
    sizes, pitches = _sizes([t for page in pages for t in page])
    plain: Dict[float, PrintedValue] = {}
    for page in pages:
        stacked, singles = _stacked_sizes(page)
        for k, v in stacked.items():
            sizes.setdefault(k, v)
        for k, v in singles.items():
            plain.setdefault(k, v)
    return sizes, pitches, plain


def _find(values: Dict[float, PrintedValue], target: float) -> Optional[PrintedValue]:
    return next((v for k, v in values.items() if abs(k - target) < _EPS), None)


def _labels(tokens: Sequence[OcrToken]) -> Set[int]:
    """Bare integers on the drawing (pin-number labels, "#1" included), not the item
    numbers of a legend: an integer with words right of it on its line ("3  Soldering
    terminal" in Walsin's construction list) names a list item, not a pin."""
    out = set()
    for t in tokens:
        m = re.fullmatch(r"#?(\d{1,3})", t.text.strip())
        if m and not _legend_item(t, tokens):
            out.add(int(m.group(1)))
    return out


def _legend_item(tok: OcrToken, tokens: Sequence[OcrToken]) -> bool:
    return any(re.search(r"[A-Za-z]{3}", o.text) for o in _right_on_line(tok, tokens, 4))


def _right_on_line(tok: OcrToken, tokens: Sequence[OcrToken], lines: float) -> list:
    """The text runs right of `tok` on its line, within `lines` of its own heights."""
    h = tok.box[3] - tok.box[1]
    return [o for o in tokens if o is not tok and abs(o.cy - tok.cy) < 0.5 * h
            and 0 < o.box[0] - tok.box[2] < lines * h]


def family_from_outline(tokens: Sequence[OcrToken]) -> Optional[OutlineGuess]:
    """An MS-026 quad flat pack, an EIA chip, a through-hole DIP or a two-row through-hole
    part printing its pitch as a chain, from its printed sizes, or None."""
    return (_ms026(tokens) or _eia_chip(tokens) or _through_hole_dip(tokens)
            or _two_rows_by_chain(tokens))


def gull_wing_from_drawing(pages: Sequence[Sequence[OcrToken]]) -> Optional[OutlineGuess]:
    """A two-row gull-wing drawing cropped without its title (Micrel's SOT-23-5 page
    "continued"): its body, tips, length and pitch one registered outline's
    (daemon.ocr.jedec_bodies.gull_wing_outline). Each page's tokens hold its turned text
    too: the sizes across the rows are printed up the page."""
    from daemon.ocr.jedec_bodies import gull_wing_outline

    tokens = [t for page in pages for t in page]
    sizes, pitches, plain = _drawing_sizes(pages)
    # A pitch printed with no TYP/BSC (TI's boxed "0.050 (1,27)", "12X 1.27"): any single
    # size may be it, the outline's body, length and tips still have to fit around it.
    # A pitch toleranced like a size (National's 2.286-2.794) is a candidate too.
    found = gull_wing_outline(sizes, {**sizes, **plain, **pitches}, _labels(tokens))
    if found is None:
        return None
    body, pins, printed = found
    why = (f"no family named: a {printed['body_width'].value:g} x "
           f"{printed['body_length'].value:g} mm body at {printed['pitch'].value:g} mm pitch, "
           f"leads out to the sides, is {body.outline}, {pins} leads")
    return OutlineGuess(body.family, pins, why, printed)


# Outlines whose views do not nest, known by JEDEC windows (package_callouts.JEDEC_WINDOWS),
# with enough windows that a page filling most of them, at the family's pitch, is that
# outline: TO-261AA (SOT-223, 7 windows) and TO-252AA (DPAK, 8). TO-220 and TO-92 have
# three windows each: too few to tell an untitled page from another part's sizes.
WINDOWED_OUTLINES = {"sot223": ("JEDEC TO-261AA (SOT-223)", 5),
                     "dpak": ("JEDEC TO-252AA (DPAK)", 5)}


def windowed_outline_from_drawing(pages: Sequence[Sequence[OcrToken]]
                                  ) -> Optional[OutlineGuess]:
    """An untitled SOT-223 or DPAK drawing: at least five of the outline's JEDEC windows
    each hold exactly one printed limit pair, all different, and a pitch of the family is
    printed; exactly one outline fits so."""
    from daemon.ocr.package_callouts import JEDEC_WINDOWS, by_window
    from daemon.ocr.package_text import FAMILY_DEFAULT_PINS
    from daemon.ocr.pitches import FAMILY_PITCHES

    sizes, pitches, plain = _drawing_sizes(pages)
    printed_pitches = {**plain, **pitches}
    fits = []
    for family, (outline, least) in WINDOWED_OUTLINES.items():
        windows = {k: w for k, w in JEDEC_WINDOWS[family].items() if k != "pitch"}
        found = by_window(list(sizes.values()), windows)
        if len({round(v.value, 3) for v in found.values()}) != len(found) or len(found) < least:
            continue
        # a pitch printed as a limit pair (AMS' 2e 3.96-5.18) counts; a size a window took
        # (DPAK's 2.21-2.39 height beside its 2.28 pitch) does not
        taken = {id(v) for v in found.values()}
        pitch = next((v for k, v in {**sizes, **printed_pitches}.items() if id(v) not in taken
                      and any(abs(k - p) < 0.011 for p in FAMILY_PITCHES[family])), None)
        if pitch is None:
            continue
        fits.append((family, outline, found, pitch))
    if len(fits) != 1:
        return None
    family, outline, found, pitch = fits[0]
    why = (f"no family named: {len(found)} printed sizes each in one window of {outline} "
           f"({', '.join(sorted(found))}) at a {pitch.value:g} mm pitch")
    return OutlineGuess(family, FAMILY_DEFAULT_PINS[family], why, {**found, "pitch": pitch})


# How far a printed row may sit from a standard DIP row (jedec_leads.DIP_ROWS_MM); the
# body sits inside the row by 0.4-2.2 mm (PC817: 6.5 under 7.62).
_DIP_ROW_SLACK_MM = 0.35
_DIP_BODY_INSIDE_MM = (0.4, 2.2)
_DIP_PITCH_MM = 2.54
_THROUGH_HOLE = re.compile(r"THROUGH-?HOLE")
# A short DIP's lead count follows from its body length (the row of n leads spans n - 1
# pitches and the body overhangs it by under a pitch each end); past this, DIP-14 and
# DIP-16 share a body and only the pin labels tell.
_DIP_COUNT_BY_BODY_MAX_MM = 12.0


def _through_hole_dip(tokens: Sequence[OcrToken]) -> Optional[OutlineGuess]:
    """An optocoupler-style DIP drawing that names no family (Sharp's PC817 "Through-Hole"
    panel): the page says through-hole, prints a standard DIP row and a body inside it;
    the count from the pin labels, or for a short body from its length at 2.54 mm."""
    if not any(_THROUGH_HOLE.search(t.text.upper().replace(" ", "")) for t in tokens):
        return None
    sizes, _ = _sizes(tokens)
    rows = [(r, v) for v in sizes.values() for r in DIP_ROWS_MM
            if abs(v.value - r) <= _DIP_ROW_SLACK_MM]
    if len({r for r, _ in rows}) != 1:
        return None
    row, row_value = rows[0]
    inside = [v for v in sizes.values()
              if _DIP_BODY_INSIDE_MM[0] <= row - v.value <= _DIP_BODY_INSIDE_MM[1]]
    if len(inside) != 1:
        return None
    width = inside[0]
    others = [v for v in sizes.values() if v is not row_value and v is not width
              and 2.0 <= v.value <= 60.0 and abs(v.value - _DIP_PITCH_MM) > 0.05]
    if not others:
        return None
    length = max(others, key=lambda v: v.value)
    per_row = int((length.value + 0.5) // _DIP_PITCH_MM)
    labels = [n for n in _labels(tokens) if n % 2 == 0 and 4 <= n <= 64]
    label_pins = max(labels) if labels else None
    if label_pins and (label_pins // 2 - 1) * _DIP_PITCH_MM < length.value:
        pins = label_pins
    elif length.value <= _DIP_COUNT_BY_BODY_MAX_MM and per_row >= 2:
        pins = 2 * per_row
    else:
        return None
    why = (f"no family named: a through-hole drawing with a {row:g} mm DIP row, a "
           f"{width.value:g} mm body inside it and {length.value:g} mm along the rows is a "
           f"DIP-{pins}")
    return OutlineGuess("dip", pins, why, {"overall_width": row_value, "body_width": width,
                                           "body_length": length})


def _two_rows_by_chain(tokens: Sequence[OcrToken]) -> Optional[OutlineGuess]:
    """A two-row through-hole part that names no family (Wayjun's 7-segment display: pins
    "2.54*4=10.16" along a row, 15.24 between the rows, "Ø 0.51" with its Ø lost): the chain
    gives the pitch and the pins in a row, the one standard DIP row printed the spacing,
    the one lead-sized value the lead. Read as a DIP of twice the row's pins, numbered as
    one (counter-clockwise); a pin label beyond that count refuses."""
    chains = {c for c in (pitch_chain(t.text) for t in tokens) if c}
    if len(chains) != 1:
        return None
    pitch, pitches, span = chains.pop()
    if abs(pitch - _DIP_PITCH_MM) > 0.02:
        return None
    plain = [v for t in tokens if not pitch_chain(t.text) for v in parse_values(t.text)
             if "." in v.text and not (v.degrees or v.multiplier or v.bracket or v.paren)]
    rows = {r: v for v in plain for r in DIP_ROWS_MM if abs(v.value - r) <= 0.005 * r}
    leads = {v.value: v for v in plain
             if LEAD_SIZE_MM[0] <= v.value <= LEAD_SIZE_MM[1] and v.qualifier != "MAX"}
    if len(rows) != 1 or len(leads) != 1:
        return None
    (row, row_value), lead = next(iter(rows.items())), next(iter(leads.values()))
    pins = 2 * (pitches + 1)
    if row < 2 * pitch or any(n > pins for n in _labels(tokens)):
        return None
    why = (f"no family named: pins {pitch:g} x {pitches} = {span:g} mm along a row and a "
           f"{row:g} mm row spacing make a two-row through-hole part, read as DIP-{pins} "
           f"(lead {lead.value:g} mm)")
    return OutlineGuess("dip", pins, why, {"pitch": PrintedValue(pitch, text=f"{pitch:g}"),
                                           "overall_width": row_value, "lead_width": lead})


def _eia_chip(tokens: Sequence[OcrToken]) -> Optional[OutlineGuess]:
    """A two-terminal chip: two toleranced sizes that are the length and width of one EIA
    size (3.20 +/-0.20 and 1.60 +/-0.10: 1206), and nothing on the page that a leaded part
    prints (no pitch, no pin label over 2). Exactly one size pair must fit."""
    sizes, pitches = _sizes(tokens)
    if pitches or any(n > 2 for n in _labels(tokens)) or _prints_a_pitch_row(tokens):
        return None
    fits = {}
    if not any(eia_chip(a, b) for a in sizes for b in sizes if a < b):
        # Nominals printed in both units (Kingbright: "1.6(0.063)", "0.8(0.031)"), no
        # tolerances: the pair of units vouches that each is a printed size.
        sizes = {**_dual_nominals(tokens), **sizes}
    values = sorted(sizes)
    for i, a in enumerate(values):
        for b in values[i + 1:]:
            chip = eia_chip(a, b)
            if chip is not None:
                fits[chip.imperial] = (chip, sizes[b], sizes[a])
    if len(fits) != 1:
        return None
    chip, length, width = next(iter(fits.values()))
    why = (f"no family named: a {length.value:g} x {width.value:g} mm body is an EIA "
           f"{chip.imperial} ({chip.metric} metric) chip")
    return OutlineGuess("chip", 2, why, {"body_length": length, "body_width": width})


def _prints_a_pitch_row(tokens: Sequence[OcrToken]) -> bool:
    """A letter table's pitch row: JEDEC's "e" alone with a size right of it on its line
    (Würth's 0805-size balun: "e 0,65 +-0,05", six terminals). No two-terminal chip has a
    pitch."""
    return any(t.text.strip() == "e"
               and any(0 < v.value < 2.6 for o in _right_on_line(t, tokens, 12)
                       for v in parse_values(o.text))
               for t in tokens)


_DUAL_NOMINAL = re.compile(r"^\s*(\d+\.\d+)\s*\((0?\.\d+)\)\s*$")


def _dual_nominals(tokens: Sequence[OcrToken]) -> Dict[float, PrintedValue]:
    """Plain millimetre values printed with their inch equivalent beside them."""
    out = {}
    for t in tokens:
        m = _DUAL_NOMINAL.match(t.text)
        if m and abs(float(m.group(2)) * 25.4 - float(m.group(1))) <= 0.03 * float(m.group(1)):
            mm = float(m.group(1))
            out.setdefault(round(mm, 3), PrintedValue(mm, text=m.group(1)))
    return out


def _ms026(tokens: Sequence[OcrToken]) -> Optional[OutlineGuess]:
    """An MS-026 quad flat pack from its body, tip-to-tip span and pitch, or None. Refused
    when a pin label larger than the count is printed (the page is another outline)."""
    sizes, pitches = _sizes(tokens)
    matches = []
    for (body, pitch), pins in MS026_LEADS.items():
        found = (_find(pitches, pitch), _find(sizes, body),
                 _find(sizes, body + MS026_TIP_OVER_BODY_MM))
        if all(found):
            matches.append((body, pitch, pins, found))
    if len(matches) != 1:
        return None
    body, pitch, pins, (e, d1, d) = matches[0]
    if any(n > pins for n in _labels(tokens)):
        return None
    why = (f"no family named: a {body:g} x {body:g} mm body with {body + 2:g} mm tips at "
           f"{pitch:g} mm pitch is JEDEC MS-026 LQFP-{pins}")
    return OutlineGuess("qfp", pins, why, {
        "pitch": e, "body_length": d1, "body_width": d1, "overall_length": d,
        "overall_width": d})
