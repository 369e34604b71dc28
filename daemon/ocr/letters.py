"""What the letters of a dimension table mean, per drawing style.

Letters are only a convention; the description column, where a table has one, says more
and wins (see DESCRIPTIONS). Values are reading field names; None means "known, not used".
"""

from typing import Dict, Optional, Tuple

# JEDEC package letters (JEP95 / MO-xxx outlines; Microchip, TI, Nexperia, most others).
JEDEC: Dict[str, Optional[str]] = {
    "A": "height", "A1": None, "A2": None, "A3": None, "b": "lead_width", "b1": None,
    "c": None, "D": "body_length", "D1": None, "D2": "exposed_pad_length",
    "E": "overall_width", "E1": "body_width", "E2": "exposed_pad_width", "e": "pitch",
    "e1": None, "L": "lead_length", "L1": None, "K": None, "N": "pin_count", "H": None,
}

# onsemi / Motorola case outlines: letters in alphabetical order, not JEDEC meanings.
ONSEMI: Dict[str, Optional[str]] = {
    "A": "body_length", "B": "body_width", "C": "height", "D": None, "F": "lead_length",
    "G": "pitch", "H": None, "J": None, "J1": None, "K": "lead_width", "K1": None,
    "L": "overall_width", "M": None,
}

# onsemi's TO-92 (case 29): A the body's height, B its width along the row, C its depth, D
# the lead, H pins 1 to 3, K and L lead lengths (laid over ONSEMI for family to92).
ONSEMI_FAMILY: Dict[str, Dict[str, Optional[str]]] = {
    "to92": {"A": "height", "B": "body_length", "C": "body_width", "D": "lead_width",
             "K": None, "L": None},
}

# Tables that letter the tip-to-tip span H beside a body E and print no E1 (onsemi's SOIC
# case 751A, Motorola, Toshiba, many Asian makers): E is the body across the rows, H tip to
# tip. Laid over JEDEC only where the table has E and H and no E1 (package_letters).
H_SPAN: Dict[str, Optional[str]] = {"E": "body_width", "H": "overall_width",
                                    "HE": "overall_width", "HD": "overall_length"}
H_SPAN_MARKS = {"H", "HE"}

# Exposed-pad tables that pair E2 with D1 instead of D2 (NanJing Top Power's ESOP-8: D1
# 3.202-3.402 x E2 2.313-2.513): with E2 and no D2, D1 is the pad's length. Not on quad
# flat packs, whose D1 is the body (FAMILY_LETTERS["qfp"]).
EP_D1: Dict[str, Optional[str]] = {"D1": "exposed_pad_length"}

# No-lead tables (QFN / SON / DFN) that letter the exposed pad D1 x E1 and print no D2 or
# E2 (GigaDevice's USON8: D = E 4.00 the body, D1 2.30 x E1 3.00 the "exposed metal pad").
# A no-lead body has no lead tips outside it, so E1 is no second body width there.
NO_LEAD_FAMILIES = {"qfn", "dfn", "son"}
EP_D1_E1: Dict[str, Optional[str]] = {"D1": "exposed_pad_length", "E1": "exposed_pad_width"}

# NXP / Nexperia / Philips outlines (letters as columns): E is the body, HE tip to tip,
# bp the lead width, Lp the foot; on SOT-23 pages e is pins 1-2 (1.9) and e1 the pitch.
NEXPERIA: Dict[str, Optional[str]] = {
    "A": "height", "A1": None, "A2": None, "A3": None, "bp": "lead_width", "b1": None,
    "c": None, "D": "body_length", "E": "body_width", "e": "pitch", "e1": None,
    "HD": "overall_length", "HE": "overall_width", "L": None, "Lp": "lead_length",
    "Q": None, "v": None, "w": None, "y": None, "Z": None, "ZD": None, "ZE": None,
    "D1": None, "E1": None, "Dh": "exposed_pad_length",
    "Eh": "exposed_pad_width", "k": None,
    "Dn": "exposed_pad_length", "En": "exposed_pad_width",  # OCR reads the small h as n
}
NEXPERIA_MARKS = {"bp", "HE", "Lp", "Dh", "Eh"}

