"""Numbers as datasheets print them, taken out of OCR text runs.

Handles what real pages do: leading-dot inches (`.061`), decimal commas (`0,50`), spaced
digits of wide drawing fonts (`2. 02`), count multipliers (`8X (.061)`, `14X`, `(X8)`),
dual units (`.228-.244 [5.80-6.19]`), ranges, `±` and `+a/-b` tolerances, qualifiers
(`BSC`, `REF`, `TYP`, `MIN`, `MAX`), diameter and radius marks (`Ø0.65`, `R.002`) and words
glued to numbers (`0.50BSC`, `SCALE:8X`). Nothing here guesses a unit.
"""

import re
from dataclasses import dataclass, replace
from typing import Dict, List, Optional

QUALIFIERS = ("BSC", "REF", "TYP", "MAX", "MIN", "NOM")

_DIAMETER = "ØøΦφ⌀Ф"
_TRANSLATE = str.maketrans({"×": "x", "Х": "X", "х": "x", "，": ",", "－": "-", "–": "-",
                            "—": "-", "〜": "~", "～": "~", "（": "(", "）": ")", "［": "[",
                            "］": "]", "。": ".", "·": ".",
                            # Greek letters OCR puts for Latin ones of the same shape
                            # (JSMICRO's "1.30Mαx"); never μ, a micrometre's mark
                            "α": "a", "Α": "A", "Β": "B", "Ε": "E", "Μ": "M", "Ν": "N",
                            "Ι": "I", "Ο": "O", "ο": "o", "Ρ": "P", "Τ": "T", "Χ": "X"})

_NUM = r"(?:\d+\.\d+|\d*\.\d+|\d+)"
_LEFT = r"(?<![\d.A-QS-WYZa-wyz])"  # not glued to digits or words (R, X allowed)
_RANGE = re.compile(rf"{_LEFT}({_NUM})\s*(?:-|~|to)\s*({_NUM})(?![\d.])")
_PLUSMINUS = re.compile(rf"({_NUM})\s*±\s*({_NUM})")
_PLUS_MINUS = re.compile(rf"({_NUM})\s*\+\s*({_NUM})(?:\s*/?\s*-\s*({_NUM}))?")
_MULT_BEFORE = re.compile(r"(?<![\w.])(\d{1,3})\s*[xX](?=[\s(\[.\dØ]|$)")
# A hole's count written after it: "Ø0.9x2" (Kingbright's PCB layout), "Ø1.0 X4".
_MULT_AFTER_HOLE = re.compile(r"Ø\s*\d*\.?\d+\s*[xX]\s*(\d{1,2})\s*$")
_MULT_PAREN = re.compile(r"\(\s*[xX]\s*(\d{1,3})\s*\)")
# A count in words: "4 holes" (C&K's PCB layout, over its "Ø1.3"), "2 PLCS", "4 places".
_MULT_WORD = re.compile(r"(?<![\w.])(\d{1,3})\s*(?:HOLES?|PLCS?|PLACES|PCS)\b\.?", re.I)
# Counts as Asian drawings print them: "12-0.30", "2-Ø0.65" (never a range: 12 > 0.30).
_MULT_DASH = re.compile(r"(?<![\w.\-])([1-9]\d?)\s*-\s*(?=Ø|\d*\.\d)")
# A pitch chain: "2.54*4=10.16" (Wayjun's displays), "2.54x4=10.16": a pitch, the count of
# pitches and the span they make; the count is no size.
_CHAIN = re.compile(r"(\d*\.\d+)\s*[*xX]\s*(\d{1,2})\s*=\s*(\d*\.\d+)")
_NUMBER = re.compile(rf"{_LEFT}{_NUM}")


