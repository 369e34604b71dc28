"""The benchmark's comparison with KiCad's library, as a test (needs kicad-footprints)."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = Path("/usr/share/kicad/footprints")

pytestmark = pytest.mark.kicad


def _benchmark():
    spec = importlib.util.spec_from_file_location("ipc_vs_kicad",
                                                  ROOT / "benchmarks" / "ipc_vs_kicad.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not LIBRARY.is_dir(), reason="Debian kicad-footprints not installed")
def test_ipc_matches_kicad_library_at_least_95_percent(capsys):
    assert _benchmark().main(["--library", str(LIBRARY)]) == 0
    out = capsys.readouterr().out
    line = next(li for li in out.splitlines() if li.startswith("all "))
    exact, compared = (int(v) for v in line.split()[1:4:2])
    assert compared >= 100
    assert exact / compared >= 0.95, out


@pytest.mark.skipif(not LIBRARY.is_dir(), reason="Debian kicad-footprints not installed")
def test_kicad_reader_reads_soic8():
    pads, courtyard = _benchmark().read_kicad_mod(
        LIBRARY / "Package_SO.pretty" / "SOIC-8_3.9x4.9mm_P1.27mm.kicad_mod")
    assert pads["1"] == [(-2.475, -1.905, 1.95, 0.6)]
    assert courtyard == (-3.7, -2.7, 3.7, 2.7)
