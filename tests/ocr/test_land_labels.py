"""What a land figure's dimension text says, read right (issue 11): the turned pass's second
reading of upright text, whole-number sizes, the caption's underline, text sitting on its
own dimension line between two extension lines, sizes stacked further out than a drawing's.
Each case is drawn after a real tune page (C&K's PTS645 PCB layout, Luminus' soldering
pattern)."""

from types import SimpleNamespace

from PIL import Image, ImageDraw

from daemon.ocr.drawing import Drawing
from daemon.ocr.figures import Figure, land_figure
from daemon.ocr.layout import reads_across, upright_duplicates_dropped
from daemon.ocr.numbers import parse_values
from daemon.ocr.package_callouts import Dim, axis_of
from daemon.ocr.pad_grid import axis_values, body_sizes, whole_size
from daemon.ocr.region_text import read_region_again
from daemon.ocr.tokens import OcrToken


def test_run_shapes():
    assert reads_across(OcrToken("1.60", (0, 0, 40, 19)))
    assert not reads_across(OcrToken("1.60", (0, 0, 19, 40), vertical=True))
    assert reads_across(OcrToken("6", (0, 0, 9, 13)))  # one upright digit is tall
    assert not reads_across(OcrToken("6", (0, 0, 13, 9)))


def test_turned_pass_reading_upright_text_again_is_dropped():
    upright = [OcrToken("1.60", (716, 836, 756, 855))]
    turned = [OcrToken("1.60", (715, 835, 757, 856), vertical=True),  # the same run again
              OcrToken("2.40", (641, 973, 660, 1013), vertical=True),  # truly turned
              OcrToken("0.70", (784, 835, 827, 858), vertical=True)]  # upright, not read
    kept = upright_duplicates_dropped(turned, upright)
    assert [t.text for t in kept] == ["2.40", "0.70"]


def test_upright_reread_replaces_a_glyph_the_turned_pass_read_on_its_side():
    """C&K's `6` over the pads: the page's upright pass missed it, the turned pass read the
    upright glyph as a 9; the figure read again upright says 6."""
    nine = OcrToken("9", (782, 155, 791, 168), vertical=True)
    other = OcrToken("4.5", (774, 188, 798, 207))
    six = OcrToken("6", (780, 154, 791, 170))
    item = SimpleNamespace(page=SimpleNamespace(width=1148, height=644, tokens=[other]),
                           rotated=None, upright=lambda box: [six])
    added, replaced = read_region_again(item, (600, 120, 1000, 480), [nine, other])
    assert [t.text for t in added] == ["6"]
    assert replaced == {id(nine)}


def _dim(text, axis, box=(100, 100, 120, 120)):
    return Dim(parse_values(text)[0], box, axis)


def test_whole_number_sizes_on_dimension_lines_count_in_a_land_figure():
    six, pin, loose = _dim("6", "x"), _dim("1", "x"), _dim("6", None)
    assert whole_size(six) and not whole_size(pin) and not whole_size(loose)
    values = axis_values([six, pin, _dim("4.5", "x"), _dim("1.3", "y")], (0, 0, 500, 500))
    assert values == {"x": [6.0, 4.5], "y": [1.3]}


def test_a_diameter_is_no_side_of_the_body():
    land = (0, 0, 50, 50)  # the sizes below sit outside it
    dims = [_dim("Ø3.5", "x"), _dim("2.5", "x"), _dim("4.5", "y")]
    assert body_sizes(dims, land) == {"x": 2.5, "y": 4.5}


def test_the_captions_own_underline_is_no_figure():
    """Luminus: "Soldering patterns" over a double rule; the figure above it is the land."""
    head = OcrToken("Solderingpatterns", (663, 1149, 886, 1178))
    underline = Figure((651, 1162, 889, 1204), 155)
    pads = Figure((637, 833, 959, 1085), 1086)
    assert land_figure([underline, pads], [head], 21.8) is pads


