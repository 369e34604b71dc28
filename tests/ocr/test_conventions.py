"""Makers' conventions as typed data (issue 11): hand-placed tokens, one rule each.

Each case is a convention seen on a real page of the wide set (eval/wide_pages) and drawn
here with made-up numbers, so the test runs without the page."""

import pytest

from daemon.ocr.letters import FAMILY_LETTERS, JEDEC
from daemon.ocr.package_text import pin_count_from_text
from daemon.ocr.reading import OcrInput, package_letters, parse
from daemon.ocr.tables import DimensionTable, TableRow, unit_of
from daemon.ocr.tokens import OcrPage, OcrToken
from daemon.ocr.transposed import find_transposed_tables
from daemon.readers.base import ReaderError


def _tok(text, x, y, w=60, h=20):
    return OcrToken(text, (x, y, x + w, y + h))


def _row(y, cells, x0=200, step=100):
    return [_tok(t, x0 + i * step, y) for i, t in enumerate(cells) if t]


def test_transposed_land_table_under_a_units_row_with_mm_inch_pairs():
    """Diodes' "Suggested Pad Layout": letters, a 'Dimensions' row, '(mm)/(inch)' under each
    letter, then 'Value 3.600/0.142 ...': the millimetre half of each pair is read."""
    toks = (_row(100, ["Z", "G", "X", "Y", "E1", "E2"])
            + [_tok("Dimensions", 60, 118)] + _row(130, ["(mm)/(inch)"] * 6)
            + [_tok("Value", 60, 162)]
            + _row(160, ["3.600/0.142", "1.600/0.063", "0.700/0.028", "1.000/0.039",
                         "0.950/0.037", "1.900/0.075"]))
    (table,) = find_transposed_tables(toks)
    got = {r.symbol: r.values for r in table.rows}
    assert table.unit == "mm"
    assert got["Z"] == {"nom": 3.6} and got["X"] == {"nom": 0.7} and got["E1"] == {"nom": 0.95}


def test_unit_title_names_the_first_unit():
    assert unit_of("(mm)/(inch)") == "mm"
    assert unit_of("inch (mm)") == "inch"


def test_diodes_land_letters_give_the_pitch():
    page = OcrPage(tokens=[_tok("Suggested Pad Layout", 40, 20, 300), _tok("SOT-23", 40, 50)]
                   + _row(100, ["Z", "G", "X", "Y", "E1", "E2"]) + [_tok("Value", 60, 132)]
                   + _row(130, ["3.6", "1.6", "0.7", "1.0", "0.95", "1.9"])
                   + [_tok("Dimensions in mm", 40, 200, 200)], width=900, height=300)
    reading = parse([OcrInput(page, "land_pattern")])
    lp = reading.land_pattern
    assert lp.pitch.nominal == 0.95 and lp.pad_width.nominal == 0.7
    assert lp.pad_length.nominal == 1.0 and lp.overall_span.nominal == 3.6


def test_semtech_land_letters_give_the_pitch():
    """Tech Public's "Land Pattern - SOT-666" table: C P G X Y Z, P the pitch."""
    page = OcrPage(tokens=[_tok("Land Pattern - SOT-666", 40, 20, 300)]
                   + _row(100, ["C", "P", "G", "X", "Y", "Z"]) + [_tok("Value", 60, 132)]
                   + _row(130, ["1.45", "0.50", "0.60", "0.30", "0.85", "2.30"])
                   + [_tok("Dimensions in mm", 40, 200, 200)], width=900, height=300)
    lp = parse([OcrInput(page, "land_pattern")]).land_pattern
    assert lp.pitch.nominal == 0.5 and lp.row_spacing.nominal == 1.45
    assert lp.pad_width.nominal == 0.3 and lp.pad_length.nominal == 0.85


@pytest.mark.parametrize("family, symbol, field", [
    ("sot223", "D1", "exposed_pad_length"), ("sot223", "b1", "exposed_pad_length"),
    ("qfp", "D", "overall_length"), ("qfp", "D1", "body_length"), ("qfp", "E1", "body_width"),
    ("soic", "D", "body_length"), ("soic", "D1", None)])
def test_family_letters_overlay_jedec(family, symbol, field):
    table = DimensionTable("mm", [TableRow(symbol, "", {"nom": 1.0}), TableRow("A", "", {})],
                           (0, 0, 1, 1))
    style, letters = package_letters(table, family)
    assert style == "jedec"
    assert letters[symbol] == field
    assert JEDEC["D"] == "body_length"  # the base table is not changed by an overlay
    for overlay in FAMILY_LETTERS.values():
        assert set(overlay.values()) - {None} <= {
            "exposed_pad_length", "exposed_pad_width", "overall_length", "overall_width",
            "body_length", "body_width", "lead_width", "lead_length",
            "height",  # a chip's T: JEDEC's A means nothing there
            "ball_diameter"}  # a BGA's b


