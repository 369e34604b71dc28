"""Untitled tables named by the body JEDEC registers (daemon.ocr.jedec_bodies; issue 11,
classes 2 and 3): the onsemi SOIC-14 page cropped below its title (tune part t28) drawn
here as hand-placed tokens."""

import pytest

from daemon.ocr.jedec_bodies import (
    JEDEC_BODIES,
    body_outline,
    guess_from_table,
    pins_from_labels,
    pins_from_length,
)
from daemon.ocr.reading import OcrInput, parse
from daemon.ocr.tokens import OcrPage, OcrToken
from daemon.readers.base import ReaderError
from schemas.toleranced import Toleranced


def _t(nom):
    return Toleranced(nom=nom, source="datasheet_table")


def _fields(pitch, body, tips, length=None):
    out = {"pitch": _t(pitch), "body_width": _t(body), "overall_width": _t(tips)}
    if length is not None:
        out["body_length"] = _t(length)
    return out


@pytest.mark.parametrize("pitch, body, tips, family", [
    (1.27, 3.9, 6.0, "soic"), (1.27, 7.5, 10.3, "soic"), (0.65, 4.4, 6.4, "tssop"),
    (0.65, 3.0, 4.9, "msop"), (0.65, 5.3, 7.8, "ssop"), (0.635, 3.9, 6.0, "ssop"),
    (0.95, 1.6, 2.8, "sot23"), (0.65, 1.25, 2.1, "sot23")])
def test_registered_bodies_name_their_family(pitch, body, tips, family):
    assert body_outline(_fields(pitch, body, tips)).family == family


@pytest.mark.parametrize("fields", [
    _fields(1.27, 4.6, 6.0),  # no registered body at that width
    _fields(1.27, 3.9, 3.5),  # tips inside the body: no leads out to the sides
    {"pitch": _t(1.27), "body_width": _t(3.9)},  # no tip-to-tip span printed
    _fields(0.8, 3.9, 6.0)])  # no two-row outline at that pitch
def test_anything_else_names_no_family(fields):
    assert body_outline(fields) is None


def test_the_windows_do_not_overlap_at_one_pitch():
    for a in JEDEC_BODIES:
        for b in JEDEC_BODIES:
            shared = set(a.pitches) & set(b.pitches)
            if a is not b and shared:
                assert a.body[1] < b.body[0] or b.body[1] < a.body[0], (a.outline, b.outline)


def _tok(text, x, y, w=40, h=18):
    return OcrToken(text, (x, y, x + w, y + h))


def test_lead_count_from_pin_labels_checked_against_the_length():
    labels = [_tok(t, 100 + 30 * i, 50, 14) for i, t in enumerate(["1", "7", "8", "14"])]
    assert pins_from_labels(labels, 1.27, 8.65) == 14
    assert pins_from_labels(labels, 1.27, 4.9) is None  # 14 leads do not fit 4.9 mm
    assert pins_from_labels([_tok("2009", 10, 10)], 1.27, 8.65) is None


def test_lead_count_from_the_registered_variation():
    ms012, mo153 = JEDEC_BODIES[0], JEDEC_BODIES[3]
    assert pins_from_length(ms012, 1.27, 8.65) == 14 and pins_from_length(ms012, 1.27, 4.9) == 8
    assert pins_from_length(mo153, 0.65, 5.0) is None  # 14 or 16: the labels must say
    assert pins_from_length(ms012, 1.27, 7.0) is None


def test_a_guess_says_where_its_count_comes_from():
    guess = guess_from_table(_fields(1.27, 3.9, 6.0, 8.65), [], None)
    assert (guess.family, guess.hint, guess.pins) == ("soic", "SOIC", 14)
    assert "MS-012" in guess.why and "8.65" in guess.why


def _untitled_soic_table(length="8.75"):
    toks = [_tok("MILLIMETERS", 820, 60, 80), _tok("DIM", 760, 80), _tok("MIN", 820, 80),
            _tok("MAX", 880, 80)]
    rows = [("A", "1.35", "1.75"), ("b", "0.35", "0.49"), ("D", "8.55", length),
            ("E", "3.80", "4.00"), ("e", "1.27 BSC", ""), ("H", "5.80", "6.20"),
            ("L", "0.40", "1.25")]
    for i, (sym, lo, hi) in enumerate(rows):
        y = 104 + 22 * i
        toks += [_tok(sym, 770, y, 14), _tok(lo, 820, y, 70 if not hi else 40)]
        if hi:
            toks.append(_tok(hi, 880, y))
    return OcrPage(tokens=toks, width=1000, height=400)


