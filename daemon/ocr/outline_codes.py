"""Package outline codes a page may print instead of a family name, as typed data.

Older discrete and many maker pages title a drawing only "TO-236AB", "MO-178AA", "DO-214AC"
or "TO-252AA" (issue 11, class 3). Each code says the ds2fp family and, where the code fixes
it, the lead count; `source` says where the correspondence comes from. Codes are matched on
upper-case text with spaces and dashes optional (and the O of TO / DO / MO read as a zero,
as OCR does: "D0-214AC"), after the family names of package_text.py
(a page that names the family wins; the code then only supplies a missing pin count).
SOT-143 (four leads, one wider) is left out: no ds2fp family builds it.
"""

import re
from dataclasses import dataclass
from typing import Optional, Tuple


@dataclass(frozen=True)
class OutlineCode:
    pattern: str  # regex on the upper-case text
    family: str
    pins: Optional[int]  # None: the code covers several lead counts
    source: str


_D = r"[- ]?"  # JEDEC codes are printed as MO-178AA, MO178-AA, MO 178 AA ...
_V = r"(?:[- ]?|\s*VARIATION\s*)"  # ... and "MS-012 variation AA" in TI's notes

OUTLINE_CODES: Tuple[OutlineCode, ...] = (
    OutlineCode(rf"\bT[O0]{_D}236(?:{_D}AB)?\b", "sot23", 3, "JEDEC TO-236AB is SOT-23"),
    OutlineCode(rf"\bM[O0]{_D}178{_V}AA\b", "sot23", 5, "JEDEC MO-178 variation AA: SOT-23-5"),
    OutlineCode(rf"\bM[O0]{_D}178{_V}AB\b", "sot23", 6, "JEDEC MO-178 variation AB: SOT-23-6"),
    OutlineCode(rf"\bM[O0]{_D}178\b", "sot23", None, "JEDEC MO-178: SOT-23-5/6"),
    OutlineCode(rf"\bM[O0]{_D}193\b", "sot23", None, "JEDEC MO-193: thin SOT-23 (TSOT)"),
    OutlineCode(rf"\bM[O0]{_D}203\b", "sot23", None, "JEDEC MO-203: SC-70 (SOT-323/353/363)"),
    OutlineCode(r"\bSOT-?353\b|\bSC-?88A\b", "sot23", 5, "EIAJ SC-88A is SOT-353, 5 leads"),
    OutlineCode(r"\bSOT-?363\b|\bSC-?88\b", "sot23", 6, "EIAJ SC-88 is SOT-363, 6 leads"),
    # EIAJ names and NXP / Asian makers' numbers of the same SOT-23 bodies (0.95 pitch)
    OutlineCode(r"\bSC-?74A\b|\bSOT-?753\b|\bSOT-?25\b", "sot23", 5,
                "EIAJ SC-74A (NXP SOT753, makers' SOT-25) is SOT-23-5"),
    OutlineCode(r"\bSC-?74\b|\bSOT-?457\b|\bSOT-?26\b", "sot23", 6,
                "EIAJ SC-74 (NXP SOT457, makers' SOT-26) is SOT-23-6"),
    OutlineCode(r"\bSC-?59\b|\bSOT-?346\b", "sot23", 3, "EIAJ SC-59 (SOT346): 3 leads"),
    # The 1.6 x 1.6 mm six-lead outlines at 0.5 mm (NXP SOT666, onsemi SOT-563, also sold
    # as "SOT-563F"): flat leads in two rows, built as the SOT rows are
    OutlineCode(r"\bSOT-?(?:563F?|666)\b", "sot23", 6,
                "SOT-563 / SOT-666: 1.6 x 1.6 mm, 6 leads at 0.5 mm (NXP, onsemi outlines)"),
    OutlineCode(rf"\bT[O0]{_D}261{_D}AA\b", "sot223", 3, "JEDEC TO-261AA is SOT-223"),
    OutlineCode(rf"\bMS{_D}012{_V}AA\b", "soic", 8, "JEDEC MS-012 AA: SOIC-8, 3.9 mm"),
    OutlineCode(rf"\bMS{_D}012{_V}AB\b", "soic", 14, "JEDEC MS-012 AB: SOIC-14"),
    OutlineCode(rf"\bMS{_D}012{_V}AC\b", "soic", 16, "JEDEC MS-012 AC: SOIC-16"),
    OutlineCode(rf"\bMS{_D}01[23]\b", "soic", None, "JEDEC MS-012/013: SOIC 3.9/7.5 mm"),
    OutlineCode(rf"\bM[O0]{_D}187{_V}AA\b", "msop", 8, "JEDEC MO-187 AA: MSOP-8"),
    OutlineCode(rf"\bM[O0]{_D}187{_V}BA\b", "msop", 10, "JEDEC MO-187 BA: MSOP-10"),
    OutlineCode(rf"\bM[O0]{_D}187\b", "msop", None, "JEDEC MO-187: MSOP"),
    OutlineCode(rf"\bM[O0]{_D}153\b", "tssop", None, "JEDEC MO-153: TSSOP"),
    OutlineCode(rf"\bM[O0]{_D}150\b", "ssop", None, "JEDEC MO-150: SSOP"),
    OutlineCode(rf"\bMS{_D}026\b", "qfp", None, "JEDEC MS-026: LQFP/TQFP"),
    OutlineCode(rf"\bM[O0]{_D}220\b", "qfn", None, "JEDEC MO-220: QFN"),
    OutlineCode(rf"\bM[O0]{_D}229\b", "dfn", None, "JEDEC MO-229: DFN/SON"),
    OutlineCode(rf"\bMS{_D}001{_V}BA\b", "dip", 8, "JEDEC MS-001 BA: PDIP-8"),
    OutlineCode(rf"\bMS{_D}001\b", "dip", None, "JEDEC MS-001: PDIP, 7.62 mm rows"),
    # TO-252-5, TO-263-5, TO-263-7: DPAK / D2PAK with the lead count in the name (makers'
    # names; Rohm's "TO252-5", the LM2596S's "TO-263-5"), before the codes that name none
    OutlineCode(rf"\bT[O0]{_D}2(?:52|63){_D}5\b", "dpak", 5, "TO-252-5 / TO-263-5: 5 leads"),
    OutlineCode(rf"\bT[O0]{_D}263{_D}7\b", "dpak", 7, "TO-263-7: 7 leads"),
    OutlineCode(rf"\bT[O0]{_D}252(?:{_D}AA)?\b(?!{_D}[57]\b)|\bD-?PAK\b", "dpak", 2,
                "JEDEC TO-252AA is DPAK: 2 leads (the middle one cut) + tab"),
    OutlineCode(rf"\bT[O0]{_D}263\b|\bD2-?PAK\b", "dpak", None, "JEDEC TO-263: D2PAK"),
    OutlineCode(rf"\bT[O0]{_D}220(?:{_D}AB)?(?!\d)", "to220", 3, "JEDEC TO-220AB: 3 leads"),
    OutlineCode(rf"\bT[O0]{_D}(?:92|226(?:{_D}?A[AE])?)(?!\d)", "to92", 3,
                "JEDEC TO-226 is TO-92: 3 leads in line"),
    OutlineCode(rf"\bD[O0]{_D}214{_D}A[ABC]\b", "molded", 2,
                "JEDEC DO-214AC/AA/AB: SMA/SMB/SMC"),
    OutlineCode(r"\bSOD-?(?:123F?|323F?|523|923)\b", "sod", 2, "SOD-123/323/523/923"),
    # Cylindrical end-cap bodies: JEDEC DO-213AA (MiniMELF; NXP's SOD80, makers' LL-34) and
    # DO-213AB (MELF; LL-41)
    OutlineCode(rf"\bD[O0]{_D}213{_D}A[AB]\b|\bSOD-?80C?\b|\bLL-?(?:34|41)\b", "melf", 2,
                "JEDEC DO-213AA (MiniMELF, SOD-80, LL-34) / DO-213AB (MELF, LL-41)"),
)


