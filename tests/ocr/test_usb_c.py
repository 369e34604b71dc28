"""USB-C receptacles: callouts -> explicit pads (daemon.ocr.usb_c), on hand-placed OCR tokens
(fast, every rule), on rendered pages through real OCR, and on GCT's USB4105 page when the
evaluation pages are present."""

import json
import re
from dataclasses import replace

import pytest

from daemon.ocr import usb_c
from daemon.ocr.reading import OcrInput, parse
from daemon.ocr.tokens import OcrPage, OcrToken
from daemon.readers.base import ReaderError, ReadHints
from footprint_writer.expect import find_eval_dir, score_against_expect

GCT = usb_c.UsbCDimensions(
    pitch=0.5, narrow_width=0.3, wide_width=0.6, land_length=1.15, outer_span=6.4,
    inner_span=4.8, lands_to_rear=4.18, slot_span=8.64, slot_drill_width=0.6,
    slot_land_width=1.0, front_slot=(2.1, 1.7), rear_slot=(1.8, 1.4), peg_diameter=0.65,
    peg_span=5.78, peg_to_rear=3.68)
# Another maker's values (HRO-like spans and lengths), so nothing depends on GCT's numbers.
OTHER = replace(GCT, land_length=1.45, outer_span=6.5, inner_span=4.9, lands_to_rear=4.37,
                rear_slot=(1.6, 1.2), peg_to_rear=3.65)
W, H = 1500, 1150


def tok(text, cx, cy, vertical=False, flip=False):
    if flip:  # the drawing turned 180 degrees: positions move, text still reads upright
        cx, cy = W - cx, H - cy
    w, h = (28, 90) if vertical else (14 * len(text), 28)
    return OcrToken(text, (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), 1.0, vertical)


def drawing_tokens(d, labels=("A1B12", "B1A12"), flip=False, drop=(), extra=()):
    """The callouts where a GCT-style drawing prints them (the synthetic page's layout)."""
    left, right = labels
    t = [("Recommended PCB Layout", 720, 1000, False), ("Dimensions in mm", 720, 1040, False),
         (f"{d.slot_span:.2f}", 720, 169, False), (f"{d.outer_span:.2f}", 720, 218, False),
         (f"{d.inner_span:.2f}", 720, 264, False), (f"{7 * d.pitch:.2f}", 720, 312, False),
         (f"4x {d.wide_width:.2f}", 390, 366, False), (f"8x {d.narrow_width:.2f}", 390, 412, False),
         (f"{d.pitch:.2f}", 770, 405, False), (left, 530, 452, False),
         (right, 910, 452, False), (f"2x Ø{d.peg_diameter:.2f}", 270, 637, False),
         (f"{d.peg_span:.2f}", 720, 882, False), (f"4x {d.slot_drill_width:.2f}", 1058, 946, False),
         (f"4x {d.slot_land_width:.2f}", 1070, 996, False),
         (f"2x {d.front_slot[0]:.2f}", 278, 528, True),
         (f"2x {d.front_slot[1]:.2f}", 339, 528, True),
         (f"2x {d.rear_slot[0]:.2f}", 278, 779, True),
         (f"2x {d.rear_slot[1]:.2f}", 339, 779, True),
         (f"12x {d.land_length:.2f}", 1077, 493, True),
         (f"12x {d.lands_to_rear:.2f}", 1137, 653, True),
         (f"2x {d.peg_to_rear:.2f}", 1197, 670, True), ("2x 2.60", 1257, 850, True)]
    t += list(extra)
    return [tok(text, x, y, v, flip) for text, x, y, v in t if text not in drop]


def read(tokens, hints=None):
    return parse([OcrInput(OcrPage(tokens, W, H, "p"), "land_pattern")], hints or ReadHints())


def by_number(reading):
    return {(p.number, p.kind, round(p.y, 4)): p for p in reading.pads}


