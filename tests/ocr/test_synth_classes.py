"""Issue 11, classes 1 to 6 and 8 on pages drawn by ds2fp (daemon/synth), read by the real OCR
(skipped where rapidocr is missing):

1. a partial land pattern (pitch, pad width and row spacing only) beside a package table:
   the footprint is built, the missing pad length computed by IPC-7351B and said so;
4. and 5. a drawing with no table and no letters, each size written on its dimension line as
   a min-max range, the pitch as BSC and the seated height on a side view as MAX: body,
   tips, pitch and height are read off the drawing;
6. an example board layout with thermal vias in the exposed pad, their drill and spacing
   printed: the pitch is the pads' (not the vias' spacing), the exposed pad is read and a
   via's drill is no pad's;
2. a DFN whose title and table give no count: the drawing's pin numbers do;
3. a title that is an outline code only (TO-236AB), glued together by OCR;
7. a connector series page (one board layout, a table of 2 to 8 circuits): without the part
   name it asks for it; with it, that row's count, the pitch and the hole;
8. a DPAK drawing of min-max callouts and no land pattern.
"""

import pytest

from daemon.ocr.reading import OcrInput, parse
from schemas.reading import DatasheetReading, LandPattern
from schemas.toleranced import Toleranced


def _soic(**land):
    return DatasheetReading(
        units="mm", family="soic", pin_count=8, pitch=Toleranced(nom=1.27),
        height=Toleranced(max=1.75), overall_width=Toleranced(min=5.8, nom=6.0, max=6.2),
        body_width=Toleranced(min=3.8, nom=3.9, max=4.0),
        body_length=Toleranced(min=4.8, nom=4.9, max=5.0),
        lead_width=Toleranced(min=0.31, max=0.51), lead_length=Toleranced(min=0.4, max=1.27),
        land_pattern=LandPattern(**land) if land else None)


def test_class1_partial_land_pattern_with_the_package_table(engine):
    from daemon.synth.pages import land_pattern_page, package_page
    from footprint_writer.builder.core import build_footprint

    drawn = _soic(pitch=Toleranced(nom=1.27), row_spacing=Toleranced(nom=5.4),
                  pad_width=Toleranced(nom=0.6))
    pages = [(package_page(drawn, "table"), "package"),
             (land_pattern_page(drawn, "callouts"), "land_pattern")]
    inputs = [OcrInput(engine.read(image, name=role), role, image=image)
              for image, role in pages]
    reading = parse(inputs)
    assert reading.family == "soic" and reading.pin_count == 8
    lp = reading.land_pattern
    assert lp.pad_width.nominal == pytest.approx(0.6)
    assert lp.row_spacing.nominal == pytest.approx(5.4)
    assert lp.pad_length is None  # not printed: not invented by the reader
    spec = build_footprint(reading)
    pad = next(p for p in spec.pads if p.number == "1")
    assert min(pad.size_x, pad.size_y) == pytest.approx(0.6)  # the printed width
    assert max(pad.size_x, pad.size_y) > 1.0  # the length IPC computed
    centres = sorted({round(p.x, 3) for p in spec.pads} | {round(p.y, 3) for p in spec.pads})
    assert any(abs(b - a - 5.4) < 1e-6 for a in centres for b in centres)  # printed rows
    assert any(i.code == "partial_land_pattern" for i in spec.issues), \
        [i.code for i in spec.issues]


def test_class4_5_callouts_only_drawing_gives_body_tips_pitch_and_height(engine):
    from daemon.synth.pages import package_page

    image = package_page(_soic(), "callouts")
    page = engine.read(image, name="callouts")
    assert not any(t.text.strip() in ("E1", "D") for t in page.tokens)  # no letters
    reading = parse([OcrInput(page, "package", image=image)])
    assert reading.family == "soic" and reading.pin_count == 8
    assert reading.pitch.nominal == pytest.approx(1.27)
    assert (reading.body_width.min, reading.body_width.max) == (3.8, 4.0)
    assert (reading.body_length.min, reading.body_length.max) == (4.8, 5.0)
    assert (reading.overall_width.min, reading.overall_width.max) == (5.8, 6.2)
    assert reading.height.max == pytest.approx(1.75)


