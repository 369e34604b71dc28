"""Image bytes for tests, made on the fly (never datasheet pages copied into the repo)."""

import io
import struct
import zlib


def page_png(width: int = 400, height: int = 300, mode: str = "RGB", fmt: str = "PNG",
             **save) -> bytes:
    """A white 'page' with a black box and a line: something a reader could look at."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    draw.rectangle([width // 4, height // 4, width * 3 // 4, height * 3 // 4], outline=(0, 0, 0),
                   width=3)
    draw.line([0, height - 10, width, height - 10], fill=(0, 0, 0), width=2)
    if mode != "RGB":
        img = img.convert(mode)
    buf = io.BytesIO()
    img.save(buf, fmt, **save)
    return buf.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png(side: int = 20000) -> bytes:
    """A valid 1-bit PNG of side x side pixels, all zero: ~50 KB that would decode to 400 Mpx."""
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\x00" * (1 + (side + 7) // 8)
    comp = zlib.compressobj(9)
    parts = [comp.compress(row) for _ in range(side)]
    parts.append(comp.flush())
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", b"".join(parts))
            + _chunk(b"IEND", b""))


def truncated(data: bytes, keep: float = 0.6) -> bytes:
    return data[: int(len(data) * keep)]
