"""Shared paths and skips for the plugin tests (real KiCad 6.0.11 + Xvfb where present)."""

import functools
import shutil
import subprocess
from pathlib import Path

import pytest

from footprint_writer.expect import find_eval_dir

REPO = Path(__file__).resolve().parents[2]
KICAD_PYTHON = "/usr/bin/python3"
DATASHEETS = find_eval_dir(REPO) or REPO.parent / "shared" / "eval" / "datasheets"
READINGS = REPO / "tests" / "fixtures" / "readings"
DFN = "01_MCP73831_DFN-8_2x3_C04-123C"
SOIC = "03_LM358_TI_D0008A_SOIC-8"


@functools.cache
def kicad_gui_reason() -> str:
    """'' when KiCad's Python has pcbnew and wx, else why not."""
    if not Path(KICAD_PYTHON).exists():
        return f"{KICAD_PYTHON} missing"
    proc = subprocess.run([KICAD_PYTHON, "-c", "import pcbnew, wx"], capture_output=True,
                          text=True, timeout=120)
    if proc.returncode != 0:
        return ("KiCad's Python cannot import pcbnew and wx (Debian kicad + python3-wxgtk4.0): "
                + proc.stderr.strip()[-200:])
    return ""


def need_kicad() -> None:
    reason = kicad_gui_reason()
    if reason:
        pytest.skip(reason)


def need_xvfb() -> None:
    if not shutil.which("xvfb-run"):
        pytest.skip("xvfb-run missing (Debian xvfb)")


def need_datasheet(name: str) -> Path:
    folder = DATASHEETS / name
    if not folder.is_dir():
        pytest.skip(f"{folder} absent (evaluation pages live outside the repo)")
    return folder
