"""Exposed-pad paste windows and thermal vias."""

import math
from typing import List, Optional, Tuple

from footprint_writer.ipc.rounding import clean

# A paste window larger than this (mm) is split, so paste does not float the part.
MAX_PASTE_WINDOW_MM = 1.5
THERMAL_VIA_DRILL_MM = 0.3
THERMAL_VIA_PITCH_MM = 1.0


def paste_windows(ep_x: float, ep_y: float, coverage: float,
                  layout: Optional[Tuple[int, int]] = None) -> List[tuple]:
    """An nx x ny grid of windows covering `coverage` of the pad area, centred per cell."""
    if not 0.0 < coverage <= 1.0:
        raise ValueError("paste coverage must be in (0, 1]")
    nx, ny = layout or (max(1, math.ceil(ep_x * math.sqrt(coverage) / MAX_PASTE_WINDOW_MM)),
                        max(1, math.ceil(ep_y * math.sqrt(coverage) / MAX_PASTE_WINDOW_MM)))
    cell_x, cell_y = ep_x / nx, ep_y / ny
    scale = math.sqrt(coverage)
    return [(clean(-ep_x / 2 + cell_x * (i + 0.5)), clean(-ep_y / 2 + cell_y * (j + 0.5)),
             clean(cell_x * scale), clean(cell_y * scale))
            for j in range(ny) for i in range(nx)]


def thermal_via_grid(ep_x: float, ep_y: float, drill: float = THERMAL_VIA_DRILL_MM,
                     pitch: float = THERMAL_VIA_PITCH_MM) -> List[tuple]:
    """(x, y, drill) of a via grid inside the pad, at least one via, pitch apart."""
    margin = drill  # keep the via ring inside the pad
    nx = max(1, int((ep_x - 2 * margin) // pitch) + 1)
    ny = max(1, int((ep_y - 2 * margin) // pitch) + 1)
    return [(clean((i - (nx - 1) / 2) * pitch), clean((j - (ny - 1) / 2) * pitch), drill)
            for j in range(ny) for i in range(nx)]
