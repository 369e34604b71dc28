"""Shared paths and skips for the plugin tests (real KiCad 6.0.11 + Xvfb where present)."""

import functools
import os
import shutil
import subprocess
from pathlib import Path
from typing import Dict

import pytest

from footprint_writer.expect import find_eval_dir

REPO = Path(__file__).resolve().parents[2]
KICAD_PYTHON = "/usr/bin/python3"
DATASHEETS = find_eval_dir(REPO) or REPO.parent / "shared" / "eval" / "datasheets"
READINGS = REPO / "tests" / "fixtures" / "readings"
DFN = "01_MCP73831_DFN-8_2x3_C04-123C"
SOIC = "03_LM358_TI_D0008A_SOIC-8"


# KiCad versions to run the plugin in: Debian's 6.0.11, and KiCad 9 when it was unpacked
# with scripts/fetch_kicad9.sh and DS2FP_KICAD9_ROOT points at it.
KICADS = ("6", "9")


def kicad_env(version: str) -> Dict[str, str]:
    """Environment for KICAD_PYTHON to import that KiCad's pcbnew ({} for the system's)."""
    if version == "6":
        return {}
    root = os.environ.get("DS2FP_KICAD9_ROOT", "")
    if not root:
        return {"_skip": "KiCad 9 not unpacked (scripts/fetch_kicad9.sh; DS2FP_KICAD9_ROOT)"}
    return {"LD_LIBRARY_PATH": f"{root}/usr/lib/x86_64-linux-gnu",
            "PYTHONPATH": f"{root}/usr/lib/python3/dist-packages"}


@functools.cache
def kicad_gui_reason(version: str = "6") -> str:
    """'' when KiCad's Python has that KiCad's pcbnew and wx, else why not."""
    if not Path(KICAD_PYTHON).exists():
        return f"{KICAD_PYTHON} missing"
    extra = kicad_env(version)
    if "_skip" in extra:
        return extra["_skip"]
    proc = subprocess.run([KICAD_PYTHON, "-c", "import pcbnew, wx; print(pcbnew.Version())"],
                          capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, **extra))
    if proc.returncode != 0:
        return ("KiCad's Python cannot import pcbnew and wx (Debian kicad + python3-wxgtk4.0): "
                + proc.stderr.strip()[-200:])
    if not proc.stdout.strip().startswith(version):
        return f"expected KiCad {version}, found {proc.stdout.strip()}"
    return ""


def need_kicad(version: str = "6") -> Dict[str, str]:
    """Skip unless that KiCad is usable; the environment to run its Python with."""
    reason = kicad_gui_reason(version)
    if reason:
        pytest.skip(reason)
    return dict(os.environ, **kicad_env(version))


def _start_xvfb(log) -> tuple:
    """(process, ':N') of a fresh Xvfb that a wx app can connect to, or (None, why)."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0",
                             "1600x1000x24", "-nolisten", "tcp"], pass_fds=(write_fd,),
                            stdout=subprocess.DEVNULL, stderr=log)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    display = f":{number}"
    probe = subprocess.run([KICAD_PYTHON, "-c", "import wx; wx.App(False)"],
                           env=dict(os.environ, DISPLAY=display), capture_output=True,
                           text=True, timeout=60) if number else None
    if number and proc.poll() is None and probe.returncode == 0:
        return proc, display
    _stop(proc)
    return None, (probe.stderr[-300:] if probe is not None else "no display number")


def _stop(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def xvfb_display(tmp_path_factory):
    """A private Xvfb server for the module (Xvfb picks a free display with -displayfd; on a
    machine shared with other test runs a server that does not answer is replaced)."""
    if not shutil.which("Xvfb"):
        pytest.skip("Xvfb missing (Debian xvfb)")
    if kicad_gui_reason("6"):
        pytest.skip(kicad_gui_reason("6"))
    log_path = tmp_path_factory.mktemp("xvfb") / "xvfb.log"
    why = ""
    with open(log_path, "wb") as log:
        for _attempt in range(3):
            proc, display = _start_xvfb(log)
            if proc is not None:
                break
            why = display
        else:
            pytest.fail(f"Xvfb did not give a usable display: {why}\n"
                        + log_path.read_text(errors="replace")[-1000:])
        try:
            yield display
        finally:
            _stop(proc)


def need_datasheet(name: str) -> Path:
    folder = DATASHEETS / name
    if not folder.is_dir():
        pytest.skip(f"{folder} absent (evaluation pages live outside the repo)")
    return folder
