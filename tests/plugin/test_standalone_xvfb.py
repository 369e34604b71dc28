"""End to end in real KiCad 6.0.11's Python under Xvfb: the dialog (standalone, stub board)
pastes and adds a real datasheet page, reads it through the real bridge subprocess (in-process
reader with the page's recorded reading), shows the review (screenshot saved), takes edits,
writes into a temporary library, registers it, and places the footprint on a pcbnew BOARD.

The screenshot goes to tests/artifacts/plugin_review.png for people to look at."""

import json
import subprocess
import sys

import pytest

from footprint_writer.kicad_check import load_in_kicad
from footprint_writer.library import read_library_entries
from tests.plugin.conftest import (
    DFN,
    KICAD_PYTHON,
    KICADS,
    READINGS,
    REPO,
    SOIC,
    need_datasheet,
    need_kicad,
)

pytestmark = [pytest.mark.kicad, pytest.mark.slow]
ARTIFACTS = REPO / "tests" / "artifacts"


def run_dialog(tmp_path, env: dict, reading: str, *args: str) -> dict:
    result = tmp_path / "result.json"
    command = [KICAD_PYTHON, "-m",
               "kicad_plugin.standalone", "--python", sys.executable, "--in-process",
               "--reader", f"file:{READINGS / f'{reading}.json'}", "--auto",
               "--result", str(result), "--timeout", "120", *args]
    proc = subprocess.run(command, cwd=str(REPO), capture_output=True, text=True, timeout=240,
                          env=env)
    assert result.exists(), proc.stderr[-3000:]
    data = json.loads(result.read_text())
    assert proc.returncode == 0 and data["ok"], (data, proc.stderr[-3000:])
    return data


BOARD = r'''
import json, sys
import pcbnew
board = pcbnew.LoadBoard(sys.argv[1])
fps = list(board.GetFootprints())
print(json.dumps([{"lib": str(fp.GetFPID().GetLibNickname()),
                   "name": str(fp.GetFPID().GetLibItemName()),
                   "pads": sorted({p.GetNumber() for p in fp.Pads() if p.GetNumber()})}
                  for fp in fps]))
'''


@pytest.mark.parametrize("kicad", KICADS)
def test_dialog_reads_a_real_page_and_places_the_footprint(tmp_path, kicad, xvfb_display):
    env = dict(need_kicad(kicad), DISPLAY=xvfb_display)
    pages = need_datasheet(DFN)
    project = tmp_path / "board"
    project.mkdir()
    (project / "board.kicad_pro").write_text("{}")
    lib = project / "Parts.pretty"
    board = tmp_path / "placed.kicad_pcb"
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / ("plugin_review.png" if kicad == "6" else f"plugin_review_kicad{kicad}.png")
    data = run_dialog(tmp_path, env, DFN, "--image", str(pages / "package_p20.png"),
                      "--paste", str(pages / "land_pattern_p21.png"), "--part", "MCP73831",
                      "--project", str(project), "--library", str(lib),
                      "--screenshot", str(shot), "--save-board", str(board))
    print(f"\nreview screenshot: {shot}")
    assert data["steps"][:3] == ["pasted land_pattern_p21.png", "added 1 file(s)", "read"]
    assert data["images"] == [
        {"name": "pasted_1.png", "role": "both", "pasted": True},
        {"name": "package_p20.png", "role": "package", "pasted": False}]
    assert data["status"].startswith("daemon ready")
    assert data["review"]["name"] == "DFN-8-1EP_3x2mm_P0.5mm_EP1.75x1.45mm"
    assert data["edit_fields"]["pitch"] == "0.5"
    assert data["edit_fields"]["exposed_pad_width"] == "1.75"

    from PIL import Image

    with Image.open(shot) as img:
        assert img.size[0] >= 900 and img.size[1] >= 600
        assert len(img.convert("RGB").resize((64, 64)).getcolors(4096)) > 20  # not blank

    written = data["written"]["path"]
    assert written == str(lib / f"{data['review']['name']}.kicad_mod")
    assert read_library_entries(project / "fp-lib-table") == [
        ("Parts", "${KIPRJMOD}/Parts.pretty")]
    kicad = load_in_kicad([written])[written]
    assert kicad["ok"], kicad["error"]
    numbered = {p["number"]: p for p in kicad["pads"] if p["number"]}
    assert sorted(numbered, key=int) == [str(n) for n in range(1, 10)]
    assert abs(numbered["2"]["y"] - numbered["1"]["y"]) == pytest.approx(0.5)
    ep = numbered["9"]
    assert sorted([ep["size_x"], ep["size_y"]]) == pytest.approx([1.45, 1.75])

    placed = subprocess.run([KICAD_PYTHON, "-c", BOARD, str(board)], capture_output=True,
                            text=True, timeout=120, env=env)
    assert placed.returncode == 0, placed.stderr[-2000:]
    footprints = json.loads(placed.stdout.strip().splitlines()[-1])
    assert footprints == [{"lib": "Parts", "name": data["review"]["name"],
                           "pads": sorted(str(n) for n in range(1, 10))}]


