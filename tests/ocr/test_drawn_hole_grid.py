"""A land figure that prints one hole diameter without a count (issue 11, E-Switch's
PBH4UOANAGX "P.C. MOUNTING": Ø1.00, 2.50 both ways, pins 12 / 7 over 6 / 1): the drawn
round outlines give the count and the lattice, the printed spacings its pitch, the corner
pin numbers its numbering."""

import pytest
from PIL import Image, ImageDraw

from daemon.ocr.hole_row import lattice_numbers
from daemon.ocr.layout import drawing_read_as_text
from daemon.ocr.reading import OcrInput, parse
from daemon.ocr.tokens import OcrPage, OcrToken
from daemon.readers.base import ReaderError, ReadHints

X0, Y0, R = 200, 200, 8  # the top-left hole's centre and the drawn radius, px


def _tok(text, x, y, w=None):
    w = w or 12 * len(text)
    return OcrToken(text, (x, y, x + w, y + 20))


def _mounting_page(cols=6, rows=2, step_x=50, step_y=50, labels=("12", "7", "6", "1"),
                   spacings=("2.50", "2.50"), extra=()):
    """E-Switch's P.C. mounting as drawn: outlined holes on centre lines, the spacing of
    the first two columns above, of the two rows to the right, the diameter's leader at
    the top-left hole, the pin numbers beside the four corner holes, the caption under."""
    img = Image.new("RGB", (900, 600), "white")
    d = ImageDraw.Draw(img)
    right, bottom = X0 + (cols - 1) * step_x, Y0 + (rows - 1) * step_y
    for r in range(rows):
        for c in range(cols):
            cx, cy = X0 + c * step_x, Y0 + r * step_y
            d.ellipse((cx - R, cy - R, cx + R, cy + R), outline="black", width=2)
    for x in (X0, X0 + step_x):  # 2.50 across the first two columns, arrows outside
        d.line((x, Y0 - 70, x, Y0 - 15), fill="black", width=1)
    d.line((X0 - 40, Y0 - 50, X0, Y0 - 50), fill="black", width=1)
    d.line((X0 + step_x, Y0 - 50, X0 + step_x + 40, Y0 - 50), fill="black", width=1)
    for y in (Y0, bottom):  # the row spacing to the right
        d.line((right + 15, y, right + 80, y), fill="black", width=1)
    d.line((right + 60, Y0 - 40, right + 60, bottom + 40), fill="black", width=1)
    d.line((X0 - 60, Y0 - 30, X0 - 6, Y0 - 6), fill="black", width=1)  # the leader
    tokens = [_tok(spacings[0], X0 + 5, Y0 - 95, 50), _tok(spacings[1], right + 70, Y0 - 60, 50),
              _tok("Ø1.00", X0 - 120, Y0 - 55, 60),
              _tok("P.C. MOUNTING", (X0 + right) // 2 - 80, bottom + 80, 160)]
    spots = [(X0 - 10, Y0 - 35), (right - 5, Y0 - 35), (X0 - 10, bottom + 14),
             (right - 5, bottom + 14)]  # top-left, top-right, bottom-left, bottom-right
    tokens += [_tok(t, x, y, 14 * len(t)) for t, (x, y) in zip(labels, spots) if t]
    tokens += [_tok(t, x, y, w) for t, x, y, w in extra]
    return OcrInput(OcrPage(tokens, 900, 600, "mounting"), "both", image=img)


def _by_number(reading):
    return {p.number: (p.x, p.y) for p in reading.pads}


def test_the_drawn_holes_make_the_grid_and_the_corner_numbers_its_numbering():
    reading = parse([_mounting_page()], ReadHints())
    assert reading.family == "other" and reading.pin_count == 12
    assert {p.drill for p in reading.pads} == {1.0}
    assert sorted({p.x for p in reading.pads}) == [-6.25, -3.75, -1.25, 1.25, 3.75, 6.25]
    assert sorted({p.y for p in reading.pads}) == [-1.25, 1.25]
    pads = _by_number(reading)
    # pins 1..6 along the bottom row from the right, 7..12 along the top from the right
    assert pads["1"] == (6.25, 1.25) and pads["6"] == (-6.25, 1.25)
    assert pads["7"] == (6.25, -1.25) and pads["12"] == (-6.25, -1.25)
    assert all(p.inferred and p.kind == "tht" for p in reading.pads)
    # land = hole + 2 x 0.35 (IPC-2222 nominal), under the 2.5 - 0.2 the spacing allows
    assert {p.size_x for p in reading.pads} == {1.7}
    assert "printed pin numbers" in reading.notes


def test_a_corner_number_that_lost_its_leading_digit_still_agrees():
    """OCR read the 12 as "2": 2 is what 12 ends with, so the numbering 7 and 6 fix holds;
    a 3 there fits no numbering of the drawn lattice: a hole missed or the labels misread,
    and the page is left to the user rather than built."""
    pads = _by_number(parse([_mounting_page(labels=("2", "7", "6", ""))], ReadHints()))
    assert pads["1"] == (6.25, 1.25) and pads["12"] == (-6.25, -1.25)
    with pytest.raises(ReaderError):
        parse([_mounting_page(labels=("3", "7", "6", ""))], ReadHints())


def test_corner_numbers_past_the_drawn_count_read_nothing():
    """Twelve pins printed, ten holes drawn (a small screenshot lost a column): the count
    is doubtful, nothing is built."""
    with pytest.raises(ReaderError):
        parse([_mounting_page(cols=5, labels=("12", "8", "6", "1"))], ReadHints())


def test_without_corner_numbers_the_numbering_is_said_to_be_unchecked():
    reading = parse([_mounting_page(labels=())], ReadHints())
    assert reading.pin_count == 12 and "not printed at the corners" in reading.notes
    assert _by_number(reading)["1"] == (-6.25, -1.25)  # along the rows from the top left


def test_two_spacings_go_to_the_axes_the_drawing_proportions_say():
    reading = parse([_mounting_page(cols=4, step_x=40, step_y=80, labels=(),
                                    spacings=("2.54", "5.08"))], ReadHints())
    assert sorted({p.x for p in reading.pads}) == [-3.81, -1.27, 1.27, 3.81]
    assert sorted({p.y for p in reading.pads}) == [-2.54, 2.54]


def test_spacings_the_drawing_contradicts_read_nothing():
    """2.54 and 5.08 printed, the rows drawn as close as the columns: which is which is not
    plain, so the page is left to the user."""
    with pytest.raises(ReaderError):
        parse([_mounting_page(cols=4, labels=(), spacings=("2.54", "5.08"))], ReadHints())


def test_a_lone_o_over_a_drawn_circle_is_drawing():
    assert drawing_read_as_text(OcrToken("o", (488, 275, 511, 299)), 25.6)
    assert not drawing_read_as_text(OcrToken("on", (488, 275, 531, 299)), 25.6)


def test_lattice_numbers_of_a_dip_like_turn():
    """Labels 1 bottom-left, 4 bottom-right, 5 top-right: a DIP's turn (8 top-left)."""
    from daemon.ocr.drawn_pads import DrawnGrid

    pads = tuple((x - 5, y - 5, x + 5, y + 5) for y in (0, 50) for x in (0, 50, 100, 150))
    grid = DrawnGrid(pads, 10, 10, 50, 50, 4, 2, True)
    labels = [OcrToken("1", (-5, 62, 5, 80)), OcrToken("4", (145, 62, 155, 80)),
              OcrToken("5", (145, -30, 155, -12))]
    numbers, how = lattice_numbers(grid, labels)
    assert [numbers[i] for i in range(8)] == ["8", "7", "6", "5", "1", "2", "3", "4"]
    assert "printed pin numbers" in how


def test_outlines_traced_a_pixel_step_apart_are_one_size():
    """Small circles of a 200-dpi render trace as 12 or 14 pixels across (the 2-pixel grid
    outlines are traced on): one size of hole, beyond 15 % of 12 as that is."""
    from daemon.ocr.drawn_pads import _best_grid

    boxes = {}
    for r in range(2):
        for c in range(6):
            w, ht = (12, 14) if (r + c) % 2 else (14, 12)  # as traced on the real page
            x, y = 100 + 40 * c, 100 + 40 * r
            boxes[(x, y, x + w, y + ht)] = 0.8
    grid = _best_grid(boxes, 0, 0)
    assert grid is not None and (grid.nx, grid.ny) == (6, 2) and grid.round