def _letters_of(family, symbols):
    table = DimensionTable("mm", [TableRow(s, "", {"nom": 1.0}) for s in symbols], (0, 0, 1, 1))
    return package_letters(table, family)[1]


def test_no_lead_table_with_d1_e1_and_no_d2_e2_letters_its_exposed_pad_so():
    """GigaDevice USON8: D = E 4.00 the body, D1 2.30 x E1 3.00 the exposed pad."""
    letters = _letters_of("son", ["A", "b", "D", "D1", "E", "E1", "e", "L"])
    assert (letters["D1"], letters["E1"]) == ("exposed_pad_length", "exposed_pad_width")
    # with D2 / E2 printed, D1 / E1 keep their JEDEC meaning; a QFP's D1 / E1 are its body
    assert _letters_of("qfn", ["D", "D1", "D2", "E", "E1", "E2"])["E1"] == "body_width"
    assert _letters_of("qfp", ["D", "D1", "E", "E1"])["E1"] == "body_width"
    assert _letters_of("soic", ["D", "D1", "E", "E1"])["E1"] == "body_width"


def test_sot223_tab_is_a_pad_not_an_exposed_pad():
    """WPMtek SOT-223: D1 (the tab) read as exposed_pad_length, the reading has no EP."""
    head = ["Symbol", "Min", "Max"]
    rows = [("A", "1.52", "1.80"), ("b", "0.66", "0.84"), ("D", "6.45", "6.85"),
            ("D1", "2.90", "3.00"), ("E", "3.45", "3.85"), ("E1", "6.83", "7.07"),
            ("e", "2.30", ""), ("L", "0.90", "1.15")]
    toks = [_tok("SOT-223 PACKAGE OUTLINE DIMENSIONS", 40, 10, 400),
            _tok("Dimensions In Millimeters", 250, 50, 250)]
    toks += [_tok(t, 60 + i * 200, 80) for i, t in enumerate(head)]
    for k, (sym, lo, hi) in enumerate(rows):
        y = 110 + 30 * k
        toks += [_tok(sym, 60, y, 30)] + ([_tok(lo, 260, y)] if lo else [])
        toks += [_tok(hi, 460, y)] if hi else []
    reading = parse([OcrInput(OcrPage(tokens=toks, width=800, height=500), "package")])
    assert reading.family == "sot223" and not reading.exposed_pad
    assert reading.exposed_pad_length.max == 3.0
    assert reading.body_width.max == 3.85 and reading.overall_width.max == 7.07  # E/E1 swap


@pytest.mark.parametrize("title, pins", [
    ("LQFP48 package mechanical data", 48), ("SOP-16L Package", 16), ("UFQFPN48", 48),
    ("SSOP24: plastic shrink small outline", 24), ("SOT223", None), ("SOT23", None)])
def test_pin_count_glued_to_the_family(title, pins):
    assert pin_count_from_text([_tok(title, 10, 10, 300)]) == pins


def test_nxp_table_with_a_qualifier_row_centred_values_and_footnote_marks():
    """NXP SOT340-1: 'A' over 'max.', D(1) E(1) letters, and e / L / v printed once,
    centred between the max and min rows."""
    letters = ["A", "A1", "bp", "c", "D(1)", "E(1)", "e", "HE", "L", "Lp"]
    toks = [_tok("UNIT", 40, 100)] + _row(100, letters) + [_tok("max.", 200, 122)]
    toks += _row(150, ["2", "0.21", "0.38", "0.20", "8.4", "5.4", "", "7.9", "", "1.03"])
    toks += [_tok("mm", 40, 161)]  # OCR puts the centred values on the lower row
    toks += _row(165, ["", "", "", "", "", "", "0.65", "", "1.25", ""])
    toks += _row(172, ["", "0.05", "0.25", "0.09", "8.0", "5.2", "", "7.6", "", "0.63"])
    (table,) = find_transposed_tables(toks)
    got = {r.symbol: r.values for r in table.rows}
    assert got["A"] == {"max": 2.0}
    assert got["D"] == {"max": 8.4, "min": 8.0} and got["E"] == {"max": 5.4, "min": 5.2}
    assert got["e"] == {"nom": 0.65} and got["L"] == {"nom": 1.25}


@pytest.mark.parametrize("text, values", [
    ("9.9010.10", [9.9, 10.1]), ("3.904.10", [3.9, 4.1]), ("1.27", [1.27]),
    ("0.05", [0.05]), ("10.10", [10.1])])
def test_two_decimals_glued_by_ocr(text, values):
    from daemon.ocr.numbers import parse_values

    assert [v.value for v in parse_values(text)] == values


def test_sop_is_the_soic_family():
    from daemon.ocr.package_text import family_from_text

    assert family_from_text("SOP-16L Package") == "soic"
    assert family_from_text("SSOP24") == "ssop" and family_from_text("TSSOP-14") == "tssop"


