"""Check a USB-C receptacle's inferred dimension chain against the drawing's own lines.

`daemon.ocr.usb_c` reads every size and every position across the row from printed values,
but has to interpret the chain along the row axis: which features does `12x 4.18` connect,
which `2x` value places the pegs, where do the front slots sit. Here the drawing decides:

- the scale comes from the horizontal span dimensions (their lines' length / their value);
- the lands' edges come from the narrow lands' outline sides, the slots' centres from their
  straight sides (both measured, never used as a dimension);
- the `12x` distance's own dimension line must run from a land edge (or the lands' centre
  line) to the rear slots' centre line: that end says which reference the value has;
- a `2x` candidate places the pegs only if its line ends on the rear slots' line and lies
  between lands and rear slots (GCT's `2x 2.60` runs to the board edge instead);
- the front slots are not dimensioned: their offset from the lands' near edge is measured.
  Two features a fraction of a millimetre apart measure to a few hundredths even when the
  drawing's scale is off by a few percent; the pads stay marked `inferred`.

Pads whose chain is confirmed lose the `inferred` mark; what cannot be measured (no image,
no scale, lines not found) leaves everything inferred and says so in the reading's notes.
"""

from dataclasses import replace
from statistics import median
from typing import List, Optional, Sequence, Tuple

from daemon.ocr.callouts import Callout
from daemon.ocr.drawing import Drawing, span_scale
from daemon.ocr.layout import line_height
from daemon.ocr.tokens import OcrToken
from daemon.ocr.usb_c import NARROW, UsbCDimensions

TOL_MM = 0.08  # how close a line's end must come to a feature's edge or centre line
FRONT_SNAP_MM = 0.05  # a smaller measured front-slot offset is the shared extension line


def check_chain(image, d: UsbCDimensions, callouts: Sequence[Callout],
                tokens: Sequence[OcrToken]) -> Tuple[UsbCDimensions, str]:
    """(dimensions with what the drawing confirmed, a note for the reading)."""
    if image is None or d.row_y is None:
        return d, "drawing check: not done (no image)"
    drawing = Drawing(image)
    h = line_height(tokens)
    printed = {round(v, 4) for v in (d.slot_span, d.outer_span, d.inner_span, d.peg_span or 0,
                                     7 * d.pitch) if v}
    spans = [(c.token.box, c.value.value) for c in callouts
             if not c.token.vertical and not c.value.multiplier and not c.value.diameter
             and round(c.value.value, 4) in printed]
    scale = span_scale(drawing, spans, 1.2 * h)
    if scale is None or scale.spread > 0.06:
        return d, "drawing check: not done (scale not measurable from the span lines)"
    s, xc = scale.px_per_mm, scale.centre_x
    tol = max(4.0, TOL_MM * s)
    down = 1.0 if d.lands_on_top else -1.0  # page direction from the lands to the rear slots

    lands = _lands(drawing, d, s, xc)
    if lands is None:
        return d, "drawing check: land edges not found on the drawing"
    top, bottom = lands
    near, far = (bottom, top) if d.lands_on_top else (top, bottom)
    centre = (top + bottom) / 2.0
    said: List[str] = []

    # The 12x distance: its line's ends name the lands' reference and the rear slots' line.
    d_token = _vertical(callouts, 12, d.lands_to_rear)
    line = drawing.dimension_line_beside(d_token.box, d.lands_to_rear * s) if d_token else None
    if line is None:
        return d, "drawing check: the lands-to-rear dimension line not found"
    land_end, rear_end = sorted(line, key=lambda y: abs(y - centre))
    refs = {"edge": near, "centre": centre, "far_edge": far}
    ref = min(refs, key=lambda k: abs(refs[k] - land_end))
    if abs(refs[ref] - land_end) > tol:
        return d, "drawing check: the 12x line does not end on the lands"
    rear = _slot_centre(drawing, d, d.rear_slot, rear_end, s, xc)
    if rear is None or abs(rear - rear_end) > tol:
        return d, "drawing check: the 12x line does not end on the rear slots"
    confirmed = ["lands"]
    said.append(f"12x {d.lands_to_rear} runs from the lands' "
                f"{ {'edge': 'near edge', 'centre': 'centre line', 'far_edge': 'far edge'}[ref]}"
                " to the rear slots")

    peg_to_rear = d.peg_to_rear
    if d.peg_diameter:
        verified = []
        for c in callouts:
            if not (c.token.vertical and c.value.multiplier == 2 and not c.value.diameter):
                continue
            v = c.value.value
            if v in d.front_slot or v in d.rear_slot or v >= d.lands_to_rear:
                continue
            peg_line = drawing.dimension_line_beside(c.token.box, v * s)
            if peg_line is None:
                continue
            ends = sorted(peg_line, key=lambda y: abs(y - rear))
            between = min(near, rear) < ends[1] < max(near, rear)
            if abs(ends[0] - rear) <= tol and between:
                verified.append(v)
        if len(verified) == 1:
            peg_to_rear = verified[0]
            confirmed.append("pegs")
            said.append(f"pegs at 2x {peg_to_rear} (its line ends on the rear slots)")
        else:
            said.append("pegs' distance not confirmed on the drawing")

    front = _slot_centre(drawing, d, d.front_slot, near, s, xc)
    offset = d.front_offset
    if front is not None:
        measured = (front - near) * down / s  # + toward the rear slots
        offset = 0.0 if abs(measured) <= FRONT_SNAP_MM else round(measured, 2)
        said.append("front slots centred on the lands' edge line (measured)" if offset == 0.0
                    else f"front slots measured {offset:+.2f} mm from the lands' edge line")
    else:
        said.append("front slots not found on the drawing")
    return (replace(d, lands_ref=ref, peg_to_rear=peg_to_rear, front_offset=offset,
                    confirmed=tuple(confirmed)),
            "drawing check: " + "; ".join(said))


