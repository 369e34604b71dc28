"""Issue 11, second pass over other makers' templates: names OCR misspells, the H letter
for tip to tip, EIA chips named by their size, and what the views of an outline drawing
say (a stacked pair's two lines, the body's length, the height on a side view).

Each case is a convention seen on a real tune page of eval/wide_pages (named in the
docstring) and drawn here with made-up numbers, so the test runs without the page."""

import pytest
from PIL import Image, ImageDraw

from daemon.ocr.callouts import Callout
from daemon.ocr.drawing import Drawing
from daemon.ocr.figures import Figure
from daemon.ocr.numbers import PrintedValue, parse_values
from daemon.ocr.outline_family import family_from_outline
from daemon.ocr.package_callouts import Dim, assign_sizes, read_outline, side_view_height
from daemon.ocr.package_text import detect_family, family_from_text, pin_count_from_text
from daemon.ocr.reading import package_letters
from daemon.ocr.tables import DimensionTable, TableRow
from daemon.ocr.tokens import OcrToken

H = 20


def _tok(text, x, y, w=60):
    return OcrToken(text, (x, y, x + w, y + H))


# -- names --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, family", [
    ("S0T-23 Package information", "sot23"),  # Yangjie YJL3404A (g01)
    ("14-Lead S0IC", "soic"), ("TSS0P-16", "tssop"), ("S0D-123", "sod")])
def test_ocr_zero_for_o_inside_a_package_name(text, family):
    assert family_from_text(text) == family


def test_zero_between_digits_stays_a_digit():
    """Only a 0 between letters is an O: "SOT-23" keeps its digits, "S0T-23-5" its count."""
    assert pin_count_from_text([_tok("S0T-23-5", 10, 10, 200)]) == 5
    assert family_from_text("QFN-20") == "qfn"
    assert detect_family([_tok("Rev 2010", 10, 10, 200)]) is None


# -- letters ------------------------------------------------------------------------------
def _table(*symbols):
    return DimensionTable("mm", [TableRow(s, "", {"min": 1.0, "max": 2.0}) for s in symbols],
                          (0, 0, 100, 100))


def test_h_is_tip_to_tip_beside_a_body_e():
    """onsemi's SOIC case 751A (g05): E 3.80-4.00 is the body, H 5.80-6.20 tip to tip; no E1."""
    style, letters = package_letters(_table("A", "b", "D", "E", "e", "H", "L"), "soic")
    assert style == "jedec_h"
    assert letters["E"] == "body_width" and letters["H"] == "overall_width"


def test_jedec_e1_keeps_e_as_tip_to_tip():
    style, letters = package_letters(_table("A", "b", "D", "E", "E1", "e", "H"), "soic")
    assert style == "jedec" and letters["E"] == "overall_width"
    assert letters["E1"] == "body_width" and letters["H"] is None


# -- EIA chips by their size --------------------------------------------------------------
def test_untitled_chip_is_named_by_its_eia_size():
    """Murata's LQH43 crop (t14): 4.5 +/-0.3 and 3.2 +/-0.2 only: an EIA 1812 body."""
    guess = family_from_outline([_tok("4.5±0.3", 100, 100), _tok("3.2±0.2", 400, 100),
                                 _tok("1.0min.", 100, 300)])
    assert guess is not None and (guess.family, guess.pins) == ("chip", 2)
    assert guess.sizes["body_length"].value == 4.5 and guess.sizes["body_width"].value == 3.2
    assert "1812" in guess.why


@pytest.mark.parametrize("extra", [
    [_tok("0.65 BSC", 100, 300)],  # a pitch: a leaded part
    [_tok("3", 300, 300, 12)],  # a third terminal's label (Walsin's antenna lists 1-3)
    [_tok("3.2±0.1", 100, 400), _tok("2.5±0.1", 300, 400)]])  # 1206 and 1210 both fit
def test_chip_guess_refused_where_the_page_says_otherwise(extra):
    toks = [_tok("3.20±0.20", 100, 100), _tok("1.60±0.10", 400, 100)] + extra
    assert family_from_outline(toks) is None


