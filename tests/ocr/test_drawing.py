"""Pixel measurements of line drawings (daemon.ocr.drawing) on lines drawn to known size."""

import pytest
from PIL import Image, ImageDraw

from daemon.ocr.drawing import Drawing, span_scale


@pytest.fixture(scope="module")
def sheet():
    image = Image.new("RGB", (600, 400), "white")
    draw = ImageDraw.Draw(image)
    draw.line([(100, 100), (399, 100)], fill="black", width=2)  # 300 px under a text box
    draw.line([(150, 160), (349, 160)], fill="black", width=2)  # 200 px
    draw.rectangle([(450, 50), (470, 149)], outline="black", width=2)  # 100 px tall box
    draw.line([(520, 60), (520, 299)], fill="black", width=2)  # a 240 px vertical line
    draw.line([(480, 300), (560, 300)], fill="black", width=1)  # an extension line
    return Drawing(image)


def test_line_below_a_text_box(sheet):
    assert sheet.line_below((230, 70, 270, 95), depth=20) == (100, 399)
    assert sheet.line_below((230, 10, 270, 30), depth=20) is None  # nothing under it


def test_span_scale_from_two_spans(sheet):
    scale = span_scale(sheet, [((230, 70, 270, 95), 6.0), ((230, 130, 270, 155), 4.0)], 20)
    assert scale.px_per_mm == pytest.approx(50.0)
    assert scale.centre_x == pytest.approx(249.5)
    assert scale.spread == pytest.approx(0.0)
    assert span_scale(sheet, [((230, 70, 270, 95), 6.0)], 20) is None  # one span is no scale


def test_vertical_segments_and_dimension_lines(sheet):
    assert sheet.vertical_segment(451, 100, 0, 400) == (50, 149)
    assert sheet.vertical_segment(451, 160, 0, 400) is None  # no edge of that length
    text = (525, 120, 545, 240)  # turned text right of the 240 px line
    assert sheet.dimension_line_beside(text, 240) == (60, 300)  # ends on the extension line
    assert sheet.dimension_line_beside(text, 180) is None
