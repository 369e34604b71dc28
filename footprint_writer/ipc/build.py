"""A footprint whose pads come from the IPC calculation (the `ds2fp ipc` core call).

The builder places pads from a LandPattern; this computes the pattern with every IPC option
(KiCad's forced small-pitch table, paste layout) and hands it to the builder, then states
the origin, attaches the IPC findings and sets the courtyard excess of the density level.
"""

from typing import Optional, Tuple

from footprint_writer.errors import Ds2fpError
from footprint_writer.ipc.calculator import land_pattern_from_package, reading_in_mm
from footprint_writer.ipc.result import IpcResult
from footprint_writer.ipc.rounding import COURTYARD_GRID_MM, to_base
from schemas.footprint import FootprintSpec, Rect
from schemas.geometry import union
from schemas.options import BuildOptions, Density
from schemas.reading import DatasheetReading


def build_ipc_footprint(reading: DatasheetReading, density: Density = "nominal", *,
                        name: Optional[str] = None, small_pitch_table: Optional[bool] = None,
                        paste_layout: Optional[Tuple[int, int]] = None,
                        thermal_vias: bool = False,
                        datasheet: Optional[str] = None) -> Tuple[FootprintSpec, IpcResult]:
    """(footprint, IPC working) for a reading with package dimensions."""
    try:
        from footprint_writer.builder import build_footprint
    except ModuleNotFoundError as exc:  # pragma: no cover - builder ships with ds2fp
        raise Ds2fpError("the footprint builder is not installed") from exc
    reading_mm = reading_in_mm(reading)
    result = land_pattern_from_package(reading_mm, density, small_pitch_table=small_pitch_table,
                                       paste_layout=paste_layout)
    with_pattern = reading_mm.model_copy(update={"land_pattern": result.land_pattern})
    spec = build_footprint(with_pattern, BuildOptions(name=name, density=density,
                                                      pattern="datasheet",
                                                      thermal_vias=thermal_vias,
                                                      datasheet=datasheet))
    origin = f"IPC-7351B land pattern ({density} density)"
    update = {
        "description": spec.description.replace("datasheet land pattern", origin),
        "issues": (list(result.issues) + list(spec.issues))[:500],
    }
    courtyard = ipc_courtyard_rect(spec, result.courtyard_excess)
    if courtyard is not None:
        update["courtyard"] = courtyard
    return spec.model_copy(update=update), result


def ipc_courtyard_rect(spec: FootprintSpec, excess: float) -> Optional[Rect]:
    """Pads and body grown by the density's courtyard excess, on the 0.01 mm grid."""
    boxes = [p.bbox() for p in spec.copper_pads()]
    if spec.body is not None:
        b = spec.body
        boxes.append((b.center_x - b.size_x / 2, b.center_y - b.size_y / 2,
                      b.center_x + b.size_x / 2, b.center_y + b.size_y / 2))
    if not boxes:
        return None
    box = boxes[0]
    for other in boxes[1:]:
        box = union(box, other)

    grid = COURTYARD_GRID_MM  # nearest grid line, as KiCad's generators (rounding.py)
    return Rect(x0=to_base(box[0] - excess, grid), y0=to_base(box[1] - excess, grid),
                x1=to_base(box[2] + excess, grid), y1=to_base(box[3] + excess, grid))