def test_chip_without_terminal_band_takes_the_eia_spacing_with_a_warning():
    from footprint_writer.ipc.calculator import land_pattern_from_package
    from schemas.reading import DatasheetReading
    from schemas.toleranced import Toleranced

    def reading(**extra):
        return DatasheetReading(
            family="chip", pin_count=2, units="mm",
            body_length=Toleranced(nom=3.2, min=3.0, max=3.4, source="datasheet_drawing"),
            body_width=Toleranced(nom=1.6, min=1.5, max=1.7, source="datasheet_drawing"),
            **extra)

    result = land_pattern_from_package(reading())
    warned = [i for i in result.issues if i.code == "eia_terminal_assumed"]
    assert len(warned) == 1 and "1206" in warned[0].message and "1.55-2.32" in warned[0].message
    # the same pads as a page that printed S 1.55-2.32 itself, which is not warned about
    printed = land_pattern_from_package(reading(lead_spacing=Toleranced(
        min=1.55, max=2.32, source="datasheet_table")))
    assert result.land_pattern == printed.land_pattern
    assert not [i for i in printed.issues if i.code == "eia_terminal_assumed"]
    # a page that gives the terminal band is not overruled
    banded = land_pattern_from_package(reading(lead_length=Toleranced(
        min=0.3, max=0.7, source="datasheet_table")))
    assert not [i for i in banded.issues if i.code == "eia_terminal_assumed"]


# -- views --------------------------------------------------------------------------------
def _vertical_dim_with_stacked_text():
    """Avia's SOP-16 side view (t09): a vertical dimension line at x=300 between two
    horizontal extension lines; its `1.60` over `1.20` sits right of it, the upper
    extension line running on past the text's first line."""
    im = Image.new("L", (800, 500), 255)
    d = ImageDraw.Draw(im)
    d.line([(100, 200), (460, 200)], fill=0, width=2)  # upper extension line, past the text
    d.line([(100, 280), (290, 280)], fill=0, width=2)  # lower extension line
    d.line([(300, 200), (300, 280)], fill=0, width=2)  # the dimension line
    return Drawing(im, threshold=200)


def test_a_stacked_pair_is_not_read_by_a_line_grazing_one_of_its_lines():
    from daemon.ocr.package_callouts import _pair_axis

    drawing = _vertical_dim_with_stacked_text()
    upper, lower = (320, 195, 370, 215), (320, 240, 370, 260)
    dim = Dim(PrintedValue(1.4, 1.2, 1.6, text="1.60/1.20"), (320, 195, 370, 260),
              halves=(upper, lower))
    assert _pair_axis(drawing, dim, H) in ("y", None)


def _dim(text, box, axis):
    return Dim(parse_values(text)[0], box, axis)


def test_a_body_length_shorter_than_its_leads_need_is_a_thickness():
    """Linear's MSOP-8 (g09): across the rows 4.88 and 3.00 nest; along x only a side view's
    0.86 thickness is known, shorter than 3 pitches: the one size of unknown axis long
    enough (the 3.00 whose dimension line is out beside its text) is the length."""
    dims = [_dim("4.88±0.10", (600, 400, 680, 420), "y"),
            _dim("3.00±0.102", (810, 400, 890, 420), "y"),
            _dim("3.00±0.102", (600, 285, 680, 305), None),
            _dim("0.86±0.102", (800, 550, 880, 570), "x"),
            _dim("1.02±0.15", (640, 545, 720, 565), None)]
    got = assign_sizes(dims, "msop", 0.65, pins=8)
    assert got["overall_width"].value == 4.88 and got["body_width"].value == 3.0
    assert got["body_length"] is dims[2].value
    # without the lead count the 0.86 would be the length, and the 1.02 of unknown axis,
    # longer than it, voids that: nothing is sure
    assert assign_sizes(dims, "msop", 0.65) == {}


def test_height_is_the_largest_size_on_a_side_view():
    """Linear's MSOP-8 (g09): the side view prints 1.02 +/-0.15 (axis not shown), 0.86 along
    x (not a height) and the 0.15 standoff; the top view carries the body sizes."""
    top, side = Figure((600, 250, 880, 510), 900), Figure((660, 550, 860, 690), 500)
    body = _dim("3.00±0.102", (810, 400, 890, 420), "y")
    tips = _dim("4.88±0.10", (600, 400, 680, 420), "y")
    height = _dim("1.02±0.15", (640, 545, 720, 565), None)
    dims = [body, tips, height, _dim("0.86±0.102", (800, 545, 880, 565), "x"),
            _dim("0.15±0.102", (830, 640, 910, 660), None)]
    found = {"body_width": body.value, "body_length": body.value,
             "overall_width": tips.value}
    assert side_view_height(dims, [top, side], found, 0.65) is height.value
    # a size labelling the top view is never the height
    assert side_view_height(dims[:2] + dims[3:], [top, side], found, 0.65) is None
    # and nothing is chosen before the body is known
    assert side_view_height(dims, [top, side], {}, 0.65) is None


