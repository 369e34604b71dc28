"""What a page shows, from its printed words: the package drawing, the land pattern, or both.

The order of the screenshots (a shell glob sorts `land.png` before `package.png`) and the
`--role` a user typed are hints; the page's own headings decide when they are clear. Each
cue is a phrase makers print, as typed data with where it is seen; a page's verdict is the
sum of the cues found in its short text runs (titles, headings, table rows), so one stray
word (SOT-23 tables call lead length L1 "Footprint") cannot flip it.
"""

import re
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from daemon.ocr.layout import squash


@dataclass(frozen=True)
class RoleCue:
    pattern: str  # regex on the squashed upper-case text of one run (spaces removed)
    role: str  # "land_pattern" | "package"
    weight: float
    seen: str  # which makers print it (why the cue exists)


LAND = "land_pattern"
PACKAGE = "package"

CUES: Tuple[RoleCue, ...] = (
    # land pattern headings
    RoleCue(r"LANDPATTERN", LAND, 3, "Microchip 'RECOMMENDED LAND PATTERN', TI 'LAND PATTERN "
                                      "EXAMPLE', IPC-7351 wording"),
    RoleCue(r"BOARDLAYOUT", LAND, 3, "TI 'EXAMPLE BOARD LAYOUT', JST 'PC board layout'"),
    RoleCue(r"PCBLAYOUT|PCBPATTERN|PCBFOOTPRINT|PCBLAND", LAND, 3,
            "GCT/Molex 'Recommended PCB Layout', Hirose 'PCB pattern'"),
    RoleCue(r"PADLAYOUT|PADPATTERN|PADDIMENSION|SUGGESTEDPAD|RECOMMENDEDPAD", LAND, 3,
            "Yangjie/Diodes 'Suggested Pad Layout', Vishay 'pad dimensions'"),
    RoleCue(r"SOLDERINGFOOTPRINT|RECOMMENDEDFOOTPRINT|MOUNTINGFOOTPRINT|FOOTPRINTDIMENSION",
            LAND, 3, "onsemi 'SOLDERING FOOTPRINT', Nexperia 'footprint'"),
    RoleCue(r"SOLDERINGPAD|焊盘", LAND, 3,
            "ARKLED 'Recommend Soldering Pad' (推荐焊盘尺寸), Lite-On 'Suggest Soldering Pad "
            "Dimensions'"),
    RoleCue(r"MOUNTINGPAD|SOLDERPAD|LANDDIMENSION|RECOMMENDEDMOUNTING|MOUNTINGPATTERN",
            LAND, 2, "Rohm/Toshiba 'mounting pad', Nexperia 'solder lands'"),
    RoleCue(r"CONTACTPAD(SPACING|WIDTH|LENGTH)|DISTANCEBETWEENPADS|PADTOPAD", LAND, 2,
            "Microchip land-pattern table rows (C, X1, Y1, G)"),
    RoleCue(r"SOLDERMASK(DEFINED|OPENING|DETAIL)|STENCIL|SOLDERPASTE", LAND, 1,
            "TI solder-mask details, stencil drawings"),
    RoleCue(r"VIEWEDFROM(COMPONENT|SOLDER)|ASVIEWEDFROM|COMPONENTSIDE", LAND, 1,
            "board-side notes on connector layouts (GCT, JST)"),
    # package drawing headings and rows
    RoleCue(r"PACKAGEOUTLINE|CASEOUTLINE|OUTLINEDRAWING|OUTLINEDIMENSION", PACKAGE, 3,
            "TI 'PACKAGE OUTLINE', onsemi 'CASE OUTLINE'"),
    RoleCue(r"PACKAGEDIMENSION|MECHANICALDATA|MECHANICALDRAWING|PACKAGEDRAWING", PACKAGE, 3,
            "onsemi 'PACKAGE DIMENSIONS', ST 'mechanical data'"),
    RoleCue(r"^PACKAGEDESCRIPTION$", PACKAGE, 3,
            "Linear Technology / ADI 'PACKAGE DESCRIPTION' pages (outline beside its pads)"),
    RoleCue(r"^PACKAGEINFORMA", PACKAGE, 3,
            "XLSEMI and Micrel 'Package Information' headings (OCR may lose the 'ti')"),
    RoleCue(r"SEATINGPLANE|GAUGEPLANE", PACKAGE, 2, "JEDEC side views"),
    RoleCue(r"SIDEVIEW|ENDVIEW|FRONTVIEW", PACKAGE, 2, "package side/end views"),
    RoleCue(r"OVERALLHEIGHT|MOLDEDPACKAGE|STANDOFF|LEADTHICKNESS|CONTACTTHICKNESS|FOOTLENGTH"
            r"|FOOTANGLE|NUMBEROFPINS|NUMBEROFTERMINALS", PACKAGE, 2,
            "Microchip package-table rows"),
    RoleCue(r"MOLDFLASH|PROTRUSION|INTERLEADFLASH|DAMBAR", PACKAGE, 2,
            "JEDEC outline notes on D and E1"),
    RoleCue(r"^(TOPVIEW|BOTTOMVIEW)$|DETAIL[A-Z]$|PIN1(ID|INDEX|VISUAL)", PACKAGE, 1,
            "views and pin-1 index notes of outline drawings"),
)

