"""What an IPC calculation returns: the land pattern plus the working behind it."""

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from footprint_writer.ipc.equations import RowWorking
from schemas.provenance import Issue
from schemas.reading import LandPattern

# (x, y, size_x, size_y) relative to the exposed pad centre, mm.
Window = Tuple[float, float, float, float]


@dataclass(frozen=True)
class IpcResult:
    """`land_pattern` (mm, every value sourced 'ipc_calculation') and how it was found.

    `rows` holds the Z/G/X working per pair of rows ("x": the rows left and right of
    the body, "y": above and below; "x" alone for dual and two-terminal parts), so a
    reviewer can see every input, goal and rounding step.
    """

    family: str
    density: str
    geometry: str
    land_pattern: LandPattern
    tables: List[str]
    rows: Dict[str, RowWorking] = field(default_factory=dict)
    courtyard_excess: float = 0.25
    pins_x: int = 0  # pads on each of the top and bottom rows (quad), KiCad's num_pins_x
    pins_y: int = 0  # pads on each of the left and right rows, KiCad's num_pins_y
    ep_size: Optional[Tuple[float, float]] = None
    paste_windows: List[Window] = field(default_factory=list)
    thermal_vias: List[Tuple[float, float, float]] = field(default_factory=list)
    issues: List[Issue] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)

    def working(self) -> dict:
        """Plain-data working for the review UI and `ds2fp ipc --explain`."""
        return {
            "family": self.family, "density": self.density, "geometry": self.geometry,
            "tables": list(self.tables), "courtyard_excess": self.courtyard_excess,
            "rows": {k: v.as_dict() for k, v in self.rows.items()},
            "ep_size": self.ep_size, "notes": list(self.notes),
            "issues": [i.model_dump() for i in self.issues],
        }
