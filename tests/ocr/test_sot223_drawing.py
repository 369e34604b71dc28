"""Issue 11 class 4 on a SOT-223: a drawing with no table and no letters (UMW's AMS1117,
t92). Front and side views do not nest, so each size is known by the JEDEC TO-261AA window
it falls in; the lead's "0.70" carries its "+0.15" over "-0.10" in small print beside it."""

import pytest
from PIL import Image

from daemon.ocr.grounding import ground_reading
from daemon.ocr.layout import joined_stacked_tolerances
from daemon.ocr.reading import OcrInput, parse
from daemon.ocr.tokens import OcrPage, OcrToken
from footprint_writer.builder.core import build_footprint

H = 12  # the drawing's line height in px


def _tok(text, x, y, w=45):
    return OcrToken(text, (x, y, x + w, y + H))


def _lead_width():
    """UMW's lead callout: the size, then its limits stacked in smaller print."""
    return [_tok("0.70", 628, 411, 23), OcrToken("+0.15", (647, 405, 674, 415)),
            OcrToken("-0.10", (647, 417, 672, 427))]


def _page():
    toks = [_tok("SOT-223-3L", 91, 0, 113), _tok("UNIT:mm", 1008, 0, 94),
            _tok("5.90~6.70", 481, 48), _tok("3.00±0.20", 483, 75),  # body length D, tab
            _tok("0.30±0.10", 797, 88), _tok("0.90~1.15", 739, 109),  # lead c, foot L
            _tok("0.25", 727, 207, 22), _tok("2.30 TYP", 438, 410, 42),
            _tok("4.60±0.15", 484, 431), _tok("0.00~0.10", 353, 515),
            _tok("3.50±0.30", 343, 235), _tok("7.00±0.30", 663, 239),  # body E, tips HE
            _tok("1.60±0.15", 647, 513), _tok("1.65±0.15", 669, 513)]  # body A2, seated A
    toks += _lead_width()
    image = Image.new("RGB", (1191, 632), "white")
    return OcrInput(OcrPage(toks, 1191, 632, "sot223"), "package", image=image)


def test_stacked_limits_join_the_size_they_follow():
    joined = joined_stacked_tolerances(_lead_width() + [_tok("4.60±0.15", 484, 431)], H)
    assert sorted(t.text for t in joined) == ["0.70 +0.15 -0.10", "4.60±0.15"]
    # a lone "+0.15" (no minus under it) is left as it is
    alone = joined_stacked_tolerances(_lead_width()[:2], H)
    assert sorted(t.text for t in alone) == ["+0.15", "0.70"]


def test_each_size_by_its_to261_window():
    r = parse([_page()])
    assert r.family == "sot223" and r.pin_count == 3 and r.pitch.nominal == 2.3
    assert (r.body_length.min, r.body_length.max) == (5.9, 6.7)
    assert r.body_width.nominal == 3.5 and r.overall_width.nominal == 7.0
    assert r.exposed_pad_length.nominal == 3.0  # the tab along the row
    assert (r.lead_width.min, r.lead_width.nom, r.lead_width.max) == (0.6, 0.7, 0.85)
    assert (r.lead_length.min, r.lead_length.max) == (0.9, 1.15)
    # two sizes in the height window: the seated height is the larger
    assert r.height.nominal == 1.65


def test_the_footprint_and_its_grounding():
    r = parse([_page()])
    spec = build_footprint(r)
    leads = sorted((p for p in spec.pads if p.number in ("1", "2", "3")), key=lambda p: p.y)
    tab = next(p for p in spec.pads if p.number == "4")
    assert [p.y for p in leads] == pytest.approx([-2.3, 0.0, 2.3])
    assert tab.x > 0 > leads[0].x and tab.size_y > 3.0
    # the lead width's limits are printed, in the stacked tolerance
    report = ground_reading(r, [_page().page])
    assert "lead_width" not in [c.field for c in report.not_found()]


def test_untitled_the_windows_name_the_outline():
    """The same drawing cropped below its title: five or more sizes each alone in a
    TO-261AA window, at SOT-223's 2.30 pitch, name it (said in the notes)."""
    page = _page()
    page.page.tokens[:] = [t for t in page.page.tokens if t.text != "SOT-223-3L"]
    r = parse([page])
    assert r.family == "sot223" and r.pin_count == 3 and r.overall_width.nominal == 7.0
    assert "TO-261AA" in r.notes and "check the family" in r.notes


def test_untitled_without_the_family_pitch_names_nothing():
    from daemon.ocr.outline_family import windowed_outline_from_drawing

    toks = [t for t in _page().page.tokens if t.text not in ("SOT-223-3L", "2.30 TYP")]
    assert windowed_outline_from_drawing([toks]) is None
