"""Family-less leaded parts (issue 11, the new-maker pages t70-t77): a radial part whose
drawing prints its lead spacing and lead size but no land pattern, and a tactile switch
whose P.C.B. layout is a 2 x 2 grid of holes."""

import pytest
from PIL import Image, ImageDraw

from daemon.ocr.callouts import heading_tokens
from daemon.ocr.lead_row import standard_spacing
from daemon.ocr.numbers import parse_values
from daemon.ocr.reading import OcrInput, parse
from daemon.ocr.tokens import OcrPage, OcrToken
from daemon.readers.base import ReaderError, ReadHints

H = 20


def _tok(text, x, y, w=None, vertical=False):
    w = w or 12 * len(text)
    box = (x, y, x + H, y + w) if vertical else (x, y, x + w, y + H)
    return OcrToken(text, box, vertical=vertical) if vertical else OcrToken(text, box)


def _radial_page(words=("ANODE", "CATHODE"), spacing="2.54", lead="0.64", lead_note="SQ. TYP",
                 extra=(), extension_lines=True, third=None):
    """A 5 mm lamp's side view (Optek's OP999): two leads leaving the body to the right,
    their spacing dimensioned beside them, the square lead's size under the end view."""
    img = Image.new("RGB", (900, 500), "white")
    d = ImageDraw.Draw(img)
    d.rectangle((100, 150, 300, 350), outline="black", width=2)
    for cy in (220, 280):
        d.line((300, cy - 4, 700, cy - 4), fill="black", width=1)
        d.line((300, cy + 4, 700, cy + 4), fill="black", width=1)
    if third is not None:  # one more stroke one spacing below the leads, from x = third
        d.line((third, 336, 700, 336), fill="black", width=1)
        d.line((third, 344, 700, 344), fill="black", width=1)
    if extension_lines:
        d.line((720, 216, 780, 216), fill="black", width=1)
        d.line((720, 284, 780, 284), fill="black", width=1)
    d.line((760, 180, 760, 320), fill="black", width=1)
    tokens = [_tok(spacing, 770, 240, 48), _tok(lead, 600, 400, 48),
              _tok(lead_note, 660, 400, 70)]
    tokens += [_tok(w, 400, 180 + 120 * i, 80) for i, w in enumerate(words)]
    tokens += [_tok(text, x, y, 48) for text, x, y in extra]
    return OcrInput(OcrPage(tokens, 900, 500, "radial"), "package", image=img)


def test_a_two_lead_lamp_is_read_from_its_spacing_and_lead():
    reading = parse([_radial_page()], ReadHints())
    assert reading.family == "other" and reading.pin_count == 2
    xs = sorted(p.x for p in reading.pads)
    assert abs(xs[1] - xs[0] - 2.54) < 1e-6
    # IPC-2222: hole = square lead's diagonal 0.905 + 0.2 -> 1.15 (0.05 steps, rounded up);
    # land = 1.15 + 2 x 0.35 = 1.85, limited to 2.54 - 0.2 = 2.34 (not reached)
    assert {p.drill for p in reading.pads} == {1.15}
    assert {p.size_x for p in reading.pads} == {1.85}
    assert all(p.inferred and p.kind == "tht" for p in reading.pads)
    assert "IPC-2222" in reading.notes and "pin 1" in reading.notes


def test_a_round_lead_takes_its_diameter():
    reading = parse([_radial_page(lead="Ø0.6", lead_note="")], ReadHints())
    assert {p.drill for p in reading.pads} == {0.8}  # 0.6 + 0.2


@pytest.mark.parametrize("label", ["Pin 1 ID", "PIN #1 INDEX", "EJECTOR MARK"])
def test_a_diameter_labelled_as_a_mark_is_no_lead(label):
    """Micron's V-PDFN read untitled: "Pin 1 ID" over "Ø0.3" made two 0.3 leads of an
    SMD part (holes 0.5 at 1.27)."""
    with pytest.raises(ReaderError):
        parse([_radial_page(lead="Ø0.6", lead_note="", extra=[(label, 600, 378)])],
              ReadHints())
    assert parse([_radial_page(lead="Ø0.6", lead_note="")], ReadHints()).pin_count == 2


