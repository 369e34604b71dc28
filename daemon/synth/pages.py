"""Render datasheet-style pages from a DatasheetReading (values drawn exactly as given).

Three package-page variants: `table` (top view, MIN/NOM/MAX table in the reading's unit),
`inch` (the same table in inches, as US datasheets print it), `bottom` (a bottom view of a
no-lead part: exposed pad and terminals seen from below). `land_pattern_page` draws the
recommended land pattern with IPC letters and its table. A DPAK reading is drawn as a DPAK
(tab, body, two leads, each size a min-max range). The drawings are schematic:
proportions follow the values, but only the printed numbers are meant to be read.
"""

from typing import List, Optional, Tuple

from daemon.synth.draw import BLACK, GREY, centred_text, font, hdim, table, vdim
from schemas.units import MM_PER_UNIT

PAGE = (1100, 1400)
FAMILY_TITLE = {"soic": "SOIC", "tssop": "TSSOP", "msop": "MSOP", "ssop": "SSOP",
                "dfn": "DFN", "qfn": "QFN", "son": "SON", "sot23": "SOT-23", "qfp": "QFP"}


def _fmt(v: Optional[float], unit: str) -> str:
    if v is None:
        return ""
    return f"{v:.3f}" if unit == "inch" else f"{v:.2f}"


def _convert(value, unit_from: str, unit_to: str):
    if value is None or unit_from == unit_to:
        return value
    factor = MM_PER_UNIT[unit_from] / MM_PER_UNIT[unit_to]

    def c(v):
        return None if v is None else round(v * factor, 3 if unit_to == "inch" else 2)
    return type(value)(min=c(value.min), nom=c(value.nom), max=c(value.max))


def _cells(value, unit: str, basic: bool = False) -> List[str]:
    """MIN / NOM / MAX cells; a basic dimension spans the three ('\\0' merges)."""
    if value is None:
        return ["", "", ""]
    if basic or (value.nom is not None and value.min is None and value.max is None):
        return [f"{_fmt(value.nom, unit)} BSC", "\0", "\0"]
    return [_fmt(value.min, unit), _fmt(value.nom, unit), _fmt(value.max, unit)]


def _title(reading) -> str:
    fam = FAMILY_TITLE.get(reading.family, reading.family.upper())
    return f"{reading.pin_count}-Lead Plastic {fam} Package"


def _new_page():
    from PIL import Image, ImageDraw

    image = Image.new("RGB", PAGE, "white")
    return image, ImageDraw.Draw(image)


PACKAGE_ROWS: Tuple[Tuple[str, str, str], ...] = (
    ("Pitch", "e", "pitch"), ("Overall Height", "A", "height"),
    ("Overall Width", "E", "overall_width"), ("Molded Package Width", "E1", "body_width"),
    ("Overall Length", "D", "body_length"), ("Exposed Pad Length", "D2", "exposed_pad_length"),
    ("Exposed Pad Width", "E2", "exposed_pad_width"), ("Lead Width", "b", "lead_width"),
    ("Foot Length", "L", "lead_length"),
)


