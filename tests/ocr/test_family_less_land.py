"""Family-less land figures (issue 11): a page that names no package family but draws a
land figure of equal pads (crystals whose crop lost the word, tactile switches, buzzers)
is read as the pads it prints, not only when it says "crystal"."""

import pytest
from PIL import Image, ImageDraw

from daemon.ocr.drawing import Drawing
from daemon.ocr.drawn_pads import drawn_grid
from daemon.ocr.package_callouts import axis_of
from daemon.ocr.pad_grid import Axis, solve_axis
from daemon.ocr.reading import OcrInput, parse
from daemon.ocr.tokens import OcrPage, OcrToken
from daemon.readers.base import ReaderError, ReadHints

H = 20


def _tok(text, x, y, w=None, vertical=False):
    w = w or 12 * len(text)
    box = (x, y, x + H, y + w) if vertical else (x, y, x + w, y + H)
    return OcrToken(text, box, vertical=vertical) if vertical else OcrToken(text, box)


def _two_pad_page(caption="Pad Layout", count_words=(), labels=("0.8", "0.7", "1.4")):
    """Two 0.8 x 1.4 pads 0.7 apart drawn at 100 px/mm, dimensioned like Jauch's JTX210:
    the pad's width and the gap along x, the pad's height along y."""
    img = Image.new("RGB", (900, 600), "white")
    d = ImageDraw.Draw(img)
    s = 100
    x0, y0 = 300, 200
    left = (x0, y0, x0 + 0.8 * s, y0 + 1.4 * s)
    right = (x0 + 1.5 * s, y0, x0 + 2.3 * s, y0 + 1.4 * s)
    for box in (left, right):
        d.rectangle(box, fill=(150, 150, 150), outline="black", width=2)
    # 0.8 over the left pad, 0.7 under the gap, 1.4 beside the right pad
    d.line((left[0], y0 - 60, left[0], y0 - 5), fill="black", width=1)
    d.line((left[2], y0 - 60, left[2], y0 - 5), fill="black", width=1)
    d.line((left[0], y0 - 40, left[2], y0 - 40), fill="black", width=1)
    d.line((left[2], y0 + 1.4 * s + 5, left[2], y0 + 1.4 * s + 70), fill="black", width=1)
    d.line((right[0], y0 + 1.4 * s + 5, right[0], y0 + 1.4 * s + 70), fill="black", width=1)
    d.line((left[2] - 60, y0 + 1.4 * s + 50, right[0] + 60, y0 + 1.4 * s + 50), fill="black",
           width=1)
    d.line((right[2] + 5, y0, right[2] + 80, y0), fill="black", width=1)
    d.line((right[2] + 5, y0 + 1.4 * s, right[2] + 80, y0 + 1.4 * s), fill="black", width=1)
    d.line((right[2] + 60, y0, right[2] + 60, y0 + 1.4 * s), fill="black", width=1)
    tokens = [_tok(labels[0], left[0] + 25, y0 - 64, 36),
              _tok(labels[1], left[2] - 50, y0 + 1.4 * s + 28, 36),
              _tok(labels[2], right[2] + 64, y0 + 50, 36, vertical=True),
              _tok(caption, 330, 460, 160), _tok("in mm", 700, 460, 70)]
    tokens += [_tok(w, 40, 40 + 30 * i) for i, w in enumerate(count_words)]
    return OcrInput(OcrPage(tokens, 900, 600, "grid"), "both", image=img)


def test_a_land_figure_of_two_pads_needs_no_family_word():
    reading = parse([_two_pad_page()], ReadHints())
    assert reading.family == "other" and reading.pin_count == 2
    sizes = {(p.size_x, p.size_y) for p in reading.pads}
    assert sizes == {(0.8, 1.4)}
    xs = sorted(p.x for p in reading.pads)
    assert abs((xs[1] - xs[0]) - 1.5) < 1e-6


