"""JEDEC foot length (L) and lead width (b) of the gull-wing outlines, as typed data.

Many package drawings print the body (E1, D), the tip-to-tip span (E) and the pitch but not
the foot length or the lead width, or print them where the reader cannot tie them to their
letter (TI's old inch drawings, Avia's SOP-16). IPC-7351B needs both. Where the page gives
neither, the JEDEC outline the family and pitch belong to fixes them: these are the ranges
the registered outlines allow, the same the KiCad library's generated footprints use. The
result is never silent: every value taken from here is reported as an assumption (an
`Issue` naming the outline), for the reviewer to check against the drawing.
"""

from dataclasses import dataclass
from typing import Optional, Tuple

from schemas.toleranced import Toleranced


@dataclass(frozen=True)
class JedecLeads:
    """L and b (min, max in mm) of one outline at one pitch."""

    families: Tuple[str, ...]
    pitch: float
    lead_length: Optional[Tuple[float, float]]  # None: through-hole, the hole needs b only
    lead_width: Tuple[float, float]
    outline: str


# Source: JEDEC MS-012, MS-013, MO-137, MO-150, MO-153, MO-187, MS-026, MO-178, MO-203, MS-001
# outline tables (L foot length, b lead width, min/max).
JEDEC_LEADS: Tuple[JedecLeads, ...] = (
    JedecLeads(("soic",), 1.27, (0.40, 1.27), (0.31, 0.51), "JEDEC MS-012/MS-013 (SOIC)"),
    JedecLeads(("ssop",), 0.65, (0.55, 0.95), (0.22, 0.38), "JEDEC MO-150 (SSOP)"),
    JedecLeads(("ssop",), 0.635, (0.40, 1.27), (0.20, 0.30), "JEDEC MO-137 (QSOP)"),
    JedecLeads(("tssop",), 0.65, (0.45, 0.75), (0.19, 0.30), "JEDEC MO-153 (TSSOP)"),
    JedecLeads(("tssop",), 0.5, (0.45, 0.75), (0.17, 0.27), "JEDEC MO-153 (TSSOP)"),
    JedecLeads(("msop",), 0.65, (0.40, 0.80), (0.22, 0.38), "JEDEC MO-187 AA (MSOP)"),
    JedecLeads(("msop",), 0.5, (0.40, 0.80), (0.17, 0.33), "JEDEC MO-187 BA (MSOP)"),
    JedecLeads(("qfp",), 0.8, (0.45, 0.75), (0.30, 0.45), "JEDEC MS-026 (LQFP/TQFP)"),
    JedecLeads(("qfp",), 0.65, (0.45, 0.75), (0.22, 0.38), "JEDEC MS-026 (LQFP/TQFP)"),
    JedecLeads(("qfp",), 0.5, (0.45, 0.75), (0.17, 0.27), "JEDEC MS-026 (LQFP/TQFP)"),
    JedecLeads(("qfp",), 0.4, (0.45, 0.75), (0.13, 0.23), "JEDEC MS-026 (LQFP/TQFP)"),
    JedecLeads(("sot23",), 0.95, (0.30, 0.60), (0.30, 0.50), "JEDEC MO-178 (SOT-23)"),
    JedecLeads(("sot23",), 0.65, (0.26, 0.46), (0.15, 0.30), "JEDEC MO-203 (SC-70)"),
    JedecLeads(("dip",), 2.54, None, (0.36, 0.56), "JEDEC MS-001 (PDIP)"),
    # TO-226AA b 0.407-0.533 (onsemi case 29 "D"); makers draw 0.46 +-0.10 (Fairchild):
    # the wider band, since only its maximum sizes the hole.
    JedecLeads(("to92",), 1.27, None, (0.36, 0.56), "JEDEC TO-226AA (TO-92)"),
    JedecLeads(("to92",), 2.54, None, (0.36, 0.56), "JEDEC TO-226AA (TO-92, formed leads)"),
)
_PITCH_EPS = 0.011  # 0.635 (25 mil) reads as 0.65's neighbour, not as 0.65


@dataclass(frozen=True)
class JedecTips:
    """Tip-to-tip E (min, max in mm) of a two-row outline whose body E1 falls in `body`."""

    family: str
    pitch: float
    body: Tuple[float, float]  # E1 window, makers' rounding included
    tips: Tuple[float, float]
    outline: str


