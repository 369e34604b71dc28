"""Geometry checks: one finding per rule, naming the pads, with the stated thresholds."""

import pytest

from footprint_writer.checks import check_footprint, has_errors
from schemas.footprint import Body, Drill, FootprintSpec, Pad, Rect


def _spec(pads, **kw):
    return FootprintSpec(name="T", pads=pads, **kw)


def _row(pitch=1.27, w=0.6, h=1.5, n=4, y=0.0, start=1):
    return [Pad(number=str(start + k), x=k * pitch, y=y, size_x=w, size_y=h) for k in range(n)]


def _codes(spec):
    return {(i.code, i.severity) for i in check_footprint(spec)}


def test_clean_row_has_no_findings():
    assert check_footprint(_spec(_row())) == []


def test_empty_footprint_is_error():
    issues = check_footprint(_spec([]))
    assert [(i.code, i.severity) for i in issues] == [("empty_footprint", "error")]


@pytest.mark.parametrize("w, expected", [
    (1.27, {("pad_width_ge_pitch", "error"), ("pad_overlap", "error")}),
    (1.23, {("pad_gap_too_small", "error")}),  # gap 0.04
    (1.20, {("pad_gap_below_fab", "warning")}),  # gap 0.07
    (1.14, {("pad_gap_small", "warning")}),  # gap 0.13
    (1.10, set()),  # gap 0.17
])
def test_gap_thresholds(w, expected):
    assert _codes(_spec(_row(w=w))) == expected


def test_overlap_names_both_pads():
    pads = [Pad(number="1", x=0, y=0, size_x=1, size_y=1),
            Pad(number="2", shape="circle", x=0.9, y=0.9, size_x=1, size_y=1)]
    issues = check_footprint(_spec(pads))
    # rect corner (0.5, 0.5) to circle centre (0.9, 0.9) = 0.566 > r 0.5: gap 0.066
    assert [(i.code, i.pads) for i in issues] == [("pad_gap_below_fab", ["1", "2"])]
    pads[1] = pads[1].model_copy(update={"x": 0.8, "y": 0.8})
    issues = check_footprint(_spec(pads))
    assert [(i.code, i.pads) for i in issues] == [("pad_overlap", ["1", "2"])]
    assert "pads 1 and 2" in issues[0].message


def test_roundrect_corners_are_exact():
    # Two roundrect squares diagonal to each other: rounded corners leave a larger gap
    # than the bounding boxes suggest.
    pads = [Pad(number="1", shape="roundrect", roundrect_ratio=0.5, x=0, y=0, size_x=1, size_y=1),
            Pad(number="2", shape="roundrect", roundrect_ratio=0.5, x=1.05, y=1.05,
                size_x=1, size_y=1)]
    # circles of r 0.5 at distance 1.485 -> gap 0.485
    assert check_footprint(_spec(pads)) == []


def test_duplicate_numbers():
    separate = _row(n=2) + [Pad(number="1", x=5, y=0, size_x=0.6, size_y=1.5)]
    issues = check_footprint(_spec(separate))
    assert [(i.code, i.severity, i.pads) for i in issues] == [
        ("duplicate_number", "warning", ["1"])]
    # EP split into touching parts of one number, plus thermal vias: fine.
    ep = [Pad(number="9", role="exposed", x=-0.5, y=0, size_x=1, size_y=2),
          Pad(number="9", role="exposed", x=0.5, y=0, size_x=1, size_y=2),
          Pad(number="9", kind="tht", shape="circle", role="thermal_via", x=0, y=0.5,
              size_x=0.5, size_y=0.5, drill=Drill(diameter=0.3))]
    assert check_footprint(_spec(ep, pin1="9")) == []


