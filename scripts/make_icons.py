"""Draw the plugin's icons with Pillow: 24x24 toolbar (light and dark theme) and the 64x64
PCM icon. A footprint (two rows of pads around a body with a pin-1 dot) on a page corner.

    python3 scripts/make_icons.py    # writes kicad_plugin/icons/*.png
"""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "kicad_plugin" / "icons"
SUPER = 8  # draw large, then downsample: anti-aliased edges at 24 px


def draw(size: int, ink: tuple, page: tuple, copper: tuple, accent: tuple) -> Image.Image:
    s = size * SUPER
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    u = s / 24.0  # design grid: 24 units

    def box(x0, y0, x1, y1):
        return [x0 * u, y0 * u, x1 * u, y1 * u]

    # datasheet page with a folded corner, behind the part
    d.polygon([(2 * u, 1 * u), (15 * u, 1 * u), (19 * u, 5 * u), (19 * u, 12 * u),
               (2 * u, 12 * u)], fill=page)
    d.polygon([(15 * u, 1 * u), (15 * u, 5 * u), (19 * u, 5 * u)], fill=ink)
    for y in (4, 6.5, 9):
        d.line([(4.5 * u, y * u), (12.5 * u, y * u)], fill=ink, width=max(1, int(1.1 * u)))
    # footprint: body and two rows of three pads
    d.rounded_rectangle(box(8, 9, 16, 23), radius=1.2 * u, outline=ink,
                        width=max(1, int(1.4 * u)), fill=page)
    for row_x in (4.2, 16.8):
        for y in (10.5, 14.8, 19.1):
            d.rounded_rectangle(box(row_x, y, row_x + 3.0, y + 2.6), radius=0.6 * u,
                                fill=copper)
    d.ellipse(box(9.6, 10.6, 12.0, 13.0), fill=accent)  # pin-1 dot
    return img.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    light = dict(ink=(40, 40, 40, 255), page=(250, 250, 250, 255), copper=(200, 52, 52, 255),
                 accent=(0, 120, 215, 255))
    dark = dict(ink=(230, 230, 230, 255), page=(60, 64, 72, 255), copper=(235, 90, 80, 255),
                accent=(80, 200, 255, 255))
    draw(24, **light).save(OUT / "ds2fp_24.png")
    draw(24, **dark).save(OUT / "ds2fp_24_dark.png")
    draw(64, **light).save(OUT / "ds2fp_64.png")
    print("wrote", ", ".join(sorted(p.name for p in OUT.glob("*.png"))))


if __name__ == "__main__":
    main()