CLEAR = 2.0  # a role is claimed by cues worth at least this much


@dataclass(frozen=True)
class RoleVerdict:
    role: Optional[str]  # "package", "land_pattern", "both", or None when unclear
    land: float
    package: float
    cues: Tuple[str, ...]

    def describe(self) -> str:
        found = ", ".join(self.cues[:4]) or "no headings"
        return f"{self.role or 'unclear'} ({found})"


def page_role(texts: Sequence[str], land_tables: int = 0, package_tables: int = 0
              ) -> RoleVerdict:
    """The verdict for one page from its OCR text runs (and tables already classified)."""
    scores = {LAND: float(land_tables) * 2, PACKAGE: float(package_tables) * 2}
    found: List[str] = []
    seen_cues = set()
    for text in texts:
        if len(text) > 60:  # notes and paragraphs mention everything; headings are short
            continue
        words = squash(text).upper()
        for cue in CUES:
            if cue in seen_cues:
                continue
            if re.search(cue.pattern, words):
                seen_cues.add(cue)
                scores[cue.role] += cue.weight
                found.append(text.strip())
    land, package = scores[LAND], scores[PACKAGE]
    if land >= CLEAR and package >= CLEAR:
        role = "both"
    elif land >= CLEAR and package < CLEAR:
        role = LAND
    elif package >= CLEAR and land < CLEAR:
        role = PACKAGE
    else:
        role = None
    return RoleVerdict(role=role, land=land, package=package, cues=tuple(found))


def page_verdict(page) -> RoleVerdict:
    """The verdict for an OcrPage: its headings plus its dimension tables, a table counting
    for the land pattern when it has more land-only letters (C1, X1, Y1, Z ...) than
    package-only ones (A1, b, e, E1 ...), else for the package when it has any (XLSEMI's
    TO-263 table: A, e and a C2 that is the tab's thickness)."""
    from daemon.ocr.letters import letters_side
    from daemon.ocr.tables import find_tables, page_unit
    from daemon.ocr.transposed import find_transposed_tables

    unit = page_unit(page.tokens)
    tables = find_tables(page.tokens, unit) + find_transposed_tables(page.tokens, unit)
    sides = [letters_side(t.symbols) for t in tables]
    land, package = sides.count("land"), sides.count("package")
    return page_role([t.text for t in page.tokens], land_tables=land, package_tables=package)


def resolve_roles(given: Sequence[str], verdicts: Sequence[RoleVerdict]
                  ) -> Tuple[List[str], List[str]]:
    """(roles to read with, notes): a clear verdict wins over the hint; an unclear page
    keeps its hint, except that when the others are settled, an unclear page of a pair
    takes the role its partner leaves (package + ? -> land pattern)."""
    roles = list(given)
    notes = []
    for k, verdict in enumerate(verdicts):
        if verdict.role is not None and verdict.role != given[k]:
            roles[k] = verdict.role
            notes.append(f"image {k + 1} given as {given[k]} shows {verdict.describe()}: "
                         f"read as {verdict.role}")
    if len(roles) == 2:
        for k in (0, 1):
            other = roles[1 - k]
            if verdicts[k].role is None and verdicts[1 - k].role in (LAND, PACKAGE) \
                    and roles[k] == other:
                roles[k] = PACKAGE if other == LAND else LAND
                notes.append(f"image {k + 1} has no clear headings; read as {roles[k]} "
                             f"beside image {2 - k}'s {other}")
    return roles, notes
