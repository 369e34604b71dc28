"""IPC-built footprints of every family load in real KiCad 6 with exactly our pads."""

from pathlib import Path

import pytest

from footprint_writer.ipc.build import build_ipc_footprint
from footprint_writer.ipc.kicad_yaml import load_definitions
from footprint_writer.kicad_check import compare_pads, kicad_available, load_in_kicad
from footprint_writer.library import write_footprint
from schemas.reading import DatasheetReading
from schemas.toleranced import Toleranced as T

pytestmark = pytest.mark.kicad
DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "kicad_size_definitions"

EXTRA = [
    DatasheetReading(units="mm", family="molded", pin_count=2, package_name="D_SMA",
                     body_length=T(min=4.0, max=4.6), body_width=T(min=2.4, max=2.9),
                     lead_length=T(min=0.75, max=1.6), lead_width=T(min=1.25, max=1.65)),
    DatasheetReading(units="mm", family="dpak", pin_count=2, pitch=T(nom=4.57),
                     overall_width=T(min=9.4, max=10.4), lead_width=T(min=0.64, max=0.89),
                     lead_length=T(min=0.9, max=1.5), exposed_pad_width=T(min=5.0, max=5.6),
                     exposed_pad_length=T(min=5.97, max=6.22)),
    DatasheetReading(units="mm", family="bga", pin_count=64, pitch=T(nom=0.8),
                     ball_diameter=T(nom=0.5), body_length=T(nom=9.0), body_width=T(nom=9.0)),
    DatasheetReading(units="mm", family="dip", pin_count=8, pitch=T(nom=2.54),
                     overall_width=T(nom=7.62), lead_width=T(min=0.36, max=0.56)),
    DatasheetReading(units="mm", family="to220", pin_count=3, pitch=T(nom=2.54),
                     lead_width=T(min=0.7, max=0.9)),
]


def _cases():
    picks = [("gullwing_soic.yaml", "SOIC-8-1EP_3.9x4.9mm_P1.27mm_EP2.29x3mm"),
             ("gullwing_lqfp.yaml", "LQFP-48-1EP_7x7mm_P0.5mm_EP3.6x3.6mm"),
             ("nolead_qfn.yaml", "QFN-40-1EP_5x5mm_P0.4mm_EP3.6x3.6mm"),
             ("nolead_dfn.yaml", "DFN-8-1EP_3x3mm_P0.65mm_EP1.7x2.05mm"),
             ("chip_tantal.yaml", "SMD_3216-18")]
    out = [(load_definitions(DATA / f, only=k)[0].reading, k) for f, k in picks]
    return out + [(r, None) for r in EXTRA]


@pytest.mark.skipif(not kicad_available()[0], reason="KiCad 6 pcbnew not available")
def test_ipc_footprints_load_in_kicad(tmp_path):
    specs, paths = [], []
    for reading, _name in _cases():
        spec, _ = build_ipc_footprint(reading, "nominal", name=None, thermal_vias=True)
        specs.append(spec)
        paths.append(write_footprint(spec, tmp_path / "Ipc.pretty"))
    loaded = load_in_kicad(paths)
    for spec, path in zip(specs, paths):
        result = loaded[str(path)]
        assert result["ok"], (spec.name, result.get("error"))
        assert compare_pads(spec, result["pads"]) == [], spec.name