@dataclass(frozen=True)
class Jep95Type:
    """A package type of the JEDEC descriptive designation (JEP95 / JESD30: "R-PDSO-G8" is a
    rectangular plastic dual small outline with 8 gull-wing leads)."""

    body: str  # DSO, DIP, QFP, QFN, SON (after the thickness letter: PVQFN -> QFN)
    leads: str  # G gull-wing, T through-hole, N no lead, J J-bent
    family: str
    max_pins: Optional[int] = None  # this family up to that count (small outlines: SOT-23)


# Source: JEDEC JESD30 (descriptive designation system); TI prints it beside its letter codes
# (D (R-PDSO-G8), P (R-PDIP-T8), RGT (S-PVQFN-N16), DBV (R-PDSO-G5)).
JEP95_TYPES: Tuple[Jep95Type, ...] = (
    Jep95Type("DSO", "G", "sot23", 6),  # TI's DBV/DCK/DBZ: R-PDSO-G3/G5/G6
    Jep95Type("DSO", "G", "soic"),  # SOIC; TSSOP and MSOP share the designation
    Jep95Type("DSO", "N", "son"),
    Jep95Type("SON", "N", "son"),
    Jep95Type("DIP", "T", "dip"),
    Jep95Type("QFP", "G", "qfp"),
    Jep95Type("QFN", "N", "qfn"),
)
_JEP95 = re.compile(r"\b[RS][- ]?[PCGM][TLVWUX]?(DSO|SON|DIP|QFP|QFN)[- ]?([GTNJ])(\d{1,3})\b")


def jep95_designation(text: str) -> Optional[Tuple[str, int]]:
    """(family, pin count) of a JEDEC descriptive designation in `text`, or None."""
    m = _JEP95.search(text.upper())
    if not m:
        return None
    pins = int(m.group(3))
    for kind in JEP95_TYPES:
        if kind.body == m.group(1) and kind.leads == m.group(2) and (
                kind.max_pins is None or pins <= kind.max_pins):
            return kind.family, pins
    return None


