"""Leaded through-hole parts whose page names no family and draws no land pattern: radial
LEDs, photodiodes, photoresistors, thermistors, buzzers, tilt switches. The package drawing
prints the lead spacing and the lead size; the land is computed from them.

What is read, and from what (each a convention kept as data below):
- the spacing: a printed size that is a standard lead spacing (`LEAD_SPACINGS_MM`), as a
  nominal, a +/- size or the midpoint of a min/max pair; where several sizes qualify, the
  one the page calls a spacing (`SPACING_WORDS` beside it) or measured on the lead size's
  axis, else none (the page is ambiguous and the user is asked);
- the lead: a diameter (`Ø0.6`), a square lead (`.025 SQ`, `Pins 0.64 x 0.64`) or a wire
  gauge (`AWG 24`, `AWG_MM`); its largest printed size makes the hole;
- the count: a count on the lead callout (`2xØ0.6`), the same spacing across both axes
  (a 2 x 2 grid), the leads a side view draws across the spacing's own dimension
  (`drawn_leads.py`), or a two-terminal part named on the page (`TWO_TERMINAL`).
The hole is IPC-2222's (maximum lead + 0.2 mm, rounded up to 0.05 mm; a square lead's
diagonal), the land the hole plus 2 x 0.35 mm, at most the spacing less 0.2 mm. Every pad
is marked `inferred` and the notes say to check pin 1 against the drawing.
"""

import math
import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from daemon.ocr.drawn_leads import drawn_lead_count, drawn_lead_width
from daemon.ocr.hole_row import MIN_COPPER_GAP_MM, tht_pads
from daemon.ocr.layout import line_height, once_per_page, page_text, squash
from daemon.ocr.numbers import parse_values
from daemon.ocr.pad_grid import centre_inside, land_figure_dims
from footprint_writer.ipc.rounding import up_to_base
from footprint_writer.ipc.tables import DRILL_STEP_MM, THROUGH_HOLE
from schemas.reading import note_text

# Standard lead spacings: the 0.05 in / 0.1 in grid (JEDEC, EIA-RS-296 radial parts) and
# IEC 60717's metric radial spacings (2.5, 5, 7.5 ... mm; 2.0 and 3.5 for small parts);
# 3.0 for the 5 mm CdS photoresistors (the GL55 series' 3.0 +/-0.1).
LEAD_SPACINGS_MM = (1.27, 2.0, 2.5, 2.54, 3.0, 3.5, 5.0, 5.08, 7.5, 7.62, 10.0, 10.16, 12.5,
                    15.0, 22.5, 27.5)
# American wire gauge -> diameter in mm (ASTM B258), for leads printed as a gauge.
AWG_MM = {18: 1.024, 20: 0.812, 22: 0.644, 24: 0.511, 26: 0.405, 28: 0.321}
# Words that make a printed size the lead spacing.
SPACING_WORDS = re.compile(r"SPACING|PITCH|^NOM\.?$|LEADSPAC")
# Parts that have exactly two terminals whatever their make: the name outweighs a count
# of drawn strokes (a dimension line beside the leads looks like one more).
ONLY_TWO_TERMINALS = re.compile(r"PHOTORESISTOR|PHOTOCONDUCTIVE|\bLDR\b|THERMISTOR|\bNTC\b|"
                                r"\bPTC\b|VARISTOR|\bFUSE\b")
# Parts with two terminals, named on the page (title, feature list or lead labels).
TWO_TERMINAL = re.compile(
    r"ANODE|CATHODE|PHOTODIODE|THERMISTOR|\bNTC\b|\bPTC\b|BUZZER|TRANSDUCER|SOUNDER|"
    r"PHOTOCONDUCTIVE|PHOTORESISTOR|\bLDR\b|PIEZO|\bLED\b|LAMP|DIODE|CAPACITOR|FUSE")
