"""Connector series by their part numbers (issue 11, class 7): the count a part name
spells, and a series page read with and without it."""

import pytest

from daemon.ocr.part_numbers import header_grid, names_a_series, parse_part_number
from daemon.ocr.reading import OcrInput, parse
from daemon.ocr.tokens import OcrPage, OcrToken
from daemon.readers.base import ReaderError, ReadHints


@pytest.mark.parametrize("name, pins, rows, pitch", [
    ("B4B-XH-A", 4, 1, 2.5), ("S6B-PH-K", 6, 1, 2.0), ("JST_S2B-PH-SM4-TB_C295747", 2, 1, 2.0),
    ("B12B-PH-K-S", 12, 1, 2.0), ("harwin-m503500542", 10, 2, 1.27),
    ("M50-3600542", 10, 2, 1.27), ("M50-3502042", 40, 2, 1.27)])
def test_series_counts(name, pins, rows, pitch):
    part = parse_part_number(name)
    assert (part.pins, part.scheme.rows, part.scheme.pitch) == (pins, rows, pitch)


@pytest.mark.parametrize("name", ["PHR-4", "XHP-4", "MAX7456", "LM358", "B0B-PH-K", None, ""])
def test_no_series(name):
    assert parse_part_number(name) is None


@pytest.mark.parametrize("hint, grid", [("PinHeader_2x05_P1.27mm", (2, 5)),
                                        ("header 1x8", (1, 8)), ("SOIC-8", None),
                                        ("PinHeader 2x0.5", None)])
def test_header_hints(hint, grid):
    assert header_grid(hint) == grid


def _tok(text, x, y, w=None):
    return OcrToken(text, (x, y, x + (w or 11 * len(text)), y + 18))


def _series_page():
    """Harwin's M50 page (t68) with made-up layout: a board pattern of 0.65 holes at 1.27,
    and the count only as "No. of contacts per row"."""
    toks = [_tok("1.27", 210, 409), _tok("Ø0.65", 92, 418), _tok("1.27", 300, 470),
            _tok("Recommended PC Board Pattern", 49, 442, 204), _tok("CALCULATION", 418, 430),
            _tok("1.27 x No. of contacts per row", 455, 462, 215)]
    return [OcrInput(OcrPage(toks, 800, 600), "both")]


def test_a_series_page_without_the_name_asks_for_it():
    with pytest.raises(ReaderError, match="part name"):
        parse(_series_page(), ReadHints())
    assert names_a_series(["1.27 x No. of contacts per row"])


def test_the_part_name_picks_family_rows_and_count():
    reading = parse(_series_page(), ReadHints(part_name="M50-3500542"))
    assert (reading.family, reading.pin_count, reading.rows) == ("pin_header", 10, 2)
    assert reading.pitch.nominal == 1.27
    assert "M50" in reading.notes
