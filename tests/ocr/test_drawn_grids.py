"""Land figures drawn as outlines, and grids of more than two pads a side (issue 11: MEMSIC's
WLP land of four thin circles, MEAS's 2 x 4 pad layout), read with no package family."""

import pytest
from PIL import Image, ImageDraw

from daemon.ocr import package_view
from daemon.ocr.drawn_pads import drawn_grid
from daemon.ocr.pad_grid import Axis, grid_pads, solve_axis
from daemon.ocr.reading import OcrInput, parse
from daemon.ocr.tokens import OcrPage, OcrToken
from daemon.readers.base import ReadHints
from schemas.reading import DatasheetReading, ReadPad

H = 20
S = 200  # px per mm


def _tok(text, x, y, w=None, vertical=False, h=H):
    w = w or 12 * len(text)
    box = (x, y, x + h, y + w) if vertical else (x, y, x + w, y + h)
    return OcrToken(text, box, vertical=vertical) if vertical else OcrToken(text, box)


def _circle_land(misread_as_text=True, ink="black", width=2):
    """Four Ø0.23 circles on 0.40 x 0.40, thin outlines, each with an extension line from
    its centre out to a dimension line (MEMSIC's recommended land pattern)."""
    img = Image.new("RGB", (900, 700), "white")
    d = ImageDraw.Draw(img)
    x0, y0, r = 300, 250, 0.23 * S / 2
    centres = [(x0 + i * 0.4 * S, y0 + j * 0.4 * S) for j in (0, 1) for i in (0, 1)]
    for cx, cy in centres:
        d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=ink, width=width)
    for cx, cy in centres[2:]:  # down to the 0.40 across the columns
        d.line((cx, cy, cx, cy + 120), fill="black", width=2)
    low = y0 + 0.4 * S + 110
    d.line((x0 - 20, low, x0 + 0.4 * S + 20, low), fill="black", width=2)
    for cx, cy in centres[1::2]:  # right to the 0.40 across the rows
        d.line((cx, cy, cx + 140, cy), fill="black", width=2)
    right = x0 + 0.4 * S + 130
    d.line((right, y0 - 20, right, y0 + 0.4 * S + 20), fill="black", width=2)
    # Ø0.23 over a dimension line across the top-left circle
    d.line((x0 - r, y0 - r - 30, x0 - r, y0), fill="black", width=2)
    d.line((x0 + r, y0 - r - 30, x0 + r, y0), fill="black", width=2)
    d.line((x0 - r - 10, y0 - r - 20, x0 + r + 10, y0 - r - 20), fill="black", width=2)
    tokens = [_tok("RECOMMENDED LAND PATTERN DESIGN", 100, 150, 380),
              _tok("Ø0.23", x0 - 35, y0 - r - 46, 70),
              _tok("0.40", x0 + 40, y0 + 0.4 * S + 118, 50),
              _tok("0.40", x0 + 0.4 * S + 140, y0 + 15, 50, vertical=True)]
    if misread_as_text:  # OCR reads the top two circles as the letters "OC"
        tokens.append(_tok("OC", x0 - r - 2, y0 - r - 4, 0.4 * S + 2 * r + 4, h=2 * r + 8))
    return OcrInput(OcrPage(tokens, 900, 700, "land"), "land_pattern", image=img)


def test_thin_circles_are_drawn_pads():
    page = _circle_land()
    grid = drawn_grid(page.image, (150, 150, 650, 500), page.page.tokens, H)
    assert grid is not None and len(grid.pads) == 4 and grid.square() and grid.round
    # the outline's middle is the pad edge: 0.23 mm = 46 px, centres 80 px
    assert abs(grid.pad_x - 46) <= 3 and abs(grid.centre_x - 80) <= 1
    assert abs(grid.ratio("x") - 0.23 / 0.40) <= 0.07 * 0.575


def test_hairline_circles_in_light_grey_are_drawn_pads():
    """MEMSIC's MMC5603NJ land at 150 dpi (a second revision of t80's datasheet): one-pixel
    circles of grey 223, lighter than the ink threshold; asked for only where the figure
    shows nothing darker."""
    page = _circle_land(ink=(223, 223, 223), width=1)
    grid = drawn_grid(page.image, (150, 150, 650, 500), page.page.tokens, H)
    assert grid is not None and len(grid.pads) == 4 and grid.round
    assert abs(grid.centre_x - 80) <= 1 and abs(grid.centre_y - 80) <= 1


