"""The table parser and the OCR reader on pages ds2fp renders itself, with known values."""

import pytest

from daemon.ocr.tables import find_tables, page_unit
from daemon.readers.base import PageImage, ReadHints
from daemon.readers.ocr_reader import OcrInput, OcrReader, parse


def _rows(page):
    (table,) = find_tables(page.tokens, page_unit(page.tokens))
    return table, {r.symbol: r for r in table.rows}


def test_mm_table_values(ocr_pages):
    table, rows = _rows(ocr_pages["soic_table"])
    assert table.unit == "mm"
    assert rows["N"].values == {"nom": 8.0}
    assert rows["e"].values == {"nom": 1.27} and rows["e"].qualifier == "BSC"
    assert rows["A"].values == {"max": 1.75}
    assert rows["E"].values == {"min": 5.8, "nom": 6.0, "max": 6.2}
    assert rows["E1"].values == {"min": 3.8, "nom": 3.9, "max": 4.0}
    assert rows["b"].values == {"min": 0.31, "max": 0.51}


def test_inch_table_values(ocr_pages):
    table, rows = _rows(ocr_pages["soic_inch"])
    assert table.unit == "inch"
    assert rows["E"].values == {"min": 0.228, "nom": 0.236, "max": 0.244}
    assert rows["e"].values == {"nom": 0.05}


def test_two_unit_groups_letters_only(ocr_pages):
    """`Dim. | mm Min. Typ. Max. | inches Min. Typ. Max.`: the mm group is read, the inch
    group kept beside it, TYP is the nominal column."""
    table, rows = _rows(ocr_pages["soic_dual_units"])
    assert table.unit == "mm" and table.other_unit == "inch"
    assert rows["E"].values == {"min": 5.8, "nom": 6.0, "max": 6.2}
    assert rows["E"].other == {"min": 0.228, "nom": 0.236, "max": 0.244}
    assert rows["D"].values == {"min": 4.8, "nom": 4.9, "max": 5.0}
    assert rows["e"].values == {"nom": 1.27}


def test_reader_on_inch_page_keeps_inches(ocr_pages):
    reading = parse([OcrInput(ocr_pages["soic_inch"], "package")])
    assert reading.units == "inch" and reading.family == "soic" and reading.pin_count == 8
    assert reading.body_length.min == 0.189 and reading.body_length.max == 0.197
    assert reading.pitch.nom == 0.05


def test_reader_package_and_land_pages(ocr_pages, soic_reading):
    reading = parse([OcrInput(ocr_pages["soic_table"], "package"),
                     OcrInput(ocr_pages["soic_land"], "land_pattern")])
    assert reading.units == "mm" and reading.family == "soic" and reading.pin_count == 8
    for name in ("pitch", "height", "overall_width", "body_width", "body_length",
                 "lead_width", "lead_length"):
        got, want = getattr(reading, name), getattr(soic_reading, name)
        assert (got.min, got.nom, got.max) == (want.min, want.nom, want.max), name
    lp = reading.land_pattern
    assert lp.pitch.nom == 1.27 and lp.row_spacing.nom == 5.4
    assert lp.pad_width.max == 0.6 and lp.pad_length.max == 1.55
    assert lp.pad_width.source == "datasheet_table"


def test_bottom_view_no_lead_page(ocr_pages, dfn_reading):
    reading = parse([OcrInput(ocr_pages["dfn_bottom"], "package")])
    assert reading.family == "dfn" and reading.pin_count == 8 and reading.exposed_pad
    # No-lead parts: the table's "Overall Width E" is the body.
    assert reading.body_width.nom == 3.0 and reading.overall_width is None
    assert reading.exposed_pad_length.max == 1.55 and reading.exposed_pad_width.min == 1.5


def test_ocr_reader_end_to_end_uses_cached_engine(engine, rendered, ocr_pages):
    reader = OcrReader(engine=engine)
    pages = [PageImage(rendered["soic_table"], "package", "p.png"),
             PageImage(rendered["soic_land"], "land_pattern", "l.png")]
    reading = reader.read(pages, ReadHints())
    assert reading.land_pattern.row_spacing.nom == 5.4
    assert reader.info()["reader"] == "ocr" and reader.info()["loaded"]


