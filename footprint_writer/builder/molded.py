"""Molded two-terminal bodies (SMA/SMB/SMC, tantalum, SOD-123F style) and cylindrical
MELF bodies. Pin 1 (cathode, or + of a tantalum capacitor) on the left; pads at
x = -C/2, +C/2, size Y x X."""

from typing import Optional

from footprint_writer.builder.body import make_body
from footprint_writer.builder.context import BuildContext, Placement
from footprint_writer.builder.pads import smd_pad
from footprint_writer.errors import InputError
from footprint_writer.naming import mm, sanitize
from schemas.footprint import Body


def _two_pads(ctx: BuildContext, kind: str):
    if ctx.reading.pin_count != 2:
        raise InputError(f"{kind}: a {kind} two-terminal body has 2 pins, the reading says "
                         f"{ctx.reading.pin_count}")
    c = ctx.need("row_spacing")
    x, y = ctx.need("pad_width"), ctx.need("pad_length")
    return [smd_pad("1", -c / 2.0, 0.0, y, x), smd_pad("2", c / 2.0, 0.0, y, x)]


def _name(ctx: BuildContext, prefix: str, body: Optional[Body]) -> str:
    package = ctx.reading.package_name
    if package:
        return package
    return f"{prefix}_{mm(body.size_x)}x{mm(body.size_y)}mm" if body else prefix


def place_molded(ctx: BuildContext) -> Placement:
    pads = _two_pads(ctx, "molded")
    body = make_body(ctx, rows_along_y=False)
    return Placement(pads=pads, name=sanitize(_name(ctx, "Molded", body)), body=body,
                     description="molded two-terminal body, pin 1 = cathode / +",
                     tags=["molded", "two-terminal"])


def place_melf(ctx: BuildContext) -> Placement:
    """A MELF lies on its side: with no height printed, it stands as high as its
    diameter (the body's width)."""
    pads = _two_pads(ctx, "MELF")
    body = make_body(ctx, rows_along_y=False)
    if body is not None and body.height is None:
        body = body.model_copy(update={"height": body.size_y})
        prov = ctx.provenance["body"]
        ctx.provenance["body"] = prov.model_copy(update={
            "detail": f"{prov.detail}; height {body.size_y:g} mm = the diameter (a MELF lies "
                      "on its side)"[:300]})
    return Placement(pads=pads, name=sanitize(_name(ctx, "MELF", body)), body=body,
                     description="MELF cylindrical body, pin 1 = cathode",
                     tags=["MELF", "two-terminal"])