def test_read_outline_takes_the_side_view_height():
    """The whole path on a drawn page: top view with its sizes, a side view with its
    height written beside a vertical dimension line."""
    im = Image.new("L", (1000, 800), 255)
    d = ImageDraw.Draw(im)
    d.rectangle([300, 100, 500, 400], outline=0, width=2)  # top view body
    d.line([(300, 60), (500, 60)], fill=0, width=2)  # its length dimension, over the text
    d.line([(250, 100), (250, 400)], fill=0, width=2)  # its width dimension, beside the text
    d.rectangle([300, 600, 500, 660], outline=0, width=2)  # side view
    d.line([(540, 600), (540, 660)], fill=0, width=2)  # height dimension line
    toks = [_tok("4.90±0.10", 370, 30, 80), _tok("3.90±0.10", 150, 240, 80),
            _tok("0.90±0.05", 560, 620, 80)]
    figs = [Figure((300, 60, 500, 400), 800), Figure((300, 600, 540, 660), 300)]
    callouts = [Callout(parse_values(t.text)[0], t) for t in toks]
    got = read_outline(callouts, Drawing(im, threshold=200), toks, H, "qfn", None, 8, figs)
    assert {got["body_length"].value, got["body_width"].value} == {4.9, 3.9}
    assert got["height"].value == 0.9


def test_a_size_no_two_row_part_spans_is_not_its_tip_to_tip():
    """Toshiba's SSOP-24 (g03): a '+0.1' tolerance read as 40.1 on the axis across the rows
    must not hide the 7.6 / 5.6 nesting under it."""
    dims = [_dim("40.1", (690, 1070, 710, 1100), "y"),
            _dim("7.6±0.3", (540, 460, 560, 540), "y"),
            _dim("5.6±0.2", (500, 460, 520, 540), "y"),
            _dim("7.8±0.2", (290, 1015, 370, 1035), "x")]
    got = assign_sizes(dims, "ssop", 0.65, pins=24)
    assert got["overall_width"].value == 7.6 and got["body_width"].value == 5.6
    assert got["body_length"].value == 7.8


def _land_callouts(texts):
    from daemon.ocr.callouts import collect

    toks = [_tok(t, 100 + 150 * i, 100 + 40 * i) for i, t in enumerate(texts)]
    return collect(toks, (0, 0, 2000, 2000))


def test_a_standard_pitch_printed_twice_is_the_pitch():
    """MCC's SOT-23 pad layout (g02): 0.800, 0.900, 2.000 and 0.950 on each side of the
    centre, no count: the repeated 0.950 is the JEDEC pitch of the family."""
    from daemon.ocr.callouts import classify

    lc = classify(_land_callouts(["0.800", "0.900", "2.000", "0.950", "0.950"]), "mm", 3,
                  None, None, "sot23")
    assert lc.pitch.value == 0.95
    assert lc.pad_width.value == 0.8 and lc.pad_length.value == 0.9


def test_a_standard_pitch_printed_once_is_not_taken():
    from daemon.ocr.callouts import classify

    lc = classify(_land_callouts(["0.800", "0.900", "2.000", "0.950"]), "mm", 3, None, None,
                  "sot23")
    assert lc.pitch is None


def test_a_page_frame_is_no_figure():
    """National's pages (g10) draw a frame round the page: thin, so a minority of the ink,
    but holding every figure. It must not swallow them (all text would label the frame and
    the land pattern's own callouts would mix with the outline's)."""
    from daemon.ocr.figures import figures

    im = Image.new("RGB", (1000, 800), "white")
    d = ImageDraw.Draw(im)
    d.rectangle([5, 5, 995, 795], outline="black", width=2)  # the page frame
    d.rectangle([100, 100, 400, 400], outline="black", width=3)  # top view
    d.rectangle([600, 100, 650, 300], fill="black")  # land pattern pads
    d.rectangle([800, 100, 850, 300], fill="black")
    d.rectangle([100, 500, 400, 560], outline="black", width=3)  # side view
    figs = figures(im, [], H)
    boxes = [f.box for f in figs]
    assert not any(b[0] <= 10 and b[2] >= 990 for b in boxes), boxes
    assert len(figs) >= 3