@pytest.mark.parametrize("kicad", KICADS)
def test_dialog_edits_rebuild_and_the_file_has_them(tmp_path, kicad, xvfb_display):
    env = dict(need_kicad(kicad), DISPLAY=xvfb_display)
    pages = need_datasheet(SOIC)
    lib = tmp_path / "Edited.pretty"
    data = run_dialog(tmp_path, env, SOIC, "--drop", str(pages / "land_pattern_p59.png"),
                      "--edit", "pad_length=1.95", "--edit", "row_spacing=4.9",
                      "--library", str(lib))
    assert "dropped 1 file(s)" in data["steps"]
    assert data["images"] == [{"name": "land_pattern_p59.png", "role": "land_pattern",
                               "pasted": False}]
    assert "edited pad_length=1.95, row_spacing=4.9" in data["steps"]
    assert data["extracted"]["land"]["row_spacing"] == pytest.approx(5.4102)
    assert data["review"]["land"]["row_spacing"] == pytest.approx(4.9)
    assert data["review"]["reader"] == "user_edit"
    written = data["written"]["path"]
    kicad = load_in_kicad([written])[written]
    assert kicad["ok"], kicad["error"]
    pad1 = next(p for p in kicad["pads"] if p["number"] == "1")
    pad8 = next(p for p in kicad["pads"] if p["number"] == "8")
    assert pad8["x"] - pad1["x"] == pytest.approx(4.9)
    assert sorted([pad1["size_x"], pad1["size_y"]]) == pytest.approx([0.6096, 1.95])
    assert data["placed"] and data["placed"][0]["pads"] == 8


@pytest.mark.parametrize("kicad", ["6"])
def test_cancel_frees_the_dialog_at_once_and_kicad_never_freezes(tmp_path, kicad,
                                                                  xvfb_display):
    """A 30 s read (slow recorded reader) cancelled after 1.5 s: the dialog is usable again
    at once, the bridge still answers, and the GUI's event loop never stalled meanwhile."""
    env = dict(need_kicad(kicad), DISPLAY=xvfb_display)
    pages = need_datasheet(SOIC)
    result = tmp_path / "result.json"
    command = [KICAD_PYTHON, "-m", "kicad_plugin.standalone", "--python", sys.executable,
               "--in-process", "--reader", "python:tests.plugin.slow_reader:make", "--auto",
               "--image", str(pages / "land_pattern_p59.png"), "--cancel-after", "1.5",
               "--result", str(result), "--timeout", "60"]
    proc = subprocess.run(command, cwd=str(REPO), capture_output=True, text=True, timeout=120,
                          env=env)
    data = json.loads(result.read_text())
    assert proc.returncode == 0 and data["ok"], (data, proc.stderr[-2000:])
    assert data["busy_before_cancel"] is True
    assert data["after_cancel"] == {"read_enabled": True, "cancel_enabled": False,
                                    "progress": "cancelled"}
    assert data["status_after_cancel"].startswith("daemon ready")
    assert data["payload_after_cancel"] is False
    # generous: a blocking call on the GUI thread would stall it for the whole 30 s read
    assert data["max_event_gap_s"] < 2.0


@pytest.mark.parametrize("kicad", ["6"])
def test_not_installed_is_a_dialog_with_the_fix(tmp_path, kicad, xvfb_display):
    env = dict(need_kicad(kicad), DISPLAY=xvfb_display,
               DS2FP_CONFIG=str(tmp_path / "missing" / "plugin.json"))
    png = tmp_path / "page.png"
    from PIL import Image

    Image.new("RGB", (40, 30), "white").save(png)
    result = tmp_path / "result.json"
    command = [KICAD_PYTHON, "-m", "kicad_plugin.standalone", "--auto", "--image", str(png),
               "--result", str(result), "--timeout", "30"]
    proc = subprocess.run(command, cwd=str(REPO), capture_output=True, text=True, timeout=120,
                          env=env)
    data = json.loads(result.read_text())
    assert proc.returncode == 1 and not data["ok"]
    assert "not usable" in data["status"] and "install.py" in data["status"]
    error = data["errors"][0]
    assert error["title"] == "ds2fp is not installed"
    assert "install.py" in error["message"] and "install.py" in error["hint"]
