"""Thermal vias as KiCad's generator lays them (issue 14 item 7): the via grid spread to the
exposed pad's edges, 0.2 mm drill in 0.5 mm pads, the `_ThermalVias` name, a B.Cu copy of
the pad, and paste windows symmetric about the centre and off every hole."""

import re
from pathlib import Path

import pytest

from footprint_writer.ipc.build import build_ipc_footprint
from footprint_writer.ipc.thermal import via_axis
from schemas.reading import DatasheetReading
from schemas.toleranced import Toleranced

LIBRARY = Path("/usr/share/kicad/footprints/Package_DFN_QFN.pretty")


@pytest.mark.parametrize("size, expect", [
    (0.4, []),                    # smaller than one via pad: none
    (0.6, [0.0]),
    (1.7, [-0.6, 0.6]),           # KiCad QFN-16 EP1.75: 2 x 2 at +-0.625
    (2.6, [-1.05, 0.0, 1.05]),    # KiCad QFN-24 4x4 EP2.6: 3 x 3 at 1.05
    (3.8, [-1.65, -0.55, 0.55, 1.65]),
])
def test_via_axis(size, expect):
    assert via_axis(size) == pytest.approx(expect)


def qfn(pins, body, ep, pitch=0.5):
    t = Toleranced
    return DatasheetReading(units="mm", family="qfn", pin_count=pins, pitch=t(nom=pitch),
                            body_length=t(nom=body), body_width=t(nom=body),
                            lead_width=t(min=0.18, max=0.3), lead_length=t(min=0.3, max=0.5),
                            exposed_pad=True, exposed_pad_width=t(nom=ep),
                            exposed_pad_length=t(nom=ep), height=t(nom=0.9))


def _library_vias(name):
    path = LIBRARY / f"{name}.kicad_mod"
    if not path.exists():
        pytest.skip(f"{path} absent (Debian kicad-footprints)")
    text = path.read_text()
    return sorted((float(x), float(y), float(d)) for x, y, d in re.findall(
        r"thru_hole circle \(at ([-\d.]+) ([-\d.]+)\) \(size [\d.]+ [\d.]+\) \(drill ([\d.]+)",
        text))


@pytest.mark.parametrize("pins, body, ep, pitch", [
    (24, 4, 2.6, 0.5), (28, 4, 2.3, 0.4), (40, 5, 3.8, 0.4), (16, 3, 1.75, 0.5),
])
def test_vias_match_kicads_library(pins, body, ep, pitch):
    """Parts whose definitions leave the grid to the generator (others set their own)."""
    spec, _ = build_ipc_footprint(qfn(pins, body, ep, pitch), thermal_vias=True)
    assert spec.name.endswith("_ThermalVias")
    ours = sorted((p.x, p.y, p.drill.diameter) for p in spec.pads if p.role == "thermal_via")
    theirs = _library_vias(spec.name)
    assert ours == pytest.approx(theirs, abs=1e-3)


def test_paste_windows_are_symmetric_and_off_the_holes():
    """The bug: -0.521 / +0.497 windows around one via. Now mirror images, 0.1 mm off holes."""
    for ep in (1.7, 2.1, 2.6, 3.3, 4.1):
        spec, _ = build_ipc_footprint(qfn(24, ep + 1.5, ep), thermal_vias=True)
        windows = {(p.x, p.y, p.size_x, p.size_y) for p in spec.pads if p.role == "paste_window"}
        assert windows
        for x, y, w, h in windows:
            for mx, my in ((-x, y), (x, -y), (-x, -y)):
                assert (round(mx, 3) + 0.0, round(my, 3) + 0.0, w, h) in \
                    {(round(a, 3) + 0.0, round(b, 3) + 0.0, c, d) for a, b, c, d in windows}
        for via in (p for p in spec.pads if p.role == "thermal_via"):
            for x, y, w, h in windows:
                dx, dy = max(abs(via.x - x) - w / 2, 0), max(abs(via.y - y) - h / 2, 0)
                assert (dx * dx + dy * dy) ** 0.5 >= via.drill.diameter / 2 + 0.1 - 1e-6
