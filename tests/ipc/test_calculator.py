"""land_pattern_from_package for every family, edge cases and errors."""

import pytest

from footprint_writer.errors import InputError
from footprint_writer.ipc import land_pattern_from_package
from footprint_writer.ipc.layout import ipc_courtyard, ipc_pads
from schemas.reading import DatasheetReading
from schemas.toleranced import Toleranced as T


def reading(family, pins, **dims):
    return DatasheetReading(units=dims.pop("units", "mm"), family=family, pin_count=pins,
                            **dims)


SOIC8 = dict(pitch=T(nom=1.27), body_length=T(min=4.8, max=5.0),
             body_width=T(min=3.8, nom=3.9, max=4.0), overall_width=T(min=5.8, max=6.2),
             lead_width=T(min=0.31, max=0.51), lead_length=T(min=0.4, max=1.27))


def test_soic8_matches_kicad_library():
    result = land_pattern_from_package(reading("soic", 8, **SOIC8))
    lp = result.land_pattern
    assert (lp.pad_length.nom, lp.pad_width.nom, lp.row_spacing.nom) == (1.95, 0.6, 4.95)
    assert lp.pad_width.source == "ipc_calculation"
    pads = ipc_pads(reading("soic", 8, **SOIC8), result)
    assert [p.number for p in pads] == [str(i) for i in range(1, 9)]
    assert (pads[0].x, pads[0].y) == (-2.475, -1.905)  # pin 1 top left
    assert (pads[4].x, pads[4].y) == (2.475, 1.905)  # CCW: pin 5 bottom right
    assert ipc_courtyard(reading("soic", 8, **SOIC8), result, pads) == (-3.7, -2.7, 3.7, 2.7)


def test_inch_reading_converted():
    mils = {k: T(**{f: (v * 1000 / 25.4 if v is not None else None)
                    for f, v in (("min", d.min), ("nom", d.nom), ("max", d.max))})
            for k, d in SOIC8.items()}
    res = land_pattern_from_package(reading("soic", 8, units="mil", **mils))
    assert res.land_pattern.pad_length.nom == 1.95


@pytest.mark.parametrize("pitch, table", [(0.65, "Table 3-2"), (0.635, "Table 3-2"),
                                          (0.625, "Table 3-3"), (0.5, "Table 3-3")])
def test_small_pitch_switch(pitch, table):
    dims = dict(SOIC8, pitch=T(nom=pitch), lead_width=T(min=0.17, max=0.27))
    result = land_pattern_from_package(reading("tssop", 8, **dims))
    assert table in result.tables[0]


def test_forced_small_pitch_table():
    dims = dict(SOIC8, pitch=T(nom=0.65), lead_width=T(min=0.22, max=0.38))
    normal = land_pattern_from_package(reading("msop", 8, **dims))
    forced = land_pattern_from_package(reading("msop", 8, **dims), small_pitch_table=True)
    assert forced.land_pattern.pad_width.nom < normal.land_pattern.pad_width.nom


@pytest.mark.parametrize("density", ["least", "nominal", "most"])
def test_three_density_levels(density):
    result = land_pattern_from_package(reading("soic", 8, **SOIC8), density)
    assert result.courtyard_excess == {"least": 0.1, "nominal": 0.25, "most": 0.5}[density]
    assert result.density == density


def test_missing_tolerance_reported():
    dims = dict(SOIC8, lead_length=T(nom=0.8))
    result = land_pattern_from_package(reading("soic", 8, **dims))
    assert any(i.code == "ipc_no_tolerance" and i.field == "lead_length" for i in result.issues)


def test_min_greater_than_max_is_a_reading_error():
    with pytest.raises(ValueError, match="min"):
        T(min=1.0, max=0.5)


def test_missing_dimension_names_it():
    """No JEDEC outline has 1.0 mm pitch SOIC leads: the missing foot length is an error."""
    dims = dict(SOIC8, pitch=T(nom=1.0))
    del dims["lead_length"]
    with pytest.raises(InputError, match="lead_length"):
        land_pattern_from_package(reading("soic", 8, **dims))


