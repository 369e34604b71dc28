"""IPC-7351B solder fillet goals, courtyard excess and land tables as typed data.

Values are those of IPC-7351B as transcribed in KiCad's footprint generator
(scripts/Packages/ipc_definitions.yaml, scripts/SMD_chip_package_rlc-etc/
ipc7351B_smd_two_terminal_chip.yaml, Package_BGA/ipc_7351b_bga_land_patterns.yaml), the
data KiCad's official library was computed from. The standard itself is not public; the
table numbers are those of IPC-7351B (2010) section 3 and 14 as cited in these files and
common references; they were not checked against the printed standard here.

Density levels: most = level A (least dense board, biggest pads), nominal = level B,
least = level C.
"""

from dataclasses import dataclass
from typing import Dict, Tuple

from schemas.options import Density

# IPC-7351B 3.1.2: fabrication (F) and placement (P) tolerances used in every equation.
F_MM = 0.10
P_MM = 0.05
# Gull-wing fillet table switch (IPC-7351B Tables 3-2 / 3-3): pitch <= 0.625 mm is "small".
SMALL_PITCH_MAX_MM = 0.625
# KiCad generator: pads are pulled back so that each keeps this gap to the exposed pad.
MIN_EP_TO_PAD_CLEARANCE_MM = 0.2


@dataclass(frozen=True)
class FilletGoals:
    """Toe (JT), heel (JH), side (JS) goals and courtyard excess for one density level."""

    toe: float
    heel: float
    side: float
    courtyard: float


@dataclass(frozen=True)
class RoundBase:
    """Grid Z (toe), G (heel) and X (side) are rounded to; see rounding.py."""

    toe: float
    heel: float
    side: float


@dataclass(frozen=True)
class LeadTable:
    """One IPC-7351B lead-type table: goals per density level plus rounding."""

    key: str
    ipc_table: str
    title: str
    least: FilletGoals
    nominal: FilletGoals
    most: FilletGoals
    round_base: RoundBase

    def goals(self, density: Density) -> FilletGoals:
        return {"least": self.least, "nominal": self.nominal, "most": self.most}[density]


_COURTYARD = (0.10, 0.25, 0.50)  # least / nominal / most (IPC-7351B 3.1.4)


def _table(key: str, ipc_table: str, title: str, toe: Tuple[float, float, float],
           heel: Tuple[float, float, float], side: Tuple[float, float, float],
           base: Tuple[float, float, float],
           courtyard: Tuple[float, float, float] = _COURTYARD) -> LeadTable:
    levels = [FilletGoals(toe[i], heel[i], side[i], courtyard[i]) for i in range(3)]
    return LeadTable(key, ipc_table, title, levels[0], levels[1], levels[2], RoundBase(*base))


GULLWING_LARGE_PITCH = _table(
    "gullwing_large_pitch", "IPC-7351B Table 3-2",
    "Flat ribbon L and gull-wing leads, pitch > 0.625 mm",
    toe=(0.15, 0.35, 0.55), heel=(0.25, 0.35, 0.45), side=(0.01, 0.03, 0.05),
    base=(0.05, 0.05, 0.05))

GULLWING_SMALL_PITCH = _table(
    "gullwing_small_pitch", "IPC-7351B Table 3-3",
    "Flat ribbon L and gull-wing leads, pitch <= 0.625 mm",
    toe=(0.15, 0.35, 0.55), heel=(0.25, 0.35, 0.45), side=(-0.04, -0.02, 0.01),
    base=(0.05, 0.05, 0.05))

J_LEAD = _table(
    "j_lead", "IPC-7351B Table 3-4", "J leads",
    toe=(-0.10, 0.0, 0.10), heel=(0.15, 0.35, 0.55), side=(0.01, 0.03, 0.05),
    base=(0.05, 0.05, 0.05))

CHIP_0603_AND_UP = _table(
    "chip", "IPC-7351B Table 3-5",
    "Rectangular or square-end chip components, 1608 (0603) and larger",
    toe=(0.15, 0.35, 0.55), heel=(0.0, 0.0, 0.0), side=(-0.05, 0.0, 0.05),
    base=(0.05, 0.05, 0.05))

CHIP_BELOW_0603 = _table(
    "chip_small", "IPC-7351B Table 3-6",
    "Rectangular or square-end chip components, smaller than 1608 (0603)",
    toe=(0.10, 0.20, 0.30), heel=(0.0, 0.0, 0.0), side=(-0.05, 0.0, 0.05),
    base=(0.02, 0.02, 0.02), courtyard=(0.10, 0.15, 0.20))

INWARD_L = _table(
    "inward_l", "IPC-7351B Table 3-11",
    "Inward flat ribbon L leads (tantalum capacitors, molded diodes and inductors)",
    toe=(0.07, 0.15, 0.25), heel=(0.20, 0.50, 0.80), side=(-0.10, -0.05, 0.01),
    base=(0.05, 0.05, 0.05))

