"""Exposed-pad paste windows and thermal vias."""

import math
from typing import List, Optional, Tuple

from footprint_writer.ipc.rounding import clean

# A paste window larger than this (mm) is split, so paste does not float the part.
MAX_PASTE_WINDOW_MM = 1.5
# KiCad's footprint generator (its exposed-pad helper, the `thermal_vias` key of the
# size definitions): vias of 0.2 mm drill in 0.5 mm pads (an annular ring of 0.15 mm, KLC's
# minimum), tented, spread so the outer via pads meet the exposed pad's edges:
#     pitch = (EP − via_pad) / (n − 1)
# The generator takes n from each part's definition; here n is the fewest vias that keep
# neighbours at most THERMAL_VIA_MAX_PITCH_MM apart, n = ceil((EP − via_pad) / 1.5) + 1,
# which gives the library's own count on both axes for 173 of its 268 _ThermalVias
# footprints (KiCad 6.0.11) and the spread rule holds for 199 (the rest set a grid).
THERMAL_VIA_DRILL_MM = 0.2
THERMAL_VIA_PAD_MM = 0.5
THERMAL_VIA_MAX_PITCH_MM = 1.5
THERMAL_VIA_MIN_PITCH_MM = 0.7  # the closest vias in KiCad's library (0.5 mm pads)


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


def via_axis(size: float, via_pad: float = THERMAL_VIA_PAD_MM,
             max_pitch: float = THERMAL_VIA_MAX_PITCH_MM) -> List[float]:
    """Via centres along one side of the exposed pad, symmetric about its centre; [] when
    the pad is narrower than one via pad."""
    span = size - via_pad  # centre of the first via to centre of the last
    if span < -1e-9:
        return []
    n = max(1, math.ceil(round(span / max_pitch, 6)) + 1) if span > 1e-9 else 1
    n = min(n, int(round(span / THERMAL_VIA_MIN_PITCH_MM, 6)) + 1)
    if n == 1:
        return [0.0]
    pitch = span / (n - 1)
    return [clean((i - (n - 1) / 2.0) * pitch) for i in range(n)]


def thermal_via_grid(ep_x: float, ep_y: float, drill: float = THERMAL_VIA_DRILL_MM,
                     via_pad: float = THERMAL_VIA_PAD_MM) -> List[tuple]:
    """(x, y, drill) of KiCad's via grid for an ep_x x ep_y exposed pad."""
    return [(x, y, drill) for y in via_axis(ep_y, via_pad) for x in via_axis(ep_x, via_pad)]
