"""Issue 11 class 8: DPAK / TO-252 pages without a land pattern. The IPC path needs the
tab's size and the lead tip to tab end H; an outline whose views do not nest is read by
the JEDEC TO-252AA windows each size falls in (AMS's drawing of min-max callouts, t86;
UMW's table of maker letters, h11), and the sizes the page leaves out are the registered
outline's, said in the notes."""

import pytest
from PIL import Image

from daemon.ocr.reading import OcrInput, parse
from daemon.ocr.tokens import OcrPage, OcrToken
from footprint_writer.builder.core import build_footprint


def _page(pitch_texts=("0.156-0.204", "(3.96-5.18)"), title="TO-252 PLASTIC PACKAGE (D)"):
    """AMS's TO-252 drawing as text: inch over (mm) min-max callouts, no table, no letters."""
    texts = [(title, 300, 20, 300),
             ("PACKAGE DIMENSIONS inches (millimeters)", 40, 60, 400),
             ("0.255-0.265", 300, 150), ("(6.48-6.73)", 300, 172),  # body width E
             ("0.206-0.214", 300, 210), ("(5.23-5.44)", 300, 232),  # tab width b3
             ("0.087-0.094", 600, 150), ("(2.21-2.39)", 600, 172),  # height A
             ("0.235-0.245", 450, 300), ("(5.969-6.223)", 450, 322),  # body length D
             ("0.380-0.410", 100, 330), ("(9.65-10.41)", 100, 352),  # tip to tab end H
             ("0.045-0.060", 600, 400), ("(1.14-1.52)", 600, 422),  # foot L
             ("0.035-0.050", 700, 100), ("(0.89-1.27)", 700, 122)]  # L3, no window's
    texts += [(t, 200, 500 + 22 * i) for i, t in enumerate(pitch_texts)]
    toks = [OcrToken(t[0], (t[1], t[2], t[1] + (t[3] if len(t) > 3 else 110), t[2] + 20))
            for t in texts]
    image = Image.new("RGB", (900, 700), "white")
    return OcrInput(OcrPage(toks, 900, 700, "dpak"), "package", image=image)


def test_each_size_by_the_window_it_falls_in():
    r = parse([_page()])
    assert r.family == "dpak" and r.pin_count == 2  # TO-252AA: the middle lead is cut
    assert (r.body_width.min, r.body_width.max) == (6.48, 6.73)
    assert (r.body_length.min, r.body_length.max) == (5.969, 6.223)
    assert (r.overall_width.min, r.overall_width.max) == (9.65, 10.41)
    assert (r.exposed_pad_length.min, r.exposed_pad_length.max) == (5.23, 5.44)  # the tab
    assert (r.lead_length.min, r.lead_length.max) == (1.14, 1.52)
    assert r.height.max == 2.39
    assert (r.pitch.min, r.pitch.max) == (3.96, 5.18)  # 2e, between the two leads


def test_what_the_page_leaves_out_is_the_registered_outlines_and_said():
    r = parse([_page()])
    assert (r.lead_width.min, r.lead_width.max, r.lead_width.source) == (0.64, 0.89, "default")
    assert r.exposed_pad_width.nominal == 5.3 and r.exposed_pad_width.source == "default"
    assert "JEDEC TO-252AA's lead width b (not printed" in r.notes


def test_the_footprint_has_two_leads_2e_apart_and_the_tab():
    spec = build_footprint(parse([_page()]))
    leads = [p for p in spec.pads if p.number in ("1", "2")]
    tab = next(p for p in spec.pads if p.number == "3")
    assert len(spec.pads) == 3
    assert sorted(p.y for p in leads) == pytest.approx([-2.285, 2.285])
    assert tab.x > 0 > leads[0].x and tab.size_y > 5.0  # the tab pad covers the tab
    # lead tip to tab end: the pads reach over H's maximum by IPC's toes, not by metres
    assert 10.41 < (tab.x + tab.size_x / 2) - (leads[0].x - leads[0].size_x / 2) < 12.0
    assert not any(i.code == "inconsistent_land_pattern" for i in spec.issues)


def test_a_printed_pitch_e_is_doubled_for_two_leads():
    r = parse([_page(pitch_texts=("2.28 BSC",))])
    assert r.pitch.nominal == pytest.approx(4.56) and r.pitch.source == "derived"
    assert "doubled" in r.notes


def test_untitled_the_windows_name_a_dpak_at_its_2e_pitch():
    """AMS' drawing cropped below its title: the 2e printed as a limit pair is the pitch,
    the height's 2.21-2.39 (in a window) is not."""
    from daemon.ocr.outline_family import windowed_outline_from_drawing

    page = _page()
    toks = [t for t in page.page.tokens if "TO-252" not in t.text]
    guess = windowed_outline_from_drawing([toks])
    assert (guess.family, guess.pins) == ("dpak", 2) and "TO-252AA" in guess.why
    assert (guess.sizes["pitch"].lo, guess.sizes["pitch"].hi) == (3.96, 5.18)


def test_a_five_lead_dpak_takes_its_printed_pitch_and_no_two_lead_defaults():
    """Rohm's TO252-5: five leads at 1.27 (TO-252-5s are drawn at 1.14 or 1.27, TO-263-5s
    at 1.70); TO-252AA's lead width and tab foot are a two-lead outline's, not its."""
    r = parse([_page(pitch_texts=("0.050", "(1.27)"), title="TO252-5 PLASTIC PACKAGE")])
    assert r.family == "dpak" and r.pin_count == 5
    assert r.pitch.nominal == 1.27
    assert r.lead_width is None and r.exposed_pad_width is None
    assert "TO-252AA" not in (r.notes or "")
