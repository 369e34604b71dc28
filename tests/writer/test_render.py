"""Render goldens, KLC graphics rules, and every fixture loaded in real KiCad 6.0.11."""

import math
import shutil

import pytest
from kiutils.footprint import Footprint
from kiutils.items.fpitems import FpLine, FpPoly, FpText
from kiutils.utils.sexpr import parse_sexp

from footprint_writer import conventions as klc
from footprint_writer.kicad_check import compare_pads, load_in_kicad
from footprint_writer.render import render
from footprint_writer.shapes import RoundedPolygon, bounds, gap, pad_outlines
from tests.writer.helpers import GOLDEN_DIR, REGEN, load_spec, require_kicad, spec_names

NAMES = spec_names()


def _parsed(text: str) -> Footprint:
    return Footprint.from_sexpr(parse_sexp(text))


@pytest.mark.parametrize("stem", NAMES)
def test_golden(stem):
    text = render(load_spec(stem))
    golden = GOLDEN_DIR / f"{stem}.kicad_mod"
    if REGEN:
        GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
        golden.write_text(text)
    assert golden.exists(), f"missing golden {golden}; run with DS2FP_REGEN_GOLDEN=1"
    assert text == golden.read_text(), (
        f"render changed for {stem}; if intended, regenerate with DS2FP_REGEN_GOLDEN=1")


@pytest.mark.parametrize("stem", NAMES)
def test_render_is_deterministic_and_clean(stem):
    spec = load_spec(stem)
    text = render(spec)
    assert text == render(spec)
    assert "(version 20211014)" in text
    assert "tstamp" not in text
    # kiutils writes floats with repr: no binary noise may reach the file
    assert "0000000" not in text and "9999999" not in text
    fp = _parsed(text)
    assert fp.attributes.type == (spec.attribute if spec.attribute != "unspecified" else None)


@pytest.mark.parametrize("stem", NAMES)
def test_klc_graphics(stem):
    spec = load_spec(stem)
    fp = _parsed(render(spec))
    texts = {(t.type, t.text): t.layer for t in fp.graphicItems if isinstance(t, FpText)}
    assert texts[("reference", "REF**")] == "F.SilkS"
    assert texts[("value", spec.name)] == "F.Fab"
    assert texts[("user", "${REFERENCE}")] == "F.Fab"
    lines = [g for g in fp.graphicItems if isinstance(g, FpLine)]
    widths = {g.layer: g.width for g in lines}
    assert widths["F.Fab"] == klc.FAB_WIDTH and widths["F.CrtYd"] == klc.COURTYARD_WIDTH
    # courtyard: on the 0.01 grid, enclosing body and every pad with the class clearance
    crt = [g for g in lines if g.layer == "F.CrtYd"]
    xs = [p.X for g in crt for p in (g.start, g.end)]
    ys = [p.Y for g in crt for p in (g.start, g.end)]
    for v in xs + ys:
        assert abs(v * 100 - round(v * 100)) < 1e-6, v
    clearance = spec.courtyard_clearance - 1e-6
    for pad in spec.pads:
        x0, y0, x1, y1 = pad.bbox()
        assert min(xs) <= x0 - clearance and max(xs) >= x1 + clearance
        assert min(ys) <= y0 - clearance and max(ys) >= y1 + clearance
    # fab outline: 5 segments (pin-1 bevel) of the body, bevel min(1 mm, 25 % of body)
    fab = [g for g in lines if g.layer == "F.Fab"]
    assert len(fab) == 5
    bevel = min(1.0, 0.25 * min(spec.body.size_x, spec.body.size_y))
    diagonal = [g for g in fab if g.start.X != g.end.X and g.start.Y != g.end.Y]
    assert len(diagonal) == 1
    g = diagonal[0]
    assert math.isclose(abs(g.start.X - g.end.X), bevel, abs_tol=1e-6)
    # silkscreen: >= 0.2 mm from all copper (line edge, i.e. centre line minus half width)
    silk = [g for g in fp.graphicItems if g.layer == "F.SilkS" and isinstance(g, (FpLine, FpPoly))]
    copper = [pad_outlines(p) for p in spec.pads if p.role != "paste_window"]
    for item in silk:
        pts = ((item.start.X, item.start.Y), (item.end.X, item.end.Y)) if isinstance(
            item, FpLine) else tuple((c.X, c.Y) for c in item.coordinates)
        shape = [RoundedPolygon(pts, klc.SILK_WIDTH / 2)]
        for outline in copper:
            assert gap(shape, outline) >= klc.SILK_PAD_CLEARANCE - 1e-5
    assert any(isinstance(item, FpPoly) for item in silk), "no pin-1 mark"


@pytest.mark.kicad
def test_fixtures_load_in_kicad_with_exact_pads(tmp_path):
    require_kicad()
    lib = tmp_path / "fixtures.pretty"
    lib.mkdir()
    specs = {}
    for stem in NAMES:
        spec = load_spec(stem)
        path = lib / f"{spec.name}.kicad_mod"
        path.write_text(render(spec))
        specs[str(path)] = spec
    results = load_in_kicad(list(specs))
    for path, spec in specs.items():
        got = results[path]
        assert got["ok"], f"{spec.name}: {got['error']}"
        assert got["attribute"] == spec.attribute
        assert compare_pads(spec, got["pads"], tol=1e-6) == [], spec.name


