"""Existing `.kicad_mod` -> FootprintSpec, so a library footprint can be reviewed, edited
and rebuilt. Pads are taken over exactly; body and courtyard are the bounding boxes of
F.Fab and F.CrtYd graphics. Everything carries provenance `kicad_library`.

kiutils 1.4.8 quirks handled here: it drops `rect_delta` (trapezoid pads; read from the raw
s-expression instead), and custom pads keep their primitives as gr_* objects that we turn
into one polygon (exact for a single gr_poly, approximated otherwise, with an info issue).
"""

import math
import os
import re
from pathlib import Path
from types import SimpleNamespace
from typing import List, Optional, Tuple, Union

from kiutils.footprint import Footprint
from kiutils.items import fpitems
from pydantic import ValidationError

from footprint_writer.courtyard import with_basis
from footprint_writer.errors import InputError
from footprint_writer.render import pad_layers
from footprint_writer.sexpr import parse as parse_sexpr
from footprint_writer.shapes import convex_hull
from schemas.footprint import Body, Drill, FootprintSpec, Model3D, Pad, PadPrimitive, Rect
from schemas.geometry import arc_points
from schemas.provenance import Issue, Provenance
from schemas.text import FOOTPRINT_NAME_CHARS

_KIND = {"smd": "smd", "thru_hole": "tht", "np_thru_hole": "npth", "connect": "connect"}
_SHAPES = {"rect", "roundrect", "circle", "oval", "trapezoid", "custom"}
_NAME_BAD = re.compile(f"[^{FOOTPRINT_NAME_CHARS}]")


def import_footprint(path_or_text: Union[str, os.PathLike]) -> FootprintSpec:
    """Parse a footprint file (or its text) into a FootprintSpec; InputError if unreadable."""
    text, origin = _read(path_or_text)
    try:
        tree = parse_sexpr(text)
        fp = Footprint.from_sexpr(tree)
    except Exception as exc:  # kiutils raises bare Exceptions on malformed input
        raise InputError(f"{origin}: not a KiCad footprint ({exc})") from exc
    try:
        return _convert(fp, tree, origin)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise InputError(f"{origin}: {exc.title} {where}: {first['msg']} (outside what ds2fp "
                         f"accepts)", hint="footprints above 300 mm or with more than 2000 "
                                           "pads are not supported") from exc


def _convert(fp: Footprint, tree: list, origin: str) -> FootprintSpec:
    if fp.version is not None and str(fp.version).isdigit() and int(fp.version) > 20211014:
        issues = [Issue(code="newer_format", severity="info",
                        message=f"file format {fp.version} is newer than KiCad 6; "
                                f"imported what kiutils understands")]
    else:
        issues = []
    deltas = _trapezoid_deltas(tree)
    pads = []
    for index, kpad in enumerate(fp.pads):
        pad, notes = _pad(kpad, deltas.get(index), fp)
        pads.append(pad)
        issues += notes
    _assign_roles(pads, fp.entryName or "")
    _pin_layers(pads, fp.pads)
    name = fp.entryName or "imported"
    if _NAME_BAD.search(name):
        issues.append(Issue(code="name_changed", severity="info",
                            message=f"name '{name}' has characters ds2fp does not write"))
        name = _NAME_BAD.sub("_", name)
    attr = fp.attributes.type if fp.attributes and fp.attributes.type else "unspecified"
    fab = _layer_bounds(fp, "F.Fab")
    crt = _layer_bounds(fp, "F.CrtYd")
    body = courtyard = None
    try:
        if fab is not None and fab[2] - fab[0] > 0 and fab[3] - fab[1] > 0:
            body = Body(size_x=_r(fab[2] - fab[0]), size_y=_r(fab[3] - fab[1]),
                        center_x=_r((fab[0] + fab[2]) / 2), center_y=_r((fab[1] + fab[3]) / 2))
        if crt is not None:
            courtyard = Rect(x0=_r(crt[0]), y0=_r(crt[1]), x1=_r(crt[2]), y1=_r(crt[3]))
    except ValidationError as exc:  # graphics beyond ds2fp's limits: keep the pads
        issues.append(Issue(code="outline_dropped", severity="warning",
                            message=f"F.Fab/F.CrtYd outline outside ds2fp's limits "
                                    f"({exc.errors()[0]['msg']}); body/courtyard left out"))
    numbers = {p.number for p in pads if p.number}
    pin1 = "1" if "1" in numbers else ("A1" if "A1" in numbers else None)
    model = None
    if fp.models:
        m = fp.models[0]
        model = Model3D(path=m.path[:500], offset=(m.pos.X, m.pos.Y, m.pos.Z),
                        scale=(m.scale.X, m.scale.Y, m.scale.Z),
                        rotate=(m.rotate.X, m.rotate.Y, m.rotate.Z))
    src = Provenance(source="kicad_library", detail=origin[:300])
    return with_basis(FootprintSpec(
        name=name[:120], description=(fp.description or "")[:2000], tags=(fp.tags or "")[:500],
        datasheet=_datasheet(fp.description or ""),
        attribute=attr if attr in ("smd", "through_hole") else "unspecified",
        body=body, pads=pads, pin1=pin1, courtyard=courtyard, model3d=model,
        provenance={"pads": src, "body": src, "courtyard": src},
        issues=issues[:500]))


