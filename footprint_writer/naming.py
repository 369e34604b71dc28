"""KLC-style footprint names (KLC F2.x / the kicad-footprint-generator scheme).

    ic_name("SOIC", 8, 3.9, 4.9, pitch=1.27)              -> SOIC-8_3.9x4.9mm_P1.27mm
    ic_name("QFN", 24, 4, 4, pitch=0.5, ep=(2.7, 2.7))   -> QFN-24-1EP_4x4mm_P0.5mm_EP2.7x2.7mm
    dip_name(8, 7.62)                                     -> DIP-8_W7.62mm
    header_name(1, 4, 2.54)                               -> PinHeader_1x04_P2.54mm_Vertical
    chip_name("R", 1.6, 0.8)                              -> R_0603_1608Metric
"""

import re
from typing import Optional, Sequence, Tuple

from schemas.text import FOOTPRINT_NAME_CHARS

_BAD = re.compile(f"[^{FOOTPRINT_NAME_CHARS}]+")

# Imperial chip codes by metric code (length x width in 0.1 mm), EIA sizes.
CHIP_IMPERIAL = {
    "0402": "01005", "0603": "0201", "1005": "0402", "1608": "0603", "2012": "0805",
    "3216": "1206", "3225": "1210", "3245": "1218", "4516": "1806", "4532": "1812",
    "5025": "2010", "5750": "2220", "6332": "2512",
}


def mm(value: float, decimals: int = 2) -> str:
    """A dimension as KLC names write it: up to 2 decimals, no trailing zeros (4, 3.9, 1.27);
    a pitch keeps 3 (QSOP's P0.635mm, not P0.64mm)."""
    text = f"{round(float(value), decimals):.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def sanitize(name: str) -> str:
    """Replace characters the FootprintSpec name pattern forbids; cap the length."""
    clean = re.sub(r"\.{2,}", ".", _BAD.sub("_", _ascii(name).strip()))
    clean = clean.lstrip("_.-").rstrip("_") or "Footprint"
    return clean[:120]


def _ascii(text: str) -> str:
    """Latin look-alikes for the letters part names use (µA741 -> uA741, Ω -> Ohm)."""
    import unicodedata

    text = text.replace("µ", "u").replace("μ", "u").replace("Ω", "Ohm").replace("°", "deg")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def ic_name(family: str, pins: int, body_x: float, body_y: float,
            pitch: Optional[float] = None, ep: Optional[Tuple[float, float]] = None,
            ep_count: int = 1, suffix: Sequence[str] = ()) -> str:
    """`{family}-{pins}[-{n}EP]_{X}x{Y}mm[_P{pitch}mm][_EP{x}x{y}mm][_suffix...]`.

    body_x x body_y as KLC orders it: width across the rows first (SOIC 3.9x4.9)."""
    parts = [f"{family}-{pins}" + (f"-{ep_count}EP" if ep else "")]
    parts.append(f"{mm(body_x)}x{mm(body_y)}mm")
    if pitch:
        parts.append(f"P{mm(pitch, 3)}mm")
    if ep:
        parts.append(f"EP{mm(ep[0])}x{mm(ep[1])}mm")
    parts += list(suffix)
    return sanitize("_".join(parts))


def dip_name(pins: int, row_spacing: float, family: str = "DIP",
             suffix: Sequence[str] = ()) -> str:
    return sanitize("_".join([f"{family}-{pins}", f"W{mm(row_spacing)}mm", *suffix]))


def header_name(rows: int, cols: int, pitch: float, orientation: str = "Vertical",
                kind: str = "PinHeader", suffix: Sequence[str] = ()) -> str:
    """`PinHeader_{rows}x{cols:02d}_P{pitch}mm_{orientation}` (rows = 1 or 2); the pitch
    with two decimals, as KiCad's connector libraries write it (`P2.00mm`, `P1.25mm`)."""
    return sanitize("_".join([kind, f"{rows}x{cols:02d}", f"P{pitch:.2f}mm", orientation,
                              *suffix]))


def chip_name(prefix: str, length: float, width: float, suffix: Sequence[str] = ()) -> str:
    """Two-terminal chip: `R_0603_1608Metric`; the imperial code only for EIA sizes."""
    metric = f"{int(round(length * 10)):02d}{int(round(width * 10)):02d}"
    parts = [prefix]
    if metric in CHIP_IMPERIAL:
        parts.append(CHIP_IMPERIAL[metric])
    parts.append(f"{metric}Metric")
    return sanitize("_".join([*parts, *suffix]))


def sot_name(family: str, pins: int, default_pins: int = 3) -> str:
    """SOT-23 (3 pins), SOT-23-5, SOT-23-6; SOT-223-3_TabPin2 style suffixes by caller."""
    return sanitize(family if pins == default_pins else f"{family}-{pins}")
