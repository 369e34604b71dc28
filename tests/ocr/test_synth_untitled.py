"""Issue 11, classes 2 and 3 on pages drawn by ds2fp (daemon/synth): a package page whose
crop left the title out is still read, its family named by the body JEDEC registers and its
lead count by the table's N row or, on a letters-only table, by the registered variation's
body length. Real OCR on the drawn page (skipped where rapidocr is missing)."""

import pytest

from daemon.ocr.reading import OcrInput, parse


@pytest.mark.parametrize("variant, count_from", [
    ("table", "N row"),  # Microchip style: descriptions, letters and a Number of Pins row
    ("dual", "MS-012 variation")])  # letters only, mm and inch groups: D 4.8-5.0 is AA, 8
def test_untitled_drawn_soic_page(engine, soic_reading, variant, count_from):
    from daemon.synth.pages import package_page

    image = package_page(soic_reading, variant, titled=False)
    page = engine.read(image, name=f"untitled_{variant}")
    assert not any("SOIC" in t.text.upper() for t in page.tokens)  # no family word to read
    reading = parse([OcrInput(page, "package", image=image)])
    assert reading.family == "soic" and reading.pin_count == 8
    assert "MS-012" in reading.notes
    assert reading.body_width.nominal == pytest.approx(3.9)
    assert reading.overall_width.nominal == pytest.approx(6.0)
    if count_from == "MS-012 variation":
        assert "variation" in reading.notes


def _gull_wing(family, pins, pitch, body, tips, length, height):
    from schemas.reading import DatasheetReading
    from schemas.toleranced import Toleranced

    def r(lo, hi):
        return Toleranced(min=lo, nom=round((lo + hi) / 2, 3), max=hi)
    return DatasheetReading(units="mm", family=family, pin_count=pins,
                            pitch=Toleranced(nom=pitch), body_width=r(*body),
                            overall_width=r(*tips), body_length=r(*length),
                            height=Toleranced(max=height))


@pytest.mark.parametrize("drawn, family, pins, numbered", [
    # no letters, no table, no title: the sizes on the dimension lines fix the outline
    (_gull_wing("soic", 8, 1.27, (3.8, 4.0), (5.8, 6.2), (4.8, 5.0), 1.75), "soic", 8, False),
    # MO-178's length holds 5 and 6 leads: the drawing's pin numbers tell
    (_gull_wing("sot23", 6, 0.95, (1.5, 1.7), (2.6, 3.0), (2.8, 3.0), 1.45), "sot23", 6, True),
])
def test_untitled_callout_drawing_names_its_outline(engine, drawn, family, pins, numbered):
    from daemon.synth.pages import package_page

    image = package_page(drawn, "callouts", titled=False, pin_numbers=numbered)
    page = engine.read(image, name=f"untitled_callouts_{family}")
    assert not any(family.upper()[:3] in t.text.upper() for t in page.tokens)
    reading = parse([OcrInput(page, "package", image=image)])
    assert (reading.family, reading.pin_count) == (family, pins)
    assert "no family named" in reading.notes and "check the family" in reading.notes
    assert reading.body_width.nominal == pytest.approx(drawn.body_width.nominal)
    assert reading.body_length.nominal == pytest.approx(drawn.body_length.nominal)
    assert reading.pitch.nominal == pytest.approx(drawn.pitch.nominal)
