"""Standard lead pitches per package family (typed data the readers share)."""

from typing import Dict, Optional

# Lead pitches the JEDEC outlines of each family use (MO-178/193/203, MS-012/013, MO-150,
# MO-153, MO-187, MS-026, MO-220/229): a lone printed value equal to one of them, on an
# outline that marks no pitch otherwise, is the pitch.
FAMILY_PITCHES: Dict[str, tuple] = {
    "sot23": (0.95, 0.65, 0.5), "soic": (1.27,), "ssop": (0.65, 0.635, 0.5),
    "tssop": (0.65, 0.5, 0.4), "msop": (0.65, 0.5), "qfp": (0.4, 0.5, 0.65, 0.8, 1.0),
    # DFN / SON also 1.27: the 6 x 5 and 8 x 6 mm flash packages (Micron's V-PDFN-8,
    # GigaDevice's and Winbond's WSON8) and the 5 x 6 power DFNs
    "qfn": (0.4, 0.5, 0.65, 0.8), "dfn": (0.4, 0.5, 0.65, 0.8, 0.95, 1.27),
    "son": (0.5, 0.65, 1.27),
    # DPAK: e, and the 2e between the two leads of a TO-252AA whose middle lead is cut
    "sot223": (2.3,), "dpak": (2.28, 2.29, 2.3, 2.54, 4.57, 4.58, 4.6), "dip": (2.54,),
    "to220": (2.54,),
    "to92": (1.27, 2.54),  # JEDEC TO-226AA in line; formed (wide) leads
}

# Tab packages with more leads keep their width and close the leads up. TO-220: 5 leads at
# 1.70 (Microchip's 5-Pin TO-220, TI's KC R-PSFM-T5), 7 at 1.27 (TI's KC-7). DPAK / D2PAK:
# 5 leads at 1.14 (TO-252-5: Infineon's PG-TO252-5, KiCad's TO-252-5_TabPin3), 1.27
# (Rohm's TO252-5) or 1.70 (TO-263-5, KiCad's TO-263-5 and the LM2596S's), 7 at 1.27
# (TO-263-7).
PITCH_BY_LEADS: Dict[str, Dict[int, tuple]] = {
    "to220": {5: (1.7,), 7: (1.27,)},
    "dpak": {5: (1.14, 1.27, 1.7), 7: (1.27,)},
}

_PITCH_EPS_MM = 0.006


def family_pitches(family: Optional[str], pins: Optional[int] = None) -> tuple:
    """FAMILY_PITCHES, for a TO-220 or DPAK of 5 or 7 leads its own (PITCH_BY_LEADS)."""
    by_leads = PITCH_BY_LEADS.get(family or "", {})
    if pins in by_leads:
        return by_leads[pins]
    return FAMILY_PITCHES.get(family or "", ())


def is_standard_pitch(value: float, family: Optional[str]) -> bool:
    """`value` (mm) is one of the family's standard pitches (FAMILY_PITCHES)."""
    return any(abs(value - p) < _PITCH_EPS_MM for p in FAMILY_PITCHES.get(family or "", ()))


# Pin-header and connector pitches (mm): 1.0 ... 5.08, the metric and inch grids.
HEADER_PITCHES = (1.0, 1.25, 1.27, 1.5, 2.0, 2.5, 2.54, 3.0, 3.5, 3.81, 3.96, 5.0, 5.08)
