"""Units, derived land dimensions, views, and the bad-input table."""

import pytest

from footprint_writer.builder import build_footprint
from footprint_writer.builder.load import parse_input
from footprint_writer.errors import InputError
from schemas.options import BuildOptions
from schemas.reading import DatasheetReading

from .helpers import reading, soic8, t


def _pads(spec):
    return [(p.number, round(p.x, 3), round(p.y, 3), round(p.size_x, 3), round(p.size_y, 3))
            for p in spec.pads]


@pytest.mark.parametrize("units, scale", [("mil", 1 / 0.0254), ("inch", 1 / 25.4)])
def test_mil_and_inch_give_the_same_pads_as_mm(units, scale):
    mm_spec = build_footprint(soic8())
    other = build_footprint(soic8(units=units, scale=scale))
    assert _pads(other) == _pads(mm_spec)
    assert other.body.size_x == pytest.approx(3.9) and other.body.height == pytest.approx(1.75)
    assert "units_converted" in {i.code for i in other.issues}


ROW = {"pitch": 1.27, "pad_width": 0.6}


@pytest.mark.parametrize("given, c, y, formula", [
    ({"overall_span": 6.95, "pad_length": 1.55}, 5.4, 1.55, "C = Z - Y"),
    ({"gap": 3.85, "pad_length": 1.55}, 5.4, 1.55, "C = G + Y"),
    ({"overall_span": 6.95, "gap": 3.85}, 5.4, 1.55, "C = (Z + G) / 2"),
    ({"overall_span": 6.95, "row_spacing": 5.4}, 5.4, 1.55, "Y = Z - C"),
    ({"gap": 3.85, "row_spacing": 5.4}, 5.4, 1.55, "Y = C - G"),
])
def test_missing_land_dimensions_are_derived_with_provenance(given, c, y, formula):
    spec = build_footprint(reading("soic", 8, land=dict(ROW, **given), body_length=4.9,
                                   body_width=3.9))
    p1 = next(p for p in spec.pads if p.number == "1")
    assert p1.x == pytest.approx(-c / 2) and p1.size_x == pytest.approx(y)
    texts = [pr.detail for pr in spec.provenance.values() if pr.source == "derived"]
    assert any(formula in text for text in texts)
    assert "derived_value" in {i.code for i in spec.issues}


def test_printed_value_that_disagrees_is_reported_not_used():
    land = dict(ROW, row_spacing=5.4, pad_length=1.55, gap=0.67)  # G between pads, not rows
    spec = build_footprint(reading("soic", 8, land=land, body_length=4.9, body_width=3.9))
    assert next(p for p in spec.pads if p.number == "1").x == pytest.approx(-2.7)
    issue = next(i for i in spec.issues if i.code == "inconsistent_land_pattern")
    assert "G" in issue.message and issue.field == "land_pattern.gap"


def test_pitch_mismatch_between_package_and_land_pattern_is_warned():
    spec = build_footprint(soic8(pitch=1.25))
    assert "pitch_mismatch" in {i.code for i in spec.issues}


def _explicit(view: str, numbering: str = "ccw"):
    pads = [{"number": "1", "x": -2.0, "y": -1.0, "size_x": 1.0, "size_y": 0.5},
            {"number": "2", "x": -2.0, "y": 1.0, "size_x": 1.0, "size_y": 0.5},
            {"number": "3", "x": 2.5, "y": 0.0, "size_x": 1.5, "size_y": 2.0},
            {"number": "MP", "kind": "tht", "shape": "oval", "x": 0.0, "y": 2.0,
             "size_x": 1.0, "size_y": 2.0, "drill": 0.6, "drill_y": 1.4},
            {"number": "", "kind": "npth", "shape": "circle", "x": 0.0, "y": -2.0,
             "size_x": 1.0, "size_y": 1.0, "drill": 1.0}]
    return DatasheetReading.model_validate({"units": "mm", "family": "other", "pin_count": 3,
                                            "view": view, "numbering": numbering,
                                            "pads": pads})


