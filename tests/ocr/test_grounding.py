"""Grounding flags a value that is not printed on the page (planted wrong value)."""

from daemon.ocr.grounding import apply_to_footprint, ground_reading


def _pages(ocr_pages):
    return [ocr_pages["soic_table"], ocr_pages["soic_land"]]


def test_true_reading_is_fully_grounded(ocr_pages, soic_reading):
    report = ground_reading(soic_reading, _pages(ocr_pages))
    assert report.not_found() == [], report.summary()
    assert report.rate == 1.0 and report.issues() == []


def test_planted_wrong_value_is_flagged(ocr_pages, soic_reading):
    from schemas.toleranced import Toleranced

    lp = soic_reading.land_pattern.model_copy(update={"pad_width": Toleranced(max=0.66)})
    wrong = soic_reading.model_copy(update={"land_pattern": lp})
    report = ground_reading(wrong, _pages(ocr_pages))
    assert [c.field for c in report.not_found()] == ["land_pattern.pad_width"]
    (issue,) = report.issues()
    assert issue.code == "not_on_page" and issue.field == "land_pattern.pad_width"
    assert "0.66" in issue.message


def test_other_unit_counts_as_printed(ocr_pages, soic_reading):
    """The inch page grounds the mm reading's values through conversion (dual units)."""
    report = ground_reading(soic_reading, [ocr_pages["soic_inch"]])
    by_field = report.by_field()
    assert by_field["body_length"].found and by_field["body_length"].converted


def test_footprint_provenance_marked(ocr_pages, soic_reading):
    from footprint_writer.builder import build_footprint
    from schemas.toleranced import Toleranced

    lp = soic_reading.land_pattern.model_copy(update={"row_spacing": Toleranced(nom=5.3)})
    wrong = soic_reading.model_copy(update={"land_pattern": lp})
    spec = build_footprint(wrong)
    report = ground_reading(wrong, _pages(ocr_pages))
    grounded = apply_to_footprint(spec, report)
    assert any(i.code == "not_on_page" and i.field == "land_pattern.row_spacing"
               for i in grounded.issues)
    marked = {k: p.on_page for k, p in grounded.provenance.items() if p.on_page is not None}
    assert marked.get("row_spacing") is False, grounded.provenance
    assert marked.get("pitch") is True


def test_explicit_pads_are_grounded_by_their_sizes_not_the_count():
    """A USB-C receptacle's 16 contacts are the layout's count, never printed; its pad sizes
    are, and a wrong one is flagged."""
    from daemon.ocr.tokens import OcrPage, OcrToken
    from schemas.reading import DatasheetReading, ReadPad

    page = OcrPage([OcrToken(t, (0, 30 * i, 80, 30 * i + 25)) for i, t in
                    enumerate(["12x 1.15", "8x 0.30", "4x 0.60"])], 200, 200)
    pads = [ReadPad(number=f"A{i}", x=i * 0.5, y=0, size_x=0.3, size_y=1.15)
            for i in range(1, 5)] + [ReadPad(number="A9", x=3, y=0, size_x=0.61, size_y=1.15)]
    reading = DatasheetReading(units="mm", family="other", pin_count=16, pads=pads)
    report = ground_reading(reading, [page])
    assert "pin_count" not in report.by_field()
    assert [c.field for c in report.not_found()] == ["pads[4]"]


def test_a_computed_value_is_not_looked_for_on_the_page():
    """onsemi's SOT-23 prints e (pins 1 to 3) as 1.78/1.90/2.04; the pitch is half of it.
    0.89..1.02 is not printed and must not be flagged; a printed value still is."""
    from daemon.ocr.tokens import OcrPage, OcrToken
    from schemas.reading import DatasheetReading
    from schemas.toleranced import Toleranced

    page = OcrPage([OcrToken(t, (0, 30 * i, 80, 30 * i + 25)) for i, t in
                    enumerate(["1.78", "1.90", "2.04", "2.90", "3"])], 200, 200)
    reading = DatasheetReading(
        units="mm", family="sot23", pin_count=3,
        pitch=Toleranced(min=0.89, nom=0.95, max=1.02, source="derived"),
        body_length=Toleranced(nom=2.95, source="datasheet_table"))
    report = ground_reading(reading, [page])
    assert "pitch" not in report.by_field()
    assert [c.field for c in report.not_found()] == ["body_length"]
