"""IPC inside the builder: package-only readings build through IPC; readings with both get
the datasheet's pattern plus a per-dimension IPC cross-check."""

import pytest

from footprint_writer.builder import build_footprint
from footprint_writer.ipc.build import build_ipc_footprint
from schemas.options import BuildOptions
from schemas.reading import DatasheetReading, LandPattern
from schemas.toleranced import Toleranced as T

PACKAGE = dict(units="mm", family="soic", pin_count=8, pitch=T(nom=1.27),
               body_length=T(min=4.8, max=5.0), body_width=T(min=3.8, max=4.0),
               overall_width=T(min=5.8, max=6.2), lead_width=T(min=0.31, max=0.51),
               lead_length=T(min=0.4, max=1.27))


def _pad(spec, number):
    return next(p for p in spec.pads if p.number == number)


def test_package_only_reading_builds_through_ipc():
    spec = build_footprint(DatasheetReading(**PACKAGE))
    p1 = _pad(spec, "1")
    assert (p1.x, p1.y, p1.size_x, p1.size_y) == (-2.475, -1.905, 1.95, 0.6)
    assert spec.provenance["pad_size"].source == "ipc_calculation"
    assert "IPC-7351B" in spec.description


def test_datasheet_pattern_used_and_ipc_differences_reported():
    lp = LandPattern(pad_width=T(nom=0.6), pad_length=T(nom=1.55), row_spacing=T(nom=5.4))
    spec = build_footprint(DatasheetReading(**PACKAGE, land_pattern=lp))
    p1 = _pad(spec, "1")
    assert (p1.x, p1.size_x) == (-2.7, 1.55)  # the datasheet's pads
    assert not [i for i in spec.issues if i.code == "ipc_difference"]  # fillets positive
    info = next(i for i in spec.issues if i.code == "ipc_cross_check")
    assert "Y 1.55 vs 1.95" in info.message and "C 5.4 vs 4.95" in info.message


def test_pattern_ipc_option_ignores_the_datasheet_pattern():
    lp = LandPattern(pad_width=T(nom=0.6), pad_length=T(nom=1.55), row_spacing=T(nom=5.4))
    spec = build_footprint(DatasheetReading(**PACKAGE, land_pattern=lp),
                           BuildOptions(pattern="ipc"))
    assert _pad(spec, "1").size_x == 1.95
    assert not [i for i in spec.issues if i.code.startswith("ipc_cross")]


@pytest.mark.parametrize("density, half_width", [("least", 3.35), ("nominal", 3.7),
                                                 ("most", 4.15)])
def test_ipc_build_courtyard_per_density(density, half_width):
    spec, result = build_ipc_footprint(DatasheetReading(**PACKAGE), density)
    assert result.density == density
    # pads end at Z/2 (least 3.25, nominal 3.45, most 3.65) + excess 0.1 / 0.25 / 0.5
    assert spec.courtyard.x1 == pytest.approx(half_width)
    assert not [i for i in spec.issues if i.code.startswith("ipc_cross")]
    assert f"IPC-7351B land pattern ({density} density)" in spec.description