def test_round_letters_wider_than_tall_are_ink_not_text():
    """Were 'OC' blanked as text, the top circles would vanish and only a 1 x 2 remain."""
    page = _circle_land(misread_as_text=True)
    grid = drawn_grid(page.image, (150, 150, 650, 500), page.page.tokens, H)
    assert grid.count("x") == 2 and grid.count("y") == 2


def test_a_diameter_on_one_axis_sizes_round_pads_on_both():
    reading = parse([_circle_land()], ReadHints())
    assert reading.family == "other" and reading.pin_count == 4
    assert {(p.size_x, p.size_y, p.shape) for p in reading.pads} == {(0.23, 0.23, "circle")}
    xs, ys = sorted({p.x for p in reading.pads}), sorted({p.y for p in reading.pads})
    assert xs == pytest.approx([-0.2, 0.2]) and ys == pytest.approx([-0.2, 0.2])


def test_a_fine_pitch_gap_is_allowed():
    """A 0.4 mm pitch WLP leaves 0.17 mm between its 0.23 lands."""
    assert solve_axis([0.23, 0.4], None, 0.575, 2) == Axis(0.23, 2, 0.4)


# -- two columns of four ------------------------------------------------------------------
def _two_by_four():
    """Hatched 1.1 x 0.6 pads, two columns 2.2 apart, four rows at 1.25 (MEAS MS5607),
    the pitch printed three times along one turned chain."""
    s = 100
    img = Image.new("RGB", (1000, 800), "white")
    d = ImageDraw.Draw(img)
    x0, y0 = 400, 150
    # the body under the pads, its outline joining them into one figure
    d.rectangle((x0 - 0.4 * s, y0 - 0.2 * s, x0 + 2.6 * s, y0 + 3.95 * s), outline="black")
    for cx in (x0, x0 + 2.2 * s):
        for k in range(4):
            cy = y0 + k * 1.25 * s
            box = (cx - 0.55 * s, cy - 0.3 * s, cx + 0.55 * s, cy + 0.3 * s)
            d.rectangle(box, fill=(150, 150, 150), outline="black", width=2)
    d.line((x0, y0 - 80, x0, y0 - 40), fill="black")
    d.line((x0 + 2.2 * s, y0 - 80, x0 + 2.2 * s, y0 - 40), fill="black")
    d.line((x0, y0 - 60, x0 + 2.2 * s, y0 - 60), fill="black")
    d.line((x0 - 140, y0, x0 - 80, y0), fill="black")
    d.line((x0 - 120, y0, x0 - 120, y0 + 3.75 * s), fill="black")
    for y in (y0 + 3.75 * s - 30, y0 + 3.75 * s + 30):  # the 0.6 across the last pad
        d.line((x0 + 2.75 * s + 5, y, x0 + 2.75 * s + 60, y), fill="black")
    d.line((x0 + 2.75 * s + 45, y0 + 3.75 * s - 30, x0 + 2.75 * s + 45, y0 + 3.75 * s + 30),
           fill="black")
    tokens = [_tok("RECOMMENDED PAD LAYOUT", 100, 40, 300),
              _tok("2.2", x0 + 90, y0 - 90, 36),
              _tok("1.,25_.1.25_..1.25", x0 - 150, y0 + 20, 330, vertical=True),
              _tok("0.6", x0 + 2.75 * s + 50, y0 + 3.75 * s - 18, 36, vertical=True),
              _tok("1.1", x0 + 2.2 * s - 20, y0 + 3.75 * s + 70, 36)]
    d.line((x0 + 1.65 * s, y0 + 3.75 * s + 40, x0 + 1.65 * s, y0 + 3.75 * s + 90), fill="black")
    d.line((x0 + 2.75 * s, y0 + 3.75 * s + 40, x0 + 2.75 * s, y0 + 3.75 * s + 90), fill="black")
    d.line((x0 + 1.65 * s, y0 + 3.75 * s + 60, x0 + 2.75 * s, y0 + 3.75 * s + 60), fill="black")
    return OcrInput(OcrPage(tokens, 1000, 800, "land"), "land_pattern", image=img)


def test_two_columns_of_four_drawn_pads():
    page = _two_by_four()
    grid = drawn_grid(page.image, (250, 60, 800, 620), [], H)
    assert grid is not None and (grid.count("x"), grid.count("y")) == (2, 4) and not grid.round
    assert abs(grid.centre_y - 125) <= 2 and abs(grid.pad_y - 60) <= 3


