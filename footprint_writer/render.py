"""FootprintSpec -> `.kicad_mod` text via kiutils, following the KiCad Library Conventions.

Pure: no I/O, no clock, no random ids, so the same spec always gives the same bytes
(golden files stay stable). KiCad 6 format (20211014), which KiCad 6 to 10 load.
Every free string goes through `sexpr.kiutils_text` (kiutils escapes quotes, not
backslashes or line breaks) and layer names are KiCad's own (schemas.layers), so no text
in a spec can end its string early and add tokens to the file.
kiutils gaps handled here: it has no `rect_delta` (trapezoid pads; inserted into the
text afterwards) and writes floats with repr (every number is rounded first).
"""

import re
from typing import Iterator, List, Optional, Sequence

from kiutils.footprint import Attributes, DrillDefinition, Footprint, Model, PadOptions
from kiutils.footprint import Pad as KPad
from kiutils.items.common import Coordinate, Effects, Font, Position
from kiutils.items.fpitems import FpLine, FpPoly, FpText
from kiutils.items.gritems import GrArc, GrCircle, GrLine, GrPoly

from footprint_writer import conventions as klc
from footprint_writer import graphics
from footprint_writer.sexpr import kiutils_text
from schemas.footprint import FootprintSpec, Pad, PadPrimitive

_KTYPE = {"smd": "smd", "tht": "thru_hole", "npth": "np_thru_hole", "connect": "connect"}


def num(value: float):
    """A number as KiCad writes it: rounded, integral values without '.0', no '-0'."""
    v = round(float(value), klc.DECIMALS) + 0.0
    if v == int(v):
        return int(v)
    return v


def _pos(x: float, y: float, angle: Optional[float] = None) -> Position:
    a = None
    if angle is not None and num(angle) != 0:
        a = num(angle)
    return Position(X=num(x), Y=num(y), angle=a)


def pad_layers(pad: Pad, spec: FootprintSpec) -> List[str]:
    """Layers to write: explicit ones, else KLC defaults by role and kind.

    Paste windows are F.Paste only; thermal vias are copper only (tented by the EP's mask
    opening, as in KiCad's library); an exposed pad whose paste is split into windows
    gets no paste of its own."""
    if pad.layers is not None:
        return list(pad.layers)
    if pad.role == "paste_window":
        return ["F.Paste"]
    if pad.role == "thermal_via":
        return ["*.Cu"]
    layers = pad.effective_layers()
    if pad.role == "exposed" and any(p.role == "paste_window" for p in spec.pads):
        layers = [layer for layer in layers if layer != "F.Paste"]
    return layers


def roundrect_ratio(pad: Pad) -> float:
    """Given ratio, else KLC: radius 25 % of the short side, at most 0.25 mm."""
    if pad.roundrect_ratio is not None:
        return pad.roundrect_ratio
    short = min(pad.size_x, pad.size_y)
    if short <= 0:
        return klc.ROUNDRECT_RATIO
    return min(klc.ROUNDRECT_RATIO, klc.ROUNDRECT_MAX_RADIUS / short)


def _kpad(pad: Pad, spec: FootprintSpec) -> KPad:
    shape = pad.shape
    chamfered = bool(pad.chamfer_corners) and pad.chamfer_ratio is not None \
        and shape in ("rect", "roundrect")
    kpad = KPad(
        number="" if pad.role == "paste_window" else kiutils_text(pad.number),
        type=_KTYPE[pad.kind],
        shape="roundrect" if chamfered else shape,
        position=_pos(pad.x, pad.y, pad.rotation),
        size=Position(X=num(pad.size_x), Y=num(pad.size_y)),
        layers=pad_layers(pad, spec))
    if pad.drill is not None:
        d = pad.drill
        offset = None
        if num(d.offset_x) != 0 or num(d.offset_y) != 0:
            offset = Position(X=num(d.offset_x), Y=num(d.offset_y))
        kpad.drill = DrillDefinition(oval=d.is_slot, diameter=num(d.diameter),
                                     width=num(d.slot_length) if d.is_slot else None,
                                     offset=offset)
    if shape == "roundrect":
        kpad.roundrectRatio = num(roundrect_ratio(pad))
    elif chamfered:
        kpad.roundrectRatio = 0
    if chamfered:
        kpad.chamferRatio = num(pad.chamfer_ratio)
        kpad.chamfer = [c for c in ("top_left", "top_right", "bottom_left", "bottom_right")
                        if c in pad.chamfer_corners]
    if shape == "custom":
        kpad.customPadOptions = PadOptions(clearance="outline",
                                           anchor=pad.custom_anchor or "rect")
        prims: list = []
        if pad.polygon:
            prims.append(GrPoly(coordinates=[Position(X=num(x), Y=num(y)) for x, y in pad.polygon],
                                width=num(pad.polygon_width or 0), fill="yes"))
        prims += [_primitive(p) for p in pad.primitives]
        kpad.customPadPrimitives = prims
    if pad.mask_margin is not None:
        kpad.solderMaskMargin = num(pad.mask_margin)
    if pad.paste_margin is not None:
        kpad.solderPasteMargin = num(pad.paste_margin)
    if pad.paste_margin_ratio is not None:
        kpad.solderPasteMarginRatio = num(pad.paste_margin_ratio)
    return kpad


