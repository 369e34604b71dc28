"""No text in a footprint description can add anything to the `.kicad_mod` file.

Three walls, each tested: the schema admits KiCad's layer names only and no control
characters; render escapes every string; the writer reads its own output back and refuses
to write a file that differs from the spec. A property test renders seeded random specs
with hostile strings and loads them in real KiCad 6.
"""

import json
import subprocess
import sys

import pytest
from pydantic import ValidationError

from footprint_writer import library
from footprint_writer.kicad_check import compare_pads, load_in_kicad
from footprint_writer.library import write_footprint
from footprint_writer.render import render
from footprint_writer.sexpr import clean_text, parse, quote, unescape
from footprint_writer.verify import RenderMismatchError, rendered_differences
from schemas.footprint import FootprintSpec, Pad
from tests.writer.helpers import OFFICIAL, ROOT, load_spec, require_kicad
from tests.writer.spec_fuzz import HOSTILE, random_specs

INJECTED_PAD = '(pad "99" smd rect (at 0 0) (size 1 1) (layers F.Cu)'


def _pads(text: str):
    return [item for item in parse(text)[1:] if isinstance(item, list) and item[0] == "pad"]


def test_the_reported_layer_injection_is_refused_by_the_schema(tmp_path):
    """The issue's reproduction: a layer holding S-expression text; `ds2fp build` refuses
    it with one line and writes nothing."""
    spec = load_spec("soic8").model_dump(mode="json")
    spec["pads"][0]["layers"] = ["F.Cu", "*.Mask) " + INJECTED_PAD]
    path = tmp_path / "evil.json"
    path.write_text(json.dumps(spec))
    lib = tmp_path / "E.pretty"
    done = subprocess.run([sys.executable, "-m", "daemon.cli", "build", str(path), "--lib",
                           str(lib)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("ds2fp: error: invalid footprint: pads.0.layers.1: "
                                  "'*.Mask) (pad")
    assert len(done.stderr.splitlines()) == 1
    assert "Traceback" not in done.stderr
    assert not lib.exists() or not list(lib.iterdir())


@pytest.mark.parametrize("layer", ["F.Cu ", "f.cu", "*.Mask)", "F.Cu) (pad", "", "Top"])
def test_only_kicad_layer_names_pass(layer):
    with pytest.raises(ValidationError):
        Pad(x=0, y=0, size_x=1, size_y=1, layers=[layer])


@pytest.mark.parametrize("field", ["description", "tags"])
@pytest.mark.parametrize("value", ["line\nbreak", "nul\x00", "esc\x1b[31m", "del\x7f"])
def test_control_characters_are_refused_in_free_text(field, value):
    data = load_spec("soic8").model_dump()
    data[field] = value
    with pytest.raises(ValidationError):
        FootprintSpec.model_validate(data)


@pytest.mark.parametrize("text", HOSTILE + ["\\", '"', "\\\"", "a\tb", "line\nbreak"])
def test_quote_and_parse_round_trip(text):
    assert parse(f"(x {quote(text)})") == ["x", clean_text(text)]
    assert unescape(quote(text)[1:-1]) == clean_text(text)


@pytest.mark.parametrize("bad", ["(a (b)", "(a))", '(a "open)', "", "(a) junk ("])
def test_parser_refuses_malformed_text(bad):
    with pytest.raises(ValueError):
        parse(bad)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_strings_in_every_field_stay_strings(value):
    spec = load_spec("soic8")
    pads = [p.model_copy(update={"number": value[:32].replace('"', "'")}) if k == 0 else p
            for k, p in enumerate(spec.pads)]
    spec = spec.model_copy(update={"description": value, "tags": value, "pads": pads})
    text = render(spec)
    assert len(_pads(text)) == len(spec.pads)
    assert rendered_differences(spec, text) == []
    tree = parse(text)
    descr = [i for i in tree if isinstance(i, list) and i[0] == "descr"]
    assert (descr[0][1] if descr else "") == value


def test_the_writer_refuses_a_render_that_differs_from_the_spec(tmp_path, monkeypatch):
    spec = load_spec("soic8")
    honest = library.render
    monkeypatch.setattr(library, "render",
                        lambda s: honest(s).replace("  (pad ", "  " + INJECTED_PAD + ")\n  (pad ",
                                                    1))
    with pytest.raises(RenderMismatchError, match="pads in the file"):
        write_footprint(spec, tmp_path / "L.pretty")
    assert not list((tmp_path / "L.pretty").glob("*")) if (tmp_path / "L.pretty").exists() \
        else True


def test_an_official_description_ending_in_a_backslash_is_read_whole():
    """kiutils' own parser ends this string early; ours reads KiCad's escapes."""
    path = OFFICIAL / "Module.pretty" / "Pololu_Breakout-16_15.2x20.3mm.kicad_mod"
    if not path.exists():
        pytest.skip(f"{path} not installed (Debian's kicad-footprints)")
    from footprint_writer.importer import import_footprint

    spec = import_footprint(path)
    assert spec.description.endswith('0.6x0.8\\')
    assert rendered_differences(spec, render(spec)) == []


def test_fuzzed_specs_read_back_exactly():
    for spec in random_specs(seed=20261202, count=200):
        assert rendered_differences(spec, render(spec)) == [], spec.name


@pytest.mark.kicad
def test_fuzzed_specs_load_in_kicad_with_the_specs_pads_and_strings(tmp_path):
    require_kicad()
    lib = tmp_path / "Fuzz.pretty"
    lib.mkdir()
    specs = random_specs(seed=7, count=40)
    for spec in specs:
        (lib / f"{spec.name}.kicad_mod").write_text(render(spec), encoding="utf-8")
    results = load_in_kicad([lib / f"{s.name}.kicad_mod" for s in specs])
    for spec in specs:
        got = results[str(lib / f"{spec.name}.kicad_mod")]
        assert got["ok"], (spec.name, got["error"])
        assert compare_pads(spec, got["pads"]) == [], spec.name
        assert got["descr"] == clean_text(spec.description), spec.name
        assert got["tags"] == clean_text(spec.tags), spec.name
        assert got["name"] == spec.name
