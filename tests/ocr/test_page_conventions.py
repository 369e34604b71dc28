"""Makers' conventions met on the fourth batch of tune pages (issue 11), each as the small
mechanism it is, on tokens written here (no OCR, no page image): JEITA name codes, MLCC
chip sheets, a letter/value table titled "Dimensions", typed "+/-" tolerances, a paste
stencil drawn beside the board layout, solder-mask "ALL AROUND" margins, TI's "TYP" over a
limit pair, and a body whose own dimension line the drawing does not show."""

import pytest

from daemon.ocr.callouts import collect
from daemon.ocr.numbers import PrintedValue, parse_values
from daemon.ocr.outline_codes import JEITA_TYPES, jeita_code
from daemon.ocr.package_callouts import Dim, assign_sizes, stacked_limits
from daemon.ocr.package_text import detect_family, family_from_text, pin_count_from_text
from daemon.ocr.tables import find_tables
from daemon.ocr.tokens import OcrToken


def tok(text, x, y, w=None, h=20):
    return OcrToken(text, (x, y, x + (w or 10 * len(text)), y + h))


@pytest.mark.parametrize("code, family, pins", [
    ("SOL16-P-150-1.27A", "soic", 16),  # Toshiba ULN2003AFWG
    ("DIP16-P-300-2.54A", "dip", 16),
    ("SSOP24-P-300-0.65A", "ssop", 24),
    ("HSOP 28-P-450-1.27", "soic", 28),
    ("P-LQFP48-7x7-0.50", "qfp", 48),  # Renesas' order
    ("TSSOP20-P-0044-0.65A", "tssop", 20),
])
def test_jeita_name_codes(code, family, pins):
    assert jeita_code(code) == (family, pins)
    page = [tok("Package Dimensions", 40, 40), tok(code, 60, 90), tok("Unit : mm", 600, 90)]
    assert detect_family(page) == family and pin_count_from_text(page) == pins


@pytest.mark.parametrize("text", ["SOT-23", "TSSOP-14", "DIP-8 2.54", "MS-012AA", "SOP-16L"])
def test_names_that_are_no_jeita_code(text):
    assert jeita_code(text) is None


def test_jeita_table_prefixes_are_unique_and_longest_first_where_nested():
    prefixes = [t.prefix for t in JEITA_TYPES]
    assert len(prefixes) == len(set(prefixes))
    for i, p in enumerate(prefixes):  # "TSSOP" must come before "SSOP" before "SOP"
        for q in prefixes[i + 1:]:
            assert not (p in q and p != q), (p, q)


@pytest.mark.parametrize("text", ["Ceramic, 0.1 uF, 50 V, 0603, X7R, SMD, MLCC",
                                  "Style: SMD Chip", "Chip Size: 0603"])
def test_mlcc_sheets_name_a_chip(text):
    assert family_from_text(text) == "chip"


def test_mlcc_word_inside_another_is_no_chip():
    assert family_from_text("MLCCX driver") != "chip"


@pytest.mark.parametrize("text, nom, lo, hi", [
    ("1.6mm +/-0.15mm", 1.6, 1.45, 1.75), ("0.35mm+/-0.15mm", 0.35, 0.2, 0.5),
    ("2.0 +/- 0.1", 2.0, 1.9, 2.1),
])
def test_typed_plus_minus_with_units(text, nom, lo, hi):
    (v,) = parse_values(text)
    assert (v.value, v.lo, v.hi) == (nom, pytest.approx(lo), pytest.approx(hi))


def test_thin_font_max_read_as_mox():
    (v,) = parse_values("0.069 (1,75) Mox")[-1:]
    assert v.qualifier == "MAX"


@pytest.mark.parametrize("text, value, qualifier, multiplier", [
    ("1.30Mαx", 1.3, "MAX", None),  # JSMICRO's SOT-23 height, the a read as Greek alpha
    ("0.10ΜΙΝ", 0.1, "MIN", None),  # Greek capitals for Latin ones of the same shape
    ("4Χ0.5", 0.5, None, 4),
    ("0.5μm", 0.5, None, None),  # a micro sign stays what it is
])
def test_greek_look_alikes_read_as_latin(text, value, qualifier, multiplier):
    (v,) = parse_values(text)
    assert (v.value, v.qualifier, v.multiplier) == (value, qualifier, multiplier)


def test_ocr_minus_tolerance_is_no_range():
    """Toshiba's "0.15 -0.023" read as "0.15-8.023": no limit pair spans 50x its minimum."""
    assert all(not v.is_range for v in parse_values("0.15-8.023"))
    assert parse_values("0.15-8.023") == []
    (v,) = parse_values("0.00-0.10")  # a standoff from zero stays a range
    assert v.is_range


def test_dimensions_letter_value_table():
    """KEMET: a table titled only "Dimensions", letters left, values with their unit."""
    rows = [("L", "1.6mm +/-0.15mm"), ("W", "0.8mm+/-0.15mm"), ("T", "0.8mm +/-0.15mm"),
            ("S", "0.7mm MIN"), ("B", "0.35mm+/-0.15mm")]
    page = [tok("Dimensions", 200, 500), tok("48 hours", 700, 505)]
    for k, (letter, value) in enumerate(rows):
        page += [tok(letter, 138, 540 + 23 * k, 12), tok(value, 281, 540 + 23 * k)]
    (table,) = find_tables(page)
    assert table.unit == "mm"
    got = {r.symbol: r.values.get("nom") for r in table.rows}
    assert got == {"L": 1.6, "W": 0.8, "T": 0.8, "S": 0.7, "B": 0.35}


def test_a_lone_dimensions_heading_is_no_table():
    page = [tok("Dimensions", 200, 500), tok("L", 138, 540, 12), tok("Length", 281, 540)]
    assert find_tables(page) == []