@pytest.mark.parametrize("text, family, pins", [
    ("8引脚ESOP封装（单位mm）", "soic", 8),  # NanJing Top Power TP4056 (t23)
    ("8引引脚ESOP封装", "soic", 8),  # OCR doubles the first glyph
    ("16脚 HSOP", "soic", 16)])
def test_chinese_titles_name_the_thermal_sop_and_its_pins(text, family, pins):
    toks = [_tok(text, 10, 10, 300)]
    assert detect_family(toks) == family and pin_count_from_text(toks) == pins


def test_ssop_and_tssop_are_not_read_as_a_thermal_sop():
    assert family_from_text("SSOP-24") == "ssop" and family_from_text("TSSOP-8") == "tssop"
    assert family_from_text("MSOP-8") == "msop"


def test_glass_sealed_ceramic_dip_designation():
    """TI's old JG (R-GDIP-T8) page (t25): G is the ceramic glass-sealed material letter."""
    from daemon.ocr.outline_codes import jep95_designation

    assert jep95_designation("JG (R-GDIP-T8)") == ("dip", 8)
    assert jep95_designation("FK (S-CQCC-N20)") is None  # a leadless chip carrier: no family


def test_e2_with_d1_is_the_exposed_pad():
    """TP4056's ESOP-8 table (t23): D1 3.202-3.402 and E2 2.313-2.513, no D2."""
    _, letters = package_letters(_table("A", "b", "D", "D1", "E", "E1", "E2", "e"), "soic")
    assert letters["D1"] == "exposed_pad_length" and letters["E2"] == "exposed_pad_width"
    _, qfp = package_letters(_table("A", "D", "D1", "E", "E1", "E2", "e"), "qfp")
    assert qfp["D1"] == "body_length"


def test_a_two_line_header_cell_of_a_letters_as_columns_table():
    """NXP's SOT763-1 (t22): `A(1)` over `max.` in the header, its one value centred
    between the max and min rows: A is 1 mm at most."""
    from daemon.ocr.transposed import find_transposed_tables

    letters = ["A1", "b", "c", "D(1)", "Dh", "E(1)", "Eh", "e"]
    toks = [_tok("A(1)", 160, 100, 40), _tok("UNIT", 100, 112, 40), _tok("max.", 160, 122, 40)]
    toks += [_tok(t, 220 + 50 * i, 112, 40) for i, t in enumerate(letters)]
    upper = ["0.05", "0.30", "", "3.6", "2.15", "2.6", "1.15", ""]
    lower = ["0.00", "0.18", "", "3.4", "1.85", "2.4", "0.85", ""]
    middle = {"c": "0.2", "e": "0.5"}
    toks += [_tok("mm", 100, 156, 40), _tok("1", 165, 156, 20)]
    for i, (u, lo, name) in enumerate(zip(upper, lower, letters)):
        x = 220 + 50 * i
        if u:
            toks += [_tok(u, x, 146, 40), _tok(lo, x, 166, 40)]
        if name in middle:
            toks.append(_tok(middle[name], x, 156, 40))
    (table,) = find_transposed_tables(toks, "mm")
    got = {r.symbol: r.values for r in table.rows}
    assert got["A"] == {"max": 1.0}
    assert got["D"] == {"max": 3.6, "min": 3.4} and got["e"] == {"nom": 0.5}