def test_builder_accepts_the_ocr_reading(ocr_pages):
    builder = pytest.importorskip("footprint_writer.builder")
    reading = parse([OcrInput(ocr_pages["soic_table"], "package"),
                     OcrInput(ocr_pages["soic_land"], "land_pattern")])
    spec = builder.build_footprint(reading)
    signal = [p for p in spec.pads if p.role == "signal"]
    assert len(signal) == 8
    assert sorted((round(signal[0].size_x, 3), round(signal[0].size_y, 3))) == [0.6, 1.55]


@pytest.mark.parametrize("name", ["soic_callouts", "soic_dual"])
def test_land_pattern_callouts(ocr_pages, name):
    """`8X 0.60` style callouts, and TI's `8X (.024)` over `[0.6]`: counts give the pad
    sizes, N-2 the pitch, the largest plain value the row spacing; brackets are mm."""
    reading = parse([OcrInput(ocr_pages["soic_table"], "package"),
                     OcrInput(ocr_pages[name], "land_pattern")])
    assert reading.units == "mm"
    lp = reading.land_pattern
    assert lp.pad_width.nominal == 0.6 and lp.pad_length.nominal == 1.55
    assert lp.pitch.nominal == 1.27 and lp.row_spacing.nominal == 5.4
    assert lp.pad_width.source == "datasheet_drawing"


def test_vertical_callouts_need_the_rotated_pass(engine, rendered, ocr_pages):
    """Values written along vertical dimension lines: the upright pass misses them, the
    reader's rotated pass (mapped back to page coordinates) finds them."""
    reader = OcrReader(engine=engine)
    pages = [PageImage(rendered["soic_table"], "package", "p.png"),
             PageImage(rendered["soic_vertical"], "land_pattern", "v.png")]
    reading = reader.read(pages, ReadHints())
    lp = reading.land_pattern
    assert lp.pad_length.nominal == 1.55 and lp.row_spacing.nominal == 5.4
    # Grounding after this reader counts the vertical text it read as printed.
    report, _ = reader.grounder(pages, reading)
    assert report.not_found() == [], report.summary()
    # The rotated pass maps its boxes back onto the page: "5.40" sits left of the pads
    # (x about 300 of 1100) and halfway down the figure (y about 420 of 1400).
    found = [t for t in _rotated_tokens(reader, rendered) if "5.4" in t.text]
    assert found and all(t.vertical for t in found)
    assert 250 < found[0].cx < 360 and 330 < found[0].cy < 510, found[0].box
    assert found[0].height > found[0].width


def _rotated_tokens(reader, rendered):
    page = PageImage(rendered["soic_vertical"], "land_pattern", "v.png")
    image = page.image
    return reader._rotated(page)((0, 0, image.width, image.height))


def test_exposed_pad_callouts_oriented_by_the_package(ocr_pages):
    """A no-lead land pattern with callouts only: the exposed pad's two sides are told
    apart by the package table (E2 across the rows is the larger one here)."""
    reading = parse([OcrInput(ocr_pages["dfn_bottom"], "package"),
                     OcrInput(ocr_pages["dfn_callouts"], "land_pattern")])
    lp = reading.land_pattern
    assert (lp.pitch.nominal, lp.pad_width.nominal, lp.pad_length.nominal) == (0.5, 0.3, 0.75)
    assert lp.row_spacing.nominal == 2.9
    assert lp.exposed_pad_width.nominal == 1.75 and lp.exposed_pad_length.nominal == 1.45


def test_exposed_pad_left_out_without_orientation(ocr_pages):
    reading = parse([OcrInput(ocr_pages["dfn_callouts"], "land_pattern")])
    assert reading.land_pattern.exposed_pad_width is None
    assert "orientation unknown" in reading.notes


@pytest.mark.parametrize("text, unit", [
    ("(mm)/(inch)", "mm"), ("mm/inch", "mm"), ("(mmYinch)", "mm"), ("(mmy(inch)", "mm"),
    ("inch/mm", "inch"),  # the first one named
    ("MLUMETERS", "mm"), ("MILLIMFTERS", "mm"), ("Millmeters", "mm"),  # OCR at ~100 dpi
    ("MICROMETERS", None), ("MILLIONS", None), ("MEMBERS", None),
])
def test_unit_titles_as_small_screenshots_read_them(text, unit):
    """Tune pages rendered at 0.7 scale as JPEG (screenshot-like): Diodes' '(mm)/(inch)'
    reads '(mmYinch)', IR's MILLIMETERS 'MLUMETERS'; the first unit named still wins."""
    from daemon.ocr.tables import unit_of

    assert unit_of(text) == unit


