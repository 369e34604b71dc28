"""USB Type-C receptacles (16 contacts, USB 2.0) from the land-pattern drawing's callouts.

A USB-C receptacle is no JEDEC package: its drawing has no table and no pin rows, but every
maker draws the same thing. The USB Type-C specification fixes the 16-contact receptacle's
signal lands: twelve lands in one row, four of them wide and shared by two contacts
(A1/B12, A4/B9, B4/A9, B1/A12), eight narrow at the contact pitch in between
(B8 A5 B7 A6 A7 B6 A8 B5, centred). What the maker chooses, and prints, is the rest:

- horizontal callouts: the pitch (`0.50`), the narrow and wide land widths (`8x 0.30`,
  `4x 0.60`), the span of the outer and of the inner wide lands (`6.40`, `4.80`), the span
  of the narrow lands (`3.50` = 7 pitches, a check), the shell-slot span (`8.64`), the
  locating-peg span (`5.78`) and the slots' widths (`4x 0.60` drill, `4x 1.00` land);
- vertical callouts: the land length (`12x 1.15`), the slots' lengths in pairs
  (`2x 2.10` land over `2x 1.70` drill, front; `2x 1.80` / `2x 1.40`, rear), the distance
  from the signal lands to the rear slots (`12x 4.18`), and from the pegs to the rear slots
  (`2x 3.68`), peg diameter `2x Ø0.65`.

Every size and every horizontal position below is a printed value (or half of one). The
vertical positions need a reading of the dimension chain that the text alone cannot
confirm. The default reading (GCT's style): the larger `12x` value runs from the lands'
edge nearest the rear slots to the rear slots' centre line; the front slots are centred on
that edge line (drawn as one extension line); the pegs sit at the `2x` distance that puts
them between the lands and the rear slots, nearest the lands. `daemon.ocr.usb_c_check`
then checks that reading against the drawing's lines and corrects it; pads it cannot
confirm stay marked `inferred` and the builder flags them. Anything that does not fit
(other counts, a second row of lands, SMD shell tabs) is a ReaderError that says to give
the pads explicitly.
"""

import re
from dataclasses import dataclass, field
from statistics import median
from typing import Dict, List, Optional, Sequence, Tuple

from daemon.ocr.callouts import Callout
from daemon.ocr.layout import line_height, squash
from daemon.ocr.numbers import count_of
from daemon.ocr.tokens import OcrToken
from daemon.readers.base import ReaderError, ReadHints

_LABEL = r"[AB](?:1[0-2]|[1-9])"
_LABELS = re.compile(rf"(?:{_LABEL}){{1,4}}")
_SOLDER_SIDE = re.compile(r"VIEWEDFROMSOLDER|SOLDERSIDEVIEW|BOTTOMVIEW")
_NAMED = re.compile(r"USB-?TYPE-?C|TYPE-?C|USB-?C\b|USB-?C(?:RECEPTACLE|CONNECTOR)")

# Left to right on the component side, receptacle opening toward the board edge (below):
# the order of the USB Type-C specification's 16-contact (USB 2.0) receptacle.
WIDE_OUTER = ("A1", "B12")
WIDE_INNER = ("A4", "B9")
NARROW = ("B8", "A5", "B7", "A6", "A7", "B6", "A8", "B5")
WIDE_INNER_RIGHT = ("B4", "A9")
WIDE_OUTER_RIGHT = ("B1", "A12")
SHELL = "S1"  # KiCad's number for the shield


