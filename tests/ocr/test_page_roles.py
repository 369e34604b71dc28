"""Roles from content (issue 14 item 1): the order of the screenshots and the role a user
typed are hints; a page whose headings or tables show what it is is read as that."""

import io
import json
from pathlib import Path

import pytest

from daemon.ocr.page_roles import page_role, page_verdict, resolve_roles
from daemon.pipeline import ImageInput, extract
from schemas.protocol import ExtractOptions

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval" / "datasheets"


@pytest.mark.parametrize("texts, role", [
    (["RECOMMENDED LAND PATTERN", "Contact Pitch", "E"], "land_pattern"),
    (["EXAMPLE BOARD LAYOUT", "SOLDER MASK DETAILS"], "land_pattern"),
    (["PACKAGE OUTLINE", "SEATING PLANE", "SIDE VIEW"], "package"),
    (["Package Informaton", "TO263-5L"], "package"),  # XLSEMI (OCR lost the 'ti')
    (["CASE OUTLINE", "RECOMMENDED SOLDERING FOOTPRINT"], "both"),
    # ARKLED's bilingual page: the outline beside its soldering pad
    (["外型尺寸图", "Package Outline Dimensions", "推荐焊盘尺寸", "Recommend Soldering Pad"],
     "both"),
    (["Suggest Soldering Pad Dimensions"], "land_pattern"),  # Lite-On
    (["8-Lead Plastic SOIC Package"], None),
    # a lone weak cue is not enough to overrule the user
    (["TOP VIEW"], None),
    # paragraphs mention everything: long runs are ignored
    (["Note 1: the land pattern and the package outline are for reference only and "
      "may change without notice"], None),
])
def test_page_role_from_headings(texts, role):
    assert page_role(texts).role == role


def test_tables_count_like_headings():
    assert page_role([], land_tables=1).role == "land_pattern"
    assert page_role([], package_tables=1).role == "package"
    assert page_role([], land_tables=1, package_tables=1).role == "both"


@pytest.mark.parametrize("symbols, side", [
    (["A", "B", "C", "C2", "D", "E", "e", "F", "L", "L2"], "package"),  # XLSEMI's TO-263
    (["C1", "C2", "X1", "Y1", "E"], "land"),  # Microchip's land table
    (["A", "C1", "X1"], "land"),  # a tie goes to the land pattern
    (["D", "E", "L"], None),  # letters either side uses
])
def test_a_table_is_on_the_side_of_most_of_its_own_letters(symbols, side):
    from daemon.ocr.letters import letters_side

    assert letters_side(symbols) == side


def test_a_to_outline_with_its_lead_count():
    from daemon.ocr.package_text import pin_count_from_text
    from daemon.ocr.tokens import OcrToken

    def pins(text):
        return pin_count_from_text([OcrToken(text, (0, 0, 100, 20))])
    assert pins("TO263-5L") == pins("TO-263-5") == 5 and pins("TO-220-5L") == 5
    assert pins("TO-220AB") == 3 and pins("TO-252-2L") == 2  # the outline codes' own
    assert pins("TO-263-3L") is None  # which three (leads or leads and tab) is unsaid


def _verdict(role):
    return page_role({"land_pattern": ["LAND PATTERN"], "package": ["PACKAGE OUTLINE"],
                      None: []}[role])


def test_clear_verdicts_win_over_the_order():
    roles, notes = resolve_roles(["package", "land_pattern"],
                                 [_verdict("land_pattern"), _verdict("package")])
    assert roles == ["land_pattern", "package"]
    assert len(notes) == 2 and "given as package" in notes[0]


def test_an_unclear_page_takes_the_role_its_partner_leaves():
    roles, notes = resolve_roles(["land_pattern", "land_pattern"],
                                 [_verdict(None), _verdict("land_pattern")])
    assert roles == ["package", "land_pattern"]
    assert "no clear headings" in notes[0]


def test_unclear_pages_keep_their_hints():
    roles, notes = resolve_roles(["package", "land_pattern"], [_verdict(None), _verdict(None)])
    assert roles == ["package", "land_pattern"] and notes == []


def _png(image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def test_swapped_synthetic_pages_read_the_same(engine, rendered, ocr_pages):
    """Land pattern given as the package and the package as the land pattern (what a shell
    glob does): the pages' tables decide, the body is read, the name is the full one."""
    from daemon.readers.ocr_reader import OcrReader

    reader = OcrReader(engine=engine)
    assert page_verdict(ocr_pages["soic_land"]).role == "land_pattern"
    assert page_verdict(ocr_pages["soic_table"]).role == "package"
    package, land = _png(rendered["soic_table"]), _png(rendered["soic_land"])
    right = extract([ImageInput(package, "package", "p.png"),
                     ImageInput(land, "land_pattern", "l.png")], ExtractOptions(), reader)
    swapped = extract([ImageInput(land, "package", "l.png"),
                       ImageInput(package, "land_pattern", "p.png")], ExtractOptions(), reader)
    assert swapped.footprint is not None and right.footprint is not None
    assert swapped.footprint.name == right.footprint.name
    assert swapped.reading.body_length == right.reading.body_length
    assert [r.role for r in swapped.images] == ["land_pattern", "package"]
    assert [r.given_role for r in swapped.images] == ["package", "land_pattern"]
    assert any(i.code == "page_roles" for i in swapped.issues)
    assert not any(i.code == "page_roles" for i in right.issues)


def _eval_page(name):
    folder = EVAL / name
    if not folder.is_dir():
        pytest.skip(f"{folder} absent (the shared evaluation pages are not in the repo)")
    return folder


def test_real_soic_page_swapped(engine):
    """TI SOIC-8 D0008A (eval page 03): land pattern first, package second, both given as
    the reverse of what they show; the body and the full KiCad name come back."""
    from daemon.readers.ocr_reader import OcrReader

    folder = _eval_page("03_LM358_TI_D0008A_SOIC-8")
    images = {p.stem: p.read_bytes() for p in folder.iterdir() if p.suffix == ".png"}
    expect = json.loads((folder / "expect.json").read_text())
    land = next(v for k, v in images.items() if "land" in k)
    package = next(v for k, v in images.items() if "land" not in k)
    result = extract([ImageInput(land, "package", "1.png"),
                      ImageInput(package, "land_pattern", "2.png")],
                     ExtractOptions(), OcrReader(engine=engine))
    assert result.footprint is not None
    assert result.footprint.name.startswith("SOIC-8_3.9x4.9")
    assert result.reading.body_width is not None
    assert expect["pads_total"] == len(result.footprint.pads)


def test_ocr_reader_reports_each_page(engine, rendered):
    """Progress by step (issue 14 item 3): each page's OCR, then reading, build, check."""
    from daemon.readers.ocr_reader import OcrReader

    png = _png
    steps = []
    extract([ImageInput(png(rendered["soic_table"]), "package", "p.png"),
                      ImageInput(png(rendered["soic_land"]), "land_pattern", "l.png")],
                     ExtractOptions(), OcrReader(engine=engine), progress=steps.append)
    assert [s.step for s in steps] == [
        "page 1/2: OCR", "page 2/2: OCR", "reading the values",
        "building and checking the footprint", "checking every value against the pages (OCR)"]
    assert [s.done for s in steps] == [0, 1, 2, 3, 4] and {s.total for s in steps} == {5}