def test_without_a_count_the_page_asks_for_it():
    with pytest.raises(ReaderError, match="not how many"):
        parse([_radial_page(words=(), extension_lines=False)], ReadHints())


def test_without_words_the_drawn_leads_give_the_count():
    reading = parse([_radial_page(words=())], ReadHints())
    assert reading.pin_count == 2 and "leads drawn" in reading.notes


def test_two_standard_spacings_with_nothing_to_choose_ask_for_the_spacing():
    page = _radial_page(extra=[("5.08", 150, 420)])
    with pytest.raises(ReaderError, match="several standard spacings"):
        parse([page], ReadHints())


def test_the_size_called_the_spacing_wins():
    page = _radial_page(extra=[("5.08", 150, 420), ("NOM", 770, 262)])
    reading = parse([page], ReadHints())
    xs = sorted(p.x for p in reading.pads)
    assert abs(xs[1] - xs[0] - 2.54) < 1e-6


def test_a_wire_gauge_is_a_lead_size():
    reading = parse([_radial_page(lead="AWG 24 TINNED", lead_note="")], ReadHints())
    assert {p.drill for p in reading.pads} == {0.75}  # 0.511 + 0.2 -> 0.75


@pytest.mark.parametrize("text, want", [
    ("2.54", 2.54), (".090-.110", None), ("2.29-2.79", 2.54), ("10±0.5", 10.0),
    ("4.70-5.27", 5.0), ("5.5 MAX", None), ("Ø2.54", None), ("3.3", None),
    # a nominal is a standard spacing rounded to the digits printed, no closer: 5.05
    # (Kinghelm's offset between hole lines) is neither 5.0 nor 5.08
    ("5.05", None), ("5.1", 5.08), ("7.6", 7.62), ("10.2", 10.16), ("3", 3.0),
    ("5.0±0.1", 5.0), ("2.50", 2.5)])
def test_standard_spacings(text, want):
    (v,) = parse_values(text)
    assert standard_spacing(v) == want


# -- a 2 x 2 grid of holes ---------------------------------------------------------------
def _switch_layout_page():
    """Diptronics' DTS-6 P.C.B. layout: four holes on 6.50 x 4.50 at 40 px/mm, the hole
    callout on a leader below-left ("4x01.0±0.05", OCR's reading of 4xØ1.0), the caption
    under the figure."""
    img = Image.new("RGB", (900, 600), "white")
    d = ImageDraw.Draw(img)
    s = 40
    x0, y0 = 400, 150
    for i in range(2):
        for j in range(2):
            cx, cy = x0 + i * 6.5 * s, y0 + j * 4.5 * s
            d.ellipse((cx - 20, cy - 20, cx + 20, cy + 20), outline="black", width=2)
            d.line((cx - 30, cy, cx + 30, cy), fill="black", width=1)
            d.line((cx, cy - 30, cx, cy + 30), fill="black", width=1)
    for j in range(2):  # centre lines join the holes into one figure
        d.line((x0 - 30, y0 + j * 180, x0 + 290, y0 + j * 180), fill="black", width=1)
    for i in range(2):
        d.line((x0 + i * 260, y0 - 30, x0 + i * 260, y0 + 210), fill="black", width=1)
    # 6.50 above, 4.50 to the right
    d.line((x0, y0 - 80, x0, y0 - 25), fill="black", width=1)
    d.line((x0 + 260, y0 - 80, x0 + 260, y0 - 25), fill="black", width=1)
    d.line((x0, y0 - 60, x0 + 260, y0 - 60), fill="black", width=1)
    d.line((x0 + 290, y0, x0 + 360, y0), fill="black", width=1)
    d.line((x0 + 290, y0 + 180, x0 + 360, y0 + 180), fill="black", width=1)
    d.line((x0 + 340, y0, x0 + 340, y0 + 180), fill="black", width=1)
    d.line((x0 - 20, y0 + 200, x0 - 60, y0 + 240), fill="black", width=1)
    tokens = [_tok("6.50±0.10", x0 + 80, y0 - 90, 110),
              _tok("4.50±0.10", x0 + 345, y0 + 30, 110, vertical=True),
              _tok("4x01.0±0.05", x0 - 180, y0 + 240, 120),
              _tok("P.C.B.LAYOUT", x0 + 40, y0 + 260, 160)]
    return OcrInput(OcrPage(tokens, 900, 600, "switch"), "both", image=img)