@dataclass(frozen=True)
class UsbCDimensions:
    """The printed values, in mm, that place every land of the receptacle."""

    pitch: float
    narrow_width: float
    wide_width: float
    land_length: float
    outer_span: float  # centre of A1/B12 to centre of B1/A12
    inner_span: float  # centre of A4/B9 to centre of B4/A9
    lands_to_rear: float  # lands' edge nearest the rear slots -> rear slots' centre line
    slot_span: float
    slot_drill_width: float
    slot_land_width: float
    front_slot: Tuple[float, float]  # (land length, drill length)
    rear_slot: Tuple[float, float]
    peg_diameter: Optional[float] = None
    peg_span: Optional[float] = None
    peg_to_rear: Optional[float] = None
    mirrored: bool = False  # A1 on the right in the top view (the drawing's labels say so)
    # The chain's interpretation, as assumed or as the drawing confirmed (usb_c_check):
    lands_ref: str = "edge"  # lands_to_rear runs from the lands' near edge | centre | far_edge
    front_offset: float = 0.0  # front slots' centre from the lands' near edge, + toward rear
    confirmed: Tuple[str, ...] = ()  # "lands" (with the rear slots), "pegs"
    # Where the drawing put things on the page (for the drawing check; not dimensions).
    row_y: Optional[float] = field(default=None, compare=False)
    lands_on_top: bool = field(default=True, compare=False)


def contact_labels(tokens: Sequence[OcrToken]) -> List[Tuple[str, OcrToken]]:
    """USB-C contact names printed on the drawing ('A1', 'B12', glued 'B1A12')."""
    out = []
    for tok in tokens:
        text = squash(tok.text)
        if _LABELS.fullmatch(text):
            out += [(name, tok) for name in re.findall(_LABEL, text)]
    return out


def names_usb_c(tokens: Sequence[OcrToken], hints: ReadHints) -> bool:
    """The user or the page names a Type-C part (a receptacle, or a controller IC)."""
    for said in (hints.package_hint, hints.part_name):
        if said and _NAMED.search(squash(said)):
            return True
    return any(_NAMED.search(squash(t.text)) for t in tokens if len(t.text) <= 90)


def looks_like_usb_c(tokens: Sequence[OcrToken], hints: ReadHints) -> bool:
    """Named Type-C, or the drawing labels contacts of both rows (A.. and B..) with a
    twelfth contact among them (BGA ball names look alike: the reader asks this only of
    pages that name no package family)."""
    if names_usb_c(tokens, hints):
        return True
    names = {name for name, _ in contact_labels(tokens)}
    rows = {name[0] for name in names}
    if rows == {"A", "B"} and bool({"A12", "B12"} & names):
        return True
    # Small print: the land labels unread, but the end contacts named on the outline
    # (A1 ... A12) and the land widths counted the receptacle's way (8x narrow, 4x wide).
    counts = {count_of(t.text) for t in tokens}
    return bool({"A12", "B12"} & names) and {8, 4} <= counts


def _mm(c: Callout) -> float:
    return c.value.value


def _distinct(callouts: Sequence[Callout]) -> List[float]:
    return sorted({round(_mm(c), 4) for c in callouts})


def _near(a: float, b: float, tol: float = 0.011) -> bool:
    return abs(a - b) <= tol


def _slot_pairs(vertical: Sequence[Callout], ring: float, h: float
                ) -> List[Tuple[Callout, Callout]]:
    """Two `2x` lengths printed side by side whose difference equals the slot's ring
    (land width - drill width): a land length and its drill length."""
    twos = sorted((c for c in vertical if c.value.multiplier == 2 and not c.value.diameter),
                  key=lambda c: c.token.cy)
    pairs = []
    used = set()
    for i, a in enumerate(twos):
        for b in twos[i + 1:]:
            if id(a) in used or id(b) in used:
                continue
            close = abs(a.token.cy - b.token.cy) < 2.5 * h and abs(a.token.cx - b.token.cx) < 4 * h
            land, drill = (a, b) if _mm(a) > _mm(b) else (b, a)
            if close and _near(_mm(land) - _mm(drill), ring, 0.051):
                pairs.append((land, drill))
                used.update((id(a), id(b)))
    return pairs


def _row_y(tokens: Sequence[OcrToken], widths: Sequence[Callout]) -> float:
    """Page y of the signal lands: the contact labels, else just past the width callouts."""
    labels = contact_labels(tokens)
    if labels:
        return sum(t.cy for _, t in labels) / len(labels)
    return max(c.token.box[3] for c in widths)