@pytest.mark.kicad
def test_goldens_load_in_kicad(tmp_path):
    """The committed golden files themselves (not only fresh renders) load with their pads."""
    require_kicad()
    lib = tmp_path / "golden.pretty"
    lib.mkdir()
    paths = {}
    for stem in NAMES:
        spec = load_spec(stem)
        target = lib / f"{spec.name}.kicad_mod"
        shutil.copy(GOLDEN_DIR / f"{stem}.kicad_mod", target)
        paths[str(target)] = spec
    results = load_in_kicad(list(paths))
    for path, spec in paths.items():
        assert results[path]["ok"], results[path]["error"]
        assert compare_pads(spec, results[path]["pads"], tol=1e-6) == []


@pytest.mark.kicad
def test_pad_geometry_matches_kicad_outline(tmp_path):
    """Our exact pad outlines (used by checks and silk clipping) have the bounds KiCad's
    own polygon has: rotation direction, trapezoid delta, chamfers and custom shapes."""
    require_kicad()
    lib = tmp_path / "geo.pretty"
    lib.mkdir()
    specs = {}
    for stem in NAMES:
        spec = load_spec(stem)
        path = lib / f"{spec.name}.kicad_mod"
        path.write_text(render(spec))
        specs[str(path)] = spec
    results = load_in_kicad(list(specs))
    for path, spec in specs.items():
        for pad, got in zip(spec.pads, results[path]["pads"]):
            ours = bounds(pad_outlines(pad))
            assert got["bbox"] == pytest.approx(list(ours), abs=0.01), (spec.name, pad.number)


def test_no_body_keeps_pin1_mark_off_the_pad_field():
    spec = load_spec("soic8").model_copy(update={"body": None})
    fp = _parsed(render(spec))
    mark = [g for g in fp.graphicItems if isinstance(g, FpPoly)]
    assert len(mark) == 1
    pads = [p.bbox() for p in spec.pads]
    x0, y0 = min(b[0] for b in pads), min(b[1] for b in pads)
    x1, y1 = max(b[2] for b in pads), max(b[3] for b in pads)
    for c in mark[0].coordinates:
        assert not (x0 < c.X < x1 and y0 < c.Y < y1)


@pytest.mark.kicad
def test_kicad_loader_names_the_file_it_cannot_load(tmp_path):
    require_kicad()
    lib = tmp_path / "mixed.pretty"
    lib.mkdir()
    (lib / "good.kicad_mod").write_text(render(load_spec("soic8")))
    (lib / "broken.kicad_mod").write_text("(footprint broken (pad \"1\" smd")
    results = load_in_kicad([lib / "good.kicad_mod", lib / "broken.kicad_mod"])
    assert results[str(lib / "good.kicad_mod")]["ok"]
    assert len(results[str(lib / "good.kicad_mod")]["pads"]) == 8
    broken = results[str(lib / "broken.kicad_mod")]
    assert not broken["ok"] and broken["error"]


def test_explicit_courtyard_and_no_pin1():
    from schemas.footprint import Rect

    spec = load_spec("npth_pegs").model_copy(update={
        "courtyard": Rect(x0=-4, y0=-2, x1=4, y1=2.5), "pin1": None})
    fp = _parsed(render(spec))
    crt = [g for g in fp.graphicItems if isinstance(g, FpLine) and g.layer == "F.CrtYd"]
    assert {(g.start.X, g.start.Y) for g in crt} == {(-4, -2), (4, -2), (4, 2.5), (-4, 2.5)}
    fab = [g for g in fp.graphicItems if isinstance(g, FpLine) and g.layer == "F.Fab"]
    assert len(fab) == 4  # no pin-1 bevel without a pin 1
    assert not [g for g in fp.graphicItems if isinstance(g, FpPoly)]


@pytest.mark.parametrize("klass, clearance", [("small", 0.15), ("default", 0.25),
                                              ("connector", 0.5), ("bga", 1.0)])
def test_courtyard_class_clearance(klass, clearance):
    spec = load_spec("soic8").model_copy(update={"courtyard_class": klass})
    fp = _parsed(render(spec))
    xs = [p.X for g in fp.graphicItems if isinstance(g, FpLine) and g.layer == "F.CrtYd"
          for p in (g.start, g.end)]
    # pads reach x = 2.475 + 1.95 / 2 = 3.45; the courtyard sits `clearance` beyond, on grid
    assert max(xs) == pytest.approx(math.ceil((3.45 + clearance) * 100 - 1e-6) / 100)


@pytest.mark.kicad
def test_kicad_check_module_prints_json(capsys):
    import json

    from footprint_writer.kicad_check import main

    require_kicad()
    path = str(GOLDEN_DIR / "trapezoid.kicad_mod")
    assert main([path]) == 0
    pads = json.loads(capsys.readouterr().out)[path]["pads"]
    assert [(p["number"], p["shape"]) for p in pads] == [("1", "trapezoid"), ("2", "trapezoid")]
    assert pads[0]["delta_x"] == pytest.approx(0.4)
