"""Imported courtyard after edits (issue 14 item 8): `ds2fp import` + moving pads + `build`
recomputes the courtyard around the new pads unless it is pinned; an unedited import keeps
the library's courtyard exactly."""

import json

from daemon.cli import main
from footprint_writer.graphics import courtyard_box
from footprint_writer.importer import import_footprint
from tests.writer.helpers import OFFICIAL, require_official

SOIC = "Package_SO.pretty/SOIC-8_3.9x4.9mm_P1.27mm.kicad_mod"


def _imported(tmp_path, capsys):
    require_official()
    out = tmp_path / "soic.json"
    assert main(["import", str(OFFICIAL / SOIC), "-o", str(out)]) == 0
    capsys.readouterr()
    return out, json.loads(out.read_text())


def _build(tmp_path, data, capsys):
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data))
    lib = tmp_path / "L.pretty"
    assert main(["build", str(path), "--json", "--lib", str(lib), "--replace"]) == 0
    captured = capsys.readouterr()
    return json.loads(captured.out), captured.err


def _move_pad_1_out(data, dx=-2.0):
    for pad in data["pads"]:
        if pad["number"] == "1":
            pad["x"] += dx
    return data


def test_unedited_import_keeps_the_library_courtyard(tmp_path, capsys):
    _, data = _imported(tmp_path, capsys)
    assert data["courtyard_basis"] and data["courtyard"]
    spec, err = _build(tmp_path, data, capsys)
    assert spec["courtyard"] == data["courtyard"]
    assert "courtyard_recomputed" not in err


def test_moved_pad_gets_a_new_courtyard(tmp_path, capsys):
    _, data = _imported(tmp_path, capsys)
    old_x0 = data["courtyard"]["x0"]
    spec, err = _build(tmp_path, _move_pad_1_out(data), capsys)
    assert spec["courtyard"] is None  # drawn from the pads at render
    assert "recomputed" in err
    from schemas.footprint import FootprintSpec

    box = courtyard_box(FootprintSpec.model_validate(spec))
    pad1 = next(p for p in spec["pads"] if p["number"] == "1")
    assert box[0] < pad1["x"] - pad1["size_x"] / 2 < old_x0  # pad 1 is inside the new one
    assert not any(i["code"] == "pad_outside_courtyard" for i in spec["issues"])


def test_pinned_courtyard_stays_and_the_check_says_so(tmp_path, capsys):
    _, data = _imported(tmp_path, capsys)
    data["courtyard_pinned"] = True
    spec, err = _build(tmp_path, _move_pad_1_out(data), capsys)
    assert spec["courtyard"] == data["courtyard"]
    assert "recomputed" not in err
    assert "courtyard" in err  # the geometry check still flags the pad outside


def test_fingerprint_follows_the_geometry():
    from footprint_writer.courtyard import geometry_fingerprint

    require_official()
    spec = import_footprint(OFFICIAL / SOIC)
    assert spec.courtyard_basis == geometry_fingerprint(spec)
    moved = spec.model_copy(update={"pads": [p.model_copy(update={"x": p.x + 0.01})
                                             for p in spec.pads]})
    assert geometry_fingerprint(moved) != spec.courtyard_basis
