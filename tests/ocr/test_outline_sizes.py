"""Outline sizes drawn without a table (daemon.ocr.package_callouts) and dual-unit pairs
(daemon.ocr.dual_units): hand-placed tokens and a drawn dimension line per rule."""

import pytest
from PIL import Image, ImageDraw

from daemon.ocr.callouts import Callout, classify, collect
from daemon.ocr.drawing import Drawing
from daemon.ocr.dual_units import mm_of_pair, one_unit
from daemon.ocr.numbers import PrintedValue, parse_values
from daemon.ocr.package_callouts import (
    Dim,
    assign_sizes,
    axis_of,
    stacked_limits,
    title_height,
)
from daemon.ocr.tokens import OcrToken

H = 20


def _tok(text, x, y, w=50, vertical=False):
    return OcrToken(text, (x, y, x + w, y + H)) if not vertical else \
        OcrToken(text, (x, y, x + H, y + w), vertical=True)


def _callout(text, x, y, **kw):
    tok = _tok(text, x, y, **kw)
    return Callout(parse_values(text)[0], tok)


@pytest.mark.parametrize("text, mm", [
    ("2.820(0.111)", 2.82), ("0.067 (1.70)", 1.70), ("10.54 (.415)", 10.54),
    ("3.600/0.142", 3.6)])
def test_inline_dual_units_keep_the_millimetres(text, mm):
    (value,) = one_unit(parse_values(text))
    assert value.value == mm and not value.paren


def test_two_lengths_are_not_a_pair():
    assert len(one_unit(parse_values("1.27 (0.65)"))) == 2
    assert mm_of_pair(PrintedValue(2.0, text="2.0"), PrintedValue(0.5, text="0.5")) is None


def test_stacked_inch_under_mm_is_one_callout():
    """onsemi's footprint: 0.91 over 0.036, 2.36 over 0.093 (mm over inch)."""
    toks = [_tok("0.91", 100, 100), _tok("0.036", 100, 122), _tok("2.36", 300, 100),
            _tok("0.093", 300, 122)]
    got = sorted(c.value.value for c in collect(toks, (0, 0, 1000, 1000)))
    assert got == [0.91, 2.36]


def test_outer_span_and_inner_gap_orient_the_pad():
    """Z 4.19 and G 2.36 printed: the pad is (4.19 - 2.36) / 2 = 0.915 long, so of the
    two pad sizes 0.91 is the length and 1.22 the width."""
    toks = [_tok("0.91", 300, 100), _tok("1.22", 600, 200), _tok("2.36", 300, 300),
            _tok("4.19", 300, 350)]
    lc = classify(collect(toks, (0, 0, 1000, 1000)), "mm", 2, None, None, "sod")
    assert lc.pad_length.value == 0.91 and lc.pad_width.value == 1.22
    assert lc.overall_span.value == 4.19 and lc.row_spacing is None


def test_one_size_printed_both_ways_is_a_square_pad():
    """Hottech's SOD-323 layout: "0.7" under a pad, "0.7" turned beside it, "2.15" between
    the pads' centres: square 0.7 pads 2.15 apart. Two upright 0.8s along a row
    (Kingbright's pad, gap, pad) are no such pair."""
    toks = [_tok("2.15", 300, 100), _tok("0.7", 150, 300, w=30),
            _tok("0.7", 100, 200, w=30, vertical=True)]
    lc = classify(collect(toks, (0, 0, 1000, 1000)), "mm", 2, None, None, "sod")
    assert (lc.pad_width.value, lc.pad_length.value) == (0.7, 0.7)
    assert lc.row_spacing.value == 2.15
    row = [_tok("0.8", 100, 300, w=30), _tok("0.85", 200, 300, w=40), _tok("0.8", 300, 300, w=30)]
    lc = classify(collect(row, (0, 0, 1000, 1000)), "mm", 2, None, None, "chip")
    assert not (lc.pad_width and lc.pad_length and lc.pad_width.value == lc.pad_length.value
                == 0.8 and lc.row_spacing and lc.row_spacing.value == 0.85)


def test_stacked_limits_pair_in_order_and_only_once():
    """TI stacks four numbers in one column: 2.4 / 1.8 then 1.4 / 1.1."""
    cs = [_callout(t, 400, 300 + 20 * i) for i, t in enumerate(["2.4", "1.8", "1.4", "1.1"])]
    dims = stacked_limits(cs, H)
    assert [(d.value.lo, d.value.hi) for d in dims] == [(1.8, 2.4), (1.1, 1.4)]