def test_an_untitled_table_is_read_as_its_registered_outline():
    reading = parse([OcrInput(_untitled_soic_table(), "package")])
    assert reading.family == "soic" and reading.pin_count == 14
    assert reading.body_width.nominal == pytest.approx(3.9)
    assert reading.overall_width.nominal == pytest.approx(6.0)
    assert "MS-012" in reading.notes and "check the family" in reading.notes


def test_an_untitled_table_no_variation_fits_still_asks():
    with pytest.raises(ReaderError, match="no package family found"):
        parse([OcrInput(_untitled_soic_table(length="7.10"), "package")])


def test_an_untitled_qfp_table_is_the_ms026_outline_its_body_and_pitch_register():
    """ST's LQFP48 table cropped without its title (t29): read with plain JEDEC letters,
    E 9.0 over E1 7.0 at 0.5 pitch is MS-026's LQFP-48."""
    from daemon.ocr.jedec_bodies import quad_flat_pack

    guess = guess_from_table(_fields(0.5, 7.0, 9.0), [], None)
    assert (guess.family, guess.pins) == ("qfp", 48) and "MS-026" in guess.why
    assert quad_flat_pack(_fields(0.5, 7.0, 9.0), 64) is None  # a printed count disagrees
    assert quad_flat_pack(_fields(0.5, 7.0, 8.6), None) is None  # tips not body + 2 mm
    assert quad_flat_pack(_fields(0.65, 4.4, 6.4), None) is None  # no MS-026 body


def test_an_untitled_pdip_table_counts_its_leads_from_its_row_letters():
    """ALD's PDIP-8 table cropped without its titles (t30): E 5.59-7.11 body under the
    7.62-8.26 shoulder (the maker's E/E1), e 2.29-2.79, and rows 'D-8', 'S-8'."""
    toks = [_tok("Millimeters", 820, 60, 90), _tok("Dim", 760, 80), _tok("Min", 820, 80),
            _tok("Max", 880, 80)]
    rows = [("A", "3.81", "5.08"), ("b1", "0.38", "0.51"), ("D-8", "9.40", "11.68"),
            ("E", "5.59", "7.11"), ("E1", "7.62", "8.26"), ("e", "2.29", "2.79"),
            ("e1", "7.37", "7.87"), ("L", "2.79", "3.81"), ("S-8", "1.02", "2.03")]
    for i, (sym, lo, hi) in enumerate(rows):
        y = 104 + 22 * i
        toks += [_tok(sym, 765, y, 30), _tok(lo, 820, y), _tok(hi, 880, y)]
    reading = parse([OcrInput(OcrPage(tokens=toks, width=1000, height=400), "package")])
    assert reading.family == "dip" and reading.pin_count == 8
    assert "MS-001" in reading.notes


def test_row_letters_naming_two_counts_give_none():
    from daemon.ocr.reading import _count_from_row_letters
    from daemon.ocr.tables import DimensionTable, TableRow

    table = DimensionTable("mm", [TableRow("D-8", "", {}), TableRow("D-14", "", {})],
                           (0, 0, 1, 1))
    assert _count_from_row_letters([table]) is None


def _printed(*texts):
    """(sizes, pitches) as daemon.ocr.outline_family reads them off the drawing."""
    from daemon.ocr.outline_family import _sizes

    return _sizes([OcrToken(t, (0, 20 * i, 90, 20 * i + 16)) for i, t in enumerate(texts)])


