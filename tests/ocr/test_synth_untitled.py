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