# A diameter the page gives a mark (pin 1's dot, an index, an ejector pin's print): no lead.
_MARK_WORDS = re.compile(r"PIN\s*#?\s*1|\bINDEX\b|\bMARK|\bDOT\b|\bI\.?D\b|EJECTOR")
# A diameter the page calls a hole is the board's drill, not a lead ("0.9 Dia. Hole").
_HOLE_WORDS = re.compile(r"HOLE|DRILL|\bPTH\b|\bNPTH\b")
# "SQ. TYP" (OCR reads the Q as an O before a full stop)
_SQUARE = re.compile(r"\bSQ\b|SQUARE|\bS[QO0]\.")
_PAIR = re.compile(r"(\d*\.?\d+)\s*[xX×]\s*(\d*\.?\d+)")
_AWG = re.compile(r"AWG\s*#?\s*(\d{2})", re.I)
MAX_LEADS = 40
LEAD_SIZE_MM = (0.25, 1.3)  # a lead's printed size (its diameter or side) on such drawings
# A bare size is a lead's only near the width the drawing gives the leads (as a fraction of
# the printed spacing): within a factor of 1.5, and every other size at least a factor of
# 1.28 further off (log ratios 0.4 and 0.25). Drawings are seldom to scale, so this only
# parts sizes far apart (TRU's 0.54 lead, drawn 0.64, from the 1.0 flange).
PLAIN_LEAD_LOG_TOLERANCE = 0.4
PLAIN_LEAD_LOG_MARGIN = 0.25


@dataclass
class Lead:
    size: float  # the largest printed size (diameter or side)
    square: bool
    axis: Optional[str]
    count: Optional[int]
    text: str


def _largest(v) -> float:
    return v.hi if v.hi is not None else v.value


def standard_spacing(v) -> Optional[float]:
    """The standard spacing this printed size is, or None: a nominal that is one rounded to
    the digits printed (5.1 is 5.08; 5.05 is neither 5.0 nor 5.08), or a min/max pair whose
    midpoint is within 1 % of one inside it."""
    if v.diameter or v.radius or v.degrees or v.qualifier in ("MAX", "MIN"):
        return None
    decimals = _decimals(v)
    if v.is_range or decimals is None:
        return next((s for s in LEAD_SPACINGS_MM if abs(v.value - s) <= 0.01 * s + 1e-6),
                    None)
    exact = [s for s in LEAD_SPACINGS_MM if abs(s - v.value) < 1e-6]
    rounded = [s for s in LEAD_SPACINGS_MM if decimals and abs(round(s, decimals) - v.value)
               < 1e-6]
    return (exact + rounded + [None])[0]


def _decimals(v) -> Optional[int]:
    """Digits after the point of the nominal as printed ("5.05±0.1" -> 2), None where the
    text holds no number of that value."""
    for m in re.finditer(r"\d*\.\d+|\d+", v.text):
        if abs(float(m.group(0)) - v.value) < 1e-6:
            return len(m.group(0).partition(".")[2])
    return None


def _leads(dims, tokens, h: float) -> List[Lead]:
    out: List[Lead] = []
    for d in dims:
        v = d.value
        if v.bracket or v.paren and not v.diameter \
                or not LEAD_SIZE_MM[0] <= _largest(v) <= LEAD_SIZE_MM[1]:
            continue
        near = " ".join(t.text for t in tokens
                        if abs(t.cy - (d.box[1] + d.box[3]) / 2) < 0.8 * h
                        and abs(t.cx - (d.box[0] + d.box[2]) / 2) < 8 * h)
        above = " ".join(t.text for t in tokens
                         if 0 < d.box[1] - t.cy < 1.6 * h and t.box[0] < d.box[2]
                         and t.box[2] > d.box[0])
        if v.diameter and _MARK_WORDS.search(f"{above} {near}".upper()):
            continue  # "Pin 1 ID" over "Ø0.3" (Micron's V-PDFN): a mark, not a lead
        square = bool(_SQUARE.search(near.upper()))
        pair = _PAIR.search(near)
        if pair and abs(float(pair.group(1)) - float(pair.group(2))) < 1e-6:
            square = True  # "Pins 0.64 x 0.64"
        counted = v.multiplier is not None and 2 <= v.multiplier <= MAX_LEADS
        if v.diameter or square or counted:
            # "2-0.6+-0.1": a size printed with its count is the leads' (EKULIT's pins)
            count = v.multiplier if counted else None
            out.append(Lead(_largest(v), square and not v.diameter, d.axis, count, v.text))
    for tok in tokens:
        m = _AWG.search(tok.text)
        if m and int(m.group(1)) in AWG_MM:
            out.append(Lead(AWG_MM[int(m.group(1))], False, None, None, tok.text))
    return out


# Packages that have no leads to drill for: a page that names one is no lead row (Kionix's
# "2 x 2 x 0.9 mm LGA", its pin-1 mark's Ø(0.300) beside the 2.00 body sides).
_LEADLESS = re.compile(r"\b(?:LGA|BGA|QFN|DFN|SON|WLCSP|CSP)\b|SURFACE.?MOUNT|\bSMD\b")