# Family-specific meanings laid over JEDEC letters. SOT-223 (JEDEC TO-261AA) and its makers'
# tables name the tab lead's width b1, b2 or D1 (WPMtek AMS1117: D1 2.90-3.00), never the
# body; the IPC tab calculation takes it as exposed_pad_length (the tab along the row).
FAMILY_LETTERS: Dict[str, Dict[str, Optional[str]]] = {
    "sot223": {"b1": "exposed_pad_length", "b2": "exposed_pad_length",
               "B1": "exposed_pad_length", "D1": "exposed_pad_length"},
    # JEDEC MS-026 (LQFP/TQFP): D and E are lead tip to lead tip, D1 and E1 the body.
    "qfp": {"D": "overall_length", "D1": "body_length", "E": "overall_width",
            "E1": "body_width"},
    # PDIP: b1 is the lead's shoulder (JEDEC) or the lead in the hole (ALD); the reader
    # keeps the narrower of b and b1 as the lead width.
    "dip": {"b1": "lead_width", "b2": None},
    # No-lead parts: b and L are the terminal's width and length (NXP's HVQFN / DHVQFN
    # tables, whose gull-wing tables call them bp and Lp).
    "qfn": {"b": "lead_width", "L": "lead_length"},
    "dfn": {"b": "lead_width", "L": "lead_length"},
    "son": {"b": "lead_width", "L": "lead_length"},
    # Chip parts (EIA sizes): L length, W width, T (or H) thickness; the terminal band is A
    # (Walsin), a (Yageo), e (Murata) or BW (Bourns). JEDEC's A (height) and e (pitch) mean
    # nothing on a two-terminal chip.
    "chip": {"L": "body_length", "W": "body_width", "T": "height", "H": "height",
             "A": "lead_length", "a": "lead_length", "e": "lead_length", "BW": "lead_length"},
    # MELF tables: Taiwan Semiconductor's LL-34 (A 3.30-3.70 the length, B 1.40-1.60 the
    # diameter, C 0.20-0.50 the end cap); others print L and D (length and diameter).
    # JEDEC's A (height) and E (tips) mean nothing on a cylinder.
    "melf": {"A": "body_length", "B": "body_width", "C": "lead_length", "L": "body_length",
             "D": "body_width", "E": None, "e": None, "L1": "lead_length"},
    # JEDEC MO-205 / MO-275 (BGA): D and E the body, D1 and E1 the ball matrix (outer ball
    # centres, not a body), b the ball, A1 the stand-off (Winbond's TFBGA tables).
    "bga": {"D": "body_length", "E": "body_width", "D1": None, "E1": None,
            "b": "ball_diameter", "A1": None, "A2": None},
    # JEDEC TO-220AB: A the thickness, E the width of the upright part (the footprint's
    # body_width x body_length), D its height above the board (not in the footprint).
    "to220": {"A": "body_width", "E": "body_length", "D": None, "D1": None, "E1": None,
              "L": None, "L1": None},
}

# ST's TO-220 tables (L78xx, L79xx "TO-220 MECHANICAL DATA"): G1 is the pitch, G pins 1-3,
# H2 the width, A the thickness, F the lead width; E is the lead thickness (not JEDEC's E).
ST_TO220: Dict[str, Optional[str]] = {
    "A": "body_width", "C": None, "D": None, "D1": None, "E": None, "F": "lead_width",
    "F1": None, "F2": None, "G": None, "G1": "pitch", "H2": "body_length",
}
ST_TO220_MARKS = {"G1", "H2"}

# NXP / Philips DIP outlines (SOT38-4 ...): E is the body, e1 the row centres, ME the
# shoulder and MH the lead spread; b1 the lead in the hole.
NXP_DIP: Dict[str, Optional[str]] = {
    **JEDEC, **FAMILY_LETTERS["dip"], "E": "body_width", "E1": None, "e1": "overall_width",
    "ME": None, "MH": None, "Z": None,
}
NXP_DIP_MARKS = {"ME", "MH"}