def test_missing_foot_and_lead_width_from_the_jedec_outline_flagged():
    """TI's old SOIC drawing gives E, E1, D and e but no L or b the reader can tie: MS-012's
    L 0.40-1.27 and b 0.31-0.51 (the SOIC8 values above) give the same pads, flagged."""
    dims = {k: v for k, v in SOIC8.items() if k not in ("lead_length", "lead_width")}
    result = land_pattern_from_package(reading("soic", 8, **dims))
    full = land_pattern_from_package(reading("soic", 8, **SOIC8))
    assert result.land_pattern == full.land_pattern
    assumed = {i.field: i for i in result.issues if i.code == "jedec_lead_assumed"}
    assert set(assumed) == {"lead_length", "lead_width"}
    assert all(i.severity == "warning" and "MS-012" in i.message for i in assumed.values())
    assert not [i for i in full.issues if i.code == "jedec_lead_assumed"]


@pytest.mark.parametrize("family, pitch, outline", [
    ("tssop", 0.65, "MO-153"), ("msop", 0.5, "MO-187 BA"), ("qfp", 0.5, "MS-026"),
    ("sot23", 0.95, "MO-178"), ("sot23", 0.65, "MO-203"), ("ssop", 0.65, "MO-150"),
    ("ssop", 0.635, "MO-137"), ("soic", 0.635, None), ("dfn", 0.5, None),
    ("qfp", None, None)])
def test_jedec_lead_table_by_family_and_pitch(family, pitch, outline):
    from footprint_writer.ipc.jedec_leads import jedec_leads

    got = jedec_leads(family, pitch)
    if outline is None:
        assert got is None
    else:
        assert outline in got.outline
        assert got.lead_length[0] < got.lead_length[1] and got.lead_width[1] < pitch


def test_unknown_density_rejected():
    with pytest.raises(InputError, match="density"):
        land_pattern_from_package(reading("soic", 8, **SOIC8), "dense")


def test_other_family_needs_datasheet_pattern():
    r = DatasheetReading(units="mm", family="other", pin_count=1,
                         pads=[{"number": "1", "x": 0, "y": 0, "size_x": 1, "size_y": 1}])
    with pytest.raises(InputError, match="no IPC"):
        land_pattern_from_package(r)


def test_chip_0603_and_0402_tables():
    c0603 = reading("chip", 2, body_length=T(min=1.5, max=1.7), body_width=T(min=0.7, max=0.95),
                    lead_spacing=T(min=0.7, max=1.11))
    res = land_pattern_from_package(c0603)
    assert "Table 3-5" in res.tables[0]
    # Z = 1.5+0.7+0.2291 -> 2.45; G = 1.11-0.4250 -> 0.7; X = 0.7+0.2739 -> 0.95
    lp = res.land_pattern
    assert (lp.overall_span.nom, lp.gap.nom, lp.pad_width.nom) == (2.45, 0.7, 0.95)
    c0402 = reading("chip", 2, body_length=T(min=1.0, max=1.1), body_width=T(min=0.48, max=0.6),
                    lead_spacing=T(min=0.4, max=0.7))
    assert "Table 3-6" in land_pattern_from_package(c0402).tables[0]


def test_molded_uses_inward_l_table():
    r = reading("molded", 2, body_length=T(min=4.0, max=4.6), body_width=T(min=2.4, max=2.9),
                lead_length=T(min=0.75, max=1.6), lead_width=T(min=1.25, max=1.65))
    assert "Table 3-11" in land_pattern_from_package(r).tables[0]


def test_sod_two_terminal_gullwing():
    r = reading("sod", 2, overall_width=T(min=3.55, max=3.85), body_length=T(min=2.55, max=2.85),
                body_width=T(min=1.4, max=1.8), lead_width=T(min=0.45, max=0.65),
                lead_length=T(min=0.25, max=0.4))
    res = land_pattern_from_package(r)
    assert res.geometry == "two_terminal"
    assert len(ipc_pads(r, res)) == 2


def test_sot23_dual():
    r = reading("sot23", 6, pitch=T(nom=0.95), overall_width=T(nom=2.8),
                body_width=T(nom=1.6), body_length=T(nom=2.9), lead_width=T(min=0.3, max=0.5),
                lead_length=T(min=0.3, nom=0.45, max=0.6))
    res = land_pattern_from_package(r)
    # Z = 2.8+0.7+0.1118 -> 3.6; G = 2.1121-0.7-0.4387 -> 0.95; X = 0.3+0.06+0.2291 -> 0.6
    # (KiCad's SOT-23-6: pads 1.325 x 0.6 at x = +-1.1375)
    lp = res.land_pattern
    assert (lp.pad_length.nom, lp.pad_width.nom, lp.row_spacing.nom) == (1.325, 0.6, 2.275)