def test_a_hole_grid_with_a_spacing_on_each_axis():
    reading = parse([_switch_layout_page()], ReadHints())
    assert reading.family == "other" and reading.pin_count == 4
    assert {p.drill for p in reading.pads} == {1.0}
    assert sorted({p.x for p in reading.pads}) == [-3.25, 3.25]
    assert sorted({p.y for p in reading.pads}) == [-2.25, 2.25]
    assert "grid" in reading.notes


def test_ocr_zero_for_a_diameter_mark():
    (v,) = parse_values("4x01.0±0.05")
    assert (v.value, v.multiplier, v.diameter) == (1.0, 4, True)
    (v,) = parse_values("03.50")
    assert v.diameter and v.value == 3.5
    assert not parse_values("0.50")[0].diameter


@pytest.mark.parametrize("text, heads", [
    ("P.C.B. LAYOUT", True), ("P.C. MOUNTING", True),  # E-Switch
    ("PCB", True),  # a figure captioned with the board alone (Kinghelm)
    ("PWB mounting hole for reference", True),  # Panasonic's printed wiring board
    ("PCB THICKNESS 1.6", False), ("MOUNTING SCREW", False)])
def test_dotted_abbreviations_head_a_land_figure(text, heads):
    assert bool(heading_tokens([_tok(text, 0, 0)])) is heads


# -- leads counted from the drawing ------------------------------------------------------
def _side_view(leads=2, pitch_px=100, outlined=True, grey=120):
    """A buzzer's side view (Hitpoint's PT-1540PM): leads leave the body to the right,
    drawn as thin outlined strips; the spacing of the first two is dimensioned to their
    right with the arrows outside, its text turned between the extension lines."""
    img = Image.new("RGB", (900, 200 + leads * pitch_px + 200), "white")
    d = ImageDraw.Draw(img)
    ink = (grey, grey, grey)
    top = 200
    d.rectangle((100, top - 60, 300, top + (leads - 1) * pitch_px + 60), outline=ink)
    for i in range(leads):
        y = top + i * pitch_px
        if outlined:
            d.rectangle((300, y - 4, 420, y + 4), outline=ink)
        else:
            d.line((300, y, 420, y), fill=ink, width=3)
    for y in (top, top + pitch_px):  # extension lines from the first two lead ends
        d.line((430, y, 560, y), fill=ink, width=1)
    d.line((540, top - 50, 540, top), fill=ink, width=1)  # arrows outside
    d.line((540, top + pitch_px, 540, top + pitch_px + 50), fill=ink, width=1)
    box = (510, top + 20, 532, top + pitch_px - 20)  # "10±0.5" turned
    return img, box


@pytest.mark.parametrize("leads, outlined", [(2, True), (3, True), (4, False)])
def test_leads_drawn_across_the_spacing_are_counted(leads, outlined):
    from daemon.ocr.drawn_leads import drawn_lead_count

    img, box = _side_view(leads=leads, outlined=outlined)
    assert drawn_lead_count(img, box, H, axis="y") == leads


def test_faint_grey_lines_of_a_small_render_count():
    from daemon.ocr.drawn_leads import drawn_lead_count

    img, box = _side_view(grey=215)
    assert drawn_lead_count(img, box, H, axis="y") == 2


def test_extension_lines_to_no_drawn_lead_count_nothing():
    """An end view: the extension lines run out to two small pin squares, no lead."""
    from daemon.ocr.drawn_leads import drawn_lead_count

    img = Image.new("RGB", (900, 600), "white")
    d = ImageDraw.Draw(img)
    for y in (200, 300):
        d.rectangle((400, y - 6, 412, y + 6), outline="black")
        d.line((430, y, 560, y), fill="black", width=1)
    d.line((540, 150, 540, 200), fill="black", width=1)
    d.line((540, 300, 540, 350), fill="black", width=1)
    assert drawn_lead_count(img, (510, 220, 532, 280), H, axis="y") is None


