"""Drawing primitives in datasheet style: dimension lines with arrows, text, tables."""

from typing import List, Optional, Sequence, Tuple

BLACK = (0, 0, 0)
GREY = (90, 90, 90)


def font(size: int):
    """Pillow's bundled scalable font: identical on every machine, no system fonts."""
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def text_size(draw, text: str, fnt) -> Tuple[int, int]:
    x0, y0, x1, y1 = draw.textbbox((0, 0), text, font=fnt)
    return x1 - x0, y1 - y0


def centred_text(draw, xy, text: str, fnt, fill=BLACK) -> None:
    w, h = text_size(draw, text, fnt)
    draw.text((xy[0] - w / 2, xy[1] - h / 2), text, font=fnt, fill=fill)


def _arrow(draw, tip, direction, size=10, fill=BLACK) -> None:
    (x, y), (dx, dy) = tip, direction
    px, py = -dy, dx
    draw.polygon([(x, y), (x - dx * size + px * size * 0.35, y - dy * size + py * size * 0.35),
                  (x - dx * size - px * size * 0.35, y - dy * size - py * size * 0.35)],
                 fill=fill)


def hdim(draw, x0: float, x1: float, y: float, label: str, fnt, ext_from: Optional[float] = None
         ) -> None:
    """A horizontal dimension line from x0 to x1 at height y with its label above."""
    if ext_from is not None:
        for x in (x0, x1):
            draw.line([(x, ext_from), (x, y + (6 if y > ext_from else -6))], fill=GREY, width=1)
    draw.line([(x0, y), (x1, y)], fill=BLACK, width=2)
    _arrow(draw, (x0, y), (-1, 0))
    _arrow(draw, (x1, y), (1, 0))
    lines = label.split("\n")
    for i, line in enumerate(reversed(lines)):
        w, h = text_size(draw, line, fnt)
        base = y - 16 - i * (h + 10)
        draw.rectangle([((x0 + x1) / 2 - w / 2 - 4, base - h - 4),
                        ((x0 + x1) / 2 + w / 2 + 4, base + 4)], fill=(255, 255, 255))
        centred_text(draw, ((x0 + x1) / 2, base - h / 2), line, fnt)


def vdim(draw, y0: float, y1: float, x: float, label: str, fnt, ext_from: Optional[float] = None,
         upright: bool = True) -> None:
    """A vertical dimension line with its label to the left: written horizontally, or
    (`upright=False`) along the line reading upwards, as aligned-system drawings do."""
    if ext_from is not None:
        for y in (y0, y1):
            draw.line([(ext_from, y), (x + (6 if x > ext_from else -6), y)], fill=GREY, width=1)
    draw.line([(x, y0), (x, y1)], fill=BLACK, width=2)
    _arrow(draw, (x, y0), (0, -1))
    _arrow(draw, (x, y1), (0, 1))
    if not upright:
        _vertical_text(draw, (x - 12, (y0 + y1) / 2), label, fnt)
        return
    lines = label.split("\n")
    for i, line in enumerate(lines):
        w, h = text_size(draw, line, fnt)
        top = (y0 + y1) / 2 - len(lines) * (h + 10) / 2 + i * (h + 10)
        draw.text((x - w - 10, top), line, font=fnt, fill=BLACK)


def table(draw, x: float, y: float, header: Sequence[Sequence[str]],
          rows: Sequence[Sequence[str]], widths: Sequence[int], fnt, row_h: int = 40) -> float:
    """A ruled table; a header cell of '' is merged into its left neighbour. Returns the
    y below the table."""
    all_rows: List[Sequence[str]] = list(header) + list(rows)
    total_w = sum(widths)
    for r, cells in enumerate(all_rows):
        top = y + r * row_h
        draw.rectangle([(x, top), (x + total_w, top + row_h)], outline=BLACK, width=1)
        cx = x
        i = 0
        while i < len(widths):
            span = widths[i]
            j = i + 1
            while j < len(widths) and j < len(cells) and cells[j] == "\0":
                span += widths[j]
                j += 1
            text = cells[i] if i < len(cells) else ""
            if i > 0:
                draw.line([(cx, top), (cx, top + row_h)], fill=BLACK, width=1)
            if text:
                if i == 0 and r >= len(header):
                    tw, th = text_size(draw, text, fnt)
                    draw.text((cx + 10, top + row_h / 2 - th / 2), text, font=fnt, fill=BLACK)
                else:
                    centred_text(draw, (cx + span / 2, top + row_h / 2), text, fnt)
            cx += span
            i = j
    return y + len(all_rows) * row_h


def _vertical_text(draw, right_centre, text: str, fnt) -> None:
    """Text turned 90 degrees counter-clockwise, its right edge at right_centre[0]."""
    from PIL import Image, ImageDraw

    w, h = text_size(draw, text, fnt)
    label = Image.new("L", (w + 8, h + 12), 255)
    ImageDraw.Draw(label).text((4, 2), text, font=fnt, fill=0)
    turned = label.rotate(90, expand=True)
    x = int(right_centre[0] - turned.width)
    y = int(right_centre[1] - turned.height / 2)
    draw._image.paste(turned.convert(draw._image.mode), (x, y))