def test_min_read_as_mn_is_a_min_column():
    from daemon.ocr.tables import column_word

    assert column_word("MN") == "min" and column_word("MIN.") == "min"


def _unitless_qfn(pitch="0.40BSC"):
    """Hynitron's QFN20 table (t96): MIN. NOM. MAX. and letters, no unit word anywhere."""
    from daemon.ocr.tokens import OcrPage, OcrToken

    def tok(text, x, y, w=40):
        return OcrToken(text, (x, y, x + w, y + 20))

    toks = [tok("QFN20 outline drawing", 350, 10, 190), tok("DIM", 297, 60), tok("MIN.", 377, 68),
            tok("NOM.", 460, 68), tok("MAX.", 555, 68), tok("SYMBOL", 251, 80, 58)]
    rows = [("A", "0.50", "0.55", "0.60"), ("b", "0.15", "0.20", "0.25"),
            ("D", "", "3.00BSC", ""), ("E", "", "3.00BSC", ""), ("D2", "1.60", "1.70", "1.80"),
            ("E2", "1.60", "1.70", "1.80"), ("e", "", pitch, ""), ("L", "0.25", "0.30", "0.35")]
    for i, (sym, lo, nom, hi) in enumerate(rows):
        y = 105 + 26 * i
        toks.append(tok(sym, 291, y, 20))
        toks += [tok(v, x, y, 60 if "BSC" in v else 35) for v, x in ((lo, 376), (nom, 455),
                                                                      (hi, 553)) if v]
    return OcrInput(OcrPage(tokens=toks, width=800, height=400), "package")


def test_a_table_with_no_unit_anywhere_is_mm_when_its_pitch_is_a_family_pitch_in_mm():
    reading = parse([_unitless_qfn()], ReadHints())
    assert reading.family == "qfn" and reading.units == "mm" and reading.pin_count == 20
    assert reading.pitch.nominal == 0.4 and reading.lead_length.nominal == 0.3
    assert reading.exposed_pad_width.nominal == 1.7
    assert "no unit printed" in reading.notes


def test_a_table_with_no_unit_and_no_family_pitch_stays_unread():
    from daemon.readers.base import ReaderError

    try:
        reading = parse([_unitless_qfn(pitch="0.10BSC")], ReadHints())
    except ReaderError:
        return
    assert "no unit printed" not in reading.notes and reading.lead_length is None


def test_glued_column_titles_under_unit_titles():
    """Tech Public's SOT-666 table at 130 dpi: INCHES and MILLIMETERS over "MINNOMMAX" /
    "MIN" "NOMMAX" (OCR glued the titles), a narrow DIM column whose letters stand within
    a line of the first values. Each glued title is its columns, the header is the line
    under the unit titles, and the letters stay labels."""
    from daemon.ocr.tokens import OcrToken

    header = {"DIMENSIONS": (410, 439, 482, 451), "INCHES": (392, 452, 435, 464),
              "MILLIMETERS": (462, 452, 537, 464), "DIM": (349, 458, 372, 471),
              "MINNOMMAX": (376, 464, 456, 475), "MIN": (460, 464, 488, 475),
              "NOMMAX": (483, 465, 540, 476)}
    toks = [OcrToken(text, box) for text, box in header.items()]
    rows = [("A", ".019", "", ".024", "0.50", "", "0.60"),
            ("D", ".059", ".063", ".067", "1.50", "1.60", "1.70"),
            ("E1", ".043", ".047", ".049", "1.10", "1.20", "1.25")]
    xs = (377, 406, 433, 461, 489, 516)
    for i, (sym, *vals) in enumerate(rows):
        y = 476 + 11 * i
        toks.append(OcrToken(sym, (355, y, 366, y + 10)))
        toks += [OcrToken(v, (x, y, x + 21, y + 10)) for v, x in zip(vals, xs) if v]
    table, = find_tables(toks)
    assert table.unit == "mm" and table.other_unit == "inch"
    got = {r.symbol: r.values for r in table.rows}
    assert got["D"] == {"min": 1.5, "nom": 1.6, "max": 1.7}
    assert got["A"] == {"min": 0.5, "max": 0.6}
    assert got["E1"]["nom"] == 1.2