def test_min_over_max_is_one_size():
    """Micron writes each size as "10.00 MIN/" over "10.65 MAX": one size, both limits."""
    cs = [_callout("10.00 MIN/", 400, 300, w=90), _callout("10.65 MAX", 400, 322, w=90),
          _callout("0.33 MIN/", 100, 300), _callout("0.51 MAX", 700, 322)]
    dims = stacked_limits(cs, H)
    joined = [d for d in dims if d.value.lo is not None]
    assert [(d.value.lo, d.value.hi, d.value.value) for d in joined] == [(10.0, 10.65, 10.325)]
    assert len(dims) == 3  # a MIN with no MAX under it stays a lone limit


def test_typ_on_the_line_under_a_value_is_its_qualifier():
    """Micron's "1.27" over "TYP" beside the leads; a TYP off to the side marks nothing."""
    toks = [_tok("1.27", 400, 300, w=40), _tok("TYP", 400, 321, w=40), _tok("4.80", 100, 300)]
    got = {c.value.value: c.value.qualifier for c in collect(toks, (0, 0, 1000, 1000))}
    assert got == {1.27: "TYP", 4.8: None}


def test_text_written_upwards_measures_y():
    cs = [_callout("2.650", 100, 300, vertical=True), _callout("3.000", 122, 300,
                                                               vertical=True)]
    (dim,) = stacked_limits(cs, H)
    assert (dim.value.lo, dim.value.hi, dim.axis) == (2.65, 3.0, "y")


def _drawing(horizontal: bool):
    im = Image.new("L", (600, 600), 255)
    d = ImageDraw.Draw(im)
    if horizontal:
        d.line([(100, 330), (500, 330)], fill=0, width=2)  # dimension line under the text
    else:
        d.line([(330, 100), (330, 500)], fill=0, width=2)  # beside the text
    return Drawing(im)


def test_axis_from_the_dimension_line_next_to_the_text():
    box = (270, 300, 320, 320)
    assert axis_of(_drawing(True), box, H) == "x"
    assert axis_of(_drawing(False), box, H) == "y"
    assert axis_of(Drawing(Image.new("L", (600, 600), 255)), box, H) is None


def _dim(lo, hi, axis, **kw):
    return Dim(PrintedValue(round((lo + hi) / 2, 4), lo, hi, text=f"{lo}/{hi}", **kw),
               (0, 0, 1, 1), axis)


def test_two_row_part_nests_tip_to_tip_and_body_across_the_rows():
    """SC-70 (TI DCK): x 1.8-2.4 and 1.1-1.4 nest; y 1.85-2.15 is the length; the side
    view's 0.8-1.1 is the seated height, not a body size."""
    dims = [_dim(1.8, 2.4, "x"), _dim(1.1, 1.4, "x"), _dim(1.85, 2.15, "y"),
            _dim(0.8, 1.1, "y")]
    found = assign_sizes(dims, "sot23", 0.65, height=1.1)
    assert (found["overall_width"].value, found["body_width"].value,
            found["body_length"].value) == (2.1, 1.25, 2.0)
    # Without the height the side view fits the pattern too: ambiguous, nothing assigned.
    assert assign_sizes(dims, "sot23", 0.65) == {}


def test_pin_spans_are_not_sizes_but_a_body_near_three_pitches_is():
    dims = [_dim(2.82, 3.10, "x"), _dim(1.8, 2.0, "x"), _dim(2.65, 3.0, "y"),
            _dim(1.5, 1.7, "y")]
    found = assign_sizes(dims, "sot23", 0.95)
    assert found["body_length"].lo == 2.82 and found["overall_width"].lo == 2.65
    assert found["body_width"].lo == 1.5


def test_no_lead_body_is_the_largest_each_way_and_qfp_nests_both_ways():
    qfn = assign_sizes([_dim(2.9, 3.1, "x"), _dim(2.9, 3.1, "y"), _dim(1.61, 1.75, "y")],
                       "qfn", 0.5)
    assert qfn["body_width"].value == qfn["body_length"].value == 3.0
    qfp = assign_sizes([_dim(8.8, 9.2, "x"), _dim(6.8, 7.2, "x"), _dim(8.8, 9.2, "y"),
                        _dim(6.8, 7.2, "y")], "qfp", 0.5)
    assert qfp["body_length"].value == 7.0 and qfp["overall_length"].value == 9.0
    assert assign_sizes([_dim(2.9, 3.1, "x")], "qfn", 0.5) == {}