MELF = _table(
    "melf", "IPC-7351B Table 3-7",
    "Cylindrical end cap terminations (MELF)",
    toe=(0.20, 0.40, 0.60), heel=(0.02, 0.10, 0.20), side=(0.01, 0.05, 0.10),
    base=(0.05, 0.05, 0.05))

NO_LEAD = _table(
    "no_lead", "IPC-7351B Tables 3-13 (QFN) / 3-14 (SON)",
    "Flat no-lead terminations with toe fillet (QFN, SON, DFN)",
    toe=(0.20, 0.30, 0.40), heel=(0.0, 0.0, 0.0), side=(-0.04, -0.04, -0.04),
    base=(0.05, 0.05, 0.05))

NO_LEAD_PULL_BACK = _table(
    "no_lead_pull_back", "IPC-7351B Table 3-15",
    "Flat no-lead terminations pulled back from the body edge (no toe fillet)",
    toe=(-0.05, 0.0, 0.05), heel=(-0.05, 0.0, 0.05), side=(-0.05, 0.0, 0.05),
    base=(0.05, 0.05, 0.05))

LEAD_TABLES: Dict[str, LeadTable] = {t.key: t for t in (
    GULLWING_LARGE_PITCH, GULLWING_SMALL_PITCH, J_LEAD, CHIP_0603_AND_UP, CHIP_BELOW_0603,
    INWARD_L, MELF, NO_LEAD, NO_LEAD_PULL_BACK)}


@dataclass(frozen=True)
class BgaLand:
    """Land diameter for one nominal ball diameter (least / nominal / most)."""

    ball: float
    least: float
    nominal: float
    most: float

    def land(self, density: Density) -> float:
        return {"least": self.least, "nominal": self.nominal, "most": self.most}[density]


# IPC-7351B Table 14-5 (collapsing balls: land smaller than the ball) and 14-6
# (non-collapsing balls: land larger). least/nominal/most = the table's min/nom/max land.
BGA_TABLE_COLLAPSING = "IPC-7351B Table 14-5"
BGA_TABLE_NON_COLLAPSING = "IPC-7351B Table 14-6"
BGA_COLLAPSING: Tuple[BgaLand, ...] = tuple(BgaLand(*row) for row in (
    (0.75, 0.50, 0.55, 0.60), (0.65, 0.45, 0.50, 0.55), (0.60, 0.40, 0.45, 0.50),
    (0.55, 0.40, 0.40, 0.50), (0.50, 0.35, 0.40, 0.45), (0.45, 0.30, 0.35, 0.40),
    (0.40, 0.25, 0.30, 0.35), (0.35, 0.23, 0.28, 0.33), (0.30, 0.20, 0.25, 0.25),
    (0.25, 0.17, 0.20, 0.20), (0.20, 0.14, 0.17, 0.20), (0.17, 0.12, 0.15, 0.18),
    (0.15, 0.10, 0.13, 0.15)))
BGA_NON_COLLAPSING: Tuple[BgaLand, ...] = tuple(BgaLand(*row) for row in (
    (0.75, 0.80, 0.85, 0.90), (0.60, 0.65, 0.70, 0.75), (0.55, 0.60, 0.65, 0.70),
    (0.50, 0.50, 0.55, 0.60), (0.45, 0.45, 0.50, 0.55), (0.40, 0.40, 0.45, 0.50),
    (0.30, 0.28, 0.33, 0.38), (0.25, 0.23, 0.28, 0.33), (0.20, 0.18, 0.21, 0.24),
    (0.17, 0.15, 0.18, 0.21), (0.15, 0.13, 0.16, 0.19)))
# BGA courtyard (IPC-7351B, KLC): 1.0 mm at nominal density.
BGA_COURTYARD = {"least": 0.5, "nominal": 1.0, "most": 2.0}


@dataclass(frozen=True)
class ThroughHoleRule:
    """IPC-2222 / IPC-7251 hole and land rule for one density level."""

    hole_over_lead: float  # finished hole = maximum lead diameter + this
    annular_ring: float  # land diameter = hole + 2 x this
    courtyard: float


# IPC-7251 density levels (A most / B nominal / C least); hole allowance as in IPC-2222
# Table 9-3 and KLC ("hole = maximum lead + 0.2 mm" at level B). Not checked against the
# printed standard here.
THROUGH_HOLE = {
    "least": ThroughHoleRule(hole_over_lead=0.15, annular_ring=0.30, courtyard=0.10),
    "nominal": ThroughHoleRule(hole_over_lead=0.20, annular_ring=0.35, courtyard=0.25),
    "most": ThroughHoleRule(hole_over_lead=0.25, annular_ring=0.50, courtyard=0.50),
}
# Drill sizes come in 0.05 mm steps; a hole is never rounded down.
DRILL_STEP_MM = 0.05
# Exposed pad paste: KiCad generator default coverage.
EP_PASTE_COVERAGE = 0.65
