"""Two-terminal parts: chip R/C/L and SOD. Pin 1 (cathode for diodes) on the left.

Pads at x = -C/2 and +C/2; pad size x = Y (along the part), y = X (across it).
"""

from footprint_writer.builder.body import make_body
from footprint_writer.builder.context import BuildContext, Placement
from footprint_writer.builder.pads import smd_pad
from footprint_writer.errors import InputError
from footprint_writer.naming import chip_name, mm, sanitize

# KLC: parts smaller than 0603 (1.6 x 0.8 mm) get the small courtyard clearance.
SMALL_BELOW_LENGTH_MM = 1.55


def _two_pads(ctx: BuildContext):
    if ctx.reading.pin_count != 2:
        raise InputError(f"{ctx.reading.family}: a two-terminal part has 2 pins, the reading "
                         f"says {ctx.reading.pin_count}",
                         hint="use family 'sot23' / 'other' for parts with more terminals")
    c = ctx.need("row_spacing")
    x, y = ctx.need("pad_width"), ctx.need("pad_length")
    return [smd_pad("1", -c / 2.0, 0.0, y, x), smd_pad("2", c / 2.0, 0.0, y, x)]


def place_chip(ctx: BuildContext) -> Placement:
    pads = _two_pads(ctx)
    body = make_body(ctx, rows_along_y=False)
    # R, C or L is not on a package drawing: "Chip" rather than a guess.
    name = chip_name("Chip", body.size_x, body.size_y) if body else "Chip"
    small = body is not None and body.size_x < SMALL_BELOW_LENGTH_MM
    return Placement(pads=pads, name=sanitize(name), body=body,
                     courtyard_class="small" if small else "default",
                     description="chip resistor/capacitor/inductor, 2 terminals",
                     tags=["chip", "two-terminal"])


def place_sod(ctx: BuildContext) -> Placement:
    pads = _two_pads(ctx)
    body = make_body(ctx, rows_along_y=False)
    package = ctx.reading.package_name or ""
    if package.upper().startswith("SOD"):
        name = package
    else:
        name = f"SOD_{mm(body.size_x)}x{mm(body.size_y)}mm" if body else "SOD"
    small = body is not None and body.size_x < SMALL_BELOW_LENGTH_MM
    return Placement(pads=pads, name=sanitize(name), body=body,
                     courtyard_class="small" if small else "default",
                     description=f"SOD diode, pin 1 = cathode, pad span {mm(pads[1].x * 2)} mm",
                     tags=["SOD", "diode"])
