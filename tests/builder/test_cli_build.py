"""`ds2fp build`: reading or footprint JSON in, summary out, one clear error (exit 2)."""

import json
from pathlib import Path

import pytest

from daemon.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*_reading.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_builds_to_json(path, capsys):
    assert main(["build", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    spec = json.loads(out)
    assert spec["pads"] and spec["name"] in err


def test_footprint_json_is_accepted_and_renamed(tmp_path, capsys):
    assert main(["build", str(EXAMPLES[0]), "--json"]) == 0
    spec_path = tmp_path / "fp.json"
    spec_path.write_text(capsys.readouterr().out)
    assert main(["build", str(spec_path), "--json", "--name", "Mine"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "Mine"


@pytest.mark.parametrize("content, needle", [
    ("{not json", "not valid JSON"),
    ('{"family": "soic", "pin_count": 8}', "units: Field required"),
    ('{"units": "mm", "family": "soic", "pin_count": 8, "pitch": {"nom": NaN}}', "NaN"),
])
def test_bad_files_exit_2_with_one_message(tmp_path, capsys, content, needle):
    path = tmp_path / "bad.json"
    path.write_text(content)
    assert main(["build", str(path), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("ds2fp: error:") and needle in err
    assert "Traceback" not in err


def test_missing_file_and_nothing_to_do(tmp_path, capsys):
    assert main(["build", str(tmp_path / "none.json"), "--json"]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["build", str(EXAMPLES[0])]) == 2
    assert "--lib" in capsys.readouterr().err


def test_write_into_library_and_refuse_overwrite(tmp_path, capsys):
    pytest.importorskip("footprint_writer.library")
    lib = tmp_path / "My.pretty"
    soic = ROOT / "examples" / "soic8_reading.json"
    assert main(["build", str(soic), "--lib", str(lib)]) == 0
    written = lib / "SOIC-8_3.9x4.9mm_P1.27mm.kicad_mod"
    assert written.is_file()
    before = written.read_text()
    assert main(["build", str(soic), "--lib", str(lib)]) == 2
    assert "exists" in capsys.readouterr().err.lower()
    assert written.read_text() == before
    assert main(["build", str(soic), "--lib", str(lib), "--replace"]) == 0


def test_footprint_file_is_checked_again_and_not_written_with_errors(tmp_path, capsys):
    spec = {"name": "Overlap", "pads": [
        {"number": "1", "x": 0, "y": 0, "size_x": 1, "size_y": 1},
        {"number": "2", "x": 0.5, "y": 0, "size_x": 1, "size_y": 1}]}
    path = tmp_path / "overlap.json"
    path.write_text(json.dumps(spec))
    assert main(["build", str(path), "--json"]) == 0
    assert "error: pads 1 and 2" in capsys.readouterr().err
    lib = tmp_path / "X.pretty"
    assert main(["build", str(path), "--lib", str(lib)]) == 2
    assert not list(lib.glob("*.kicad_mod")) if lib.exists() else True


def test_unwritable_library_is_a_clear_error(tmp_path, capsys):
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    soic = ROOT / "examples" / "soic8_reading.json"
    assert main(["build", str(soic), "--lib", str(blocker / "My.pretty")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ds2fp: error:") and "Traceback" not in err
