"""The dialog's logic without a display: review rows, doubt, edits, preview, images, config."""

import json

import pytest

from daemon.plugin_bridge import review_payload
from footprint_writer.builder import build_footprint
from kicad_plugin import config as plugin_config
from kicad_plugin import images, preview, review
from schemas.protocol import ExtractOptions
from schemas.provenance import Issue
from schemas.reading import DatasheetReading
from tests.plugin.conftest import DFN, READINGS, SOIC


def payload(name: str, extra_issues=(), on_page=None) -> dict:
    reading = DatasheetReading.model_validate_json((READINGS / f"{name}.json").read_text())
    options = ExtractOptions()
    spec = build_footprint(reading, options.build_options())
    if on_page is not None:
        prov = dict(spec.provenance)
        key, value = on_page
        prov[key] = prov[key].model_copy(update={"on_page": value})
        spec = spec.model_copy(update={"provenance": prov})
    issues = list(spec.issues) + list(extra_issues)
    return json.loads(json.dumps(review_payload(reading, spec, issues, options)))


# What the IPC cross-check says of an exposed pad land larger than the part's (not the case
# on this page: the reading's EP is the package's E2 max, so it is added here)
EP_WARNING = Issue(code="ipc_difference", severity="warning",
                   field="land_pattern.exposed_pad_width",
                   message="exposed pad across the rows X2 1.9 mm is larger than the package's "
                           "exposed pad (1.75 mm max) ... IPC-7351B")


def test_value_rows_carry_provenance_and_doubt():
    p = payload(DFN, extra_issues=[EP_WARNING], on_page=("pitch", False))
    rows = {r["key"]: r for r in review.value_rows(p)}
    assert rows["pitch"]["source"] == "datasheet table"
    assert rows["pitch"]["on_page"] == "NO" and rows["pitch"]["doubtful"]
    assert "not found on the page" in rows["pitch"]["why"]
    assert rows["exposed_pad"]["doubtful"] and "IPC" in rows["exposed_pad"]["why"]
    assert not rows["row_spacing"]["doubtful"]
    assert review.doubtful_pads(p) == ["9"]  # the exposed pad is outlined


def test_issue_pads_and_fields_map_to_values():
    warn = Issue(code="tight_gap", severity="warning", message="pads 1 and 2 are 0.1 mm apart",
                 pads=["1", "2"], field="land_pattern.pad_width")
    p = payload(SOIC, extra_issues=[warn])
    assert {"1", "2"} <= set(review.doubtful_pads(p))
    assert review.value_key("land_pattern.pad_width") == "pad_size"
    assert review.value_key("land_pattern.overall_span") == "row_spacing"
    assert review.value_key(None) is None
    rows = review.issue_rows(p)
    assert [r["severity"] for r in rows] == sorted(
        [r["severity"] for r in rows], key=["error", "warning", "info"].index)


def test_edit_fields_and_changes():
    p = payload(DFN)
    fields = review.edit_fields(p)
    keys = [f[0] for f in fields]
    assert keys[:2] == ["pin_count", "pitch"] and "exposed_pad_width" in keys
    assert "drill" not in keys
    current = {f[0]: f[3] for f in fields}
    assert current["pin_count"] == 8 and current["row_spacing"] == 2.9
    typed = dict(current, pitch=0.65, exposed_pad_length=None)
    assert review.changed_edits(fields, typed) == {"pitch": 0.65, "exposed_pad_length": 0.0}
    assert review.changed_edits(fields, current) == {}


