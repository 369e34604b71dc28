"""Length units at the edge: everything inside ds2fp is millimetres.

A number without a unit is never guessed: readers must say what the page used.
"""

from typing import Literal

Unit = Literal["mm", "mil", "inch"]

MM_PER_UNIT = {"mm": 1.0, "mil": 0.0254, "inch": 25.4}


def to_mm(value: float, unit: Unit) -> float:
    """Convert one length to millimetres; unknown units raise instead of guessing."""
    try:
        factor = MM_PER_UNIT[unit]
    except KeyError:
        known = sorted(MM_PER_UNIT)
        raise ValueError(f"unknown length unit {unit!r}; use one of {known}") from None
    return value * factor


def round_mm(value: float, digits: int = 6) -> float:
    """Round away float noise (0.30000000000000004) after unit conversion."""
    return round(value + 0.0, digits) + 0.0
