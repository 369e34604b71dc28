"""Family 'other': the origin moves to the body centre, else to the pad-field centre, and
bottom views are mirrored about that centre; a through-hole part then takes pad 1 as its
origin (KLC F7.2). The centring is tested on the SMD version of the connector."""

import pytest

from footprint_writer.builder import build_footprint
from footprint_writer.errors import InputError
from schemas.reading import DatasheetReading

# A 2-pin connector dimensioned from pin 1 (the page's origin), a peg below the pins.
PADS = [{"number": "1", "kind": "tht", "shape": "rect", "x": 0.0, "y": 0.0,
         "size_x": 1.2, "size_y": 1.7, "drill": 0.75},
        {"number": "2", "kind": "tht", "shape": "oval", "x": 2.0, "y": 0.0,
         "size_x": 1.2, "size_y": 1.7, "drill": 0.75},
        {"number": "", "kind": "npth", "shape": "circle", "x": 1.0, "y": 3.0,
         "size_x": 1.0, "size_y": 1.0, "drill": 1.0}]


def explicit(view="top", units="mm", scale=1.0, tht=False, **extra):
    pads = [{k: (v * scale if k in ("x", "y", "size_x", "size_y", "drill") else v)
             for k, v in p.items()} for p in (PADS if tht else SMD_PADS)]
    return DatasheetReading.model_validate({
        "units": units, "family": "other", "pin_count": 2, "view": view,
        "numbering": "ccw" if view == "top" else "cw", "pads": pads, **extra})


# The same connector as surface-mount lands (the origin rules without the KLC THT anchor).
SMD_PADS = [{k: v for k, v in dict(p, kind="smd" if p["kind"] == "tht" else p["kind"]).items()
             if not (k == "drill" and p["kind"] == "tht")} for p in PADS]


def _xy(spec):
    return {p.number or "peg": (round(p.x, 4), round(p.y, 4)) for p in spec.pads}


def test_without_a_body_centre_the_pad_field_is_centred():
    spec = build_footprint(explicit())
    # pad field: x -0.6 .. 2.6 -> centre 1.0; y -0.85 .. 3.5 -> centre 1.325
    assert _xy(spec) == {"1": (-1.0, -1.325), "2": (1.0, -1.325), "peg": (0.0, 1.675)}
    moved = [i for i in spec.issues if i.code == "origin_moved"]
    assert len(moved) == 1 and moved[0].severity == "info"
    assert "pad field" in moved[0].message and "(-1, -1.325)" in moved[0].message
    assert spec.provenance["origin"].source == "derived"


def test_a_given_body_centre_becomes_the_origin():
    spec = build_footprint(explicit(body_center_x=1.0, body_center_y=1.5, body_length={"nom": 5.9},
                                    body_width={"nom": 4.5}))
    assert _xy(spec) == {"1": (-1.0, -1.5), "2": (1.0, -1.5), "peg": (0.0, 1.5)}
    assert (spec.body.center_x, spec.body.center_y) == (0.0, 0.0)
    assert "body centre" in spec.provenance["origin"].detail


def test_body_centre_in_mil_is_converted():
    mil = 1 / 0.0254
    mm = build_footprint(explicit(body_center_x=1.0, body_center_y=1.5))
    spec = build_footprint(explicit(units="mil", scale=mil, body_center_x=1.0 * mil,
                                    body_center_y=1.5 * mil))
    got, want = _xy(spec), _xy(mm)
    assert set(got) == set(want)
    for number, (x, y) in want.items():
        assert got[number] == pytest.approx((x, y), abs=2e-3)


def test_bottom_view_is_mirrored_about_the_new_centre():
    top = build_footprint(explicit(body_center_x=1.0, body_center_y=1.5))
    bottom = build_footprint(explicit(view="bottom", body_center_x=1.0, body_center_y=1.5))
    t, b = _xy(top), _xy(bottom)
    assert set(t) == set(b)
    for number in t:
        assert b[number] == (-t[number][0] + 0.0, t[number][1])
    # seen from the top, pin 1 of a bottom-view drawing lands on the right
    assert b["1"] == (1.0, -1.5)
    assert "mirrored_bottom_view" in {i.code for i in bottom.issues}


def test_page_origin_already_at_the_centre_is_kept_silently():
    pads = [dict(p, x=p["x"] - 1.0, y=p["y"] - 1.325) for p in SMD_PADS]
    spec = build_footprint(DatasheetReading.model_validate(
        {"units": "mm", "family": "other", "pin_count": 2, "pads": pads}))
    assert "origin_moved" not in {i.code for i in spec.issues}
    assert spec.provenance["origin"].source == "datasheet_drawing"


def test_half_a_body_centre_is_an_input_error():
    with pytest.raises(InputError, match="body_center_y"):
        build_footprint(explicit(body_center_x=1.0))


def test_through_hole_parts_are_anchored_at_pad_1():
    """KLC F7.2: whatever the page's origin, pad 1 ends at (0, 0) and the body follows."""
    spec = build_footprint(explicit(tht=True, body_center_x=1.0, body_center_y=1.5,
                                    body_length={"nom": 5.9}, body_width={"nom": 4.5}))
    assert spec.attribute == "through_hole"
    assert _xy(spec) == {"1": (0.0, 0.0), "2": (2.0, 0.0), "peg": (1.0, 3.0)}
    assert (spec.body.center_x, spec.body.center_y) == (1.0, 1.5)
    assert "KLC F7.2" in spec.provenance["origin"].detail