def _chain_drawing():
    """Pad 1.60, gap 0.70, pad 0.60 dimensioned in a chain over the pads, each number on
    its own short dimension line between two extension lines that run down to the pads;
    the 0.60 sits one line lower, so the extension line it shares with the 0.70 passes it
    at both ends."""
    img = Image.new("RGB", (500, 400), "white")
    d = ImageDraw.Draw(img)
    d.rectangle((60, 150, 220, 390), outline="black", width=2)  # big pad
    d.rectangle((290, 150, 350, 390), outline="black", width=2)  # small pad
    for x, top in ((60, 80), (220, 80), (290, 80), (350, 115)):
        d.line((x, top, x, 150), fill="black", width=2)  # extension lines, into the pad sides
    d.line((60, 102, 220, 102), fill="black", width=2)  # 1.60's dimension line
    d.line((220, 102, 290, 102), fill="black", width=2)  # 0.70's
    d.line((290, 137, 350, 137), fill="black", width=2)  # 0.60's, lower
    return Drawing(img, threshold=200)


def test_text_sitting_on_its_dimension_line_between_extension_lines_measures_along_it():
    drawing = _chain_drawing()
    h = 20
    assert axis_of(drawing, (120, 82, 160, 101), h, hugging=True) == "x"  # 1.60
    assert axis_of(drawing, (232, 82, 278, 101), h, hugging=True) == "x"  # 0.70


def test_a_turned_piece_of_an_upright_run_of_the_same_crop_is_dropped():
    """National's TSSOP length `5+-0.1` read again in a crop of the top view: the turned
    pass reads its `+-` on its side as `I+`, which would hide the upright run."""
    size = OcrToken("5±0.1", (376, 122, 411, 133))
    piece = OcrToken("I+", (385, 123, 392, 132), vertical=True)
    item = SimpleNamespace(page=SimpleNamespace(width=1198, height=808, tokens=[]),
                           rotated=lambda box: [piece], upright=lambda box: [size])
    added, replaced = read_region_again(item, (150, 90, 620, 440), [])
    assert [t.text for t in added] == ["5±0.1"] and not replaced


def test_a_page_border_near_a_figure_does_not_swallow_it():
    """Fairchild's frame: the land figure's dimension line reaches close to the page
    border; joined to it, both were dropped as one frame and the land figure was lost.
    A table's rules inside the page still make one frame that is dropped whole (YXC)."""
    from daemon.ocr.figures import figures

    im = Image.new("L", (800, 1000), 255)
    d = ImageDraw.Draw(im)
    d.rectangle([6, 6, 793, 993], outline=0, width=2)  # the page border
    d.rectangle([80, 80, 380, 380], outline=0, width=3)  # top view
    d.rectangle([500, 100, 640, 300], outline=0, width=3)  # land pattern ...
    d.line([640, 200, 790, 200], fill=0, width=2)  # ... a dimension line out to the border
    boxes = [f.box for f in figures(im, [], 20)]
    assert any(b[0] >= 480 and b[2] <= 800 and b[3] <= 320 for b in boxes), boxes
    assert not any(b[0] <= 10 and b[2] >= 790 for b in boxes), boxes  # no border figure

    table = Image.new("L", (1600, 800), 255)
    d = ImageDraw.Draw(table)
    d.rectangle([100, 100, 1500, 740], outline=0, width=2)  # a table's rules ...
    d.line([800, 100, 800, 740], fill=0, width=2)
    d.rectangle([300, 200, 500, 400], outline=0, width=3)  # ... around two figures
    d.rectangle([1000, 200, 1200, 400], outline=0, width=3)
    boxes = [f.box for f in figures(table, [], 20)]
    assert len(boxes) == 2 and all(b[2] - b[0] < 300 for b in boxes), boxes