def test_limit_legend_gives_nominal_max_min():
    """Avia's key: 'Typ' left of 'MAX' over 'MIN'; '9.90 10.10' with '9.70' under it."""
    from daemon.ocr.callouts import collect
    from daemon.ocr.package_callouts import has_limit_legend, stacked_limits

    toks = [_tok("9.90 10.10", 300, 100, 120), _tok("9.70", 370, 122),
            _tok("MAX", 600, 400), _tok("Typ", 520, 420), _tok("MIN", 600, 440)]
    assert has_limit_legend(toks, 20)
    assert not has_limit_legend(toks[:2] + toks[3:], 20)
    (dim,) = stacked_limits(collect(toks[:2], (0, 0, 900, 900)), 20, legend=True)
    assert (dim.value.lo, dim.value.value, dim.value.hi) == (9.7, 9.9, 10.1)


def test_land_figure_is_the_one_its_caption_sits_under():
    """Linear's page: the land pattern top left with its caption under it, the package
    outline beside it; each figure keeps its own numbers."""
    from PIL import Image, ImageDraw

    from daemon.ocr.figures import figures, land_figure, tokens_of

    im = Image.new("L", (1200, 800), 255)
    d = ImageDraw.Draw(im)
    d.rectangle([100, 100, 400, 400], outline=0, width=3)  # land pattern
    d.rectangle([700, 100, 1100, 500], outline=0, width=3)  # package outline
    toks = [_tok("1.22", 200, 60), _tok("0.95", 420, 240), _tok("2.90", 1120, 280),
            _tok("RECOMMENDED SOLDER PAD LAYOUT", 100, 430, 300)]
    figs = figures(im, toks, 20)
    assert len(figs) == 2
    land = land_figure(figs, [toks[3]], 20)
    assert land is not None and land.box[0] < 500
    assert {t.text for t in tokens_of(land, figs, toks, 20)} >= {"1.22", "0.95"}
    assert "2.90" not in {t.text for t in tokens_of(land, figs, toks, 20)}


def test_a_land_caption_among_view_captions_holds_its_own_column():
    """Micrel's SOT-23-5 page: TOP VIEW and SIDE VIEW over DETAIL and RECOMMENDED LAND
    PATTERN, each caption under its figure. The land sizes are those over the land caption,
    below the side view's caption; the detail's foot length reaching over the column's
    edge (its centre inside) and the top view's body are left out."""
    from daemon.ocr.callouts import collect, land_region

    toks = [_tok("2.90±0.10", 200, 80, 100), _tok("TOP VIEW", 200, 460, 140),
            _tok("1.10±0.20", 900, 200, 100), _tok("SIDE VIEW", 650, 460, 140),
            _tok("0.45±0.1", 570, 700, 110), _tok("DETAIL", 480, 740, 90),
            _tok("1.90 BSC", 760, 560, 120), _tok("0.66±0.02", 780, 920, 100),
            _tok("2.60±0.05", 950, 760, 100), _tok("RECOMMENDED LAND PATTERN", 635, 990, 470)]
    region = land_region(toks, 1200, 1100, "both")
    assert region[1] >= 480 and region[0] > 570 + 55  # under SIDE VIEW, past the 0.45
    read = {c.value.text for c in collect(toks, region)}
    assert read == {"1.90", "0.66±0.02", "2.60±0.05"}, read
    # without view captions the region stays the page above the caption
    plain = [t for t in toks if "VIEW" not in t.text and t.text != "DETAIL"]
    assert land_region(plain, 1200, 1100, "both") == (0, 0, 1200, 1010)


def test_outer_span_with_both_the_gap_and_the_centre_spacing():
    """Linear: 3.85 MAX outside, 2.62 REF centres, 1.4 MIN inside, pads 0.62 x 1.22:
    2.62 is a centre spacing (3.85 - 2.62 = 1.23), never a gap (which would make the pad
    0.615 long and swap the sizes)."""
    from daemon.ocr.callouts import classify, collect

    toks = [_tok("0.62 MAX", 100, 100, 90), _tok("0.95 REF", 300, 100, 90),
            _tok("1.22 REF", 500, 200, 90), _tok("3.85 MAX", 100, 400, 90),
            _tok("2.62 REF", 300, 400, 90), _tok("1.4 MIN", 500, 400, 90)]
    lc = classify(collect(toks, (0, 0, 900, 900)), "mm", 6, 0.95, None, "sot23")
    assert (lc.pad_width.value, lc.pad_length.value) == (0.62, 1.22)
    assert lc.overall_span.value == 3.85


@pytest.mark.parametrize("values, want", [
    ([1.68, 1.52, 3.93, 2.41, 5.45], {"pad_length": 1.52, "pad_width": 1.68, "gap": 2.41,
                                       "row_spacing": 3.93, "overall_span": 5.45}),
    ([0.91, 1.22, 2.36, 4.19], {"pad_length": 0.91, "pad_width": 1.22, "gap": 2.36,
                                "overall_span": 4.19}),
    ([1.0, 2.0], None)])
