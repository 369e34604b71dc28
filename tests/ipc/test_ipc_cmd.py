"""`ds2fp ipc` command line (JSON working; writing when builder and library are present)."""

import importlib.util
import json
from pathlib import Path

import pytest

from daemon.cli import main

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "kicad_size_definitions"
SOIC_FLAGS = ["--family", "soic", "--pins", "8", "--pitch", "1.27",
              "--overall-width", "5.8..6.2", "--lead-length", "0.4..1.27",
              "--lead-width", "0.31..0.51", "--body-width", "3.8..4.0",
              "--body-length", "4.8..5.0"]


def test_one_part_prints_land_pattern_and_working(capsys):
    assert main(["ipc", *SOIC_FLAGS]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["land_pattern"]["pad_length"]["nom"] == 1.95
    assert out["working"]["rows"]["x"]["Zmax"] == 6.9


def test_density_flag(capsys):
    assert main(["ipc", *SOIC_FLAGS, "--density", "most"]) == 0
    assert json.loads(capsys.readouterr().out)["working"]["courtyard_excess"] == 0.5


def test_sizes_yaml_only(capsys):
    assert main(["ipc", str(DATA / "gullwing_tssop.yaml"),
                 "--only", "TSSOP-20_4.4x6.5mm_P0.65mm"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["name"] == "TSSOP-20_4.4x6.5mm_P0.65mm"


def test_missing_dimension_is_a_clear_error(capsys):
    assert main(["ipc", "--family", "soic", "--pins", "8", "--pitch", "1.27"]) == 2
    err = capsys.readouterr().err
    assert "overall_width" in err and "Traceback" not in err


def test_bad_value_is_a_clear_error(capsys):
    assert main(["ipc", *SOIC_FLAGS[:-2], "--body-length", "five"]) == 2
    assert "body_length" in capsys.readouterr().err


def test_missing_file(capsys, tmp_path):
    assert main(["ipc", str(tmp_path / "nope.yaml")]) == 2


_HAVE_WRITER = all(importlib.util.find_spec(m) is not None for m in (
    "footprint_writer.builder", "footprint_writer.library"))


@pytest.mark.skipif(not _HAVE_WRITER, reason="builder / library not merged yet")
def test_writes_into_library_and_refuses_to_overwrite(tmp_path, capsys):
    lib = tmp_path / "My.pretty"
    args = ["ipc", str(DATA / "gullwing_soic.yaml"), "--only", "SOIC-8_3.9x4.9mm_P1.27mm",
            "--lib", str(lib)]
    assert main(args) == 0
    written = lib / "SOIC-8_3.9x4.9mm_P1.27mm.kicad_mod"
    text = written.read_text()
    assert '(at -2.475 -1.905)' in text and "(size 1.95 0.6)" in text
    assert main(args) == 2  # exists, no --replace
    assert main(args + ["--replace"]) == 0


@pytest.mark.skipif(not _HAVE_WRITER, reason="builder / library not merged yet")
def test_thermal_vias_flag(tmp_path):
    lib = tmp_path / "Q.pretty"
    assert main(["ipc", str(DATA / "nolead_qfn.yaml"), "--only",
                 "QFN-40-1EP_5x5mm_P0.4mm_EP3.6x3.6mm", "--lib", str(lib),
                 "--thermal-vias"]) == 0
    text = next(lib.glob("*.kicad_mod")).read_text()
    assert "thru_hole" in text  # the vias