def _read(path_or_text) -> Tuple[str, str]:
    if isinstance(path_or_text, os.PathLike) or (
            isinstance(path_or_text, str) and not path_or_text.lstrip().startswith("(")):
        path = Path(path_or_text)
        try:
            return path.read_text(encoding="utf-8"), str(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read footprint {path}: {exc}") from exc
    return str(path_or_text), "<text>"


def _r(value: float) -> float:
    return round(float(value), 6) + 0.0


def _datasheet(descr: str) -> str:
    m = re.search(r"https?://[^\s,)]+", descr)
    return m.group(0)[:500] if m else ""


def _trapezoid_deltas(tree) -> dict:
    """rect_delta per pad index, read from the raw s-expression (kiutils drops it)."""
    out, index = {}, 0
    for item in tree:
        if isinstance(item, list) and item and item[0] == "pad":
            for sub in item:
                if isinstance(sub, list) and sub and sub[0] == "rect_delta":
                    out[index] = (float(sub[1]), float(sub[2]))
            index += 1
    return out


def _pad(kpad, delta, fp) -> Tuple[Pad, List[Issue]]:
    notes: List[Issue] = []
    kind = _KIND.get(kpad.type)
    if kind is None:
        raise InputError(f"pad {kpad.number}: unknown pad type '{kpad.type}'")
    shape = kpad.shape if kpad.shape in _SHAPES else "rect"
    drill = None
    if kpad.drill is not None and kind in ("tht", "npth"):
        d = kpad.drill
        off = d.offset
        diameter = d.diameter
        slot = None
        if d.oval and d.width is not None:
            slot = d.width
        if diameter and diameter > 0:
            drill = Drill(diameter=_r(diameter), slot_length=_r(slot) if slot else None,
                          offset_x=_r(off.X) if off else 0.0, offset_y=_r(off.Y) if off else 0.0)
    if kind in ("tht", "npth") and drill is None:
        # A hole-less through-hole pad cannot exist in KiCad; keep the copper, flag it.
        notes.append(Issue(code="no_drill", severity="warning", pads=[kpad.number],
                           message=f"pad {kpad.number}: {kpad.type} pad without drill; "
                                   f"imported as SMD"))
        kind = "smd"
    polygon: List[Tuple[float, float]] = []
    primitives: List[PadPrimitive] = []
    anchor = None
    width = 0.0
    if shape == "custom":
        polygon, width, primitives, exact = _custom_shape(kpad.customPadPrimitives)
        anchor = kpad.customPadOptions.anchor if kpad.customPadOptions else "rect"
        if anchor not in ("rect", "circle"):
            anchor = "rect"
        if len(polygon) < 3 and not primitives:
            shape, polygon = "rect", []
            notes.append(Issue(code="custom_pad_empty", severity="warning", pads=[kpad.number],
                               message=f"pad {kpad.number}: custom pad without usable "
                                       f"primitives; imported its anchor as a rect"))
        elif not exact:
            notes.append(Issue(code="custom_pad_approximated", severity="info",
                               pads=[kpad.number],
                               message=f"pad {kpad.number}: custom pad primitives "
                                       f"approximated by one polygon"))
    mask = kpad.solderMaskMargin if kpad.solderMaskMargin else fp.solderMaskMargin
    paste = kpad.solderPasteMargin if kpad.solderPasteMargin else fp.solderPasteMargin
    ratio = kpad.solderPasteMarginRatio if kpad.solderPasteMarginRatio else fp.solderPasteRatio
    pad = Pad(
        number=_number(kpad.number), kind=kind, shape=shape,
        x=_r(kpad.position.X), y=_r(kpad.position.Y),
        rotation=_r(kpad.position.angle or 0.0),
        size_x=_r(kpad.size.X), size_y=_r(kpad.size.Y), drill=drill,
        layers=_layers(kind, list(kpad.layers)),
        roundrect_ratio=_r(kpad.roundrectRatio) if kpad.roundrectRatio is not None else None,
        chamfer_ratio=_r(kpad.chamferRatio) if kpad.chamferRatio is not None else None,
        chamfer_corners=[c for c in kpad.chamfer
                         if c in ("top_left", "top_right", "bottom_left", "bottom_right")],
        trapezoid_delta=(_r(delta[0]), _r(delta[1])) if shape == "trapezoid" and delta else None,
        polygon=polygon[:512], custom_anchor=anchor, polygon_width=width or None,
        primitives=primitives[:64],
        shape_offset=_shape_offset(kpad) if drill is None else None,
        mask_margin=_r(mask) if mask else None,
        paste_margin=_r(paste) if paste else None,
        paste_margin_ratio=_r(ratio) if ratio else None)
    return pad, notes


def _shape_offset(kpad) -> Optional[Tuple[float, float]]:
    """`(drill (offset x y))` on a pad without hole: KiCad's copper offset."""
    off = kpad.drill.offset if kpad.drill is not None else None
    if off is None or (not off.X and not off.Y):
        return None
    return (_r(off.X), _r(off.Y))


def _number(value) -> str:
    """kiutils returns unquoted pad numbers (`(pad 1 smd ...)`) as int."""
    return "" if value is None else str(value)


def _layers(kind: str, layers: List[str]) -> Optional[List[str]]:
    """None when the layers are the kind's default (so a rebuilt pad gets the same)."""
    probe = Pad(kind=kind, x=0, y=0, size_x=1, size_y=1,
                drill=Drill(diameter=0.5) if kind in ("tht", "npth") else None)
    return None if layers == probe.effective_layers() else layers


def _pin_layers(pads: List[Pad], kpads) -> None:
    """Give a pad explicit layers where the writer's role-based default would differ from
    the file (e.g. a thermal via with mask openings), so rendering reproduces the file."""
    holder = SimpleNamespace(pads=pads)
    for k, (pad, kpad) in enumerate(zip(pads, kpads)):
        if pad.layers is None and pad_layers(pad, holder) != list(kpad.layers):
            pads[k] = pad.model_copy(update={"layers": list(kpad.layers)})


def _custom_shape(prims) -> Tuple[List[Tuple[float, float]], float, List[PadPrimitive], bool]:
    """(polygon, polygon width, further primitives, exact) for a custom pad's primitives.

    A single gr_poly becomes `polygon` (+ its stroke width); anything else is kept as
    `primitives` one by one. Only a primitive kind FootprintSpec has no word for (gr_curve)
    forces an approximation: then everything becomes one convex polygon."""
    if len(prims) == 1 and prims[0].__class__.__name__ == "GrPoly":
        return ([(_r(p.X), _r(p.Y)) for p in prims[0].coordinates],
                _r(prims[0].width or 0.0), [], True)
    out: List[PadPrimitive] = []
    for prim in prims:
        name = prim.__class__.__name__
        width = _r(prim.width or 0.0)
        if name == "GrPoly":
            pts = [(p.X, p.Y) for p in prim.coordinates]
            out.append(PadPrimitive(kind="poly", points=_pts(pts), width=width,
                                    fill=prim.fill == "yes"))
        elif name == "GrLine":
            out.append(PadPrimitive(kind="line", points=_pts([(prim.start.X, prim.start.Y),
                                                              (prim.end.X, prim.end.Y)]),
                                    width=width, fill=False))
        elif name == "GrArc":
            out.append(PadPrimitive(kind="arc", points=_pts([
                (prim.start.X, prim.start.Y), (prim.mid.X, prim.mid.Y),
                (prim.end.X, prim.end.Y)]), width=width, fill=False))
        elif name == "GrCircle":
            out.append(PadPrimitive(kind="circle", points=_pts([
                (prim.center.X, prim.center.Y), (prim.end.X, prim.end.Y)]), width=width,
                fill=prim.fill == "yes"))
        elif name == "GrRect":
            (x0, y0), (x1, y1) = (prim.start.X, prim.start.Y), (prim.end.X, prim.end.Y)
            out.append(PadPrimitive(kind="poly", points=_pts([(x0, y0), (x1, y0), (x1, y1),
                                                              (x0, y1)]),
                                    width=width, fill=prim.fill == "yes"))
        else:
            return _hull_of(prims), 0.0, [], False
    return [], 0.0, out, True


def _pts(points) -> List[Tuple[float, float]]:
    return [(_r(x), _r(y)) for x, y in points]


def _hull_of(prims) -> List[Tuple[float, float]]:
    """Convex hull of every point of every primitive, strokes included (approximation)."""
    points: List[Tuple[float, float]] = []
    for prim in prims:
        w = (getattr(prim, "width", 0) or 0) / 2.0
        pts = [(p.X, p.Y) for p in getattr(prim, "coordinates", [])]
        for attr in ("start", "mid", "center", "end"):
            value = getattr(prim, attr, None)
            if value is not None:
                pts.append((value.X, value.Y))
        for x, y in pts:
            points += [(x + dx * w, y + dy * w) for dx, dy in
                       ((1, 0), (0, 1), (-1, 0), (0, -1), (0.7071, 0.7071),
                        (-0.7071, 0.7071), (0.7071, -0.7071), (-0.7071, -0.7071))]
    return _pts(convex_hull(points))


def _layer_bounds(fp, layer: str) -> Optional[Tuple[float, float, float, float]]:
    xs: List[float] = []
    ys: List[float] = []
    for item in fp.graphicItems:
        if getattr(item, "layer", None) != layer or isinstance(item, fpitems.FpText):
            continue
        if isinstance(item, (fpitems.FpLine, fpitems.FpRect)):
            xs += [item.start.X, item.end.X]
            ys += [item.start.Y, item.end.Y]
        elif isinstance(item, fpitems.FpPoly):
            xs += [p.X for p in item.coordinates]
            ys += [p.Y for p in item.coordinates]
        elif isinstance(item, fpitems.FpCircle):
            r = math.hypot(item.end.X - item.center.X, item.end.Y - item.center.Y)
            xs += [item.center.X - r, item.center.X + r]
            ys += [item.center.Y - r, item.center.Y + r]
        elif isinstance(item, fpitems.FpArc):
            for x, y in arc_points((item.start.X, item.start.Y), (item.mid.X, item.mid.Y),
                                    (item.end.X, item.end.Y), 32):
                xs.append(x)
                ys.append(y)
    if not xs:
        return None
    return (min(xs), min(ys), max(xs), max(ys))


def _assign_roles(pads: List[Pad], name: str) -> None:
    """Roles the file does not state: paste windows (paste-only pads), thermal vias
    (plated holes inside a same-numbered SMD pad) and that SMD pad as exposed pad."""
    for k, p in enumerate(pads):
        layers = p.effective_layers()
        if not any(layer.endswith(".Cu") for layer in layers) and "F.Paste" in layers:
            pads[k] = p.model_copy(update={"role": "paste_window"})
    smd_by_number = {}
    for k, p in enumerate(pads):
        if p.kind == "smd" and p.number and p.role == "signal":
            smd_by_number.setdefault(p.number, []).append(k)
    for k, p in enumerate(pads):
        if p.kind != "tht" or not p.number or p.number not in smd_by_number:
            continue
        for j in smd_by_number[p.number]:
            b = pads[j].bbox()
            if b[0] <= p.x <= b[2] and b[1] <= p.y <= b[3]:
                pads[k] = p.model_copy(update={"role": "thermal_via"})
                pads[j] = pads[j].model_copy(update={"role": "exposed"})
    if "EP" in name and not any(p.role == "exposed" for p in pads):
        smd = [k for k, p in enumerate(pads) if p.kind == "smd" and p.role == "signal"]
        areas = sorted(pads[k].size_x * pads[k].size_y for k in smd)
        if smd and areas[-1] > 2 * areas[len(areas) // 2]:
            big = max(smd, key=lambda k: pads[k].size_x * pads[k].size_y)
            number = pads[big].number
            for k in smd:
                if pads[k].number == number and number:
                    pads[k] = pads[k].model_copy(update={"role": "exposed"})