def test_dotted_extension_lines_count_and_a_line_of_text_is_no_lead():
    """Excelitas' photoresistor: two wires, the spacing's limit pair to their right between
    dotted extension lines, no dimension line (its axis unknown); a line of notes one
    spacing below the wires is text, not a third lead."""
    from daemon.ocr.drawn_leads import drawn_lead_count

    img = Image.new("RGB", (900, 500), "white")
    d = ImageDraw.Draw(img)
    d.rectangle((100, 120, 140, 330), outline="black", width=2)  # the disc, side on
    for y in (200, 260):
        d.line((140, y, 420, y), fill="black", width=2)  # the wires
        for x in range(430, 560, 8):  # dotted extension lines
            d.line((x, y, x + 3, y), fill="black", width=1)
    notes = (300, 314, 620, 330)  # "LEAD DIA. & PLASTIC COATING", one spacing further
    for x in range(notes[0], notes[2], 9):
        d.rectangle((x, notes[1], x + 6, notes[3]), fill="black")
    box = (500, 212, 560, 248)  # ".090 (2.29)" over ".110 (2.79)"
    assert drawn_lead_count(img, box, H, axis=None, texts=[notes]) == 2
    assert drawn_lead_count(img, box, H, axis="y", texts=[notes]) == 2


def _end_view_grid(body="5.0", extra=()):
    """Active's tilt switch, end view: four pins on 2.54 both ways, each spacing written
    between the two pins' extension lines with its arrows outside (too short to break the
    text); the body's 5.0 printed once across the top."""
    img = Image.new("RGB", (900, 600), "white")
    d = ImageDraw.Draw(img)
    d.rectangle((400, 180, 560, 360), outline="black", width=2)  # body
    for x in (440, 520):
        for y in (230, 310):
            d.rectangle((x - 6, y - 6, x + 6, y + 6), outline="black")
    for y in (230, 310):  # extension lines out to the left, arrows outside
        d.line((330, y, 434, y), fill="black", width=1)
    d.line((340, 212, 340, 230), fill="black", width=1)
    d.line((340, 310, 340, 328), fill="black", width=1)
    for x in (440, 520):  # extension lines down, arrows outside
        d.line((x, 316, x, 420), fill="black", width=1)
    d.line((422, 410, 440, 410), fill="black", width=1)
    d.line((520, 410, 538, 410), fill="black", width=1)
    d.line((400, 120, 400, 178), fill="black", width=1)  # 5.0 over the body
    d.line((560, 120, 560, 178), fill="black", width=1)
    d.line((400, 130, 560, 130), fill="black", width=1)
    tokens = [_tok("2.54", 318, 260, 44), _tok("2.54", 458, 400, 44), _tok(body, 462, 110, 36),
              _tok("Pins", 600, 240, 48), _tok("0.64 x 0.64", 600, 265, 110)]
    tokens += [_tok(t, 600, 500 + 30 * i, 12 * len(t)) for i, t in enumerate(extra)]
    return OcrInput(OcrPage(tokens, 900, 600, "grid"), "package", image=img)


def test_text_between_two_extension_lines_measures_across_them():
    from daemon.ocr.drawing import Drawing
    from daemon.ocr.package_callouts import bracketed_axis

    page = _end_view_grid()
    drawing = Drawing(page.image, threshold=200)
    assert bracketed_axis(drawing, (318, 260, 362, 280), H) == "y"
    assert bracketed_axis(drawing, (458, 400, 502, 420), H) == "x"
    assert bracketed_axis(drawing, (600, 265, 710, 285), H) is None  # the pin note


def test_a_spacing_dimensioned_both_ways_is_a_2x2_grid_beside_a_body_size():
    reading = parse([_end_view_grid()], ReadHints())
    assert reading.pin_count == 4
    xs = sorted({round(p.x, 3) for p in reading.pads})
    ys = sorted({round(p.y, 3) for p in reading.pads})
    assert abs(xs[1] - xs[0] - 2.54) < 1e-6 and abs(ys[1] - ys[0] - 2.54) < 1e-6


@pytest.mark.parametrize("body, extra", [
    ("2.40", ()),  # the spacing is the page's largest size: a square body's sides
    ("5.0", ("Dimensions 2 x 2 x 0.9 mm LGA",)),  # a leadless package named on the page
])
def test_no_four_leads_where_the_page_draws_a_square_body_or_names_a_leadless_package(
        body, extra):
    """Kionix's 2 x 2 mm LGA: its 2.00 sides dimensioned both ways and the pin-1 mark's
    Ø(0.300) were read as four 0.3 leads on a 2 mm grid (a through-hole part for an LGA)."""
    with pytest.raises(ReaderError):
        parse([_end_view_grid(body=body, extra=extra)], ReadHints())