def test_one_bracketed_note_does_not_make_a_dual_dimensioned_drawing():
    """WIZnet's metric LQFP-48 outline (h09) prints one '[0.50 +/-0.06]' note; TI's outlines
    bracket every millimetre value."""
    from daemon.ocr.callouts import collect
    from daemon.ocr.reading import dual_dimensioned

    metric = ["7.00±0.10", "9.00±0.20", "0.50 BSC", "1.60 MAX", "[0.50±0.06]", "0.22±0.05"]
    ti = [".189-.197 [4.81-5.00]", ".150-.157 [3.81-3.98]", ".228-.244 [5.80-6.19]", ".069 MAX"]
    assert not dual_dimensioned(collect([_tok(t, 100, 60 * i, 200) for i, t in
                                         enumerate(metric)], (0, 0, 1000, 1000)))
    assert dual_dimensioned(collect([_tok(t, 100, 60 * i, 300) for i, t in enumerate(ti)],
                                    (0, 0, 1000, 1000)))


def test_notes_label_of_the_drawing_does_not_end_the_table():
    """IR's Micro3 page (t26): the side view's 'NOTES:' sits on the E1 row, far left of the
    table; the rows after it (E1, e) still belong to the table. A note under the table ends
    it."""
    from daemon.ocr.tables import find_tables

    def table_rows(note_x):
        toks = [_tok("SYMBOL", 600, 100), _tok("MIN", 700, 100, 40), _tok("MAX", 780, 100, 40),
                _tok("MILLIMETERS", 700, 75, 120)]
        rows = [("D", "2.80", "3.04"), ("E", "2.10", "2.64"), ("E1", "1.20", "1.40"),
                ("e", "0.95", "BSC")]
        for i, (sym, lo, hi) in enumerate(rows):
            y = 130 + 25 * i
            toks += [_tok(sym, 620, y, 20), _tok(lo, 700, y, 40), _tok(hi, 780, y, 40)]
        toks.append(_tok("NOTES:", note_x, 130 + 25 * 2, 60))
        (table,) = find_tables(toks, "mm")
        return {r.symbol: r.values for r in table.rows}

    got = table_rows(note_x=200)
    assert got["E1"] == {"min": 1.2, "max": 1.4} and got["e"] == {"nom": 0.95}
    assert "E1" not in table_rows(note_x=600)  # a note in the table's own columns ends it


@pytest.mark.parametrize("text, family", [
    ("Mechanical Dimensions SMAF(Millimeters/Inches)", "molded"),  # SMC Diode Solutions (t27)
    ("SMA Package Outline", "molded"), ("Case: SMB", "molded"), ("Package: 1206", "chip"),
    # "SMA" inside SMALL is no SMA: "Small Outline Package" names the SOIC (12-06 evening),
    # "Small signal" nothing.
    ("Small Outline Package", "soic"), ("Small signal diode", None),
    ("Rev 2010 dimensions", None), ("SMA connector", None)])
def test_hint_only_names_count_where_the_run_says_they_are_the_package(text, family):
    assert detect_family([_tok(text, 10, 10, 400)]) == family


def test_two_terminal_parts_have_no_printed_pitch():
    """SMC's SMAF (t27): '0.035(0.90) TYPICAL' is a terminal's length, not a pitch."""
    from daemon.ocr.package_callouts import printed_pitch

    dims = [_dim("0.90 TYP", (600, 350, 750, 370), "x")]
    assert printed_pitch(dims, 2, "molded") is None
    assert printed_pitch(dims, 8, "qfp").value == 0.9  # on a leaded part it is one


def test_outline_is_read_turned_when_the_height_is_missing():
    """Body sizes upright, the height written upwards on the side view: the turned pass is
    asked for and its height kept (SMC's SMAF, t27; the turned tokens stand in for OCR)."""
    from daemon.ocr.reading import OcrInput, ReadingBuilder, _sizes_from_drawing
    from daemon.ocr.tokens import OcrPage

    im = Image.new("RGB", (1000, 800), "white")
    d = ImageDraw.Draw(im)
    d.rectangle([300, 100, 500, 400], outline="black", width=2)
    d.line([(300, 60), (500, 60)], fill="black", width=2)
    d.line([(250, 100), (250, 400)], fill="black", width=2)
    d.rectangle([300, 600, 500, 660], outline="black", width=2)
    d.line([(540, 600), (540, 660)], fill="black", width=2)
    toks = [_tok("4.90±0.10", 370, 30, 80), _tok("3.90±0.10", 150, 240, 80),
            _tok("Unit: mm", 800, 760, 80)]
    asked = []

    def rotated(region):
        asked.append(region)
        return [OcrToken("0.90±0.05", (560, 590, 580, 670), vertical=True)]

    item = OcrInput(OcrPage(tokens=toks, width=1000, height=800), "package", rotated, image=im)
    b = ReadingBuilder()
    b.pin_count = 8
    from daemon.ocr.callouts import collect

    _sizes_from_drawing(item, collect(toks, (0, 0, 1000, 800)), b, "qfn")
    assert asked, "the turned pass was not asked for"
    assert b.fields["height"].nominal == 0.9


