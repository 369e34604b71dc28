"""The package body (fab outline, courtyard) from the reading's nominal D / E1 / A."""

from typing import Optional

from footprint_writer.builder.context import BuildContext, tol_text
from schemas.footprint import Body
from schemas.provenance import Provenance
from schemas.toleranced import Toleranced


def height_mm(value: Optional[Toleranced]) -> Optional[float]:
    """NOM when printed, else MAX: a height is a clearance, the worst case is the safe one."""
    if value is None:
        return None
    return value.nom if value.nom is not None else value.most


def make_body(ctx: BuildContext, rows_along_y: bool = True) -> Optional[Body]:
    """Nominal body. Two-row parts: x = E1 (across rows), y = D (along rows); two-terminal
    parts (`rows_along_y=False`): x = D (terminal to terminal), y = E1."""
    r = ctx.reading
    if r.body_length is None or r.body_width is None:
        missing = "body_length (D)" if r.body_length is None else "body_width (E1)"
        ctx.warn("no_body", f"no {missing} on the reading: the fab outline is drawn around "
                 "the pads; the courtyard follows the pads only", missing.split(" ")[0])
        return None
    d, e1 = r.body_length.nominal, r.body_width.nominal
    size_x, size_y = (e1, d) if rows_along_y else (d, e1)
    height = height_mm(r.height)
    src = r.body_length.source or r.body_width.source or "datasheet_table"
    detail = f"D {tol_text(r.body_length)} x E1 {tol_text(r.body_width)} mm, nominal"
    if height is not None:
        detail += f"; A {height:g} mm ({'NOM' if r.height.nom is not None else 'MAX'})"
    ctx.provenance["body"] = Provenance(source=src, detail=detail)  # type: ignore[arg-type]
    return Body(size_x=round(size_x, 4), size_y=round(size_y, 4), height=height,
                center_x=0.0, center_y=0.0)