@pytest.mark.parametrize("d", [GCT, OTHER], ids=["gct", "other-maker"])
def test_callouts_place_every_pad(d):
    reading = read(drawing_tokens(d))
    assert reading.family == "other" and reading.pin_count == 16
    assert [p.model_dump(exclude_none=True) for p in reading.pads] == usb_c.pads(d)
    signal = [p for p in reading.pads if p.kind == "smd"]
    assert len(signal) == 16 and len({p.x for p in signal}) == 12
    a1 = next(p for p in signal if p.number == "A1")
    assert (a1.x, a1.size_x, a1.size_y) == (-d.outer_span / 2, d.wide_width, d.land_length)
    assert a1.y == pytest.approx(-(d.lands_to_rear + d.land_length / 2))
    narrow = sorted(p.x for p in signal if p.size_x == d.narrow_width)
    assert narrow == pytest.approx([(i - 3.5) * d.pitch for i in range(8)])
    slots = sorted((p.y, p.size_y, p.drill_y) for p in reading.pads if p.kind == "tht")
    assert slots == [(-d.lands_to_rear, *d.front_slot)] * 2 + [(0.0, *d.rear_slot)] * 2
    pegs = [p for p in reading.pads if p.kind == "npth"]
    assert sorted(p.x for p in pegs) == [-d.peg_span / 2, d.peg_span / 2]
    assert {p.y for p in pegs} == {-d.peg_to_rear}  # 3.68, not the 2.60 to the board edge
    assert all(p.inferred for p in reading.pads)
    assert reading.land_pattern.pitch.nom == d.pitch


def test_counts_written_the_asian_way():
    """'12-0.30' and '2-Ø0.65' instead of '12x 0.30' (Chinese makers' drawings)."""
    tokens = [replace(t, text=re.sub(r"^(\d+)x ", r"\1-", t.text)) for t in drawing_tokens(GCT)]
    assert any(t.text == "8-0.30" for t in tokens)
    reading = read(tokens)
    assert [p.model_dump(exclude_none=True) for p in reading.pads] == usb_c.pads(GCT)


def test_labels_decide_the_contact_order():
    standard = read(drawing_tokens(GCT))
    a1 = next(p for p in standard.pads if p.number == "A1")
    assert a1.x < 0
    swapped = read(drawing_tokens(GCT, labels=("B1A12", "A1B12")))
    assert next(p for p in swapped.pads if p.number == "A1").x == -a1.x
    assert "A1 on the right" in swapped.notes
    # Turned 180 degrees (lands below the slots): A1 printed on the right is the standard.
    turned = read(drawing_tokens(GCT, flip=True))
    assert next(p for p in turned.pads if p.number == "A1").x == a1.x
    assert by_number(turned).keys() == by_number(standard).keys()
    turned_swapped = read(drawing_tokens(GCT, labels=("B1A12", "A1B12"), flip=True))
    assert next(p for p in turned_swapped.pads if p.number == "A1").x == -a1.x


def test_a_type_c_controller_page_is_read_as_its_package():
    """'USB Type-C' in a title does not make a QFN page a receptacle."""
    tokens = [tok("USB Type-C port controller, 24-Lead QFN", 500, 40),
              tok("LAND PATTERN", 500, 100), tok("24X 0.30", 300, 200),
              tok("24X 0.80", 300, 260), tok("20X 0.50", 600, 200), tok("4.10", 600, 300),
              tok("2.70", 700, 400), tok("Dimensions in mm", 500, 900)]
    reading = read(tokens)
    assert reading.family == "qfn" and reading.pin_count == 24


def test_recognised_by_the_outline_labels_and_counts():
    """Land labels too small to read, but A1 / A12 on the outline and the 8x / 4x widths."""
    tokens = drawing_tokens(GCT, labels=("", "")) + [tok("A1", 100, 1100), tok("A12", 600, 1100)]
    assert read(tokens).pin_count == 16
    without_counts = [t for t in tokens if not t.text.startswith("8x")]
    assert not usb_c.looks_like_usb_c(without_counts, ReadHints())


def test_without_labels_the_standard_order_stands():
    reading = read(drawing_tokens(GCT, labels=("", "")), ReadHints(package_hint="USB-C"))
    assert next(p for p in reading.pads if p.number == "A1").x == -GCT.outer_span / 2


def test_recognised_by_labels_or_name_only():
    tokens = drawing_tokens(GCT, labels=("", ""))
    with pytest.raises(ReaderError, match="no package family"):
        read(tokens)  # no labels, no name: not guessed to be USB-C
    assert read(tokens, ReadHints(part_name="USB4105 Type-C")).pin_count == 16
    assert usb_c.looks_like_usb_c([tok("USB TYPE-C RECEPTACLE", 10, 10)], ReadHints())
    # BGA ball names look like contact labels, but the page names its family first.
    bga = drawing_tokens(GCT) + [tok("FBGA-96 BALL GRID ARRAY", 720, 40)]
    try:
        assert read(bga).family == "bga"
    except ReaderError as err:
        assert "USB-C" not in str(err)


