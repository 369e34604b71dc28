"""Makers' part-number schemes for connector series, as typed data (issue 11, class 7).

A connector page covers a whole series (2 to 16 circuits, 01 to 50 contacts a row) and
draws one generic variant; only the part's name says which. `B4B-XH-A` is a JST XH
header with 4 circuits; Harwin's `M50-3500542` is an Archer M50 (1.27 mm, two rows)
with 05 contacts a row. Each scheme names its series, the family and rows it builds as,
the series pitch, and where the count sits in the name. The page still gives the holes and
pads; the scheme gives the count (and the family and pitch where the page does not print
them), and the reading's notes say so.
"""

import re
from dataclasses import dataclass
from typing import Optional, Tuple


@dataclass(frozen=True)
class PartNumberScheme:
    maker: str
    series: str
    pattern: str  # on the upper-case name without spaces; group "n" is the count
    family: str
    pitch: float  # mm
    rows: int
    per_row: bool  # the count is per row (Harwin) rather than in all (JST circuits)
    source: str


def _jst(series: str, pitch: float) -> PartNumberScheme:
    # B4B-XH-A, S6B-PH-K, B2B-PH-SM4-TB: circuits before "B-" (B top entry, S side
    # entry); the crimp housings (PHR-4, XHP-4) are no board parts.
    return PartNumberScheme(
        "JST", f"{series} ({pitch:g} mm)",
        rf"(?<![A-Z0-9])[BS](?P<n>\d{{1,2}})B-{series}(?![A-Z])", "pin_header", pitch, 1,
        False, f"JST {series} catalogue: headers B/S + circuits + B-{series}-... (PH: "
               "B2B-PH-K-S ... B16B-PH-K-S, S2B-PH-SM4-TB)")


PART_NUMBER_SCHEMES: Tuple[PartNumberScheme, ...] = (
    _jst("PH", 2.0), _jst("XH", 2.5), _jst("EH", 2.5),
    PartNumberScheme(
        "Harwin", "Archer M50 (1.27 mm, two rows)",
        r"(?<![A-Z0-9])M50-?3\d0(?P<n>\d{2})\d{2}(?!\d)", "pin_header", 1.27, 2, True,
        "Harwin Archer M50 catalogue p.108: M50-3 X 0 XX 42, X the type (5 vertical PC "
        "tail, 6 vertical SMT, 9 horizontal), XX contacts per row 01-50"),
)


# A page that counts contacts or circuits as a variable: a series page.
_SERIES_WORDS = re.compile(r"NO\.?OF(?:CONTACTS|CIRCUITS|POSITIONS|POS\b|PINS?PERROW)|"
                           r"CONTACTSPERROW|NUMBEROFCIRCUITS|CIRCUITSNO")


def names_a_series(texts) -> bool:
    """The page counts contacts (circuits, positions) as a variable of its series."""
    return any(_SERIES_WORDS.search(re.sub(r"\s", "", t.upper())) for t in texts)


@dataclass(frozen=True)
class PartNumber:
    scheme: PartNumberScheme
    pins: int
    text: str  # the part of the name the scheme matched

    @property
    def why(self) -> str:
        per = " a row" if self.scheme.per_row else ""
        return (f"{self.scheme.maker} {self.scheme.series} by its part number {self.text}: "
                f"{self.pins // self.scheme.rows if self.scheme.per_row else self.pins}"
                f"{per}, {self.pins} pins")


_HEADER_GRID = re.compile(r"(?<![\d.])([12])X(\d{1,2})(?![\d.])")


def header_grid(hint: Optional[str]) -> Optional[Tuple[int, int]]:
    """(rows, contacts a row) a header hint spells as KiCad names them: "PinHeader_2x05",
    "header 1x8"; None without one."""
    if not hint or not re.search(r"HEADER|CONN|SOCKET", hint.upper()):
        return None
    m = _HEADER_GRID.search(re.sub(r"\s", "", hint.upper()))
    if not m or int(m.group(2)) < 1:
        return None
    return int(m.group(1)), int(m.group(2))


def parse_part_number(name: Optional[str]) -> Optional[PartNumber]:
    """The connector series and pin count a part name spells, or None."""
    if not name:
        return None
    text = re.sub(r"\s", "", name.upper())
    for scheme in PART_NUMBER_SCHEMES:
        m = re.search(scheme.pattern, text)
        if m:
            n = int(m.group("n"))
            if n < 1:
                continue
            pins = n * scheme.rows if scheme.per_row else n
            return PartNumber(scheme, pins, m.group(0))
    return None