def test_the_outline_reading_leaves_the_land_figures_numbers_out():
    """Fairchild's SOT-23: the body's 1.30 is lost to OCR, the land pattern's 1.40 pad sits
    beside the top view; read turned or again, the 1.40 is still the land's, not the body."""
    from daemon.ocr.reading import OcrInput, _figures, _off_the_land
    from daemon.ocr.tokens import OcrPage

    im = Image.new("RGB", (800, 600), "white")
    d = ImageDraw.Draw(im)
    d.rectangle([60, 100, 360, 300], outline="black", width=3)  # top view
    d.rectangle([480, 80, 560, 200], outline="black", width=3)  # land pattern pads
    d.rectangle([480, 300, 560, 420], outline="black", width=3)
    d.line([520, 200, 520, 300], fill="black", width=2)
    caption = OcrToken("LAND PATTERN", (450, 450, 600, 470))
    body = OcrToken("2.92", (180, 70, 220, 90))
    pad = OcrToken("1.40", (440, 120, 460, 160), vertical=True)
    span = OcrToken("2.20", (570, 200, 590, 240), vertical=True)
    pitch = OcrToken("0.95", (500, 45, 540, 65))  # the land's own upright numbers
    spacing = OcrToken("1.90", (600, 240, 640, 260))
    item = OcrInput(OcrPage([caption, body, pitch, spacing], 800, 600, "p"), "both", image=im)
    kept = _off_the_land(item, _figures(item), [caption, body, pad, span])
    assert body in kept and pad not in kept and span not in kept


def test_the_body_is_the_view_that_prints_both_sides():
    """The 6x6 switch (t65): its side view spans the terminals 8.6 along x; the top view
    prints 6 +-0.2 both ways. The body is the top view's, not the largest size per axis;
    without figures the largest per axis stays the rule."""
    land = (600, 300, 800, 500)
    top = Figure((100, 250, 300, 450), 500)
    side = Figure((80, 30, 320, 170), 300)
    dims = [_dim("8.6±0.2", "x", (150, 175, 210, 190)),  # under the side view
            _dim("6±0.2", "x", (170, 225, 220, 240)),  # over the top view
            _dim("6±0.2", "y", (305, 320, 320, 370)),  # beside it
            _dim("4.5±0.1", "y", (270, 330, 285, 370))]
    assert body_sizes(dims, land, [top, side, Figure(land, 100)]) == {"x": 6.0, "y": 6.0}
    assert body_sizes(dims, land) == {"x": 8.6, "y": 6.0}


def _chip_views():
    """Murata's LQH43 (t14): a front view with the length 4.5 +-0.3 under it and the height
    2.6 +-0.2 up its side, an end view with the width 3.2 +-0.2."""
    img = Image.new("RGB", (900, 500), "white")
    d = ImageDraw.Draw(img)
    d.rectangle((100, 100, 400, 280), outline="black", width=3)  # front view
    d.line((100, 290, 100, 330), fill="black", width=1)
    d.line((400, 290, 400, 330), fill="black", width=1)
    d.line((100, 320, 215, 320), fill="black", width=1)  # 4.5, broken by its text
    d.line((285, 320, 400, 320), fill="black", width=1)
    d.line((410, 100, 470, 100), fill="black", width=1)
    d.line((410, 280, 470, 280), fill="black", width=1)
    d.line((460, 100, 460, 160), fill="black", width=1)  # 2.6, broken by its text
    d.line((460, 220, 460, 280), fill="black", width=1)
    d.rectangle((600, 100, 800, 280), outline="black", width=3)  # end view
    d.line((600, 290, 600, 330), fill="black", width=1)
    d.line((800, 290, 800, 330), fill="black", width=1)
    d.line((600, 320, 665, 320), fill="black", width=1)  # 3.2, broken by its text
    d.line((735, 320, 800, 320), fill="black", width=1)
    toks = [OcrToken("4.5±0.3", (218, 310, 282, 330)),
            OcrToken("2.6±0.2", (450, 162, 470, 218), vertical=True),
            OcrToken("3.2±0.2", (668, 310, 732, 330))]
    return img, toks


def test_a_chips_height_is_up_the_view_that_prints_its_length():
    from daemon.ocr.callouts import collect
    from daemon.ocr.figures import figures
    from daemon.ocr.package_callouts import length_view_height

    img, toks = _chip_views()
    drawing = Drawing(img, threshold=200)
    figs = figures(img, toks, 20)
    callouts = collect(toks, (0, 0, 900, 500))
    height = length_view_height(callouts, drawing, 20, figs, 4.5, 3.2)
    assert height is not None and height.value == 2.6
    # a top view: the size up the length's view is the width, no height
    assert length_view_height(callouts, drawing, 20, figs, 4.5, 2.6) is None
