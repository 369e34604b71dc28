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


def test_dark_share_is_the_mean_of_the_run():
    """The constant-time share of dark pixels along a row or column (asked millions of
    times per page by the dimension-line checks) is the plain mean, clipped at the edges."""
    import random

    import numpy as np

    rng = np.random.default_rng(7)
    image = Image.fromarray(((rng.random((40, 60)) > 0.5) * 255).astype("uint8"))
    drawing = Drawing(image)
    random.seed(7)
    for _ in range(300):
        row = random.random() < 0.5
        index = random.randrange(drawing.height if row else drawing.width)
        n = drawing.width if row else drawing.height
        a = random.randrange(n)
        b = random.randrange(a, n + 5)  # past the edge: clipped, as numpy slices are
        want = drawing.dark[index, a:b + 1].mean() if row else drawing.dark[a:b + 1, index].mean()
        assert abs(drawing.dark_share(index, a, b, row) - want) < 1e-12
