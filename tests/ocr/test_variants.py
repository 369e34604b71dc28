"""Series pages (one drawing, a table of variants): the reader names the variants and asks
for the part instead of picking one; with the part name it reads that row."""

import pytest

from daemon.ocr.reading import OcrInput, parse, variant_rows
from daemon.ocr.tokens import OcrPage, OcrToken
from daemon.readers.base import ReaderError, ReadHints


def _tok(text, x, y):
    return OcrToken(text, (x, y, x + 12 * len(text), y + 28))


def series_page():
    tokens = [_tok("PC board layout", 40, 20), _tok("Through-hole type", 40, 70),
              _tok("2±0.05", 300, 200), _tok("Ø0.7+0.1", 420, 260), _tok("No. of", 900, 150)]
    for i, n in enumerate(range(2, 9)):
        y = 200 + 40 * i
        tokens += [_tok(str(n), 900, y), _tok(f"B{n}B-XH-A", 960, y),
                   _tok(f"{2.0 * (n - 1):.1f}", 1150, y), _tok(f"{2.0 * n + 1.9:.1f}", 1230, y)]
    tokens.append(_tok("1.95", 60, 480))  # a drawing label that shares a row with the table
    return tokens


def test_variant_rows_read_the_table():
    assert variant_rows(series_page()) == [(n, f"B{n}B-XH-A") for n in range(2, 9)]


def test_series_page_asks_for_the_part():
    page = OcrInput(OcrPage(series_page(), 1400, 600, "p"), "both")
    with pytest.raises(ReaderError, match=r"covers 7 variants \(B2B-XH-A \.\.\. B8B-XH-A, "
                                          r"2 to 8 pins\): give the part name"):
        parse([page], ReadHints(package_hint="pin header"))
    reading = parse([page], ReadHints(package_hint="pin header", part_name="B5B-XH-A"))
    assert reading.pin_count == 5
