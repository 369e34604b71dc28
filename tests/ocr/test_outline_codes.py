"""Outline codes instead of family names (issue 11, class 3): the family and, where the code
fixes it, the lead count, from typed data; a printed family name or count still wins."""

import pytest

from daemon.ocr.outline_codes import OUTLINE_CODES, outline_code
from daemon.ocr.package_text import detect_family, family_from_text, pin_count_from_text
from daemon.ocr.tokens import OcrToken


def tokens(*texts):
    return [OcrToken(text=t, box=(40, 40 + 60 * k, 600, 80 + 60 * k)) for k, t in
            enumerate(texts)]


@pytest.mark.parametrize("title, family, pins", [
    ("Case outline TO-236AB", "sot23", 3),
    ("Outline Drawing - SOT-666", "sot23", 6),  # Tech Public
    ("SOT-563F", "sot23", 6),
    ("Package: MO-178AA", "sot23", 5),
    ("MO178-AB (6 leads shown)", "sot23", 6),
    ("Outline conforms to JEDEC MS-012AA", "soic", 8),
    ("JEDEC MS-012 AC", "soic", 16),
    ("MO-187 BA", "msop", 10),
    ("TO-252AA", "dpak", 2),  # leads beside the tab: the middle one is cut
    ("TO252-5", "dpak", 5), ("TO-263-7", "dpak", 7),  # the count in the name (Rohm)
    ("D-PAK", "dpak", 2),
    ("TO-220AB", "to220", 3),
    ("DO-214AC (SMA)", "molded", 2),
    ("JEDEC MO-220 VGGD-8", "qfn", None),
    ("MO-229", "dfn", None),
    ("SC-88 / SOT-363", "sot23", 6),
    ("SC-74A", "sot23", 5), ("SOT753", "sot23", 5), ("SOT-25", "sot23", 5),
    ("SC-74", "sot23", 6), ("SOT457", "sot23", 6), ("SOT-26", "sot23", 6),
    ("SC-59", "sot23", 3),
    # family names makers glue or prefix: QSOP, TI's X2SON/VSON/USON, body-size DFN/QFN
    ("QSOP-16", "ssop", 16), ("X2SON-4", "son", 4), ("VSON-8", "son", 8),
    ("DFN2x2-6", "dfn", 6), ("QFN3x3-16", "qfn", 16), ("SO14", "soic", 14),
    # ZhongKe: the body size with a star for the times sign, spaced, then the count
    ("packaged in the form of QFN5 * 5-40L (P0.4T0.8)", "qfn", 40), ("QFN5*5-40L", "qfn", 40),
    ("TO263-5L", "dpak", 5), ("TFBGA-24", "bga", None), ("D2PAK", "dpak", None),
    # a small render loses the spaces: the count glued to the next word still counts
    ("Table66.LQFP48packagemechanicaldata", "qfp", 48), ("QFN3x3", "qfn", None),
    # ST's LQFP64 title in a 0.7-scale JPEG: the body size after a dash, "mm64pin" glued
    ("Figure71.LQFP64-10x10mm64pinlow-profile", "qfp", 64),
    ("Figure71.LQFP64-10 x10 mm64pin low-profile", "qfp", 64),
    ("S□T-23", "sot23", None),  # the O read as a box
    ("COMPLIANTTOJEDECSTANDARDSMS-O12-AA", "soic", 8),  # glued, and the 0 read as O
    ("JEDECMO-178AA", "sot23", 5),
    # GigaDevice glues the count to USON / WSON, OCR reads the O as 0 (no "PERSON 8")
    ("10.4. Package Us0N8 (4*4mm, 0.45mm thickness)", "son", 8), ("WSON8 (6*5mm)", "son", 8),
    # the count with L (leads) before the family: Richtek, many Asian makers
    ("W-Type 6L DFN 2x2 Package", "dfn", 6), ("8L SOP", "soic", 8), ("16L TSSOP", "tssop", 16),
    ("Figure 48: SOP2-16/300 mils", "soic", 16),  # Micron's SOP variant 2: not 2 pins
])
def test_codes_give_family_and_leads(title, family, pins):
    toks = tokens(title, "DIMENSIONS IN MILLIMETERS")
    assert detect_family(toks) == family
    assert pin_count_from_text(toks) == pins


def test_a_printed_family_and_count_win():
    toks = tokens("14-Lead TSSOP (MO-153)", "MS-012AA is not this page")
    assert detect_family(toks) == "tssop"
    assert pin_count_from_text(toks) == 14
    assert family_from_text("SOT-23-5 (MO-178AA)") == "sot23"


def test_no_code_no_guess():
    assert outline_code("MODEL 12345, TO BE CONFIRMED") is None
    assert family_from_text("PERSON 8") is None
    assert pin_count_from_text(tokens("Package outline", "Top view")) is None


def test_every_code_has_a_source_and_a_known_family():
    from schemas.reading import FAMILIES

    for code in OUTLINE_CODES:
        assert code.source and code.family in FAMILIES


def test_the_t_of_sot_read_as_a_one():
    from daemon.ocr.package_text import family_from_text

    assert family_from_text("SO1-223-3L") == "sot223"  # UMW at about 100 dpi
    assert family_from_text("SO1-23-5") == "sot23"
    assert family_from_text("SO14") == "soic"  # the 14-lead SO, no hyphen after it
