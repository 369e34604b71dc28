"""daemon.images: every accepted format becomes 8-bit RGB within the budget; bad input gets a
typed error (image_invalid / too_large) before anything expensive happens."""

import io

import pytest
from PIL import Image

from daemon.errors import ImageInvalidError, TooLargeError
from daemon.images import ImageLimits, fit_size, normalise_image, visual_tokens
from tests.daemon.images_data import bomb_png, page_png, truncated


@pytest.mark.parametrize("fmt,mode", [
    ("PNG", "RGB"), ("PNG", "L"), ("PNG", "1"), ("PNG", "P"), ("JPEG", "RGB"),
    ("JPEG", "CMYK"), ("WEBP", "RGB"), ("BMP", "RGB"), ("TIFF", "RGB"), ("TIFF", "CMYK"),
])
def test_formats_become_rgb(fmt, mode):
    norm = normalise_image(page_png(320, 256, mode=mode, fmt=fmt))
    assert norm.image.mode == "RGB"
    assert norm.size == (320, 256)
    assert norm.format == fmt
    # The page stays a page: white paper, black ink (CMYK and JPEG round-trips are lossy).
    assert min(norm.image.getpixel((5, 5))) > 200
    assert max(norm.image.getpixel((80, 128))) < 80


def test_alpha_is_flattened_on_white():
    img = Image.new("RGBA", (64, 64), (0, 0, 0, 0))  # fully transparent black
    img.putpixel((10, 10), (0, 0, 0, 255))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    out = normalise_image(buf.getvalue()).image
    assert out.getpixel((0, 0)) == (255, 255, 255)
    assert out.getpixel((10, 10)) == (0, 0, 0)


def test_palette_with_transparency_is_flattened_on_white():
    img = Image.new("P", (32, 32), 0)
    img.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    img.putpixel((3, 3), 1)
    buf = io.BytesIO()
    img.save(buf, "PNG", transparency=0)
    out = normalise_image(buf.getvalue()).image
    assert out.getpixel((0, 0)) == (255, 255, 255)
    assert out.getpixel((3, 3)) == (255, 0, 0)


def test_sixteen_bit_greyscale_keeps_its_contrast():
    img = Image.new("I;16", (32, 32), 65535)
    img.putpixel((5, 5), 0)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    out = normalise_image(buf.getvalue()).image
    assert out.getpixel((0, 0)) == (255, 255, 255)
    assert out.getpixel((5, 5)) == (0, 0, 0)


def test_exif_orientation_is_applied():
    img = Image.new("RGB", (320, 64), (255, 255, 255))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to view
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes())
    assert normalise_image(buf.getvalue()).size == (64, 320)


def test_large_page_is_scaled_to_the_token_budget():
    norm = normalise_image(page_png(2000, 2500), ImageLimits(token_budget=1024))
    w, h = norm.size
    assert w % 32 == 0 and h % 32 == 0
    assert norm.visual_tokens <= 1024
    assert norm.original_size == (2000, 2500)
    assert abs(w / h - 0.8) < 0.05


@pytest.mark.parametrize("size,budget", [
    ((2149, 2920), 4096), ((2000, 2500), 1024), ((100, 5000), 64), ((5000, 33), 16),
    ((31, 31), 4), ((640, 480), 300), ((1, 1), 1), ((4096, 4096), 16384),
    ((1100, 1400), 62501), ((1100, 1400), 1500),
])
def test_fit_size_stays_within_budget_without_enlarging(size, budget):
    w, h = fit_size(size[0], size[1], budget)
    if visual_tokens(*size) <= budget:
        assert (w, h) == size  # fits: never resampled (OCR reads the pixels as sent)
    else:
        assert w % 32 == 0 and h % 32 == 0
    assert visual_tokens(w, h) <= budget or (w, h) == (32, 32)
    assert w <= max(32, size[0]) and h <= max(32, size[1])


@pytest.mark.parametrize("data,what", [
    (b"", "empty"),
    (b"this is not an image at all" * 10, "not a readable image"),
    (truncated(page_png(800, 600)), "truncated"),
    (page_png(64, 64, fmt="GIF"), "unsupported image format GIF"),
    (page_png(64, 64, mode="RGB", fmt="PDF"), "not a readable image"),
])
def test_invalid_images_are_refused(data, what):
    with pytest.raises(ImageInvalidError) as err:
        normalise_image(data)
    assert err.value.code == "image_invalid"
    assert what in err.value.message


def test_oversize_bytes_are_refused_before_decoding():
    with pytest.raises(TooLargeError) as err:
        normalise_image(page_png(64, 64), ImageLimits(max_bytes=100))
    assert err.value.code == "too_large"


def test_pixel_limit_is_checked_from_the_header():
    with pytest.raises(TooLargeError, match="pixels"):
        normalise_image(page_png(400, 300), ImageLimits(max_pixels=100_000))


def test_decompression_bomb_is_refused():
    bomb = bomb_png(20000)  # 48 KB declaring 400 Mpx
    assert len(bomb) < 100_000
    with pytest.raises(TooLargeError):
        normalise_image(bomb)
    # Also when our own limit is lifted: Pillow's guard (2 x MAX_IMAGE_PIXELS) still refuses.
    with pytest.raises(TooLargeError, match="decompression bomb"):
        normalise_image(bomb, ImageLimits(max_pixels=10**12))