def test_a_third_drawn_lead_counts_and_a_longer_line_does_not():
    """A stroke one spacing beyond the leads counts as a lead only where it starts where
    they start, at the body (GL55's 34 +/-1 dimension line runs from the body's top)."""
    body = [("6.20", 150, 420)]  # a three-lead row (5.08 long) needs a page printing more
    assert parse([_radial_page(words=(), third=300, extra=body)], ReadHints()).pin_count == 3
    assert parse([_radial_page(words=(), third=150, extra=body)], ReadHints()).pin_count == 2


def test_a_part_that_has_two_terminals_outweighs_the_drawn_count():
    reading = parse([_radial_page(words=("PHOTORESISTOR",), third=300)], ReadHints())
    assert reading.pin_count == 2 and "has two terminals" in reading.notes


def test_a_drawn_count_against_a_two_terminal_name_asks():
    with pytest.raises(ReaderError, match="seems to show 3 leads.*two-terminal part"):
        parse([_radial_page(words=("CATHODE",), third=300)], ReadHints())


def test_notes_quote_printed_signs_in_ascii():
    from schemas.reading import NOTES_MAX, note_text

    assert note_text("lead Φ0.50±0.05, 5°, 2×2") == "lead O0.50+-0.05, 5 deg, 2x2"
    assert len(note_text("x" * 1000)) == NOTES_MAX
    reading = parse([_radial_page(lead="Ø0.6±0.05", lead_note="")], ReadHints())
    assert "0.6+-0.05" in reading.notes  # the lead as printed, in the schema's ASCII


def test_more_than_two_drawn_leads_need_a_spacing_whose_line_is_drawn(monkeypatch):
    """A size of unknown axis may be no spacing (a screenshot's 2 +/-0.2 beside a buzzer,
    its 10 +/-0.5 misread): three strokes found beside it make no three-lead part."""
    import daemon.ocr.lead_row as lead_row

    page = _radial_page(words=())
    dims, tokens = lead_row.page_sizes(page)
    for d in dims:
        d.axis = None
    monkeypatch.setattr(lead_row, "page_sizes", lambda item: (dims, tokens))
    monkeypatch.setattr(lead_row, "drawn_lead_count", lambda *a, **k: 3)
    reading, why = lead_row.read_lead_row(page)
    assert reading is None and "not how many" in why
    monkeypatch.setattr(lead_row, "drawn_lead_count", lambda *a, **k: 2)
    assert lead_row.read_lead_row(page)[0].pin_count == 2


def test_a_lead_size_printed_with_its_count_is_the_leads():
    """EKULIT's buzzer: "2-0.6±0.1", no diameter mark, no word for the leads."""
    reading = parse([_radial_page(words=(), lead="2-0.6±0.1", lead_note="")], ReadHints())
    assert reading.pin_count == 2 and "count on the lead" in reading.notes
    assert {p.drill for p in reading.pads} == {0.9}  # the largest, 0.7, + 0.2


@pytest.mark.parametrize("extra", [
    # E-Switch LC1258: its holes printed as "0.9 Dia. Hole" beside a 0.6 square terminal
    [("0.9 Dia. Hole", 150, 420)],
    # Kinghelm's BNC: "2-Ø2.00" mounting holes, too large for any lead, beside "2-0.90"
    [("2-Ø2.00", 150, 420)]])
def test_a_page_that_prints_its_holes_gets_no_holes_from_a_lead(extra):
    """A lead read off such a page would make a drill the page does not print (0.6 SQ ->
    1.05 where it prints 0.9): the page is left to the user, not guessed."""
    with pytest.raises(ReaderError, match="no package family found"):
        parse([_radial_page(extra=extra)], ReadHints())