def test_a_land_figure_marked_in_inches_is_read_in_mm():
    """Linx's pad layout marks its sizes in inches (0.040" pads 0.260" apart) on a page
    whose body is in mm: the marked sizes are converted, whatever the page's unit."""
    reading = parse([_two_pad_page(labels=('0.0315"', '0.0276"', '0.0551"'))], ReadHints())
    assert reading.units == "mm"
    (sx, sy), = {(p.size_x, p.size_y) for p in reading.pads}
    assert sx == pytest.approx(0.8, abs=0.001) and sy == pytest.approx(1.4, abs=0.001)
    xs = sorted(p.x for p in reading.pads)
    assert xs[1] - xs[0] == pytest.approx(1.5, abs=0.002)


def test_the_page_counting_other_pins_keeps_its_question():
    """A pin count printed on the page that is not the figure's pad count: no grid."""
    with pytest.raises(ReaderError):
        parse([_two_pad_page(count_words=("3-Pin",))], ReadHints())


# -- the drawn pads choose between readings the numbers leave open ------------------------
def _hatched_grid(pad=(60, 44), centres=(320, 180), hatch=6):
    """Four hatched pads with centre lines through them (C&K's and the 6x6 switch's PCB
    drawings), at (200, 100)."""
    img = Image.new("RGB", (700, 500), "white")
    d = ImageDraw.Draw(img)
    for cx in (200, 200 + centres[0]):
        for cy in (100, 100 + centres[1]):
            x0, y0 = cx - pad[0] / 2, cy - pad[1] / 2
            d.rectangle((x0, y0, x0 + pad[0], y0 + pad[1]), outline="black", width=2)
            for k in range(-pad[1], pad[0], hatch):  # 45 degree hatch, clipped to the pad
                a = (x0 + max(k, 0), y0 + max(-k, 0))
                b = (x0 + min(k + pad[1], pad[0]), y0 + min(pad[0] - k, pad[1]))
                d.line((a, b), fill="black", width=1)
            d.line((cx - pad[0], cy, cx + pad[0], cy), fill="black", width=1)
            d.line((cx, cy - pad[1], cx, cy + pad[1]), fill="black", width=1)
    d.line((200 - 60, 490, 200 + centres[0] + 60, 490), fill="black", width=1)
    return img


def test_hatched_pads_crossed_by_centre_lines_are_found():
    grid = drawn_grid(_hatched_grid(), (100, 40, 620, 360), [], H)
    assert grid is not None and len(grid.pads) == 4
    assert abs(grid.pad_x - 60) <= 3 and abs(grid.pad_y - 44) <= 3
    assert abs(grid.centre_x - 320) <= 2 and abs(grid.centre_y - 180) <= 2


def test_outline_only_figure_has_no_drawn_pads():
    img = Image.new("RGB", (400, 300), "white")
    ImageDraw.Draw(img).rectangle((50, 50, 300, 200), outline="black", width=2)
    assert drawn_grid(img, (0, 0, 400, 300), [], H) is None


@pytest.mark.parametrize("values, ratio, want", [
    ([0.8, 0.7], 0.7 / 1.5, Axis(0.7, 2, 1.5)),  # Jauch: the 0.8 is the gap
    ([0.8, 0.7], 0.8 / 1.5, Axis(0.8, 2, 1.5)),  # the same numbers drawn the other way
    ([6.5, 9.5], 1.5 / 8.0, Axis(1.5, 2, 8.0)),  # inner and outer span (6x6 switch)
    ([6.0, 4.5], 1.5 / 6.0, Axis(1.5, 2, 6.0)),  # centres and the gap between (C&K)
    ([6.5, 9.5], 0.25, None),  # a drawing no reading fits: nothing picked
    ([0.575, 0.638], 0.4545, Axis(0.575, 2, 1.276)),  # ams: 8X 0.638 from the centre line
])
def test_drawn_proportions_pick_the_reading(values, ratio, want):
    assert solve_axis(values, None, ratio, 2) == want