def test_bottom_view_explicit_pads_are_mirrored_with_a_warning():
    top = build_footprint(_explicit("top"))
    bottom = build_footprint(_explicit("bottom", "cw"))
    for a, b in zip(top.pads, bottom.pads):
        assert (b.number, b.x, b.y) == (a.number, -a.x + 0.0, a.y)
    assert "mirrored_bottom_view" in {i.code for i in bottom.issues}
    assert "mirrored_bottom_view" not in {i.code for i in top.issues}
    roles = {p.number or "npth": p.role for p in top.pads}
    assert roles == {"1": "signal", "2": "signal", "3": "signal", "MP": "mechanical",
                     "npth": "mechanical"}
    slot = next(p for p in top.pads if p.number == "MP").drill
    assert (slot.diameter, slot.slot_length) == (0.6, 1.4)
    assert top.attribute == "smd" and top.courtyard_class == "connector"


@pytest.mark.parametrize("view, numbering, warned", [
    ("top", "ccw", False), ("top", "cw", True), ("bottom", "cw", False), ("bottom", "ccw", True),
])
def test_numbering_direction_must_match_the_view(view, numbering, warned):
    spec = build_footprint(soic8(view=view, numbering=numbering))
    assert ("numbering_direction" in {i.code for i in spec.issues}) is warned
    assert next(p for p in spec.pads if p.number == "1").x < 0  # always the top view


def _build_json(text: str):
    return build_footprint(parse_input(text))


GOOD = ('{"units": "mm", "family": "soic", "pin_count": 8, "pitch": {"nom": 1.27}, '
        '"land_pattern": {"pad_width": {"nom": 0.6}, "pad_length": {"nom": 1.55}, '
        '"row_spacing": {"nom": 5.4}}}')


