"""Shared test helpers for the writer tests: fixtures, goldens, KiCad availability."""

import functools
import os
from pathlib import Path

import pytest

from footprint_writer.kicad_check import kicad_available
from schemas.footprint import FootprintSpec

ROOT = Path(__file__).resolve().parents[2]
SPEC_DIR = ROOT / "tests" / "fixtures" / "specs"
GOLDEN_DIR = ROOT / "tests" / "golden"
OFFICIAL = Path("/usr/share/kicad/footprints")

# Regenerate golden files: DS2FP_REGEN_GOLDEN=1 python3 -m pytest tests/writer
# (an environment switch rather than a pytest option, so it works from any directory and
# with any test selection).
REGEN = os.environ.get("DS2FP_REGEN_GOLDEN") == "1"


def spec_names():
    return sorted(p.stem for p in SPEC_DIR.glob("*.json"))


def load_spec(stem: str) -> FootprintSpec:
    return FootprintSpec.model_validate_json((SPEC_DIR / f"{stem}.json").read_text())


@functools.lru_cache(maxsize=1)
def _kicad():
    return kicad_available()


def require_kicad() -> None:
    """Skip (with the reason) when /usr/bin/python3 cannot import KiCad 6's pcbnew."""
    ok, why = _kicad()
    if not ok:
        pytest.skip(f"real KiCad not available: {why}")


def require_official() -> None:
    if not OFFICIAL.is_dir():
        pytest.skip(f"official KiCad footprints not installed ({OFFICIAL}): "
                    f"apt-get install kicad-footprints")