def test_a_row_dimensioned_from_its_centre_line():
    """ams' OLGA-8 pad layout (t90): four pads a row, their centres 4X 0.400 and 4X 1.200
    from the centre line, 0.488 wide; the pitch is twice the innermost offset, read only
    where the outermost is printed too."""
    assert solve_axis([0.4, 1.2, 0.488], None, 0.638, 4) == Axis(0.488, 4, 0.8)
    assert solve_axis([0.4, 1.0, 0.488], None, 0.61, 4) is None  # no outer offset: no 0.8


def test_a_dashed_line_or_a_chamfer_read_as_text_is_no_size():
    """ams' dash-dot centre lines read '8:8:8:80:8:8:8:'; its pin-1 corner '0.250 X 45°'."""
    from daemon.ocr.callouts import collect
    from daemon.ocr.layout import drawing_read_as_text

    toks = [_tok("8：8:8:80:8:8:8:", 100, 100, 60), _tok("0.250 X 45° PIN1", 100, 200, 160),
            _tok("0.488", 100, 300, 60)]
    assert [c.value.value for c in collect(toks, (0, 0, 900, 900))] == [0.488]
    assert drawing_read_as_text(toks[0], 20) and not drawing_read_as_text(toks[2], 20)


def test_a_drawing_not_to_scale_cannot_overrule_printed_arithmetic():
    """ECS draws its 0.5 gap as wide as its 0.85 pads; 0.85 + 0.5 = 1.35 still says it."""
    assert solve_axis([0.85, 0.5, 0.85, 1.35], 2.0, 0.52, 2) == Axis(0.85, 2, 1.35)
    assert solve_axis([0.85, 0.5, 1.35], 2.0, 0.52, 1) is None  # but one pad drawn is no two


# -- which way a dimension runs -----------------------------------------------------------
def test_filled_areas_above_and_below_break_no_dimension_line():
    """Jauch's 0.8: a blue heading band over it and a grey pad under it are no vertical
    dimension line broken by the text; the short line under it is the dimension."""
    img = Image.new("RGB", (400, 300), "white")
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, 400, 40), fill=(79, 144, 205))
    d.rectangle((150, 110, 260, 260), fill=(150, 150, 150))
    d.line((100, 95, 300, 95), fill="black", width=1)
    d.line((150, 60, 150, 108), fill="black", width=1)
    d.line((260, 60, 260, 108), fill="black", width=1)
    assert axis_of(Drawing(img, threshold=200), (160, 62, 196, 90), H) == "x"


def test_a_rule_under_the_captions_is_no_land_figure():
    """Jauch underlines its row of view captions: the land caption belongs to the pads above
    it, not to the rule touching it."""
    from daemon.ocr.figures import Figure, land_figure

    caption = _tok("pad layout", 300, 400, 120)
    rule = Figure((0, 422, 900, 426), 40)
    pads = Figure((290, 250, 460, 360), 30)
    assert land_figure([rule, pads], [caption], H, [caption]) is pads


# -- a row of equal holes ------------------------------------------------------------------
def _hole_row_page(holes="Ø 0.9x2", spacing="2.54"):
    """Kingbright's 5 mm LED (t69): "Recommended PCB Layout" over two 0.9 holes 2.54 apart,
    the spacing dimensioned beside them, the holes' diameter and count under them."""
    img = Image.new("RGB", (700, 500), "white")
    d = ImageDraw.Draw(img)
    for cy in (200, 300):
        d.ellipse((300 - 22, cy - 22, 300 + 22, cy + 22), outline="black", width=2)
        d.line((330, cy, 420, cy), fill="black", width=1)
    d.line((400, 200, 400, 300), fill="black", width=1)
    tokens = [_tok("Recommended PCB Layout", 200, 120, 240), _tok(spacing, 410, 235, 48),
              _tok(holes, 180, 340, 84)]
    return OcrInput(OcrPage(tokens, 700, 500, "row"), "both", image=img)


