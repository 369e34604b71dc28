"""One length printed twice, in millimetres and inches: keep the millimetres.

Makers print both units in many layouts: `2.820(0.111)` (mm, inch in parentheses),
`0.067 (1.70)` (inch, mm in parentheses), `3.600/0.142` under a "(mm)/(inch)" title, and
onsemi's footprints with the inch value stacked under the millimetre one (`0.91` over
`0.036`, legend "mm / inches"). Two numbers are one length when their ratio is 25.4 within
the rounding of the shorter one; the brackets of `.228-.244 [5.80-6.19]` are handled where
callouts are collected (daemon.ocr.callouts). Nothing here guesses: a pair whose ratio is not
25.4 is two lengths.
"""

from dataclasses import replace
from typing import List, Optional, Sequence

from daemon.ocr.numbers import PrintedValue

MM_PER_INCH = 25.4


def _decimals(v: PrintedValue) -> int:
    text = v.text.split("-")[0].split("~")[0]
    return len(text.split(".")[1]) if "." in text else 0


def same_length(mm: PrintedValue, inch: PrintedValue) -> bool:
    """`mm` and `inch` print one length: inch x 25.4 is mm within the inch value's rounding
    (half a unit of its last printed digit, plus 1 %)."""
    if mm.value <= 0 or inch.value <= 0 or mm.is_range != inch.is_range:
        return False
    step = 0.5 * 10.0 ** -max(_decimals(inch), 2)
    for a, b in ((mm.lo, inch.lo), (mm.hi, inch.hi)) if mm.is_range else ((mm.value,
                                                                             inch.value),):
        if a is None or b is None:
            return False
        if abs(a - b * MM_PER_INCH) > step * MM_PER_INCH + 0.01 * a + 0.011:
            return False
    return True


def mm_of_pair(a: PrintedValue, b: PrintedValue) -> Optional[PrintedValue]:
    """The millimetre value of a dual-unit pair (either order), or None if not a pair. The
    kept value loses the parentheses of its twin's layout (they mark the other unit here,
    not a reference dimension), keeps its brackets (dual-dimensioned drawings bracket the
    millimetres) and takes the count and qualifier of either."""
    for mm, inch in ((a, b), (b, a)):
        if mm.value > inch.value and same_length(mm, inch):
            return replace(mm, paren=False,
                           multiplier=mm.multiplier or inch.multiplier,
                           qualifier=mm.qualifier or inch.qualifier,
                           diameter=mm.diameter or inch.diameter)
    return None


def one_unit(values: Sequence[PrintedValue]) -> List[PrintedValue]:
    """The values of one text run with dual-unit pairs reduced to their mm value: each two
    neighbours that are one length (OCR glues runs: "0.103(2.62)0.213(5.40)" is two)."""
    values = list(values)
    out: List[PrintedValue] = []
    i = 0
    while i < len(values):
        mm = mm_of_pair(values[i], values[i + 1]) if i + 1 < len(values) else None
        if mm is not None:
            out.append(mm)
            i += 2
        else:
            out.append(values[i])
            i += 1
    return out