@pytest.mark.parametrize("row, kept", [(0.686, False), (1.79, True)])
def test_a_land_row_spacing_whose_pads_stop_inside_the_lead_tips_is_not_used(row, kept):
    """Vishay's SC-70 layout (h03), OCR-garbled: pads 0.559 x 0.622 at a '0.686' row
    spacing would end 1.3 mm apart, well inside the 1.8-2.4 tips; the row spacing is
    dropped (IPC computes the pads, and says so) rather than build overlapping pads."""
    from daemon.ocr.callouts import LandCallouts
    from daemon.ocr.reading import ReadingBuilder, _apply_callouts
    from schemas.toleranced import Toleranced

    b = ReadingBuilder()
    b.unit = "mm"
    b.fields["overall_width"] = Toleranced(min=1.8, max=2.4, source="datasheet_table")
    lc = LandCallouts("mm", pad_width=PrintedValue(0.559, text="0.559"),
                      pad_length=PrintedValue(0.622, text="0.622"),
                      row_spacing=PrintedValue(row, text=str(row)))
    assert _apply_callouts(b, lc, "sot23")
    assert ("row_spacing" in b.land) is kept
    assert kept or any("not used" in n for n in b.log.notes)


@pytest.mark.parametrize("name, value, unit, family, kept", [
    ("body_length", 365.0, "inch", "dip", False),  # ".365" read as 365 at 75 dpi (g07)
    ("body_length", 0.365, "inch", "dip", True),
    ("body_length", 78.0, "mm", "ssop", False),  # "7.8" read as 78 (g03 at half size)
    ("body_length", 7.8, "mm", "ssop", True),
    ("pitch", 1.27, "inch", "soic", False),  # a mm column taken for inches: 32 mm
    ("height", 4.5, "mm", "to220", True)])
def test_a_value_no_part_of_the_family_can_have_is_left_out(name, value, unit, family, kept):
    from daemon.ocr.reading import ReadingBuilder, _drop_implausible
    from schemas.toleranced import Toleranced

    b = ReadingBuilder()
    b.unit, b.pin_count = unit, 24
    b.fields["pitch"] = Toleranced(nom=0.65 if unit == "mm" else 0.026, source="datasheet_table")
    b.fields[name] = Toleranced(nom=value, source="datasheet_table")
    _drop_implausible(b, family)
    assert (name in b.fields) is kept
    assert kept or any("left out" in n for n in b.log.notes)


def test_the_sizes_that_named_an_outline_stand_against_the_drawing():
    """W5500's LQFP-48 at half resolution (h09): the outline was named from 7.00 +/-0.10,
    9.00 +/-0.20 and 0.50 BSC, but the drawing's reading took 9.0 for the body and a
    misread 20 for the tips; the registered sizes replace them, with a note."""
    from daemon.ocr.reading import ReadingBuilder, _take_outline_sizes
    from schemas.toleranced import Toleranced

    b = ReadingBuilder()
    b.unit = "mm"
    b.fields["body_length"] = Toleranced(min=8.8, max=9.2, source="datasheet_drawing")
    b.fields["overall_width"] = Toleranced(nom=20.0, source="datasheet_drawing")
    b.fields["height"] = Toleranced(max=1.6, source="datasheet_drawing")
    _take_outline_sizes(b, {"body_length": parse_values("7.00±0.10")[0],
                            "overall_width": parse_values("9.00±0.20")[0]})
    assert b.fields["body_length"].nominal == 7.0 and b.fields["overall_width"].nominal == 9.0
    assert b.fields["height"].most == 1.6  # what the outline did not name stays
    assert sum("replaced by the outline's" in n for n in b.log.notes) == 2


