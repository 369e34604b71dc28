"""Pad placement per family: positions, pin 1 top-left, counter-clockwise numbering."""

import pytest

from footprint_writer.builder import FAMILY_BUILDERS, build_footprint
from schemas.options import BuildOptions

from .helpers import ccw_turn, reading, signal, soic8

QFN16 = dict(family="qfn", pins=16, land={"pitch": 0.65, "pad_width": 0.35, "pad_length": 0.8,
                                          "row_spacing": 3.9, "exposed_pad_width": 2.1,
                                          "exposed_pad_length": 2.1},
             pitch=0.65, body_length=4.0, body_width=4.0, exposed_pad=True)

CASES = {
    "chip_0603": dict(family="chip", pins=2, land={"pad_width": 0.95, "pad_length": 1.0,
                                                   "row_spacing": 1.6},
                      body_length=1.6, body_width=0.8),
    "sod123": dict(family="sod", pins=2, land={"pad_width": 1.2, "pad_length": 0.9,
                                               "row_spacing": 3.6},
                   body_length=2.7, body_width=1.6, package_name="SOD-123"),
    "sot23": dict(family="sot23", pins=3, land={"pitch": 0.95, "pad_width": 0.6,
                                                "pad_length": 1.1, "row_spacing": 2.2},
                  body_length=2.9, body_width=1.3),
    "sot23_5": dict(family="sot23", pins=5, land={"pitch": 0.95, "pad_width": 0.6,
                                                  "pad_length": 1.1, "row_spacing": 2.6},
                    body_length=2.9, body_width=1.6),
    "sot23_6": dict(family="sot23", pins=6, land={"pitch": 0.95, "pad_width": 0.6,
                                                  "pad_length": 1.1, "row_spacing": 2.6},
                    body_length=2.9, body_width=1.6),
    "sot223": dict(family="sot223", pins=3, land={"pitch": 2.3, "pad_width": 1.0,
                                                  "pad_length": 2.0, "row_spacing": 6.3,
                                                  "tab_width": 3.5, "tab_length": 2.0},
                   body_length=6.5, body_width=3.5),
    "tssop14": dict(family="tssop", pins=14, land={"pitch": 0.65, "pad_width": 0.36,
                                                   "pad_length": 1.26, "row_spacing": 5.8},
                    body_length=5.0, body_width=4.4),
    "dfn8": dict(family="dfn", pins=8, land={"pitch": 0.5, "pad_width": 0.3,
                                             "pad_length": 0.75, "row_spacing": 2.9,
                                             "exposed_pad_width": 1.75,
                                             "exposed_pad_length": 1.45},
                 body_length=2.0, body_width=3.0, exposed_pad=True),
    "qfn16": QFN16,
    "qfp32": dict(family="qfp", pins=32, land={"pitch": 0.8, "pad_width": 0.55,
                                               "pad_length": 1.5, "row_spacing": 8.4},
                  body_length=7.0, body_width=7.0),
    "qfn_rect": dict(family="qfn", pins=20, pins_along_length=6,
                     land={"pitch": 0.5, "pad_width": 0.25, "pad_length": 0.7,
                           "row_spacing": 3.0, "row_spacing_2": 4.0},
                     body_length=4.0, body_width=3.0),
    "dip8": dict(family="dip", pins=8, land={"pitch": 2.54, "drill": 0.8,
                                             "pad_diameter": 1.6, "row_spacing": 7.62},
                 body_length=9.8, body_width=6.4),
    "header_1x4": dict(family="pin_header", pins=4, rows=1,
                       land={"pitch": 2.54, "drill": 1.0, "pad_diameter": 1.7}),
    "header_2x3": dict(family="pin_header", pins=6, rows=2,
                       land={"pitch": 2.54, "drill": 1.0, "pad_diameter": 1.7}),
}


def build(case: dict, **options):
    case = dict(case)
    return build_footprint(reading(case.pop("family"), case.pop("pins"), **case),
                           BuildOptions(**options))


def test_family_dispatch_covers_this_issue():
    for family in ("chip", "sod", "sot23", "sot223", "soic", "ssop", "tssop", "msop", "qfp",
                   "dfn", "son", "qfn", "dip", "pin_header", "other"):
        assert family in FAMILY_BUILDERS