def _land_page(stencil=True):
    page = [tok("Example Board Layout", 200, 210, 160), tok("12x1,27", 280, 270),
            tok("5,40", 370, 380), tok("0,60", 250, 650), tok("1,55", 150, 710),
            tok("0,07", 240, 760), tok("All Around", 210, 780, 90)]
    if stencil:
        page += [tok("Stencil Openings", 620, 185, 130), tok("14x0,55", 615, 257),
                 tok("14x1,50", 500, 324), tok("12x1,27", 750, 285), tok("5,40", 775, 380)]
    return page


def test_stencil_beside_the_board_layout_is_left_out():
    values = {(c.value.value, c.value.multiplier) for c in collect(_land_page(), (0, 0, 1000,
                                                                                  1000))}
    assert (0.55, 14) not in values and (1.5, 14) not in values
    assert {(0.6, None), (1.55, None), (5.4, None), (1.27, 12)} <= values


def test_all_around_margin_is_no_pad_size():
    values = [c.value.value for c in collect(_land_page(False), (0, 0, 1000, 1000))]
    assert 0.07 not in values and 0.6 in values
    page = _land_page(False)
    page[5] = tok("10.07", 238, 758)  # OCR glued a stray 1 to it
    assert 10.07 not in [c.value.value for c in collect(page, (0, 0, 1000, 1000))]


def _callout(text, x, y):
    from daemon.ocr.callouts import Callout

    (v,) = parse_values(text)
    return Callout(v, tok(text, x, y))


def test_typ_over_a_limit_pair_joins_it():
    """TI: "5.05 TYP" over "4.75" is one tip-to-tip limit pair, marked TYP."""
    (dim,) = stacked_limits([_callout("5.05 TYP", 378, 254), _callout("4.75", 383, 280)], 20)
    assert (dim.value.lo, dim.value.hi, dim.value.qualifier) == (4.75, 5.05, "TYP")


def test_two_typ_values_stay_apart():
    dims = stacked_limits([_callout("0.50 TYP", 378, 254), _callout("0.40 TYP", 383, 280)], 20)
    assert len(dims) == 2


def _pair(lo, hi, axis):
    return Dim(PrintedValue(round((lo + hi) / 2, 6), lo, hi, text=f"{hi}/{lo}"), (0, 0, 1, 1),
               axis)


def test_body_without_its_own_axis_nests_under_the_tips():
    """TI's D: 4.00/3.80 sits inside the body beside a short arrow (no axis read); the
    only size that fits under 5.80-6.20 by two feet is the body's width."""
    dims = [_pair(8.55, 8.75, "x"), _pair(5.8, 6.2, "y"), _pair(3.8, 4.0, None),
            _pair(0.31, 0.51, None)]
    found = assign_sizes(dims, "soic", 1.27, 1.75, 14)
    assert found["body_width"].value == 3.9 and found["overall_width"].value == 6.0
    assert found["body_length"].value == 8.65


def test_two_sizes_that_could_be_the_body_leave_it_unread():
    """Two axis-less sizes nest under the tips, and both fit MS-012's body window too."""
    dims = [_pair(8.55, 8.75, "x"), _pair(5.8, 6.2, "y"), _pair(3.8, 4.0, None),
            _pair(3.75, 3.95, None)]
    assert "body_width" not in assign_sizes(dims, "soic", 1.27, 1.75, 14)


def test_typ_limit_pair_near_many_pitches_is_a_size():
    from daemon.ocr.package_callouts import _pitch_multiple

    typ = PrintedValue(4.9, 4.75, 5.05, qualifier="TYP", text="5.05/4.75")
    assert not _pitch_multiple(typ, 0.5)  # ten 0.5 mm pitches, but a toleranced size
    e1 = PrintedValue(1.9, 1.8, 2.0, text="1.800/2.000")
    assert _pitch_multiple(e1, 0.95)  # SOT-23's pins 1 to 3, printed as a range


def test_analog_devices_triple_stack_is_max_nom_min():
    dims = stacked_limits([_callout("1.30", 83, 156), _callout("1.15", 83, 168),
                           _callout("0.90", 82, 180)], 11)
    (dim,) = dims
    assert (dim.value.hi, dim.value.value, dim.value.lo) == (1.3, 1.15, 0.9)


def test_four_stacked_values_are_two_pairs():
    """TI's SC-70: 2.4 over 1.8 (tips), then 1.4 over 1.1 (body), in one column."""
    dims = stacked_limits([_callout("2.4", 417, 294), _callout("1.8", 417, 314),
                           _callout("1.4", 417, 336), _callout("1.1", 417, 355)], 18)
    assert sorted((d.value.lo, d.value.hi) for d in dims) == [(1.1, 1.4), (1.8, 2.4)]


def test_length_without_axis_is_the_spare_longer_than_the_body():
    """ADI's SOT-23-5: 2.90 BSC along the rows lost its axis; of the axis-less sizes long
    enough to hold the leads, a side view's 1.15 thickness is under the 1.60 body."""
    def basic(value, axis):
        return Dim(PrintedValue(value, qualifier="BSC", text=f"{value} BSC"), (0, 0, 1, 1), axis)

    dims = [basic(2.9, None), basic(2.8, "y"), basic(1.6, "y"), _pair(0.9, 1.3, None)]
    found = assign_sizes(dims, "sot23", 0.95, 1.45, 5)
    assert found["body_length"].value == 2.9 and found["body_width"].value == 1.6


def test_span_past_the_tips_by_more_than_two_toes_is_no_row_dimension():
    """TI's PowerPAD board layout: (9.7), the thermal metal along the rows, beside (5.8)."""
    from daemon.ocr.callouts import classify

    page = [tok("28X (1.5)", 267, 192), tok("28X(0.45)", 267, 255), tok("26X (0.65)", 254, 365),
            tok("(9.7)", 757, 413), tok("(5.8)", 468, 656)]
    found = classify(collect(page, (0, 0, 1000, 1000)), "mm", 28, 0.65, 6.4, "tssop", 4.4)
    assert found.row_spacing.value == 5.8 and found.overall_span is None
    assert (found.pad_width.value, found.pad_length.value) == (0.45, 1.5)