def test_a_row_of_equal_holes_is_read_as_through_hole_pads():
    reading = parse([_hole_row_page()], ReadHints())
    assert reading.family == "other" and reading.pin_count == 2
    assert {p.drill for p in reading.pads} == {0.9} and all(p.inferred for p in reading.pads)
    xs = sorted(p.x for p in reading.pads)
    assert abs(xs[1] - xs[0] - 2.54) < 1e-6
    assert [p.shape for p in sorted(reading.pads, key=lambda p: p.number)] == ["rect", "circle"]
    assert all(p.size_x == 1.6 for p in reading.pads)  # 0.9 + 2 x 0.35, not printed


def test_holes_closer_than_their_size_are_no_row():
    with pytest.raises(ReaderError):
        parse([_hole_row_page(spacing="0.85")], ReadHints())


@pytest.mark.parametrize("text, value, count", [
    ("Φ 0.9x2", 0.9, 2), ("2xØ1.0", 1.0, 2), ("4xØ0.9", 0.9, 4), ("2-Ø0.65", 0.65, 2),
    ("4 holes Ø1.3", 1.3, 4), ("2 PLCS Ø0.8", 0.8, 2)])
def test_hole_counts_either_side(text, value, count):
    from daemon.ocr.numbers import parse_values

    (v,) = parse_values(text)
    assert (v.value, v.multiplier, v.diameter) == (value, count, True)


def test_a_count_in_words_over_the_hole_counts_it():
    """C&K's PTS125 (t87): "4 holes" on its own line over "Ø1.3", beside a 2 x 2 grid."""
    page = _hole_row_page(holes="Ø1.3", spacing="5.0")
    page.page.tokens.append(_tok("4 holes", 180, 318, 70))
    page.page.tokens.append(_tok("12.5", 380, 140, 40))  # the other axis' spacing
    d = ImageDraw.Draw(page.image)
    for cy in (200, 300):
        d.ellipse((500 - 22, cy - 22, 500 + 22, cy + 22), outline="black", width=2)
        d.line((322, cy, 478, cy), fill="black", width=1)  # centre lines across
    for x in (300, 500):  # its dimension line, along x, over the top holes
        d.line((x, 178, x, 158), fill="black", width=1)
    d.line((300, 165, 500, 165), fill="black", width=1)
    reading = parse([page], ReadHints())
    assert reading.pin_count == 4 and {p.drill for p in reading.pads} == {1.3}
    assert sorted({round(p.x, 3) for p in reading.pads}) == [-6.25, 6.25]
    assert sorted({round(p.y, 3) for p in reading.pads}) == [-2.5, 2.5]


def test_the_part_name_names_a_family_less_footprint():
    reading = parse([_hole_row_page()], ReadHints(part_name="WP7113SGC"))
    assert reading.part_name == "WP7113SGC"
    assert parse([_hole_row_page()], ReadHints(part_name="bad/name?")).part_name is None


def _missed_turned_size(found_on_second_read: bool):
    """The two-pad page whose turned 1.4 the whole page's turned pass lost (read shrunk):
    only a read of the land figure's own region finds it."""
    page = _two_pad_page()
    turned = [t for t in page.page.tokens if t.vertical]
    page.page.tokens = [t for t in page.page.tokens if not t.vertical]

    def rotated(region):
        whole = region[2] - region[0] >= page.page.width - 1
        return [] if whole or not found_on_second_read else list(turned)
    page.rotated = rotated
    return page


def test_the_land_figure_is_read_again_for_turned_sizes_the_page_lost():
    reading = parse([_missed_turned_size(True)], ReadHints())
    assert {(p.size_x, p.size_y) for p in reading.pads} == {(0.8, 1.4)}
    with pytest.raises(ReaderError, match="land figure"):
        parse([_missed_turned_size(False)], ReadHints())