def _names_a_leadless_package(tokens) -> bool:
    return any(_LEADLESS.search(t.text.upper()) for t in tokens)


def _prints_holes(dims, tokens) -> bool:
    """The page prints a board's holes as drilled: a diameter it calls a hole ("0.9 Dia.
    Hole", E-Switch), or a count of diameters too large for any lead ("2-Ø2.00" beside
    "2-0.90", Kinghelm). A lead read off such a page would make holes it does not print."""
    if any(d.value.diameter and d.value.multiplier and d.value.multiplier >= 2
           and _largest(d.value) > LEAD_SIZE_MM[1] for d in dims):
        return True
    return any(_HOLE_WORDS.search(t.text.upper()) and any(v.diameter for v in
                                                          parse_values(t.text))
               for t in tokens)


def _land_prints_holes(item) -> bool:
    """The page's land figure prints a diameter or a counted size: its holes as drilled
    (Kinghelm's "2-0.90" under a "PCB" caption), not a lead to drill for."""
    fig = land_figure_dims(item)  # whatever role the page was given or found to have
    return fig is not None and any((d.value.diameter or d.value.multiplier)
                                   and centre_inside(d.box, fig.region) for d in fig.dims)


def _plain_lead(item, dims, spacings, h: float) -> Optional[Lead]:
    """A lead printed as a bare size, no diameter sign, SQ or count (TRU Components' 3 mm
    LED: "0.54" over its lead): the one size in LEAD_SIZE_MM clearly nearest (PLAIN_LEAD_LOG_*)
    the width the drawing gives the leads across the spacing's own dimension, measured
    against that spacing. Its section is not printed: taken as square, whose diagonal
    makes the larger hole, which fits a round lead too."""
    values = {s for s, _, _, _ in spacings}
    if item.image is None or len(values) != 1:
        return None
    spacing = next(iter(values))
    texts = [t.box for t in page_text(item)]
    ratios = {round(r, 3) for r in (drawn_lead_width(item.image, box, h, a, texts=texts)
                                    for _, a, _, box in spacings if box is not None)
              if r is not None}
    if len(ratios) != 1:
        return None
    drawn = next(iter(ratios)) * spacing
    sizes = {}
    for d in dims:
        v = d.value
        if v.bracket or v.multiplier or v.diameter or v.radius or v.degrees or v.is_range \
                or v.qualifier in ("MAX", "MIN") or "." not in v.text \
                or not LEAD_SIZE_MM[0] <= v.value <= LEAD_SIZE_MM[1]:
            continue
        sizes.setdefault(round(v.value, 3), d)
    off = sorted((abs(math.log(size / drawn)), size) for size in sizes)
    if not off or off[0][0] > PLAIN_LEAD_LOG_TOLERANCE \
            or len(off) > 1 and off[1][0] < off[0][0] + PLAIN_LEAD_LOG_MARGIN:
        return None
    d = sizes[off[0][1]]
    return Lead(off[0][1], True, d.axis, None,
                f"{d.value.text}: a bare size, the leads drawn {drawn:.2f} wide; its section "
                "not printed, taken as square")


def _spacings(dims, tokens, h: float) -> list:
    """(standard spacing, axis, called a spacing, text box) of each qualifying printed
    size."""
    words = [t for t in tokens if SPACING_WORDS.search(squash(t.text))]
    out = []
    for d in dims:
        if d.value.bracket or d.value.multiplier:
            continue
        s = standard_spacing(d.value)
        if s is None:
            continue
        cx, cy = (d.box[0] + d.box[2]) / 2, (d.box[1] + d.box[3]) / 2
        called = any(abs(w.cy - cy) < 2.0 * h and abs(w.cx - cx) < 5 * h for w in words)
        if "." not in d.value.text and not called:
            continue  # a bare integer is a label ("5", "2") more often than a size
        out.append((s, d.axis, called, d.box))
    for tok in tokens:  # "lead spacing 5 mm" in a title or feature line
        m = re.search(r"(?:LEAD)?SPACING(\d+(?:\.\d+)?)MM", squash(tok.text))
        if m:
            s = float(m.group(1))
            if any(abs(s - x) < 1e-6 for x in LEAD_SPACINGS_MM):
                out.append((s, None, True, None))
    return out


# A spacing no standard lists (a 12 mm buzzer's 6.5) is taken only where the drawing shows
# it between leads: its extension lines start at drawn leads (daemon.ocr.drawn_leads).
_DRAWN_SPACING_MM = (1.0, 30.0)