@dataclass(frozen=True)
class JeitaType:
    """A package type of the JEITA / EIAJ name code that Japanese makers print as the
    drawing's title ("SOL16-P-150-1.27A": type, lead count, P plastic, body width in mil,
    pitch in mm, revision letter)."""

    prefix: str
    family: str


# Source: EIAJ ED-7303 / JEITA package name codes as printed by Toshiba, Renesas, Rohm
# (DIP16-P-300-2.54A, SOL16-P-150-1.27A, SSOP24-P-300-0.65A, P-LQFP48-7x7-0.50).
JEITA_TYPES: Tuple[JeitaType, ...] = (
    JeitaType("HTSSOP", "tssop"), JeitaType("TSSOP", "tssop"), JeitaType("VSSOP", "msop"),
    JeitaType("SSOP", "ssop"), JeitaType("HSOP", "soic"), JeitaType("SOP", "soic"),
    JeitaType("SOL", "soic"), JeitaType("SDIP", "dip"), JeitaType("DIP", "dip"),
    JeitaType("LQFP", "qfp"), JeitaType("TQFP", "qfp"), JeitaType("QFP", "qfp"),
    JeitaType("VQFN", "qfn"), JeitaType("WQFN", "qfn"), JeitaType("QFN", "qfn"),
    JeitaType("VSON", "son"), JeitaType("WSON", "son"), JeitaType("SON", "son"),
)
# TYPE pins - P - width(mil) - pitch (Toshiba), or P - TYPE pins - body - pitch (Renesas).
_JEITA = re.compile(r"(?<![A-Z])(" + "|".join(t.prefix for t in JEITA_TYPES)
                    + r")(\d{1,3})-?(?:P-?\d{2,4}|\d+(?:\.\d+)?X\d+(?:\.\d+)?)"
                      r"-?\d\.\d{1,2}")


def jeita_code(text: str) -> Optional[Tuple[str, int]]:
    """(family, pin count) of a JEITA / EIAJ name code in `text`, or None."""
    m = _JEITA.search(text.upper().replace(" ", ""))
    if not m:
        return None
    family = next(t.family for t in JEITA_TYPES if t.prefix == m.group(1))
    return family, int(m.group(2))


@dataclass(frozen=True)
class MakerCodeType:
    """A maker's package-number scheme: a letter prefix for the package type, then the lead
    count (National: "NS Package Number M08A" is an 8-lead small outline)."""

    prefix: str
    family: str
    maker: str


# Source: National Semiconductor's package-number scheme as its datasheets print it ("See NS
# Package Number M08A, N08E or J08A"): M narrow/wide SOIC, N molded DIP, J ceramic DIP,
# MTC TSSOP, MUA/MUB MSOP, MSA SSOP, MF SOT-23, MAA SC-70. Longest prefixes first. Matched
# only after the words "Package Number": a bare M08A elsewhere may be anything.
MAKER_CODE_TYPES: Tuple[MakerCodeType, ...] = (
    MakerCodeType("MTC", "tssop", "National"), MakerCodeType("MUA", "msop", "National"),
    MakerCodeType("MUB", "msop", "National"), MakerCodeType("MSA", "ssop", "National"),
    MakerCodeType("MAA", "sot23", "National"), MakerCodeType("MF", "sot23", "National"),
    MakerCodeType("M", "soic", "National"), MakerCodeType("N", "dip", "National"),
    MakerCodeType("J", "dip", "National"),
)
_MAKER_CODE = re.compile(r"PACKAGE\s?(?:NUMBER|NO\.?)\s?(" + "|".join(
    t.prefix for t in MAKER_CODE_TYPES) + r")([0-9O]{2})[A-Z]?\b")


def maker_package_number(text: str) -> Optional[Tuple[str, int]]:
    """(family, pin count) of a maker's package number after "Package Number", or None
    (OCR's O for a zero in the count is read as the zero: "Mo8A" is M08A)."""
    m = _MAKER_CODE.search(text.upper())
    if not m:
        return None
    family = next(t.family for t in MAKER_CODE_TYPES if t.prefix == m.group(1))
    return family, int(m.group(2).replace("O", "0"))


_TITLE_WORDS = re.compile(r"(OUTLINE|PACKAGE|CASE|STYLE|DRAWING|STANDARDS?|JEDEC)(?=[A-Z0-9])")


# A JEDEC number's leading zero read as the letter O ("MS-O12-AA", ADI's note at ~100 dpi).
_O_AS_ZERO = re.compile(r"\b(M[SO0]|T[O0]|D[O0])([- ]?)O(\d{2})")


def outline_code(text: str) -> Optional[OutlineCode]:
    """The first outline code in `text` (the table's order: specific variations first).
    OCR glues a title's words ("PACKAGEOUTLINETO-236AB"): the words that head a code are
    parted from it first."""
    up = _TITLE_WORDS.sub(r"\1 ", text.upper())
    up = _O_AS_ZERO.sub(r"\1\g<2>0\3", up)
    for code in OUTLINE_CODES:
        if re.search(code.pattern, up):
            return code
    return None
