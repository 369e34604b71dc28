"""A USB-C receptacle's recommended PCB layout drawn in the style makers use (GCT, HRO):
twelve signal lands with their contact names, shell slots, locating pegs, the spans above,
counted widths at the side and the vertical dimensions written along their lines.

The values are drawn exactly as given (`daemon.ocr.usb_c.UsbCDimensions`), to scale, so the
OCR reader's USB-C path can be tested end to end without a manufacturer's page.
"""

from typing import Optional

from daemon.ocr.usb_c import (
    NARROW,
    WIDE_INNER,
    WIDE_INNER_RIGHT,
    WIDE_OUTER,
    WIDE_OUTER_RIGHT,
    row_axis,
)
from daemon.synth.draw import BLACK, GREY, _arrow, centred_text, font, hdim, text_size, vdim

PAGE = (1500, 1150)
SCALE = 60.0  # px per mm
CENTRE = (720.0, 780.0)  # page px of (0, 0): midway across, on the rear slots' centre line


def _px(x: float, y: float):
    return CENTRE[0] + x * SCALE, CENTRE[1] + y * SCALE


def _side_dim(draw, x0: float, x1: float, y: float, label: str, fnt, text_right: float
              ) -> None:
    """A small width dimension with its value written at the side (`4x 0.60 ---> <---`)."""
    draw.line([(text_right + 8, y), (x0 - 30, y)], fill=BLACK, width=2)
    _arrow(draw, (x0, y), (1, 0))
    _arrow(draw, (x1, y), (-1, 0))
    draw.line([(x1, y), (x1 + 30, y)], fill=BLACK, width=2)
    w, h = text_size(draw, label, fnt)
    draw.text((text_right - w, y - h - 8), label, font=fnt, fill=BLACK)


def _diameter_text(draw, xy, before: str, value: str, fnt) -> None:
    """`2x Ø0.65` with the diameter sign drawn (Pillow's bundled font has no Ø)."""
    x, y = xy
    draw.text((x, y), before, font=fnt, fill=BLACK)
    w, h = text_size(draw, before, fnt)
    cx, cy, r = x + w + h * 0.45, y + h * 0.62, h * 0.4
    draw.ellipse([(cx - r, cy - r), (cx + r, cy + r)], outline=BLACK, width=2)
    draw.line([(cx - r * 1.2, cy + r * 1.2), (cx + r * 1.2, cy - r * 1.2)], fill=BLACK, width=2)
    draw.text((cx + r + 4, y), value, font=fnt, fill=BLACK)


