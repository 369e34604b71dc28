"""Issue 11, class 1: a page that prints part of its land pattern (the pad, but its row
dimension lost) builds from what it prints plus IPC-7351B for the rest, and says which is
which; a DIP drawing without its row builds on the standard row over its body."""

import pytest

from footprint_writer.builder import build_footprint
from footprint_writer.errors import InputError
from schemas.reading import DatasheetReading, LandPattern
from schemas.toleranced import Toleranced as T

PACKAGE = dict(units="mm", family="soic", pin_count=8, pitch=T(nom=1.27),
               body_length=T(min=4.8, max=5.0), body_width=T(min=3.8, max=4.0),
               overall_width=T(min=5.8, max=6.2), lead_width=T(min=0.31, max=0.51),
               lead_length=T(min=0.4, max=1.27))
IPC_C, IPC_Y = 4.95, 1.95  # IPC-7351B nominal for PACKAGE (test_builder_integration)


def _pad1(spec):
    return next(p for p in spec.pads if p.number == "1")


def test_printed_pad_with_ipc_row_spacing():
    lp = LandPattern(pad_width=T(nom=0.55, source="datasheet_drawing"),
                     pad_length=T(nom=1.5, source="datasheet_drawing"))
    spec = build_footprint(DatasheetReading(**PACKAGE, land_pattern=lp))
    p1 = _pad1(spec)
    assert (p1.size_x, p1.size_y) == (1.5, 0.55)  # the page's pad
    assert p1.x == pytest.approx(-IPC_C / 2)  # IPC's row centres
    assert spec.provenance["row_spacing"].source == "ipc_calculation"
    assert spec.provenance["pad_size"].source == "datasheet_drawing"
    warning = next(i for i in spec.issues if i.code == "partial_land_pattern")
    assert "X 0.55" in warning.message and "Y 1.5" in warning.message
    assert "IPC-7351B gives C" in warning.message and warning.severity == "warning"
    assert "completed by IPC-7351B" in spec.description


def test_printed_width_only_takes_ipc_length_and_rows():
    lp = LandPattern(pad_width=T(nom=0.55, source="datasheet_drawing"))
    p1 = _pad1(build_footprint(DatasheetReading(**PACKAGE, land_pattern=lp)))
    assert (p1.size_x, p1.size_y) == (IPC_Y, 0.55)
    assert p1.x == pytest.approx(-IPC_C / 2)


def test_printed_row_spacing_kept_with_ipc_length():
    lp = LandPattern(pad_width=T(nom=0.6), row_spacing=T(nom=5.4))
    p1 = _pad1(build_footprint(DatasheetReading(**PACKAGE, land_pattern=lp)))
    assert p1.x == pytest.approx(-2.7) and (p1.size_x, p1.size_y) == (IPC_Y, 0.6)


def test_a_lone_span_without_pad_width_is_not_built_on():
    """A printed Z alone is too unsure: all of the pads come from IPC, with the warning."""
    lp = LandPattern(overall_span=T(nom=7.0))
    spec = build_footprint(DatasheetReading(**PACKAGE, land_pattern=lp))
    assert (_pad1(spec).size_x, _pad1(spec).x) == (IPC_Y, pytest.approx(-IPC_C / 2))
    assert "incomplete_land_pattern" in {i.code for i in spec.issues}
    assert "partial_land_pattern" not in {i.code for i in spec.issues}


DIP = dict(units="mm", family="dip", pin_count=16, pitch=T(nom=2.54),
           body_length=T(nom=19.25), height=T(nom=4.15))


def test_dip_row_from_its_body_when_the_row_is_not_read():
    spec = build_footprint(DatasheetReading(**DIP, body_width=T(nom=6.4)))
    xs = sorted({round(p.x, 3) for p in spec.pads})
    assert xs == [0.0, 7.62]  # pad 1 at the origin, the other row 7.62 away
    issue = next(i for i in spec.issues if i.code == "dip_row_from_body")
    assert "7.62" in issue.message and issue.severity == "warning"


@pytest.mark.parametrize("body, row", [(6.4, 7.62), (7.0, 7.62), (8.9, 10.16), (13.72, 15.24)])
def test_standard_row_over_body(body, row):
    from footprint_writer.ipc.jedec_leads import dip_row_over_body

    assert dip_row_over_body(body) == row


def test_no_standard_row_fits_this_body():
    with pytest.raises(InputError):
        build_footprint(DatasheetReading(**DIP, body_width=T(nom=10.0)))


def test_tips_from_the_jedec_body_when_e_is_not_read():
    """A MO-187 body (2.9-3.1) at 0.5 mm without its tip-to-tip span: IPC takes MO-187's
    4.75-5.05, with a warning naming the outline."""
    reading = DatasheetReading(units="mm", family="msop", pin_count=10, pitch=T(nom=0.5),
                               body_length=T(min=2.9, max=3.1), body_width=T(min=2.9, max=3.1))
    spec = build_footprint(reading)
    issue = next(i for i in spec.issues if i.code == "jedec_tips_assumed")
    assert "MO-187" in issue.message and issue.severity == "warning"
    with_e = build_footprint(reading.model_copy(update={"overall_width": T(min=4.75, max=5.05)}))
    assert _pad1(spec).x == _pad1(with_e).x and _pad1(spec).size_x == _pad1(with_e).size_x


@pytest.mark.parametrize("family, pitch, body", [
    ("sot23", 0.95, 1.45),  # between TO-236AB's and MO-178's bodies
    ("soic", 1.27, 5.0),  # between the registered bodies
])
def test_no_jedec_tips_where_the_body_does_not_fix_them(family, pitch, body):
    from footprint_writer.ipc.jedec_leads import jedec_tips

    assert jedec_tips(family, pitch, body) is None


@pytest.mark.parametrize("body, outline, tips", [
    (1.3, "TO-236AB", (2.10, 2.64)),  # SOT-23, 3 leads
    (1.6, "MO-178", (2.60, 3.00)),  # SOT-23-5 / -6
])
def test_the_two_sot23_bodies_each_fix_their_tips(body, outline, tips):
    from footprint_writer.ipc.jedec_leads import jedec_tips

    found = jedec_tips("sot23", 0.95, body)
    assert found is not None and outline in found.outline and found.tips == tips
