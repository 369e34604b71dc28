"""Datasheet land pattern vs IPC-7351B, per dimension."""

import pytest

from footprint_writer.ipc.crosscheck import completed, cross_check, cross_check_reading
from schemas.reading import DatasheetReading, LandPattern
from schemas.toleranced import Toleranced as T

PACKAGE = dict(units="mm", family="soic", pin_count=8, pitch=T(nom=1.27),
               body_length=T(min=4.8, max=5.0), body_width=T(min=3.8, max=4.0),
               overall_width=T(min=5.8, max=6.2), lead_width=T(min=0.31, max=0.51),
               lead_length=T(min=0.4, max=1.27))


def test_close_pattern_gives_info_only():
    # IPC nominal: X 0.6, Y 1.95, C 4.95
    lp = LandPattern(pad_width=T(nom=0.6), pad_length=T(nom=1.95), row_spacing=T(nom=5.0))
    _, issues = cross_check_reading(DatasheetReading(**PACKAGE, land_pattern=lp))
    assert [i.code for i in issues] == ["ipc_cross_check"]
    assert "C 5 vs 4.95 (4.85..5.05)" in issues[0].message
    assert "fillets on the leads" in issues[0].message


def test_a_makers_pattern_inside_the_fillets_is_info_only():
    """TI's SOIC-8 pattern (Y 1.55, C 5.4: 0.43 and 0.48 mm from IPC nominal) used to give
    two warnings on every page; its fillets are all positive, so it is one info line."""
    lp = LandPattern(pad_width=T(nom=0.6), pad_length=T(nom=1.55), row_spacing=T(nom=5.4))
    _, issues = cross_check_reading(DatasheetReading(**PACKAGE, land_pattern=lp))
    assert [i.code for i in issues] == ["ipc_cross_check"]
    assert "toe +0.375, heel +0.240, side +0.145" in issues[0].message


@pytest.mark.parametrize("lp, field, phrase", [
    # C read 2x too wide (a misread): the pads' inner edges pass the heels
    (dict(pad_width=0.6, pad_length=1.55, row_spacing=8.0), "row_spacing", "heel fillet"),
    # C too narrow: the lead tips overhang the pads
    (dict(pad_width=0.6, pad_length=0.8, row_spacing=4.6), "row_spacing", "toe fillet"),
    # pad narrower than the narrowest lead
    (dict(pad_width=0.25, pad_length=1.55, row_spacing=5.4), "pad_width", "narrower"),
    # pad much wider than IPC's most density (a pitch taken for the pad width)
    (dict(pad_width=1.27, pad_length=1.55, row_spacing=5.4), "pad_width", "bridging"),
    (dict(pad_width=0.6, pad_length=3.0, row_spacing=5.4), "pad_length", "bridging"),
])
def test_real_problems_warn(lp, field, phrase):
    land = LandPattern(**{k: T(nom=v) for k, v in lp.items()})
    _, issues = cross_check_reading(DatasheetReading(**PACKAGE, land_pattern=land))
    warned = [i for i in issues if i.code == "ipc_difference"]
    assert [i.field for i in warned] == [f"land_pattern.{field}"], warned
    assert phrase in warned[0].message


def test_exposed_pad_land_larger_than_the_parts_pad_warns():
    dfn = dict(units="mm", family="dfn", pin_count=8, exposed_pad=True, pitch=T(nom=0.5),
               body_length=T(nom=2.0), body_width=T(nom=3.0), lead_width=T(min=0.2, max=0.3),
               lead_length=T(min=0.3, max=0.5), exposed_pad_width=T(min=1.5, max=1.75),
               exposed_pad_length=T(min=1.3, max=1.55))
    used = {"pad_width": 0.3, "pad_length": 0.75, "row_spacing": 2.9,
            "exposed_pad_width": 1.75, "exposed_pad_length": 1.45}
    _, issues = cross_check(DatasheetReading(**dfn), used)  # Microchip's: X2 = E2 max
    assert [i.code for i in issues] == ["ipc_cross_check"]
    _, issues = cross_check(DatasheetReading(**dfn), {**used, "exposed_pad_width": 1.9})
    assert [i.field for i in issues if i.code == "ipc_difference"] == \
        ["land_pattern.exposed_pad_width"]


def test_hole_the_lead_cannot_pass_warns():
    header = dict(units="mm", family="pin_header", pin_count=2, rows=1, pitch=T(nom=2.0),
                  lead_width=T(nom=0.5))
    _, issues = cross_check(DatasheetReading(**header), {"drill": 0.75})  # JST PH
    assert not [i for i in issues if i.code == "ipc_difference"]
    _, issues = cross_check(DatasheetReading(**header), {"drill": 0.6})
    assert "diagonal 0.707" in next(i.message for i in issues if i.code == "ipc_difference")


def test_z_and_g_completed_to_c_and_y():
    lp = LandPattern(overall_span=T(nom=7.0), gap=T(nom=3.0), pad_width=T(nom=0.6))
    values = completed(lp)
    assert values["row_spacing"] == 5.0 and values["pad_length"] == 2.0


def test_underdefined_package_says_why():
    r = DatasheetReading(units="mm", family="soic", pin_count=8, pitch=T(nom=1.27))
    result, issues = cross_check(r, {"pad_width": 0.6})
    assert result is None and issues[0].code == "ipc_cross_check_unavailable"
