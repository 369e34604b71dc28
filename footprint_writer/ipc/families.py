"""Which IPC lead type and geometry each reading family uses."""

from typing import Dict

# geometry: how pads are arranged; lead: which fillet table (None: chosen by pitch / size).
TWO_TERMINAL = "two_terminal"
DUAL = "dual"
QUAD = "quad"
GRID = "grid"
THT_DUAL = "tht_dual"
THT_ROW = "tht_row"
TAB = "tab"  # one row of gull-wing leads facing a wide tab (SOT-223, DPAK, D2PAK)

FAMILY_GEOMETRY: Dict[str, str] = {
    "chip": TWO_TERMINAL, "molded": TWO_TERMINAL, "melf": TWO_TERMINAL, "sod": TWO_TERMINAL,
    "sot23": DUAL, "sot223": TAB, "soic": DUAL, "ssop": DUAL, "tssop": DUAL, "msop": DUAL,
    "dpak": TAB, "qfp": QUAD, "dfn": DUAL, "son": DUAL, "qfn": QUAD, "bga": GRID,
    "dip": THT_DUAL, "pin_header": THT_ROW, "to220": THT_ROW, "to92": THT_ROW,
}

# Lead style per family: gull-wing (table by pitch), no-lead, chip (table by size),
# inward L (molded bodies whose terminals fold under the body), MELF end caps.
FAMILY_LEAD: Dict[str, str] = {
    "chip": "chip", "molded": "inward_l", "melf": "melf", "sod": "gullwing",
    "sot23": "gullwing", "sot223": "gullwing", "soic": "gullwing", "ssop": "gullwing",
    "tssop": "gullwing", "msop": "gullwing", "dpak": "gullwing", "qfp": "gullwing",
    "dfn": "no_lead", "son": "no_lead", "qfn": "no_lead",
}

# No-lead parts: the terminals end at the body edge, so L (tip to tip) is the body size.
NO_LEAD_FAMILIES = ("dfn", "son", "qfn")
