"""A connector series page (issue 11, class 7): one board layout drawing for every variant
and a table of the variants, as JST and Molex print them.

The drawing shows the holes of one variant with the pitch and hole callouts and the spans A
(first to last hole) and B (body); the table lists each circuit count with its model number
and its A and B. Only the part name picks a row: a page like this must never be read as any
one variant without it.
"""

from typing import Sequence

from daemon.synth.draw import BLACK, centred_text, font, hdim, table


def connector_series_page(series: str = "XH", pitch: float = 2.5, drill: float = 1.0,
                          counts: Sequence[int] = tuple(range(2, 9)), drawn: int = 4):
    """(image) of a series page: model numbers `B{n}B-{series}-A`, A = (n - 1) x pitch,
    B = A + 4.9 (JST's XH body beyond its end pins)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1100, 1000), "white")
    draw = ImageDraw.Draw(image)
    big, mid, small = font(34), font(26), font(24)
    draw.text((40, 30), f"{series} Connector  {pitch:.2f} mm pitch", font=big, fill=BLACK)
    draw.text((40, 80), "PC board layout (Through-hole type, viewed from component side)",
              font=small, fill=BLACK)
    scale = 60.0  # pixels per mm: the drawing is schematic, only its numbers are read
    x0, y = 200.0, 330.0
    xs = [x0 + i * pitch * scale for i in range(drawn)]
    r = drill * scale / 2
    for x in xs:
        draw.ellipse([(x - r, y - r), (x + r, y + r)], outline=BLACK, width=3)
    hdim(draw, xs[0], xs[1], y - 70, f"{pitch:.1f}", mid, ext_from=y - r)
    hdim(draw, xs[0], xs[-1], y + 120, "A", mid, ext_from=y + r)
    hdim(draw, xs[0] - 2.45 * scale, xs[-1] + 2.45 * scale, y + 200, "B", mid)
    draw.line([(xs[-1] + r * 0.7, y + r * 0.7), (xs[-1] + 90, y + 80)], fill=BLACK, width=2)
    # "Dia." as TE and Molex write it: the bundled font's Ø does not survive OCR
    draw.text((xs[-1] + 95, y + 70), f"Dia. {drill:.1f}", font=mid, fill=BLACK)
    header = [["No. of circuits", "Model No.", "A", "B"]]
    rows = [[str(n), f"B{n}B-{series}-A", f"{pitch * (n - 1):.1f}",
             f"{pitch * (n - 1) + 4.9:.1f}"] for n in counts]
    table(draw, 120, 620, header, rows, [230, 260, 150, 150], small, row_h=40)
    centred_text(draw, (550, 960), "Drawing rendered by ds2fp (synthetic example); "
                 "dimensions in mm", small)
    return image