def test_to92_offers_its_hole_not_a_pad_length():
    """TO-92 is a through-hole family: drill and land are its key values."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    reading = DatasheetReading.model_validate_json(
        (root / "examples" / "to92_reading.json").read_text())
    options = ExtractOptions()
    spec = build_footprint(reading, options.build_options())
    p = json.loads(json.dumps(review_payload(reading, spec, list(spec.issues), options)))
    keys = [f[0] for f in review.edit_fields(p)]
    assert "drill" in keys and "pad_diameter" in keys and "pad_length" not in keys


def test_explicit_pads_offer_no_key_value_edits():
    """A key value does not move explicit pads (USB-C), so none is offered as an edit."""
    p = payload("07_GCT_USB4105_USB-C")
    assert p["reading"]["family"] == "other"
    assert review.edit_fields(p) == []


@pytest.mark.parametrize("text,kind,value", [
    ("0,5", "mm", 0.5), (" 1.27 ", "mm", 1.27), ("", "mm", None), ("14", "int", 14)])
def test_parse_value(text, kind, value):
    assert review.parse_value(text, kind) == value


@pytest.mark.parametrize("text,kind,message", [
    ("abc", "mm", "not a number"), ("-1", "mm", "not a sensible"), ("1e9", "mm", "sensible"),
    ("nan", "mm", "sensible"), ("2.5", "int", "whole number"), ("0", "int", "between")])
def test_parse_value_errors(text, kind, message):
    with pytest.raises(ValueError, match=message):
        review.parse_value(text, kind)


def test_summary_and_blocking_errors():
    p = payload(DFN)
    assert review.summary(p) == ("DFN-8-1EP_3x2mm_P0.5mm_EP1.75x1.45mm: 8 pins + exposed pad, "
                                 "datasheet land pattern")
    assert review.blocking_errors(p) == []
    failed = {"footprint": None, "issues": [{"severity": "error", "message": "no pitch"}]}
    assert "No footprint" in review.summary(failed)
    assert review.blocking_errors(failed) == ["no pitch"]


def test_preview_fits_and_marks_pin1():
    p = payload(DFN, extra_issues=[EP_WARNING])
    ops = preview.display_list(p["drawing"], 600, 400, review.doubtful_pads(p))
    polys = [o for o in ops if o["op"] == "poly"]
    for op in polys:
        for x, y in op["points"]:
            assert 0 <= x <= 600 and 0 <= y <= 400
    texts = {o["text"]: o for o in ops if o["op"] == "text"}
    assert sorted(texts, key=int) == [str(n) for n in range(1, 10)]
    assert texts["1"]["colour"] == preview.PIN1
    pad1 = next(o for o in polys if o["label"] == "pad 1")
    assert pad1["outline"] == preview.PIN1
    ep = [o for o in polys if o["label"] == "pad 9"]
    assert ep and ep[0]["outline"] == preview.DOUBT
    assert any(o["op"] == "rect" and o["label"] == "courtyard" for o in ops)
    assert ops[-1]["op"] == "scale" and ops[-1]["text"].endswith("mm")
    # pad 1 is top-left of pad 8 (top view, CCW numbering)
    pad8 = next(o for o in polys if o["label"] == "pad 8")
    assert pad1["points"][0][0] < pad8["points"][0][0]
    assert preview.display_list(None, 600, 400) == []


def test_image_session(tmp_path):
    from PIL import Image

    png = tmp_path / "MCP_land_pattern.png"
    Image.new("RGB", (10, 10)).save(png)
    jpg = tmp_path / "package_outline.jpg"
    Image.new("RGB", (10, 10)).save(jpg)
    fake = tmp_path / "fake.png"
    fake.write_bytes(b"GIF89a....")
    session = images.ImageSession()
    try:
        assert session.add_file(str(png)).role == "land_pattern"
        assert session.add_file(str(jpg)).role == "package"
        with pytest.raises(images.ImageError, match="not a PNG or JPEG"):
            session.add_file(str(fake))
        with pytest.raises(images.ImageError, match="PNG or JPEG"):
            session.add_file(str(tmp_path / "notes.pdf"))
        pasted = session.add_png(png.read_bytes())
        assert pasted.path.parent == session.folder and pasted.pasted
        with pytest.raises(images.ImageError, match="could not be converted"):
            session.add_png(b"not an image")
        session.add_png(png.read_bytes())
        with pytest.raises(images.ImageError, match="at most 4"):
            session.add_png(png.read_bytes())
        assert [r["role"] for r in session.requests()] == ["land_pattern", "package",
                                                           "both", "both"]
        folder = session.folder
    finally:
        session.close()
    assert not folder.exists() and png.exists()  # pasted copies go, user files stay


def test_config_round_trip_and_locations(tmp_path):
    home = tmp_path
    assert plugin_config.config_path(home, "linux") == home / ".config/ds2fp/plugin.json"
    assert plugin_config.config_path(home, "darwin") == \
        home / "Library/Application Support/ds2fp/plugin.json"
    assert plugin_config.config_path(home, "win32") == \
        home / "AppData/Roaming/ds2fp/plugin.json"
    target = tmp_path / "c" / "plugin.json"
    cfg = plugin_config.PluginConfig(python="/x/python", bridge_args=["--in-process"])
    plugin_config.save_config(cfg, target)
    back = plugin_config.load_config(target)
    assert back.bridge_command() == ["/x/python", "-m", "daemon.cli", "plugin-rpc",
                                     "--in-process"]
    assert not back.installed  # /x/python does not exist
    assert plugin_config.load_config(tmp_path / "none.json") is None
    target.write_text("{broken")
    with pytest.raises(plugin_config.ConfigError, match="install.py"):
        plugin_config.load_config(target)


def test_start_daemon_runs_detached_and_logs(tmp_path):
    import sys
    import time

    from kicad_plugin.daemon_control import StartError, start_daemon

    log = start_daemon([sys.executable, "-c", "print('daemon says hi')"], str(tmp_path))
    for _ in range(100):
        if "daemon says hi" in open(log).read():
            break
        time.sleep(0.05)
    assert "daemon says hi" in open(log).read()
    with pytest.raises(StartError, match="install.py"):
        start_daemon([], str(tmp_path))
    with pytest.raises(StartError, match="--check"):
        start_daemon([str(tmp_path / "no-such-python")], str(tmp_path))