@pytest.mark.parametrize("title, height", [
    ("SOT - 1.1 max height", 1.1), ("VQFN - 1 mm max height", 1.0), ("PLASTIC QUAD", None)])
def test_title_height(title, height):
    got = title_height([_tok(title, 10, 10, 300)])
    assert (got.value if got else None) == height


def test_two_terminal_body_is_longer_than_wide():
    """SMA: along x tip to tip 4.7-5.3 nests over the body 3.8-4.5; across, 2.3-2.8. The
    other reading (y along) would make the body 2.15 long and 5.0 wide: refused."""
    dims = [_dim(3.8, 4.5, "x"), _dim(4.7, 5.3, "x"), _dim(2.3, 2.8, "y"),
            _dim(1.85, 2.45, "y")]
    found = assign_sizes(dims, "molded", None)
    assert (found["body_length"].value, found["body_width"].value) == (4.15, 2.55)


def test_to220_sizes_by_their_jedec_windows():
    """IR TO-220AB: front and side views do not nest; E 10.29-10.54, A 4.20-4.69 and the
    lead 0.69-0.93 each fall alone in their JEDEC window; the mounting hole 3.54-3.78 and
    the shoulder 1.15-1.40 in none."""
    dims = [_dim(10.29, 10.54, "x"), _dim(4.20, 4.69, "x"), _dim(3.54, 3.78, "x"),
            _dim(0.69, 0.93, "x"), _dim(1.15, 1.40, "x"), _dim(14.84, 15.24, "y")]
    found = assign_sizes(dims, "to220", 2.54)
    assert found["body_length"].lo == 10.29 and found["body_width"].lo == 4.2
    assert found["lead_width"].lo == 0.69
    # Two ranges in one window: that size is left out.
    assert "body_width" not in assign_sizes(dims + [_dim(4.3, 4.5, "y")], "to220", 2.54)


@pytest.mark.parametrize("title, family", [
    ("LQH43P_26 Series (1812 Size)", "chip"), ("Chip Inductor (Chip Coil)", "chip"),
    ("Revision 2010", None), ("TO-220ABPackage Outline", "to220")])
def test_chip_sizes_and_glued_outline_codes(title, family):
    from daemon.ocr.layout import squash
    from daemon.ocr.package_text import family_from_text

    assert family_from_text(squash(title)) == family


def test_dip_sizes_by_their_jedec_windows():
    """Fairchild's N14A drawing (no table): MS-001's windows pick D, E1 and the shoulder E
    out of the three views; the eB spread (8.26+) and the lead's L (3.18-3.81) stay out."""
    eb = Dim(PrintedValue(8.255, 7.874, 9.271, text="8.255+1.016-0.381", tolerance=True),
             (0, 0, 1, 1))
    dims = [_dim(18.80, 19.56, None), _dim(6.096, 6.604, None), _dim(7.62, 8.128, None), eb,
            _dim(3.683, 5.08, None), _dim(3.175, 3.81, None)]
    found = assign_sizes(dims, "dip", 2.54)
    assert found["body_length"].lo == 18.80 and found["body_width"].lo == 6.096
    assert found["overall_width"].lo == 7.62 and found["height"].hi == 5.08


def test_dip_pitch_is_the_standard_one_not_a_typ_lead_width():
    """'0.060 (1.524) TYP' (the lead's shoulder) and '0.050 (1.270) TYP' are not a DIP's
    pitch; the toleranced 2.540 +/-0.254 beside TYP is."""
    from daemon.ocr.package_callouts import printed_pitch

    values = [PrintedValue(1.524, text="1.524", qualifier="TYP"),
              PrintedValue(1.27, text="1.270", qualifier="TYP"),
              PrintedValue(2.54, 2.286, 2.794, text="2.540±0.254", tolerance=True)]
    dims = [Dim(v, (0, 0, 10, 10)) for v in values]
    assert printed_pitch(dims, 14, "dip").value == 2.54
    assert printed_pitch(dims, 14, "dfn").value == 1.27  # the TYP one that is a DFN pitch