def test_a_run_the_page_read_in_part_is_replaced_by_the_whole():
    """The page's turned pass read `2` of the figure's turned `1.2`; the figure's own read
    has `1.2`: the whole replaces the part, a like run is kept once."""
    from daemon.ocr.region_text import read_region_again

    part = OcrToken("2", (100, 120, 118, 140), vertical=True)
    same = OcrToken("0.5", (100, 160, 118, 190), vertical=True)
    page = OcrInput(OcrPage([part, same], 400, 400, "p"), "both", image=None)
    page.rotated = lambda region: [OcrToken("1.2", (100, 105, 118, 140), vertical=True),
                                   OcrToken("0.5", (100, 160, 118, 190), vertical=True)]
    add, replaced = read_region_again(page, (0, 0, 400, 400), [part, same])
    assert [t.text for t in add] == ["1.2"] and replaced == {id(part)}


def test_glued_numbers_of_a_chain_dimension_are_split_over_the_run():
    from daemon.ocr.region_text import _split_numbers

    parts = _split_numbers(OcrToken("1.40.81.4", (100, 10, 190, 25)))
    assert [p.text for p in parts] == ["1.4", "0.8", "1.4"]
    assert parts[0].box[2] <= parts[1].box[0] and parts[1].box[2] <= parts[2].box[0]
    assert [t.text for t in _split_numbers(OcrToken("1.4 MAX", (0, 0, 50, 10)))] == ["1.4 MAX"]


def test_a_suggested_layout_caption_heads_a_land_figure():
    from daemon.ocr.callouts import heading_tokens

    assert heading_tokens([_tok("Top View Suggested Layout", 0, 0)])


@pytest.mark.parametrize("line_y, x0, x1", [(116, 96, 144), (121, 100, 138)])
def test_a_short_line_right_under_its_text_is_the_dimension_line(line_y, x0, x1):
    """A chain dimension's 0.8 gap (YXC): its line runs right under the text, inside the
    OCR box's bottom band or just below it, no longer than two text lines; the extension
    lines beside it are as long. In a land figure the line hugging the text decides."""
    img = Image.new("RGB", (300, 250), "white")
    d = ImageDraw.Draw(img)
    d.line((x0, line_y, x1, line_y), fill="black", width=1)
    for x in (x0 - 1, x1 + 1):  # extension lines from the pads up past the dimension line
        d.line((x, line_y - 3, x, line_y + 50), fill="black", width=1)
    box = (x0 + 3, 100, x1 - 3, 118)
    assert axis_of(Drawing(img, threshold=200), box, H, hugging=True) == "x"


def test_the_land_figure_is_read_again_only_when_the_page_did_not_read_it():
    """Reading a region again costs OCR passes: a figure the page's own text reads is not
    read again."""
    page = _two_pad_page()
    asked = []

    def rotated(region):
        if region[2] - region[0] < page.page.width - 1:
            asked.append(region)
        return []
    page.rotated = rotated
    reading = parse([page], ReadHints())
    assert reading.pin_count == 2 and asked == []


def test_filled_pads_of_one_size_are_counted_whatever_their_lattice():
    """GlobalMEMS' WLCSP footprint: a 3 x 3 lattice of round lands less its centre."""
    from daemon.ocr.drawn_pads import drawn_pad_count

    img = Image.new("RGB", (600, 600), "white")
    d = ImageDraw.Draw(img)
    for i in range(3):
        for j in range(3):
            if (i, j) != (1, 1):
                x, y = 150 + 115 * i, 150 + 115 * j
                d.ellipse((x - 34, y - 34, x + 34, y + 34), fill=(128, 128, 128))
    d.polygon([(100, 500), (110, 495), (110, 505)], fill="black")  # an arrow head
    assert drawn_pad_count(img, (0, 0, 600, 600), [_tok("0.4", 300, 520, 36)], H) == 8
    assert drawn_pad_count(Image.new("RGB", (600, 600), "white"), (0, 0, 600, 600), [], H) == 0


