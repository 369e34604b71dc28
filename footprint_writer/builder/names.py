"""KLC-style names, same API as the writer's `footprint_writer.naming` (on its way to main);
this stand-in goes when that module is merged: only the import in the family modules changes.
"""

import re
from typing import Optional, Sequence, Tuple

_BAD = re.compile(r"[^A-Za-z0-9_.+\-,()\[\]]+")
CHIP_IMPERIAL = {
    "0402": "01005", "0603": "0201", "1005": "0402", "1608": "0603", "2012": "0805",
    "3216": "1206", "3225": "1210", "3245": "1218", "4516": "1806", "4532": "1812",
    "5025": "2010", "5750": "2220", "6332": "2512",
}


def mm(value: float) -> str:
    """Up to 2 decimals, no trailing zeros (4, 3.9, 1.27)."""
    text = f"{round(float(value), 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def sanitize(name: str) -> str:
    clean = _BAD.sub("_", name.strip()).strip("_") or "Footprint"
    return clean[:120]


def ic_name(family: str, pins: int, body_x: float, body_y: float,
            pitch: Optional[float] = None, ep: Optional[Tuple[float, float]] = None,
            ep_count: int = 1, suffix: Sequence[str] = ()) -> str:
    parts = [f"{family}-{pins}" + (f"-{ep_count}EP" if ep else "")]
    parts.append(f"{mm(body_x)}x{mm(body_y)}mm")
    if pitch:
        parts.append(f"P{mm(pitch)}mm")
    if ep:
        parts.append(f"EP{mm(ep[0])}x{mm(ep[1])}mm")
    parts += list(suffix)
    return sanitize("_".join(parts))


def dip_name(pins: int, row_spacing: float, family: str = "DIP",
             suffix: Sequence[str] = ()) -> str:
    return sanitize("_".join([f"{family}-{pins}", f"W{mm(row_spacing)}mm", *suffix]))


def header_name(rows: int, cols: int, pitch: float, orientation: str = "Vertical",
                kind: str = "PinHeader", suffix: Sequence[str] = ()) -> str:
    return sanitize("_".join([kind, f"{rows}x{cols:02d}", f"P{mm(pitch)}mm", orientation,
                              *suffix]))


def chip_name(prefix: str, length: float, width: float, suffix: Sequence[str] = ()) -> str:
    metric = f"{int(round(length * 10)):02d}{int(round(width * 10)):02d}"
    parts = [prefix]
    if metric in CHIP_IMPERIAL:
        parts.append(CHIP_IMPERIAL[metric])
    parts.append(f"{metric}Metric")
    return sanitize("_".join([*parts, *suffix]))


def sot_name(family: str, pins: int, default_pins: int = 3) -> str:
    return sanitize(family if pins == default_pins else f"{family}-{pins}")
