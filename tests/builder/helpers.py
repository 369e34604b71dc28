"""Small reading factories for builder tests (standard package values, mm)."""

import math
from typing import Dict, List

from schemas.footprint import FootprintSpec
from schemas.reading import DatasheetReading


def t(nom=None, lo=None, hi=None) -> Dict:
    out = {}
    if lo is not None:
        out["min"] = lo
    if nom is not None:
        out["nom"] = nom
    if hi is not None:
        out["max"] = hi
    return out


def reading(family: str, pins: int, units: str = "mm", land=None, **fields) -> DatasheetReading:
    data = {"units": units, "family": family, "pin_count": pins}
    if land is not None:
        data["land_pattern"] = {k: (t(v) if isinstance(v, (int, float)) else v)
                                for k, v in land.items()}
    for key, value in fields.items():
        data[key] = t(value) if isinstance(value, (int, float)) and not isinstance(
            value, bool) and key not in ("rows", "pins_along_length") else value
    return DatasheetReading.model_validate(data)


def soic8(units: str = "mm", scale: float = 1.0, **extra) -> DatasheetReading:
    land = {"pitch": 1.27 * scale, "pad_width": 0.6 * scale, "pad_length": 1.55 * scale,
            "row_spacing": 5.4 * scale}
    fields = dict(pitch=1.27 * scale, body_length=4.9 * scale, body_width=3.9 * scale,
                  height=1.75 * scale)
    fields.update(extra)
    return reading("soic", 8, units=units, land=land, **fields)


def signal(spec: FootprintSpec) -> List:
    return [p for p in spec.pads if p.role == "signal"]


def ccw_turn(spec: FootprintSpec) -> List[float]:
    """Angles (deg, y up) of the signal pads in number order about the pad field's centre
    (a through-hole part's origin is pad 1), unwrapped from pin 1."""
    pads = sorted(signal(spec), key=lambda p: int(p.number))
    cx = (min(p.x for p in pads) + max(p.x for p in pads)) / 2
    cy = (min(p.y for p in pads) + max(p.y for p in pads)) / 2
    angles = [math.degrees(math.atan2(-(p.y - cy), p.x - cx)) for p in pads]
    out = [angles[0]]
    for a in angles[1:]:
        while a < out[-1] - 1e-6:
            a += 360.0
        out.append(a)
    return out