def test_spans_that_confirm_two_pad_lengths_leave_the_pads_to_ipc():
    """ST's UFQFPN48 footprint (t31), no counts: 7.30 outside with 5.80 and with 6.20 inside
    confirm both 0.75 and 0.55 as the pad length; the two smallest values (0.20, a gap, and
    0.30) are not taken for the pad instead."""
    from daemon.ocr.callouts import classify

    texts = ["7.30", "6.20", "0.20", "5.60", "5.80", "0.30", "0.50", "0.75", "0.55"]
    lc = classify(_land_callouts(texts), "mm", 48, 0.5, 7.0, "qfn")
    assert lc.pad_width is None and lc.pad_length is None
    one = classify(_land_callouts(["7.30", "0.20", "5.80", "0.30", "0.50", "0.75"]), "mm",
                   48, 0.5, 7.0, "qfn")
    assert (one.pad_width.value, one.pad_length.value) == (0.3, 0.75)


@pytest.mark.parametrize("text, family", [
    ("Table 67. UFQFPN48 package mechanical data", "qfn"), ("VFQFPN36", "qfn"),
    ("LQFP48", "qfp"), ("TQFP-44", "qfp")])
def test_st_no_lead_quads_are_not_quad_flat_packs(text, family):
    assert family_from_text(text) == family


def test_two_dual_unit_pairs_glued_in_one_run():
    """MPS's land pattern (t32): OCR glues '0.103(2.62)' and '0.213(5.40)' into one run."""
    from daemon.ocr.dual_units import one_unit

    got = [v.value for v in one_unit(parse_values("0.103(2.62)0.213(5.40)"))]
    assert got == [2.62, 5.4]
    assert [v.value for v in one_unit(parse_values("1.27 (0.65)"))] == [1.27, 0.65]


def test_the_height_stays_within_the_outline_jedec_registers():
    """MPS's SOIC8E (t32): the bottom view's exposed pad (2.26-2.56) is no height of an
    MS-012 body (A at most 1.75); the front view's 1.30-1.70 is."""
    from daemon.ocr.jedec_bodies import tallest

    assert tallest("soic", 1.27, 3.9) == 1.75 and tallest("soic", 1.27, 7.5) == 2.65
    assert tallest("soic", 0.8, 3.9) is None
    top, bottom, front = (Figure((130, 90, 500, 400), 1700), Figure((650, 90, 910, 390), 1300),
                          Figure((140, 520, 410, 680), 780))
    def pair(lo, hi, box, axis):
        return Dim(PrintedValue((lo + hi) / 2, lo, hi, text=f"{lo:.2f}/{hi:.2f}"), box, axis)

    body = pair(3.8, 4.0, (370, 250, 450, 285), "y")
    dims = [body, pair(2.26, 2.56, (890, 250, 970, 285), None),
            pair(1.3, 1.7, (390, 540, 470, 580), None)]
    found = {"body_width": body.value, "body_length": body.value}
    assert side_view_height(dims, [top, bottom, front], found, 1.27, "soic").text == "1.30/1.70"


@pytest.mark.parametrize("text, named", [
    ("SOIC8E (EXPOSED PAD)", True), ("ESOP-8", True), ("HTSSOP-20", True),
    ("TSSOP-16", False), ("SOIC-8", False), ("Thermal pad", True), ("MSOP-8", False)])
def test_titles_that_name_an_exposed_pad(text, named):
    from daemon.ocr.package_text import names_exposed_pad

    assert names_exposed_pad([_tok(text, 10, 10, 300)]) is named


def test_a_label_on_two_lines_names_an_exposed_pad():
    """TI's PowerPAD drawing read without its title: "THERMAL" over "PAD" on the drawing
    (OCR's runs just overlap); two lines apart, or side by side far off, they do not."""
    from daemon.ocr.package_text import names_exposed_pad
    from daemon.ocr.tokens import OcrToken

    thermal = OcrToken("-THERMAL", (568, 1015, 650, 1035))
    assert names_exposed_pad([thermal, OcrToken("PAD", (568, 1032, 607, 1054))])
    assert not names_exposed_pad([thermal, OcrToken("PAD", (568, 1080, 607, 1100))])
    assert not names_exposed_pad([thermal, OcrToken("PAD", (900, 1032, 939, 1054))])