def usb_c_page(d, board_edge: Optional[float] = 2.6, decoy: Optional[float] = None):
    """The layout page for `d` (UsbCDimensions, mm, its `lands_ref` and `front_offset`
    drawn too); `board_edge` draws a distractor dimension from the rear slots to the board
    edge, as GCT's drawing has; `decoy` a `2x` dimension from the lands' edge that ends on
    nothing (a value the pegs' rule alone would take)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(image)
    big, mid, small = font(34), font(26), font(17)
    draw.text((40, 24), "Type-C receptacle, 16 contacts", font=big, fill=BLACK)
    draw.line([(30, 75), (PAGE[0] - 30, 75)], fill=BLACK, width=2)

    land_y, near_edge, front_y = row_axis(d)
    lands = [(-d.outer_span / 2, WIDE_OUTER, d.wide_width),
             (-d.inner_span / 2, WIDE_INNER, d.wide_width)]
    lands += [((i - 3.5) * d.pitch, (n,), d.narrow_width) for i, n in enumerate(NARROW)]
    lands += [(d.inner_span / 2, WIDE_INNER_RIGHT, d.wide_width),
              (d.outer_span / 2, WIDE_OUTER_RIGHT, d.wide_width)]
    if d.mirrored:
        lands = [(-x, names, w) for x, names, w in reversed(lands)]
    top = _px(0, land_y - d.land_length / 2)[1]
    bottom = _px(0, land_y + d.land_length / 2)[1]
    for x, names, w in lands:
        x0, x1 = _px(x - w / 2, 0)[0], _px(x + w / 2, 0)[0]
        draw.rectangle([(x0, top), (x1, bottom)], outline=BLACK, width=2)
        for k in range(int((bottom - top) // 9)):
            yy = top + 4 + k * 9
            draw.line([(x0 + 2, min(bottom - 2, yy + (x1 - x0))), (x1 - 2, yy)], fill=GREY)
        label = "".join(names)
        centred_text(draw, ((x0 + x1) / 2, top - 14), label, small)

    slots = ((front_y, d.front_slot), (0.0, d.rear_slot))
    for y, (land, drill) in slots:
        for x in (-d.slot_span / 2, d.slot_span / 2):
            outlines = (((d.slot_land_width, land), 3), ((d.slot_drill_width, drill), 2))
            for (w, ln), width in outlines:
                (ax, ay), (bx, by) = _px(x - w / 2, y - ln / 2), _px(x + w / 2, y + ln / 2)
                draw.rounded_rectangle([(ax, ay), (bx, by)], radius=(bx - ax) / 2,
                                       outline=BLACK, width=width)
    if d.peg_diameter and d.peg_span and d.peg_to_rear:
        r = d.peg_diameter / 2 * SCALE
        for x in (-d.peg_span / 2, d.peg_span / 2):
            px, py = _px(x, -d.peg_to_rear)
            draw.ellipse([(px - r, py - r), (px + r, py + r)], outline=BLACK, width=2)
        px, py = _px(-d.peg_span / 2, -d.peg_to_rear)
        draw.line([(px - r, py + r), (px - 150, py + 80)], fill=BLACK, width=1)
        _diameter_text(draw, (px - 330, py + 62), "2x ", f"{d.peg_diameter:.2f}", mid)
        hdim(draw, *(_px(v, 0)[0] for v in (-d.peg_span / 2, d.peg_span / 2)),
             _px(0, 2.0)[1], f"{d.peg_span:.2f}", mid, ext_from=py)

    # Spans above the lands, outermost on top; widths and pitch just above the lands.
    level = top - 130
    for span in sorted((d.slot_span, d.outer_span, d.inner_span, 7 * d.pitch)):
        x0, x1 = _px(-span / 2, 0)[0], _px(span / 2, 0)[0]
        hdim(draw, x0, x1, level, f"{span:.2f}", mid, ext_from=top)
        level -= 48
    sign = -1.0 if d.mirrored else 1.0
    pitch_x = sorted((_px(sign * -1.5 * d.pitch, 0)[0], _px(sign * -0.5 * d.pitch, 0)[0]))
    hdim(draw, pitch_x[0], pitch_x[1], top - 40, "", mid)
    draw.text((max(pitch_x) + 40, top - 72), f"{d.pitch:.2f}", font=mid, fill=BLACK)
    text_right = _px(-d.slot_span / 2 - 0.5, 0)[0]
    for x, w, y, label in ((-d.inner_span / 2, d.wide_width, top - 85, "4x"),
                           (-3.5 * d.pitch, d.narrow_width, top - 40, "8x")):
        x0, x1 = (_px(v, 0)[0] for v in (x - w / 2, x + w / 2))
        _side_dim(draw, x0, x1, y, f"{label} {w:.2f}", mid, text_right)

    # Vertical dimensions, values along their lines (turned 90 degrees).
    right = _px(d.slot_span / 2 + d.slot_land_width, 0)[0] + 60
    rear = CENTRE[1]
    vdim(draw, top, bottom, right, f"12x {d.land_length:.2f}", mid,
         ext_from=_px(d.outer_span / 2, 0)[0], upright=False)
    vdim(draw, _px(0, -d.lands_to_rear)[1], rear, right + 60, f"12x {d.lands_to_rear:.2f}",
         mid, ext_from=_px(d.outer_span / 2, 0)[0], upright=False)
    if decoy:
        edge = _px(0, near_edge)[1]
        vdim(draw, edge, edge + decoy * SCALE, right + 240, f"2x {decoy:.2f}", mid,
             upright=False)
    if d.peg_to_rear:
        vdim(draw, _px(0, -d.peg_to_rear)[1], rear, right + 120, f"2x {d.peg_to_rear:.2f}", mid,
             ext_from=_px(d.peg_span / 2, 0)[0], upright=False)
    if board_edge:
        edge = _px(0, board_edge)[1]
        draw.line([(_px(-d.slot_span / 2 - 1.5, 0)[0], edge),
                   (_px(d.slot_span / 2 + 1.5, 0)[0], edge)], fill=BLACK, width=1)
        vdim(draw, rear, edge, right + 180, f"2x {board_edge:.2f}", mid, upright=False)
        draw.text((_px(-d.slot_span / 2 - 1.5, 0)[0], edge + 8), "PCB Edge", font=small,
                  fill=BLACK)
    left = _px(-d.slot_span / 2 - d.slot_land_width, 0)[0] - 40
    for y, (land, drill) in slots:
        c = _px(0, y)[1]
        vdim(draw, c - land / 2 * SCALE, c + land / 2 * SCALE, left - 60, f"2x {land:.2f}", mid,
             upright=False)
        vdim(draw, c - drill / 2 * SCALE, c + drill / 2 * SCALE, left, f"2x {drill:.2f}", mid,
             upright=False)
    slot_x = d.slot_span / 2
    below = _px(0, 2.0)[1] + 60
    for w, k in ((d.slot_drill_width, 0), (d.slot_land_width, 1)):
        x0, x1 = _px(slot_x - w / 2, 0)[0], _px(slot_x + w / 2, 0)[0]
        y = below + k * 50
        draw.line([(x0 - 40, y), (x1 + 150, y)], fill=BLACK, width=2)
        _arrow(draw, (x0, y), (1, 0))
        _arrow(draw, (x1, y), (-1, 0))
        draw.text((x1 + 20, y - 32), f"4x {w:.2f}", font=mid, fill=BLACK)
    centred_text(draw, (CENTRE[0], PAGE[1] - 150), "Recommended PCB Layout", mid)
    centred_text(draw, (CENTRE[0], PAGE[1] - 110), "As viewed from component side. "
                 "Dimensions in mm", small)
    draw.text((40, PAGE[1] - 50), "Drawing rendered by ds2fp (synthetic example)",
              font=small, fill=BLACK)
    return image