@pytest.mark.parametrize("texts, labels, outline, pins", [
    # Micrel's SOT-23-5 drawing, its title on the page before: E1, E, D, e and the land's
    # 2.60 / 3.63 (also in MO-178's tip window: E is then left to the drawing)
    (("1.60±0.10", "2.80±0.20", "2.90±0.10", "0.95 TYP", "2.60±0.05", "3.63±0.05"),
     {1, 2, 3, 4, 5}, "JEDEC MO-178 (SOT-23-5, SOT-23-6)", 5),
    (("1.60±0.10", "2.80±0.20", "2.90±0.10", "0.95 BSC"), {1, 6}, "JEDEC MO-178", 6),
    (("3.90±0.10", "6.00±0.20", "4.90±0.10", "1.27 BSC"), set(), "JEDEC MS-012", 8),
    (("3.90±0.10", "6.00±0.20", "8.65±0.10", "1.27 BSC"), set(), "JEDEC MS-012", 14),
    (("4.40±0.10", "6.40±0.20", "6.50±0.10", "0.65 BSC"), set(), "JEDEC MO-153", 20),
])
def test_an_untitled_gull_wing_drawing_names_its_outline(texts, labels, outline, pins):
    from daemon.ocr.jedec_bodies import gull_wing_outline

    body, count, printed = gull_wing_outline(*_printed(*texts), labels)
    assert body.outline.startswith(outline) and count == pins
    assert printed["body_width"].value == float(texts[0].split("±")[0])
    assert printed["body_length"].value == float(texts[2].split("±")[0])
    if len(texts) == 4:  # the one size in the tip window is E
        assert printed["overall_width"].value == float(texts[1].split("±")[0])
    else:
        assert "overall_width" not in printed


@pytest.mark.parametrize("texts, labels", [
    (("1.60±0.10", "2.80±0.20", "2.90±0.10", "0.95 TYP"), set()),  # 5 or 6: no label says
    (("1.60±0.10", "2.90±0.10", "0.95 TYP"), {5}),  # nothing across the leads
    (("3.90±0.10", "6.00±0.20", "4.90±0.10"), set()),  # no basic pitch
    (("4.60±0.10", "6.00±0.20", "4.90±0.10", "1.27 BSC"), set()),  # no registered body
    (("3.90±0.10", "6.00±0.20", "7.00±0.10", "1.27 BSC"), set()),  # no variation's length
])
def test_a_drawing_that_fixes_no_outline_names_none(texts, labels):
    from daemon.ocr.jedec_bodies import gull_wing_outline

    assert gull_wing_outline(*_printed(*texts), labels) is None


def _ti_drawing(pitch_text="0.050 (1,27)"):
    """TI's D (R-PDSO-G8) drawing cropped below its title: inch (mm) sizes, each a maximum
    stacked over its minimum, and the pitch in a box with no BSC or TYP."""
    texts = [("0.197 (5,00)", 230, 130), ("0.189 (4,80)", 230, 150),  # D
             ("0.244 (6,20)", 540, 270), ("0.228 (5,80)", 540, 290),  # E (tips)
             ("0.157 (4,00)", 440, 340), ("0.150 (3,80)", 440, 360),  # E1
             (pitch_text, 140, 490),
             ("0.020 (0,51)", 430, 480), ("0.012 (0,31)", 430, 500),  # b
             ("0.069 (1,75) Max", 190, 680)]
    return [OcrToken(t, (x, y, x + 110, y + 16)) for t, x, y in texts] + [
        _tok("8", 240, 195, 10), _tok("5", 385, 195, 10), _tok("1", 230, 455, 10),
        _tok("4", 385, 455, 10)]


def test_an_untitled_drawing_in_two_units_with_stacked_limits_names_its_outline():
    from daemon.ocr.outline_family import gull_wing_from_drawing

    guess = gull_wing_from_drawing([_ti_drawing()])
    assert (guess.family, guess.pins) == ("soic", 8) and "MS-012" in guess.why
    sizes = guess.sizes
    assert (sizes["body_length"].lo, sizes["body_length"].hi) == (4.8, 5.0)
    assert (sizes["overall_width"].lo, sizes["overall_width"].hi) == (5.8, 6.2)
    assert sizes["pitch"].value == 1.27  # boxed, no BSC: the body fits around it
    # stacked limits are joined within one image: a second page's text does not mix in
    other = [OcrToken("4.40", (440, 322, 550, 338))]  # over E1's "4,00" if mixed in
    body = gull_wing_from_drawing([_ti_drawing(), other]).sizes["body_width"]
    assert (body.lo, body.hi) == (3.8, 4.0)
    # no pitch at all: nothing fixes the outline
    assert gull_wing_from_drawing([_ti_drawing(pitch_text="")]) is None