def package_page(reading, variant: str = "table", titled: bool = True,
                 title: Optional[str] = None, count_row: bool = True,
                 pin_numbers: bool = False):
    """A package drawing page with its dimension table (variant: table | inch | bottom |
    dual: letters only, a millimetre and an inch group with Min. Typ. Max. | transposed:
    NXP style, letters as columns, a max row over a min row | callouts: no table and no
    letters, each size written on its dimension line as min-max, the pitch as BSC and a
    side view with the seated height as MAX, as older discrete pages print them).
    `titled=False` leaves the title out, as a user's crop often does (the family is then
    in no word on the page); `title` replaces it (an outline code only, say);
    `count_row=False` leaves the table's "Number of Pins" row out and `pin_numbers` numbers
    the leads on the drawing, the only place such a page gives the count)."""
    unit = "inch" if variant == "inch" else reading.units
    image, draw = _new_page()
    big, mid, small = font(34), font(26), font(24)
    if titled:
        draw.text((40, 30), title or _title(reading), font=big, fill=BLACK)
    draw.line([(30, 85), (PAGE[0] - 30, 85)], fill=BLACK, width=2)
    if reading.family == "dpak":
        # a DPAK's views do not nest: the tab, body and leads of its own figure
        _dpak_figure(draw, reading, mid)
        draw.text((40, PAGE[1] - 60), "Drawing rendered by ds2fp (synthetic example); "
                  "dimensions in millimeters", font=small, fill=BLACK)
        return image
    _package_figure(draw, reading, variant, mid, pin_numbers)
    if variant == "callouts":
        _side_view(draw, reading, mid)
        draw.text((40, PAGE[1] - 60), "Drawing rendered by ds2fp (synthetic example); "
                  "dimensions in millimeters", font=small, fill=BLACK)
        return image
    if variant == "dual":
        _dual_unit_table(draw, reading, small)
        return image
    if variant == "transposed":
        _transposed_table(draw, reading, small)
        return image
    header = [["Units", "\0", "INCHES" if unit == "inch" else "MILLIMETERS", "\0", "\0"],
              ["Dimension Limits", "\0", "MIN", "NOM", "MAX"]]
    rows = [["Number of Pins", "N", "", str(reading.pin_count), ""]] if count_row else []
    for desc, letter, name in PACKAGE_ROWS:
        value = _convert(getattr(reading, name), reading.units, unit)
        if value is None:
            continue
        if name == "body_width" and reading.family in ("dfn", "qfn", "son"):
            desc, letter = "Overall Width", "E"
        rows.append([desc, letter] + _cells(value, unit, basic=name == "pitch"))
    table(draw, 60, 760, header, rows, [380, 90, 180, 180, 180], small)
    draw.text((40, PAGE[1] - 60), "Drawing rendered by ds2fp (synthetic example)",
              font=small, fill=BLACK)
    return image


# NXP letters for the reading's fields; e1 is the pitch on SOT-23 pages (e = pins 1 to 2).
TRANSPOSED_COLUMNS: Tuple[Tuple[str, Optional[str]], ...] = (
    ("A", "height"), ("A1 max", None), ("bp", "lead_width"), ("c", None), ("D", "body_length"),
    ("E", "body_width"), ("e", "pitch"), ("e1", None), ("HE", "overall_width"),
    ("Lp", "lead_length"), ("v", None),
)


def _transposed_table(draw, reading, fnt) -> None:
    """`UNIT A A1 bp c D E e e1 HE Lp v` over a max row and a min row (values in mm)."""
    fixed = {"A1 max": ("0.1", ""), "c": ("0.15", "0.09"), "v": ("0.2", "")}
    sot23 = reading.family == "sot23"
    header = [["UNIT"] + [letter for letter, _ in TRANSPOSED_COLUMNS]]
    upper, lower = ["mm"], [""]
    for letter, name in TRANSPOSED_COLUMNS:
        if name is None and letter != "e1":
            hi, lo = fixed[letter]
        elif letter in ("e", "e1"):
            pitch = reading.pitch.nominal if reading.pitch else None
            value = None if pitch is None else (
                (2 * pitch if letter == "e" else pitch) if sot23 else
                (pitch if letter == "e" else None))
            hi, lo = (_fmt(value, "mm") if value else ""), ""
        else:
            v = _convert(getattr(reading, name), reading.units, "mm")
            hi = _fmt(v.max if v and v.max is not None else (v.nom if v else None), "mm")
            lo = _fmt(v.min if v and v.min is not None else None, "mm")
        upper.append(hi)
        lower.append(lo)
    draw.text((60, 770), "DIMENSIONS (mm are the original dimensions)", font=fnt, fill=BLACK)
    table(draw, 60, 810, header, [upper, lower], [90] + [84] * len(TRANSPOSED_COLUMNS), fnt)
    draw.text((40, PAGE[1] - 60), "Drawing rendered by ds2fp (synthetic example)", font=fnt,
              fill=BLACK)


