"""A package size the page states in words rather than draws.

Sensor and memory makers print the body in a sentence or a title: "Its dimensions are
2.5mm (±0.1 mm) x 2.0mm (±0.1mm) x 0.95mm (±0.05mm)" (Goertek), "2 x 2 x 0.9 mm LGA"
(Kionix), "USON8 (4*4mm, 0.45mm thickness)" (GigaDevice). Read as length x width [x
height] in mm, nominal, each value in a plausible range; the text must say mm (an inch
or a mil size reads otherwise). Only a fallback where no drawing gives the body.
"""

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from daemon.ocr.package_text import reading_order
from daemon.ocr.tokens import OcrToken

# a value, its unit and a bracketed tolerance after it: "2.5mm (±0.1 mm)", "2.0", "4"
_VALUE = r"(\d{1,2}(?:[.,]\d{1,3})?)\s?-?(MM)?\s?(?:\(\s?(?:±|\+/?-)\s?\d*[.,]?\d+\s?(?:MM)?\s?\))?"
# the times sign, with OCR's stray mark before it ("2.5mm (±0.1 mm)@x2.0mm")
_TIMES = r"\s?[^\w\s(]?\s?[X×*]\s?"
# not a part of a longer product ("8 x 6 x 4 x 2 mm" is no body)
_NOT_AFTER_TIMES = r"(?<![\d.X×*])(?<![X×*]\s)"
_NOT_BEFORE_TIMES = r"(?!\s?[X×*]\s?\d)"
_TRIPLE = re.compile(_NOT_AFTER_TIMES + _VALUE + (_TIMES + _VALUE) * 2 + _NOT_BEFORE_TIMES)
_PAIR = re.compile(_NOT_AFTER_TIMES + _VALUE + _TIMES + _VALUE + _NOT_BEFORE_TIMES)
# "0.45mm thickness", "0.9 mm high", "height 0.95 mm" beside a stated pair
_THICKNESS = re.compile(r"(\d(?:[.,]\d{1,3})?)\s?MM,?\s?(?:THICK|HIGH|HEIGHT)"
                        r"|(?:THICKNESS|HEIGHT)\s?:?\s?(\d(?:[.,]\d{1,3})?)\s?MM")

BODY_RANGE_MM = (0.5, 60.0)  # a side of a package body
HEIGHT_RANGE_MM = (0.1, 25.0)


@dataclass(frozen=True)
class StatedSize:
    length: float  # the longer side
    width: float
    height: Optional[float]
    text: str  # as printed, for the reviewer's note


def _mm(text: str) -> float:
    return float(text.replace(",", "."))


def _plausible(sides: Sequence[float], height: Optional[float]) -> bool:
    lo, hi = BODY_RANGE_MM
    if not all(lo <= s <= hi for s in sides):
        return False
    return height is None or (HEIGHT_RANGE_MM[0] <= height <= min(HEIGHT_RANGE_MM[1],
                                                                   max(sides)))


def _in_mm(m: "re.Match", text: str) -> bool:
    """The match's values carry mm, or mm follows it."""
    units = [u for u in m.groups()[1::2] if u] or [text[m.end():m.end() + 3].strip()]
    return units[0].startswith("MM")


def stated_size(tokens: Sequence[OcrToken]) -> Optional[StatedSize]:
    """The first plausible body size the page's text states in mm, or None."""
    text = " ".join(t.text for t in reading_order(tokens)).upper()
    for m in _TRIPLE.finditer(text):
        a, b, c = (_mm(m.group(i)) for i in (1, 3, 5))
        if _in_mm(m, text) and _plausible((a, b), c):
            return StatedSize(max(a, b), min(a, b), c, m.group(0).strip())
    for m in _PAIR.finditer(text):
        a, b = _mm(m.group(1)), _mm(m.group(3))
        thick = _THICKNESS.search(text[m.end():m.end() + 40])
        height = _mm(thick.group(1) or thick.group(2)) if thick else None
        if _in_mm(m, text) and _plausible((a, b), height):
            return StatedSize(max(a, b), min(a, b), height, m.group(0).strip())
    return None