# Source: JEDEC MS-012 (E 5.80-6.20), MS-013 (10.00-10.65), MO-153 (6.40 BSC and 8.10 BSC,
# held to +-0.20 by makers' drawings), MO-187 (4.90 BSC, +-0.15), MO-150 (7.40-8.20),
# MO-137 (5.80-6.20), TO-236AB (2.10-2.64 on a 1.20-1.40 body) and MO-178 (2.60-3.00 on
# 1.50-1.75): the two SOT-23 bodies are apart, so each fixes its span. SC-70 (MO-203) is
# not registered here yet.
JEDEC_TIPS: Tuple[JedecTips, ...] = (
    JedecTips("soic", 1.27, (3.7, 4.1), (5.80, 6.20), "JEDEC MS-012 (SOIC, 3.9 mm body)"),
    JedecTips("soic", 1.27, (7.3, 7.7), (10.00, 10.65), "JEDEC MS-013 (SOIC, 7.5 mm body)"),
    JedecTips("tssop", 0.65, (4.3, 4.5), (6.20, 6.60), "JEDEC MO-153 (TSSOP, 4.4 mm body)"),
    JedecTips("tssop", 0.5, (4.3, 4.5), (6.20, 6.60), "JEDEC MO-153 (TSSOP, 4.4 mm body)"),
    JedecTips("tssop", 0.65, (6.0, 6.2), (7.90, 8.30), "JEDEC MO-153 (TSSOP, 6.1 mm body)"),
    JedecTips("tssop", 0.5, (6.0, 6.2), (7.90, 8.30), "JEDEC MO-153 (TSSOP, 6.1 mm body)"),
    JedecTips("msop", 0.65, (2.9, 3.1), (4.75, 5.05), "JEDEC MO-187 (MSOP, 3.0 mm body)"),
    JedecTips("msop", 0.5, (2.9, 3.1), (4.75, 5.05), "JEDEC MO-187 (MSOP, 3.0 mm body)"),
    JedecTips("ssop", 0.65, (5.2, 5.4), (7.40, 8.20), "JEDEC MO-150 (SSOP, 5.3 mm body)"),
    JedecTips("ssop", 0.635, (3.8, 4.0), (5.80, 6.20), "JEDEC MO-137 (QSOP)"),
    JedecTips("sot23", 0.95, (1.2, 1.4), (2.10, 2.64), "JEDEC TO-236AB (SOT-23, 3 leads)"),
    JedecTips("sot23", 0.95, (1.5, 1.8), (2.60, 3.00), "JEDEC MO-178 (SOT-23-5, SOT-23-6)"),
)


def jedec_tips(family: Optional[str], pitch: Optional[float], body_width: Optional[float]
               ) -> Optional[JedecTips]:
    """The registered tip-to-tip span of the outline this body and pitch are, or None."""
    if family is None or pitch is None or body_width is None:
        return None
    fits = [t for t in JEDEC_TIPS if t.family == family and abs(t.pitch - pitch) <= _PITCH_EPS
            and t.body[0] <= body_width <= t.body[1]]
    return fits[0] if len(fits) == 1 else None


def jedec_leads(family: Optional[str], pitch: Optional[float]) -> Optional[JedecLeads]:
    """The outline whose L and b a part of this family and pitch has, or None."""
    if family is None or pitch is None:
        return None
    for entry in JEDEC_LEADS:
        if family in entry.families and abs(entry.pitch - pitch) <= _PITCH_EPS:
            return entry
    return None


def as_toleranced(limits: Tuple[float, float]) -> Toleranced:
    """A JEDEC range as a Toleranced of source `default` (a convention, not the page)."""
    low, high = limits
    return Toleranced(min=low, max=high, source="default")


# DIP lead-centre rows (JEDEC MS-001 0.300", MS-010 / MS-011 0.600", 0.400" and 0.900"
# outlines). A page's E is often the shoulder or the lead spread (0.300-0.325"), always a
# little over the row it belongs to.
DIP_ROWS_MM = (7.62, 10.16, 15.24, 22.86)
_DIP_ROW_REACH_MM = 0.8


def dip_row_spacing(printed: float, least: Optional[float] = None) -> float:
    """The standard row a printed DIP width belongs to: the one its minimum is (Vishay's
    E 7.62-10.79, the leads' spread from the row outwards), else the one nearest the
    nominal within 0.8 mm, else the printed value."""
    if least is not None:
        for row in DIP_ROWS_MM:
            if abs(row - least) <= 0.06:
                return row
    nearest = min(DIP_ROWS_MM, key=lambda r: abs(r - printed))
    return nearest if abs(nearest - printed) <= _DIP_ROW_REACH_MM else printed


# Between a DIP body (E1) and its lead row: the leads leave the body's sides and bend down
# outside it, so the row is wider than the body by 0.4-3.0 mm (MS-001: E1 6.10-7.11 under
# the 7.62 row; MS-011: E1 12.32-14.73 under 15.24).
_DIP_BODY_MARGIN_MM = (0.4, 3.0)


def dip_row_over_body(body_width: float) -> Optional[float]:
    """The standard DIP row a body of this width sits under, or None when none fits."""
    for row in DIP_ROWS_MM:
        if _DIP_BODY_MARGIN_MM[0] <= row - body_width <= _DIP_BODY_MARGIN_MM[1]:
            return row
    return None
