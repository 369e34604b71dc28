"""Blank page, photo-like noise, a page without dimensions, a 20-megapixel scan: a clear
ReaderError, never a crash or an invented value."""

import pytest

from daemon.readers.base import PageImage, ReaderError, ReadHints
from daemon.readers.ocr_reader import OcrReader


@pytest.fixture(scope="module")
def reader(engine):
    return OcrReader(engine=engine)


def _read(reader, image, role="both"):
    return reader.read([PageImage(image, role, "bad.png")], ReadHints())


def test_blank_page(reader):
    from PIL import Image

    with pytest.raises(ReaderError, match="no dimensions found"):
        _read(reader, Image.new("RGB", (800, 1000), "white"))


def test_photo_like_noise(reader):
    from daemon.synth.pages import noise_page

    with pytest.raises(ReaderError, match="no dimensions found|no package family"):
        _read(reader, noise_page((640, 480)))


def test_page_with_text_but_no_table(reader):
    from PIL import Image, ImageDraw

    from daemon.synth.draw import font

    image = Image.new("RGB", (900, 500), "white")
    draw = ImageDraw.Draw(image)
    draw.text((40, 60), "Ordering information and revision history", font=font(30),
              fill="black")
    draw.text((40, 140), "Revision 3, 2024: typo fixes", font=font(30), fill="black")
    with pytest.raises(ReaderError, match="no dimensions found"):
        _read(reader, image)


def test_20_megapixel_scan(reader):
    from PIL import Image

    image = Image.new("RGB", (5472, 3648), "white")  # 20 MP
    with pytest.raises(ReaderError, match="no dimensions found"):
        _read(reader, image)


def test_no_pages(reader):
    with pytest.raises(ReaderError):
        reader.read([], ReadHints())
