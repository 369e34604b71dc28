"""Package family, pin count and package code from a page's title and notes."""

import re
from typing import List, Optional, Sequence, Tuple

from daemon.ocr.layout import line_height, next_line_under, squash
from daemon.ocr.outline_codes import (
    jeita_code,
    jep95_designation,
    maker_package_number,
    outline_code,
)
from daemon.ocr.tokens import OcrToken

# (pattern over squashed upper-case text, family); first match in reading order wins.
FAMILY_PATTERNS: Tuple[Tuple[str, str], ...] = (
    (r"SOT-?223", "sot223"),
    # "ST-23": JSMICRO's SOT-23 title in a font whose O OCR drops.
    (r"T?SOT-?23|SC-?59|SC-?70|SC-?74|SC-?88|SOT-?323|SOT-?363|SOT-?26|SMALLOUTLINETRANSISTOR"
     r"|(?<![A-Z])ST-23(?!\d)", "sot23"),
    # Spelled out: "Thin Shrink Small Outline Package" (National), "Micro Small Outline".
    (r"TSSOP|THIN\s?SHRINK\s?SMALL\s?OUTLINE", "tssop"),
    (r"MSOP|VSSOP|(?:MICRO|MINI)\s?SMALL\s?OUTLINE", "msop"),
    (r"SSOP|QSOP|SHRINK\s?SMALL\s?OUTLINE", "ssop"),  # QSOP: JEDEC MO-137, 0.635 pitch
    # E/H/P-SOP: the exposed-pad (thermal) SOIC ("8引脚ESOP封装": no word boundary before
    # the CJK text that follows, so "not a letter" instead of \b)
    # "Small Outline Package", National's "S.O. Package" (after the shrink / thin / micro
    # spellings above, and after SMALL OUTLINE TRANSISTOR, SOT-23's).
    (r"SOIC|SO[LI1]C|SMALLOUTLINEINTEGRATEDCIRCUIT|\bSO-?(?:8|14|16|20|24|28)\b|(?<![A-Z])[EHP]?SOP(?:-?\d|"
     r"(?![A-Z]))|SMALL\s?OUTLINE\s?(?:PACKAGE|IC\b)|(?<![A-Z])S\.\s?O\.\s?PACKAGE",
     "soic"),
    # ST's UFQFPN / VFQFPN are no-lead quads: "QFP" inside them is not a quad flat pack.
    (r"[LT]?QFP(?!N)|QUADFLATPACK(?!,?NO)", "qfp"),
    (r"[VWUX]?DFN|DUALFLAT,?NO-?LEAD", "dfn"),
    (r"[VWUT]?QFN|[UV]?F?QFPN|LFCSP|QUADFLAT,?NO-?LEAD", "qfn"),
    # TI's VSON, WSON, USON, X2SON; GigaDevice's "USON8", "WSON8" glued to their counts.
    (r"\b(?:[VWU]|X2)?SON(?:\b|(?=\d{1,2}\b))", "son"),
    (r"D2PAK|DPAK|TO-?252|TO-?263", "dpak"), (r"BGA", "bga"),
    # "SDIP30", "DIP16" glued to their counts; "Dual-In-Line" with its hyphens.
    (r"(?:P|S|CER)?DIP(?:\b|(?=\d))|DUAL-?\s?IN-?\s?LINE", "dip"),
    (r"(?:MINI|MICRO)?-?MELF", "melf"),
    # NXP's SOD80 is the MiniMELF (outline_codes)
    (r"SOD-?(?!80C?\b)\d", "sod"),
    (r"TO-?220", "to220"), (r"(?<!\d)T[O0]-?(?:92|226)(?!\d)", "to92"),
    (r"PINHEADER|THROUGH-?HOLETYPE|WIRE-?TO-?BOARD|HEADER", "pin_header"),
    # EIA chip sizes only where the text says it is a size ("1812 Size", "0603 chip"), and
    # the chip parts' own names: a bare 2010 is as likely a year.
    # An MLCC is a multilayer ceramic chip capacitor; KEMET's sheets say "SMD Chip" and
    # "Chip Size: 0603".
    (r"(?<!\d)(?:0201|0402|0603|0805|1206|1210|1812|2010|2512)\)?(?:SIZE|CHIP|CASE)"
     r"|CHIP\s?(?:INDUCTOR|RESISTOR|CAPACITOR|COIL|BEAD|FERRITE|SIZE)|SMD\s?CHIP|\bMLCC\b",
     "chip"),
)