def _largest_size(dims) -> float:
    """The largest decimal size the page prints: a body's, never a lead spacing."""
    return max((d.value.value for d in dims if "." in d.value.text), default=0.0)


def _drawn_spacings(item, dims, h: float) -> list:
    """(spacing, axis, False, box) of the one printed size, where no standard spacing is
    printed, whose dimension runs between drawn leads; [] for none or several. The largest
    size is the body's (its outline's two edges look like two leads), never a spacing."""
    if item.image is None:
        return []
    texts = [t.box for t in page_text(item)]
    largest = _largest_size(dims)
    found = {}
    for d in dims:
        if d.value.value >= largest:
            continue
        v = d.value
        if d.axis is None or v.multiplier or v.diameter or v.radius or v.degrees \
                or v.qualifier in ("MAX", "MIN") or "." not in v.text \
                or not _DRAWN_SPACING_MM[0] <= v.value <= _DRAWN_SPACING_MM[1]:
            continue
        if drawn_lead_count(item.image, d.box, h, d.axis, texts=texts):
            found.setdefault(round(v.value, 3), (v.value, d.axis, False, d.box))
    return list(found.values()) if len(found) == 1 else []


def _pick(spacings, lead: Lead) -> Optional[float]:
    values = {s for s, _, _, _ in spacings}
    if len(values) == 1:
        return next(iter(values))
    called = {s for s, _, c, _ in spacings if c}
    if len(called) == 1:
        return next(iter(called))
    # one spacing dimensioned across both axes is a 2 x 2 grid's (Active's tilt switch:
    # 2.54 both ways between its pins, 5.0 once across the body)
    both = {v for v in values if {a for s, a, _, _ in spacings if s == v} >= {"x", "y"}}
    if len(both) == 1:
        return next(iter(both))
    if lead.axis is not None:
        same = {s for s, a, _, _ in spacings if a == lead.axis}
        if len(same) == 1:
            return next(iter(same))
    return None