def test_a_leaded_parts_exposed_pad_runs_along_its_rows():
    """MPS's SOIC8E land pattern (t32): 2.62 and 3.51 between the rows, the package gives
    no E2/D2: the longer side runs along the rows, as the body does."""
    from daemon.ocr.reading import ReadingBuilder, _apply_exposed_pad

    b = ReadingBuilder()
    b.unit = "mm"
    _apply_exposed_pad(b, [PrintedValue(2.62, text="2.62"), PrintedValue(3.51, text="3.51")],
                       "soic")
    assert b.land["exposed_pad_width"].nominal == 2.62
    assert b.land["exposed_pad_length"].nominal == 3.51
    q = ReadingBuilder()
    q.unit = "mm"
    _apply_exposed_pad(q, [PrintedValue(2.62, text="2.62"), PrintedValue(3.51, text="3.51")],
                       "dfn")
    assert "exposed_pad_width" not in q.land  # a no-lead part's pad may run either way


def test_small_screenshots_are_enlarged_to_the_reading_size():
    """A 500 px crop of a 75-dpi screenshot is read at 2000 px (4x), like a 300-dpi page;
    a page already at that size is left alone, a large scan shrunk."""
    from daemon.ocr.engine import page_scale

    assert page_scale(500, 300) == pytest.approx(4.0)
    assert page_scale(800, 600) == pytest.approx(2.5)
    assert page_scale(2000, 1500) == 1.0 and page_scale(4000, 3000) == pytest.approx(0.5)


def test_tips_barely_over_the_body_are_one_size_read_twice():
    """TI's DGK VSSOP-8 at half resolution (t20): 4.75 and 5.0 (the two ends of the tip
    range) across the rows are no body under its tips; 4.9 over 3.0 is."""
    bad = [_dim("5.0", (600, 400, 640, 420), "y"), _dim("4.75", (650, 400, 690, 420), "y"),
           _dim("3.00±0.10", (300, 100, 380, 120), "x")]
    assert assign_sizes(bad, "msop", 0.65, pins=8) == {}
    good = [_dim("4.90±0.15", (600, 400, 680, 420), "y"),
            _dim("3.00±0.10", (700, 400, 780, 420), "y"),
            _dim("3.00±0.10", (300, 100, 380, 120), "x")]
    assert assign_sizes(good, "msop", 0.65, pins=8)["body_width"].value == 3.0


def test_a_legends_item_numbers_are_no_pin_labels():
    """Walsin's chip antenna (g08): '1 Feeding', '2 Identification Mark', '3 Soldering
    terminal' is a legend; its 3 must not refuse a two-terminal EIA 3216 body."""
    toks = [_tok("3.20 ±0.20", 900, 614, 100), _tok("1.60 ±0.10", 900, 736, 100),
            _tok("1", 636, 184, 12), _tok("Feeding", 755, 178, 80),
            _tok("3", 636, 258, 12), _tok("Soldering terminal", 709, 256, 170)]
    guess = family_from_outline(toks)
    assert guess is not None and guess.family == "chip"
    labelled = toks[:2] + [_tok("3", 636, 400, 12)]  # a bare 3 on the drawing
    assert family_from_outline(labelled) is None


def test_a_table_with_tall_rows_beside_its_figure():
    """Walsin's 'Symbol | Dimension (mm)' table (g08): rows four lines apart, level with the
    figure beside it, whose own labels (W, T) sit between them; T is the chip's height."""
    from daemon.ocr.reading import package_letters
    from daemon.ocr.tables import find_tables

    toks = [_tok("Figure", 280, 510), _tok("Symbol", 650, 510, 80),
            _tok("Dimension (mm)", 860, 510, 160), _tok("W", 258, 590, 20),
            _tok("T", 470, 590, 20)]
    for i, (sym, val) in enumerate([("L", "3.20 ±0.20"), ("W", "1.60 ±0.10"),
                                    ("T", "1.20 ±0.10"), ("A", "0.25 ±0.15")]):
        toks += [_tok(sym, 685, 615 + 120 * i, 14), _tok(val, 890, 615 + 120 * i, 100)]
    (table,) = find_tables(toks, "mm")
    got = {r.symbol: r.values for r in table.rows}
    assert set(got) == {"L", "W", "T", "A"} and got["T"]["nom"] == 1.2
    _, letters = package_letters(table, "chip")
    assert letters["T"] == "height" and letters["L"] == "body_length"
    assert letters["A"] == "lead_length"