# Pin count printed with the family: "TSSOP-14", "SOT-23-5", "SOIC-8", "8-Lead", "14 PIN".
_COUNT_PATTERNS = (
    # (also glued to the body size's unit where a small render lost the spaces: ST's
    # "10x10mm64pin")
    r"(?:(?<![\w.])|(?<=MM))(\d{1,3})[- ]?(?:LEAD|PIN|TERMINAL|BALL)",
    # Chinese makers: "8引脚" (8 pins; OCR doubles the first glyph at times), "16脚"
    r"(?<![\d.])(\d{1,3})\s?(?:引+脚|管脚|脚)",
    # the count, L for leads, before the family: Richtek's "W-Type 6L DFN 2x2", "8L SOP"
    r"(?<![\w.])(\d{1,3})L\s?(?=[A-Z]{0,2}(?:DFN|QFN|SON|SOP|SOIC|SSOP|MSOP|DIP|QFP)\b)",
    # TI package designators, four digits: D0008A, PW0014A (not ST's drawing code P011C).
    r"\b(?:[A-Z]{1,3})(?=\d{4}[A-Z]\b)0{1,3}([1-9]\d{0,2})[A-Z]\b",
    # ST's "SO-8"; Micron's "SOP2-16" (its SOP variant 2, 16 leads)
    r"(?:TSSOP|MSOP|SSOP|SOIC|QFN|DFN|QFP|LQFP|TQFP|DIP|SOP\d?|SON|SOT-?23|SC-?70|LFCSP|"
    r"(?<![A-Z])SO)-(\d{1,3})(?!\d|\.)",
    # A TO outline then its lead count: "TO263-5L" (XLSEMI), "TO-220-5L". Four or more
    # only: makers' "-2L" and "-3L" of a DPAK differ on whether the cut middle lead or the
    # tab counts (the outline code's own count stands for those).
    r"\bT[O0]-?\d{2,3}(?:[A-Z]{1,2})?-([4-9]|1\d)L?\b",
    # Body size then count: "DFN2x2-6", "QFN3x3-16", "QFN5*5-40L" (Chinese makers; the
    # times sign an x or a star), "SO8" glued.
    r"\b[VWUX]?(?:DFN|QFN)\d(?:\.\d)?\s?[X*]\s?\d(?:\.\d)?-(\d{1,3})L?\b",
    r"(?<![A-Z])SO(\d{1,2})\b",
    # Body code then count: "DFN1006-2", "DFN2020-6" (1.0 x 0.6 mm, 2 pads).
    r"\b[VWUX]?DFN\d{4}-(\d{1,2})\b",
    # Glued: "LQFP48", "UFQFPN48", "SSOP24", "SOP-16L", "SOIC8E" (E for the exposed pad;
    # never SOT23 / SOT223), also to the next word where a small render loses the space
    # ("LQFP48PACKAGEMECHANICALDATA"), but not a body size ("QFN3X3").
    r"\b(?:[LTVWU]?QFP|[VWUX]?F?QFPN|[VWUX]?QFN|[VWUX]?DFN|T?SSOP|SOIC|SOP|PDIP|DIP|"
    r"HTSSOP|MSOP|[VWUX]?SON)(\d{1,3})(?:L|E|EP)?"
    # not Micron's "SOP2-16" (variant 2), but "LQFP64-10x10" (then the body size) counts
    r"(?!\d|\s?[X*]\s?\d|-\d(?![\d.]*\s?[X*]\s?\d))",
)
# Leads (beside the tab, for SOT-223 and DPAK) a family has when the page gives no count:
# a DPAK's middle lead is cut (TO-252AA, KiCad's TO-252-2), the tab its third pad.
FAMILY_DEFAULT_PINS = {"sot23": 3, "sot223": 3, "sod": 2, "chip": 2, "molded": 2, "melf": 2,
                       "dpak": 2, "to92": 3}


