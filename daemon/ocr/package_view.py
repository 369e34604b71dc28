"""The body of a family-less part from its package drawing, given as its own screenshot.

A land figure read as a pad grid (daemon.ocr.pad_grid) takes its body from the sizes
around it on the same page. Where the package drawing is a second screenshot (MEMSIC's
WLP: the land pattern on one page, the 0.82 x 0.82 outline on the one before), that
drawing's top view gives the body instead, by the same rule: the largest size on each axis
of the one view that prints both axes.

The drawing's axes need not be the land pattern's: its long side is laid along the pad
grid's long span (the pads sit under the body; a chip's two pads may reach past it). A
rectangular body over a square grid says nothing about which way it lies, and is left out
with a note. Where no drawing gives the body, a size the text states ("dimensions are
2.5mm x 2.0mm x 0.95mm": daemon.ocr.stated_size) is laid the same way.
"""

from typing import Dict, Optional, Sequence, Tuple

from daemon.ocr.layout import line_height, page_text
from daemon.ocr.lead_row import page_sizes
from daemon.ocr.stated_size import stated_size
from daemon.ocr.tokens import OcrToken
from schemas.reading import note_text

_EMPTY = (0.0, 0.0, 0.0, 0.0)
PADS_UNDER_BODY = 0.75  # a body side is at least this share of the pads' span along it
# ... except along two pads at a chip's ends, whose toe fillets reach past the body (an
# 0603's 1.6 mm body under a 2.3 mm land, an 0402's 1.0 under 1.5)
TWO_PADS_BODY_SHARE = 0.6


def drawing_body(item) -> Tuple[Dict[str, float], Optional[float]]:
    """Body sizes per drawn axis ({'x': .., 'y': ..}) and the seated height of a package
    drawing with no land figure, or ({}, None)."""
    from daemon.ocr.figures import figures
    from daemon.ocr.pad_grid import body_sizes, seated_height

    if item.image is None:
        return {}, None
    dims, _ = page_sizes(item)
    figs = figures(item.image, page_text(item), line_height(page_text(item)))
    body = body_sizes(dims, _EMPTY, figs)
    if len(body) != 2:
        return {}, None
    return body, seated_height(dims, _EMPTY, body)


def with_package_body(reading, inputs: Sequence, any_role: bool = False,
                      text: Sequence[OcrToken] = ()):
    """`reading` (a family-less pad grid, x along body_length) with its body and height
    from the package screenshots where it has none; unchanged where none is found.
    `any_role`: every screenshot of `inputs` is a package view (a bottom view's grid: the
    page has no land pattern, whatever role its other screenshots were given). `text`: the
    pages' text, whose stated size ("2.5mm x 2.0mm x 0.95mm", daemon.ocr.stated_size) is
    the body where no drawing gives one."""
    if reading.body_length is not None or not reading.pads:
        return reading
    for item in inputs:
        if item.role != "package" and not any_role:
            continue
        body, height = drawing_body(item)
        if body:
            return _placed(reading, max(body.values()), min(body.values()), height,
                           "datasheet_drawing", "the package drawing's top view")
    stated = stated_size(text)
    if stated is None:
        return reading
    return _placed(reading, stated.length, stated.width, stated.height, "datasheet_text",
                   f"the text \"{stated.text}\"")


def _placed(reading, long_side: float, short_side: float, height: Optional[float],
            source: str, origin: str):
    """The body laid along the pad grid (its long side along the pads' long span), or the
    reading with a note where the grid does not say which way it lies or the size is too
    small to hold the pads."""
    from schemas.toleranced import Toleranced

    span_x = _span(reading.pads, "x")
    span_y = _span(reading.pads, "y")
    notes = reading.notes or ""
    if long_side - short_side > 0.011 and abs(span_x - span_y) <= 0.011:
        note = (f"; the body {short_side:g} x {long_side:g} mm of {origin} is not placed: "
                "the pad grid does not say which way it lies")
        return reading.model_copy(update={"notes": note_text(notes + note)})
    length, width = (long_side, short_side) if span_x > span_y else (short_side, long_side)
    along = TWO_PADS_BODY_SHARE if len(reading.pads) == 2 else PADS_UNDER_BODY
    share_x, share_y = (along, PADS_UNDER_BODY) if span_x > span_y else (PADS_UNDER_BODY, along)
    if length < share_x * span_x or width < share_y * span_y:
        # the pads sit under the body: a side much shorter than their span is another
        # view's size (ams' side view: 1 +-0.100 high, beside a 2 x 3.1 body)
        note = (f"; {short_side:g} x {long_side:g} mm of {origin} is not taken as the body: "
                f"the pads span {span_x:g} x {span_y:g} mm")
        return reading.model_copy(update={"notes": note_text(notes + note)})
    fields = {"body_length": Toleranced(nom=length, source=source),
              "body_width": Toleranced(nom=width, source=source)}
    if height is not None:
        fields["height"] = Toleranced(max=height, source=source)
    note = f"; body {length:g} x {width:g} mm from {origin}"
    return reading.model_copy(update={**fields, "notes": note_text(notes + note)})


def _span(pads, axis: str) -> float:
    """How far the pads reach along `axis`, edge to edge."""
    lo = min(getattr(p, axis) - getattr(p, "size_" + axis) / 2 for p in pads)
    hi = max(getattr(p, axis) + getattr(p, "size_" + axis) / 2 for p in pads)
    return hi - lo
