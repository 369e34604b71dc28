"""Molded two-terminal bodies (SMA/SMB/SMC, tantalum, SOD-123F style). Pin 1 (cathode,
or + of a tantalum capacitor) on the left; pads at x = -C/2, +C/2, size Y x X."""

from footprint_writer.builder.body import make_body
from footprint_writer.builder.context import BuildContext, Placement
from footprint_writer.builder.pads import smd_pad
from footprint_writer.errors import InputError
from footprint_writer.naming import mm, sanitize


def place_molded(ctx: BuildContext) -> Placement:
    if ctx.reading.pin_count != 2:
        raise InputError(f"molded: a molded two-terminal body has 2 pins, the reading says "
                         f"{ctx.reading.pin_count}")
    c = ctx.need("row_spacing")
    x, y = ctx.need("pad_width"), ctx.need("pad_length")
    pads = [smd_pad("1", -c / 2.0, 0.0, y, x), smd_pad("2", c / 2.0, 0.0, y, x)]
    body = make_body(ctx, rows_along_y=False)
    package = ctx.reading.package_name
    if package:
        name = package
    else:
        name = f"Molded_{mm(body.size_x)}x{mm(body.size_y)}mm" if body else "Molded"
    return Placement(pads=pads, name=sanitize(name), body=body,
                     description="molded two-terminal body, pin 1 = cathode / +",
                     tags=["molded", "two-terminal"])