def test_qfn_with_exposed_pad_paste_and_vias():
    r = reading("qfn", 40, pitch=T(nom=0.4), body_width=T(nom=5.0), body_length=T(nom=5.0),
                lead_width=T(min=0.17, max=0.25), lead_length=T(min=0.3, max=0.5),
                exposed_pad=True, exposed_pad_width=T(nom=3.6), exposed_pad_length=T(nom=3.6))
    res = land_pattern_from_package(r, thermal_vias=True)
    pads = ipc_pads(r, res)
    assert len(pads) == 41 and pads[-1].number == "41" and pads[-1].role == "exposed"
    assert res.land_pattern.exposed_pad_width.nom == 3.6
    area = sum(w[2] * w[3] for w in res.paste_windows)
    assert 0.5 * 3.6 * 3.6 < area < 0.7 * 3.6 * 3.6
    assert res.thermal_vias and all(abs(v[0]) < 1.8 for v in res.thermal_vias)
    # pads keep 0.2 mm to the exposed pad
    inner = min(abs(p.x) - p.size_x / 2 for p in pads[:10])
    assert inner >= 1.8 + 0.2 - 1e-9


def test_dfn_dual_no_lead():
    r = reading("dfn", 8, pitch=T(nom=0.5), body_width=T(nom=2.0), body_length=T(nom=2.0),
                lead_width=T(min=0.2, max=0.3), lead_length=T(min=0.3, max=0.5))
    res = land_pattern_from_package(r)
    assert res.geometry == "dual" and "3-13" in res.tables[0]


def test_qfp_quad_numbering():
    r = reading("qfp", 32, pitch=T(nom=0.8), overall_width=T(min=8.85, max=9.15),
                body_width=T(nom=7), body_length=T(nom=7), lead_width=T(min=0.3, max=0.4),
                lead_length=T(min=0.45, max=0.75))
    res = land_pattern_from_package(r)
    pads = ipc_pads(r, res)
    assert (res.pins_x, res.pins_y) == (8, 8)
    assert pads[0].x < 0 and pads[8].y > 0 and pads[16].x > 0 and pads[24].y < 0


def test_dpak_leads_and_tab():
    # TO-252: H 9.4..10.4, L 0.9..1.5, b 0.64..0.89, tab 5.97..6.22 wide, 5.0..5.6 long
    r = reading("dpak", 2, pitch=T(nom=4.57), overall_width=T(min=9.4, max=10.4),
                lead_width=T(min=0.64, max=0.89), lead_length=T(min=0.9, max=1.5),
                exposed_pad_width=T(min=5.0, max=5.6), exposed_pad_length=T(min=5.97, max=6.22))
    res = land_pattern_from_package(r)
    lp = res.land_pattern
    # leads: Z = 9.4+0.7+sqrt(1+0.0125) = 11.106 -> 11.1
    assert lp.overall_span.nom == 11.1
    # tab width X3 = 5.97+0.06+sqrt(0.0625+0.0125) = 6.304 -> 6.3
    assert lp.tab_width.nom == 6.3
    assert lp.tab_length.nom > lp.pad_length.nom
    pads = ipc_pads(r, res)
    assert [p.number for p in pads] == ["1", "2", "3"]
    lead_inner = pads[0].x + pads[0].size_x / 2
    tab_inner = pads[2].x - pads[2].size_x / 2
    assert tab_inner - lead_inner > 0.5  # clear gap between the leads and the tab
    # lead toe to tab end is Z
    lead_outer = pads[0].x - pads[0].size_x / 2
    assert pads[2].x + pads[2].size_x / 2 - lead_outer == pytest.approx(11.1)


def test_sot223_tab_is_a_bent_lead():
    # SOT-223: H 6.7..7.3, L 0.75..1.1 (JEDEC TO-261), b 0.6..0.88, tab b2 2.9..3.15
    r = reading("sot223", 3, pitch=T(nom=2.3), overall_width=T(min=6.7, max=7.3),
                lead_width=T(min=0.6, max=0.88), lead_length=T(min=0.75, max=1.1),
                exposed_pad_length=T(min=2.9, max=3.15), body_width=T(nom=3.5),
                body_length=T(nom=6.5))
    res = land_pattern_from_package(r)
    lp = res.land_pattern
    assert lp.tab_length.nom == lp.pad_length.nom  # same foot, same span
    assert lp.tab_width.nom > 3.15
    assert [p.number for p in ipc_pads(r, res)] == ["1", "2", "3", "4"]


