"""The datasheet link (issue 16, KLC F9.1): --datasheet on build, ipc, extract and batch goes
into the description (and the spec's `datasheet`); without one an info issue says KLC wants
it; a size file's size_source is used; bad links are refused with the rule. No Datasheet
property is written: KLC F9.1 (kicad-library-utils) refuses one on a footprint."""

import json
from pathlib import Path

import pytest

from daemon.cli import main
from footprint_writer.builder import build_footprint
from footprint_writer.builder.load import parse_input
from footprint_writer.render import render
from kicad_plugin.review import datasheet_problem
from schemas.options import BuildOptions

REPO = Path(__file__).resolve().parents[2]
READING = REPO / "tests" / "fixtures" / "readings" / "03_LM358_TI_D0008A_SOIC-8.json"
URL = "https://www.ti.com/lit/ds/symlink/lm358.pdf#page=58"


def _descr(text):
    return text.split("(descr ", 1)[1].split("\n", 1)[0]


def test_builder_puts_the_link_in_the_description():
    spec = build_footprint(parse_input(READING.read_text()), BuildOptions(datasheet=URL))
    assert URL in spec.description and spec.datasheet == URL
    assert "no_datasheet_url" not in {i.code for i in spec.issues}
    text = render(spec)
    assert URL in _descr(text) and "(property" not in text


def test_without_a_link_an_info_says_klc_wants_it():
    spec = build_footprint(parse_input(READING.read_text()))
    issue = next(i for i in spec.issues if i.code == "no_datasheet_url")
    assert issue.severity == "info" and "F9.1" in issue.message
    assert "(property" not in render(spec)


@pytest.mark.parametrize("bad", ["www.ti.com/x.pdf", "https://a b", 'https://x"y', "ftp://x",
                                 "https://"])
def test_bad_links_are_refused(bad, tmp_path, capsys):
    code = main(["build", str(READING), "--lib", str(tmp_path / "L.pretty"),
                 "--datasheet", bad])
    assert code == 2
    assert "ds2fp: error" in capsys.readouterr().err
    assert datasheet_problem(bad) is not None
    assert not (tmp_path / "L.pretty").exists()


def test_cli_build_ipc_and_extract(tmp_path, capsys):
    from tests.daemon.fake_readers import RECORDED
    from tests.daemon.images_data import page_png

    lib = tmp_path / "L.pretty"
    assert main(["build", str(READING), "--lib", str(lib), "--datasheet", URL]) == 0
    assert main(["ipc", "--family", "soic", "--pins", "14", "--pitch", "1.27",
                 "--overall-width", "5.8..6.2", "--body-width", "3.8..4.0",
                 "--body-length", "8.55..8.75", "--lead-width", "0.31..0.51",
                 "--lead-length", "0.4..1.27", "--lib", str(lib), "--datasheet", URL]) == 0
    page = tmp_path / "p.png"
    page.write_bytes(page_png())
    assert main(["extract", str(page), "--in-process", "--reader", f"file:{RECORDED}",
                 "--name", "From_Extract", "--lib", str(lib), "--datasheet", URL]) == 0
    files = sorted(lib.glob("*.kicad_mod"))
    assert len(files) == 3
    assert all(URL in _descr(f.read_text()) for f in files)


def test_size_source_of_a_generator_file(tmp_path, capsys):
    sizes = tmp_path / "sizes.yaml"
    sizes.write_text("""
SOIC-8_3.9x4.9mm_P1.27mm:
  size_source: 'https://www.analog.com/media/en/package-pcb-resources/package/pkg_pdf/soic_narrow-r/r_8.pdf'
  body_size_x: {minimum: 3.8, maximum: 4.0}
  body_size_y: {minimum: 4.8, maximum: 5.0}
  overall_size_x: {minimum: 5.8, maximum: 6.2}
  lead_width: {minimum: 0.31, maximum: 0.51}
  lead_len: {minimum: 0.4, maximum: 1.27}
  pitch: 1.27
  num_pins_x: 0
  num_pins_y: 4
""")
    lib = tmp_path / "Y.pretty"
    assert main(["ipc", str(sizes), "--lib", str(lib)]) == 0
    text = next(lib.glob("*.kicad_mod")).read_text()
    assert "r_8.pdf" in _descr(text)


def test_footprint_json_gets_the_link_too(tmp_path, capsys):
    spec = build_footprint(parse_input(READING.read_text()))
    path = tmp_path / "fp.json"
    path.write_text(json.dumps(spec.model_dump(mode="json")))
    lib = tmp_path / "F.pretty"
    assert main(["build", str(path), "--lib", str(lib), "--datasheet", URL]) == 0
    text = next(lib.glob("*.kicad_mod")).read_text()
    assert URL in _descr(text) and text.count(URL) == 1


def test_kicad_6_loads_it(tmp_path):
    from footprint_writer.kicad_check import kicad_available, load_in_kicad
    from footprint_writer.library import write_footprint

    ok, why = kicad_available()
    if not ok:
        pytest.skip(why)
    spec = build_footprint(parse_input(READING.read_text()), BuildOptions(datasheet=URL))
    path = write_footprint(spec, tmp_path / "K.pretty")
    loaded = load_in_kicad([path])[str(path)]
    assert loaded["ok"] and URL in loaded["descr"] and len(loaded["pads"]) == 8


def test_the_extract_option_reaches_the_footprint():
    """The daemon, the plugin bridge and the CLI pass ExtractOptions.datasheet to the build."""
    from daemon.client import InProcessClient
    from daemon.readers.factory import make_reader
    from schemas.protocol import ExtractOptions
    from tests.daemon.fake_readers import RECORDED
    from tests.daemon.images_data import page_png

    client = InProcessClient(make_reader(f"file:{RECORDED}", ground=False))
    reply = client.extract([(page_png(), "both")], ExtractOptions(datasheet=URL))
    assert reply.ok and reply.extract.footprint.datasheet == URL
    with pytest.raises(ValueError):
        ExtractOptions(datasheet="not a link")
