"""Printed numbers as OCR returns them (no OCR needed)."""

import pytest

from daemon.ocr.numbers import all_numbers, in_mm, lone_multiplier, normalise, parse_values


@pytest.mark.parametrize("text, value, extra", [
    ("0.50 BSC", 0.5, {"qualifier": "BSC"}),
    ("0.50BSC", 0.5, {"qualifier": "BSC"}),
    ("8X (.061)", 0.061, {"multiplier": 8, "paren": True}),
    ("[1.55]", 1.55, {"bracket": True}),
    ("0,65", 0.65, {}),
    ("2. 02", 2.02, {}),
    ("12x 1.15", 1.15, {"multiplier": 12}),
    ("Ø0.65", 0.65, {"diameter": True}),
    ("(R.002 )TYP", 0.002, {"radius": True, "qualifier": "TYP"}),
    (".0028 MAX", 0.0028, {"qualifier": "MAX"}),
    ("O.50 BSC", 0.5, {"qualifier": "BSC"}),
    ("1.O5", 1.05, {}),
    ("12-0.30", 0.3, {"multiplier": 12}),
    ("2-Ø0.65", 0.65, {"multiplier": 2, "diameter": True}),
    ("2x 00.65", 0.65, {"multiplier": 2, "diameter": True}),  # OCR read Ø as 0
    ("2x O0.65", 0.65, {"multiplier": 2, "diameter": True}),
])
def test_single_values(text, value, extra):
    values = parse_values(text)
    assert len(values) == 1, values
    v = values[0]
    assert v.value == pytest.approx(value)
    for key, want in extra.items():
        assert getattr(v, key) == want, (text, key)


@pytest.mark.parametrize("text, lo, hi", [
    ("0.20-0.30", 0.2, 0.3), ("[5.80-6.19]", 5.8, 6.19), (".228-.244TYP", 0.228, 0.244),
    ("8X.012-.020", 0.012, 0.02), ("2±0.05", 1.95, 2.05),
])
def test_ranges_and_tolerances(text, lo, hi):
    (v,) = parse_values(text)
    assert (v.lo, v.hi) == (pytest.approx(lo), pytest.approx(hi))
    assert v.is_range == ("±" not in text)


@pytest.mark.parametrize("text", ["SOT-23", "C04-2123B", "SCALE:8X", "14X", "(X8)"])
def test_names_and_counts_are_not_ranges(text):
    assert all(not v.is_range for v in parse_values(text))
    assert all(v.value not in (8.0,) for v in parse_values(text))


def test_dash_counts_only_before_a_dimension():
    assert all(v.multiplier is None for v in parse_values("0-0.05"))
    assert all(v.multiplier is None for v in parse_values("0.20-0.30"))
    assert all(v.multiplier is None for v in parse_values("SOT-23-5"))
    assert [v.value for v in parse_values("12-0.30")] == [0.3]


def test_degrees_marked():
    assert all(v.degrees for v in parse_values("0°- 8°"))


def test_lone_multiplier_and_plus_tolerance():
    assert lone_multiplier("14X") == 14
    assert lone_multiplier("4 holes") == lone_multiplier("4 PLCS") == 4
    assert lone_multiplier("4 holes Ø1.3") is None
    assert lone_multiplier("14X 0.36") is None
    (v,) = parse_values("Φ0.7+0.1")
    assert v.diameter and v.value == 0.7 and v.hi == pytest.approx(0.8) and v.lo is None
    assert 0.8 in [round(x, 6) for x in all_numbers("Φ0.7+0.1")]


@pytest.mark.parametrize("text, values", [
    ("1.40.81.4", [1.4, 1.4, 0.8]), ("9.9010.10", [9.9, 10.1]), ("1.2.3", [1.2])])
def test_decimals_glued_into_a_chain_are_split(text, values):
    assert sorted(v.value for v in parse_values(text)) == sorted(values)


def test_a_chain_read_with_its_line_is_the_size_each_time():
    """MEAS's three turned 1,25 pitches, read as one run with their dimension line."""
    assert normalise("1.,25_.1.25_..1.25") == "1.25 1.25 1.25"
    assert [v.value for v in parse_values("1.,25_.1.25_..1.25")] == [1.25, 1.25, 1.25]