def test_bga_land_from_ball():
    r = reading("bga", 64, pitch=T(nom=0.8), ball_diameter=T(min=0.45, nom=0.5, max=0.55))
    lands = [land_pattern_from_package(r, d).land_pattern.pad_diameter.nom
             for d in ("least", "nominal", "most")]
    assert lands == [0.35, 0.4, 0.45]
    odd = reading("bga", 64, pitch=T(nom=0.8), ball_diameter=T(nom=0.52))
    assert any(i.code == "ipc_bga_nearest_ball"
               for i in land_pattern_from_package(odd).issues)


def test_dip_pin_header_to220_through_hole():
    dip = reading("dip", 8, pitch=T(nom=2.54), overall_width=T(nom=7.62),
                  lead_width=T(min=0.36, max=0.56))
    lp = land_pattern_from_package(dip).land_pattern
    assert lp.drill.nom == 0.8  # 0.56 + 0.2 = 0.76 -> 0.8 (never rounded down)
    assert lp.row_spacing.nom == 7.62
    header = reading("pin_header", 10, rows=2, pitch=T(nom=2.54), lead_width=T(nom=0.64))
    res = land_pattern_from_package(header)
    assert res.land_pattern.drill.nom == 1.15  # 0.64·√2 + 0.2 = 1.105 -> 1.15
    assert len(ipc_pads(header, res)) == 10
    to220 = reading("to220", 3, pitch=T(nom=2.54), lead_width=T(min=0.7, max=0.9))
    assert land_pattern_from_package(to220).land_pattern.drill.nom == 1.1


def test_negative_gap_is_an_input_error():
    r = reading("chip", 2, body_length=T(min=1.4, max=1.8), body_width=T(min=0.65, max=1.05),
                lead_length=T(min=0.8, max=1.0))
    with pytest.raises(InputError, match="gap"):
        land_pattern_from_package(r)


def test_no_tolerance_info_only_for_equation_inputs():
    dims = dict(SOIC8, body_length=T(nom=4.9), lead_width=T(nom=0.4))
    fields = {i.field for i in land_pattern_from_package(reading("soic", 8, **dims)).issues
              if i.code == "ipc_no_tolerance"}
    assert fields == {"lead_width"}  # the body only draws the outline


def test_son_uses_no_lead_table():
    r = reading("son", 6, pitch=T(nom=0.65), body_width=T(min=1.9, max=2.1),
                body_length=T(min=1.9, max=2.1), lead_width=T(min=0.25, max=0.35),
                lead_length=T(min=0.2, max=0.4))
    res = land_pattern_from_package(r)
    assert res.geometry == "dual" and "3-13" in res.tables[0]
    assert res.courtyard_excess == 0.25


def test_dip_without_lead_width_takes_ms001_flagged():
    """A DIP page that prints pitch and row spacing but no lead width: MS-001's b
    0.36-0.56 mm sizes the hole, reported as an assumption."""
    r = reading("dip", 8, pitch=T(nom=2.54), overall_width=T(nom=7.62))
    result = land_pattern_from_package(r)
    with_b = land_pattern_from_package(reading("dip", 8, pitch=T(nom=2.54),
                                               overall_width=T(nom=7.62),
                                               lead_width=T(min=0.36, max=0.56)))
    assert result.land_pattern == with_b.land_pattern
    (issue,) = [i for i in result.issues if i.code == "jedec_lead_assumed"]
    assert issue.field == "lead_width" and "MS-001" in issue.message


@pytest.mark.parametrize("printed, row", [(7.94, 7.62), (7.87, 7.62), (7.62, 7.62),
                                          (15.56, 15.24), (10.3, 10.16), (9.0, 9.0),
                                          ((7.62, 10.79), 7.62), ((7.2, 11.2), 9.2)])
def test_dip_rows_are_the_standard_row_nearest_the_printed_width(printed, row):
    """A DIP page's E is the shoulder (0.300-0.325", midpoint 7.94): the lead centres are
    the 0.300" row; Vishay's E 7.62-10.79 starts at the row; a width no standard row is
    near stays as printed."""
    width = T(min=printed[0], max=printed[1]) if isinstance(printed, tuple) else T(nom=printed)
    printed = width.nominal
    r = reading("dip", 8, pitch=T(nom=2.54), overall_width=width,
                lead_width=T(min=0.36, max=0.56))
    result = land_pattern_from_package(r)
    assert result.land_pattern.row_spacing.nom == row
    flagged = [i for i in result.issues if i.code == "dip_row_standard"]
    assert bool(flagged) is (printed != row)