def test_two_pad_layout_from_its_sums(values, want):
    from daemon.ocr.land_solver import solve_two_terminal

    assert solve_two_terminal(values) == want


def test_symbol_unit_table_under_a_pad_layout_heading_is_the_land_pattern():
    """MDD's SMA 'Suggested Pad Layout': Symbol | Unit (mm) | Unit (inch), letters A-E of
    the maker's own; read by the sums, the package named by its outline code (D0-214AC as
    OCR reads it)."""
    rows = [("A", "1.68", "0.066"), ("B", "1.52", "0.060"), ("C", "3.93", "0.154"),
            ("D", "2.41", "0.095"), ("E", "5.45", "0.215")]
    toks = [_tok("Suggested Pad Layout", 20, 10, 300), _tok("D0-214AC/SMA", 500, 10, 150),
            _tok("Symbol", 500, 100), _tok("Unit (mm)", 620, 100, 80),
            _tok("Unit (inch)", 760, 100, 80)]
    for k, (sym, mm, inch) in enumerate(rows):
        y = 125 + 25 * k
        toks += [_tok(sym, 515, y, 15), _tok(mm, 640, y), _tok(inch, 780, y)]
    reading = parse([OcrInput(OcrPage(tokens=toks, width=900, height=300), "land_pattern")])
    assert reading.family == "molded" and reading.pin_count == 2
    lp = reading.land_pattern
    assert (lp.pad_length.nominal, lp.pad_width.nominal) == (1.52, 1.68)
    assert (lp.row_spacing.nominal, lp.overall_span.nominal) == (3.93, 5.45)


def test_uncounted_fine_pitch_pads_by_their_spans():
    """ST's LQFP48 footprint prints no counts: 0.50 pitch, 0.20 between pads, 0.30 pad,
    1.20 pad length, 7.30 inside, 9.70 outside, 5.80 a row's pads. The pad is 0.30 x 1.20
    ((9.70 - 7.30) / 2 = 1.20), not the two smallest numbers 0.20 x 0.30."""
    from daemon.ocr.callouts import classify, collect

    texts = ["0.50", "0.20", "0.30", "1.20", "7.30", "9.70", "5.80"]
    toks = [_tok(t, 100 + 90 * i, 100 + 40 * (i % 2)) for i, t in enumerate(texts)]
    lc = classify(collect(toks, (0, 0, 900, 900)), "mm", 48, 0.5, 9.0, "qfp")
    assert (lc.pad_width.value, lc.pad_length.value) == (0.3, 1.2)


@pytest.mark.parametrize("hint, family", [
    ("SMA", "molded"), ("smb", "molded"), ("1206", "chip"), ("0603", "chip"),
    ("SOD-123", "sod"), ("SOIC-8", "soic"), ("TO-92", "to92"), ("SOT-89", None)])
def test_package_hints_the_error_suggests_are_understood(hint, family):
    """The reader's 'give a package hint (e.g. SOIC-8, SMA, 1206)' must take its examples."""
    from daemon.ocr.package_text import detect_family

    assert detect_family([], hint) == family


def test_a_package_no_family_builds_says_so():
    """A SOT-89 page: no package hint can help, so the error asks for the pads. (TO-92, the
    first such page, onsemi's case 29, now has its family.)"""
    toks = [_tok("SOT-89", 100, 10, 200), _tok("4.40", 100, 100), _tok("4.60", 200, 100)]
    with pytest.raises(ReaderError, match="SOT-89, which no ds2fp family builds"):
        parse([OcrInput(OcrPage(tokens=toks, width=800, height=300), "package")])


@pytest.mark.parametrize("text, want", [
    ("(R-PDSO-G8)", ("soic", 8)), ("D (R-PDSO-G14)", ("soic", 14)),
    ("DBV (R-PDSO-G5)", ("sot23", 5)), ("P (R-PDIP-T8)", ("dip", 8)),
    ("RGT (S-PVQFN-N16)", ("qfn", 16)), ("DRC (S-PVSON-N10)", ("son", 10)),
    ("PLASTIC SMALL OUTLINE", None), ("R-PZIP-T9", None)])
def test_jedec_descriptive_designation(text, want):
    """TI's old drawings title the package 'D (R-PDSO-G8)' (JEDEC JESD30) and nothing else."""
    from daemon.ocr.outline_codes import jep95_designation
    from daemon.ocr.package_text import family_from_text

    assert jep95_designation(text) == want
    if want:
        assert family_from_text(text) == want[0]
        assert pin_count_from_text([_tok(text, 10, 10, 300)]) == want[1]


def test_outline_variation_in_a_note_gives_the_count():
    """TI: 'E. Reference JEDEC MS-012 variation AA.' is an 8-lead SOIC."""
    toks = [_tok("PLASTIC SMALL OUTLINE", 300, 10, 300),
            _tok("E. Reference JEDEC MS-012 variation AA.", 10, 500, 400)]
    assert pin_count_from_text(toks) == 8