@pytest.mark.parametrize("text, family, pins", [
    ("NS Package Number M08A", "soic", 8), ("NS Package Number Mo8A", "soic", 8),
    ("NSPackageNumberNo8E", "dip", 8), ("See NS Package Number J14A", "dip", 14),
    ("NS Package Number MTC14", "tssop", 14), ("NS Package Number MUA08A", "msop", 8),
    ("NS Package Number MF05A", "sot23", 5),
])
def test_national_package_numbers(text, family, pins):
    from daemon.ocr.outline_codes import maker_package_number

    assert maker_package_number(text) == (family, pins)
    page = [tok("Physical Dimensions inches (millimeters)", 40, 40, 400), tok(text, 300, 600)]
    assert detect_family(page) == family and pin_count_from_text(page) == pins


def test_a_bare_code_is_no_package_number():
    from daemon.ocr.outline_codes import maker_package_number

    assert maker_package_number("M08A") is None and maker_package_number("LM318N") is None


@pytest.mark.parametrize("text, family", [
    ("S.O. Package (M)", "soic"), ("Molded Dual-In-Line Package (N)", "dip"),
    ("SDIP30", "dip"), ("14-Lead Molded Thin Shrink Small Outline Package", "tssop"),
    ("Shrink Small Outline Package", "ssop"), ("8-Lead Micro Small Outline", "msop"),
    ("Small Outline Package", "soic"), ("Ceramic Dual-In-Line Package (J)", "dip"),
])
def test_families_spelled_out(text, family):
    assert family_from_text(text) == family


@pytest.mark.parametrize("text", ["PLASTIC SMALL OUTLINE", "SMALL OUTLINE TRANSISTOR"])
def test_small_outline_alone_is_no_soic(text):
    """TI writes PLASTIC SMALL OUTLINE on TSSOP pages too; SOT-23 is a small outline
    transistor: neither names the SOIC."""
    assert family_from_text(text) != "soic"


def test_sizes_by_the_registered_outline_when_views_do_not_nest():
    """National's M08A: E1 on the end view along x, E on the top view along y, D along x on
    the top view; no two nest on one axis, but each falls in its own MS-012 window."""
    dims = [_pair(4.8, 5.004, None), _pair(5.791, 6.198, None), _pair(3.81, 3.988, "x"),
            _pair(1.346, 1.753, "x"), _pair(0.406, 1.27, "x"), _pair(0.356, 0.508, "x")]
    found = assign_sizes(dims, "soic", 1.27, None, 8)
    assert {k: v.value for k, v in found.items()} == {
        "body_width": 3.899, "overall_width": 5.9945, "body_length": 4.902, "height": 1.5495}


def test_registered_outline_needs_every_window_filled_once():
    dims = [_pair(5.791, 6.198, None), _pair(3.81, 3.988, "x"), _pair(3.8, 4.0, "x")]
    assert assign_sizes(dims, "soic", 1.27, None, 8) == {}


def _grouped_page(second_row=False):
    page = [tok("E2", 163, 542, 17), tok("D2", 269, 543, 17), tok("L", 378, 544, 10),
            tok("JEDEC CODE", 509, 551, 63), tok("PAD SIZE", 65, 559, 53)]
    for x in (124, 230, 336):
        page += [tok("MIN.", x, 560, 24), tok("NOM.", x + 33, 560, 27),
                 tok("MAX.", x + 69, 560, 26)]
    values = ["1.90", "2.00", "2.05", "1.90", "2.00", "2.05", "0.30", "0.40", "0.50"]
    xs = [122, 156, 192, 228, 262, 298, 333, 368, 404]
    page += [tok("114X114 MIL", 66, 575, 50)] + [tok(v, x, 575, 26) for v, x in zip(values, xs)]
    if second_row:
        page += [tok("138X138 MIL", 66, 591, 50)] + [tok(v, x, 591, 26) for v, x in zip(values, xs)]
    return page


def test_letters_over_min_nom_max_groups():
    """FTDI's QFN: E2, D2 and L each head a MIN NOM MAX group over one value row."""
    from daemon.ocr.transposed import find_grouped_tables

    (table,) = find_grouped_tables(_grouped_page(), "mm")
    got = {r.symbol: r.values for r in table.rows}
    assert got == {"E2": {"min": 1.9, "nom": 2.0, "max": 2.05},
                   "D2": {"min": 1.9, "nom": 2.0, "max": 2.05},
                   "L": {"min": 0.3, "nom": 0.4, "max": 0.5}}


def test_grouped_table_with_several_value_rows_is_a_variant_list():
    from daemon.ocr.transposed import find_grouped_tables

    assert find_grouped_tables(_grouped_page(second_row=True), "mm") == []


def test_unit_under_the_table_and_boxed_e():
    """FTDI's SSOP table: "UNIT : INCH" under it, the basic pitch's e in a box ("回")."""
    from daemon.ocr.tables import page_unit

    page = [tok("SYMBOLS", 686, 92), tok("MIN.", 794, 93), tok("NOM.", 878, 93),
            tok("MAX.", 966, 93), tok("D", 710, 114, 12), tok("0.337", 787, 114),
            tok("0.341", 875, 114), tok("0.344", 963, 114), tok("回", 709, 135, 20),
            tok("0.025 BASIC", 850, 135, 98), tok("E1", 711, 156, 20), tok("0.150", 787, 156),
            tok("0.154", 875, 156), tok("0.157", 963, 156), tok("UNIT : INCH", 930, 200)]
    assert page_unit(page) == "inch"
    (table,) = find_tables(page, page_unit(page))
    got = {r.symbol: r.values for r in table.rows}
    assert table.unit == "inch" and got["e"] == {"nom": 0.025} and got["D"]["nom"] == 0.341