@dataclass(frozen=True)
class PrintedValue:
    """One dimension as printed: a value, or a range min..max, with what surrounded it."""

    value: float  # the nominal (or the middle of a range)
    lo: Optional[float] = None  # range or tolerance lower bound
    hi: Optional[float] = None
    multiplier: Optional[int] = None  # "8X" in front
    bracket: bool = False  # inside [ ]: the second unit on dual-dimensioned drawings
    paren: bool = False  # inside ( ): a reference dimension
    qualifier: Optional[str] = None  # BSC / REF / TYP / MAX / MIN / NOM
    diameter: bool = False
    radius: bool = False
    degrees: bool = False
    text: str = ""
    tolerance: bool = False  # lo/hi come from "±t" or "+a/-b", not from a range
    unit: Optional[str] = None  # the unit marked on the number itself: 'inch' (0.260"), 'mm'

    @property
    def is_range(self) -> bool:
        return self.lo is not None and self.hi is not None and not self.tolerance


def normalise(text: str) -> str:
    """One spelling for the many ways OCR returns the same printed characters."""
    text = text.translate(_TRANSLATE)
    # Typed plus-minus ("1.6mm +/-0.15mm", KEMET's web sheets): one sign, units dropped.
    text = re.sub(r"(\d)\s*mm(?=\s*(?:\+/?-|±))", r"\1", text, flags=re.I)
    text = re.sub(r"\+\s*/\s*-", "±", text)
    text = re.sub(r"(±\s*\d*\.?\d+)\s*mm\b", r"\1", text, flags=re.I)
    # A small render's ± read as "=" ("7.62=0.3"): a size, then a smaller tolerance under
    # one; not a chain's "2.54*4=10.16", whose = follows a count.
    if not re.search(r"[*xX×]", text):
        text = _EQUALS_AS_PLUSMINUS.sub(_plus_minus_restored, text)
    # Letters OCR confuses with digits, only where they sit inside a number: "O.50", "1.O5".
    text = re.sub(r"(?<=\d\.)[Oo]|(?<=\d)[Oo](?=\d)|(?<![A-Za-z])[Oo](?=\.\d)", "0", text)
    text = re.sub(r"(?<=\d\.)[lI]|(?<=\d)[lI](?=\.?\d)", "1", text)
    for ch in _DIAMETER:
        text = text.replace(ch, "Ø")
    # A diameter in words: "Dia. 1.0", "DIA 0.8" (TE, Molex), "1.0 DIA." after the size
    text = re.sub(r"\bDIA(?:METER)?\.?\s*(?=\d|\.\d)", "Ø", text, flags=re.I)
    text = re.sub(r"(?<![\d.])(\d*\.?\d+)\s*DIA(?:METER)?\b\.?", r"Ø\1", text, flags=re.I)
    # OCR reads a diameter mark as a zero: "00.65" is "Ø0.65" (no drawing prints "00.65").
    text = re.sub(r"(?<![\d.])0(?=0\.\d)|(?<![A-Za-z\d.])[Oo](?=\d+\.\d)", "Ø", text)
    # ... and before a size of 1 or more: "03.50", "4x01.0" are Ø3.50 and 4xØ1.0 (no
    # drawing writes a leading zero before such a size).
    text = re.sub(r"(?<![\d.,])0(?=[1-9]\d?\.\d)", "Ø", text)
    # ... and apart from the size it marks: "Ø 0.6" read "0 0.6" (a run never starts with
    # a lone zero before a size).
    text = re.sub(r"^\s*[0O]\s+(?=\d*\.\d)", "Ø", text)
    # ... or as a question mark, the glyph it did not know: "?0.231" (MEMSIC's "Ø0.23").
    text = re.sub(r"(?<![\w.?])\?(?=\d*\.\d)", "Ø", text)
    # Spaced digits of wide drawing fonts: "2. 02" -> "2.02", "0 .6" -> "0.6".
    text = re.sub(r"(\d)\s*\.\s+(\d)", r"\1.\2", text)
    text = re.sub(r"(\d)\s+\.(\d)", r"\1.\2", text)
    # A chain of sizes read with its dimension line: "1.,25_.1.25_..1.25" (MEAS's three
    # turned 1,25 pitches) is 1.25 three times: an underscore between numbers is the line,
    # a point and a comma together one decimal mark, points before a decimal stray ink.
    text = re.sub(r"(?<=[\d.])_+|_+(?=[\d.])", " ", text)
    text = re.sub(r"(?<=\d)(?:\.,|,\.)(?=\d)", ".", text)
    text = re.sub(r"(?<![\d.])\.+(?=\d+\.\d)", "", text)
    # Two decimals OCR glued into one run: "9.9010.10" is 9.90 and 10.10, "3.904.10" is
    # 3.90 and 4.10 (one number never has two points; the first takes the second's decimals).
    text = _split_glued(text)
    # A range whose one end lost its decimal point in a small render ("6.48-673",
    # "523-5.44", "0035-0.045"): the point goes where the other end has it, when both have
    # as many digits and the range then runs upwards by under half its low end.
    text = _POINT_LOST.sub(_point_restored, text)
    # Decimal comma "0,50" (but not a thousands separator "1,000").
    text = re.sub(r"(?<![\d,])(\d{1,3}),(\d{1,2})(?!\d)", r"\1.\2", text)
    text = re.sub(r"(?<![\d,])0,(\d+)", r"0.\1", text)
    return text


