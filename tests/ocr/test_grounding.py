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