def _pc817(labels=(), words="1. Through-Hole [ex. PC817X]", length="4.58±0.5"):
    page = [tok(words, 31, 28, 280), tok("6.5±0.5", 170, 273), tok("7.62±0.3", 172, 325),
            tok(length, 386, 324), tok("3.5±0.5", 465, 376), tok("0.26±0.1", 129, 476),
            tok("0.5±0.1", 447, 501)]
    return page + [tok(str(n), 40 + 20 * k, 600, 8) for k, n in enumerate(labels)]


def test_through_hole_dip_named_by_its_row_body_and_length():
    from daemon.ocr.outline_family import family_from_outline

    guess = family_from_outline(_pc817())
    assert (guess.family, guess.pins) == ("dip", 4)
    assert {k: v.value for k, v in guess.sizes.items()} == {
        "overall_width": 7.62, "body_width": 6.5, "body_length": 4.58}
    assert "DIP-4" in guess.why


def test_through_hole_dip_count_from_labels_on_a_long_body():
    from daemon.ocr.outline_family import family_from_outline

    guess = family_from_outline(_pc817(labels=(1, 8, 9, 16), length="19.25±0.2"))
    assert (guess.family, guess.pins) == ("dip", 16)
    assert family_from_outline(_pc817(length="19.25±0.2")) is None  # DIP-14 or DIP-16?


def test_no_dip_without_a_through_hole_word():
    from daemon.ocr.outline_family import family_from_outline

    assert family_from_outline(_pc817(words="1. Outline [ex. PC817X]")) is None


def _seven_segment(chain="2.54*4=10.16", row="15.24", lead="0.51", labels=(7, 6, 4, 2, 10, 5)):
    """Wayjun's 0.56 in display (t88): no family word, a pitch chain under the side view,
    the rows' spacing under the end view, the lead's size (its Ø lost by OCR), the body and
    the schematic's pin labels."""
    page = [tok("8.10", 242, 30), tok("12.60", 202, 388), tok("19.00", 358, 223),
            tok(chain, 293, 618, 104), tok(row, 640, 620), tok(lead, 581, 573)]
    return page + [tok(str(n), 700 + 50 * k, 325, 12) for k, n in enumerate(labels)]


def test_two_rows_named_by_a_pitch_chain_and_a_dip_row():
    from daemon.ocr.outline_family import family_from_outline

    guess = family_from_outline(_seven_segment())
    assert (guess.family, guess.pins) == ("dip", 10)
    assert {k: v.value for k, v in guess.sizes.items()} == {
        "pitch": 2.54, "overall_width": 15.24, "lead_width": 0.51}
    assert "2.54 x 4 = 10.16" in guess.why


@pytest.mark.parametrize("page", [
    _seven_segment(chain="2.54*4=11.16"),  # the product does not hold
    _seven_segment(row="14.00"),  # no standard row between the two rows
    _seven_segment(lead="1.60"),  # no lead-sized value
    _seven_segment(labels=(12, 1)),  # a pin 12 on a part of ten
    _seven_segment(chain="2.00*4=8.00"),  # not the DIP pitch
])
def test_two_rows_by_chain_refused(page):
    from daemon.ocr.outline_family import family_from_outline

    assert family_from_outline(page) is None


def test_st_so_8_title_gives_the_count():
    page = [tok("6.2 SO-8 package information", 40, 40, 300)]
    assert detect_family(page) == "soic" and pin_count_from_text(page) == 8


def _st_tssop8(e_label: bool):
    page = [tok("TSSOP8 package mechanical data", 271, 630, 270), tok("Millimeters", 377, 694),
            tok("Ref.", 208, 694, 33), tok("Min.", 304, 729, 34), tok("Typ.", 397, 729, 40),
            tok("Max.", 494, 729, 39)]
    rows = [("A", None, None, "1.2"), ("D", "2.90", "3.00", "3.10"), ("E", "6.20", "6.40", "6.60"),
            ("E1", "4.30", "4.40", "4.50"), ("e" if e_label else "", None, "0.65", None),
            ("L", "0.45", "0.60", "0.75")]
    for k, (sym, lo, typ, hi) in enumerate(rows):
        y = 762 + 28 * k
        if sym:
            page.append(tok(sym, 213, y, 20))
        for x, v in ((304, lo), (400, typ), (496, hi)):
            if v:
                page.append(tok(v, x, y, 34))
    return page


def test_unlabelled_table_row_holding_a_standard_pitch_is_e():
    """ST's TSSOP8 table: OCR lost the small "e"; the row with only 0.65 nominal is it."""
    from daemon.ocr.reading import OcrInput, parse
    from daemon.ocr.tokens import OcrPage
    from daemon.readers.base import ReadHints

    (table,) = find_tables(_st_tssop8(False), "mm")
    assert [r.values for r in table.unlabelled] == [{"nom": 0.65}]
    assert "" not in table.symbols
    reading = parse([OcrInput(OcrPage(_st_tssop8(False), 1200, 1200, "p"), "package")],
                    ReadHints())
    assert reading.pitch.nominal == 0.65 and reading.body_width.nominal == 4.4
    with_e = parse([OcrInput(OcrPage(_st_tssop8(True), 1200, 1200, "p"), "package")],
                   ReadHints())
    assert with_e.pitch.nominal == 0.65


@pytest.mark.parametrize("text, unit", [
    ("(Unit of Measure = mm)", "mm"), ("Dimensions In Milimeters", "mm"),
    ("Dimensions In Millmeters", "mm"), ("MILLIMETERS", "mm"), ("INCHES", "inch")])
