"""SOT-23 with 3, 5, 6 and 8 pins through IPC-7351B and the builder, laid out like KiCad's
SOT-23 / SOT-23-5 / SOT-23-6 / SOT-23-8 (Debian 6.0.11 library, generator-made)."""

import pytest

from footprint_writer.builder import build_footprint
from schemas.options import BuildOptions
from schemas.reading import DatasheetReading
from schemas.toleranced import Toleranced as T

# KiCad's size definition shared by SOT-23-3/-5/-6 (gullwing_sot.yaml).
SOT23_FRAME = dict(pitch=T(nom=0.95), overall_width=T(nom=2.8), body_width=T(nom=1.6),
                   body_length=T(nom=2.9), lead_width=T(min=0.3, max=0.5),
                   lead_length=T(min=0.3, nom=0.45, max=0.6))
# SOT-23-8: the same frame at 0.65 mm pitch with narrower leads.
SOT23_8 = dict(SOT23_FRAME, pitch=T(nom=0.65), lead_width=T(min=0.22, max=0.38))

E = 0.95
X = 1.1375  # KiCad: pads 1.325 x 0.6 (x 0.5 for SOT-23-8) at x = +-1.1375
KICAD = {
    3: {"1": (-X, -E), "2": (-X, E), "3": (X, 0.0)},
    5: {"1": (-X, -E), "2": (-X, 0.0), "3": (-X, E), "4": (X, E), "5": (X, -E)},
    6: {"1": (-X, -E), "2": (-X, 0.0), "3": (-X, E), "4": (X, E), "5": (X, 0.0),
        "6": (X, -E)},
    8: {"1": (-X, -0.975), "2": (-X, -0.325), "3": (-X, 0.325), "4": (-X, 0.975),
        "5": (X, 0.975), "6": (X, 0.325), "7": (X, -0.325), "8": (X, -0.975)},
}


def sot23(pins: int, land=None) -> DatasheetReading:
    dims = SOT23_8 if pins == 8 else SOT23_FRAME
    return DatasheetReading(units="mm", family="sot23", pin_count=pins, land_pattern=land,
                            **dims)


def _pads(spec):
    return {p.number: (round(p.x, 4), round(p.y, 4)) for p in spec.pads if p.role == "signal"}


@pytest.mark.parametrize("pins", [3, 5, 6, 8])
@pytest.mark.parametrize("pattern", ["auto", "ipc"])
def test_page_without_land_pattern_builds_through_ipc_like_kicad(pins, pattern):
    spec = build_footprint(sot23(pins), BuildOptions(pattern=pattern))
    assert _pads(spec) == KICAD[pins]
    width = 0.5 if pins == 8 else 0.6
    assert {(p.size_x, p.size_y) for p in spec.pads} == {(1.325, width)}
    assert spec.name == ("SOT-23" if pins == 3 else f"SOT-23-{pins}")
    assert spec.provenance["pad_size"].source == "ipc_calculation"
    assert not [i for i in spec.issues if i.severity == "error"]


@pytest.mark.parametrize("pins", [3, 5, 6, 8])
def test_datasheet_pattern_gets_the_ipc_cross_check(pins):
    pitch = 0.65 if pins == 8 else 0.95
    land = {"pitch": {"nom": pitch}, "pad_width": {"nom": 0.45 if pins == 8 else 0.6},
            "pad_length": {"nom": 1.1}, "row_spacing": {"nom": 2.8}}
    spec = build_footprint(sot23(pins, land))
    codes = [i.code for i in spec.issues]
    assert "ipc_cross_check" in codes and "ipc_cross_check_unavailable" not in codes
    # C 2.8 vs IPC 2.275 is a maker's choice with positive fillets: an info line, no alarm
    assert not [i for i in spec.issues if i.code == "ipc_difference"]
    info = next(i for i in spec.issues if i.code == "ipc_cross_check")
    assert "C 2.8 vs" in info.message and "heel" in info.message


def test_sot23_8_datasheet_pattern_counter_clockwise():
    land = {"pitch": {"nom": 0.65}, "pad_width": {"nom": 0.45}, "pad_length": {"nom": 1.1},
            "row_spacing": {"nom": 2.8}}
    pads = _pads(build_footprint(sot23(8, land)))
    assert pads["1"] == (-1.4, -0.975) and pads["4"] == (-1.4, 0.975)
    assert pads["5"] == (1.4, 0.975) and pads["8"] == (1.4, -0.975)


@pytest.mark.parametrize("pins", [4, 7])
def test_other_pin_counts_are_refused(pins):
    from footprint_writer.errors import InputError

    with pytest.raises(InputError, match="3, 5, 6 or 8|even pin count"):
        build_footprint(sot23(pins))