def _mirrored(tokens: Sequence[OcrToken], centre_x: float, lands_on_top: bool) -> bool:
    """Whether, in the top view with the lands above the rear slots, the drawing's contact
    labels put A1 on the right (the standard puts it on the left).

    A drawing turned 180 degrees (lands below the slots) shows the standard's A1 on the
    right; a view from the solder side mirrors it again. Without labels the standard order
    stands (the lands' positions are symmetric, so only the numbers depend on it)."""
    votes = 0
    for name, tok in contact_labels(tokens):
        if name in WIDE_OUTER + WIDE_INNER:
            votes += 1 if tok.cx > centre_x else -1
        elif name in WIDE_OUTER_RIGHT + WIDE_INNER_RIGHT:
            votes += 1 if tok.cx < centre_x else -1
    if votes == 0:
        return False
    solder_side = any(_SOLDER_SIDE.search(squash(t.text)) for t in tokens)
    return ((votes > 0) ^ (not lands_on_top)) ^ solder_side


def dimensions(callouts: Sequence[Callout], tokens: Sequence[OcrToken]) -> UsbCDimensions:
    """Assign the drawing's callouts (mm) to the receptacle's features (module docstring)."""
    h = line_height(tokens)
    horiz = [c for c in callouts if not c.token.vertical and not c.value.diameter]
    vert = [c for c in callouts if c.token.vertical and not c.value.diameter]
    narrow, wide, slot_widths = _land_widths(horiz)
    land_length, lands_to_rear = _lengths(vert)
    pitch, spans = _pitch_and_spans(horiz)
    row_y = _row_y(tokens, [narrow, wide])
    outer, inner, slot_span, pegs = _assign_spans(spans, row_y, narrow, wide, pitch)
    if len(slot_widths) != 2:
        raise ReaderError("USB-C receptacle: the shell slots' drill and land widths (two '4x' "
                          "values) are not both on the drawing (SMD shell tabs are not read)")
    drill_w, land_w = slot_widths
    pairs = _slot_pairs(vert, land_w - drill_w, h)
    if len(pairs) != 2:
        raise ReaderError(f"USB-C receptacle: expected front and rear slot lengths (pairs of "
                          f"'2x' values), found {len(pairs)} pairs")
    front, rear = sorted(pairs, key=lambda p: abs(p[0].token.cy - row_y))
    if lands_to_rear is None:
        raise ReaderError("USB-C receptacle: the distance from the lands to the rear slots "
                          "(a second '12x' value) is not on the drawing")
    diameter, peg_to_rear = _pegs(callouts, horiz, vert, pairs, pegs, lands_to_rear)
    centre_x = median(c.token.cx for c in spans)
    lands_on_top = rear[0].token.cy > row_y
    return UsbCDimensions(
        pitch=pitch, narrow_width=_mm(narrow), wide_width=_mm(wide), land_length=land_length,
        outer_span=outer, inner_span=inner, lands_to_rear=lands_to_rear, slot_span=slot_span,
        slot_drill_width=drill_w, slot_land_width=land_w,
        front_slot=(_mm(front[0]), _mm(front[1])), rear_slot=(_mm(rear[0]), _mm(rear[1])),
        peg_diameter=diameter, peg_span=pegs[0] if diameter else None,
        peg_to_rear=peg_to_rear if diameter else None,
        mirrored=_mirrored(tokens, centre_x, lands_on_top), row_y=row_y,
        lands_on_top=lands_on_top)


def _land_widths(horiz: Sequence[Callout]) -> Tuple[Callout, Callout, List[float]]:
    """(the 8x narrow width, the 4x wide width nearest it, the other 4x values: slots)."""
    narrow = [c for c in horiz if c.value.multiplier == 8]
    if len(_distinct(narrow)) != 1:
        raise ReaderError("USB-C receptacle: no single '8x' narrow land width on the drawing; "
                          "this reader knows the 16-contact (USB 2.0) land pattern only: give "
                          "the pads explicitly (model reader or a reading JSON)")
    fours = [c for c in horiz if c.value.multiplier == 4]
    if not fours:
        raise ReaderError("USB-C receptacle: no '4x' wide land width on the drawing")
    n = narrow[0]
    wide = min(fours, key=lambda c: abs(c.token.cx - n.token.cx) + abs(c.token.cy - n.token.cy))
    return n, wide, sorted({round(_mm(c), 4) for c in fours if c is not wide})


