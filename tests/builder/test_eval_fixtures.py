"""Hand-written readings of the seven real datasheet pages build footprints that satisfy each
folder's expect.json (values as printed; the pages themselves stay outside the repo)."""

import json
from pathlib import Path

import pytest

from footprint_writer.builder import build_footprint
from footprint_writer.expect import failures, find_eval_dir, score_against_expect
from schemas.reading import DatasheetReading

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "readings"
EVAL = find_eval_dir(ROOT) or ROOT.parent / "shared" / "eval" / "datasheets"
FOLDERS = sorted(p.stem for p in FIXTURES.glob("*.json"))


def test_one_fixture_per_eval_folder():
    if not EVAL.is_dir():
        pytest.skip(f"{EVAL} not present")
    folders = sorted(p.name for p in EVAL.iterdir() if (p / "expect.json").is_file())
    assert FOLDERS == folders


@pytest.mark.parametrize("folder", FOLDERS)
def test_fixture_satisfies_expect(folder):
    expect_path = EVAL / folder / "expect.json"
    if not expect_path.is_file():
        pytest.skip(f"{expect_path} not present")
    reading = DatasheetReading.model_validate_json((FIXTURES / f"{folder}.json").read_text())
    spec = build_footprint(reading)
    results = score_against_expect(spec, json.loads(expect_path.read_text()))
    scored = [r for r in results if r.ok is not None]
    assert len(scored) >= 6, "expect.json should state most facts"
    assert failures(results) == []
