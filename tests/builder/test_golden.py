"""Golden .kicad_mod per family, built from examples/*_reading.json, and real KiCad 6 loads
them (and the eval-page fixtures) with exactly the pads the builder placed.

Regenerate after an intended change: DS2FP_REGEN_GOLDEN=1 python3 -m pytest tests/builder
"""

from pathlib import Path

import pytest

from footprint_writer.builder import build_footprint
from footprint_writer.builder.load import parse_input
from footprint_writer.kicad_check import compare_pads, load_in_kicad
from footprint_writer.render import render
from tests.writer.helpers import REGEN, require_kicad

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*_reading.json"))
READINGS = sorted((ROOT / "tests" / "fixtures" / "readings").glob("*.json"))
GOLDEN = ROOT / "tests" / "golden" / "builder"


def _spec(path: Path):
    return build_footprint(parse_input(path.read_text()))


def _stem(path: Path) -> str:
    return path.stem.replace("_reading", "")


@pytest.mark.parametrize("path", EXAMPLES, ids=[_stem(p) for p in EXAMPLES])
def test_golden(path):
    text = render(_spec(path))
    golden = GOLDEN / f"{_stem(path)}.kicad_mod"
    if REGEN:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(text)
    assert golden.is_file(), f"missing {golden}; run with DS2FP_REGEN_GOLDEN=1"
    assert text == golden.read_text(), (
        f"build or render changed for {path.name}; if intended, DS2FP_REGEN_GOLDEN=1")


def test_no_stale_goldens():
    expected = {f"{_stem(p)}.kicad_mod" for p in EXAMPLES}
    assert {p.name for p in GOLDEN.glob("*.kicad_mod")} == expected


@pytest.mark.kicad
def test_goldens_and_eval_fixtures_load_in_kicad_with_exact_pads(tmp_path):
    require_kicad()
    lib = tmp_path / "builder.pretty"
    lib.mkdir()
    specs = {}
    for path in EXAMPLES + READINGS:
        spec = _spec(path)
        target = lib / f"{_stem(path)}.kicad_mod"
        if path in EXAMPLES:
            target.write_text((GOLDEN / f"{_stem(path)}.kicad_mod").read_text())
        else:
            target.write_text(render(spec))
        specs[str(target)] = spec
    results = load_in_kicad(list(specs))
    for target, spec in specs.items():
        got = results[target]
        assert got["ok"], f"{spec.name}: {got['error']}"
        assert got["attribute"] == spec.attribute, spec.name
        assert compare_pads(spec, got["pads"], tol=1e-6) == [], spec.name
