"""A two-pad land figure whose proportions alone do not say what its two sizes measure,
read at the scale of its other axis (issue 11: Coilcraft's XFL4020, 0.98 x 3.4 pads at 2.37
centres, grey pads that no line joins), and a table's rows beside the drawing that are no
body (Coilcraft's current ratings)."""

from PIL import Image, ImageDraw

from daemon.ocr.numbers import parse_values
from daemon.ocr.package_callouts import Dim
from daemon.ocr.pad_grid import Axis, body_values, solve_axis
from daemon.ocr.reading import OcrInput, parse
from daemon.ocr.tokens import OcrPage, OcrToken
from daemon.readers.base import ReadHints

H = 20
S = 30  # px per mm, as the 612 px wide page draws its land pattern


def test_the_other_axis_scale_settles_a_tie_of_proportions():
    """0.98 and 2.37 along a row of two pads drawn 28 px wide at 72 px centres: pads 0.98 at
    2.37 and pads 0.695 at 1.675 (inner span 0.98, outer 2.37) have the same proportions.
    At the 30 px/mm the pads' 3.4 mm height is drawn at, only the first fits."""
    assert solve_axis([0.98, 2.37], None, 28 / 72, 2) is None
    assert solve_axis([0.98, 2.37], None, 28 / 72, 2, drawn_mm=(28 / 30, 72 / 30)) \
        == Axis(0.98, 2, 2.37)
    # a drawing the scale does not fit either reading of decides nothing
    assert solve_axis([0.98, 2.37], None, 28 / 72, 2, drawn_mm=(2.0, 5.0)) is None


def _tok(text, x, y, w=None):
    return OcrToken(text, (x, y, x + (w or 11 * len(text)), y + H))


def _coilcraft_land() -> OcrInput:
    """Two grey pads 0.98 x 3.4 mm at 2.37 mm centres under "Land Pattern": the 3.4 is
    dimensioned on the left pad, the 0.98 under the right pad with its arrows pointing in
    from outside, the 2.37 between the pads' centre lines above them; no ink joins the
    pads (the figures of ink are one pad each, with its own lines)."""
    img = Image.new("RGB", (600, 520), "white")
    d = ImageDraw.Draw(img)
    top, pad_w, pad_h, centre = 150, 0.98 * S, 3.4 * S, 2.37 * S
    left = 250
    right = left + centre
    for cx in (left, right):
        d.rectangle((cx - pad_w / 2, top, cx + pad_w / 2, top + pad_h), fill=(166, 166, 166))
    # 3.4: extension lines from the left pad's top and bottom edges to a vertical line
    x_dim = left - pad_w / 2 - 40
    for y in (top, top + pad_h):
        d.line((x_dim - 8, y, left - pad_w / 2, y), fill="black", width=1)
    d.line((x_dim, top, x_dim, top + pad_h), fill="black", width=1)
    # 0.98: extension lines down from the right pad's edges, arrows pointing in from outside
    low = top + pad_h + 40
    for x in (right - pad_w / 2, right + pad_w / 2):
        d.line((x, top + pad_h, x, low + 8), fill="black", width=1)
    d.line((right - pad_w / 2 - 36, low, right - pad_w / 2, low), fill="black", width=1)
    d.line((right + pad_w / 2, low, right + pad_w / 2 + 70, low), fill="black", width=1)
    # 2.37: dashed centre lines up from the pads, arrows pointing in from outside
    for cx, way in ((left, -1), (right, 1)):
        for y in range(top - 70, top, 8):
            d.line((cx, y, cx, y + 4), fill="black", width=1)
        d.line((cx, top - 65, cx + way * 40, top - 65), fill="black", width=1)
    tokens = [_tok("Land Pattern", 200, 30, 130),
              _tok("2.37", left + centre / 2 - 20, top - 75, 40),
              _tok("3.4", x_dim - 40, top + pad_h / 2 - H / 2, 30),
              _tok("0.98", right + pad_w / 2 + 20, low - H - 2, 40)]
    return OcrInput(OcrPage(tokens, 600, 520, "land"), "land_pattern", image=img)


def test_grey_pads_no_line_joins_are_read_at_the_drawings_scale():
    reading = parse([_coilcraft_land()], ReadHints())
    assert reading.pin_count == 2
    assert {(p.size_x, p.size_y) for p in reading.pads} == {(0.98, 3.4)}
    assert sorted(p.x for p in reading.pads) == [-1.185, 1.185]


def _dim(text, box, axis):
    return Dim(parse_values(text)[0], box, axis)


def test_a_tables_rows_are_no_body():
    """Coilcraft's page: a current-rating table (rows of five values, each read with the
    one under it as a limit pair) above the 4.0 x 4.0 top view; the body is the view's."""
    table = [_dim(f"{v:.1f}/{v - 0.4:.1f}", (60 + 90 * i, y, 100 + 90 * i, y + 36), "x")
             for y in (100, 140) for i, v in enumerate((4.5, 5.1, 5.4, 8.0, 11.0))]
    view = [_dim("4.0", (120, 290, 160, 306), "x"), _dim("4.0", (230, 380, 270, 396), "y")]
    body = body_values(table + view, (400, 500, 500, 700))
    assert (body["x"].value, body["y"].value) == (4.0, 4.0)


def test_views_side_by_side_print_on_one_line_without_being_a_table():
    """Jauch's crystal: the top view's 2.0 and the side and land views' sizes on one line,
    with nothing in their columns above or below: no table, the 2.0 stays the body."""
    line = [_dim(t, (x, 90, x + 40, 120), "x")
            for t, x in (("2.0", 195), ("0.8", 1244), ("0.5", 1400), ("0.5", 1500),
                         ("0.6", 1700))]
    body = body_values(line + [_dim("1.6", (348, 267, 373, 331), "y")], (2000, 0, 2400, 400))
    assert (body["x"].value, body["y"].value) == (2.0, 1.6)