def test_unit_titles_as_makers_spell_them(text, unit):
    from daemon.ocr.tables import unit_of

    assert unit_of(text) == unit


@pytest.mark.parametrize("text, unit", [
    ("单位：mm", "mm"), ("DIMENSINS IN INCHES MIN.", "inch"), ("DIMENSIONS IN INCHES", "inch"),
    ("Dimensions in inches (millimeters)", None), ("DIMENSIONS IN INCHES [MM]", None),
    # MDD's SMA: both printed, "0.177(4.50)"; the callouts read the millimetres
    ("Dimensions in inches and (millimeters)", None), ("Dimensions in inches & [mm]", None)])
def test_page_units(text, unit):
    from daemon.ocr.tables import page_unit

    assert page_unit([tok(text, 40, 40, 300)]) == unit


def _atmel_table():
    """Atmel's COMMON DIMENSIONS: unit above the header, a NOTE column with "Note 2" cells."""
    page = [tok("COMMON DIMENSIONS", 837, 766, 188), tok("(Unit of Measure = mm)", 841, 786, 179),
            tok("MIN", 837, 823, 35), tok("NOM", 907, 822, 44), tok("MAX", 985, 823, 40),
            tok("NOTE", 1049, 822, 52)]
    rows = [("A", None, "4.826", None), ("D", "36.703", "37.338", "Note 2"),
            ("E", "15.240", "15.875", None), ("E1", "13.462", "13.970", "Note 2"),
            ("L", "3.048", "3.556", None)]
    for k, (sym, lo, hi, note) in enumerate(rows):
        y = 852 + 30 * k
        page += [tok(sym, 767, y, 20)]
        if lo:
            page.append(tok(lo, 824, y, 56))
        page.append(tok(hi, 977, y, 54))
        if note:
            page.append(tok(note, 1045, y, 56))
    return page


def test_note_cells_under_the_note_column_do_not_end_the_table():
    (table,) = find_tables(_atmel_table())
    assert table.unit == "mm"
    assert table.symbols == ["A", "D", "E", "E1", "L"]
    assert table.rows[3].values == {"min": 13.462, "max": 13.97}


def test_unit_titles_over_min_max_are_no_header_of_their_own():
    """"MILLIMETERS | INCHES" with Min Max Min Max under it: one table, with limits."""
    page = [tok("MILLIMETERS", 300, 100, 100), tok("INCHES", 520, 100, 60),
            tok("Symbol", 150, 110, 50), tok("Min", 280, 125, 30), tok("Max", 360, 125, 30),
            tok("Min", 500, 125, 30), tok("Max", 580, 125, 30),
            tok("D", 160, 150, 12), tok("2.80", 280, 150, 34), tok("3.04", 360, 150, 34),
            tok("0.110", 500, 150, 40), tok("0.120", 580, 150, 40),
            tok("E", 160, 175, 12), tok("1.20", 280, 175, 34), tok("1.40", 360, 175, 34),
            tok("0.047", 500, 175, 40), tok("0.055", 580, 175, 40)]
    (table,) = find_tables(page)
    assert table.unit == "mm" and table.rows[0].values == {"min": 2.8, "max": 3.04}


@pytest.mark.parametrize("text, family", [("ST-23", "sot23"), ("DFN1006-2 Package Outline", "dfn")])
def test_more_names(text, family):
    assert family_from_text(text) == family


def test_dfn_body_code_then_count():
    assert pin_count_from_text([tok("DFN1006-2 Package Outline Drawing (0402)", 40, 40, 500)]) == 2


def test_a_web_address_names_no_package():
    """Tech Public heads its DFN pages with www.sot23.com.tw."""
    page = [tok("www.sot23.com.tw", 600, 40, 160), tok("Package Outline Drawing", 40, 170, 300)]
    assert detect_family(page) is None


def test_crystal_pad_gap_pad():
    from daemon.ocr.pad_grid import solve_axis

    axis = solve_axis([1.4, 0.8, 1.4], 3.2)
    assert (axis.pad, axis.count, axis.centre) == (1.4, 2, 2.2)
    assert solve_axis([1.4, 0.8], 3.2) is None  # pad 0.8 at 1.4, or pad 1.4 at 2.2?


def test_dip_600_mil_by_its_own_windows():
    """Cypress's PDIP-28 (inch drawing read scaled to mm): MS-011's windows, not MS-001's."""
    def pair(lo, hi):
        return _pair(round(lo * 25.4, 4), round(hi * 25.4, 4), "x")

    dims = [pair(0.5, 0.55), pair(1.38, 1.48), pair(0.6, 0.625), pair(0.61, 0.7),
            pair(0.015, 0.06)]
    found = assign_sizes(dims, "dip", None, None, 28)
    assert round(found["body_width"].value / 25.4, 4) == 0.525
    assert round(found["overall_width"].value / 25.4, 4) == 0.6125
    assert round(found["body_length"].value / 25.4, 4) == 1.43


def test_standard_pitch_among_two_by_its_printed_span():
    from daemon.ocr.package_callouts import printed_pitch

    def plain(v, axis="x"):
        return Dim(PrintedValue(v, text=str(v)), (0, 0, 1, 1), axis)

    assert printed_pitch([plain(0.95), plain(0.65), plain(1.9)], 6, "sot23").value == 0.95
    assert printed_pitch([plain(0.95), plain(0.65)], 6, "sot23") is None


def _table(rows):
    from daemon.ocr.tables import DimensionTable, TableRow

    return DimensionTable("mm", [TableRow(sym, "", vals) for sym, vals in rows], (0, 0, 1, 1))