def _variant(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


BAD = [
    ("negative", _variant('"pitch": {"nom": 1.27}', '"pitch": {"nom": -1.27}'),
     "greater than or equal to 0"),
    ("nan", _variant('"pitch": {"nom": 1.27}', '"pitch": {"nom": NaN}'), "NaN"),
    ("missing units", _variant('"units": "mm", ', ""), "units: Field required"),
    ("bare number, no unit object", _variant('"pitch": {"nom": 1.27}', '"pitch": 1.27'),
     "pitch"),
    ("unknown unit", _variant('"units": "mm"', '"units": "cm"'), "units"),
    ("unknown family", _variant('"family": "soic"', '"family": "sop99"'), "family"),
    ("10,000 pads", _variant('"pin_count": 8', '"pin_count": 10000'), "pin_count"),
    ("absurd pitch in inch", _variant('"units": "mm"', '"units": "inch"'), "pitch"),
    ("absurd body", _variant('"pitch": {"nom": 1.27}',
                             '"pitch": {"nom": 1.27}, "body_length": {"nom": 400}'),
     "body_length"),
    ("absurd mil pad", _variant('"units": "mm", "family": "soic"',
                                '"units": "mil", "family": "dip"'), "pitch"),
    ("zero pitch", _variant('"pitch": {"nom": 1.27}', '"pitch": {"nom": 0}'), "positive"),
    ("odd pins on two rows", _variant('"pin_count": 8', '"pin_count": 7'), "even pin count"),
    ("sot23 with 7 pins", _variant('"family": "soic", "pin_count": 8',
                                   '"family": "sot23", "pin_count": 7'), "3, 5, 6 or 8"),
    ("chip with 3 pins", _variant('"family": "soic", "pin_count": 8',
                                  '"family": "chip", "pin_count": 3'), "2 pins"),
    ("quad that does not fit", _variant('"family": "soic", "pin_count": 8',
                                        '"family": "qfn", "pin_count": 10'), "four rows"),
    ("no pitch", _variant('"pitch": {"nom": 1.27}, ', ""), "pitch"),
    ("pad width taken for the pitch", _variant('"pad_width": {"nom": 0.6}',
                                               '"pad_width": {"nom": 1.27}'), "not smaller"),
    ("rows overlap", _variant('"row_spacing": {"nom": 5.4}', '"row_spacing": {"nom": 1.2}'),
     "row spacing"),
    ("bga without land diameter", _variant('"family": "soic"', '"family": "bga"'),
     "land diameter"),
    ("not json", "{units: mm", "not valid JSON"),
    ("not an object", "[1, 2]", "JSON object"),
    ("neither kind", '{"hello": 1}', "neither a reading"),
    ("min above max", _variant('"pitch": {"nom": 1.27}', '"pitch": {"min": 2, "max": 1}'),
     "min 2.0 > max 1.0"),
]


@pytest.mark.parametrize("label, text, needle", BAD, ids=[b[0] for b in BAD])
def test_bad_input_gets_one_clear_error(label, text, needle):
    with pytest.raises(InputError) as info:
        _build_json(text)
    assert needle in str(info.value)


def test_good_baseline_of_the_bad_table_builds():
    assert len(_build_json(GOOD).pads) == 8


def test_explicit_pads_need_drills_and_positive_sizes():
    base = _explicit("top").model_dump()
    base["pads"][3]["drill"] = None
    with pytest.raises(InputError, match="no drill"):
        build_footprint(DatasheetReading.model_validate(base))
    base = _explicit("top").model_dump()
    base["pads"][0]["size_x"] = 0
    with pytest.raises(InputError, match="size_x 0"):
        build_footprint(DatasheetReading.model_validate(base))


def test_pattern_datasheet_needs_a_land_pattern():
    no_land = reading("soic", 8, pitch=1.27, body_length=4.9, body_width=3.9)
    with pytest.raises(InputError, match="datasheet"):
        build_footprint(no_land, BuildOptions(pattern="datasheet"))


def test_without_the_ipc_module_a_missing_land_pattern_is_a_clear_error(monkeypatch):
    import footprint_writer.builder.land as land

    monkeypatch.setattr(land, "ipc_land_pattern", lambda reading, density: None)
    no_land = reading("soic", 8, pitch=1.27, body_length=4.9, body_width=3.9)
    with pytest.raises(InputError, match="IPC calculation unavailable"):
        build_footprint(no_land)
    with pytest.raises(InputError, match="IPC calculation unavailable"):
        build_footprint(soic8(), BuildOptions(pattern="ipc"))


SOIC_PACKAGE = dict(pitch=1.27, body_length=t(lo=4.8, hi=5.0), body_width=t(lo=3.8, hi=4.0),
                    overall_width=t(lo=5.8, hi=6.2), lead_width=t(lo=0.31, hi=0.51),
                    lead_length=t(lo=0.4, hi=1.27), height=t(hi=1.75))


@pytest.mark.parametrize("options, land", [
    (BuildOptions(), None),  # no land pattern: auto falls back to IPC
    (BuildOptions(pattern="ipc"), {"pitch": 1.27, "pad_width": 0.6, "pad_length": 1.55,
                                   "row_spacing": 5.4}),
])
def test_ipc_pattern_when_asked_or_missing(options, land):
    spec = build_footprint(reading("soic", 8, land=land, **SOIC_PACKAGE), options)
    assert spec.provenance["pad_size"].source == "ipc_calculation"
    assert "IPC-7351B" in spec.description
    p1 = next(p for p in spec.pads if p.number == "1")
    assert p1.x < 0 and p1.y < 0 and abs(p1.x) != pytest.approx(2.7)


def test_datasheet_pattern_is_cross_checked_against_ipc():
    spec = build_footprint(reading("soic", 8, land={"pitch": 1.27, "pad_width": 0.6,
                                                    "pad_length": 1.55, "row_spacing": 5.4},
                                   **SOIC_PACKAGE))
    assert spec.provenance["pad_size"].source == "datasheet_table"
    assert "ipc_cross_check" in {i.code for i in spec.issues}


def test_pad_count_limits():
    qfp = reading("qfp", 1000, land={"pitch": 0.5, "pad_width": 0.3, "pad_length": 1.5,
                                     "row_spacing": 130.0})
    assert len(build_footprint(qfp).pads) == 1000
    long_header = reading("pin_header", 1024, rows=2, land={"pitch": 2.54, "drill": 1.0})
    with pytest.raises(InputError, match="impossible pad"):
        build_footprint(long_header)  # 512 x 2.54 mm rows: beyond any board


def test_pin1_of_explicit_parts_without_a_pad_1():
    data = _explicit("top").model_dump()
    for pad, number in zip(data["pads"], ("A1", "A2", "B1")):
        pad["number"] = number
    assert build_footprint(DatasheetReading.model_validate(data)).pin1 == "A1"
    for pad, number in zip(data["pads"], ("K", "A", "G")):
        pad["number"] = number
    assert build_footprint(DatasheetReading.model_validate(data)).pin1 == "K"


def _microchip_dfn(**land):
    from schemas.reading import DatasheetReading, LandPattern
    from schemas.toleranced import Toleranced as T  # noqa: N817

    package = dict(units="mm", family="dfn", pin_count=8, exposed_pad=True, pitch=T(nom=0.5),
                   body_length=T(nom=3.0), body_width=T(nom=3.0),
                   lead_width=T(min=0.18, max=0.3), lead_length=T(min=0.3, max=0.5),
                   exposed_pad_width=T(min=1.5, max=1.75),
                   exposed_pad_length=T(min=2.2, max=2.45))
    lp = LandPattern(pitch=T(nom=0.5), exposed_pad_width=T(nom=1.65),
                     exposed_pad_length=T(nom=2.4),
                     **{k: T(nom=v) for k, v in land.items()})
    return DatasheetReading(**package, land_pattern=lp)


def test_microchip_g_is_the_pad_to_exposed_pad_gap():
    """Microchip DFN tables print G as "Contact Pad to Center Pad": (C − Y − X2)/2, not
    C − Y. That agrees with C and Y: an info line, never inconsistent_land_pattern."""
    from footprint_writer.builder import build_footprint

    spec = build_footprint(_microchip_dfn(row_spacing=3.0, pad_width=0.3, pad_length=0.85,
                                          gap=0.25))
    codes = {i.code: i.severity for i in spec.issues}
    assert "inconsistent_land_pattern" not in codes
    assert codes["gap_is_pad_to_ep"] == "info"


def test_pad_to_ep_gap_derives_the_row_spacing():
    """Without C: a G narrower than the exposed pad cannot be the row gap; C = X2 + 2G + Y."""
    from footprint_writer.builder import build_footprint

    spec = build_footprint(_microchip_dfn(pad_width=0.3, pad_length=0.85, gap=0.25))
    xs = sorted({round(p.x, 3) for p in spec.pads if p.role == "signal"})
    assert xs == [-1.5, 1.5]  # C = 1.65 + 0.5 + 0.85 = 3.0
    assert any(i.code == "gap_is_pad_to_ep" for i in spec.issues)


def test_land_exposed_pad_is_turned_to_fit_the_package():
    """Microchip prints the centre pad as W2 x T2 (1.45 x 1.75), which says nothing about the
    rows; the package's E2 1.5-1.75 (across) x D2 1.3-1.55 (along) fits only turned. The OCR
    reader read it straight and built the exposed pad 90 degrees off (EP1.45x1.75)."""
    from footprint_writer.builder import build_footprint
    from schemas.reading import DatasheetReading, LandPattern
    from schemas.toleranced import Toleranced as T  # noqa: N817

    reading = DatasheetReading(
        units="mm", family="dfn", pin_count=8, exposed_pad=True, pitch=T(nom=0.5),
        body_length=T(nom=2.0), body_width=T(nom=3.0), lead_width=T(min=0.2, max=0.3),
        lead_length=T(min=0.3, max=0.5), exposed_pad_width=T(min=1.5, max=1.75),
        exposed_pad_length=T(min=1.3, max=1.55),
        land_pattern=LandPattern(pitch=T(nom=0.5), row_spacing=T(nom=2.9),
                                 pad_width=T(nom=0.3), pad_length=T(nom=0.75), gap=T(nom=0.2),
                                 exposed_pad_width=T(nom=1.45),
                                 exposed_pad_length=T(nom=1.75)))
    spec = build_footprint(reading)
    ep = next(p for p in spec.pads if p.role == "exposed")
    assert (ep.size_x, ep.size_y) == (1.75, 1.45)
    assert spec.name == "DFN-8-1EP_3x2mm_P0.5mm_EP1.75x1.45mm"
    codes = {i.code: i.severity for i in spec.issues}
    assert codes["exposed_pad_turned"] == "info" and codes["gap_is_pad_to_ep"] == "info"
    assert not [i for i in spec.issues if i.severity == "warning"]
