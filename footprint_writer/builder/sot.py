"""SOT-23 (3, 5, 6, 8 pins) and SOT-223 (3 pins + tab), numbered like KiCad's library.

SOT-23:   1 (-C/2, -e), 2 (-C/2, +e), 3 (+C/2, 0)
SOT-23-5: 1, 2, 3 down the left at -e, 0, +e; 4 bottom right (+e); 5 top right (-e)
SOT-23-6: 1, 2, 3 down the left; 4, 5, 6 up the right
SOT-23-8: 1-4 down the left, 5-8 up the right (4 per side at the 0.65 mm pitch)
SOT-223:  1, 2, 3 down the left; tab 4 on the right, centred
"""

from footprint_writer.builder.body import make_body
from footprint_writer.builder.context import BuildContext, Placement
from footprint_writer.builder.pads import check_width_fits_pitch, dual_row, smd_pad
from footprint_writer.errors import InputError
from footprint_writer.naming import sot_name

SOT23_PIN_COUNTS = (3, 5, 6, 8)


def place_sot23(ctx: BuildContext) -> Placement:
    n = ctx.reading.pin_count
    if n not in SOT23_PIN_COUNTS:
        raise InputError(f"sot23: a SOT-23 has 3, 5, 6 or 8 pins, the reading says {n}",
                         hint="other variants: use family 'other' with the pads")
    e = ctx.need("pitch")
    c = ctx.need("row_spacing")
    x, y = ctx.need("pad_width"), ctx.need("pad_length")
    check_width_fits_pitch("sot23", x, e if n > 3 else 2 * e)
    if y >= c:
        raise InputError(f"sot23: pad length Y {y:g} mm is not smaller than the row spacing "
                         f"C {c:g} mm — the two rows would overlap",
                         hint="C is centre to centre; Z (outer span) goes in overall_span")
    left, right = -c / 2.0, c / 2.0
    if n == 8:
        return Placement(pads=dual_row(8, e, c, x, y), name=sot_name("SOT-23", n),
                         body=make_body(ctx), description="SOT-23, 8 pins",
                         tags=["SOT", "SOT-23"])
    if n == 3:
        spots = [(left, -e), (left, e), (right, 0.0)]
    elif n == 5:
        spots = [(left, -e), (left, 0.0), (left, e), (right, e), (right, -e)]
    else:
        spots = [(left, -e), (left, 0.0), (left, e), (right, e), (right, 0.0), (right, -e)]
    pads = [smd_pad(str(i + 1), px, py, y, x) for i, (px, py) in enumerate(spots)]
    return Placement(pads=pads, name=sot_name("SOT-23", n), body=make_body(ctx),
                     description=f"SOT-23, {n} pins", tags=["SOT", "SOT-23"])


def place_sot223(ctx: BuildContext) -> Placement:
    n = ctx.reading.pin_count
    if n not in (3, 4):
        raise InputError(f"sot223: a SOT-223 has 3 pins and a tab, the reading says {n}",
                         hint="pin_count 3 (the tab is added as pin 4) or 4 counting the tab")
    if n == 4:
        ctx.warn("tab_counted", "pin_count 4 taken as 3 pins plus the tab (pin 4)",
                 "pin_count", severity="info")
    e = ctx.need("pitch")
    c = ctx.need("row_spacing")
    x, y = ctx.need("pad_width"), ctx.need("pad_length")
    tab_x, tab_y = ctx.need("tab_width"), ctx.need("tab_length")
    check_width_fits_pitch("sot223", x, e)
    pads = [smd_pad(str(i + 1), -c / 2.0, (i - 1) * e, y, x) for i in range(3)]
    pads.append(smd_pad("4", c / 2.0, 0.0, tab_y, tab_x))
    return Placement(pads=pads, name="SOT-223-3_TabPin4", body=make_body(ctx),
                     description="SOT-223, 3 pins and tab (pin 4)", tags=["SOT", "SOT-223"])