def _primitive(prim: PadPrimitive):
    """A custom-pad primitive as the kiutils gr_* item KiCad 6 expects inside a pad."""
    pts = [Position(X=num(x), Y=num(y)) for x, y in prim.points]
    width = num(prim.width)
    if prim.kind == "poly":
        return GrPoly(coordinates=pts, width=width, fill="yes" if prim.fill else None)
    if prim.kind == "line":
        return GrLine(start=pts[0], end=pts[1], width=width)
    if prim.kind == "arc":
        return GrArc(start=pts[0], mid=pts[1], end=pts[2], width=width)
    return GrCircle(center=pts[0], end=pts[1], width=width, fill="yes" if prim.fill else None)


def _text(kind: str, text: str, x: float, y: float, layer: str, size: float) -> FpText:
    thickness = num(max(0.01, round(size * klc.TEXT_THICKNESS / klc.TEXT_SIZE, 2)))
    return FpText(type=kind, text=kiutils_text(text), position=_pos(x, y), layer=layer,
                  effects=Effects(font=Font(height=num(size), width=num(size),
                                            thickness=thickness)))


def _line(a, b, layer: str, width: float) -> FpLine:
    return FpLine(start=_pos(*a), end=_pos(*b), layer=layer, width=width)


def _graphics(spec: FootprintSpec) -> list:
    items: list = []
    crt = graphics.courtyard_box(spec)
    body = graphics.outline_box(spec)  # the body, else the pad field (THT origin: pad 1)
    cx = (body[0] + body[2]) / 2 if body else 0.0
    cy = (body[1] + body[3]) / 2 if body else 0.0
    top = crt[1] if crt else -1.0
    bottom = crt[3] if crt else 1.0
    items.append(_text("reference", "REF**", cx, top - klc.TEXT_OFFSET, "F.SilkS",
                       klc.TEXT_SIZE))
    items.append(_text("value", spec.name, cx, bottom + klc.TEXT_OFFSET, "F.Fab",
                       klc.TEXT_SIZE))
    items.append(_text("user", "${REFERENCE}", cx, cy, "F.Fab", graphics.fab_text_size(spec)))
    for a, b in graphics.silk_outline(spec):
        items.append(_line(a, b, "F.SilkS", klc.SILK_WIDTH))
    mark = graphics.pin1_mark(spec)
    if mark:
        items.append(FpPoly(layer="F.SilkS", width=klc.SILK_WIDTH, fill="solid",
                            coordinates=[_pos(x, y) for x, y in mark]))
    if crt is not None:
        x0, y0, x1, y1 = crt
        for a, b in graphics.closed_segments([(x0, y0), (x1, y0), (x1, y1), (x0, y1)]):
            items.append(_line(a, b, "F.CrtYd", klc.COURTYARD_WIDTH))
    for a, b in graphics.closed_segments(graphics.fab_outline(spec)):
        items.append(_line(a, b, "F.Fab", klc.FAB_WIDTH))
    return items


def build_kiutils(spec: FootprintSpec) -> Footprint:
    """The kiutils object for `spec` (without trapezoid deltas, see render)."""
    fp = Footprint(entryName=kiutils_text(spec.name), version=klc.FILE_VERSION,
                   generator=klc.GENERATOR, tedit=klc.TEDIT)
    fp.description = kiutils_text(spec.description) or None
    fp.tags = kiutils_text(spec.tags) or None
    # spec.datasheet is not written as a property: KLC F9.1 (kicad-library-utils'
    # check_footprint) refuses a datasheet field on a footprint; the link is in the descr.
    attr = spec.attribute if spec.attribute in ("smd", "through_hole") else None
    fp.attributes = Attributes(type=attr)
    fp.graphicItems = _graphics(spec)
    fp.pads = [_kpad(p, spec) for p in spec.pads]
    if spec.model3d is not None:
        m = spec.model3d
        fp.models = [Model(path=kiutils_text(m.path),
                           pos=Coordinate(*(num(v) for v in m.offset)),
                           scale=Coordinate(*(num(v) for v in m.scale)),
                           rotate=Coordinate(*(num(v) for v in m.rotate)))]
    return fp


_PAD_HEAD = re.compile(r'(\(pad "(?:[^"\\]|\\.)*" \w+ \w+ \(at [^)]*\) \(size [^)]*\))')


def _pad_extras(pad: Pad) -> str:
    """What kiutils cannot write: trapezoid `rect_delta`, and the shape offset of a pad
    without drill (`(drill (offset x y))`; kiutils mangles a drill without diameter)."""
    extra = ""
    if pad.shape == "trapezoid":
        dx, dy = pad.trapezoid_delta or (0.0, 0.0)
        extra += f" (rect_delta {num(dx)} {num(dy)})"
    if pad.drill is None and pad.shape_offset and any(num(v) != 0 for v in pad.shape_offset):
        extra += f" (drill (offset {num(pad.shape_offset[0])} {num(pad.shape_offset[1])}))"
    return extra


def _insert_pad_extras(text: str, pads: Sequence[Pad]) -> str:
    extras: Iterator[str] = iter([_pad_extras(p) for p in pads])

    def add(match: "re.Match") -> str:
        return match.group(1) + next(extras)

    return _PAD_HEAD.sub(add, text)


def render(spec: FootprintSpec) -> str:
    """The `.kicad_mod` text for `spec`; deterministic, KiCad 6 format."""
    text = build_kiutils(spec).to_sexpr()
    if any(_pad_extras(p) for p in spec.pads):
        text = _insert_pad_extras(text, spec.pads)
    return text if text.endswith("\n") else text + "\n"