def test_class6_thermal_vias_in_the_exposed_pad_are_no_pitch(engine, dfn_reading):
    from daemon.synth.pages import land_pattern_page, package_page

    pages = [(package_page(dfn_reading, "bottom"), "package"),
             (land_pattern_page(dfn_reading, "vias"), "land_pattern")]
    inputs = [OcrInput(engine.read(image, name=role), role, image=image)
              for image, role in pages]
    assert any("VIA" in t.text for t in inputs[1].page.tokens)  # the vias are printed
    lp = parse(inputs).land_pattern
    assert lp.pitch.nominal == pytest.approx(0.5)
    assert (lp.pad_width.nominal, lp.pad_length.nominal) == (0.3, 0.75)
    assert (lp.exposed_pad_width.nominal, lp.exposed_pad_length.nominal) == (1.75, 1.45)
    assert lp.drill is None


def test_a_land_pattern_drawn_but_not_read_is_said(engine):
    """NXP's SOT363 reflow footprint has pads of two sizes (no one pad size to read): the
    pads are IPC's from the package, and the notes say the page's land pattern was not
    read, so the reviewer compares them with it."""
    from PIL import Image, ImageDraw

    from daemon.ocr.tokens import OcrPage, OcrToken
    from daemon.synth.pages import package_page

    package = package_page(_soic(), "table")
    land = Image.new("RGB", (900, 700), "white")
    d = ImageDraw.Draw(land)
    for i, x in enumerate((300, 380, 460, 540)):
        for y in (200, 420):
            d.rectangle((x, y, x + (40 if i % 3 else 56), y + 80), outline="black", width=2)
    tokens = [OcrToken("R0.10", (610, 180, 670, 200)), OcrToken("R0.15", (610, 500, 670, 520)),
              OcrToken("LAND PATTERN", (360, 560, 560, 585))]
    inputs = [OcrInput(engine.read(package, name="package"), "package", image=package),
              OcrInput(OcrPage(tokens, 900, 700, "land"), "land_pattern", image=land)]
    reading = parse(inputs)
    assert reading.land_pattern is None or reading.land_pattern.pad_width is None
    assert "land pattern the page draws was not read" in reading.notes


def _dfn_no_count():
    return DatasheetReading(
        units="mm", family="dfn", pin_count=8, pitch=Toleranced(nom=0.5),
        height=Toleranced(min=0.8, nom=0.9, max=1.0), body_length=Toleranced(nom=2.0),
        body_width=Toleranced(nom=3.0), lead_width=Toleranced(min=0.2, nom=0.25, max=0.3),
        lead_length=Toleranced(min=0.3, nom=0.4, max=0.5))


def test_class2_the_count_only_as_the_drawings_pin_numbers(engine):
    """A maker's DFN page: the title names no count, the table has no N row; the drawing
    numbers the terminals 1 to 8."""
    from daemon.synth.pages import package_page
    from footprint_writer.builder.core import build_footprint

    image = package_page(_dfn_no_count(), "table", count_row=False, pin_numbers=True,
                         title="Plastic Dual Flat, No Lead Package (MC)")
    page = engine.read(image, name="dfn")
    assert not any("Number" in t.text for t in page.tokens)
    reading = parse([OcrInput(page, "package", image=image)])
    assert reading.family == "dfn" and reading.pin_count == 8
    assert "pin numbers" in reading.notes
    assert len(build_footprint(reading).pads) == 8


def _sot23():
    return DatasheetReading(
        units="mm", family="sot23", pin_count=3, pitch=Toleranced(nom=0.95),
        height=Toleranced(min=0.89, max=1.12),
        body_length=Toleranced(min=2.8, nom=2.9, max=3.04),
        body_width=Toleranced(min=1.2, nom=1.3, max=1.4),
        overall_width=Toleranced(min=2.1, nom=2.4, max=2.64),
        lead_width=Toleranced(min=0.3, max=0.5),
        lead_length=Toleranced(min=0.2, nom=0.4, max=0.6))