def reading_order(tokens: Sequence[OcrToken]) -> List[OcrToken]:
    return sorted((t for t in tokens if not t.vertical), key=lambda t: (round(t.cy / 40), t.cx))


# OCR reads a capital O between capitals as the digit 0 ("S0T-23", "S0IC", "TS0P"): no
# package name has a zero between two letters, so there it is the letter.
_ZERO_AS_O = re.compile(r"(?<=[A-Z])0(?=[A-Z])")


# ... and, in a small render, the O as a box ("S□T-23", JSMICRO at about 100 dpi).
_BOX_AS_O = re.compile(r"(?<=[A-Z])[□口](?=[A-Z-])")


# ... and the T as a 1 before the outline's number ("SO1-223-3L", UMW at about 100 dpi;
# "SO14" stays the 14-lead SO: no hyphen follows it).
_ONE_AS_T = re.compile(r"(?<![A-Z])(S[O0])1(?=-\d{2,3})")


def ocr_upper(text: str) -> str:
    """Upper-case text with OCR's 0-for-O inside words undone (for name matching only)."""
    text = _ONE_AS_T.sub(r"\1T", _BOX_AS_O.sub("O", text.upper()))
    return _ZERO_AS_O.sub("O", text)


def family_from_text(text: str) -> Optional[str]:
    """The family a text names, or the one its outline code implies (daemon.ocr.outline_codes:
    a JEITA name code SOL16-P-150-1.27A, TO-236AB, MO-178AA, DO-214AC ...) or its JEDEC
    descriptive designation (R-PDSO-G8)."""
    up = ocr_upper(text)
    coded = jeita_code(up) or maker_package_number(up)  # before the names they contain
    if coded is not None:
        return coded[0]
    for pattern, family in FAMILY_PATTERNS:
        if re.search(pattern, up):
            return family
    code = outline_code(up)
    if code is not None:
        return code.family
    designation = jep95_designation(up)
    return designation[0] if designation else None


# Names a user types as a package hint that are too short or too common to be read off a
# page as a family (a bare "SMA" is also a connector, a bare "0603" a date or a part number).
HINT_FAMILIES: Tuple[Tuple[str, str], ...] = (
    (r"SM[ABC][JF]?|DO-?214A[ABC]|DO-?221A[CD]", "molded"),
    (r"(?:0201|0402|0603|0805|1206|1210|1812|2010|2512)(?:M|METRIC)?", "chip"),
    (r"SOD-?\d{3}F?", "sod"),
)


# Packages a page may name that no ds2fp family builds: the reader says so and asks for the
# pads themselves instead of a package hint that could not help.
UNSUPPORTED_PACKAGES = re.compile(r"\bS[O0]T-?143\b|"
                                  r"\bS[O0]T-?89\b|\bD[O0]-?41\b|\bD[O0]-?35\b")


def unsupported_package(tokens: Sequence[OcrToken]) -> Optional[str]:
    """The first package name on the page that no family builds ("TO-92"), or None."""
    for tok in reading_order(tokens):
        m = UNSUPPORTED_PACKAGES.search(tok.text.upper())
        if m and len(tok.text) <= 90:
            return m.group(0)
    return None


def family_from_hint(hint: str) -> Optional[str]:
    """The family a package hint names: as on a page, or one of HINT_FAMILIES exactly."""
    family = family_from_text(hint) or family_from_text(squash(hint))
    if family:
        return family
    for pattern, name in HINT_FAMILIES:
        if re.fullmatch(pattern, squash(hint)):
            return name
    return None


_URL = re.compile(r"WWW\.|HTTPS?:|\.COM\b|\.CN\b|\.TW\b", re.I)


def _titled(text: str) -> Optional[str]:
    """The text to look for a family in: all of a short run; of a long one only a name
    before a colon at its start (NXP: "DHVQFN16: plastic dual in-line compatible ... quad
    flat package"), since notes paragraphs mention other packages. A web address names no
    package (Tech Public's www.sot23.com.tw heads its DFN pages)."""
    if _URL.search(text):
        return None
    if len(text) <= 90:
        return text
    head, colon, _ = text.partition(":")
    return head if colon and len(head) <= 24 else None


