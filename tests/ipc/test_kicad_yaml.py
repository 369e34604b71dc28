"""KiCad generator size-definition YAML -> readings."""

from pathlib import Path

import pytest

from footprint_writer.errors import InputError
from footprint_writer.ipc import land_pattern_from_package
from footprint_writer.ipc.kicad_yaml import load_definitions, parse_value

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "kicad_size_definitions"


@pytest.mark.parametrize("value, expected", [
    (1.27, (None, 1.27, None)),
    ("4.4 +/-0.1", (4.3, 4.4, 4.5)),
    ("0.13 .. 0.23", (0.13, None, 0.23)),
    ("0.3 .. 0.45 .. 0.6", (0.3, 0.45, 0.6)),
    ({"nominal": 6, "tolerance": 0.2}, (5.8, 6, 6.2)),
    ({"nominal": 0.3, "tolerance": [-0.05, 0.1]}, (0.25, 0.3, 0.4)),
    ({"nominal": 0.8, "tolerance": [0.3, 0.2]}, (0.5, 0.8, 1.0)),
    ({"minimum": 0.31, "maximum": 0.51}, (0.31, None, 0.51)),
    ({"nominal": 0.5}, (None, 0.5, None)),
])
def test_value_formats(value, expected):
    t = parse_value(value, "x")
    for got, want in zip((t.min, t.nom, t.max), expected):
        assert got == (None if want is None else pytest.approx(want))


@pytest.mark.parametrize("bad", ["six", {"minimum": 1.0}, "1.0 .. 0.5", None])
def test_bad_values_are_input_errors(bad):
    with pytest.raises(InputError):
        parse_value(bad, "lead_len")


def test_soic_definition_to_reading():
    (d,) = load_definitions(DATA / "gullwing_soic.yaml", only="SOIC-8_3.9x4.9mm_P1.27mm")
    r = d.reading
    assert (r.family, r.pin_count) == ("soic", 8)
    assert (r.body_width.nominal, r.body_length.nominal) == (3.9, 4.9)
    assert (r.overall_width.min, r.overall_width.max) == (5.8, 6.2)
    assert land_pattern_from_package(r).land_pattern.pad_length.nom == 1.95


def test_quad_and_exposed_pad_axes():
    (d,) = load_definitions(DATA / "nolead_qfn.yaml",
                            only="QFN-42-1EP_5x6mm_P0.4mm_EP3.7x4.7mm")
    r = d.reading
    assert (r.family, r.pin_count, r.pins_along_length) == ("qfn", 42, 12)
    assert (r.exposed_pad_width.nominal, r.exposed_pad_length.nominal) == (3.7, 4.7)


def test_suffix_min_max_keys_and_overwrite():
    (d,) = load_definitions(DATA / "gullwing_lqfp.yaml",
                            only="LQFP-48-1EP_7x7mm_P0.5mm_EP3.6x3.6mm")
    assert (d.reading.exposed_pad_width.min, d.reading.exposed_pad_width.max) == (3.5, 3.7)
    (q,) = load_definitions(DATA / "nolead_qfn.yaml",
                            only="QFN-40-1EP_5x5mm_P0.4mm_EP3.8x3.8mm")
    assert q.ep_override == (3.8, 3.8)


def test_chip_and_forced_small_pitch():
    (c,) = load_definitions(DATA / "chip_default.yaml", only="SMD_0603")
    assert c.reading.family == "chip"
    assert (c.reading.lead_spacing.min, c.reading.lead_spacing.max) == (0.7, 1.11)
    defs = load_definitions(DATA / "gullwing_msop.yaml",
                            only="MSOP-8-1EP_3x3mm_P0.65mm_EP1.68x1.88mm")
    assert defs[0].small_pitch_table is True


def test_unsupported_keys_are_reported_not_guessed():
    text = ("DFN-6_PullBack: {body_size_x: 1.2, body_size_y: 1.2, lead_to_edge: 0.05, "
            "lead_width: 0.2, lead_len: 0.2, pitch: 0.4, num_pins_x: 0, num_pins_y: 3}\n")
    (d,) = load_definitions(text)
    assert d.reading is None and "lead_to_edge" in d.unsupported[0]


def test_unknown_name_lists_the_names():
    with pytest.raises(InputError, match="SOIC-8_3.9x4.9mm_P1.27mm"):
        load_definitions(DATA / "gullwing_soic.yaml", only="SOIC-9")


@pytest.mark.parametrize("key, pins, numbers_right", [("SOT-23", 3, {"3"}),
                                                      ("SOT-23-5", 5, {"4", "5"})])
def test_sot23_deleted_pins(key, pins, numbers_right):
    from footprint_writer.ipc.layout import ipc_pads

    (d,) = load_definitions(DATA / "gullwing_sot.yaml", only=key)
    assert d.reading.pin_count == pins
    pads = ipc_pads(d.reading, land_pattern_from_package(d.reading))
    assert {p.number for p in pads if p.x > 0} == numbers_right
    assert pads[0].x < 0 and pads[0].y < 0  # pin 1 top left


def test_per_definition_density():
    (d,) = load_definitions(DATA / "gullwing_sot.yaml", only="SOT-563")
    assert d.density == "least"