def test_maker_letters_told_from_jedec_ones():
    """JSMICRO's SOT-23 table read as JEDEC would give E1 0.85-1.05 (no SOT-23 body) and a
    2.2 mm foot: the letters are the maker's; its pitch is the row at 0.95."""
    from daemon.ocr.maker_letters import not_jedec_letters, pitch_row

    jsmicro = _table([("L", {"min": 2.2, "max": 2.7}), ("A", {"min": 1.15, "max": 1.5}),
                      ("B", {"min": 2.7, "max": 3.1}), ("E", {"min": 1.7, "max": 2.1}),
                      ("E1", {"min": 0.85, "max": 1.05}), ("b", {"min": 0.35, "max": 0.55})])
    assert not_jedec_letters(jsmicro, "mm", "sot23")
    assert pitch_row(jsmicro, "mm", "sot23").nominal == 0.95
    umw = _table([("E", {"min": 1.2, "max": 1.4}), ("E1", {"min": 2.25, "max": 2.55}),
                  ("L", {"nom": 0.55}), ("e", {"nom": 0.95})])
    assert not not_jedec_letters(umw, "mm", "sot23")  # swapped E/E1, but JEDEC's letters


def test_a_table_with_no_width_across_the_rows_has_maker_letters():
    """Richtek's SOT-23-5: A, A1, B, b, C, D, e, H, L and no E or E1 (B is the body across,
    C tip to tip, H the lead's thickness): no letter JEDEC's meanings make a width, so the
    letters are the maker's. Its e 0.838-1.041 holds one standard pitch, 0.95, with its
    limits kept (b 0.356-0.559 holds 0.5 too, but is not lettered e); the row A, left over
    by the body's sizes, is the height where it lies in the family's heights."""
    from daemon.ocr.maker_letters import letter_a_height, not_jedec_letters, pitch_row
    from daemon.ocr.numbers import PrintedValue

    richtek = _table([("A", {"min": 0.889, "max": 1.295}), ("A1", {"min": 0.0, "max": 0.152}),
                      ("B", {"min": 1.397, "max": 1.803}), ("b", {"min": 0.356, "max": 0.559}),
                      ("C", {"min": 2.591, "max": 2.997}), ("D", {"min": 2.692, "max": 3.099}),
                      ("e", {"min": 0.838, "max": 1.041}), ("H", {"min": 0.08, "max": 0.254}),
                      ("L", {"min": 0.3, "max": 0.61})])
    assert not_jedec_letters(richtek, "mm", "sot23")
    pitch = pitch_row(richtek, "mm", "sot23")
    assert (pitch.min, pitch.nominal, pitch.max) == (0.838, 0.95, 1.041)
    body = {"body_width": PrintedValue(1.6, 1.397, 1.803, text="B 1.397-1.803")}
    assert letter_a_height(richtek, "mm", "sot23", body).hi == 1.295
    # A taken as a body size (JSMICRO letters A and B the body) is no height
    assert letter_a_height(richtek, "mm", "sot23",
                            {"body_width": PrintedValue(1.092, 0.889, 1.295,
                                                        text="A 0.889-1.295")}) is None
    assert letter_a_height(richtek, "mm", "dip", body) is None  # no DIP is 1.3 mm high


def test_a_bare_maximum_row_is_the_height_where_a_is_another_size():
    """JSMICRO's SOT-23: A 1.15-1.50 is the body across (placed from the drawing), and the
    seated height is the second half's "C 1.30 Max": the one row printed as a bare maximum
    within SOT-23 heights (M 0.20 is no height), kept as a maximum."""
    from daemon.ocr.maker_letters import letter_a_height

    jsmicro = _table([("L", {"min": 2.2, "max": 2.7}), ("A", {"min": 1.15, "max": 1.5}),
                      ("B", {"min": 2.7, "max": 3.1}), ("C", {"max": 1.3}),
                      ("C1", {"min": 0.9, "max": 1.2}), ("M", {"max": 0.2})])
    body = {"body_width": PrintedValue(1.325, 1.15, 1.5, text="A 1.15-1.5")}
    height = letter_a_height(jsmicro, "mm", "sot23", body)
    assert (height.value, height.qualifier) == (1.3, "MAX")
    two_maxima = _table([("A", {"min": 1.15, "max": 1.5}), ("C", {"max": 1.3}),
                         ("K", {"max": 1.1})])
    assert letter_a_height(two_maxima, "mm", "sot23", body) is None  # which one: unknown


def test_a_table_printed_in_two_halves_side_by_side_is_one_table():
    """"Symbol Min Max | Symbol Min Max", millimetres both (JSMICRO): each half's letters
    with its own values, all in one table."""
    h = 20
    toks = [tok("Dimensions In Millimeters", 100, 0, 200), tok("Dimensions In Millimeters",
                                                               460, 0, 200),
            tok("Symbol", 20, 30, 60), tok("Min", 120, 30, 40), tok("Max", 240, 30, 40),
            tok("Symbol", 380, 30, 60), tok("Min", 480, 30, 40), tok("Max", 600, 30, 40)]
    left = [("L", "2.2", "2.7"), ("A", "1.15", "1.50"), ("B", "2.70", "3.10")]
    right = [("C", None, "1.30"), ("C1", "0.90", "1.20"), ("c", "0.05", "0.20")]
    for k, ((a, a0, a1), (b, b0, b1)) in enumerate(zip(left, right)):
        y = 60 + k * (h + 8)
        toks += [tok(a, 40, y, 15), tok(a0, 120, y, 40), tok(a1, 240, y, 40), tok(b, 400, y, 25),
                 tok(b1, 600, y, 40)] + ([tok(b0, 480, y, 40)] if b0 else [])
    (table,) = find_tables(toks, "mm")
    rows = {r.symbol: r.values for r in table.rows}
    assert rows["A"] == {"min": 1.15, "max": 1.5} and rows["C"] == {"max": 1.3}
    assert rows["C1"] == {"min": 0.9, "max": 1.2} and len(rows) == 6