def read_lead_row(item) -> Optional[Tuple[object, str]]:
    """(DatasheetReading, '') for a family-less leaded part the page fully prints, or
    (None, why) when it shows leads but leaves something open, or None when it is no
    such page."""
    from schemas.reading import DatasheetReading

    h = line_height(item.page.tokens)
    dims, tokens = page_sizes(item)
    leads = _leads(dims, tokens, h)
    standard = _spacings(dims, tokens, h)
    if not leads:
        # a lead printed as a bare size: told by the width the drawing gives the leads
        plain = _plain_lead(item, dims, standard, h)
        leads = [plain] if plain is not None else []
    if not leads or _prints_holes(dims, tokens) or _land_prints_holes(item) \
            or _names_a_leadless_package(tokens):
        return None
    spacings = standard or _drawn_spacings(item, dims, h)
    if not spacings:
        return None
    lead = max(leads, key=lambda lead: lead.size)
    pitch = _pick(spacings, lead)
    if pitch is None:
        found = ", ".join(f"{s:g}" for s in sorted({s for s, _, _, _ in spacings}))
        return None, (f"leads of {lead.size:g} mm and several standard spacings printed "
                      f"({found} mm): give the lead spacing as a package hint or the pads as "
                      "a reading JSON")
    across = {a for s, a, _, _ in spacings if s == pitch and a is not None}
    count, rows, how = lead.count, 1, "the count on the lead"
    if count is None and across == {"x", "y"} and pitch < _largest_size(dims) - 1e-6:
        # the same spacing on both axes: a 2 x 2 grid (not the page's largest size: that
        # is a square body's sides, Kionix's 2.00 x 2.00 LGA, not four leads' spacing)
        count, rows, how = 4, 2, "the same spacing across both axes"
    if count is None:
        # the side view's leads across the spacing's own dimension (an end view's pins
        # are no leads: the extension lines must start at drawn leads); where the drawing
        # did not say the dimension's axis (a limit pair between dotted extension lines),
        # both ways are tried and must agree
        texts = [t.box for t in page_text(item)]
        drawn = {(drawn_lead_count(item.image, box, h, a, texts=texts), a)
                 for s, a, _, box in spacings
                 if s == pitch and box is not None and item.image is not None}
        # More than two leads only from a dimension whose line the drawing shows: a size
        # of unknown axis may be no spacing at all (a screenshot's 2 +/-0.2 beside a
        # buzzer's side view, its 10 +/-0.5 lost), and a third stroke is easily found.
        drawn = {n for n, a in drawn if n is not None and (n == 2 or a is not None)}
        if len(drawn) == 1:
            count, how = next(iter(drawn)), "the leads drawn across the spacing"
    if count is None:
        # No leads behind the standard-valued size: it was a length, not the spacing; the
        # one size the drawing does show between leads is (ABC's 6.5 beside two 5.0s).
        other = [d for d in _drawn_spacings(item, dims, h) if abs(d[0] - pitch) > 0.011]
        if len(other) == 1:
            pitch = other[0][0]
            texts = [t.box for t in page_text(item)]
            n = drawn_lead_count(item.image, other[0][3], h, other[0][1], texts=texts)
            if n == 2:
                count, how = n, "the leads drawn across the spacing"
    text = " ".join(squash(t.text) for t in tokens)
    named = TWO_TERMINAL.search(text)
    only_two = ONLY_TWO_TERMINALS.search(text)
    if count is not None and count != 2 and only_two and how.startswith("the leads drawn"):
        count, how = 2, (f"a {only_two.group(0).lower()} has two terminals (the drawing "
                         "seemed to show more: check)")
    if count is not None and named and count != 2 and how.startswith("the leads drawn"):
        # Counting drawn leads is the weakest evidence (extension lines and body edges
        # look alike); against the page's word it is no count at all.
        return None, (f"the drawing seems to show {count} leads but the page names a "
                      f"two-terminal part ({named.group(0).lower()}): give the pin count "
                      "(package hint) or the pads as a reading JSON")
    if count is None and named:
        count, how = 2, "a two-terminal part named on the page"
    if count is None:
        return None, (f"leads of {lead.size:g} mm at {pitch:g} mm found but not how many: "
                      "give the pin count (package hint) or the pads as a reading JSON")
    if rows == 2 and count != 4:
        return None
    largest = _largest_size(dims)
    if (count // rows - 1) * pitch > largest + 1e-6:
        # A row longer than anything the page dimensions is no row of leads: MEMSIC's
        # "10X0.5" pads beside a 5.0 body had made ten leads 5 mm apart, 45 mm long.
        return None
    rule = THROUGH_HOLE["nominal"]
    through = lead.size * math.sqrt(2.0) if lead.square else lead.size
    drill = up_to_base(through + rule.hole_over_lead, DRILL_STEP_MM)
    if drill + MIN_COPPER_GAP_MM > pitch:
        return None
    size = round(min(drill + 2 * rule.annular_ring, pitch - MIN_COPPER_GAP_MM), 4)
    pads = tht_pads(count // rows, pitch, rows, pitch, size, drill)
    kind = "square lead" if lead.square else "lead"
    notes = (f"ocr: {count} leads ({'2 x 2' if rows == 2 else 'one row'}; by {how}) at "
             f"{pitch:g} mm "
             f"(a standard spacing printed on the drawing); {kind} {lead.size:g} mm "
             f"({lead.text}) -> hole {drill:g} (IPC-2222: lead + {rule.hole_over_lead}), "
             f"land {size:g}; no land pattern printed; check pin 1 against the drawing")
    return DatasheetReading(units="mm", family="other", pin_count=count, pads=pads,
                            notes=note_text(notes)), ""


def page_sizes(item) -> Tuple[list, list]:
    """(sizes, text runs) of the whole page, turned text included, each size with the axis
    its dimension line runs along (worked out once per page)."""
    return once_per_page(item, "page_sizes", lambda: _page_sizes(item))


def _page_sizes(item) -> Tuple[list, list]:
    from daemon.ocr.callouts import collect
    from daemon.ocr.drawing import Drawing
    from daemon.ocr.package_callouts import (
        axis_of,
        bracketed_axis,
        broken_axis,
        stacked_limits,
    )

    page = item.page
    if item.image is None:
        return [], list(page.tokens)
    h = line_height(page.tokens)
    tokens = page_text(item)
    # Hairlines of a 150-dpi render are light grey (GL55's extension lines, 210-230).
    drawing = Drawing(item.image, threshold=230)
    dims = stacked_limits(collect(tokens, (0, 0, page.width, page.height)), h)
    for d in dims:
        # A line broken by the text is its dimension line; else text between two
        # extension lines (GL55's 3.0 under its arrows) is measured across them, before
        # the longer of the lines beside it decides.
        d.axis = d.axis or broken_axis(drawing, d.box, h) or bracketed_axis(
            drawing, d.box, h) or axis_of(drawing, d.box, h)
    return dims, tokens