def test_more_pads_drawn_than_the_grid_has_positions_refuses_the_grid(monkeypatch):
    import daemon.ocr.pad_grid as pad_grid

    monkeypatch.setattr(pad_grid, "drawn_pad_count", lambda *a, **k: 3)
    with pytest.raises(ReaderError, match="land figure"):
        parse([_two_pad_page()], ReadHints())
    monkeypatch.setattr(pad_grid, "drawn_pad_count", lambda *a, **k: 1)  # fewer: hatched
    assert parse([_two_pad_page()], ReadHints()).pin_count == 2


def test_a_land_heading_far_over_its_figure_and_not_its_own_ink():
    """Osram's "Recommended Solder Pad" (its German line under it) stands eight lines over
    the pads; the ink of its own "9) page 19" marks is no figure. Another caption between
    the heading and a far figure keeps that figure from being the heading's."""
    from daemon.ocr.figures import Figure, land_figure

    head = _tok("Recommended Solder Pad 9)page 19", 71, 28, 200)
    german = _tok("Empfohlenes Lotpaddesign", 72, 50, 170)
    ink = Figure((64, 40, 244, 72), 290, [head, german])
    pads = Figure((220, 148, 468, 252), 1404, [_tok("1.2 (0.047)", 240, 232, 60)])
    assert land_figure([ink, pads], [head], 11.7, [head, german]) is pads
    other = _tok("Tape dimensions", 220, 110, 120)
    assert land_figure([ink, pads], [head], 11.7, [head, german, other]) is None


def test_a_size_in_the_gap_between_drawn_pads_measures_along_their_row():
    """Osram's "0.9 (0.035)" under the space between its pads: the pads' extension lines
    beside it make its axis look upright; it is the gap along the row. A bare number there
    (a pin label) is left as it was."""
    from daemon.ocr.drawn_pads import DrawnGrid
    from daemon.ocr.numbers import PrintedValue
    from daemon.ocr.package_callouts import Dim
    from daemon.ocr.pad_grid import _gap_axes

    drawn = DrawnGrid(((236, 158, 308, 230), (362, 158, 436, 230)), 73.0, 72.0, 127.0, None,
                      2, 1)
    gap = Dim(PrintedValue(0.9, text="0.9 (0.035)"), (310, 236, 360, 248), "y")
    label = Dim(PrintedValue(9.0, text="9"), (330, 236, 338, 248), "y")
    side = Dim(PrintedValue(1.2, text="1.2 (0.047)"), (440, 170, 452, 220), "y")
    got = _gap_axes([gap, label, side], drawn)
    assert [d.axis for d in got] == ["x", "y", "y"]


def test_pads_beside_a_figure_that_holds_only_one_of_them():
    """Coilcraft's land: the left pad drawn joined to its dimension lines is the land
    figure, the right pad a figure of its own. The label region's grid counts where one of
    its pads lies in the figure; a grid off the figure (another view's pads) does not."""
    from daemon.ocr.pad_grid import LandFigure, _grid_beside

    im = Image.new("RGB", (600, 400), "white")
    d = ImageDraw.Draw(im)
    d.rectangle((100, 100, 130, 200), fill=(160, 160, 160))
    d.rectangle((170, 100, 200, 200), fill=(160, 160, 160))
    d.line((60, 100, 60, 200), fill="black", width=1)  # the left pad's dimension line
    fig = LandFigure((55, 95, 135, 205), (0, 0, 300, 300), [], [], 15.0)
    grid = _grid_beside(im, fig, [], 15.0)
    assert grid is not None and len(grid.pads) == 2
    away = LandFigure((400, 95, 480, 205), (0, 0, 300, 300), [], [], 15.0)
    assert _grid_beside(im, away, [], 15.0) is None
