"""KLC-style footprint names (`SOIC-8_3.9x4.9mm_P1.27mm`, `QFN-24-1EP_4x4mm_P0.5mm_EP2.7x2.7mm`).

A small local helper until the writer's `footprint_writer.naming` is part of main; the rules
follow the KiCad library's generators: body x by y in the footprint's orientation, pitch with
`P`, exposed pad with `EP`, through-hole row spacing with `W`.
"""

import re
from typing import Optional

_BAD = re.compile(r"[^A-Za-z0-9_.+\-,()\[\]]+")


def mm(value: float, decimals: Optional[int] = None) -> str:
    """`1.27`, `0.5`, `4` (KLC trims zeros) or a fixed number of decimals (`2.00`)."""
    if decimals is not None:
        return f"{value:.{decimals}f}"
    return f"{value:.3f}".rstrip("0").rstrip(".")


def sanitize(name: str) -> str:
    """Characters KiCad file names and our schema allow; '_' for anything else."""
    cleaned = _BAD.sub("_", name.strip()).strip("_")
    return cleaned[:120] or "Footprint"


def body_part(size_x: Optional[float], size_y: Optional[float]) -> str:
    if size_x is None or size_y is None:
        return ""
    return f"_{mm(size_x)}x{mm(size_y)}mm"


def ic_name(prefix: str, pins: int, size_x: Optional[float], size_y: Optional[float],
            pitch: float, ep: Optional[tuple] = None) -> str:
    """`SOIC-8_3.9x4.9mm_P1.27mm`, `DFN-8-1EP_3x2mm_P0.5mm_EP1.75x1.45mm`."""
    name = f"{prefix}-{pins}" + ("-1EP" if ep else "") + body_part(size_x, size_y)
    name += f"_P{mm(pitch)}mm"
    if ep:
        name += f"_EP{mm(ep[0])}x{mm(ep[1])}mm"
    return sanitize(name)
