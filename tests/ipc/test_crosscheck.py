"""Datasheet land pattern vs IPC-7351B, per dimension."""

from footprint_writer.ipc.crosscheck import completed, cross_check, cross_check_reading
from schemas.reading import DatasheetReading, LandPattern
from schemas.toleranced import Toleranced as T

PACKAGE = dict(units="mm", family="soic", pin_count=8, pitch=T(nom=1.27),
               body_length=T(min=4.8, max=5.0), body_width=T(min=3.8, max=4.0),
               overall_width=T(min=5.8, max=6.2), lead_width=T(min=0.31, max=0.51),
               lead_length=T(min=0.4, max=1.27))


def test_close_pattern_gives_info_only():
    # IPC nominal: X 0.6, Y 1.95, C 4.95; a typical vendor pattern X 0.6, Y 1.55, C 5.4
    lp = LandPattern(pad_width=T(nom=0.6), pad_length=T(nom=1.95), row_spacing=T(nom=5.0))
    _, issues = cross_check_reading(DatasheetReading(**PACKAGE, land_pattern=lp))
    assert [i.code for i in issues] == ["ipc_cross_check"]
    assert "C 5 vs 4.95" in issues[0].message


def test_difference_above_0_1_mm_warns_per_dimension():
    lp = LandPattern(pad_width=T(nom=0.6), pad_length=T(nom=1.55), row_spacing=T(nom=5.4))
    result, issues = cross_check_reading(DatasheetReading(**PACKAGE, land_pattern=lp))
    warned = {i.field for i in issues if i.code == "ipc_difference"}
    assert warned == {"land_pattern.pad_length", "land_pattern.row_spacing"}
    assert result.land_pattern.pad_length.nom == 1.95


def test_exactly_0_1_mm_is_not_a_warning():
    _, issues = cross_check(DatasheetReading(**PACKAGE), {"pad_width": 0.7})
    assert not [i for i in issues if i.code == "ipc_difference"]


def test_z_and_g_completed_to_c_and_y():
    lp = LandPattern(overall_span=T(nom=7.0), gap=T(nom=3.0), pad_width=T(nom=0.6))
    values = completed(lp)
    assert values["row_spacing"] == 5.0 and values["pad_length"] == 2.0


def test_underdefined_package_says_why():
    r = DatasheetReading(units="mm", family="soic", pin_count=8, pitch=T(nom=1.27))
    result, issues = cross_check(r, {"pad_width": 0.6})
    assert result is None and issues[0].code == "ipc_cross_check_unavailable"
