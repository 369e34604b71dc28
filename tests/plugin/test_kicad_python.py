"""The plugin package in KiCad's own Python (Debian: /usr/bin/python3 with pcbnew 6.0.11 and
wxPython, and without pydantic/pyzmq): imports, the ActionPlugin's defaults, KiCad's loader."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.plugin.conftest import KICAD_PYTHON, KICADS, REPO, need_kicad

pytestmark = pytest.mark.kicad

IMPORTS = r'''
import json, os, sys
sys.path.insert(0, sys.argv[1])
import kicad_plugin
from kicad_plugin import action, bridge, config, daemon_control, images, kicad_api, launch
from kicad_plugin import preview, review, standalone
from kicad_plugin.ui import dialog, preview_panel, wxutil
import pcbnew
plugin = action.Ds2fpAction()  # __init__ calls defaults(); register() is KiCad's job
print(json.dumps({
    "registered": kicad_plugin.REGISTERED,
    "name": plugin.GetName(), "category": plugin.GetCategoryName(),
    "toolbar": plugin.GetShowToolbarButton(),
    "icon": plugin.GetIconFileName(False), "dark_icon": plugin.GetIconFileName(True),
    "is_action": isinstance(plugin, pcbnew.ActionPlugin),
    "kicad": kicad_api.major_version(),
    "foreign": sorted(m for m in sys.modules
                      if m.split(".")[0] in ("pydantic", "zmq", "torch", "kiutils", "schemas",
                                             "daemon", "footprint_writer")),
}))
'''


def run_kicad_python(script: str, env: dict, *args: str) -> dict:
    proc = subprocess.run([KICAD_PYTHON, "-c", script, *args], capture_output=True, text=True,
                          timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads([line for line in proc.stdout.splitlines() if line.startswith("{")][-1])


@pytest.mark.parametrize("kicad", KICADS)
def test_package_imports_in_kicad_python_and_action_builds_defaults(kicad):
    env = need_kicad(kicad)
    info = run_kicad_python(IMPORTS, env, str(REPO))
    assert info["registered"] is False  # not imported by KiCad's loader: nothing registered
    assert info["is_action"] and info["toolbar"] is True
    assert info["name"].startswith("ds2fp") and info["category"] == "Footprint"
    assert info["icon"].endswith("ds2fp_24.png") and info["dark_icon"].endswith(
        "ds2fp_24_dark.png")
    from PIL import Image

    for key in ("icon", "dark_icon"):
        with Image.open(info[key]) as img:
            assert img.size == (24, 24)
    assert info["kicad"] == int(kicad)
    assert info["foreign"] == []  # the plugin side needs nothing KiCad does not ship


LOADER = r'''
import json, sys
import pcbnew
plugins = sys.argv[1]
sys.path.append(plugins)  # what pcbnew.LoadPlugins does before LoadPluginModule
pcbnew.LoadPluginModule(plugins, "ds2fp_kicad", "ds2fp_kicad")
module = sys.modules.get("ds2fp_kicad")
print(json.dumps({"loaded": module is not None,
                  "registered": getattr(module, "REGISTERED", None),
                  "trace": pcbnew.FULL_BACK_TRACE[-600:]}))
'''


@pytest.mark.parametrize("kicad", KICADS)
def test_kicad_plugin_loader_imports_an_installed_copy_and_registers(tmp_path, kicad):
    """The copy install.py makes, loaded the way KiCad loads plugin folders. Outside a
    running KiCad, register() reaches the C++ side (which asserts PgmOrNull and returns)."""
    env = need_kicad(kicad)
    plugins = tmp_path / "plugins"
    shutil.copytree(REPO / "kicad_plugin", plugins / "ds2fp_kicad",
                    ignore=shutil.ignore_patterns("__pycache__"))
    info = run_kicad_python(LOADER, env, str(plugins))
    assert info["loaded"], info["trace"]
    assert info["registered"] is True
    assert info["trace"] == ""


PLACE = r'''
import json, sys
sys.path.insert(0, sys.argv[1])
from kicad_plugin import kicad_api
board = kicad_api.new_board()
empty = kicad_api.placement_point(board)
fp = kicad_api.place_footprint(board, sys.argv[2], sys.argv[3], "Official", (12.5, -3.0))
pos = fp.GetPosition()
print(json.dumps({"n": len(list(board.GetFootprints())), "x": pos.x / 1e6, "y": pos.y / 1e6,
                  "lib": str(fp.GetFPID().GetLibNickname()),
                  "pads": kicad_api.footprint_pads(fp)[:2],
                  "empty": empty, "selected": kicad_api.placement_point(board)}))
'''


@pytest.mark.parametrize("kicad", KICADS)
def test_place_footprint_on_a_board(kicad):
    """KiCad 6 takes wxPoint, 7+ VECTOR2I: kicad_api hides the difference."""
    env = need_kicad(kicad)
    lib = "/usr/share/kicad/footprints/Package_SO.pretty"
    name = "SOIC-8_3.9x4.9mm_P1.27mm"
    if not Path(lib, name + ".kicad_mod").exists():
        pytest.skip("kicad-footprints not installed")
    info = run_kicad_python(PLACE, env, str(REPO), lib, name)
    assert info["n"] == 1 and info["lib"] == "Official"
    assert (info["x"], info["y"]) == (12.5, -3.0)
    assert info["pads"][0][0] == "1" and info["pads"][0][1] == pytest.approx(-2.475)
    assert info["empty"] == [148.5, 105.0]  # an empty board: the middle of the A4 sheet
    assert info["selected"] == pytest.approx([12.5, -3.0], abs=0.01)  # the selection centre


@pytest.mark.parametrize("kicad", KICADS)
def test_through_hole_part_lands_centred_on_the_point(kicad):
    """A THT footprint's origin is pad 1 (KLC F7.2): placed with its pad field centred on
    the point, so the part appears where the user looked, not 3.81 mm off."""
    env = need_kicad(kicad)
    lib = "/usr/share/kicad/footprints/Package_DIP.pretty"
    name = "DIP-8_W7.62mm"
    if not Path(lib, name + ".kicad_mod").exists():
        pytest.skip("kicad-footprints not installed")
    info = run_kicad_python(PLACE, env, str(REPO), lib, name)
    assert (info["x"], info["y"]) == pytest.approx((12.5 - 3.81, -3.0 - 3.81))
    assert info["pads"][0] == ["1", 0.0, 0.0]
    assert info["selected"] == pytest.approx([12.5, -3.0], abs=0.6)


LOAD_ALL = r'''
import json, sys
import pcbnew
home, version = sys.argv[1], sys.argv[2]
docs = home + "/.local/share/kicad/" + version
pcbnew.LoadPlugins("", docs + "/scripting", docs + "/3rdparty/plugins")
print(json.dumps({name: getattr(sys.modules.get(name), "REGISTERED", None)
                  for name in ("ds2fp_kicad", "org_ds2fp_kicad")}
                 | {"trace": pcbnew.FULL_BACK_TRACE[-800:],
                    "search": pcbnew.PLUGIN_DIRECTORIES_SEARCH}))
'''


@pytest.mark.parametrize("source", ["install.py", "pcm_zip"])
@pytest.mark.parametrize("kicad", KICADS)
def test_kicad_loads_what_install_py_or_the_pcm_zip_put_in_place(tmp_path, kicad, source):
    """install.py's copy, or the PCM zip's plugins/ folder unpacked the way the PCM does
    (3rdparty/plugins/<identifier>), loaded by KiCad's own pcbnew.LoadPlugins. One at a
    time: outside a running KiCad 9, a second register() aborts the process."""
    import sys
    import zipfile

    import install
    from tests.plugin.test_package import build_pcm_zip

    env = need_kicad(kicad)
    home = tmp_path / "home"
    version = f"{kicad}.0"
    (home / ".config/kicad" / version).mkdir(parents=True)
    if source == "install.py":
        assert install.main(["--home", str(home), "--platform", "linux", "--no-venv",
                             "--python", sys.executable], out=lambda line: None) == 0
        module = "ds2fp_kicad"
    else:
        third = home / ".local/share/kicad" / version / "3rdparty/plugins/org_ds2fp_kicad"
        with zipfile.ZipFile(build_pcm_zip.build(tmp_path / "dist")) as zf:
            for name in zf.namelist():
                if name.startswith("plugins/") and not name.endswith("/"):
                    target = third / name[len("plugins/"):]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(zf.read(name))
        module = "org_ds2fp_kicad"
    env = dict(env, HOME=str(home))
    env.pop("XDG_CONFIG_HOME", None)
    env.pop("XDG_DATA_HOME", None)
    info = run_kicad_python(LOAD_ALL, env, str(home), version)
    assert info["trace"] == "", info["trace"]
    assert info[module] is True, info["search"]
