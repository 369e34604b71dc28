"""TI-style package outlines without a table (dual units on the drawing): which range is
which, and what small print that went unread must not turn into."""

from daemon.ocr.reading import OcrInput, parse
from daemon.ocr.tokens import OcrPage, OcrToken
from daemon.readers.base import ReadHints

CALLOUTS = ["SOIC - 1.75 mm max height D0008A", ".189-.197 [4.81-5.00]",
            ".150-.157 [3.81-3.98]", ".228-.244 TYP [5.80-6.19]", "8X .012-.020 [0.31-0.51]",
            ".069 MAX [1.75]", ".005-.010 TYP [0.13-0.25]", "6X .050 [1.27]"]


def read(texts):
    tokens = [OcrToken(t, (100, 60 * i, 100 + 14 * len(t), 60 * i + 28))
              for i, t in enumerate(texts)]
    return parse([OcrInput(OcrPage(tokens, 1200, 800, "p"), "package")], ReadHints())


def test_ti_outline_ranges():
    r = read(CALLOUTS)
    assert (r.overall_width.min, r.overall_width.max) == (5.8, 6.19)
    assert (r.body_length.min, r.body_length.max) == (4.81, 5.0)
    assert (r.body_width.min, r.body_width.max) == (3.81, 3.98)
    assert r.height.max == 1.75 and r.pitch.nom == 1.27


def test_lead_thickness_is_never_tip_to_tip():
    """Small print lost the 6.19 TYP range: the 0.13-0.25 TYP lead thickness must not become
    the tip-to-tip width (it turned the land pattern's C into Z, rows 1.55 mm too close)."""
    r = read([t for t in CALLOUTS if "TYP [5.80" not in t])
    assert r.overall_width is None or r.overall_width.nominal > 1.0


def test_a_small_outline_at_a_shrink_pitch_is_an_ssop():
    """TI titles its SOIC, QSOP and TSSOP drawings alike ("plastic small-outline
    package"): at 0.635 mm the part is a QSOP, named SSOP and given MO-137's leads."""
    r = read(["PLASTIC SMALL-OUTLINE PACKAGE R-PDSO-G16", ".189-.197 [4.81-5.00]",
              ".150-.157 [3.81-3.98]", ".228-.244 TYP [5.80-6.19]",
              "16X .008-.012 [0.20-0.30]", ".069 MAX [1.75]", "14X .025 [0.635]"])
    assert r.family == "ssop" and r.pin_count == 16 and r.pitch.nominal == 0.635
    assert "SSOP" in r.notes
    assert read(CALLOUTS).family == "soic"