@pytest.mark.parametrize("name", sorted(CASES))
def test_pin1_top_left_and_origin_at_centre(name):
    """SMD parts: origin at the centre; through-hole parts: at pad 1 (KLC F7.2), the pad
    field and body centred about the same point as before."""
    spec = build(CASES[name])
    pads = signal(spec)
    p1 = next(p for p in pads if p.number == "1")
    assert p1.x <= min(p.x for p in pads) + 1e-9
    assert p1.y <= min(p.y for p in pads if abs(p.x - p1.x) < 1e-6) + 1e-9
    xs = [p.x for p in pads]
    ys = [p.y for p in pads]
    cx, cy = (0.0, 0.0)
    if spec.attribute == "through_hole":
        assert (p1.x, p1.y) == (0.0, 0.0)
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    if name != "sot23":  # SOT-23 is centred on its rows, not on 3 pads
        assert (min(xs) + max(xs)) / 2 == pytest.approx(cx, abs=1e-9)
        assert (min(ys) + max(ys)) / 2 == pytest.approx(cy, abs=1e-9)
    assert spec.body is None or (spec.body.center_x, spec.body.center_y) == \
        pytest.approx((cx, cy), abs=1e-9)
    assert [p.number for p in pads][0] == "1"


@pytest.mark.parametrize("name", ["sot23", "sot23_5", "sot23_6", "sot223", "tssop14", "dfn8",
                                  "qfn16", "qfp32", "qfn_rect", "dip8"])
def test_numbering_runs_counter_clockwise_seen_from_top(name):
    turn = ccw_turn(build(CASES[name]))
    assert all(b >= a - 1e-6 for a, b in zip(turn, turn[1:]))
    assert turn[-1] - turn[0] < 360.0


def _xy(spec):
    return {p.number: (round(p.x, 4), round(p.y, 4)) for p in signal(spec)}


def test_soic8_positions_and_sizes():
    spec = build_footprint(soic8())
    assert _xy(spec) == {"1": (-2.7, -1.905), "2": (-2.7, -0.635), "3": (-2.7, 0.635),
                         "4": (-2.7, 1.905), "5": (2.7, 1.905), "6": (2.7, 0.635),
                         "7": (2.7, -0.635), "8": (2.7, -1.905)}
    assert {(p.size_x, p.size_y) for p in spec.pads} == {(1.55, 0.6)}
    assert all(p.shape == "roundrect" and p.roundrect_ratio == 0.25 for p in spec.pads)
    assert spec.name == "SOIC-8_3.9x4.9mm_P1.27mm"
    assert (spec.body.size_x, spec.body.size_y, spec.body.height) == (3.9, 4.9, 1.75)
    assert spec.attribute == "smd" and spec.pin1 == "1"
    assert set(spec.provenance) >= {"pitch", "pad_size", "row_spacing", "body"}


def test_gull_wing_body_wider_than_the_rows_is_flagged():
    """E (tip to tip, 6.0) read as E1: the body would reach past the pad centres."""
    assert not [i for i in build_footprint(soic8()).issues if i.code == "body_over_rows"]
    wrong = build_footprint(soic8(body_width=6.0))
    (issue,) = [i for i in wrong.issues if i.code == "body_over_rows"]
    assert issue.severity == "warning" and issue.field == "body_width"
    no_lead = reading("dfn", 8, land={"pitch": 0.5, "pad_width": 0.3, "pad_length": 0.75,
                                      "row_spacing": 2.9}, pitch=0.5, body_length=2.0,
                      body_width=3.0)
    assert not [i for i in build_footprint(no_lead).issues if i.code == "body_over_rows"]


def test_sot23_variants_match_kicad_numbering():
    e = 0.95
    assert _xy(build(CASES["sot23"])) == {"1": (-1.1, -e), "2": (-1.1, e), "3": (1.1, 0.0)}
    assert _xy(build(CASES["sot23_5"])) == {"1": (-1.3, -e), "2": (-1.3, 0.0), "3": (-1.3, e),
                                           "4": (1.3, e), "5": (1.3, -e)}
    six = _xy(build(CASES["sot23_6"]))
    assert six["4"] == (1.3, e) and six["5"] == (1.3, 0.0) and six["6"] == (1.3, -e)


def test_sot223_tab_is_pin4_on_the_right():
    spec = build(CASES["sot223"])
    tab = next(p for p in spec.pads if p.number == "4")
    assert (tab.x, tab.y, tab.size_x, tab.size_y) == (3.15, 0.0, 2.0, 3.5)
    assert spec.name == "SOT-223-3_TabPin4"


