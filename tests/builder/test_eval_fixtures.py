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


def _dense_ranks(values):
    order = sorted({round(v, 3) for v in values})
    return [order.index(round(v, 3)) for v in values]


@pytest.mark.parametrize("folder", FOLDERS)
def test_pad_numbers_sit_where_kicad_puts_them(folder):
    """Each pad number is in the same place relative to the others as in KiCad's own
    footprint for this package (dense ranks of x and y, so origin and scale do not matter)."""
    gt_path = EVAL / folder / "gt.json"
    if not gt_path.is_file():
        pytest.skip(f"{gt_path} not present")
    reading = DatasheetReading.model_validate_json((FIXTURES / f"{folder}.json").read_text())
    if reading.family == "pin_header":
        pytest.skip("KiCad's JST headers run along x, ds2fp's single rows along y (documented)")
    ours = {p.number: (p.x, p.y) for p in build_footprint(reading).pads
            if p.role == "signal" and p.kind == "smd"}
    kicad = {p["number"]: (p["x"], p["y"]) for p in
             json.loads(gt_path.read_text())["kicad_reference"]["pads"] if p["type"] == "smd"}
    common = sorted(set(ours) & set(kicad))
    assert len(common) >= len(ours) - 1  # the exposed pad is numbered alike but not 'signal'
    for axis in (0, 1):
        assert _dense_ranks([ours[n][axis] for n in common]) == \
            _dense_ranks([kicad[n][axis] for n in common]), f"axis {'xy'[axis]}"
