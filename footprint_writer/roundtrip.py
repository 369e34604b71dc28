"""Import -> render round trip of existing footprints, compared pad by pad.

Shared by the test sample (tests/writer/test_roundtrip.py) and the whole-library benchmark
(benchmarks/roundtrip_official.py). Pads are compared as kiutils parses them from the
original and from our rendered text: number, type, shape, position, rotation, size, drill
(size, slot, offset), layers (wildcards expanded), roundrect ratio, chamfer, trapezoid delta.
"""

import math
from typing import Dict, List, Optional, Tuple

from kiutils.footprint import Footprint

from footprint_writer.layers import expand_layers
from footprint_writer.sexpr import parse as parse_sexpr

Record = Dict[str, object]

FIELDS = ("number", "type", "shape", "x", "y", "rotation", "size_x", "size_y", "drill",
          "layers", "roundrect_ratio", "chamfer", "delta", "anchor", "primitives", "offset")


def _primitives(pad) -> Optional[tuple]:
    """A custom pad's primitives as comparable tuples (type, points..., width)."""
    if pad.shape != "custom":
        return None
    out = []
    for prim in pad.customPadPrimitives:
        name = prim.__class__.__name__
        points = []
        for attr in ("start", "mid", "center", "end"):
            value = getattr(prim, attr, None)
            if value is not None:
                points.append((float(value.X), float(value.Y)))
        points += [(float(c.X), float(c.Y)) for c in getattr(prim, "coordinates", [])]
        out.append((name, tuple(points), float(getattr(prim, "width", 0) or 0)))
    return tuple(out)


def pad_records(text: str) -> List[Record]:
    """The pads of a footprint text, as comparable records (kiutils + raw rect_delta)."""
    tree = parse_sexpr(text)
    fp = Footprint.from_sexpr(tree)
    deltas = []
    for item in tree:
        if isinstance(item, list) and item and item[0] == "pad":
            delta = (0.0, 0.0)
            for sub in item:
                if isinstance(sub, list) and sub and sub[0] == "rect_delta":
                    delta = (float(sub[1]), float(sub[2]))
            deltas.append(delta)
    out = []
    for index, p in enumerate(fp.pads):
        drill = None
        if p.drill is not None and p.type in ("thru_hole", "np_thru_hole"):
            d = p.drill
            dy = d.width if (d.oval and d.width) else d.diameter
            off = (d.offset.X, d.offset.Y) if d.offset else (0.0, 0.0)
            drill = (float(d.diameter), float(dy), bool(d.oval and d.width), off)
        chamfer = None
        if p.chamfer and p.chamferRatio:
            chamfer = (float(p.chamferRatio), tuple(sorted(p.chamfer)))
        shape = p.shape
        ratio = None
        if shape == "roundrect":
            ratio = float(p.roundrectRatio) if p.roundrectRatio is not None else 0.25
        out.append({
            "number": "" if p.number is None else str(p.number), "type": p.type, "shape": shape,
            "x": float(p.position.X), "y": float(p.position.Y),
            "rotation": float(p.position.angle or 0.0) % 360.0,
            "size_x": float(p.size.X), "size_y": float(p.size.Y),
            "drill": drill, "layers": tuple(expand_layers(p.layers)),
            "roundrect_ratio": ratio, "chamfer": chamfer,
            "delta": deltas[index] if shape == "trapezoid" and index < len(deltas) else None,
            "anchor": ((p.customPadOptions.anchor if p.customPadOptions else "rect")
                       if shape == "custom" else None),
            "primitives": _primitives(p),
            "offset": ((float(p.drill.offset.X), float(p.drill.offset.Y))
                       if p.drill is not None and p.drill.offset is not None else (0.0, 0.0)),
        })
    return out


def _same(a, b, tol: float) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            return a is b
        return math.isclose(float(a), float(b), abs_tol=tol)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y, tol) for x, y in zip(a, b))
    return a == b


def diff_pads(original: List[Record], rebuilt: List[Record], tol: float = 1e-6
              ) -> List[Tuple[str, str]]:
    """(category, message) per difference; [] when the pads are identical."""
    problems: List[Tuple[str, str]] = []
    if len(original) != len(rebuilt):
        problems.append(("pad_count", f"{len(original)} pads became {len(rebuilt)}"))
    for index, (a, b) in enumerate(zip(original, rebuilt)):
        for field in FIELDS:
            va, vb = a[field], b[field]
            if field == "rotation":
                diff = abs(float(va) - float(vb)) % 360.0
                if min(diff, 360.0 - diff) > tol:
                    problems.append((field, f"pad #{index + 1} ({a['number']}): {va} -> {vb}"))
                continue
            if field in ("x", "y"):
                field_name = "position"
            elif field in ("size_x", "size_y"):
                field_name = "size"
            elif field == "primitives":
                field_name = "custom_primitives"
            else:
                field_name = field
            if field == "primitives" and va is not None and vb is not None and \
                    len(va) == len(vb) == 1 and va[0][0] == vb[0][0] == "GrPoly":
                # one polygon: compare its points; a width-0 poly written as 'fill yes'
                va, vb = va[0][1:], vb[0][1:]
            if not _same(va, vb, tol):
                detail = (f"{len(va or ())} primitives -> {len(vb or ())}"
                          if field == "primitives" else f"{field} {va!r} -> {vb!r}")
                problems.append((field_name, f"pad #{index + 1} ({a['number']}): {detail}"))
    return problems


def roundtrip_text(text: str) -> Tuple[Optional[str], List[Tuple[str, str]]]:
    """Import `text`, render it, compare pads. Returns (rendered or None, problems);
    failures to import or render are reported as one problem of their own category."""
    from footprint_writer.importer import import_footprint
    from footprint_writer.render import render

    try:
        original = pad_records(text)
    except Exception as exc:  # kiutils raises bare Exceptions
        return None, [("original_unparsable", str(exc)[:200])]
    try:
        spec = import_footprint(text)
    except Exception as exc:  # InputError or a pydantic ValidationError
        first = str(exc).splitlines()
        return None, [("import_failed", (first[0] if first else repr(exc))[:200]
                       + (" | " + first[1][:120] if len(first) > 1 else ""))]
    try:
        rendered = render(spec)
    except Exception as exc:
        return None, [("render_failed", repr(exc)[:200])]
    try:
        rebuilt = pad_records(rendered)
    except Exception as exc:
        return rendered, [("rendered_unparsable", str(exc)[:200])]
    return rendered, diff_pads(original, rebuilt)