def test_chip_pads_and_small_courtyard():
    spec = build(CASES["chip_0603"])
    assert _xy(spec) == {"1": (-0.8, 0.0), "2": (0.8, 0.0)}
    assert (spec.pads[0].size_x, spec.pads[0].size_y) == (1.0, 0.95)
    assert spec.courtyard_class == "default"  # 0603 itself is not below 0603
    small = dict(CASES["chip_0603"], land={"pad_width": 0.5, "pad_length": 0.5,
                                            "row_spacing": 0.9}, body_length=1.0,
                 body_width=0.5)
    spec = build(small)
    assert spec.courtyard_class == "small" and spec.name == "Chip_0402_1005Metric"


def test_quad_rows_and_rectangular_quad():
    spec = build(CASES["qfp32"])
    xy = _xy(spec)
    assert xy["1"] == (-4.2, -2.8) and xy["8"] == (-4.2, 2.8)
    assert xy["9"] == (-2.8, 4.2) and xy["17"] == (4.2, 2.8) and xy["32"] == (-2.8, -4.2)
    p9 = next(p for p in spec.pads if p.number == "9")
    assert (p9.size_x, p9.size_y) == (0.55, 1.5)  # bottom row pads stand upright
    rect = _xy(build(CASES["qfn_rect"]))
    assert sum(1 for x, _ in rect.values() if x == -1.5) == 6  # 6 pins along D
    assert rect["7"][1] == 2.0  # first bottom-row pin at C2/2


def test_exposed_pad_number_paste_windows_and_vias():
    spec = build(QFN16)
    ep = [p for p in spec.pads if p.role == "exposed"]
    assert len(ep) == 1 and ep[0].number == "17" and "F.Paste" not in ep[0].effective_layers()
    windows = [p for p in spec.pads if p.role == "paste_window"]
    assert len(windows) == 4
    coverage = sum(w.size_x * w.size_y for w in windows) / (ep[0].size_x * ep[0].size_y)
    assert 0.5 <= coverage <= 0.7
    assert all(w.effective_layers() == ["F.Paste"] and w.number == "" for w in windows)
    assert spec.name == "QFN-16-1EP_4x4mm_P0.65mm_EP2.1x2.1mm"
    assert not [p for p in spec.pads if p.role == "thermal_via"]
    with_vias = build(QFN16, thermal_vias=True)
    vias = [p for p in with_vias.pads if p.role == "thermal_via"]
    # KiCad's QFN-16-1EP_4x4mm_P0.65mm_EP2.1x2.1mm_ThermalVias: 3 x 3 at 0.8 mm, 0.2 drill
    assert len(vias) == 9 and all(v.number == "17" and v.kind == "tht" for v in vias)
    assert sorted({v.x for v in vias}) == [-0.8, 0.0, 0.8]
    assert all(abs(v.x) + 0.25 <= 1.05 and abs(v.y) + 0.25 <= 1.05 for v in vias)
    assert with_vias.name == "QFN-16-1EP_4x4mm_P0.65mm_EP2.1x2.1mm_ThermalVias"
    bottom = [p for p in with_vias.pads if p.role == "exposed" and p.layers == ["B.Cu"]]
    assert len(bottom) == 1 and (bottom[0].size_x, bottom[0].number) == (2.1, "17")


@pytest.mark.parametrize("ep", [1.2, 2.1, 3.45, 5.0, 7.3])
def test_paste_windows_stay_off_the_thermal_via_holes(ep):
    """Paste over a via hole wicks down the barrel: every window keeps 0.1 mm off each hole."""
    case = dict(QFN16, land=dict(QFN16["land"], exposed_pad_width=ep, exposed_pad_length=ep),
                body_length=ep + 2, body_width=ep + 2)
    spec = build(case, thermal_vias=True)
    windows = [p for p in spec.pads if p.role == "paste_window"]
    vias = [p for p in spec.pads if p.role == "thermal_via"]
    assert windows and vias
    for w in windows:
        assert abs(w.x) + w.size_x / 2 <= ep / 2 + 1e-9 and abs(w.y) + w.size_y / 2 <= ep / 2 + 1e-9
        for v in vias:
            dx = max(abs(v.x - w.x) - w.size_x / 2, 0.0)
            dy = max(abs(v.y - w.y) - w.size_y / 2, 0.0)
            assert (dx * dx + dy * dy) ** 0.5 >= v.drill.diameter / 2 + 0.1 - 1e-9, (w, v)
    coverage = next(i for i in spec.issues if i.code == "paste_coverage")
    assert "% of the pad" in coverage.message
    share = sum(w.size_x * w.size_y for w in windows) / (ep * ep)
    # KiCad's grid puts the outer vias at the pad's edges, leaving paste the middle cells;
    # too little of it is a warning, not a quiet info line
    assert share <= 0.7
    assert coverage.severity == ("warning" if share < 0.2 else "info")


