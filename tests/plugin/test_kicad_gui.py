"""The plugin inside a running KiCad 6.0.11 PCB editor (issue 12): install.py into a private
HOME, `ds2fp serve --reader ocr` on loopback, `pcbnew` on a fresh board under Xvfb, the ds2fp
toolbar button found on the screen and clicked; the dialog reads the real MCP73831 pages,
writes into the project's library, registers it and places the footprint; Ctrl+S; then on
disk: the .kicad_mod, the project's fp-lib-table and the footprint on the saved board. Before
that, in the same editor, the paths a user hits: a non-image file, the daemon not running,
closing the dialog during a read. Screenshots of every step go to
tests/artifacts/kicad_gui/ (look at them). The same in KiCad 9 where scripts/fetch_kicad9.sh
has unpacked it (DS2FP_KICAD9_ROOT; screenshots in tests/artifacts/kicad9_gui/).
"""

import json
import subprocess
import sys
import time

import pytest

from footprint_writer.library import read_library_entries
from tests.daemon.conftest import Daemon
from tests.plugin.conftest import DFN, KICAD_PYTHON, REPO, need_datasheet, need_kicad
from tests.plugin.kicad_gui import KicadSession, gui_reason

pytestmark = [pytest.mark.kicad, pytest.mark.kicad_gui, pytest.mark.slow]
SHOTS = REPO / "tests" / "artifacts" / "kicad_gui"
NAME = "DFN-8-1EP_3x2mm_P0.5mm_EP1.75x1.45mm"

BOARD = r'''
import json, sys
import pcbnew
board = pcbnew.LoadBoard(sys.argv[1])
print(json.dumps([{"lib": str(fp.GetFPID().GetLibNickname()),
                   "name": str(fp.GetFPID().GetLibItemName()),
                   "pads": sorted({p.GetNumber() for p in fp.Pads() if p.GetNumber()})}
                  for fp in board.GetFootprints()]))
'''


@pytest.fixture(scope="module", params=["6", "9"], ids=["kicad6", "kicad9"])
def editor(request, tmp_path_factory, xvfb_display):
    version = request.param
    if gui_reason(version):
        pytest.skip(gui_reason(version))
    need_kicad(version)
    pages = need_datasheet(DFN)
    root = tmp_path_factory.mktemp(f"kicad{version}_gui")
    daemon = Daemon(["--reader", "ocr"], root / "daemon")
    daemon.wait_ready(timeout=120)
    shots = SHOTS if version == "6" else SHOTS.parent / f"kicad{version}_gui"
    session = KicadSession(root, xvfb_display, daemon.endpoint, shots, version=version)
    session.install()
    session.new_project()
    session.pages = pages
    session.start({})
    session.shot("1_editor_with_ds2fp_button")
    yield session
    session.stop()
    daemon.stop()


def run_dialog(session, name, **auto):
    """Click the button with these driver options; the driver's result."""
    result = session.root / f"{name}.json"
    auto = dict({"timeout": 150, "result": str(result)}, **auto)
    (session.root / "auto.json").write_text(json.dumps(auto))
    session.click_button()
    time.sleep(1.0)
    session.shot(f"{name}_dialog")
    session.wait_closed()
    assert result.exists(), session.log_tail()
    return json.loads(result.read_text())


def set_endpoint(session, endpoint):
    path = session.home / ".config" / "ds2fp" / "plugin.json"
    config = json.loads(path.read_text())
    config["endpoint"] = endpoint
    path.write_text(json.dumps(config))


def test_0_tools_menu_lists_ds2fp(editor):
    """Tools > External Plugins holds the ds2fp entry (besides the toolbar button)."""
    try:
        assert editor.open_external_plugins_menu() == "ds2fp"
        editor.shot("1b_tools_external_plugins")
    finally:
        editor.close_menus()


