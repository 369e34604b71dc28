"""Validate and normalise untrusted image bytes before any reader sees them.

Every image arrives as raw file bytes from a client. We refuse what is not a still raster
page (typed `image_invalid`), refuse what is too big before decoding it (`too_large`: byte
size, declared pixel count, Pillow's decompression-bomb guard), then make one canonical form:
EXIF orientation applied, alpha flattened on white (datasheet screenshots are black on white),
palette / 16-bit / CMYK / greyscale to 8-bit RGB, and scaled down to a visual-token budget.

Qwen3-VL sees one visual token per 32x32 px (patch 16, merge 2), so the budget is in those
tokens; the scaled size is a multiple of 32 so the processor does not resize again.
"""

import io
import math
from dataclasses import dataclass
from typing import Tuple

from daemon.errors import ImageInvalidError, TooLargeError

TOKEN_PX = 32  # one Qwen3-VL visual token covers 32x32 pixels
ACCEPTED_FORMATS = ("PNG", "JPEG", "MPO", "WEBP", "BMP", "DIB", "TIFF")


@dataclass(frozen=True)
class ImageLimits:
    """Per-image limits; the ping reply announces them so clients refuse early."""

    max_bytes: int = 25 * 1024 * 1024
    max_pixels: int = 64_000_000  # declared width x height, checked before decoding
    token_budget: int = 4096  # visual tokens per image after scaling (~4.2 Mpx)


@dataclass(frozen=True)
class NormalisedImage:
    image: object  # PIL.Image.Image, mode RGB
    format: str
    original_size: Tuple[int, int]

    @property
    def size(self) -> Tuple[int, int]:
        return self.image.size  # type: ignore[attr-defined]

    @property
    def visual_tokens(self) -> int:
        return visual_tokens(*self.size)


def visual_tokens(width: int, height: int) -> int:
    """Visual tokens Qwen3-VL spends on an image of this size (after rounding up to 32 px)."""
    return math.ceil(width / TOKEN_PX) * math.ceil(height / TOKEN_PX)


def fit_size(width: int, height: int, budget: int) -> Tuple[int, int]:
    """The size to scale to: the original when it fits `budget` tokens (the model's processor
    rounds to 32 px itself; OCR gets the pixels as sent), else the largest multiple-of-32
    size with the same aspect that fits (at least 32 px a side).
    """
    if budget < 1:
        raise ValueError("token budget must be at least 1")
    if visual_tokens(width, height) <= budget:
        return width, height
    scale = min(1.0, math.sqrt(budget * TOKEN_PX * TOKEN_PX / float(width * height)))
    while True:
        w = max(TOKEN_PX, int(width * scale) // TOKEN_PX * TOKEN_PX)
        h = max(TOKEN_PX, int(height * scale) // TOKEN_PX * TOKEN_PX)
        if (w // TOKEN_PX) * (h // TOKEN_PX) <= budget or (w == TOKEN_PX and h == TOKEN_PX):
            return w, h
        scale *= 0.98


def normalise_image(data: bytes, limits: ImageLimits = ImageLimits()) -> NormalisedImage:
    """Decode untrusted bytes into an RGB page image within `limits`, or raise typed errors."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ImageInvalidError("image must be raw file bytes")
    if len(data) == 0:
        raise ImageInvalidError("empty image frame")
    if len(data) > limits.max_bytes:
        raise TooLargeError(f"image is {len(data)} bytes; the limit is {limits.max_bytes}",
                            hint="crop the screenshot to the drawing or save it as PNG")
    try:
        img = Image.open(io.BytesIO(bytes(data)))
    except Image.DecompressionBombError as exc:
        raise TooLargeError(f"image refused as a decompression bomb: {exc}") from None
    except UnidentifiedImageError:
        raise ImageInvalidError(
            f"not a readable image: the bytes (starting {bytes(data[:8])!r}) are no PNG, JPEG, "
            f"WebP, BMP or TIFF", hint="send PNG, JPEG, WebP, BMP or TIFF screenshots") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageInvalidError(
            f"not a readable image ({exc})",
            hint="send PNG, JPEG, WebP, BMP or TIFF screenshots") from None
    if img.format not in ACCEPTED_FORMATS:
        raise ImageInvalidError(f"unsupported image format {img.format}",
                                hint="send PNG, JPEG, WebP, BMP or TIFF screenshots")
    width, height = img.size
    if width < 1 or height < 1:
        raise ImageInvalidError(f"image has no pixels ({width}x{height})")
    if width * height > limits.max_pixels:
        raise TooLargeError(
            f"image is {width}x{height} = {width * height} pixels; the limit is "
            f"{limits.max_pixels}", hint="crop to the drawing or render the page at 300 dpi")
    fmt = img.format
    try:
        img.seek(0)  # first frame of a multi-page TIFF / animated WebP
        img.load()
        img = ImageOps.exif_transpose(img) or img
        flat = _flatten(img)
    except Image.DecompressionBombError as exc:
        raise TooLargeError(f"image refused as a decompression bomb: {exc}") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageInvalidError(f"image data is damaged or truncated ({exc})") from None
    original = flat.size
    target = fit_size(original[0], original[1], limits.token_budget)
    if target != original:  # greyscale pages are resized as one channel: 3x less work
        flat = flat.resize(target, Image.Resampling.LANCZOS)
    rgb = flat if flat.mode == "RGB" else flat.convert("RGB")
    return NormalisedImage(image=rgb, format=fmt, original_size=original)


def _flatten(img):
    """Any Pillow mode to 8-bit "L" (greyscale sources) or "RGB"; transparency becomes white."""
    from PIL import Image

    mode = img.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # 16/32-bit greyscale: map the 16-bit range onto 8 bits (Pillow clips otherwise).
        img = img.convert("I").point(lambda v: v * (1.0 / 256.0)).convert("L")
    elif mode == "F":
        img = img.point(lambda v: v * 255.0).convert("L") if _max_value(img) <= 1.0 \
            else img.convert("L")
    if img.mode == "P":
        img = img.convert("RGBA") if "transparency" in img.info else img.convert("RGB")
    if img.mode in ("LA", "PA", "La"):
        img = img.convert("RGBA")
    if img.mode == "RGBa":
        img = img.convert("RGBA")
    if img.mode == "RGBA":
        paper = Image.new("RGB", img.size, (255, 255, 255))
        paper.paste(img, mask=img.getchannel("A"))
        return paper
    if img.mode in ("1", "L"):
        return img.convert("L")
    if img.mode != "RGB":
        img = img.convert("RGB")  # CMYK, YCbCr, LAB, HSV
    return img


def _max_value(img) -> float:
    extrema = img.getextrema()
    return float(extrema[1])