def test_a_standard_typ_pitch_before_a_smaller_typ_size():
    """Micron's V-PDFN-8: "0.85 TYP" (its height, over "1 MAX") and "1.27 TYP": the pitch
    is the one a DFN has; with none standard, the smallest TYP as before."""
    from daemon.ocr.package_callouts import printed_pitch

    dims = [Dim(PrintedValue(v, text=str(v), qualifier="TYP"), (0, 0, 10, 10))
            for v in (0.85, 1.27, 8.0)]
    assert printed_pitch(dims, 8, "dfn").value == 1.27
    assert printed_pitch(dims[:1] + dims[2:], 8, "dfn").value == 0.85


def test_a_side_view_thickness_is_no_body_across_the_rows():
    """LTC's TSOT-23: x holds 2.90 (length) and 0.80-0.90 (the side view's A2), y holds the
    2.80 tips and the 1.50-1.75 body. 0.85 against 2.90 is no body (under 0.45 of the
    span), so only the y reading fits."""
    dims = [_dim(2.9, 2.9, "x"), _dim(0.8, 0.9, "x"), _dim(2.8, 2.8, "y"), _dim(1.5, 1.75, "y")]
    found = assign_sizes(dims, "sot23", 0.95, height=1.0)
    assert found["overall_width"].value == 2.8 and found["body_width"].value == 1.625
    assert found["body_length"].value == 2.9


@pytest.mark.parametrize("pins, pitch", [(3, 2.54), (5, 1.7), (7, 1.27)])
def test_a_to220_pitch_by_its_lead_count(pins, pitch):
    """Microchip's 5-Pin TO-220: the pitch printed as .072 (1.83) over .062 (1.57)."""
    from daemon.ocr.package_callouts import printed_pitch

    dims = [_dim(1.57, 1.83, "y"), _dim(2.29, 2.79, "y"), _dim(1.02, 1.52, "y")]
    got = printed_pitch(dims, pins, "to220")
    assert got is not None and abs(got.value - pitch) < 0.011


def test_limits_a_factor_apart_join_only_where_both_print_both_units():
    """TI's foot length "0.035 (0,89)" over "0.016 (0,40)": two limits more than a factor
    of two apart are one size where each is printed in both units alike; two plain values
    so far apart stacked stay two sizes."""
    def dual(text, y):
        return Callout(one_unit(parse_values(text))[0], _tok(text, 400, y, w=100))

    (dim,) = stacked_limits([dual("0.035 (0,89)", 300), dual("0.016 (0,40)", 320)], H)
    assert (dim.value.lo, dim.value.hi) == (0.4, 0.89)
    dims = stacked_limits([_callout("0.89", 400, 300), _callout("0.40", 400, 320)], H)
    assert len(dims) == 2


def test_a_small_outline_without_1_27_takes_a_shrink_pitch():
    """TI titles its QSOP "plastic small-outline package" (read as SOIC): with no 1.27 on
    the drawing, its lone plain 0.635 is the pitch; with 1.27 printed, a plain 0.50 is
    not."""
    from daemon.ocr.package_callouts import printed_pitch

    def dims(*texts):
        return [Dim(PrintedValue(float(t), text=t), (0, 0, 10, 10)) for t in texts]

    assert printed_pitch(dims("0.635", "0.25", "4.80"), 16, "soic").value == 0.635
    assert printed_pitch(dims("1.27", "0.50", "4.90"), 8, "soic").value == 1.27
    assert printed_pitch(dims("0.50", "4.90"), 8, "dip") is None


def test_a_registered_outline_is_found_before_the_pitch_is_read():
    """TI's D SOIC-16 in a small copy (t145): the boxed pitch lost, the tips' dimension
    line unseen. With no pitch yet, each standard pitch of the family is tried; MS-012's
    16-lead windows hold the body, tips and length, so they are read (no pitch made up)."""
    from daemon.ocr.package_callouts import registered_outline_any_pitch

    def pair(lo, hi, axis):
        v = PrintedValue((lo + hi) / 2, lo, hi, text=f"{hi:.2f}/{lo:.2f}")
        return Dim(v, (0, 0, 10, 10), axis)

    dims = [pair(9.8, 10.0, "x"), pair(5.8, 6.2, None), pair(3.8, 4.0, "y")]
    found = registered_outline_any_pitch(dims, "soic", 16)
    assert {k: v.hi for k, v in found.items() if k != "height"} == {
        "body_length": 10.0, "overall_width": 6.2, "body_width": 4.0}
    assert "pitch" not in found
    assert registered_outline_any_pitch(dims, "soic", 8) == {}  # no 8-lead length window