@pytest.mark.parametrize("code, pins", [("D0008A", 8), ("PW0014A", 14), ("P011C", None),
                                         ("DBV0005A", 5)])
def test_ti_designator_has_four_digits(code, pins):
    """ST's drawing number P011C under a TO-220 is not an 11-pin package."""
    assert pin_count_from_text([_tok(code, 10, 10, 100)]) == pins


def test_st_to220_letters():
    """ST's 'TO-220 MECHANICAL DATA': G1 the pitch, G pins 1-3, H2 the width, A the
    thickness, F the lead width, E the lead thickness."""
    rows = [("A", "4.40", "4.60"), ("D", "2.40", "2.72"), ("E", "0.49", "0.70"),
            ("F", "0.61", "0.88"), ("G", "4.95", "5.15"), ("G1", "2.4", "2.7"),
            ("H2", "10.0", "10.40"), ("L2", "16.4", "")]
    toks = [_tok("TO-220 MECHANICAL DATA", 200, 10, 300), _tok("mm.", 360, 30),
            _tok("DIM.", 60, 60),
            _tok("MIN.", 260, 60), _tok("MAX.", 460, 60), _tok("P011C", 600, 500)]
    for k, (sym, lo, hi) in enumerate(rows):
        y = 90 + 30 * k
        toks += [_tok(sym, 60, y, 30), _tok(lo, 260, y)] + ([_tok(hi, 460, y)] if hi else [])
    reading = parse([OcrInput(OcrPage(tokens=toks, width=800, height=600), "package")])
    assert reading.family == "to220" and reading.pin_count == 3
    assert (reading.pitch.min, reading.pitch.max) == (2.4, 2.7)
    assert reading.body_length.max == 10.4 and reading.body_width.min == 4.4
    assert reading.lead_width.max == 0.88


def test_sot23_pitch_printed_as_pins_1_to_2_is_halved():
    """onsemi's SOT-23 (318-08) table prints only e = 1.78/1.90/2.04, pins 1 to 2."""
    head = ["DIM", "MIN", "NOM", "MAX"]
    rows = [("A", "0.89", "1.00", "1.11"), ("D", "2.80", "2.90", "3.04"),
            ("E", "1.20", "1.30", "1.40"), ("e", "1.78", "1.90", "2.04"),
            ("HE", "2.10", "2.40", "2.64")]
    toks = [_tok("SOT-23 (TO-236)", 40, 10, 300), _tok("MILLIMETERS", 300, 40, 200)]
    toks += [_tok(t, 60 + i * 150, 70) for i, t in enumerate(head)]
    for k, row in enumerate(rows):
        toks += [_tok(t, 60 + i * 150, 100 + 30 * k) for i, t in enumerate(row)]
    reading = parse([OcrInput(OcrPage(tokens=toks, width=800, height=400), "package")])
    assert reading.pitch.nominal == 0.95 and reading.pitch.source == "derived"
    assert (reading.pitch.min, reading.pitch.max) == (0.89, 1.02)


@pytest.mark.parametrize("text, heading", [
    ("2.0x1.6mm Footprint", False), ("Figure2) Suggestedland", True),
    ("RECOMMENDEDLAND PATTERN", True), ("Soldering footprint", True),
    ("PCB. WELDING DRAWING", True), ("Mounting Pattern", True), ("Welding current", False),
    ("9.3 Landing Pattern Recommendation", True),  # Bosch
    ("Recommend Soldering Pad", True), ("推荐焊盘尺寸", True),  # ARKLED
    ("Soldering Iron", False)])
def test_land_headings(text, heading):
    """ECS prints the part's size as '2.0x1.6mm Footprint' in its feature list: no heading;
    its caption 'Figure 2) Suggested land' (OCR drops the space and the word after) is."""
    from daemon.ocr.callouts import heading_tokens

    assert bool(heading_tokens([_tok(text, 10, 10, 300)])) is heading


def test_pitch_beside_a_table_without_e():
    """Vishay's HVM DIP: the table has A, E, L only; '0.100 [2.54] typ.' on the drawing is
    the pitch (a standard DIP pitch marked TYP); other drawing values are not taken."""
    head = ["DIM.", "MIN.", "MAX."]
    rows = [("A", "7.87", "8.38"), ("E", "7.62", "10.79"), ("L", "6.86", "7.36")]
    toks = [_tok("DIP-4 (High voltage)", 40, 10, 300), _tok("MILLIMETERS", 300, 400, 200),
            _tok("0.100 [2.54] typ.", 300, 200, 160), _tok("0.094 [2.38]", 60, 250, 120),
            _tok("0.086 [2.18]", 60, 272, 120)]
    toks += [_tok(t, 60 + i * 200, 430) for i, t in enumerate(head)]
    for k, row in enumerate(rows):
        toks += [_tok(t, 60 + i * 200, 460 + 30 * k) for i, t in enumerate(row)]
    reading = parse([OcrInput(OcrPage(tokens=toks, width=800, height=600), "package")])
    assert reading.family == "dip" and reading.pitch.nominal == 2.54
    assert reading.pitch.source == "datasheet_drawing"