def test_a_three_lead_outline_takes_no_count_from_a_stray_label():
    """IR's Micro3 table cropped untitled (t26): E1 1.3 with e 0.95 is TO-236AB, three
    leads; an "8" elsewhere on the page is no pin label of it."""
    labels = [_tok(t, 100 + 30 * i, 50, 14) for i, t in enumerate(["1", "8"])]
    guess = guess_from_table(_fields(0.95, 1.3, 2.4, 2.9), labels, None)
    assert (guess.family, guess.pins) == ("sot23", 3) and "3 leads only" in guess.why


def test_a_sot23_table_lettering_the_outer_leads_e_names_its_outline():
    """onsemi's case 318 letters the 1.90 spacing of leads 1 and 3 e (TO-236's e1)."""
    assert body_outline(_fields(1.9, 1.3, 2.4)).outline.startswith("JEDEC TO-236AB")
    assert body_outline(_fields(1.9, 1.6, 2.8)) is None  # not on the five-lead MO-178


def test_an_inferred_family_asks_about_an_exposed_pad_the_page_does_not_name():
    reading = parse([OcrInput(_untitled_soic_table(), "package")])
    assert "whether the part has an exposed pad" in reading.notes


@pytest.mark.parametrize("texts, labels, pins", [
    # TI's P (PDIP-8) cropped untitled: E1, the shoulder E (MS-001's 7.62-8.26) and D
    (("6.35±0.25", "7.94±0.30", "9.59±0.57", "2.54 TYP"), set(), 8),
    # National's N08E: the pitch toleranced like any size
    (("6.35±0.13", "7.874±0.25", "9.817±0.25", "2.286-2.794"), set(), 8),
    # NXP's SOT38-4 (16 leads, D 18.55-19.50 where MS-001 registers 14): the labels decide
    (("6.34±0.14", "8.025±0.23", "19.025±0.475", "2.54"), {1, 8, 9, 16}, 16),
])
def test_an_untitled_dip_drawing_names_ms001(texts, labels, pins):
    from daemon.ocr.outline_family import gull_wing_from_drawing

    toks = [OcrToken(t, (0, 40 * i, 90, 40 * i + 16)) for i, t in enumerate(texts)]
    toks += [OcrToken(str(n), (300 + 30 * i, 10, 312 + 30 * i, 26))
             for i, n in enumerate(sorted(labels))]
    guess = gull_wing_from_drawing([toks])
    assert (guess.family, guess.pins) == ("dip", pins) and "MS-001" in guess.why
    assert 7.62 <= guess.sizes["overall_width"].value <= 8.26  # the shoulder E


def test_an_untitled_dip_whose_count_no_label_gives_names_none():
    from daemon.ocr.outline_family import gull_wing_from_drawing

    texts = ("6.35±0.13", "7.874±0.25", "19.18±0.25", "2.54 TYP")  # 14 or 16 leads
    toks = [OcrToken(t, (0, 40 * i, 90, 40 * i + 16)) for i, t in enumerate(texts)]
    assert gull_wing_from_drawing([toks]) is None


def test_an_untitled_inch_table_is_compared_in_millimetres():
    """Microchip's PDIP-8 table (inches only, cropped untitled, g07): E1 .250 is 6.35 mm."""
    toks = [_tok("INCHES", 820, 60, 80), _tok("Dimension Limits", 640, 80, 120),
            _tok("MIN", 820, 80), _tok("NOM", 880, 80), _tok("MAX", 940, 80)]
    rows = [("N", "", "8", ""), ("e", "", ".100 BSC", ""), ("A", "", "", ".210"),
            ("E", ".290", ".310", ".325"), ("E1", ".240", ".250", ".280"),
            ("D", ".348", ".365", ".400"), ("L", ".115", ".130", ".150"),
            ("b", ".014", ".018", ".022")]
    for i, (sym, lo, nom, hi) in enumerate(rows):
        y = 104 + 22 * i
        toks.append(_tok(sym, 770, y, 20))
        toks += [_tok(v, x, y) for v, x in ((lo, 820), (nom, 880), (hi, 940)) if v]
    reading = parse([OcrInput(OcrPage(tokens=toks, width=1000, height=400), "package")])
    assert reading.family == "dip" and reading.pin_count == 8 and reading.units == "inch"
    assert "MS-001" in reading.notes and "exposed pad" not in reading.notes