def test_a_second_unit_group_with_no_letters_of_its_own_is_no_second_half():
    """JCET's mm | inch table, its "Dimensions In Inches" title lost: no letters stand
    between the groups, so the second is the same rows in the other unit, not a half."""
    h = 20
    toks = [tok("Dimensions In Millimeters", 100, 0, 200),
            tok("Symbol", 20, 30, 60), tok("Min", 120, 30, 40), tok("Max", 240, 30, 40),
            tok("Min", 340, 30, 40), tok("Max", 460, 30, 40)]
    for k, (a, v) in enumerate([("A", ("0.900", "1.150", "0.035", "0.045")),
                                ("D", ("2.800", "3.000", "0.110", "0.118"))]):
        y = 60 + k * (h + 8)
        toks += [tok(a, 40, y, 15)] + [tok(t, x, y, 45) for t, x in zip(v, (120, 240, 340, 460))]
    tables = find_tables(toks, "mm")
    assert len(tables) == 1 and {r.symbol for r in tables[0].rows} == {"A", "D"}


def test_inch_outline_sizes_stay_in_inches():
    from daemon.ocr.reading import _scaled

    v = PrintedValue(0.525, 0.5, 0.55, text="0.500/0.550")
    mm = _scaled(v, 25.4)
    assert (mm.lo, mm.hi) == (12.7, 13.97) and mm.text == v.text
    back = _scaled(mm, 1 / 25.4)
    assert (back.value, back.lo, back.hi) == (0.525, 0.5, 0.55)


@pytest.mark.parametrize("length, pitch", [(2.92, 0.95), (2.0, 0.65), (2.45, None)])
def test_sot23_pitch_from_the_registered_body_length(length, pitch):
    from daemon.ocr.reading import ReadingBuilder, _sot23_pitch_from_length, _tol

    b = ReadingBuilder()
    b.set_unit("mm")
    b.put(b.fields, "body_length", _tol({"nom": length}, "datasheet_drawing"))
    _sot23_pitch_from_length(b, "sot23")
    got = b.fields.get("pitch")
    assert (got.nominal if got else None) == pitch
    if got:
        assert got.source == "derived" and any("registered pitch" in n for n in b.log.notes)


def test_two_pads_written_pad_gap_pad():
    from daemon.ocr.land_solver import solve_two_terminal

    assert solve_two_terminal([0.8, 0.8, 0.85, 0.8]) == {"pad_length": 0.8, "gap": 0.85,
                                                          "pad_width": 0.8}
    assert solve_two_terminal([0.9, 0.8, 0.85, 0.8]) is None  # which one is the width?


def test_chip_named_by_nominals_in_both_units():
    """Kingbright's LED: 1.6(0.063) and 0.8(0.031), no tolerances, no family word."""
    from daemon.ocr.outline_family import family_from_outline

    page = [tok("PACKAGE DIMENSIONS", 20, 80, 240), tok("1.6(0.063)", 110, 270, 90),
            tok("0.8(0.031)", 40, 200, 90), tok("1.2(0.047)", 120, 305, 90),
            tok("0.75(0.029)", 300, 400, 90), tok("1", 90, 550, 8), tok("2", 230, 550, 8)]
    guess = family_from_outline(page)
    assert (guess.family, guess.pins) == ("chip", 2) and "0603" in guess.why


def test_heading_over_its_units_line_heads_the_figure_below():
    from daemon.ocr.figures import Figure, land_figure

    head = tok("RECOMMENDED SOLDERING PATTERN", 24, 641, 283, 14)
    units = tok("(units : mm; tolerance : ±0.1)", 22, 659, 176, 15)
    above, left, right = (Figure((78, 480, 258, 630), 40), Figure((60, 708, 192, 828), 20),
                          Figure((198, 708, 288, 828), 16))
    fig = land_figure([above, left, right], [head], 17.8, [head, units])
    assert fig.box == (60, 708, 288, 828)  # both pads, joined
    assert land_figure([above, left, right], [head], 17.8) is above  # a caption under it


def test_a_logo_over_the_heading_is_no_land_figure():
    """GlobalMEMS: the maker's logo just above "Recommended PCB Foot Print Layout", the pads
    further below with their sizes; a figure labelled by no number is not the land."""
    from daemon.ocr.figures import Figure, land_figure

    head = tok("Recommended PCB Foot Print Layout", 34, 52, 312, 20)
    logo = Figure((25, 0, 220, 40), 258, [tok("MEMS", 89, 2, 118, 24), head])
    pads = Figure((260, 115, 385, 230), 249, [tok("Unit: mm", 267, 89, 74, 19),
                                               tok("0.4", 282, 223, 20, 31)])
    assert land_figure([logo, pads], [head], 15.7) is pads


def _bga_table_reading(d1: str, e1: str):
    from daemon.ocr.reading import OcrInput, parse
    from daemon.ocr.tokens import OcrPage
    from daemon.readers.base import ReadHints

    rows = [("A", "", "", "1.20"), ("A1", "0.25", "0.30", "0.35"), ("b", "0.35", "0.40", "0.45"),
            ("D", "7.90", "8.00", "8.10"), ("D1", "", d1, ""),
            ("E", "5.90", "6.00", "6.10"), ("E1", "", e1, ""), ("e", "", "1.00 BSC", "")]
    page = [tok("24-Ball TFBGA 8x6-mm", 100, 40, 300), tok("Millimeters", 260, 100, 120),
            tok("Symbol", 100, 130, 70), tok("Min", 220, 130, 40), tok("Nom", 300, 130, 40),
            tok("Max", 380, 130, 40)]
    for k, row in enumerate(rows):
        y = 160 + 26 * k
        page.append(tok(row[0], 120, y, 20))
        page += [tok(v, x, y, 50) for v, x in zip(row[1:], (210, 290, 370)) if v]
    return parse([OcrInput(OcrPage(page, 600, 500, "bga"), "package")], ReadHints())