def test_exposed_pad_from_package_when_land_pattern_lacks_it():
    case = dict(QFN16, land={k: v for k, v in QFN16["land"].items()
                             if not k.startswith("exposed")},
                exposed_pad_width=2.0, exposed_pad_length=2.2)
    spec = build(case)
    ep = next(p for p in spec.pads if p.role == "exposed")
    assert (ep.size_x, ep.size_y) == (2.0, 2.2)
    assert "exposed_pad_from_package" in {i.code for i in spec.issues}
    assert spec.provenance["exposed_pad"].source == "derived"


def test_tht_dip_and_headers():
    dip = build(CASES["dip8"])
    # KLC F7.2: pad 1 at the origin, the rows 7.62 mm apart, 4 x 2.54 mm down
    assert _xy(dip)["1"] == (0.0, 0.0) and _xy(dip)["5"] == (7.62, 7.62)
    assert dip.attribute == "through_hole" and dip.name == "DIP-8_W7.62mm"
    p1 = next(p for p in dip.pads if p.number == "1")
    assert p1.shape == "rect" and p1.drill.diameter == 0.8 and p1.size_x == 1.6
    assert {p.shape for p in dip.pads if p.number != "1"} == {"circle"}
    header = build(CASES["header_2x3"])
    assert _xy(header) == {"1": (0.0, 0.0), "2": (2.54, 0.0), "3": (0.0, 2.54),
                           "4": (2.54, 2.54), "5": (0.0, 5.08), "6": (2.54, 5.08)}
    assert header.courtyard_class == "connector"
    assert header.name == "PinHeader_2x03_P2.54mm_Vertical"
    single = build(CASES["header_1x4"])
    assert [y for _, y in _xy(single).values()] == [0.0, 2.54, 5.08, 7.62]


def test_tht_default_ring_when_no_pad_size():
    case = dict(CASES["header_1x4"], land={"pitch": 2.54, "drill": 1.0})
    spec = build(case)
    assert spec.pads[0].size_x == pytest.approx(1.7)
    assert spec.provenance["pad_size"].source == "default"
    tight = dict(CASES["header_1x4"], land={"pitch": 1.27, "drill": 0.8})
    squeezed = build(tight)
    # pitch - 0.25 mm gap would be 1.02 (a 0.11 mm ring); KLC F7.5 keeps 0.15 mm: 1.1
    assert squeezed.pads[0].size_x == pytest.approx(1.1)
    assert "annular_ring_grown" in {i.code for i in squeezed.issues}


def test_datasheet_pad_smaller_than_the_ring_is_grown_and_said():
    case = dict(CASES["header_1x4"], land={"pitch": 2.54, "drill": 1.0, "pad_diameter": 1.2})
    spec = build(case)
    assert {p.size_x for p in spec.pads} == {1.3}  # 1.0 + 2 x 0.15
    issue = next(i for i in spec.issues if i.code == "annular_ring_grown")
    assert issue.severity == "warning" and "1.2 x 1.2 -> 1.3 x 1.3" in issue.message


def test_tht_drill_derived_from_lead():
    case = dict(CASES["header_1x4"], land={"pitch": 2.54}, lead_width=0.64)
    spec = build(case)
    assert spec.pads[0].drill.diameter == pytest.approx(0.84)
    assert spec.provenance["drill"].source == "derived"


@pytest.mark.parametrize("family, prefix", [("soic", "SOIC"), ("ssop", "SSOP"),
                                            ("tssop", "TSSOP"), ("msop", "MSOP"),
                                            ("dfn", "DFN"), ("son", "SON")])
def test_every_dual_row_family_builds_ccw_with_its_prefix(family, prefix):
    case = dict(CASES["tssop14"], family=family)
    spec = build(case)
    assert spec.name.startswith(f"{prefix}-14_")
    turn = ccw_turn(spec)
    assert all(b >= a - 1e-6 for a, b in zip(turn, turn[1:]))


def test_tht_without_printed_hole_uses_ipc_when_it_can():
    dip = dict(family="dip", pins=8, pitch=2.54, overall_width=7.62,
               lead_width={"min": 0.36, "nom": 0.46, "max": 0.56}, body_length=9.3,
               body_width=6.35)
    spec = build(dip)
    assert spec.provenance["drill"].source == "ipc_calculation"
    assert "ipc_land_pattern" in {i.code for i in spec.issues}
    assert {round(p.drill.diameter, 4) for p in spec.pads} == {0.8}
