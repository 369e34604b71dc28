"""Crystals' pad grids (daemon.ocr.pad_grid): each axis from the numbers along it, and the
grid numbered as KiCad's crystal footprints."""

import pytest

from daemon.ocr.callouts import LAND_HEADING
from daemon.ocr.figures import Figure
from daemon.ocr.layout import squash
from daemon.ocr.numbers import parse_values
from daemon.ocr.package_callouts import Dim
from daemon.ocr.pad_grid import Axis, body_values, grid_pads, is_crystal, solve_axis
from daemon.ocr.tokens import OcrToken


@pytest.mark.parametrize("values, body, want", [
    ([0.85, 0.5, 1.35], 2.0, Axis(0.85, 2, 1.35)),  # ECS: pad, gap, centres
    ([1.4, 2.2], 3.4, Axis(1.4, 2, 2.2)),  # IQD: pad and centres (gap 0.8)
    ([1.15, 1.6], 2.7, Axis(1.15, 2, 1.6)),
    # Jauch: pad 0.7 with a 0.8 gap, or pad 0.8 with a 0.7 gap: only the drawing can say
    # (tests/ocr/test_family_less_land.py)
    ([0.8, 0.7], 2.0, None),
    ([1.4], 2.0, Axis(1.4, 1)),  # one pad on this axis
    ([1.0, 1.5], None, None),  # no body to choose between the two readings
])
def test_axis_readings(values, body, want):
    assert solve_axis(values, body) == want


def test_a_number_over_a_drawn_pad_is_that_pads_size():
    """Lite-On's 0603 land: "0.8" over the right pad, "2.3" across both, pads drawn 70 px
    wide at 135 px centres. The proportions alone fit pad 0.8 at 1.5 (outer span 2.3) and
    0.75 pads 1.55 apart (inner 0.8, outer 2.3) about as well; the 0.8 over a pad says
    which. Where the number over a pad fits no reading (Jauch: another view's 0.8), the
    proportions decide as before."""
    assert solve_axis([0.8, 2.3], None, 70 / 135, 2) is None
    assert solve_axis([0.8, 2.3], None, 70 / 135, 2, over_a_pad=[0.8]) == Axis(0.8, 2, 1.5)
    assert solve_axis([0.8, 0.7], 2.0, 54 / 114, 2, over_a_pad=[0.8]) == Axis(0.7, 2, 1.5)


def test_two_by_two_numbered_like_kicad_with_the_crystal_pins_diagonal():
    pads = grid_pads(Axis(1.4, 2, 2.2), Axis(1.15, 2, 1.6))
    at = {p["number"]: (p["x"], p["y"]) for p in pads}
    # KiCad Crystal_SMD_3225-4Pin: 1 (-1.1, 0.85), 2 (1.1, 0.85), 3 (1.1, -0.85), 4 (-1.1, -0.85)
    assert at == {"1": (-1.1, 0.8), "2": (1.1, 0.8), "3": (1.1, -0.8), "4": (-1.1, -0.8)}
    assert all(p["inferred"] and p["size_x"] == 1.4 and p["size_y"] == 1.15 for p in pads)


def test_one_by_two_left_to_right():
    pads = grid_pads(Axis(0.8, 2, 1.5), Axis(1.4, 1))
    assert [(p["number"], p["x"], p["y"]) for p in pads] == [("1", -0.75, 0.0),
                                                             ("2", 0.75, 0.0)]


def test_crystal_words():
    tok = OcrToken("Quartz Crystal Specification", (0, 0, 300, 20))
    assert is_crystal([tok]) and is_crystal([], "XTAL 3225") and not is_crystal([], "SOIC-8")


def test_pad_connections_list_counts_the_pads():
    from daemon.ocr.pad_grid import connection_count

    def tok(text, x, y):
        return OcrToken(text, (x, y, x + 120, y + 20))

    iqd = [tok("Pad Connections", 450, 140), tok("1. Crystal", 450, 173),
           tok("2. GND", 450, 210), tok("3. Crystal", 450, 244), tok("4. GND", 450, 279)]
    assert connection_count(iqd, 30) == 4
    ecs = [tok("Pad Connections", 440, 400), tok("1", 450, 425), tok("In/Out", 500, 425),
           tok("2", 450, 450), tok("Gnd", 500, 450)]
    assert connection_count(ecs, 25) == 2
    assert connection_count([tok("Dimensions", 0, 0)], 25) is None


def test_no_land_reaches_past_twice_the_body():
    """On Shine's switch land: 4.4 (inner) and 8 (outer span) across a 6.4 mm part, pads
    drawn 30 px at 106 px centres. The proportions fit 1.8 pads 6.2 apart and a 4.4 pad at
    16 mm from the centre line about equally; the body rules the second out."""
    assert solve_axis([4.4, 8.0], None, 30 / 106, 2) is None
    assert solve_axis([4.4, 8.0], 6.4, 30 / 106, 2) == Axis(1.8, 2, 6.2)
    assert solve_axis([2.6, 4.8], 5.2, 18 / 64, 2) == Axis(1.1, 2, 3.7)


def _dim(text: str, box, axis):
    return Dim(parse_values(text)[0], box, axis)


def test_the_top_view_is_the_larger_of_two_views_printing_both_axes():
    """On Shine's page: the top view prints 5.2 and 6.4 across and 5.2 down, the side view
    below it the plunger's 2.2 across and 1.6 high; a numbered specification list ("1.",
    "2.") far off to the right is no pin labelling. The body is the top view's."""
    top, side, land = Figure((120, 65, 490, 360), 1), Figure((145, 445, 485, 575), 1), \
        Figure((160, 715, 400, 905), 1)
    dims = [_dim("5.2", (237, 278, 266, 297), "x"), _dim("6.4", (237, 320, 265, 338), "x"),
            _dim("5.2", (453, 156, 472, 184), "y"), _dim("2.2", (232, 445, 269, 462), "x"),
            _dim("1.6", (451, 508, 468, 535), "y"), _dim("1", (518, 716, 531, 727), None),
            _dim("2", (517, 740, 532, 752), None)]
    body = body_values(dims, land.box, (top, land, side))
    assert (body["x"].value, body["y"].value) == (6.4, 5.2)


@pytest.mark.parametrize("heading", ["P.C.B LAND DIMENSION", "Recommend Soldering Pad",
                                     "Landing Pattern", "RECOMMENDED LAND PATTERN"])
def test_land_headings(heading):
    assert LAND_HEADING.search(squash(heading))


@pytest.mark.parametrize("caption, found", [
    ("BOTTOM VIEW", True), ("(BOTTOM VI EVWy", True),  # MEMSIC's caption as OCR read it
    ("BOTTOM VIEVV", True), ("TOP VIEW", False), ("BOTTOM", False)])
def test_a_bottom_view_caption_as_ocr_spells_it(caption, found):
    from daemon.ocr.pad_grid import BOTTOM_VIEW_CAPTION

    assert bool(BOTTOM_VIEW_CAPTION.search(squash(caption))) == found