# IPC-7351 land-pattern letters (Microchip "Recommended Land Pattern" tables and others).
LAND: Dict[str, Optional[str]] = {
    "E": "pitch", "C": "row_spacing", "C1": "row_spacing", "C2": "row_spacing_2",
    "X": "pad_width", "X1": "pad_width", "Y": "pad_length", "Y1": "pad_length",
    "G": "gap", "G1": "gap", "G2": "gap_2", "GX": None, "Z": "overall_span",
    "Z1": "overall_span", "Z2": "overall_span_2", "W2": "exposed_pad_width",
    "T2": "exposed_pad_length", "X2": "exposed_pad_width", "Y2": "exposed_pad_length",
    "X3": "tab_width", "Y3": "tab_length", "V": None, "EV": None,
    # Diodes Inc. "Suggested Pad Layout" tables: E1 the pitch, E2 two pitches (pins 1-3).
    "E1": "pitch", "E2": None,
    # Semtech-template tables (C G P X Y Z; Tech Public's SOT-666): P the pitch, as IPC-7351
    # names it ("SOT50P160X60-6N")
    "P": "pitch",
}

# Description words (upper case, spaces removed) -> field, checked in order; first match wins.
LAND_DESCRIPTIONS: Tuple[Tuple[str, Optional[str]], ...] = (
    ("CENTERPADWIDTH", "exposed_pad_width"), ("CENTERPADLENGTH", "exposed_pad_length"),
    ("THERMALPADWIDTH", "exposed_pad_width"), ("THERMALPADLENGTH", "exposed_pad_length"),
    ("TABWIDTH", "tab_width"), ("TABLENGTH", "tab_length"),
    ("CONTACTPITCH", "pitch"), ("PADSPACING", "row_spacing"),
    ("PADWIDTH", "pad_width"), ("PADLENGTH", "pad_length"), ("OVERALLWIDTH", "overall_span"),
    ("VIA", None), ("DISTANCEBETWEENPADS", "gap"),
)

PACKAGE_DESCRIPTIONS: Tuple[Tuple[str, Optional[str]], ...] = (
    ("NUMBEROFPINS", "pin_count"), ("NUMBEROFTERMINALS", "pin_count"),
    ("OUTSIDELEADPITCH", None), ("PITCH", "pitch"), ("OVERALLHEIGHT", "height"),
    ("STANDOFF", None), ("THICKNESS", None), ("EXPOSEDPADLENGTH", "exposed_pad_length"),
    ("EXPOSEDPADWIDTH", "exposed_pad_width"), ("MOLDEDPACKAGEWIDTH", "body_width"),
    ("MOLDEDPACKAGELENGTH", "body_length"), ("OVERALLLENGTH", "body_length"),
    ("OVERALLWIDTH", "overall_width"), ("CONTACTWIDTH", "lead_width"),
    ("UPPERLEADWIDTH", None), ("OVERALLROWSPACING", None),  # PDIP shoulder, lead spread
    ("LEADWIDTH", "lead_width"), ("CONTACTLENGTH", "lead_length"),
    ("FOOTLENGTH", "lead_length"), ("FOOTPRINT", None), ("ANGLE", None),
    ("CONTACT-TO", None),
)

# Letters that only occur in package tables / only in land-pattern tables.
PACKAGE_ONLY = {"A", "A1", "A2", "b", "e", "E1", "D1", "L1", "c", "bp", "HE", "Lp"}
LAND_ONLY = {"C1", "C2", "X", "X1", "X2", "Y", "Y1", "Y2", "Z", "W2", "T2", "GX"}
# JEDEC's standoff (A1) and body thickness (A2): no land table holds one, whatever heading
# is above it (reading.table_kind).
PACKAGE_HEIGHT_LETTERS = frozenset({"A1", "A2"})


def letters_side(symbols) -> Optional[str]:
    """'land' or 'package' by a table's exclusive letters: the side it holds more of, land
    on a tie; None with neither. XLSEMI's TO-263 table has A and e beside a C2 that is the
    tab's thickness, not a land's second span."""
    n_land = len(set(symbols) & LAND_ONLY)
    n_package = len(set(symbols) & PACKAGE_ONLY)
    if n_land and n_land >= n_package:
        return "land"
    return "package" if n_package else None
