"""MELF bodies: their names and outline codes, a pad-layout table of one Typ. column per
unit, the package letters of a MELF table, and the two-pad table read by its sums."""

import pytest

from daemon.ocr.package_text import family_from_text, pin_count_from_text
from daemon.ocr.reading import OcrInput, parse
from daemon.ocr.tables import find_tables
from daemon.ocr.tokens import OcrPage, OcrToken
from daemon.readers.base import ReadHints
from footprint_writer.builder import build_footprint


def _tok(text, x0, y0, x1, y1):
    return OcrToken(text, (x0, y0, x1, y1))


# Taiwan Semiconductor's BZV55 page (LL-34) as OCR reads it at 130 dpi: the package outline
# table (Min / Max per unit) and the suggested pad layout (one Typ. column per unit).
PACKAGE = [_tok("Unit (mm)", 722, 79, 809, 100), _tok("Unit (inch)", 859, 78, 952, 100),
           _tok("DIM.", 640, 93, 683, 113), _tok("Min", 713, 106, 750, 130),
           _tok("Max", 782, 108, 822, 129), _tok("Min", 854, 107, 889, 129),
           _tok("Max", 920, 106, 962, 131)]
for k, (sym, a, b, c, d) in enumerate([("A", "3.30", "3.70", "0.130", "0.146"),
                                       ("B", "1.40", "1.60", "0.055", "0.063"),
                                       ("C", "0.20", "0.50", "0.008", "0.020")]):
    y = 135 + 28 * k
    PACKAGE += [_tok(sym, 652, y, 670, y + 22), _tok(a, 709, y, 749, y + 21),
                _tok(b, 779, y, 819, y + 21), _tok(c, 844, y, 894, y + 21),
                _tok(d, 914, y, 963, y + 21)]
LAYOUT = [_tok("SUGGEST PAD LAYOUT", 67, 335, 324, 353), _tok("Unit (mm)", 721, 393, 810, 418),
          _tok("Unit (inch)", 860, 394, 951, 417), _tok("DIM.", 639, 407, 682, 429),
          _tok("Typ.", 744, 422, 789, 447), _tok("Typ.", 884, 422, 929, 447)]
for k, (sym, mm, inch) in enumerate([("A", "1.25", "0.049"), ("B", "2.00", "0.079"),
                                     ("C", "2.50", "0.098"), ("D", "5.00", "0.197")]):
    y = 452 + 28 * k
    LAYOUT += [_tok(sym, 652, y, 670, y + 22), _tok(mm, 743, y, 784, y + 22),
               _tok(inch, 878, y, 928, y + 22)]


@pytest.mark.parametrize("text", ["MiniMELF", "MELF", "LL-34", "LL41", "SOD-80C",
                                  "DO-213AA", "Micro-MELF"])
def test_melf_names_and_codes(text):
    assert family_from_text(text) == "melf"


def test_a_typ_column_per_unit_is_a_table_of_nominals():
    tables = find_tables(PACKAGE + LAYOUT)
    layout = next(t for t in tables if len(t.rows) == 4)
    assert layout.unit == "mm"
    assert [(r.symbol, r.values) for r in layout.rows] == [
        ("A", {"nom": 1.25}), ("B", {"nom": 2.0}), ("C", {"nom": 2.5}), ("D", {"nom": 5.0})]


def test_one_typ_column_under_one_unit_is_no_table():
    """A lone Typ. title (a characteristics table's) makes no dimension table."""
    header = [_tok("Unit (mm)", 721, 393, 810, 418), _tok("Typ.", 744, 422, 789, 447),
              _tok("A", 652, 452, 670, 474), _tok("1.25", 743, 451, 784, 474)]
    assert find_tables(header) == []


def test_melf_page_reads_its_letters_and_its_pad_table_by_sums():
    """With the family given (the crop left the LL34 of the ordering table out): A is the
    length, B the diameter, C the end cap; the pad table's A, B, C, D fit only as pad 1.25,
    pad width 2.00, gap 2.50 and overall 5.00 (C = 3.75 between the pads' centres)."""
    page = OcrPage(PACKAGE + LAYOUT, 1237, 689, "bzv55")
    reading = parse([OcrInput(page, "both")], ReadHints(package_hint="LL-34"))
    assert reading.family == "melf" and reading.pin_count == 2
    assert (reading.body_length.min, reading.body_length.max) == (3.3, 3.7)
    assert (reading.body_width.min, reading.body_width.max) == (1.4, 1.6)
    assert reading.height is None
    spec = build_footprint(reading)
    p1, p2 = spec.pads
    assert (p1.size_x, p1.size_y) == (1.25, 2.0) and p2.x - p1.x == 3.75
    assert spec.body.height == 1.5
    assert pin_count_from_text([_tok("LL-34", 0, 0, 50, 20)]) == 2  # the outline code's
