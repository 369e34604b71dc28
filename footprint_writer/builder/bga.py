"""Full-array BGA: balls A1 (top left) .. row letters down, column numbers right.

Row letters follow JEDEC JEP95 (I, O, Q, S, X, Z skipped; AA, AB ... after Y). The array
must be full: columns = `pins_along_length` (or the square root of a square pin count); a
depopulated array needs its pad list (family 'other').
"""

import math

from footprint_writer.builder.body import make_body
from footprint_writer.builder.context import BuildContext, Placement
from footprint_writer.builder.pads import centred
from footprint_writer.errors import InputError
from footprint_writer.naming import mm, sanitize
from schemas.footprint import Pad

ROW_LETTERS = [c for c in "ABCDEFGHJKLMNPRTUVWY"]


def row_name(index: int) -> str:
    """0 -> A, 19 -> Y, 20 -> AA (JEP95)."""
    if index < len(ROW_LETTERS):
        return ROW_LETTERS[index]
    return ROW_LETTERS[index // len(ROW_LETTERS) - 1] + ROW_LETTERS[index % len(ROW_LETTERS)]


def place_bga(ctx: BuildContext) -> Placement:
    r = ctx.reading
    n = r.pin_count
    # Without a column count only a square array is known: 24 balls are not 4 x 6 merely
    # because 24 divides so (Winbond's TFBGA-24 is a 5 x 5 matrix less one ball).
    cols = r.pins_along_length or (math.isqrt(n) if math.isqrt(n) ** 2 == n else 0)
    if cols <= 0:
        raise InputError(f"bga: {n} balls are no square array and the column count is not "
                         "known",
                         hint="give pins_along_length (columns), or the pad list for a "
                              "depopulated array")
    if n % cols:
        raise InputError(f"bga: {n} balls do not fill a grid of {cols} columns",
                         hint="give pins_along_length (columns), or the pad list for a "
                              "depopulated array")
    rows = n // cols
    pitch = ctx.need("pitch")
    d = ctx.need("pad_diameter")
    xs, ys = centred(cols, pitch), centred(rows, pitch)
    pads = [Pad(number=f"{row_name(j)}{i + 1}", kind="smd", shape="circle", x=x, y=y,
                size_x=d, size_y=d) for j, y in enumerate(ys) for i, x in enumerate(xs)]
    body = make_body(ctx)
    size = f"{mm(body.size_x)}x{mm(body.size_y)}mm_" if body else ""
    name = f"BGA-{n}_{size}Layout{cols}x{rows}_P{mm(pitch)}mm"
    return Placement(pads=pads, name=sanitize(name), body=body, courtyard_class="bga",
                     description=f"BGA, {cols}x{rows} balls, land {mm(d)} mm",
                     tags=["BGA"])