@pytest.mark.parametrize("drop, message", [
    (("12x 4.18",), "distance from the lands to the rear slots"),
    (("8x 0.30",), "16-contact"),
    (("2x 2.10",), "slot lengths"),
    (("5.78",), "pegs are drawn but their span"),
    (("2x Ø0.65",), "no feature explains"),
    (("4x 1.00",), "SMD shell tabs"),
    (("6.40",), "wide-land spans"),
])
def test_missing_callouts_are_a_clear_error(drop, message):
    with pytest.raises(ReaderError, match=message):
        read(drawing_tokens(GCT, drop=drop))


def test_unexplained_holes_are_refused():
    extra = [("2x Ø1.10", 270, 700, False)]
    with pytest.raises(ReaderError, match="more holes"):
        read(drawing_tokens(GCT, extra=extra))


def test_builder_flags_the_inferred_positions():
    from footprint_writer.builder import build_footprint

    spec = build_footprint(read(drawing_tokens(GCT)))
    flagged = [i for i in spec.issues if i.code == "position_inferred"]
    assert len(flagged) == 1 and flagged[0].severity == "warning"
    message = flagged[0].message
    assert message.startswith("22 pads") and "A1, B12, A4, B9, B8, A5 ... (16) at y = " in message
    assert "S1 (2) at y = " in message and "hole (2) at y = " in message
    assert flagged[0].pads == sorted({p.number for p in spec.pads if p.number})
    confirmed = read(drawing_tokens(GCT)).model_copy()
    confirmed.pads = [p.model_copy(update={"inferred": p.number == "S1" and p.y < 0})
                      for p in confirmed.pads]
    (only,) = [i for i in build_footprint(confirmed).issues if i.code == "position_inferred"]
    assert only.pads == ["S1"] and only.message.startswith("2 pads")


# -- real OCR ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ocr_reader(engine):
    from daemon.readers.ocr_reader import OcrReader

    return OcrReader(engine=engine)


def _read_page(ocr_reader, image):
    from daemon.readers.base import PageImage

    return ocr_reader.read([PageImage(image, "land_pattern", "usb_c")], ReadHints())


@pytest.mark.parametrize("d", [GCT, replace(OTHER, mirrored=True)], ids=["gct", "mirrored"])
def test_rendered_page_through_ocr(ocr_reader, d):
    """Every value read; the drawing confirms the chain (lands, rear slots, pegs), so only
    the front slots, which no dimension places, stay inferred."""
    from daemon.synth.usb_c_page import usb_c_page

    reading = _read_page(ocr_reader, usb_c_page(d, board_edge=2.6 if not d.mirrored else None))
    assert [p.model_dump(exclude_none=True) for p in reading.pads] == usb_c.pads(
        replace(d, confirmed=("lands", "pegs")))
    assert {(p.number, p.y) for p in reading.pads if p.inferred} == {
        ("S1", -d.lands_to_rear)}
    assert "12x" in reading.notes and "runs from the lands' near edge" in reading.notes


def test_drawing_decides_what_the_chain_means(ocr_reader):
    """A maker that dimensions the lands' centre line, puts the front slots 0.19 mm off the
    lands' edge and prints a 2x value the pegs' rule alone would take: the drawing's lines
    say which is which, and the front slots' offset is measured."""
    from daemon.synth.usb_c_page import usb_c_page

    drawn = replace(OTHER, lands_ref="centre", lands_to_rear=5.1, front_offset=0.19)
    reading = _read_page(ocr_reader, usb_c_page(drawn, decoy=3.9))
    assert "centre line" in reading.notes
    want = usb_c.pads(replace(drawn, confirmed=("lands", "pegs"), front_offset=0.0))
    got = [p.model_dump(exclude_none=True) for p in reading.pads]
    front = [p for p in got if p["number"] == "S1" and p["inferred"]]
    assert [p for p in got if p not in front] == [
        p for p in want if not (p["number"] == "S1" and p["inferred"])]
    near_edge = usb_c.row_axis(drawn)[1]
    assert len(front) == 2
    assert all(abs(p["y"] - (near_edge + 0.19)) <= 0.03 for p in front)  # measured
    pegs = [p for p in got if p["kind"] == "npth"]
    assert {p["y"] for p in pegs} == {-OTHER.peg_to_rear} and not pegs[0]["inferred"]