def _dual_unit_table(draw, reading, fnt) -> None:
    """ST-style: `Dim. | mm (Min. Typ. Max.) | inches (Min. Typ. Max.)`, letters only."""
    header = [["", "mm", "\0", "\0", "inches", "\0", "\0"],
              ["Dim.", "Min.", "Typ.", "Max.", "Min.", "Typ.", "Max."]]
    rows = []
    for _, letter, name in PACKAGE_ROWS:
        value = getattr(reading, name)
        if value is None:
            continue
        inch = _convert(value, reading.units, "inch")
        mm = _convert(value, reading.units, "mm")
        cells = []
        for v, unit in ((mm, "mm"), (inch, "inch")):
            if name == "pitch":
                cells += ["", _fmt(v.nom, unit), ""]
            else:
                cells += [_fmt(v.min, unit), _fmt(v.nom, unit), _fmt(v.max, unit)]
        rows.append([letter] + cells)
    table(draw, 60, 760, header, rows, [110, 150, 150, 150, 150, 150, 150], fnt)
    draw.text((40, PAGE[1] - 60), "Drawing rendered by ds2fp (synthetic example)", font=fnt,
              fill=BLACK)


def _package_figure(draw, reading, variant: str, fnt, pin_numbers: bool = False) -> None:
    """Top (or bottom) view: body, leads or terminals, letters on dimension lines, and
    the pin numbers inside the body beside each lead where asked (counter-clockwise from
    pin 1 at the top left, as a top view numbers them)."""
    n_side = max(1, reading.pin_count // 2)
    cx, cy, bw, bh = 520, 400, 300, 420
    view = "BOTTOM VIEW" if variant == "bottom" else "TOP VIEW"
    draw.rectangle([(cx - bw / 2, cy - bh / 2), (cx + bw / 2, cy + bh / 2)], outline=BLACK,
                   width=3)
    step = bh / (n_side + 1)
    lead = 60 if reading.family not in ("dfn", "qfn", "son") else 0
    for i in range(n_side):
        y = cy - bh / 2 + step * (i + 1)
        for side in (-1, 1):
            x_in = cx + side * bw / 2
            if lead:
                x_out = x_in + side * lead
                draw.rectangle([(min(x_in, x_out), y - 10), (max(x_in, x_out), y + 10)],
                               outline=BLACK, width=2)
            else:
                x_out = x_in - side * 40
                draw.rectangle([(min(x_in, x_out), y - 10), (max(x_in, x_out), y + 10)],
                               outline=BLACK, width=2)
            if pin_numbers:
                number = i + 1 if side < 0 else reading.pin_count - i
                centred_text(draw, (x_in - side * (40 if lead else 70), y), str(number),
                             font(22))
    if variant == "bottom" and (reading.exposed_pad_length or reading.exposed_pad_width):
        draw.rectangle([(cx - 80, cy - 120), (cx + 80, cy + 120)], outline=BLACK, width=2)
        centred_text(draw, (cx, cy), "EXPOSED PAD", font(20))
    pin1_x = cx - bw / 2 + 25 if variant != "bottom" else cx + bw / 2 - 25
    draw.ellipse([(pin1_x - 9, cy - bh / 2 + 16), (pin1_x + 9, cy - bh / 2 + 34)], fill=BLACK)
    names = {"E1": "E1", "E": "E", "D": "D", "e": "e"}
    if variant == "callouts":
        names = {"E1": _range(reading.body_width), "E": _range(reading.overall_width),
                 "D": _range(reading.body_length), "e": f"{_fmt(reading.pitch.nominal, 'mm')} BSC"}
    hdim(draw, cx - bw / 2, cx + bw / 2, cy - bh / 2 - 50, names["E1"], fnt,
         ext_from=cy - bh / 2)
    if lead:
        hdim(draw, cx - bw / 2 - lead, cx + bw / 2 + lead, cy + bh / 2 + 60, names["E"], fnt,
             ext_from=cy + bh / 2)
    vdim(draw, cy - bh / 2, cy + bh / 2, cx - bw / 2 - lead - 60, names["D"], fnt,
         ext_from=cx - bw / 2)
    if n_side > 1:
        y0 = cy - bh / 2 + step
        vdim(draw, y0, y0 + step, cx + bw / 2 + lead + 60, names["e"], fnt)
    centred_text(draw, (cx, cy + bh / 2 + 110), view, fnt)


def _dpak_figure(draw, reading, fnt) -> None:
    """A DPAK drawn as older discrete pages draw it, each size a min-max range on its own
    dimension line: the tab over the body (its width b3), the body (E across, D down), the
    two leads below it (2e between them, their foot L), H from the tab's end to the lead
    tips, and a side view with the seated height as MAX."""
    s = 45  # px per mm
    cx, top = 520, 300
    tab_w = (reading.exposed_pad_length.nominal if reading.exposed_pad_length else 5.3) * s
    body_w, body_d = reading.body_width.nominal * s, reading.body_length.nominal * s
    h_all = reading.overall_width.nominal * s
    tab_top, body_top = top, top + 1.0 * s
    body_bottom = body_top + body_d
    tips = top + h_all
    draw.rectangle([(cx - tab_w / 2, tab_top), (cx + tab_w / 2, body_top)], outline=BLACK,
                   width=3)
    draw.rectangle([(cx - body_w / 2, body_top), (cx + body_w / 2, body_bottom)],
                   outline=BLACK, width=3)
    half = reading.pitch.nominal * s / 2
    lead = (reading.lead_width.nominal if reading.lead_width else 0.76) * s
    for x in (cx - half, cx + half):
        draw.rectangle([(x - lead / 2, body_bottom), (x + lead / 2, tips)], outline=BLACK,
                       width=2)
    hdim(draw, cx - tab_w / 2, cx + tab_w / 2, tab_top - 40, _range(reading.exposed_pad_length),
         fnt, ext_from=tab_top)
    hdim(draw, cx - body_w / 2, cx + body_w / 2, tab_top - 120, _range(reading.body_width), fnt,
         ext_from=body_top)
    vdim(draw, body_top, body_bottom, cx + body_w / 2 + 90, _range(reading.body_length), fnt,
         ext_from=cx + body_w / 2)
    vdim(draw, tab_top, tips, cx - body_w / 2 - 110, _range(reading.overall_width), fnt,
         ext_from=cx - tab_w / 2)
    hdim(draw, cx - half, cx + half, tips + 60, _range(reading.pitch), fnt, ext_from=tips)
    foot = reading.lead_length.nominal * s
    vdim(draw, tips - foot, tips, cx + half + 120, _range(reading.lead_length), fnt,
         ext_from=cx + half + lead / 2)
    centred_text(draw, (cx, tips + 130), "TOP VIEW", fnt)
    x0, x1, seat = 360, 680, 1220
    height = reading.height.max * s
    draw.rectangle([(x0, seat - height), (x1, seat - 12)], outline=BLACK, width=3)
    draw.line([(x0 - 40, seat), (x1 + 40, seat)], fill=GREY, width=1)
    vdim(draw, seat - height, seat, x1 + 170, f"{_fmt(reading.height.max, 'mm')} MAX", fnt,
         ext_from=x1)
    centred_text(draw, ((x0 + x1) / 2, seat + 60), "SIDE VIEW", fnt)


def _range(value) -> str:
    """`3.80-4.00` (min-max in mm, as older drawings print a size), or the nominal."""
    if value is None:
        return ""
    if value.min is not None and value.max is not None:
        return f"{_fmt(value.min, 'mm')}-{_fmt(value.max, 'mm')}"
    return _fmt(value.nominal, "mm")


def _side_view(draw, reading, fnt) -> None:
    """A side view under the top view: the body on its leads, the seated height beside it
    as `1.75 MAX`."""
    x0, x1, top, seat = 370, 670, 850, 940  # under the top view, as wide as its body
    draw.rectangle([(x0, top), (x1, seat - 15)], outline=BLACK, width=3)
    for x in (x0 + 40, x0 + 113, x0 + 186, x0 + 260):
        draw.line([(x, seat - 15), (x, seat)], fill=BLACK, width=3)
    draw.line([(x0 - 40, seat), (x1 + 40, seat)], fill=GREY, width=1)
    if reading.height is not None and reading.height.max is not None:
        vdim(draw, top, seat, x1 + 170, f"{_fmt(reading.height.max, 'mm')} MAX", fnt,
             ext_from=x1)
    centred_text(draw, ((x0 + x1) / 2, seat + 90), "SIDE VIEW", fnt)


LAND_ROWS: Tuple[Tuple[str, str, str], ...] = (
    ("Contact Pitch", "E", "pitch"), ("Contact Pad Spacing", "C", "row_spacing"),
    ("Overall Width", "Z", "overall_span"), ("Contact Pad Width", "X1", "pad_width"),
    ("Contact Pad Length", "Y1", "pad_length"), ("Distance Between Pads", "G", "gap"),
    ("Center Pad Width", "X2", "exposed_pad_width"),
    ("Center Pad Length", "Y2", "exposed_pad_length"),
)


def _label(value, unit: str, count: Optional[int], dual: bool) -> str:
    """A callout as drawings print it: `8X 0.60`, or inch first with mm below
    (`8X (.024)` / `[0.6]`) for dual-dimensioned drawings."""
    prefix = f"{count}X " if count else ""
    if not dual:
        return f"{prefix}{_fmt(value.nominal, unit)}"
    inch = value.nominal * MM_PER_UNIT[unit] / 25.4
    mm = value.nominal * MM_PER_UNIT[unit]
    return f"{prefix}({inch:.3f})".replace("(0.", "(.") + f"\n[{mm:g}]"


def land_pattern_page(reading, style: str = "table"):
    """The recommended land pattern: pads, letters on dimension lines and the table
    (`table`), or values written on the dimension lines (`callouts`; `vertical`: the
    vertical dimensions' values written along their lines; `dual`: inch first, millimetres
    in brackets, caption under the figure; `vias`: callouts with a grid of thermal vias in
    the exposed pad, their drill and spacing dimensioned, as TI's example board layouts)."""
    lp = reading.land_pattern
    if lp is None:
        raise ValueError("the reading has no land pattern to draw")
    unit = reading.units
    image, draw = _new_page()
    big, mid, small = font(34), font(26), font(24)
    draw.text((40, 30), _title(reading), font=big, fill=BLACK)
    draw.line([(30, 85), (PAGE[0] - 30, 85)], fill=BLACK, width=2)
    n_side = max(1, reading.pin_count // 2)
    cx, cy, rows_w, pad_h, pad_w = 520, 420, 340, 90, 26
    step = min(60, 380 / max(1, n_side))
    x0 = cx - step * (n_side - 1) / 2
    for i in range(n_side):
        x = x0 + i * step
        for yc in (cy - rows_w / 2, cy + rows_w / 2):
            draw.rectangle([(x - pad_w / 2, yc - pad_h / 2), (x + pad_w / 2, yc + pad_h / 2)],
                           outline=BLACK, width=2)
    if lp.exposed_pad_width or lp.exposed_pad_length:
        draw.rectangle([(cx - 70, cy - 90), (cx + 70, cy + 90)], outline=BLACK, width=2)
    n = reading.pin_count
    if style == "table":
        labels = {"pitch": "E", "pad_width": "X1", "pad_length": "Y1", "rows": "C"}
    else:
        dual = style == "dual"
        rows = lp.row_spacing or lp.overall_span
        labels = {
            "pitch": _label(lp.pitch, unit, n - 2, dual) if lp.pitch else "",
            "pad_width": _label(lp.pad_width, unit, n, dual) if lp.pad_width else "",
            "pad_length": _label(lp.pad_length, unit, n, dual) if lp.pad_length else "",
            "rows": _label(rows, unit, None, dual) if rows else "",
        }
    xr = x0 + step * (n_side - 1)
    if n_side > 1 and labels["pitch"]:
        vdim_label = labels["pitch"]
        hdim(draw, x0, x0 + step, cy + rows_w / 2 + pad_h / 2 + 120, vdim_label, mid,
             ext_from=cy + rows_w / 2)
    if labels["pad_width"]:
        hdim(draw, xr - pad_w / 2, xr + pad_w / 2, cy - rows_w / 2 - pad_h / 2 - 30,
             labels["pad_width"], mid, ext_from=cy - rows_w / 2)
    upright = style != "vertical"
    if style != "table" and (lp.exposed_pad_width or lp.exposed_pad_length):
        # Exposed pad: its width across the rows (vertical line), its length along them.
        dual = style == "dual"
        if lp.exposed_pad_length:
            hdim(draw, cx - 70, cx + 70, cy + 60, _label(lp.exposed_pad_length, unit, None, dual),
                 small)
        if lp.exposed_pad_width:
            vdim(draw, cy - 90, cy + 90, cx + 150, _label(lp.exposed_pad_width, unit, None, dual),
                 small, ext_from=cx + 70, upright=upright)
    if style == "vias" and (lp.exposed_pad_width or lp.exposed_pad_length):
        _thermal_vias(draw, cx, cy, small)
    if labels["rows"]:
        vdim(draw, cy - rows_w / 2, cy + rows_w / 2, x0 - 90, labels["rows"], mid, ext_from=x0,
             upright=upright)
    if labels["pad_length"]:
        vdim(draw, cy + rows_w / 2 - pad_h / 2, cy + rows_w / 2 + pad_h / 2, xr + 200,
             labels["pad_length"], mid, ext_from=xr, upright=upright)
    caption = "RECOMMENDED LAND PATTERN" if style == "table" else "LAND PATTERN EXAMPLE"
    centred_text(draw, (cx, 780 if style != "table" else 720), caption, mid)
    if style == "table":
        header = [["Units", "\0", "MILLIMETERS" if unit == "mm" else "INCHES", "\0", "\0"],
                  ["Dimension Limits", "\0", "MIN", "NOM", "MAX"]]
        rows_out = []
        for desc, letter, name in LAND_ROWS:
            value = getattr(lp, name)
            if value is None:
                continue
            if name in ("pad_width", "pad_length"):
                desc = f"{desc} (X{reading.pin_count})"
            rows_out.append([desc, letter] + _cells(value, unit, basic=name == "pitch"))
        table(draw, 60, 780, header, rows_out, [400, 80, 180, 180, 180], small)
    else:
        draw.text((40, 860), "NOTES: dimensions in inches [millimeters]" if style == "dual"
                  else "NOTES: dimensions in millimeters", font=small, fill=BLACK)
    draw.text((40, PAGE[1] - 60), "Drawing rendered by ds2fp (synthetic example)",
              font=small, fill=BLACK)
    return image


VIA_STEP_PX = 35  # the vias' spacing, printed as 0.6 mm: no spacing of the pads


def _thermal_vias(draw, cx: float, cy: float, fnt) -> None:
    """A 3 x 3 grid of vias in the upper part of the exposed pad (clear of its length's
    dimension), their drill and their spacing printed."""
    top = cy - 30
    for i in (-1, 0, 1):
        for j in (-1, 0, 1):
            x, y = cx + i * VIA_STEP_PX, top + j * VIA_STEP_PX
            draw.ellipse([(x - 6, y - 6), (x + 6, y + 6)], outline=BLACK, width=2)
    hdim(draw, cx - VIA_STEP_PX, cx, cy - 125, "(0.6) TYP", fnt,
         ext_from=top - VIA_STEP_PX)
    draw.text((cx + 170, cy + 100), "9X (0.2) VIA", font=fnt, fill=BLACK)
    draw.line([(cx + 166, cy + 110), (cx + VIA_STEP_PX + 6, top + VIA_STEP_PX + 6)],
              fill=BLACK, width=1)


def noise_page(size=(900, 700), seed: int = 0):
    """A photo-like page of random noise (bad-input tests)."""
    import random

    from PIL import Image

    rng = random.Random(seed)
    data = bytes(rng.getrandbits(8) for _ in range(size[0] * size[1] * 3))
    return Image.frombytes("RGB", size, data)
