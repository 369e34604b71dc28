"""Placement modules added with the IPC work: molded, DPAK, BGA, TO-220 (through IPC)."""

import pytest

from footprint_writer.builder import build_footprint
from footprint_writer.builder.bga import row_name
from footprint_writer.errors import InputError
from schemas.reading import DatasheetReading
from schemas.toleranced import Toleranced as T


def build(**kw):
    return build_footprint(DatasheetReading(units="mm", **kw))


def test_molded_sma_through_ipc():
    spec = build(family="molded", pin_count=2, package_name="D_SMA",
                 body_length=T(min=4.0, max=4.6), body_width=T(min=2.4, max=2.9),
                 lead_length=T(min=0.75, max=1.6), lead_width=T(min=1.25, max=1.65))
    assert spec.name == "D_SMA"
    p1, p2 = spec.pads
    assert p1.x == -p2.x < 0 and p1.size_y > 1.25
    assert "IPC-7351B" in spec.description


def test_dpak_leads_and_tab_numbered():
    spec = build(family="dpak", pin_count=2, pitch=T(nom=4.57),
                 overall_width=T(min=9.4, max=10.4), lead_width=T(min=0.64, max=0.89),
                 lead_length=T(min=0.9, max=1.5), exposed_pad_width=T(min=5.0, max=5.6),
                 exposed_pad_length=T(min=5.97, max=6.22), body_width=T(nom=6.1),
                 body_length=T(nom=6.6))
    numbers = [p.number for p in spec.pads]
    assert numbers == ["1", "2", "3"]
    tab = spec.pads[2]
    assert tab.size_y == 6.3 and tab.x > 0 > spec.pads[0].x
    assert (spec.pads[0].y, spec.pads[1].y) == (-2.285, 2.285)


@pytest.mark.parametrize("index, name", [(0, "A"), (7, "H"), (8, "J"), (19, "Y"), (20, "AA")])
def test_bga_row_names_skip_letters(index, name):
    assert row_name(index) == name


def test_bga_full_array_through_ipc():
    spec = build(family="bga", pin_count=64, pitch=T(nom=0.8), ball_diameter=T(nom=0.5),
                 body_length=T(nom=9.0), body_width=T(nom=9.0))
    assert len(spec.pads) == 64
    a1 = next(p for p in spec.pads if p.number == "A1")
    assert (a1.x, a1.y, a1.size_x) == (-2.8, -2.8, 0.4)
    assert any(p.number == "H8" for p in spec.pads)
    assert spec.courtyard_class == "bga"


def test_bga_printed_land_diameter_is_used_over_ipc():
    """A page that prints only the land diameter builds that land, not IPC's."""
    spec = build(family="bga", pin_count=64, pitch=T(nom=0.8), ball_diameter=T(nom=0.5),
                 land_pattern={"pad_diameter": T(nom=0.35)})
    assert {p.size_x for p in spec.pads} == {0.35}
    assert "IPC-7351B" not in spec.description


def test_bga_partial_array_rejected():
    with pytest.raises(InputError, match="grid"):
        build(family="bga", pin_count=62, pitch=T(nom=0.8), ball_diameter=T(nom=0.5),
              pins_along_length=8)


def test_bga_non_square_count_without_columns_is_not_guessed():
    """24 balls without a column count: not built as 4 x 6 (a 5 x 5 less one is as
    likely), the user is asked."""
    with pytest.raises(InputError, match="no square array"):
        build(family="bga", pin_count=24, pitch=T(nom=1.0), ball_diameter=T(nom=0.4))
    spec = build(family="bga", pin_count=24, pitch=T(nom=1.0), ball_diameter=T(nom=0.4),
                 pins_along_length=4)
    assert len(spec.pads) == 24


def test_to220_row_drill_from_lead():
    spec = build(family="to220", pin_count=3, pitch=T(nom=2.54),
                 lead_width=T(min=0.7, max=0.9))
    assert [p.x for p in spec.pads] == [0.0, 2.54, 5.08]  # anchored at pad 1 (KLC F7.2)
    assert spec.pads[0].shape == "rect" and spec.attribute == "through_hole"
    assert spec.pads[0].drill.diameter == pytest.approx(1.1)


def test_melf_through_ipc_table_3_7():
    """A MiniMELF (DO-213AA: L 3.3-3.7, D 1.4-1.6, end caps 0.2-0.5) by IPC-7351B Table 3-7:
    the same body as an inward-L molded part gets pads 2 x (0.40 - 0.15) longer overall
    (toe goals) and 2 x (0.05 - -0.05) wider (side goals), within the 0.05 rounding; with
    no height printed it stands as high as its diameter."""
    body = dict(pin_count=2, body_length=T(min=3.3, max=3.7), body_width=T(min=1.4, max=1.6),
                lead_length=T(min=0.2, max=0.5))
    melf, molded = build(family="melf", **body), build(family="molded", **body)

    def outer(spec):
        p1, p2 = spec.pads
        return (p2.x + p2.size_x / 2) - (p1.x - p1.size_x / 2)

    assert any("Table 3-7" in i.message for i in melf.issues if i.code == "ipc_land_pattern")
    assert abs(outer(melf) - outer(molded) - 0.5) <= 0.1
    assert abs(melf.pads[0].size_y - molded.pads[0].size_y - 0.2) <= 0.1
    assert melf.body.height == 1.5 and melf.name.startswith("MELF_")
    assert "the diameter" in melf.provenance["body"].detail
