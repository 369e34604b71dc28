"""A DFN page drawn in micrometres with a pin-out and a board layout of bare numbers (issue 11:
TAOS's TCS3472, t82): its sizes in mm, its pin count from the pin-out, its pads from a land
figure that prints each pad's length once per column and no gap."""

import pytest

from daemon.ocr.callouts import classify, collect
from daemon.ocr.figures import Figure
from daemon.ocr.grounding import ground_reading
from daemon.ocr.micrometres import declares_micrometres, in_millimetres, run_in_mm
from daemon.ocr.numbers import parse_values
from daemon.ocr.package_callouts import Dim, side_view_height
from daemon.ocr.package_text import pins_from_pinout
from daemon.ocr.reading import OcrInput
from daemon.ocr.tokens import OcrPage, OcrToken
from schemas.reading import DatasheetReading
from schemas.toleranced import Toleranced


def _tok(text, x=0, y=0, w=60):
    return OcrToken(text, (x, y, x + w, y + 20))


@pytest.mark.parametrize("printed, read", [
    ("2000 ±75", "2.000 ±0.075"),
    ("650 ± 50", "0.650 ± 0.050"),
    ("203±8", "0.203±0.008"),
    ("295 nominal", "0.295 nominal"),
    ("6 SDA", "6 SDA"),  # a pin label
    ("1", "1"),  # a pin number
    ("TAOS135", "TAOS135"),
])
def test_sizes_in_micrometres_are_read_in_mm(printed, read):
    assert run_in_mm(printed) == read


def test_only_a_page_that_declares_micrometres_is_rewritten():
    note = _tok("NOTES:A.All lineardimensions are in micrometers.", w=600)
    assert declares_micrometres([note])
    assert not declares_micrometres([_tok("Dimension toleranceis±20μmunless", w=300)])
    page = OcrInput(OcrPage([note, _tok("2500", 100, 100)], 800, 600, "p"), "land_pattern",
                    rotated=lambda region: [_tok("1700", 300, 300)])
    got = in_millimetres(page)
    assert [t.text for t in got.page.tokens][1] == "2.500"
    assert [t.text for t in got.rotated((0, 0, 800, 600))] == ["1.700"]
    assert in_millimetres(got) is got  # never twice (the parser reads a page again)
    plain = OcrInput(OcrPage([_tok("2500")], 800, 600, "p"))
    assert in_millimetres(plain) is plain


def test_a_value_in_mm_is_grounded_by_its_micrometres():
    page = OcrPage([_tok("2000±75"), _tok("650")], 800, 600, "p")
    reading = DatasheetReading(units="mm", family="dfn", pin_count=6,
                               body_width=Toleranced(nom=2.0, source="datasheet_drawing"),
                               pitch=Toleranced(nom=0.65, source="datasheet_drawing"))
    report = ground_reading(reading, [page])
    assert not report.by_field()["body_width"].missing
    assert not report.by_field()["pitch"].missing


def test_the_pin_out_numbers_every_pin():
    labels = ["VDD", "6 SDA", "SCL 2", "5INT", "GND 3", "4 NC", "PIN 1", "2000 ±75"]
    assert pins_from_pinout([_tok(t) for t in labels]) == 6  # the 1 by VDD lost: still 6
    assert pins_from_pinout([_tok(t) for t in ["6 SDA", "GND 3"]]) is None  # too few
    assert pins_from_pinout([_tok(t) for t in ["PIN 1", "3 MAX", "8 PLCS"]]) is None


def _land(texts):
    toks = [_tok(t, 100 + 150 * i, 100 + 40 * i) for i, t in enumerate(texts)]
    return collect(toks, (0, 0, 2000, 2000))


def test_a_pad_length_printed_over_each_column_with_the_outer_span():
    """2.5 over both columns, 1.0 over each, 0.4 pads at 0.65 down them, 1.7 the column
    end to end: pads 0.4 x 1.0, and 2.5 is outer edge to outer edge (1.5 between the
    columns' centres), not a centre spacing; 1.7 is no gap between the columns."""
    lc = classify(_land(["2.500", "1.000", "1.000", "0.400", "0.650", "1.700", "0.650",
                         "0.400"]), "mm", 6, 0.65, 2.0, "dfn", 2.0)
    assert (lc.pad_width.value, lc.pad_length.value) == (0.4, 1.0)
    assert lc.overall_span.value == 2.5 and lc.row_spacing is None


def test_a_thickness_as_large_as_the_pitch_up_a_flat_view_is_the_height():
    """TAOS's END VIEW: 650 high at a 650 pitch; the bottom view's 300 pad width and the
    lone '1' of a pin label are no heights."""
    top, end, bottom = (Figure((100, 100, 500, 500), 900), Figure((100, 600, 500, 700), 300),
                        Figure((100, 800, 500, 1200), 500))
    body = Dim(parse_values("2.000±0.075")[0], (250, 80, 330, 100), "x")
    height = Dim(parse_values("0.650±0.050")[0], (520, 640, 600, 660), "y")
    pad = Dim(parse_values("0.300±0.050")[0], (520, 1000, 600, 1020), None)
    label = Dim(parse_values("1")[0], (520, 300, 540, 320), "y")
    found = {"body_width": body.value, "body_length": body.value}
    assert side_view_height([body, height, pad, label], [top, end, bottom], found,
                            0.65, "dfn") is height.value


def test_a_view_labelled_top_or_bottom_prints_no_height():
    """TAOS's end view is joined to its top view by a leader, so the only size left off the
    top view is the bottom view's 300 +-50 terminal width: a figure the page labels BOTTOM
    VIEW gives no height (none is better than a wrong one)."""
    top = Figure((100, 100, 500, 500), 900, [OcrToken("TOP VIEW", (100, 80, 200, 98))])
    bottom = Figure((100, 800, 500, 1200), 500)
    body = Dim(parse_values("2.000±0.075")[0], (250, 80, 330, 100), "x")
    pad = Dim(parse_values("0.300±0.050")[0], (520, 1000, 600, 1020), None)
    found = {"body_width": body.value, "body_length": body.value}
    assert side_view_height([body, pad], [top, bottom], found, 0.65, "dfn") is pad.value
    bottom.tokens.append(OcrToken("BOTTOMVIEW", (100, 780, 220, 798)))
    assert side_view_height([body, pad], [top, bottom], found, 0.65, "dfn") is None