_EQUALS_AS_PLUSMINUS = re.compile(r"(?<![\d.])(\d+\.\d+)\s*=\s*(0?\.\d+)(?![\d.])")


def _plus_minus_restored(m) -> str:
    return f"{m.group(1)}±{m.group(2)}" if float(m.group(2)) < float(m.group(1)) \
        else m.group(0)


_GLUED = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d+){2,}(?![\d.])")
_POINT_LOST = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(?![\d.])")


def _point_restored(m) -> str:
    a, b = m.group(1), m.group(2)
    if ("." in a) == ("." in b):
        return m.group(0)
    whole, bare = (a, b) if "." in a else (b, a)
    if len(whole) - 1 != len(bare):
        return m.group(0)
    cut = whole.index(".")
    fixed = f"{bare[:cut]}.{bare[cut:]}"
    lo, hi = (whole, fixed) if "." in a else (fixed, whole)
    if not 0 < float(lo) < float(hi) <= 1.5 * float(lo):
        return m.group(0)
    return f"{lo}-{hi}"


def _split_glued(text: str) -> str:
    """Decimals OCR glued into one run ("9.9010.10", "1.40.81.4" of a 1.4 | 0.8 | 1.4
    chain): every number takes the last one's count of decimals."""
    def split(m):
        parts = m.group(0).split(".")
        k = len(parts[-1])
        if any(len(mid) <= k for mid in parts[1:-1]):
            return m.group(0)
        out, whole = [], parts[0]
        for mid in parts[1:-1]:
            out.append(f"{whole}.{mid[:k]}")
            whole = mid[k:]
        out.append(f"{whole}.{parts[-1]}")
        return " ".join(out)
    return _GLUED.sub(split, text)


def _qualifier(text: str) -> Optional[str]:
    upper = text.upper()
    for q in QUALIFIERS:
        if q in upper:
            return q
    # Thin drawing fonts: OCR reads TI's "Max" as "Mox" / "M0x".
    if re.search(r"(?<![A-Z])M[O0]X(?![A-Z])", upper):
        return "MAX"
    return None


_INCH_MARK = re.compile(r"\d\s*(?:\"|”|″|''|inch)", re.I)
_MM_MARK = re.compile(r"\d\s*mm\b", re.I)


def marked_unit(text: str) -> Optional[str]:
    """The unit a text run marks on its numbers (Linx: 0.260" beside a drawing in 6.5mm):
    'inch' or 'mm' where the run marks one and only one, else None (no mark is no unit)."""
    inch, mm = bool(_INCH_MARK.search(text)), bool(_MM_MARK.search(text))
    return "inch" if inch and not mm else "mm" if mm and not inch else None


