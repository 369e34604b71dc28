"""The expect.json scorer: orientation-free, tolerant, and strict where it should be."""

import pytest

from footprint_writer.expect import failures, measured_pitch, score_against_expect
from schemas.footprint import Body, Drill, FootprintSpec, Pad


def _soic8(rotate: bool = False) -> FootprintSpec:
    pads = []
    for i in range(4):
        y = -1.905 + 1.27 * i
        pads.append(Pad(number=str(i + 1), x=-2.7, y=y, size_x=1.55, size_y=0.6))
        pads.append(Pad(number=str(8 - i), x=2.7, y=y, size_x=1.55, size_y=0.6))
    if rotate:
        pads = [p.model_copy(update={"x": p.y, "y": -p.x, "size_x": p.size_y,
                                     "size_y": p.size_x}) for p in pads]
    return FootprintSpec(name="SOIC-8", pads=pads, body=Body(size_x=3.9, size_y=4.9, height=1.75,
                                                             center_x=0, center_y=0))


SOIC_EXPECT = {"pads_total": 8, "signal_pads": 8, "exposed_pads": 0, "pitch": 1.27,
               "signal_pad": [0.6, 1.55], "row_spacing": 5.4, "exposed_pad": None,
               "drills": [], "body": [3.9, 4.9], "height": 1.75, "smd": True,
               "tolerance": 0.05}


@pytest.mark.parametrize("rotate", [False, True])
def test_correct_soic_scores_clean_in_any_orientation(rotate):
    results = score_against_expect(_soic8(rotate), SOIC_EXPECT)
    assert failures(results) == []
    assert {r.field for r in results} == set(SOIC_EXPECT) - {"tolerance"}


@pytest.mark.parametrize("field, value", [
    ("pitch", 1.0), ("row_spacing", 5.3), ("signal_pad", [0.5, 1.55]), ("pads_total", 9),
    ("body", [3.9, 6.0]), ("height", 1.5), ("smd", False), ("drills", [0.8]),
    ("exposed_pad", [1.0, 1.0]),
])
def test_each_wrong_fact_fails_alone(field, value):
    expect = dict(SOIC_EXPECT, **{field: value})
    failed = [r.field for r in failures(score_against_expect(_soic8(), expect))]
    assert failed == [field]


def test_sot23_pitch_is_the_coordinate_step_not_the_pin_distance():
    pads = [Pad(number="1", x=-1.0, y=-0.95, size_x=0.8, size_y=0.6),
            Pad(number="2", x=-1.0, y=0.95, size_x=0.8, size_y=0.6),
            Pad(number="3", x=1.0, y=0.0, size_x=0.8, size_y=0.6)]
    assert measured_pitch(FootprintSpec(name="SOT-23", pads=pads)) == pytest.approx(0.95)


def test_shared_lands_count_once_and_drill_tolerance_is_asymmetric():
    pads = [Pad(number="A1", x=-3.2, y=0, size_x=0.6, size_y=1.15),
            Pad(number="B12", x=-3.2, y=0, size_x=0.6, size_y=1.15),
            Pad(number="A5", x=-1.25, y=0, size_x=0.3, size_y=1.15),
            Pad(number="1", kind="tht", x=0, y=3, size_x=1.2, size_y=1.7,
                drill=Drill(diameter=0.75))]
    spec = FootprintSpec(name="X", pads=pads)
    expect = {"signal_pads": 3, "signal_pad_set": [[0.3, 1.15], [0.6, 1.15], [1.2, 1.7]],
              "drills": [0.7], "drill_tolerance": [0.0, 0.1], "smd": False}
    assert failures(score_against_expect(spec, expect)) == []
    low = dict(expect, drills=[0.8])
    assert [r.field for r in failures(score_against_expect(spec, low))] == ["drills"]


def test_quad_with_unequal_sides_pitch_is_the_rows_own():
    """DHVQFN16: 6 pads a long side at 0.5, 2 a short side whose centres sit 0.4375 mm past
    the long rows' last pads: the pitch is still 0.5."""
    pads = []
    for i in range(6):
        x = -1.25 + 0.5 * i
        pads += [Pad(number=str(2 + i), x=x, y=1.6, size_x=0.25, size_y=0.7),
                 Pad(number=str(15 - i), x=x, y=-1.6, size_x=0.25, size_y=0.7)]
    for k, y in enumerate((-0.25, 0.25)):
        pads += [Pad(number=str(16 - k * 15), x=-1.6875, y=y, size_x=0.7, size_y=0.25),
                 Pad(number=str(8 + k), x=1.6875, y=y, size_x=0.7, size_y=0.25)]
    assert measured_pitch(FootprintSpec(name="DHVQFN-16", pads=pads)) == pytest.approx(0.5)