@pytest.mark.parametrize("text, chain, values", [
    ("2.54*4=10.16", (2.54, 4, 10.16), [2.54, 10.16]),
    ("2.54 x 4 = 10.16", (2.54, 4, 10.16), [2.54, 10.16]),
    ("2.54*4=11.16", None, [2.54, 11.16]),  # the product does not hold: no chain
])
def test_a_pitch_chain_gives_its_pitch_count_and_span(text, chain, values):
    from daemon.ocr.numbers import pitch_chain

    assert pitch_chain(text) == chain
    assert [v.value for v in parse_values(text)] == values  # the count is no size


@pytest.mark.parametrize("text, value", [
    ("Dia. 1.0", 1.0), ("DIA 0.8", 0.8), ("1.0 DIA.", 1.0), ("DIAMETER 1.2", 1.2)])
def test_a_diameter_in_words_is_a_diameter(text, value):
    (v,) = parse_values(text)
    assert (v.value, v.diameter) == (value, True)


def test_words_that_merely_start_like_dia_are_no_diameter():
    assert not any(v.diameter for v in parse_values("DIAGRAM 2") + parse_values("Media 1.0"))


@pytest.mark.parametrize("text, lo, hi", [
    ("(6.48-673)", 6.48, 6.73), ("(523-5.44)", 5.23, 5.44), ("0035-0.045", 0.035, 0.045)])
def test_a_range_end_that_lost_its_point_gets_it_back(text, lo, hi):
    """AMS's TO-252 drawing as a ~100 dpi screenshot: OCR drops one end's decimal point."""
    (v,) = parse_values(text)
    assert (v.lo, v.hi) == (lo, hi)


@pytest.mark.parametrize("text", ["(9165-1041)", "10-12", "1.5-30", "3.2-4"])
def test_ranges_the_point_rule_leaves_alone(text):
    """Other digit counts, a range running down, or one wider than half its low end."""
    assert normalise(text) == text


def test_a_diameter_mark_read_as_a_lone_zero():
    (v,) = parse_values("0 0.6")  # "Ø 0.6", the mark apart from its size
    assert v.diameter and v.value == 0.6
    assert [x.value for x in parse_values("10 0.6")] == [10.0, 0.6]  # not after a number


def test_a_diameter_mark_read_as_a_question_mark():
    """MEMSIC's land pattern: OCR read "Ø0.23" as "?0.231"; a question mark after a word
    marks nothing."""
    (v,) = parse_values("?0.231")
    assert v.diameter and v.value == 0.231
    (w,) = parse_values("Why?0.5")
    assert not w.diameter


@pytest.mark.parametrize("text, want", [
    ("7.62=0.3", (7.62, 7.32, 7.92)),  # a small render's ± read as =
    ("6.5-0.5", (6.5, 6.0, 6.5)),  # no range runs downwards: a minus tolerance
    ("6.5 -0.5", (6.5, 6.0, 6.5)),
    ("2.9-3.1", (3.0, 2.9, 3.1)),  # a range stays one
])
def test_screenshot_tolerance_signs(text, want):
    (v,) = parse_values(text)
    assert (v.value, v.lo, v.hi) == pytest.approx(want)


def test_a_chain_keeps_its_equals_sign():
    assert [v.value for v in parse_values("2.54*4=10.16")] == [2.54, 10.16]


@pytest.mark.parametrize("text, unit", [
    ('0.260"', "inch"), ("0.040”", "inch"), ("0.100''", "inch"), ("6.5mm", "mm"),
    ("1.0", None), ("Pin 1 in the corner", None), ('1.0mm (0.039")', None),
])
def test_a_unit_marked_on_the_number(text, unit):
    assert {v.unit for v in parse_values(text)} == {unit}


def test_inch_marked_sizes_convert_to_mm():
    v = in_mm(parse_values('0.040"')[0])
    assert (v.value, v.unit, v.text) == (1.016, "mm", "0.040")
    assert in_mm(parse_values("0.040")[0]).value == 0.04  # no mark: as printed