def in_mm(v: PrintedValue) -> PrintedValue:
    """A number marked in inches as millimetres (its printed text kept); others as they are."""
    if v.unit != "inch":
        return v

    def mm(x: Optional[float]) -> Optional[float]:
        return None if x is None else round(x * 25.4, 4)

    return replace(v, value=mm(v.value), lo=mm(v.lo), hi=mm(v.hi), unit="mm")


def parse_values(text: str) -> List[PrintedValue]:
    """Every dimension-like number in one OCR text run, left to right; a run that marks
    its unit (0.260", 6.5mm) gives it to each number outside brackets."""
    out = _parse_values(text)
    unit = marked_unit(text)
    return [replace(v, unit=unit) if unit and not v.bracket else v for v in out]


def _parse_values(text: str) -> List[PrintedValue]:
    text = normalise(text)
    text = _CHAIN.sub(lambda m: f"{m.group(1)} {m.group(3)}", text)  # the count is no size
    out: List[PrintedValue] = []
    qualifier = _qualifier(text)
    mult: Optional[int] = None
    m = _MULT_BEFORE.search(text)
    if m:
        mult = int(m.group(1))
    m = _MULT_PAREN.search(text)
    if m:
        mult = int(m.group(1))
    m = _MULT_AFTER_HOLE.search(text)
    if m and mult is None:
        mult = int(m.group(1))
        text = text[:m.start(1)] + " " * len(m.group(1))  # the count is not a dimension
    m = _MULT_WORD.search(text)
    if m and mult is None:
        mult = int(m.group(1))
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    dash = _MULT_DASH.match(text.strip())
    if dash and mult is None:
        text = text.strip()
        mult = int(dash.group(1))
        text = " " * dash.end() + text[dash.end():]  # the count is not a dimension
    taken: List[tuple] = []

    def free(span) -> bool:
        return all(span[1] <= a or span[0] >= b for a, b in taken)

    def context(start: int, end: int):
        before = text[:start].rstrip()
        after = text[end:].lstrip()
        bracket = before.endswith("[") or ("[" in before and "]" in after)
        paren = before.endswith("(") and not before.endswith("X(")
        diameter = before.endswith("Ø")
        radius = bool(re.search(r"R\s*$", before))
        degrees = after.startswith("°") or after.startswith("º")
        return bracket, paren, diameter, radius, degrees

    for rx, kind in ((_PLUSMINUS, "pm"), (_PLUS_MINUS, "plus"), (_RANGE, "range")):
        for m in rx.finditer(text):
            if not free(m.span()):
                continue
            a = float(m.group(1))
            b = float(m.group(2))
            if kind == "pm":
                lo, hi, val = a - b, a + b, a
                if b >= a:
                    # No size is toleranced by more than itself: OCR's reading of a small
                    # tolerance ("4.58 ±0.20" read turned as "4.58 ±8"). The value stands.
                    bracket, paren, diameter, radius, degrees = context(*m.span())
                    out.append(PrintedValue(a, None, None, mult, bracket, paren, qualifier,
                                            diameter, radius, degrees, m.group(1)))
                    taken.append(m.span())
                    continue
            elif kind == "plus":
                c = m.group(3)
                lo = a - float(c) if c else None
                hi, val = a + b, a
            else:
                g1, g2 = m.group(1), m.group(2)
                # A range joins two decimals of the same kind ("0.20-0.30", ".228-.244");
                # "C04-123" or "SOT-23" are names, not ranges.
                if "." in g1 and "." in g2 and b <= 0.25 * a and "-" in m.group(0):
                    # "6.5-0.5": no range runs downwards; a size and its minus tolerance
                    # (a small render's ± read as -, or "6.5 -0.5" as printed): read as
                    # printed, 6.0 to 6.5, the nominal standing.
                    bracket, paren, diameter, radius, degrees = context(*m.span())
                    out.append(PrintedValue(a, round(a - b, 6), a, mult, bracket, paren,
                                            qualifier, diameter, radius, degrees, m.group(0),
                                            tolerance=True))
                    taken.append(m.span())
                    continue
                if "." not in g1 or "." not in g2 or a > b:
                    continue
                if 0 < a < 0.1 * b:
                    # No printed limit pair spans ten times its minimum: OCR's reading of
                    # a minus tolerance ("0.15 -0.023" as 0.15-8.023). Neither is a size.
                    taken.append(m.span())
                    continue
                lo, hi, val = a, b, (a + b) / 2.0
            bracket, paren, diameter, radius, degrees = context(*m.span())
            out.append(PrintedValue(round(val, 6), None if lo is None else round(lo, 6),
                                    round(hi, 6), mult, bracket, paren, qualifier, diameter,
                                    radius, degrees, m.group(0), tolerance=kind != "range"))
            taken.append(m.span())
    for m in _NUMBER.finditer(text):
        if not free(m.span()):
            continue
        start, end = m.span()
        # The count in "8X", "(X8)" or "SCALE:8X" is not a dimension.
        after = text[end:]
        if re.match(r"\s*[xX](?![a-wyzA-WYZ])", after) and "." not in m.group(0):
            continue
        if re.search(r"[xX]\s*$", text[:start]) and text[:start].rstrip().endswith(("(X", "(x")):
            continue
        bracket, paren, diameter, radius, degrees = context(start, end)
        out.append(PrintedValue(float(m.group(0)), None, None, mult, bracket, paren,
                                qualifier, diameter, radius, degrees, m.group(0)))
        taken.append(m.span())
    out.sort(key=lambda v: text.find(v.text))
    return out


