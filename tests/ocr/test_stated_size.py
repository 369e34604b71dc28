"""A body size stated in words (daemon.ocr.stated_size) and laid along a pad grid."""

import pytest

from daemon.ocr.package_view import with_package_body
from daemon.ocr.stated_size import stated_size
from daemon.ocr.tokens import OcrToken
from schemas.reading import DatasheetReading, ReadPad


def _lines(*texts):
    return [OcrToken(t, (0, 50 * k, 900, 50 * k + 20)) for k, t in enumerate(texts)]


@pytest.mark.parametrize("texts, want", [
    # Goertek SPL06: over two lines, tolerances in brackets, OCR's stray mark before the x
    (("Its dimensions are 2.5mm (±0.1 mm)@x", "2.0mm (±0.1 mm)@x0.95mm (±0.05mm) @, "
      "undeclared tolerance (±0.1mm)."), (2.5, 2.0, 0.95)),
    (("2 x 2 x 0.9 mm LGA",), (2.0, 2.0, 0.9)),  # Kionix
    (("10.4. Package Us0N8 (4*4mm, 0.45mm thickness)",), (4.0, 4.0, 0.45)),  # GigaDevice
    (("24-Ball TFBGA 8x6-mm",), (8.0, 6.0, None)),
    (("Body 3,0 x 2,5 mm",), (3.0, 2.5, None)),  # a decimal comma
])
def test_stated_sizes(texts, want):
    got = stated_size(_lines(*texts))
    assert got is not None and (got.length, got.width, got.height) == want


@pytest.mark.parametrize("texts", [
    ("WSON8 (6x5)",),  # no unit: could be inches or a count
    ("0.080 x 0.060 inch",),
    ("a 3 x 3 array of balls",),
    ("2 x 2 x 40 mm",),  # a height over the body's longest side is no package
    ("0.3 x 0.4 mm pads",),  # below any package body
    ("8 x 6 x 4 x 2 mm",),  # four terms: not a body size
])
def test_no_stated_size(texts):
    assert stated_size(_lines(*texts)) is None


def _grid(cols, rows, pitch_x, pitch_y, pad):
    pads = [ReadPad(number=str(k + 1), x=(i - (cols - 1) / 2) * pitch_x,
                    y=(j - (rows - 1) / 2) * pitch_y, size_x=pad, size_y=pad)
            for k, (j, i) in enumerate((j, i) for j in range(rows) for i in range(cols))]
    return DatasheetReading(units="mm", family="other", pin_count=len(pads), pads=pads,
                            notes="grid")


def test_stated_body_laid_along_the_grid_with_its_source():
    """Goertek's LGA-8: 4 x 2 pads at 0.65 / 1.45; "2.5 x 2.0 x 0.95 mm" lies 2.5 along x."""
    reading = with_package_body(_grid(4, 2, 0.65, 1.45, 0.35), [],
                                text=_lines("dimensions are 2.5mm x 2.0mm x 0.95mm"))
    assert (reading.body_length.nominal, reading.body_width.nominal) == (2.5, 2.0)
    assert reading.height.max == 0.95
    assert reading.body_length.source == "datasheet_text"
    assert "from the text" in reading.notes


def test_stated_size_smaller_than_the_pads_is_no_body():
    """A size the pads do not fit under (a pad's own size, a side view's) is only noted."""
    reading = with_package_body(_grid(4, 2, 0.65, 1.45, 0.35), [],
                                text=_lines("pads 1.0 x 0.8 mm"))
    assert reading.body_length is None and "is not taken as the body" in reading.notes


def test_a_chips_body_is_shorter_than_its_two_pads_span():
    """An 0603's 1.6 x 0.8 body over a land 2.3 long (toe fillets past the body) is its
    body; four pads under a body (a crystal) still need 0.75 of their span."""
    chip = with_package_body(_grid(2, 1, 1.5, 0, 0.8), [], text=_lines("1.6 x 0.8 mm"))
    assert (chip.body_length.nominal, chip.body_width.nominal) == (1.6, 0.8)
    crystal = with_package_body(_grid(2, 2, 1.5, 1.5, 0.8), [], text=_lines("1.6 x 1.6 mm"))
    assert crystal.body_length is None