def test_a_drawing_that_does_not_match_leaves_the_chain_inferred():
    """Tokens from one layout, image of nothing: no line is found, nothing is confirmed."""
    from PIL import Image

    page = OcrInput(OcrPage(drawing_tokens(GCT), W, H, "p"), "land_pattern",
                    image=Image.new("RGB", (W, H), "white"))
    reading = parse([page], ReadHints())
    assert all(p.inferred for p in reading.pads)
    assert "drawing check: not done" in reading.notes


@pytest.mark.parametrize("image_name", ["package_and_land_pattern_p1.png", "full_page_p1.png"])
def test_gct_usb4105_page_matches_kicad(ocr_reader, image_name):
    """The real page, cropped and whole (the land pattern above its caption, more drawings
    below it, small print read again at full size): every pad where KiCad's footprint
    (which cites this drawing) has it, up to the choice of origin."""
    from PIL import Image

    from daemon.readers.base import PageImage
    from footprint_writer.builder import build_footprint

    root = find_eval_dir()
    folder = root / "07_GCT_USB4105_USB-C" if root else None
    if folder is None or not folder.is_dir():
        pytest.skip("../shared/eval/datasheets not present")
    gt = json.loads((folder / "gt.json").read_text())
    image = Image.open(folder / image_name).convert("RGB")
    reading = ocr_reader.read([PageImage(image, "both", "p1")], ReadHints())
    spec = build_footprint(reading)
    expect = json.loads((folder / "expect.json").read_text())
    assert all(r.ok is not False for r in score_against_expect(spec, expect))

    def relative(pads, number="A1"):
        ref = next(p for p in pads if p["number"] == number)
        return sorted((p["number"], round(p["x"] - ref["x"], 3), round(p["y"] - ref["y"], 3),
                       round(min(p["w"], p["h"]), 3), round(max(p["w"], p["h"]), 3))
                      for p in pads)

    ours = [{"number": p.number, "x": p.x, "y": p.y, "w": p.size_x, "h": p.size_y}
            for p in spec.pads]
    assert relative(ours) == relative(gt["kicad_reference"]["pads"] + _kicad_holes(folder))
    # GCT's drawing confirms lands, rear slots and pegs; the front slots are measured.
    assert {(p.number, p.y) for p in reading.pads if p.inferred} == {("S1", -4.18)}


def _kicad_holes(folder):
    """The NPTH pegs of the reference .kicad_mod (gt.json lists the numbered pads)."""
    import re

    text = (folder / "kicad_reference.kicad_mod").read_text()
    holes = re.findall(r'\(pad "" np_thru_hole circle \(at ([-\d.]+) ([-\d.]+)\) '
                       r'\(size ([\d.]+) ([\d.]+)\)', text)
    return [{"number": "", "x": float(x), "y": float(y), "w": float(w), "h": float(h)}
            for x, y, w, h in holes]


@pytest.mark.kicad
def test_usb_c_footprint_loads_in_kicad(tmp_path):
    from footprint_writer.builder import build_footprint
    from footprint_writer.kicad_check import compare_pads, kicad_available, load_in_kicad
    from footprint_writer.library import write_footprint

    if not kicad_available()[0]:
        pytest.skip("KiCad 6 pcbnew not available")
    spec = build_footprint(read(drawing_tokens(OTHER)))
    path = write_footprint(spec, tmp_path / "Usb.pretty")
    result = load_in_kicad([path])[str(path)]
    assert result["ok"], result.get("error")
    assert compare_pads(spec, result["pads"]) == []
    assert spec.attribute == "smd"  # signal lands are SMD; KiCad marks its USB-C parts so too


def test_a_failing_drawing_check_keeps_the_reading(monkeypatch):
    from PIL import Image

    from daemon.ocr import usb_c_check

    def broken(*args):
        raise ValueError("measurement bug")

    monkeypatch.setattr(usb_c_check, "check_chain", broken)
    page = OcrInput(OcrPage(drawing_tokens(GCT), W, H, "p"), "land_pattern",
                    image=Image.new("RGB", (W, H), "white"))
    reading = parse([page], ReadHints())
    assert all(p.inferred for p in reading.pads) and "drawing check failed" in reading.notes