def count_of(text: str) -> Optional[int]:
    """The count a callout prints before its value (`8x 0.30`, `12-0.30`, `(X8)`), or None."""
    return next((v.multiplier for v in parse_values(text) if v.multiplier), None)


def pitch_chain(text: str) -> Optional[tuple]:
    """(pitch, pitches, span) of a chain "2.54*4=10.16" whose product holds (within 1 %),
    or None."""
    m = _CHAIN.search(normalise(text))
    if m is None:
        return None
    pitch, count, span = float(m.group(1)), int(m.group(2)), float(m.group(3))
    if count < 1 or abs(pitch * count - span) > 0.01 * span:
        return None
    return pitch, count, span


def lone_multiplier(text: str) -> Optional[int]:
    """`14X` or `4 holes` printed on its own line above the value it counts."""
    text = normalise(text)
    m = re.fullmatch(r"\s*(\d{1,3})\s*[xX]\s*", text) or _MULT_WORD.fullmatch(text.strip())
    return int(m.group(1)) if m else None


def all_numbers(text: str) -> List[float]:
    """Every number in `text` (range ends and tolerance bounds included), for grounding."""
    found = []
    for v in parse_values(text):
        found.append(v.value)
        found += [b for b in (v.lo, v.hi) if b is not None]
    return found


def toleranced(values: Dict[str, float], source: str):
    """A Toleranced of these limits and source, or None where they are inconsistent."""
    from schemas.toleranced import Toleranced

    try:
        return Toleranced(min=values.get("min"), nom=values.get("nom"), max=values.get("max"),
                          source=source)
    except ValueError:
        return None


def toleranced_from_printed(v: PrintedValue, source: str):
    """The printed value as a Toleranced: a range's limits, a tolerance's three values, a
    MAX or MIN alone, else the nominal."""
    if v.is_range:
        return toleranced({"min": v.lo, "max": v.hi}, source)
    if v.hi is not None:  # tolerance: nom +hi [-lo]
        return toleranced({"min": v.lo, "nom": v.value, "max": v.hi}, source)
    if v.qualifier == "MAX":
        return toleranced({"max": v.value}, source)
    if v.qualifier == "MIN":
        return toleranced({"min": v.value}, source)
    return toleranced({"nom": v.value}, source)
