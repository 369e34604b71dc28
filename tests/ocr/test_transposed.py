"""Transposed tables (letters as columns, NXP / Nexperia style): hand-placed tokens for the
row rules, rendered pages through real OCR for the whole reader."""

import pytest

from daemon.ocr.tokens import OcrToken
from daemon.ocr.transposed import find_transposed_tables
from schemas.reading import DatasheetReading
from schemas.toleranced import Toleranced as Tol

LETTERS = ["A", "A1 max", "bp", "c", "D", "E", "e", "HE", "Lp", "v"]


def _row(y, cells, x0=200, step=80):
    return [OcrToken(text, (x0 + i * step, y, x0 + i * step + 40, y + 26))
            for i, text in enumerate(cells) if text]


def tokens(rows, unit="mm"):
    out = [OcrToken("UNIT", (60, 100, 130, 126))] + _row(100, LETTERS)
    if unit:
        out.append(OcrToken(unit, (60, 140, 100, 166)))
    for i, (label, cells) in enumerate(rows):
        y = 140 + 40 * i
        if label:
            out.append(OcrToken(label, (120, y, 170, y + 26)))
        out += _row(y, cells)
    return out


def by_symbol(table):
    return {r.symbol: r.values for r in table.rows}


def test_max_over_min_rows_and_basic_values():
    (table,) = find_transposed_tables(tokens([
        (None, ["1.75", "0.25", "0.49", "0.25", "5.0", "4.0", "1.27", "6.2", "1.0", "0.25"]),
        (None, ["1.35", "", "0.36", "0.19", "4.8", "3.8", "", "5.8", "0.4", ""])]))
    got = by_symbol(table)
    assert table.unit == "mm"
    assert got["A"] == {"max": 1.75, "min": 1.35}
    assert got["A1"] == {"max": 0.25}  # the header says max
    assert got["e"] == {"nom": 1.27} and got["v"] == {"nom": 0.25}  # upper row only: basic
    assert got["HE"] == {"max": 6.2, "min": 5.8} and got["Lp"] == {"max": 1.0, "min": 0.4}


def test_labelled_rows():
    (table,) = find_transposed_tables(tokens([
        ("min", ["0.80", "0.00", "0.25", "0.10", "2.9", "1.5", "", "2.6", "0.3", ""]),
        ("nom", ["", "", "", "", "", "", "0.95", "", "", ""]),
        ("max", ["1.00", "0.10", "0.50", "0.20", "3.1", "1.7", "", "3.0", "0.6", "0.2"])]))
    got = by_symbol(table)
    assert got["A"] == {"min": 0.8, "max": 1.0} and got["e"] == {"nom": 0.95}
    assert got["D"] == {"min": 2.9, "max": 3.1}


def test_no_unit_no_table_and_prose_is_no_header():
    rows = [(None, ["1.75", "0.25", "0.49", "0.25", "5.0", "4.0", "1.27", "6.2", "1.0", ""])]
    assert find_transposed_tables(tokens(rows, unit=None)) == []
    assert len(find_transposed_tables(tokens(rows, unit=None), default_unit="mm")) == 1
    prose = _row(100, ["The", "part", "is", "a", "small", "SO", "package"])
    assert find_transposed_tables(prose, "mm") == []


SOT23 = DatasheetReading(
    units="mm", family="sot23", pin_count=3, pitch=Tol(nom=0.95), height=Tol(min=0.9, max=1.1),
    lead_width=Tol(min=0.38, max=0.48), body_length=Tol(min=2.8, max=3.0),
    body_width=Tol(min=1.2, max=1.4), overall_width=Tol(min=2.1, max=2.5),
    lead_length=Tol(min=0.15, max=0.45))
SO8 = DatasheetReading(
    units="mm", family="soic", pin_count=8, pitch=Tol(nom=1.27), height=Tol(min=1.35, max=1.75),
    lead_width=Tol(min=0.36, max=0.49), body_length=Tol(min=4.8, max=5.0),
    body_width=Tol(min=3.8, max=4.0), overall_width=Tol(min=5.8, max=6.2),
    lead_length=Tol(min=0.4, max=1.0))
FIELDS = ("pitch", "height", "lead_width", "body_length", "body_width", "overall_width",
          "lead_length")


@pytest.mark.parametrize("reading", [SOT23, SO8], ids=["sot23", "so8"])
def test_rendered_nxp_page_reads_every_dimension(engine, reading):
    from daemon.readers.base import PageImage, ReadHints
    from daemon.readers.ocr_reader import OcrReader
    from daemon.synth.pages import package_page
    from footprint_writer.builder import build_footprint

    got = OcrReader(engine=engine).read(
        [PageImage(package_page(reading, "transposed"), "package", "p")], ReadHints())
    assert (got.family, got.pin_count) == (reading.family, reading.pin_count)
    for name in FIELDS:  # SOT-23: the pitch is e1 (0.95), not e (pins 1 to 2, 1.9)
        want, have = getattr(reading, name), getattr(got, name)
        assert (have.min, have.nom, have.max) == (want.min, want.nom, want.max), name
    assert "nexperia letters" in got.notes
    assert build_footprint(got).pads