def test_the_pitch_of_a_drawn_row_is_picked_by_its_proportions():
    assert solve_axis([1.25, 1.25, 1.25, 0.6], None, 0.6 / 1.25, 4) == Axis(0.6, 4, 1.25)
    assert solve_axis([1.25, 0.6], None, 0.6 / 1.85, 4) == Axis(0.6, 4, 1.85)  # 1.25 a gap
    assert solve_axis([1.25, 0.6], None, None, 4) is None  # no drawing, no pick


def test_two_columns_are_numbered_round_like_a_dfn():
    pads = grid_pads(Axis(1.1, 2, 2.2), Axis(0.6, 4, 1.25))
    at = [(p["number"], p["x"], p["y"]) for p in pads]
    assert at == [("1", -1.1, -1.875), ("2", -1.1, -0.625), ("3", -1.1, 0.625),
                  ("4", -1.1, 1.875), ("5", 1.1, 1.875), ("6", 1.1, 0.625),
                  ("7", 1.1, -0.625), ("8", 1.1, -1.875)]


def test_a_two_by_four_land_page_is_read():
    reading = parse([_two_by_four()], ReadHints())
    assert reading.pin_count == 8 and "check pin 1" in reading.notes
    assert {(p.size_x, p.size_y) for p in reading.pads} == {(1.1, 0.6)}
    assert sorted({p.x for p in reading.pads}) == pytest.approx([-1.1, 1.1])
    assert sorted({p.y for p in reading.pads}) == pytest.approx([-1.875, -0.625, 0.625, 1.875])


# -- the body from a second screenshot ----------------------------------------------------
def _grid_reading(span_y):
    pads = [ReadPad(number=str(i + 1), kind="smd", shape="rect", x=x, y=y, size_x=1.1,
                    size_y=0.6, inferred=True)
            for i, (x, y) in enumerate([(-1.1, -span_y / 2), (1.1, -span_y / 2),
                                        (-1.1, span_y / 2), (1.1, span_y / 2)])]
    return DatasheetReading(units="mm", family="other", pin_count=4, pads=pads, notes="grid")


class _Item:
    role = "package"
    image = None


@pytest.mark.parametrize("span_y, want", [
    (3.75, (3.0, 5.0)),  # pads reach further down than across: the long side is y
    (0.5, (5.0, 3.0)),  # ... further across: the long side is x
])
def test_the_package_drawing_body_lies_along_the_pads_long_span(monkeypatch, span_y, want):
    monkeypatch.setattr(package_view, "drawing_body", lambda item: ({"x": 3.0, "y": 5.0}, 1.0))
    got = package_view.with_package_body(_grid_reading(span_y), [_Item()])
    assert (got.body_length.nominal, got.body_width.nominal) == want
    assert got.height.max == 1.0 and "package drawing" in got.notes


def test_a_rectangular_body_over_a_square_grid_is_not_placed(monkeypatch):
    monkeypatch.setattr(package_view, "drawing_body", lambda item: ({"x": 3.0, "y": 5.0}, None))
    got = package_view.with_package_body(_grid_reading(2.7), [_Item()])  # 3.3 both ways
    assert got.body_length is None and "not placed" in got.notes


def test_a_body_side_shorter_than_the_pads_span_is_another_view_size(monkeypatch):
    """ams' OLGA-8 (t90): the package screenshot's side view prints 3.100 wide and 1 +-0.100
    high, its top view a boxed 2 OCR drops: 3.1 x 1.0 is no body for pads spanning 1.85."""
    monkeypatch.setattr(package_view, "drawing_body", lambda item: ({"x": 3.1, "y": 1.0}, None))
    got = package_view.with_package_body(_grid_reading(1.25), [_Item()])  # 3.3 x 1.85
    assert got.body_length is None and got.body_width is None
    assert "not taken as the body" in got.notes


def test_round_lands_take_the_ball_names_the_page_prints():
    """MEMSIC's package drawing labels the balls' rows A, B and columns 1, 2: the four
    round lands are A1 (top left, as the board sees them), A2, B1, B2, not a crystal's 1-4."""
    page = _circle_land()
    labels = [_tok(t, 700 + 30 * i, 600) for i, t in enumerate(("A", "B", "1", "2"))]
    page.page.tokens.extend(labels)
    reading = parse([page], ReadHints())
    at = {p.number: (p.x, p.y) for p in reading.pads}
    assert set(at) == {"A1", "A2", "B1", "B2"}
    assert at["A1"][0] < at["A2"][0] and at["A1"][1] < at["B1"][1]  # y grows downwards
    assert "ball map" in reading.notes


def test_round_lands_without_ball_labels_keep_the_grid_numbers():
    reading = parse([_circle_land()], ReadHints())
    assert {p.number for p in reading.pads} == {"1", "2", "3", "4"}