# A hint-only name (SMA, SMAF, 1206 ...) is read off the page where the same run says it is
# the package: "Mechanical Dimensions SMAF (Millimeters/Inches)", "Package: SMB", "SMA
# Package Outline" (SMC Diode Solutions, Diodes Inc., MDD).
_PACKAGE_WORDS = r"(?:DIMENSIONS?|PACKAGE|CASE|OUTLINE)"


def _hint_name_in_heading(text: str) -> Optional[str]:
    up = squash(ocr_upper(text))
    for pattern, family in HINT_FAMILIES:
        after = rf"{_PACKAGE_WORDS}:?\(?(?:{pattern})(?![A-Z0-9])"
        before = rf"(?<![A-Z0-9])(?:{pattern})\)?{_PACKAGE_WORDS}"
        if re.search(after, up) or re.search(before, up):
            return family
    return None


def detect_family(tokens: Sequence[OcrToken], hint: Optional[str] = None) -> Optional[str]:
    """The family named first on the page (titles come first), or the user's hint."""
    if hint:
        family = family_from_hint(hint)
        if family:
            return family
    best = None
    for tok in reading_order(tokens):
        text = _titled(tok.text)
        if text is None:
            continue
        for squashed in (text.upper(), squash(text)):
            family = family_from_text(squashed)
            if family:
                # A big title outranks a label somewhere in the drawing.
                score = tok.height * (2.0 if tok.cy < 400 else 1.0)
                if best is None or score > best[0] * 1.3:
                    best = (score, family)
                break
    if best is None:
        for tok in reading_order(tokens):
            text = _titled(tok.text)
            family = _hint_name_in_heading(text) if text else None
            if family:
                return family
    return None if best is None else best[1]


# A leaded package with an exposed (thermal) pad, as titles name it: "SOIC8E (EXPOSED
# PAD)", "ESOP-8", "HTSSOP", "TSSOP-EP", "PowerPAD", "thermal pad".
_EXPOSED_PAD = re.compile(r"EXPOSED(?:DIE)?PAD|THERMALPAD|POWERPAD|(?<![A-Z])(?:E|H|EM|HT)"
                          r"(?:SOP|SSOP|TSSOP|MSOP)|SOIC\d{0,3}E\b|(?:SOP|SOIC)\d{0,3}-?EP\b")


def names_exposed_pad(tokens: Sequence[OcrToken]) -> bool:
    """The page's title says the part has an exposed pad, or a label on the drawing does,
    read across its two lines ("THERMAL" over "PAD", TI's PowerPAD drawing)."""
    if any(_EXPOSED_PAD.search(squash(ocr_upper(text)))
           for tok in reading_order(tokens) for text in [_titled(tok.text)] if text):
        return True
    h = line_height(tokens)
    return any(_EXPOSED_PAD.search(squash(ocr_upper(f"{tok.text} {under.text}")))
               for tok in tokens for under in tokens
               if under is not tok and next_line_under(tok, under, h))


def pin_count_from_text(tokens: Sequence[OcrToken], hint: Optional[str] = None
                        ) -> Optional[int]:
    """Pins named in the title ("8-Lead", "TSSOP-14", "SOT-23-5") or in the hint."""
    texts = ([hint] if hint else []) + [text for t in reading_order(tokens)
                                        for text in [_titled(t.text)] if text]
    for text in texts:
        up = ocr_upper(text)
        coded = jeita_code(up) or maker_package_number(up)
        if coded is not None:
            return coded[1]
        for pattern in _COUNT_PATTERNS:
            m = re.search(pattern, up)
            if m:
                n = int(m.group(1))
                if 1 <= n <= 1024 and not (pattern.startswith("(?:") and "SOT" in m.group(0)
                                           and n == 23):
                    return n
    for text in texts:  # no count printed: one an outline code fixes (MS-012AA: 8)
        code = outline_code(text)
        if code is not None and code.pins is not None:
            return code.pins
        designation = jep95_designation(text)  # R-PDSO-G8: 8
        if designation:
            return designation[1]
    return None


