"""import -> render of official KiCad footprints reproduces their pads exactly.

40 deterministic picks spread over the whole library (every n-th file in sorted order)
plus footprints chosen for rare pad features. The whole library runs in
benchmarks/roundtrip_official.py.
"""

import pytest

from footprint_writer.importer import import_footprint
from footprint_writer.kicad_check import load_in_kicad
from footprint_writer.roundtrip import roundtrip_text
from tests.writer.helpers import OFFICIAL, require_kicad, require_official

SAMPLE_SIZE = 40
FEATURES = [  # trapezoid, custom (poly / arcs), chamfer, slots + offset, thermal vias
    "Package_LGA.pretty/AMS_LGA-10-1EP_2.7x4mm_P0.6mm.kicad_mod",
    "Package_DFN_QFN.pretty/Texas_RGY_R-PVQFN-N24_EP2.05x3.1mm_ThermalVias.kicad_mod",
    "Mounting_Wuerth.pretty/Mounting_Wuerth_WA-SMST-2.25mm_H2mm_9774020943.kicad_mod",
    "RF_Module.pretty/ESP32-S2-MINI-1.kicad_mod",
    "Potentiometer_THT.pretty/Potentiometer_Alps_RK09L_Single_Vertical.kicad_mod",
    "Connector_PinHeader_1.27mm.pretty/PinHeader_2x16_P1.27mm_Vertical_SMD.kicad_mod",
    "Connector_Harting.pretty/Harting_har-flexicon_14110813002xxx_1x08-MP_P2.54mm_Horizontal"
    ".kicad_mod",
]


def _sample():
    if not OFFICIAL.is_dir():
        return []
    files = sorted(OFFICIAL.glob("*.pretty/*.kicad_mod"))
    step = max(1, len(files) // SAMPLE_SIZE)
    picks = files[::step][:SAMPLE_SIZE]
    return picks + [OFFICIAL / f for f in FEATURES if (OFFICIAL / f) not in picks]


@pytest.fixture(scope="module")
def sample():
    require_official()
    return _sample()


@pytest.mark.kicad
def test_pads_survive_import_and_render(sample):
    failures = {}
    for path in sample:
        rendered, problems = roundtrip_text(path.read_text())
        if problems:
            failures[path.name] = problems[:3]
        notes = {i.code for i in import_footprint(path).issues}
        assert "custom_pad_approximated" not in notes, path.name
    assert failures == {}
    assert len(sample) >= SAMPLE_SIZE


@pytest.mark.kicad
def test_kicad_reads_the_same_pads_from_original_and_rebuilt(sample, tmp_path):
    """Stronger than the kiutils comparison: real KiCad 6 loads both files."""
    require_kicad()
    lib = tmp_path / "rebuilt.pretty"
    lib.mkdir()
    pairs = []
    for path in sample:
        rendered, problems = roundtrip_text(path.read_text())
        assert not problems, path.name
        target = lib / path.name
        target.write_text(rendered)
        pairs.append((str(path), str(target)))
    loaded = load_in_kicad([p for pair in pairs for p in pair])
    for original, rebuilt in pairs:
        a, b = loaded[original], loaded[rebuilt]
        assert a["ok"] and b["ok"], (original, a["error"], b["error"])
        assert a["attribute"] == b["attribute"], original
        assert len(a["pads"]) == len(b["pads"]), original
        for pa, pb in zip(a["pads"], b["pads"]):
            for key, value in pa.items():
                other = pb[key]
                if isinstance(value, float):
                    assert other == pytest.approx(value, abs=1e-6), (original, pa["number"], key)
                else:
                    assert other == value, (original, pa["number"], key)