def _lengths(vert: Sequence[Callout]) -> Tuple[float, Optional[float]]:
    """(land length, lands to rear slots): the smaller and the larger 12x value."""
    twelves = sorted(_mm(c) for c in vert if c.value.multiplier == 12)
    if not twelves:
        raise ReaderError("USB-C receptacle: no '12x' land length on the drawing (vertical "
                          "dimensions not read)")
    rear = twelves[-1] if len(twelves) > 1 and twelves[-1] > twelves[0] else None
    return twelves[0], rear


def _pitch_and_spans(horiz: Sequence[Callout]) -> Tuple[float, List[Callout]]:
    """The contact pitch (marked PITCH, else the smallest plain value) and the spans wider
    than the narrow lands' (7 pitches, which only confirms the pitch)."""
    plain = [c for c in horiz if not c.value.multiplier and "." in c.value.text]
    pitches = [c for c in plain if "PITCH" in c.keywords or "PITCH" in squash(c.token.text)]
    pitch_c = pitches[0] if pitches else min(plain, key=_mm, default=None)
    if pitch_c is None or not 0.3 <= _mm(pitch_c) <= 0.8:
        raise ReaderError("USB-C receptacle: no contact pitch on the drawing")
    pitch = _mm(pitch_c)
    spans = [c for c in plain if c is not pitch_c and not _near(_mm(c), 7 * pitch)
             and _mm(c) > 7 * pitch]
    if not spans:
        raise ReaderError("USB-C receptacle: no land spans on the drawing")
    return pitch, spans


def _assign_spans(spans: Sequence[Callout], row_y: float, narrow: Callout, wide: Callout,
                  pitch: float) -> Tuple[float, float, float, List[float]]:
    """(outer, inner wide-land spans, slot span, other spans: the pegs'). The wide-land
    spans are printed on the widths' side of the lands, with the slot span or without."""
    side = 1 if narrow.token.cy > row_y else -1
    with_lands = sorted({round(_mm(c), 4) for c in spans if (c.token.cy - row_y) * side > 0},
                        reverse=True)
    elsewhere = sorted({round(_mm(c), 4) for c in spans if (c.token.cy - row_y) * side <= 0},
                       reverse=True)
    slot_span = None
    if len(with_lands) == 3:
        slot_span, outer, inner = with_lands
    elif len(with_lands) == 2:
        outer, inner = with_lands
    else:
        raise ReaderError(f"USB-C receptacle: expected the two wide-land spans beside the land "
                          f"widths, found {with_lands or 'none'}")
    w = _mm(wide)
    if outer > 16 * pitch or outer - inner < 2 * w:
        raise ReaderError(f"USB-C receptacle: wide-land spans {outer} / {inner} do not fit the "
                          "16-contact layout (a span missing or misread?)")
    if not inner - w / 2 > 3.5 * pitch + _mm(narrow) / 2:
        raise ReaderError(f"USB-C receptacle: spans {outer} / {inner} leave no room for the "
                          "narrow lands; not the 16-contact layout")
    if slot_span is None:
        slot_span = max((v for v in elsewhere if v > outer + w), default=None)
    if slot_span is None:
        raise ReaderError("USB-C receptacle: no shell-slot span on the drawing")
    return outer, inner, slot_span, [v for v in elsewhere if v != slot_span]


