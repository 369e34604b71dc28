"""Importer details and the `ds2fp import` / `ds2fp check` commands."""

import json

import pytest

from daemon.cli import main
from footprint_writer.errors import InputError
from footprint_writer.importer import import_footprint
from footprint_writer.render import render
from schemas.footprint import FootprintSpec
from tests.writer.helpers import OFFICIAL, load_spec, require_official


def test_import_of_rendered_fixture_gives_back_the_pads():
    for stem in ("qfn16_ep", "trapezoid", "custom", "chamfer", "header_slot", "npth_pegs"):
        spec = load_spec(stem)
        back = import_footprint(render(spec))
        assert back.name == spec.name and back.attribute == spec.attribute
        assert len(back.pads) == len(spec.pads)
        for a, b in zip(spec.pads, back.pads):
            assert (a.kind, a.x, a.y, a.size_x, a.size_y, a.rotation) == \
                (b.kind, b.x, b.y, b.size_x, b.size_y, b.rotation)
            assert a.drill == b.drill and a.trapezoid_delta == b.trapezoid_delta
            assert [tuple(p) for p in a.polygon] == [tuple(p) for p in b.polygon]
            assert a.primitives == b.primitives and a.polygon_width == b.polygon_width
            assert (a.custom_anchor or "rect") == (b.custom_anchor or "rect") \
                if a.shape == "custom" else True
        # body comes back from the F.Fab outline, the courtyard from F.CrtYd
        assert back.body.size_x == pytest.approx(spec.body.size_x)
        assert back.body.center_y == pytest.approx(spec.body.center_y)
        assert back.courtyard is not None
        assert back.provenance["pads"].source == "kicad_library"


def test_import_roles_of_ep_windows_and_vias():
    back = import_footprint(render(load_spec("qfn16_ep")))
    roles = {}
    for p in back.pads:
        roles.setdefault(p.role, 0)
        roles[p.role] += 1
    assert roles == {"signal": 16, "exposed": 1, "paste_window": 4, "thermal_via": 4}


@pytest.mark.parametrize("text", ["", "(footprint", "(kicad_pcb (version 1))", "hello"])
def test_import_garbage_is_a_clear_error(text, tmp_path):
    path = tmp_path / "bad.kicad_mod"
    path.write_text(text)
    with pytest.raises(InputError) as err:
        import_footprint(path)
    assert "bad.kicad_mod" in str(err.value)


def test_cli_import_prints_spec_json(capsys, tmp_path):
    path = tmp_path / "x.kicad_mod"
    path.write_text(render(load_spec("soic8")))
    assert main(["import", str(path)]) == 0
    spec = FootprintSpec.model_validate_json(capsys.readouterr().out)
    assert spec.name == "SOIC-8_3.9x4.9mm_P1.27mm" and len(spec.pads) == 8


def test_cli_import_missing_file(capsys):
    assert main(["import", "/nonexistent/x.kicad_mod"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_cli_check_library_reports_errors_and_exit_code(capsys, tmp_path):
    lib = tmp_path / "My.pretty"
    lib.mkdir()
    good = load_spec("soic8")
    (lib / "good.kicad_mod").write_text(render(good))
    pads = list(good.pads)
    pads[1] = pads[1].model_copy(update={"y": pads[0].y + 0.3})
    (lib / "bad.kicad_mod").write_text(render(good.model_copy(
        update={"name": "Bad", "pads": pads})))
    assert main(["check", str(lib)]) == 1
    out = capsys.readouterr().out
    assert "Bad:" in out and "[pad_overlap] pads 1 and 2" in out
    assert "SOIC-8_3.9x4.9mm_P1.27mm: ok" in out
    assert main(["check", str(lib / "good.kicad_mod")]) == 0
    capsys.readouterr()
    assert main(["check", "--json", str(lib)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {d["name"] for d in data} == {"Bad", "SOIC-8_3.9x4.9mm_P1.27mm"}


def test_cli_check_spec_json(capsys):
    from tests.writer.helpers import SPEC_DIR

    assert main(["check", str(SPEC_DIR / "qfn16_ep.json")]) == 0
    assert ": ok" in capsys.readouterr().out


@pytest.mark.kicad
def test_cli_check_official_library_folder(capsys):
    require_official()
    # KiCad 6.0.11's Package_SO has one real defect: thermal vias numbered "1" inside the
    # exposed pad "21" of Infineon_PG-DSO-20-85_ThermalVias (shorting pin 1 to the EP).
    assert main(["check", str(OFFICIAL / "Package_SO.pretty")]) == 1
    out = capsys.readouterr().out
    assert "footprint(s): 1 with errors" in out
    block = out.split("Infineon_PG-DSO-20-85_ThermalVias:\n")[1].split("\n")[0]
    assert "[pad_overlap] pads 21 and 1: copper overlaps" in block


KICAD8 = """(footprint "R_0603_1608Metric"
\t(version 20240108)
\t(generator "pcbnew")
\t(generator_version "8.0")
\t(layer "F.Cu")
\t(property "Reference" "REF**" (at 0 -1.43 0) (layer "F.SilkS")
\t\t(effects (font (size 1 1) (thickness 0.15))))
\t(attr smd)
\t(fp_line (start -0.8 -0.4125) (end 0.8 -0.4125) (stroke (width 0.1) (type solid))
\t\t(layer "F.Fab"))
\t(fp_line (start -0.8 0.4125) (end 0.8 0.4125) (stroke (width 0.1) (type solid))
\t\t(layer "F.Fab"))
\t(pad "1" smd roundrect (at -0.825 0) (size 0.8 0.95) (layers "F.Cu" "F.Paste" "F.Mask")
\t\t(roundrect_rratio 0.25))
\t(pad "2" smd roundrect (at 0.825 0) (size 0.8 0.95) (layers "F.Cu" "F.Paste" "F.Mask")
\t\t(roundrect_rratio 0.25))
)
"""


def test_import_kicad8_file_notes_the_newer_format():
    spec = import_footprint(KICAD8)
    assert [(p.number, p.x, p.size_x) for p in spec.pads] == [("1", -0.825, 0.8),
                                                              ("2", 0.825, 0.8)]
    assert spec.body.size_x == pytest.approx(1.6) and spec.body.size_y == pytest.approx(0.825)
    assert [i.code for i in spec.issues] == ["newer_format"]
    assert "(version 20211014)" in render(spec)  # written back in the KiCad 6 format
