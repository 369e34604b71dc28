"""Every rounding rule of the IPC calculation, stated in one place.

KiCad's generator rounds Z, G and X each to the nearest multiple of a per-table base
(`round(value / base) * base`, Python's round: ties go to the even multiple), builds pad
size and centre from the rounded values, and rounds the courtyard outline to the
0.01 mm grid (gull-wing, no-lead) or its full size to 0.02 mm (two-terminal chips).
We follow it so results compare exactly; `clean` only removes float noise.
"""

import math

# Courtyard grid (KLC F5.3) and the chip generator's courtyard size grid.
COURTYARD_GRID_MM = 0.01
CHIP_COURTYARD_SIZE_GRID_MM = 0.02
# Digits kept in results (0.1 µm): below any manufacturing meaning, above float noise.
DIGITS = 4


def clean(value: float) -> float:
    """Remove float noise (0.6000000000000001 -> 0.6)."""
    return round(value + 0.0, DIGITS) + 0.0


def to_base(value: float, base: float) -> float:
    """Nearest multiple of `base` (Z, G, X and courtyard rounding)."""
    return clean(round(value / base) * base)


def up_to_base(value: float, base: float) -> float:
    """Next multiple of `base` at or above value (drill sizes: never smaller)."""
    return clean(math.ceil(value / base - 1e-9) * base)