def _pegs(callouts, horiz, vert, pairs, pegs: List[float], lands_to_rear: float
          ) -> Tuple[Optional[float], Optional[float]]:
    """(peg diameter, pegs to rear slots), or (None, None) for a receptacle without pegs."""
    in_pairs = {id(c) for p in pairs for c in p}
    others = [_mm(c) for c in vert if c.value.multiplier == 2 and id(c) not in in_pairs]
    between = [v for v in others if v < lands_to_rear]
    peg_to_rear = max(between) if between else None  # nearest the lands (module docstring)
    # Marked Ø; OCR often drops the mark, and then the one horizontal '2x' value is the
    # pegs' (slot widths come in fours, land widths in eights and fours).
    diam = [_mm(c) for c in callouts if c.value.diameter]
    if not diam:
        diam = [_mm(c) for c in horiz if c.value.multiplier == 2]
    if len(set(diam)) > 1 or len(pegs) > 1:
        raise ReaderError(f"USB-C receptacle: more holes than two locating pegs explain "
                          f"(diameters {sorted(set(diam))}, spans {pegs}); give the pads "
                          "explicitly")
    if diam and (peg_to_rear is None or not pegs):
        raise ReaderError("USB-C receptacle: locating pegs are drawn but their span or "
                          "distance to the slots is not read; give the pads explicitly")
    if pegs and not diam:
        raise ReaderError(f"USB-C receptacle: a span of {pegs[0]} mm below the lands that no "
                          "feature explains (locating pegs without a diameter?); give the pads "
                          "explicitly")
    return (diam[0], peg_to_rear) if diam else (None, None)


def row_axis(d: UsbCDimensions) -> Tuple[float, float, float]:
    """(lands' centre, lands' near edge, front slots' centre) along the row axis, in mm,
    y down from the rear slots' centre line (lands above it, at negative y)."""
    near_edge = -d.lands_to_rear + {"edge": 0.0, "centre": d.land_length / 2,
                                    "far_edge": d.land_length}[d.lands_ref]
    return near_edge - d.land_length / 2, near_edge, near_edge + d.front_offset


def pads(d: UsbCDimensions) -> List[Dict]:
    """ReadPad fields, in mm, drawing coordinates (y down, rear slots' centre line at 0)."""
    land_y, near_edge, front_y = row_axis(d)
    chain_inferred = "lands" not in d.confirmed
    xs: List[Tuple[float, Tuple[str, ...], float]] = [
        (-d.outer_span / 2, WIDE_OUTER, d.wide_width),
        (-d.inner_span / 2, WIDE_INNER, d.wide_width)]
    xs += [((i - 3.5) * d.pitch, (name,), d.narrow_width) for i, name in enumerate(NARROW)]
    xs += [(d.inner_span / 2, WIDE_INNER_RIGHT, d.wide_width),
           (d.outer_span / 2, WIDE_OUTER_RIGHT, d.wide_width)]
    sign = -1.0 if d.mirrored else 1.0
    out = []
    for x, names, width in xs:
        for name in names:
            out.append(dict(number=name, kind="smd", shape="rect", x=round(sign * x, 4),
                            y=round(land_y, 4), size_x=width, size_y=d.land_length,
                            inferred=chain_inferred))
    # Front slots are never dimensioned along this axis: always inferred (or measured).
    slots = ((round(front_y, 4), d.front_slot, True),
             (0.0, d.rear_slot, chain_inferred))
    for y, (land, drill), inferred in slots:
        for x in (-d.slot_span / 2, d.slot_span / 2):
            out.append(dict(number=SHELL, kind="tht", shape="oval", x=round(x, 4), y=y,
                            size_x=d.slot_land_width, size_y=land, drill=d.slot_drill_width,
                            drill_y=drill, inferred=inferred))
    if d.peg_diameter and d.peg_span and d.peg_to_rear:
        for x in (-d.peg_span / 2, d.peg_span / 2):
            out.append(dict(number="", kind="npth", shape="circle", x=round(x, 4),
                            y=-d.peg_to_rear, size_x=d.peg_diameter, size_y=d.peg_diameter,
                            drill=d.peg_diameter, inferred="pegs" not in d.confirmed))
    return out


def notes(d: UsbCDimensions) -> str:
    said = (f"USB-C 16-contact receptacle: lands from pitch {d.pitch}, widths {d.narrow_width}/"
            f"{d.wide_width}, spans {d.outer_span}/{d.inner_span}")
    if "lands" not in d.confirmed:
        said += f"; row-axis positions inferred from 12x {d.lands_to_rear} (lands' edge to " \
                "rear slots)"
        if d.peg_to_rear:
            said += f" and 2x {d.peg_to_rear} (pegs to rear slots)"
    if d.mirrored:
        said += "; the contact labels put A1 on the right in the top view (not the standard)"
    return said
