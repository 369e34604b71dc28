"""Units at the edge: the reading in millimetres, and absurd values rejected by name.

Pydantic already refuses negative numbers, NaN and missing units; what it cannot know is
that a 1.27-*inch* SOIC pitch (32 mm) is a unit mix-up. Limits here are in mm, after
conversion, and every rejection names the field so the user knows what to fix.
"""

from typing import Dict, Optional

from footprint_writer.errors import InputError
from schemas.reading import DatasheetReading, LandPattern, ReadPad
from schemas.toleranced import Toleranced
from schemas.units import round_mm, to_mm

MAX_BODY_MM = 300.0  # larger than any part a footprint is made for
MAX_PITCH_MM = 50.0
MAX_IC_PITCH_MM = 5.0  # SMD leaded/no-lead IC families; 5 mm is already extreme
MIN_PITCH_MM = 0.1  # below any real lead pitch (0.3 mm CSPs exist)
MAX_PAD_MM = 100.0
MAX_DRILL_MM = 20.0

IC_FAMILIES = frozenset({"sot23", "sot223", "soic", "ssop", "tssop", "msop", "qfp", "dfn",
                         "son", "qfn", "bga"})

# Field limits in mm; fields not listed fall back to MAX_BODY_MM.
_LIMITS: Dict[str, float] = {
    "pitch": MAX_PITCH_MM,
    "land_pattern.pitch": MAX_PITCH_MM,
    "lead_width": MAX_PAD_MM,
    "lead_length": MAX_PAD_MM,
    "land_pattern.pad_width": MAX_PAD_MM,
    "land_pattern.pad_length": MAX_PAD_MM,
    "land_pattern.tab_width": MAX_PAD_MM,
    "land_pattern.tab_length": MAX_PAD_MM,
    "land_pattern.pad_diameter": MAX_PAD_MM,
    "land_pattern.drill": MAX_DRILL_MM,
}

# Values that must not be zero (a zero pitch or pad is a misreading, not a part).
_POSITIVE = ("pitch", "land_pattern.pitch", "land_pattern.pad_width",
             "land_pattern.pad_length", "land_pattern.row_spacing", "land_pattern.drill",
             "body_length", "body_width")


def _mm(value: Optional[Toleranced], unit: str) -> Optional[Toleranced]:
    return None if value is None else value.to_mm(unit)  # type: ignore[arg-type]


def reading_to_mm(reading: DatasheetReading) -> DatasheetReading:
    """The same reading with every length in mm and `units == "mm"`; absurd values raise."""
    unit = reading.units
    update = {}
    for name in type(reading).model_fields:
        value = getattr(reading, name)
        if isinstance(value, Toleranced):
            update[name] = _mm(value, unit)
    if reading.land_pattern is not None:
        lp = reading.land_pattern
        update["land_pattern"] = LandPattern(**{
            name: _mm(getattr(lp, name), unit) for name in LandPattern.model_fields})
    update["pads"] = [_pad_mm(p, unit) for p in reading.pads]
    for name in ("body_center_x", "body_center_y"):
        value = getattr(reading, name)
        if value is not None:
            update[name] = round_mm(to_mm(value, unit))  # type: ignore[arg-type]
    update["units"] = "mm"
    converted = reading.model_copy(update=update)
    _check_limits(converted, unit)
    return converted


def _pad_mm(pad: ReadPad, unit: str) -> ReadPad:
    def conv(v):
        return None if v is None else round_mm(to_mm(v, unit))  # type: ignore[arg-type]

    return pad.model_copy(update={k: conv(getattr(pad, k)) for k in
                                  ("x", "y", "size_x", "size_y", "drill", "drill_y")})


def _check_limits(reading: DatasheetReading, unit: str) -> None:
    was = "" if unit == "mm" else f" (converted from {unit})"
    hint = ("check the `units` of the reading: a mil or inch value read as mm (or the other "
            "way round) gives sizes like this")
    for name, value in reading.dimensions().items():
        limit = _LIMITS.get(name, MAX_BODY_MM)
        if value.most > limit:
            raise InputError(f"{name} = {value.most:g} mm{was} is larger than any real part "
                             f"allows ({limit:g} mm)", hint=hint)
        if name in _POSITIVE and value.least <= 0.0:
            raise InputError(f"{name} is {value.least:g}: a size must be positive", hint=hint)
    for name in ("pitch", "land_pattern.pitch"):
        value = reading.dimensions().get(name)
        if value is None:
            continue
        if value.nominal < MIN_PITCH_MM:
            raise InputError(f"{name} = {value.nominal:g} mm{was} is below any real lead "
                             f"pitch ({MIN_PITCH_MM:g} mm)", hint=hint)
        if reading.family in IC_FAMILIES and value.nominal > MAX_IC_PITCH_MM:
            raise InputError(f"{name} = {value.nominal:g} mm{was} is too large for a "
                             f"{reading.family} package (at most {MAX_IC_PITCH_MM:g} mm)",
                             hint=hint)
    for name in ("body_center_x", "body_center_y"):
        value = getattr(reading, name)
        if value is not None and abs(value) > MAX_BODY_MM:
            raise InputError(f"{name} = {value:g} mm{was} lies outside any real part",
                             hint=hint)
    for i, pad in enumerate(reading.pads):
        for key in ("x", "y"):
            if abs(getattr(pad, key)) > MAX_BODY_MM:
                raise InputError(f"pads[{i}].{key} = {getattr(pad, key):g} mm{was} lies "
                                 f"outside any real part", hint=hint)
        for key in ("size_x", "size_y"):
            if getattr(pad, key) > MAX_PAD_MM:
                raise InputError(f"pads[{i}].{key} = {getattr(pad, key):g} mm{was} is larger "
                                 f"than any real pad ({MAX_PAD_MM:g} mm)", hint=hint)
            if getattr(pad, key) <= 0.0:
                raise InputError(f"pads[{i}] (number {pad.number!r}) has {key} 0",
                                 hint="every pad needs a positive size")