@pytest.mark.parametrize("drill, code", [
    (Drill(diameter=1.7), "drill_ge_pad"),
    (Drill(diameter=1.0, slot_length=1.7), "drill_ge_pad"),
    (Drill(diameter=1.55), "thin_annular_ring")  # ring 0.075,
])
def test_drill_vs_pad(drill, code):
    pad = Pad(number="1", kind="tht", shape="oval", x=0, y=0, size_x=1.7, size_y=1.7,
              drill=drill)
    assert [i.code for i in check_footprint(_spec([pad]))] == [code]


def test_npth_pad_equal_to_hole_is_fine():
    pad = Pad(kind="npth", shape="circle", x=0, y=0, size_x=1, size_y=1,
              drill=Drill(diameter=1))
    assert check_footprint(_spec([pad], pin1=None)) == []


def test_missing_pin1_and_zero_size():
    pads = [Pad(number="2", x=0, y=0, size_x=0, size_y=1)]
    issues = check_footprint(_spec(pads))
    assert {(i.code, i.severity) for i in issues} == {("bad_size", "error"),
                                                      ("missing_pin1", "error")}
    assert has_errors(issues)


def test_courtyard_and_body():
    pads = _row()
    issues = check_footprint(_spec(pads, courtyard=Rect(x0=-0.5, y0=-1, x1=2, y1=1)))
    assert [(i.code, i.pads) for i in issues] == [("pad_outside_courtyard", ["3", "4"])]
    # body given in inches by mistake: 0.15 x 0.04 for a 4.4 x 1.5 mm pad field
    pads = _row() + _row(y=5.0, start=5)
    issues = check_footprint(_spec(pads, body=Body(size_x=0.15, size_y=0.2, center_x=1.9,
                                                   center_y=2.5)))
    assert [i.code for i in issues] == ["body_small"]


def test_npth_hole_cutting_copper_warns():
    pads = [Pad(number="1", x=0, y=0, size_x=2, size_y=2),
            Pad(kind="npth", shape="circle", x=0.9, y=0, size_x=0.5, size_y=0.5,
                drill=Drill(diameter=0.5))]
    assert [(i.code, i.severity) for i in check_footprint(_spec(pads))] == [
        ("hole_in_copper", "info")]


def test_pads_on_opposite_sides_do_not_conflict():
    top = Pad(number="1", x=0, y=0, size_x=2, size_y=1)
    bottom = Pad(number="2", x=0, y=0, size_x=2, size_y=1, layers=["B.Cu", "B.Mask"])
    assert check_footprint(_spec([top, bottom])) == []
    inner = Pad(number="3", kind="tht", shape="circle", x=0.5, y=0, size_x=0.8, size_y=0.8,
                drill=Drill(diameter=0.4))
    assert [i.code for i in check_footprint(_spec([top, bottom, inner]))] == [
        "pad_overlap", "pad_overlap"]


def test_many_pads_are_capped_and_fast():
    pads = [Pad(number=str(k), x=(k % 40) * 0.5, y=(k // 40) * 0.5, size_x=0.45, size_y=0.45)
            for k in range(1, 2001)]
    issues = check_footprint(_spec(pads))
    codes = [i.code for i in issues]
    assert codes.count("pad_gap_too_small") == 0
    assert codes.count("pad_gap_below_fab") == 21  # 20 shown + 1 summary
    assert "more findings" in issues[20].message


def test_identical_lands_with_two_numbers_are_a_shared_land_warning():
    """USB-C receptacles solder A1 and B12 to one land: allowed, but said aloud."""
    a1 = Pad(number="A1", x=-3.2, y=0, size_x=0.6, size_y=1.15)
    b12 = a1.model_copy(update={"number": "B12"})
    issues = check_footprint(_spec([a1, b12], pin1="A1"))
    assert [(i.code, i.severity, i.pads) for i in issues] == [
        ("shared_land", "warning", ["A1", "B12"])]
    shifted = b12.model_copy(update={"x": -3.1})
    assert "pad_overlap" in [i.code for i in check_footprint(_spec([a1, shifted], pin1="A1"))]