def test_bga_table_letters():
    """Winbond's TFBGA table: D and E are the body, D1 and E1 the ball matrix (not a body),
    b the ball; read as JEDEC's gull-wing letters E would be tips to tips and E1 the body.
    Its matrix is 5 x 5 (4.00 / 1.00 + 1 each way) for 24 balls: depopulated, so no column
    count is taken from it."""
    reading = _bga_table_reading("4.00 BSC", "4.00 BSC")
    assert reading.family == "bga" and reading.pin_count == 24
    assert (reading.body_length.nominal, reading.body_width.nominal) == (8.0, 6.0)
    assert reading.ball_diameter.nominal == 0.4 and reading.overall_width is None
    assert reading.pins_along_length is None


def test_bga_ball_matrix_that_fills_the_count_gives_the_columns():
    """GigaDevice's TFBGA-24 (6 x 4 ball array): E1 3.00 and D1 5.00 at e 1.00 are 4
    columns and 6 rows, which hold the 24 balls: the builder can place a full array."""
    reading = _bga_table_reading("5.00", "3.00")
    assert reading.pins_along_length == 4
    assert "4 x 6 ball matrix" in reading.notes


def test_a_pad_size_counted_per_pad_equal_to_the_pitch_is_no_pitch():
    """onsemi's SOT-23 footprint: "3X 0.56" and "3X" over "0.95" size the three pads,
    "0.95" over "PITCH" is the pitch, 2.90 the outer span; "12X 0.65" on a TSSOP-14 is its
    pitch again (twelve spaces, not fourteen pads)."""
    from daemon.ocr.callouts import classify

    page = [tok("2.90", 408, 674), tok("3X", 590, 684), tok("0.95", 577, 698),
            tok("3X 0.56", 387, 773), tok("0.95", 550, 774), tok("PITCH", 548, 795)]
    found = classify(collect(page, (0, 0, 1000, 1000)), "mm", 3, 0.95, None, "sot23")
    assert found.pitch.value == 0.95
    assert (found.pad_width.value, found.pad_length.value) == (0.56, 0.95)
    assert (found.overall_span or found.row_spacing).value == 2.9  # Z (no tips given)

    tssop = [tok("14X 1.78", 267, 192), tok("14X 0.42", 267, 255), tok("12X 0.65", 254, 365),
             tok("5.94", 468, 656)]
    found = classify(collect(tssop, (0, 0, 1000, 1000)), "mm", 14, 0.65, 6.4, "tssop", 4.4)
    assert found.pitch.value == 0.65 and found.pad_width.value == 0.42


def test_upright_text_only_the_turned_pass_read_is_a_callout():
    """TI's land pattern: the upright pass missed "(4.4)"; the turned pass read it (OCR
    turns a tall crop before reading), its box upright in shape. It counts, once, and as
    upright text; a turned run over an upright one is that run again."""
    from daemon.ocr.tokens import OcrToken

    page = [OcrToken("10X (0.3)", (248, 269, 307, 290)),
            OcrToken("(4.4)", (479, 447, 508, 463), vertical=True),
            OcrToken("10X (1.45)", (340, 254, 435, 272)),
            OcrToken("10X (1.45)", (341, 254, 434, 273), vertical=True)]
    found = collect(page, (0, 0, 1000, 1000))
    assert sorted(c.value.value for c in found) == [0.3, 1.45, 4.4]
    assert not next(c for c in found if c.value.value == 4.4).token.vertical


@pytest.mark.parametrize("family, width, pitch, kept", [
    ("sot23", 0.2, 0.95, False),  # the package's 0.20 read as a land pad (t24 at 105 dpi)
    ("sot23", 1.0, 0.95, True),  # SOT-23 pads may be wider than e: the next is across
    ("qfn", 0.2, 0.4, True),  # a 0.4-pitch QFN's half-pitch pad
    ("soic", 0.3, 1.27, False),
    ("chip", 0.2, 0.5, True),  # two terminals: no row pitch to hold the pad against
])
def test_a_land_pad_narrower_than_a_quarter_pitch_drops_the_land(family, width, pitch, kept):
    from daemon.ocr.reading import ReadingBuilder, _drop_implausible_land, _tol

    b = ReadingBuilder()
    b.set_unit("mm")
    b.put(b.land, "pad_width", _tol({"nom": width}, "datasheet_drawing"))
    b.put(b.land, "pitch", _tol({"nom": pitch}, "datasheet_drawing"))
    b.put(b.land, "overall_span", _tol({"nom": 2.92}, "datasheet_drawing"))
    _drop_implausible_land(b, family)
    assert bool(b.land) == kept
    assert kept or any("land pattern left out" in n for n in b.log.notes)


def _wurth_balun(pitch_row=True):
    """Würth's WE-BAL table: an 0805-size body (A 2,0 +-0,1, B 1,25 +-0,1) with six
    terminals, lettered a-e, e the terminal pitch."""
    rows = [("A", "2,0 ± 0,1"), ("B", "1,25 ± 0,1"), ("C", "0,85 ± 0,1"), ("a", "0,3 ± 0,1"),
            ("d", "0,35 ± 0,1")] + ([("e", "0,65 ± 0,05")] if pitch_row else [])
    out = [tok("size", 785, 70), tok("0805", 928, 70)]
    for i, (letter, value) in enumerate(rows):
        out += [tok(letter, 807, 118 + 25 * i, 13), tok(value, 905, 118 + 25 * i, 95),
                tok("mm", 1080, 118 + 25 * i)]
    return out


def test_a_body_of_chip_size_with_a_pitch_row_is_no_chip():
    from daemon.ocr.outline_family import family_from_outline

    assert family_from_outline(_wurth_balun(pitch_row=False)).family == "chip"
    assert family_from_outline(_wurth_balun()) is None