def test_class3_a_title_of_an_outline_code_only(engine):
    """Older discrete pages title the drawing "PACKAGE OUTLINE TO-236AB" and nothing else:
    the code names the family and count (OCR glues the title's words together)."""
    from daemon.synth.pages import package_page

    image = package_page(_sot23(), "table", count_row=False,
                         title="PACKAGE OUTLINE TO-236AB")
    page = engine.read(image, name="sot23")
    reading = parse([OcrInput(page, "package", image=image)])
    assert reading.family == "sot23" and reading.pin_count == 3
    assert "outline code: JEDEC TO-236AB" in reading.notes
    assert "no family named" not in reading.notes  # not guessed from the table's sizes
    assert reading.pitch.nominal == pytest.approx(0.95)


def test_class8_a_dpak_drawing_without_a_land_pattern(engine):
    """A DPAK drawn with each size a min-max range on its own dimension line and no land
    pattern: its views do not nest, so each size is known by the JEDEC TO-252AA window it
    falls in; the lead width the page does not print is the registered one (said), and the
    footprint has the two leads 2e apart and the tab."""
    from daemon.synth.pages import package_page
    from footprint_writer.builder.core import build_footprint

    drawn = DatasheetReading(
        units="mm", family="dpak", pin_count=2, pitch=Toleranced(min=4.47, max=4.67),
        body_width=Toleranced(min=6.4, max=6.73), body_length=Toleranced(min=6.0, max=6.22),
        overall_width=Toleranced(min=9.4, max=10.4), height=Toleranced(min=2.2, max=2.38),
        lead_length=Toleranced(min=1.4, max=1.77),
        exposed_pad_length=Toleranced(min=5.21, max=5.46))
    image = package_page(drawn, "callouts", title="TO-252 (DPAK) PACKAGE OUTLINE")
    reading = parse([OcrInput(engine.read(image, name="dpak"), "package", image=image)])
    assert reading.family == "dpak" and reading.pin_count == 2
    for name in ("body_width", "body_length", "overall_width", "exposed_pad_length",
                 "lead_length", "pitch"):
        got, want = getattr(reading, name), getattr(drawn, name)
        assert (got.min, got.max) == (want.min, want.max), name
    assert reading.height.max == pytest.approx(2.38)
    assert reading.lead_width.source == "default" and "lead width b" in reading.notes
    spec = build_footprint(reading)
    leads = sorted(p.y for p in spec.pads if p.number in ("1", "2"))
    assert len(spec.pads) == 3 and leads == pytest.approx([-2.285, 2.285])


def test_class7_a_series_page_is_read_only_for_the_part_named(engine):
    from daemon.readers.base import ReaderError, ReadHints
    from daemon.synth.series_page import connector_series_page
    from footprint_writer.builder.core import build_footprint

    image = connector_series_page(series="XH", pitch=2.5, drill=1.0, counts=range(2, 9))
    page = OcrInput(engine.read(image, name="xh_series"), "both", image=image)
    with pytest.raises(ReaderError, match=r"covers 7 variants .*give the part name"):
        parse([page])
    reading = parse([page], ReadHints(part_name="B5B-XH-A"))
    assert (reading.family, reading.pin_count) == ("pin_header", 5)
    assert reading.land_pattern.pitch.nominal == pytest.approx(2.5)
    assert reading.land_pattern.drill.nominal == pytest.approx(1.0)  # "Dia. 1.0"
    spec = build_footprint(reading)
    holes = sorted(p.y for p in spec.pads)
    assert len(holes) == 5 and holes[-1] - holes[0] == pytest.approx(10.0)  # A of 5: 4 x 2.5
    assert {p.drill.diameter for p in spec.pads} == {1.0}
