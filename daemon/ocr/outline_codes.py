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

OUTLINE_CODES: Tuple[OutlineCode, ...] = (
    OutlineCode(rf"\bT[O0]{_D}236(?:{_D}AB)?\b", "sot23", 3, "JEDEC TO-236AB is SOT-23"),
    OutlineCode(rf"\bM[O0]{_D}178{_D}AA\b", "sot23", 5, "JEDEC MO-178 variation AA: SOT-23-5"),
    OutlineCode(rf"\bM[O0]{_D}178{_D}AB\b", "sot23", 6, "JEDEC MO-178 variation AB: SOT-23-6"),
    OutlineCode(rf"\bM[O0]{_D}178\b", "sot23", None, "JEDEC MO-178: SOT-23-5/6"),
    OutlineCode(rf"\bM[O0]{_D}193\b", "sot23", None, "JEDEC MO-193: thin SOT-23 (TSOT)"),
    OutlineCode(rf"\bM[O0]{_D}203\b", "sot23", None, "JEDEC MO-203: SC-70 (SOT-323/353/363)"),
    OutlineCode(r"\bSOT-?353\b|\bSC-?88A\b", "sot23", 5, "EIAJ SC-88A is SOT-353, 5 leads"),
    OutlineCode(r"\bSOT-?363\b|\bSC-?88\b", "sot23", 6, "EIAJ SC-88 is SOT-363, 6 leads"),
    OutlineCode(rf"\bT[O0]{_D}261{_D}AA\b", "sot223", 3, "JEDEC TO-261AA is SOT-223"),
    OutlineCode(rf"\bMS{_D}012{_D}AA\b", "soic", 8, "JEDEC MS-012 AA: SOIC-8, 3.9 mm"),
    OutlineCode(rf"\bMS{_D}012{_D}AB\b", "soic", 14, "JEDEC MS-012 AB: SOIC-14"),
    OutlineCode(rf"\bMS{_D}012{_D}AC\b", "soic", 16, "JEDEC MS-012 AC: SOIC-16"),
    OutlineCode(rf"\bMS{_D}01[23]\b", "soic", None, "JEDEC MS-012/013: SOIC 3.9/7.5 mm"),
    OutlineCode(rf"\bM[O0]{_D}187{_D}AA\b", "msop", 8, "JEDEC MO-187 AA: MSOP-8"),
    OutlineCode(rf"\bM[O0]{_D}187{_D}BA\b", "msop", 10, "JEDEC MO-187 BA: MSOP-10"),
    OutlineCode(rf"\bM[O0]{_D}187\b", "msop", None, "JEDEC MO-187: MSOP"),
    OutlineCode(rf"\bM[O0]{_D}153\b", "tssop", None, "JEDEC MO-153: TSSOP"),
    OutlineCode(rf"\bM[O0]{_D}150\b", "ssop", None, "JEDEC MO-150: SSOP"),
    OutlineCode(rf"\bMS{_D}026\b", "qfp", None, "JEDEC MS-026: LQFP/TQFP"),
    OutlineCode(rf"\bM[O0]{_D}220\b", "qfn", None, "JEDEC MO-220: QFN"),
    OutlineCode(rf"\bM[O0]{_D}229\b", "dfn", None, "JEDEC MO-229: DFN/SON"),
    OutlineCode(rf"\bMS{_D}001{_D}BA\b", "dip", 8, "JEDEC MS-001 BA: PDIP-8"),
    OutlineCode(rf"\bMS{_D}001\b", "dip", None, "JEDEC MS-001: PDIP, 7.62 mm rows"),
    OutlineCode(rf"\bT[O0]{_D}252(?:{_D}AA)?\b|\bD-?PAK\b", "dpak", 3,
                "JEDEC TO-252AA is DPAK: 2 leads + tab"),
    OutlineCode(rf"\bT[O0]{_D}263\b|\bD2-?PAK\b", "dpak", None, "JEDEC TO-263: D2PAK"),
    OutlineCode(rf"\bT[O0]{_D}220(?:{_D}AB)?(?!\d)", "to220", 3, "JEDEC TO-220AB: 3 leads"),
    OutlineCode(rf"\bD[O0]{_D}214{_D}A[ABC]\b", "molded", 2,
                "JEDEC DO-214AC/AA/AB: SMA/SMB/SMC"),
    OutlineCode(r"\bSOD-?(?:123F?|323F?|523|923)\b", "sod", 2, "SOD-123/323/523/923"),
)


def outline_code(text: str) -> Optional[OutlineCode]:
    """The first outline code in `text` (the table's order: specific variations first)."""
    up = text.upper()
    for code in OUTLINE_CODES:
        if re.search(code.pattern, up):
            return code
    return None