@pytest.mark.parametrize("title, length", [("8 Pin Plastic DIP Package", 10.54),
                                           ("14 Pin Plastic DIP Package", None)])
def test_rows_lettered_for_one_lead_count(title, length):
    """ALD's PDIP tables letter D and S per lead count ('D-8'): the row is D where the page
    is that count, and no size where the title names another."""
    head = ["Dim", "Min", "Max"]
    rows = [("A", "3.81", "5.08"), ("D-8", "9.40", "11.68"), ("E", "5.59", "7.11"),
            ("E1", "7.62", "8.26"), ("e", "2.29", "2.79")]
    toks = [_tok(title, 40, 10, 300), _tok("Millimeters", 260, 40, 200)]
    toks += [_tok(t, 60 + i * 200, 70) for i, t in enumerate(head)]
    for k, row in enumerate(rows):
        toks += [_tok(t, 60 + i * 200, 100 + 30 * k) for i, t in enumerate(row)]
    reading = parse([OcrInput(OcrPage(tokens=toks, width=800, height=400), "package")])
    got = reading.body_length.nominal if reading.body_length else None
    assert got == length


def _w5500_like(extra=()):
    texts = ["Package Descriptions", "7.00±0.10", "9.00±0.20", "-0.50BSC", "0,22±0.05",
             "0.60±0.15", "1.00 REF", "48", "#1", *extra]
    return [_tok(t, 100 + 90 * (i % 6), 40 + 60 * (i // 6), 80) for i, t in enumerate(texts)]


def test_untitled_quad_flat_pack_from_its_jedec_sizes():
    """WIZnet's W5500 drawing names no package: 7.00 body, 9.00 tips, 0.50 BSC is MS-026's
    LQFP-48, read as such and said so in the notes."""
    from daemon.ocr.outline_family import family_from_outline

    guess = family_from_outline(_w5500_like())
    assert (guess.family, guess.pins) == ("qfp", 48)
    reading = parse([OcrInput(OcrPage(tokens=_w5500_like(), width=800, height=400),
                              "package")])
    assert reading.family == "qfp" and reading.pin_count == 48
    assert reading.body_length.nominal == 7.0 and reading.overall_width.nominal == 9.0
    assert "MS-026 LQFP-48" in reading.notes
    # A pin label over 48 (or sizes of no registered outline) and nothing is guessed.
    assert family_from_outline(_w5500_like(["64"])) is None
    assert family_from_outline(_w5500_like()[:2]) is None


def _maker_letter_page():
    """A SOT-23 drawn with letters A (length, a horizontal line), B (tip to tip) and C
    (body), both vertical, and a table of its own letters (MCC's A-L): G is the standoff."""
    from PIL import Image, ImageDraw

    im = Image.new("L", (1000, 600), 255)
    d = ImageDraw.Draw(im)
    d.rectangle([(100, 150), (400, 280)], outline=0, width=2)  # the body
    d.line([(100, 112), (190, 112)], fill=0, width=2)  # A's line, broken by the letter
    d.line([(215, 112), (400, 112)], fill=0, width=2)
    d.line([(470, 110), (470, 195)], fill=0, width=2)  # B's line
    d.line([(470, 225), (470, 320)], fill=0, width=2)
    d.line([(440, 150), (440, 195)], fill=0, width=2)  # C's line
    d.line([(440, 225), (440, 280)], fill=0, width=2)
    toks = [_tok("SOT-23", 40, 10, 120), _tok("A", 193, 100, 20), _tok("B", 462, 198, 20),
            _tok("C", 432, 198, 20), _tok("DIMENSIONS", 650, 340, 200),
            _tok("DIM", 600, 400, 50), _tok("MIN", 700, 400, 50), _tok("MAX", 800, 400, 50),
            _tok("MM", 750, 370, 40)]
    rows = [("A", "2.80", "3.04"), ("B", "2.10", "2.64"), ("C", "1.20", "1.40"),
            ("G", "0.01", "0.15"), ("K", "0.30", "0.51")]
    for k, row in enumerate(rows):
        toks += [_tok(t, 600 + i * 100, 430 + 30 * k, 50) for i, t in enumerate(row)]
    return OcrInput(OcrPage(tokens=toks, width=1000, height=600), "package", image=im)


def test_maker_letters_are_read_from_the_drawing():
    """B, G and K look like onsemi's letters, but G (0.01-0.15) is no SOT-23 pitch: the
    letters are the maker's own, so each is read as the size its dimension line shows."""
    reading = parse([_maker_letter_page()])
    assert reading.family == "sot23"
    assert reading.body_length.nominal == 2.92
    assert (reading.overall_width.min, reading.overall_width.max) == (2.1, 2.64)
    assert (reading.body_width.min, reading.body_width.max) == (1.2, 1.4)
    assert reading.height is None  # not onsemi's C
    # Not onsemi's G either: the pitch is the one SOT-23 registers for a 2.92 mm body,
    # marked derived (reading._sot23_pitch_from_length).
    assert reading.pitch.nominal == 0.95 and reading.pitch.source == "derived"
    assert "maker letters read from the drawing" in reading.notes


def test_maker_letters_the_drawing_does_not_show_are_placed_by_the_outline_windows():
    """MCC's SOT-23 in a small render: OCR reads none of the drawing's single letters. Each
    row whose range alone fits a window of TO-236AB (the one registered 3-lead SOT-23) is
    that size; the rest stay unread."""
    page = _maker_letter_page()
    unlettered = [t for t in page.page.tokens if t.text not in ("A", "B", "C")
                  or t.box[0] >= 600]  # the table's own letters stay
    reading = parse([OcrInput(OcrPage(tokens=unlettered, width=1000, height=600), "package",
                              image=page.image)])
    assert (reading.body_length.min, reading.body_length.max) == (2.8, 3.04)
    assert (reading.overall_width.min, reading.overall_width.max) == (2.1, 2.64)
    assert (reading.body_width.min, reading.body_width.max) == (1.2, 1.4)
    assert reading.height is None
    assert "registered outline's windows" in reading.notes


def test_maker_letters_the_drawing_cannot_place_say_so():
    """No drawing to find the letters on (or none of them drawn): a clear error naming
    what to give, not 'no dimensions found' beside a full table."""
    page = _maker_letter_page()
    blank = OcrInput(page.page, "package", image=None)
    with pytest.raises(ReaderError, match="letters are the maker's own"):
        parse([blank])


@pytest.mark.parametrize("rows, width", [
    ([("b", "0.89", "1.65"), ("b1", "0.38", "0.51")], (0.38, 0.51)),  # ALD: b1 in the hole
    ([("b", "0.36", "0.56"), ("b1", "1.14", "1.78")], (0.36, 0.56)),  # JEDEC MS-001
])
def test_dip_lead_width_is_the_narrower_of_b_and_b1(rows, width):
    """The hole is sized by the lead that goes through it, not by its shoulder."""
    head = ["Dim", "Min", "Max"]
    rows = [("A", "3.81", "5.08"), ("e", "2.29", "2.79")] + rows
    toks = [_tok("8 Pin Plastic DIP Package", 40, 10, 300), _tok("Millimeters", 260, 40, 200)]
    toks += [_tok(t, 60 + i * 200, 70) for i, t in enumerate(head)]
    for k, row in enumerate(rows):
        toks += [_tok(t, 60 + i * 200, 100 + 30 * k) for i, t in enumerate(row)]
    reading = parse([OcrInput(OcrPage(tokens=toks, width=800, height=400), "package")])
    assert (reading.lead_width.min, reading.lead_width.max) == width


def _nxp_transposed(title, header, mm_max, mm_min, centred, inch_rows=True):
    """An NXP outline table: letters as columns, an mm block (max over min, basic values
    centred between) and below it the inch block, 'mm' / 'inches' in the unit column."""
    toks = [_tok(title, 40, 10, 700), _tok("UNIT", 40, 100, 50)]
    toks += [_tok(t, 150 + 70 * i, 100, 40) for i, t in enumerate(header)]
    toks += [_tok("mm", 40, 150, 40)]
    for i, (hi, lo, mid) in enumerate(zip(mm_max, mm_min, centred)):
        x = 150 + 70 * i
        toks += [_tok(mid, x, 150, 40)] if mid else [_tok(hi, x, 136, 40), _tok(lo, x, 164, 40)]
    if inch_rows:
        toks += [_tok("inches", 40, 220, 60)]
        toks += [_tok("0.0" + str(i + 1), 150 + 70 * i, 206, 40) for i in range(len(header))]
        toks += [_tok("0.0" + str(i + 2), 150 + 70 * i, 234, 40) for i in range(len(header))]
    return OcrPage(tokens=toks, width=1400, height=400)


def test_nxp_dip_letters_and_the_inch_block_under_the_mm_block():
    """NXP SOT38-4: E is the body, e1 the row centres, ME the shoulder, b1 the lead; the
    inch rows under the mm rows are not a third (min) row of the mm block."""
    header = ["A", "b", "b1", "D(1)", "E(1)", "e", "e1", "L", "ME", "MH"]
    page = _nxp_transposed("DIP16: plastic dual in-line package; 16 leads (300 mil)", header,
                           ["", "1.73", "0.53", "19.50", "6.48", "", "", "3.60", "8.25", "10.0"],
                           ["", "1.30", "0.38", "18.55", "6.20", "", "", "3.05", "7.80", "8.3"],
                           ["4.2", "", "", "", "", "2.54", "7.62", "", "", ""])
    reading = parse([OcrInput(page, "package")])
    assert reading.family == "dip" and reading.pin_count == 16
    assert (reading.body_width.min, reading.body_width.max) == (6.2, 6.48)
    assert reading.overall_width.nominal == 7.62 and reading.pitch.nominal == 2.54
    assert (reading.lead_width.min, reading.lead_width.max) == (0.38, 0.53)
    assert reading.body_length.min == 18.55


def test_nxp_quad_with_terminal_span_and_a_long_title():
    """NXP SOT763-1: the family is the name before the colon of a long title; e1 (2.5) over
    e (0.5) gives 6 terminals along D; OCR's 'En' for Eh is the exposed pad's width."""
    header = ["A1", "b", "D(1)", "Dh", "E(1)", "En", "e", "e1", "L"]
    title = ("DHVQFN16: plastic dual in-line compatible thermal enhanced very thin quad flat "
             "package; no leads; 16 terminals")
    page = _nxp_transposed(title, header,
                           ["0.05", "0.30", "3.6", "2.15", "2.6", "1.15", "", "", "0.5"],
                           ["0.00", "0.18", "3.4", "1.85", "2.4", "0.85", "", "", "0.3"],
                           ["", "", "", "", "", "", "0.5", "2.5", ""])
    page.tokens.append(_tok("16 terminals; body 2.5 x 3.5 x 0.85 mm", 40, 40, 300))
    reading = parse([OcrInput(page, "package")])
    assert reading.family == "qfn" and reading.pin_count == 16
    assert reading.pins_along_length == 6 and reading.exposed_pad
    assert reading.exposed_pad_width.max == 1.15 and reading.lead_length.max == 0.5


@pytest.mark.parametrize("marks, pins", [(["4x"], 4), (["2x", "4x"], 4), (["3x"], None),
                                         ([], None)])
def test_dip_pin_count_from_the_lead_width_mark(marks, pins):
    """Vishay's HVM DIP prints no count; '4x' beside the lead width 0.024 [0.60] /
    0.020 [0.51] is the number of leads (odd or under 4: not a DIP's count)."""
    from daemon.ocr.package_text import lead_count_from_marks

    toks = [_tok("0.024 [0.60]", 300, 100, 110), _tok("0.020 [0.51]", 300, 122, 110),
            _tok("0.100 [2.54] typ.", 300, 300, 150)]
    toks += [_tok(m, 415 + 40 * i, 112, 30) for i, m in enumerate(marks)]
    assert lead_count_from_marks(toks, 20) == pins


def test_pitch_beside_a_table_only_where_there_is_a_table():
    """A drawing without a table is read by the outline reader; the rule for a table that
    lacks e is not applied to it."""
    toks = [_tok("PDIP-8", 40, 10, 100), _tok("0.100 [2.54] TYP", 300, 200, 140),
            _tok(".355-.400 [9.02-10.16]", 300, 100, 200),
            _tok(".240-.260 [6.10-6.60]", 500, 150, 200)]
    try:
        reading = parse([OcrInput(OcrPage(tokens=toks, width=800, height=400), "package")])
    except ReaderError:
        return  # nothing read is fine; a pitch "beside the table" is not
    assert "beside the table" not in reading.notes


def test_a_page_with_sizes_and_no_family_says_what_to_give():
    """MYOUNG's battery holder (t89) prints '75,50±1' with a decimal comma and names no
    family: the sizes are counted, and the message names each thing that helps."""
    toks = [_tok("75,50±1", 100, 50, 90), _tok("21,00±1", 20, 150, 90),
            _tok("70,00±3", 100, 400, 90), _tok("BH-18650-A1AJ005", 500, 500, 200)]
    with pytest.raises(ReaderError) as err:
        parse([OcrInput(OcrPage(toks, 900, 700, "holder"), "package")])
    message = str(err.value)
    assert "3 printed sizes" in message
    assert all(k in message for k in ("package hint", "land pattern", "reading JSON"))


def test_a_table_with_heights_is_the_package_s_under_a_footprint_heading():
    """ST's LQFP64 page cut below its titles: the mechanical-data table (A, A1, A2, b, D1,
    E1, e ...) sits under "Recommended footprint" with no package heading left above it;
    a land table never holds a standoff or body thickness, so it stays the package's."""
    from daemon.ocr.reading import table_kind
    from daemon.ocr.tables import DimensionTable, TableRow
    from daemon.ocr.tokens import OcrToken

    letters = ["A", "A1", "A2", "b", "c", "D", "D1", "E", "E1", "e", "L", "L1"]
    table = DimensionTable("mm", [TableRow(s, "", {"nom": 1.0}, y=300 + 20 * i)
                                  for i, s in enumerate(letters)], (100, 300, 600, 560))
    heading = [OcrToken("Figure 72. Recommended footprint", (100, 100, 500, 120))]
    assert table_kind(table, True, heading) == "package"
    # a pad-layout table under the same heading stays the land's
    pads = DimensionTable("mm", [TableRow(s, "", {"nom": 1.0}) for s in ("A", "B", "C")],
                          (100, 300, 600, 400))
    assert table_kind(pads, True, heading) == "land"