def _vertical(callouts: Sequence[Callout], count: int, value: float) -> Optional[OcrToken]:
    for c in callouts:
        if c.token.vertical and c.value.multiplier == count and c.value.value == value:
            return c.token
    return None


def _lands(drawing: Drawing, d: UsbCDimensions, s: float, xc: float
           ) -> Optional[Tuple[float, float]]:
    """(top, bottom) page y of the signal lands from the narrow lands' outline sides."""
    window = (d.row_y - 3.0 * s, d.row_y + 3.0 * s)
    tops, bottoms = [], []
    for i in range(len(NARROW)):
        x = (i - 3.5) * d.pitch
        for side in (-1, 1):
            run = drawing.vertical_segment(xc + (x + side * d.narrow_width / 2) * s,
                                           d.land_length * s, *window, rel=0.12)
            if run:
                tops.append(run[0])
                bottoms.append(run[1])
    if len(tops) < 4:
        return None
    top, bottom = median(tops), median(bottoms)
    if abs((bottom - top + 1) / s - d.land_length) > 0.1 + 0.05 * d.land_length:
        return None
    return top, bottom


def _slot_centre(drawing: Drawing, d: UsbCDimensions, slot: Tuple[float, float],
                 near_y: float, s: float, xc: float) -> Optional[float]:
    """Page y of a slot pair's centre from the straight sides of its land and drill
    outlines, looked for around `near_y`; None unless two sides agree."""
    land, drill = slot
    reach = (land / 2 + 0.6) * s
    centres = []
    for sx in (-1, 1):
        for width, length in ((d.slot_land_width, land), (d.slot_drill_width, drill)):
            straight = (length - width) * s
            if straight < 6:
                continue
            for side in (-1, 1):
                x = xc + (sx * d.slot_span / 2 + side * width / 2) * s
                run = drawing.vertical_segment(x, straight, near_y - reach, near_y + reach,
                                               rel=0.25)
                if run:
                    centres.append((run[0] + run[1]) / 2.0)
    if len(centres) < 2:
        return None
    centre = median(centres)
    agreeing = [c for c in centres if abs(c - centre) <= 3]
    return median(agreeing) if len(agreeing) >= 2 else None
