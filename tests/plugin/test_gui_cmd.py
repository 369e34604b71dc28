"""`ds2fp gui` (issue 14 item 9): the standalone dialog from the ds2fp command, its bridge
back in ds2fp's Python, under Xvfb; and the clear errors when it cannot open."""

import json
import os
import subprocess
import sys

import pytest

from daemon.cli import main
from tests.plugin.conftest import DFN, READINGS, REPO, need_datasheet

pytestmark = [pytest.mark.kicad]
URL = "https://ww1.microchip.com/downloads/en/DeviceDoc/MCP73831.pdf"


def test_gui_reads_and_writes_under_xvfb(tmp_path, xvfb_display):
    pages = need_datasheet(DFN)
    result = tmp_path / "result.json"
    lib = tmp_path / "G.pretty"
    env = dict(os.environ, DISPLAY=xvfb_display, HOME=str(tmp_path))
    proc = subprocess.run(
        [sys.executable, "-m", "daemon.cli", "gui", str(pages / "package_p20.png"),
         str(pages / "land_pattern_p21.png"),
         "--reader", f"file:{READINGS / f'{DFN}.json'}",
         "--dialog-args", f"--auto --library {lib} --result {result} --timeout 120 "
                          f"--datasheet {URL}"],
        cwd=str(REPO), env=env, capture_output=True, text=True, timeout=240)
    assert result.exists(), proc.stderr[-3000:]
    data = json.loads(result.read_text())
    assert proc.returncode == 0 and data["ok"], (data, proc.stderr[-2000:])
    assert data["steps"][:2] == ["added 2 file(s)", "read"]
    assert data["review"]["name"] == "DFN-8-1EP_3x2mm_P0.5mm_EP1.75x1.45mm"
    written = lib / "DFN-8-1EP_3x2mm_P0.5mm_EP1.75x1.45mm.kicad_mod"
    assert URL in written.read_text().split("(descr ", 1)[1].split("\n", 1)[0]  # the field
    # the dialog showed each step the bridge reported (issue 14 item 3)
    assert any(label.startswith("reading 2 pages") for label in data["progress"]), data
    assert "building and checking the footprint..." in data["progress"]


def test_gui_without_a_display_says_so(monkeypatch, capsys):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main(["gui"]) == 2
    assert "no display" in capsys.readouterr().err


def test_gui_without_wx_names_the_fix(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("DISPLAY", ":99")
    assert main(["gui", "--wx-python", sys.executable]) == 2  # the pip env has no wx
    assert "python3-wxgtk4.0" in capsys.readouterr().err
