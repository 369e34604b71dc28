"""TO-92 (TO-226) in line: the family, its IPC hole from the lead (or JEDEC TO-226AA's when
the page prints none), oval lands that fit a 1.27 mm pitch, KiCad's names; and the reader
naming it from the page (onsemi's case 29 letters, JEDEC codes)."""

import pytest

from footprint_writer.builder import build_footprint
from footprint_writer.builder.to92 import to92_name
from footprint_writer.errors import InputError
from footprint_writer.ipc import land_pattern_from_package
from schemas.reading import DatasheetReading
from schemas.toleranced import Toleranced as T  # noqa: N817


def _reading(pins=3, pitch=1.27, lead=(0.36, 0.56), **extra):
    fields = dict(units="mm", family="to92", pin_count=pins, pitch=T(nom=pitch), **extra)
    if lead:
        fields["lead_width"] = T(min=lead[0], max=lead[1])
    return DatasheetReading(**fields)


def test_three_leads_at_1_27_are_ovals_that_leave_copper_between():
    spec = build_footprint(_reading())
    pads = sorted(spec.pads, key=lambda p: p.x)
    assert [p.number for p in pads] == ["1", "2", "3"]
    assert [round(b.x - a.x, 4) for a, b in zip(pads, pads[1:])] == [1.27, 1.27]
    assert {p.drill.diameter for p in pads} == {0.8}  # 0.56 max lead + 0.2, up to 0.05
    assert pads[0].shape == "rect" and {p.shape for p in pads[1:]} == {"oval"}
    assert all(p.size_y > p.size_x and p.size_x < 1.27 for p in pads)
    assert spec.name == "TO-92_Inline"


def test_without_a_lead_width_the_jedec_outline_sizes_the_hole_and_says_so():
    result = land_pattern_from_package(_reading(lead=None))
    assert result.land_pattern.drill.nominal == 0.8
    (issue,) = [i for i in result.issues if i.code == "jedec_lead_assumed"]
    assert "TO-226AA" in issue.message


@pytest.mark.parametrize("pins, pitch, name", [
    (3, 1.27, "TO-92_Inline"), (3, 2.54, "TO-92_Inline_Wide"), (2, 1.27, "TO-92-2_Inline")])
def test_kicad_names(pins, pitch, name):
    assert to92_name(pins, pitch) == name


def test_four_leads_is_no_to92():
    with pytest.raises(InputError):
        build_footprint(_reading(pins=4))


# -- the reader ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["TO-92", "Case 29 TO-92 (TO-226)", "T0-92", "TO-226AA"])
def test_named_on_the_page(text):
    from daemon.ocr.package_text import family_from_text, unsupported_package
    from daemon.ocr.tokens import OcrToken

    assert family_from_text(text) == "to92"
    assert unsupported_package([OcrToken(text, (0, 0, 200, 20))]) is None


def test_onsemi_case_29_letters():
    """onsemi's TO-92 table (PN2222A, t13): A the height, B the width along the row, C the
    depth, D the lead, G the pitch; K (12.70 MIN) a lead length, not a lead width."""
    from daemon.ocr.reading import package_letters
    from daemon.ocr.tables import DimensionTable, TableRow

    rows = [TableRow(s, "", {"min": 1.0, "max": 2.0}) for s in "ABCDGHJKLNPRV"]
    style, letters = package_letters(DimensionTable("mm", rows, (0, 0, 1, 1)), "to92")
    assert style == "onsemi"
    assert (letters["A"], letters["B"], letters["C"], letters["D"], letters["G"]) == (
        "height", "body_length", "body_width", "lead_width", "pitch")
    assert letters["K"] is None


def test_a_tolerance_larger_than_its_value_is_ocr_noise():
    """BC547's "4.58 ±0.20" read turned as "4.58 ±8": the value stands, no limits."""
    from daemon.ocr.numbers import parse_values

    (v,) = parse_values("4.58 ±8")
    assert (v.value, v.lo, v.hi) == (4.58, None, None)
    (w,) = parse_values("0.1±0.05")
    assert (w.lo, w.hi) == (0.05, 0.15)


def test_to92_sizes_by_the_registered_windows():
    """Fairchild's drawing (t67): width and height both 4.58 over a 3.60 depth; its
    "3.86 MAX" depth is no height."""
    from daemon.ocr.numbers import parse_values
    from daemon.ocr.package_callouts import Dim, assign_sizes

    def dim(text, axis):
        return Dim(parse_values(text)[0], (0, 0, 10, 10), axis)

    found = assign_sizes([dim("4.58 +0.25 -0.15", "x"), dim("4.58 ±0.20", "y"),
                          dim("3.60 ±0.20", "x"), dim("0.46 ±0.10", "x")], "to92", 1.27)
    assert found["body_length"].value == 4.58 and found["body_width"].value == 3.6
    assert found["height"].value == 4.58