def test_a_spacing_no_standard_lists_counts_where_leads_are_drawn_across_it():
    """A 12 mm buzzer's 6.5: not a standard spacing, taken because its extension lines start
    at two drawn leads; the body's size (the largest printed) never is one."""
    page = _radial_page(words=(), spacing="6.5", extra=[("8.6", 150, 420)])
    reading = parse([page], ReadHints())
    xs = sorted(p.x for p in reading.pads)
    assert reading.pin_count == 2 and abs(xs[1] - xs[0] - 6.5) < 1e-6
    lone = _radial_page(words=(), spacing="6.5")  # 6.5 the largest size: no spacing
    with pytest.raises(ReaderError):
        parse([lone], ReadHints())


def test_a_standard_valued_length_with_no_leads_behind_it_yields_to_the_drawn_spacing():
    """ABC's transducer: two 5.0 lengths along the body (standard-valued, no leads across
    them) and the 6.5 between its pins: the pins' spacing is the one drawn between leads."""
    page = _radial_page(words=(), spacing="6.5", extra=[("8.6", 150, 420), ("5.0", 150, 60)])
    reading = parse([page], ReadHints())
    xs = sorted(p.x for p in reading.pads)
    assert reading.pin_count == 2 and abs(xs[1] - xs[0] - 6.5) < 1e-6


def test_a_row_longer_than_any_printed_size_is_no_row():
    """MEMSIC's LGA: "10X0.5" pads and a 5.0 body side made ten 0.75 holes 5 mm apart,
    a row 45 mm long on a 5 mm part. A row must fit the largest size the page prints."""
    with pytest.raises(ReaderError, match="no package family"):
        parse([_radial_page(words=(), lead="10X0.64")], ReadHints())
    reading = parse([_radial_page(words=(), lead="10X0.64", extra=[("25.40", 150, 420)])],
                    ReadHints())
    assert reading.pin_count == 10
    xs = sorted(p.x for p in reading.pads)
    assert abs(xs[-1] - xs[0] - 9 * 2.54) < 1e-6


# -- a lead printed as a bare size ---------------------------------------------------------
# The synthetic lamp draws its leads 8 px wide (edge lines' middles) at 60 px between their
# middles: 2.54 x 8 / 60 = 0.34 mm as drawn.
def test_a_bare_lead_size_near_the_drawn_width_is_the_lead():
    """TRU Components' 3 mm LED prints "0.54" over its lead, no Ø or SQ: the size the
    drawing's leads are drawn near is the lead; its section unknown, taken as square."""
    reading = parse([_radial_page(lead="0.35", lead_note="", extra=[("1.0", 150, 420)])],
                    ReadHints())
    assert reading.pin_count == 2
    # square 0.35: diagonal 0.495 + 0.2 -> 0.7 (0.05 steps, rounded up)
    assert {p.drill for p in reading.pads} == {0.7}
    assert "bare size" in reading.notes and "taken as square" in reading.notes


def test_two_bare_sizes_near_the_drawn_width_make_no_lead():
    """0.35 and 0.4 are both near the drawn 0.34: which is the lead is not told."""
    with pytest.raises(ReaderError):
        parse([_radial_page(lead="0.35", lead_note="", extra=[("0.40", 150, 420)])],
              ReadHints())


def test_a_bare_size_far_from_the_drawn_width_is_no_lead():
    """A 1.0 flange beside leads drawn 0.34 wide is no lead (and nothing else is)."""
    with pytest.raises(ReaderError):
        parse([_radial_page(lead="1.0", lead_note="")], ReadHints())


def test_drawn_lead_width_with_centre_lines_and_heavy_edges():
    """TRU's drawing: heavy edge lines, a dashed centre line, extension lines from the
    centres; the width is between the edge lines' middles (12 px at 60 px spacing)."""
    from daemon.ocr.drawn_leads import drawn_lead_width

    img = Image.new("RGB", (900, 500), "white")
    d = ImageDraw.Draw(img)
    d.rectangle((100, 150, 300, 350), outline="black", width=2)
    for cy in (220, 280):
        d.line((300, cy - 6, 700, cy - 6), fill="black", width=3)
        d.line((300, cy + 6, 700, cy + 6), fill="black", width=3)
        for x in range(320, 680, 40):
            d.line((x, cy, x + 20, cy), fill="black", width=2)
        d.line((715, cy, 790, cy), fill="black", width=1)
    d.line((760, 180, 760, 320), fill="black", width=1)
    ratio = drawn_lead_width(img, (770, 240, 818, 260), H, "y")
    assert ratio == pytest.approx(12 / 60, abs=0.02)