def test_1_non_image_file_is_refused_in_words(editor, tmp_path):
    junk = tmp_path / "notes.png"
    junk.write_text("this is not a screenshot")
    data = run_dialog(editor, "2_non_image", image=[str(junk)])
    assert data["errors"], data
    assert [e["title"] for e in data["errors"]] == ["cannot add image"]
    assert "not a PNG or JPEG" in data["errors"][0]["message"]
    assert "Traceback" not in editor.log_tail()


def test_2_daemon_down_says_how_to_start_it(editor):
    set_endpoint(editor, "tcp://127.0.0.1:9")  # nothing listens there
    try:
        data = run_dialog(editor, "3_daemon_down", image=[str(editor.pages / "package_p20.png")],
                          timeout=60)
    finally:
        set_endpoint(editor, editor.endpoint)
    said = " ".join(e["title"] + " " + e["message"] + " " + (e.get("hint") or "")
                    for e in data["errors"]) + " " + data.get("status", "")
    assert "ds2fp serve" in said or "Start" in said or "not running" in said, data
    assert "Traceback" not in editor.log_tail()


def test_3_cancel_during_a_read(editor):
    data = run_dialog(editor, "4_cancel", image=[str(editor.pages / "package_p20.png"),
                                                 str(editor.pages / "land_pattern_p21.png")],
                      cancel_after=1.5)
    assert data["ok"], data
    assert data["busy_before_cancel"] is True
    assert data["after_cancel"]["read_enabled"] and not data["after_cancel"]["cancel_enabled"]
    assert data["status_after_cancel"].startswith("daemon")  # the bridge still serves


def test_3b_closing_the_dialog_during_a_read(editor):
    """The window closed while the daemon reads: the dialog goes, KiCad stays, no traceback,
    and the daemon is free again soon (the read was cancelled, not left running)."""
    data = run_dialog(editor, "4b_close", image=[str(editor.pages / "package_p20.png"),
                                                 str(editor.pages / "land_pattern_p21.png")],
                      close_after=1.5)
    assert data["ok"] and data["busy_before_close"] is True, data
    assert editor.proc.poll() is None and "Traceback" not in editor.log_tail()
    from daemon.client import ZmqClient

    with ZmqClient(editor.endpoint) as client:
        deadline = time.monotonic() + 10
        while client.ping().ping.state != "ready" and time.monotonic() < deadline:
            time.sleep(0.2)
        assert client.ping().ping.state == "ready"


def test_4_read_write_register_place_save(editor):
    lib = editor.project / "Parts.pretty"
    data = run_dialog(editor, "5_read", image=[str(editor.pages / "package_p20.png"),
                                              str(editor.pages / "land_pattern_p21.png")],
                      part="MCP73831", library=str(lib),
                      screenshot=str(editor.shots / "5_review.png"))
    assert data["ok"], data
    assert data["steps"] == ["added 2 file(s)", "read", "screenshot", "write"]
    assert data["status"].startswith("daemon ready (ocr")
    assert data["review"]["name"] == NAME and data["review"]["reader"] == "ocr"
    assert data["placed"][0]["name"] == NAME
    editor.shot("6_placed")
    editor.save()
    editor.shot("7_saved")
    assert (lib / f"{NAME}.kicad_mod").is_file()
    assert read_library_entries(editor.project / "fp-lib-table") == \
        [("Parts", "${KIPRJMOD}/Parts.pretty")]
    proc = subprocess.run([KICAD_PYTHON, "-c", BOARD, str(editor.board)], capture_output=True,
                          text=True, timeout=120, env=need_kicad(editor.version))
    footprints = json.loads(proc.stdout)
    assert footprints == [{"lib": "Parts", "name": NAME,
                           "pads": ["1", "2", "3", "4", "5", "6", "7", "8", "9"]}]
    editor.times["read_to_review_s"] = data["read_to_review_s"]
    (editor.shots / "times.json").write_text(json.dumps(editor.times, indent=1))
    print(f"\nKiCad {editor.version} GUI: {editor.times}; screenshots in {editor.shots}",
          file=sys.stderr)
