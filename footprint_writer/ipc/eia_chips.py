"""EIA chip sizes (0402 ... 2512): body and terminal limits, as typed data.

A chip part's page often prints its length L, width W and thickness T but not the terminal
band, or prints the band where the reader cannot tie it to its letter. IPC-7351B needs the
inner spacing S (or the band, S = L - 2T). Where the page gives neither, the EIA size the
body belongs to fixes S: the same limits KiCad's footprint generator computes the official
Resistor_SMD / Capacitor_SMD / Inductor_SMD footprints from. A value taken from here is
never silent: the calculator reports it (`eia_terminal_assumed`) for the reviewer to check.

The same table names a chip from its printed L x W when the crop names no family
(daemon.ocr.outline_family).
"""

from dataclasses import dataclass
from typing import Optional, Tuple

from schemas.toleranced import Toleranced


@dataclass(frozen=True)
class EiaChip:
    """One EIA size: nominal body (mm) and the inner spacing S between its terminals."""

    imperial: str
    metric: str
    length: float
    width: float
    spacing: Tuple[float, float]  # S min, max (mm)


# Source: KiCad footprint generator, scripts/SMD_chip_package_rlc-etc/size_definitions/
# size_default_chip_devices.yaml (benchmarks/data/kicad_size_definitions/chip_default.yaml):
# body_length / body_width nominal, terminator_spacing_min / _max. 1806 and 1812 print a
# terminal length there (0.7 +-0.3, 0.5 +-0.2): S = L - 2T over the limits.
EIA_CHIPS: Tuple[EiaChip, ...] = (
    EiaChip("0402", "1005", 1.0, 0.5, (0.40, 0.70)),
    EiaChip("0603", "1608", 1.6, 0.8, (0.70, 1.11)),
    EiaChip("0805", "2012", 2.0, 1.25, (0.89, 1.55)),
    EiaChip("1206", "3216", 3.2, 1.6, (1.55, 2.32)),
    EiaChip("1210", "3225", 3.2, 2.5, (1.55, 2.32)),
    EiaChip("1806", "4516", 4.5, 1.6, (2.30, 3.90)),
    EiaChip("1812", "4532", 4.5, 3.2, (2.90, 4.10)),
    EiaChip("2010", "5025", 5.0, 2.5, (3.15, 3.92)),
    EiaChip("2512", "6332", 6.3, 3.2, (4.45, 5.22)),
)
# How far a printed nominal may sit from the size's (0805's width is printed 1.2 or 1.25).
_REACH_MM = 0.06


def eia_chip(length: Optional[float], width: Optional[float]) -> Optional[EiaChip]:
    """The EIA size whose nominal body is `length` x `width` (either order), or None."""
    if length is None or width is None:
        return None
    long_side, short_side = max(length, width), min(length, width)
    for chip in EIA_CHIPS:
        if abs(chip.length - long_side) <= _REACH_MM and abs(chip.width - short_side) <= _REACH_MM:
            return chip
    return None


def spacing_of(chip: EiaChip) -> Toleranced:
    """The size's inner spacing S as a Toleranced of source `default` (a convention)."""
    low, high = chip.spacing
    return Toleranced(min=low, max=high, source="default")