def package_code(tokens: Sequence[OcrToken]) -> Optional[str]:
    """A package drawing code such as D0008A, CASE 948G, C04-123C."""
    for tok in reading_order(tokens):
        text = squash(tok.text)
        for pattern in (r"\b([A-Z]{1,3}\d{4}[A-Z])\b", r"CASE(\d{3}[A-Z]{1,2})",
                        r"(C04-\d{3,4}[A-Z]?)"):
            m = re.search(pattern, text)
            if m:
                code = m.group(1)
                return f"CASE {code}" if pattern.startswith("CASE") else code
    return None


_COUNT_MARK = re.compile(r"^(\d{1,3})\s*[xX]$")
_LEAD_WIDTH_MM = (0.15, 0.65)


def lead_count_from_marks(tokens: Sequence[OcrToken], h: float) -> Optional[int]:
    """A DIP drawing that prints no pin count still marks its lead width with the number of
    leads ("4x" beside 0.024 [0.60] / 0.020 [0.51]: Vishay's HVM DIP). The largest such mark
    beside a lead-width value, even and at least 4, or None."""
    from daemon.ocr.dual_units import one_unit
    from daemon.ocr.numbers import parse_values

    widths = []
    for tok in tokens:
        values = one_unit(parse_values(tok.text))
        if any(_LEAD_WIDTH_MM[0] <= v.value <= _LEAD_WIDTH_MM[1] for v in values):
            widths.append(tok)
    counts = []
    for tok in tokens:
        m = _COUNT_MARK.match(tok.text.strip())
        if not m:
            continue
        if any(abs(w.cy - tok.cy) <= 1.5 * h and
               min(abs(w.box[2] - tok.box[0]), abs(tok.box[2] - w.box[0])) <= 6 * h
               for w in widths):
            counts.append(int(m.group(1)))
    best = max(counts, default=None)
    return best if best is not None and best >= 4 and best % 2 == 0 else None


# A pin-out's label: a pin number beside its signal name, either side ("6 SDA", "SCL 2",
# "5INT", "GND 3"). Words that are units, limits or the pin-1 mark name no signal.
_PINOUT_LABEL = re.compile(r"^(?:(\d{1,2})\s*([A-Z][A-Z0-9/_#+-]{1,7})|"
                           r"([A-Z][A-Z0-9/_#+-]{1,7})\s+(\d{1,2}))$")
_NOT_SIGNALS = {"PIN", "PINS", "MAX", "MIN", "TYP", "NOM", "REF", "BSC", "MM", "INCH",
                "MIL", "MILS", "NOTE", "NOTES", "PLCS", "PLACES", "X", "DEG", "SEE", "DETAIL",
                "VIEW", "FIG", "FIGURE", "TABLE", "PAGE", "REV", "SECTION", "LEADS", "PADS"}


def pins_from_pinout(tokens: Sequence[OcrToken]) -> Optional[int]:
    """The pin count a pin-out drawing gives by numbering every pin beside its signal name
    (TAOS's "PIN OUT TOP VIEW": VDD 1, SCL 2, GND 3, 4 NC, 5 INT, 6 SDA): the largest
    number, where the labels name all of 1..n but at most one (OCR loses a digit now and
    then: the "1" beside VDD) and n is at least 3; else None."""
    numbers = set()
    for tok in tokens:
        m = _PINOUT_LABEL.match(tok.text.strip())
        if not m:
            continue
        number, name = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if name not in _NOT_SIGNALS and not name.startswith("MS-"):
            numbers.add(int(number))
    if not numbers:
        return None
    n = max(numbers)
    missing = set(range(1, n + 1)) - numbers
    return n if n >= 3 and len(missing) <= 1 and len(numbers) >= 3 else None


def named_outline_code(tokens: Sequence[OcrToken]):
    """The JEDEC or EIAJ outline code the page's titles print (OutlineCode), or None: what
    the notes cite when the family came from it."""
    for tok in reading_order(tokens):
        text = _titled(tok.text)
        code = outline_code(text) if text else None
        if code is not None:
            return code
    return None
