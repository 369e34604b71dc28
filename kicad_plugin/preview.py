"""The footprint preview as a display list (screen coordinates), drawn by ui/preview_panel.

Everything geometric comes from the bridge's `drawing` (the writer's own fab outline,
courtyard, silkscreen, pin-1 mark and exact pad outlines), so the preview shows the file
that will be written. Pure Python: tests check it without a display.
"""

import math
from typing import Any, Dict, List, Optional, Sequence, Tuple

Point = Tuple[float, float]
Colour = Tuple[int, int, int]

# KiCad's default dark theme, roughly: F.Cu, F.Paste, F.Fab, F.CrtYd, F.SilkS.
COPPER: Colour = (200, 52, 52)
EXPOSED: Colour = (190, 70, 60)
PASTE: Colour = (120, 120, 140)
HOLE: Colour = (30, 30, 30)
FAB: Colour = (175, 175, 175)
COURTYARD: Colour = (255, 38, 226)
SILK: Colour = (242, 237, 161)
PIN1: Colour = (80, 220, 255)
DOUBT: Colour = (255, 150, 0)
TEXT: Colour = (255, 255, 255)
BACKGROUND: Colour = (0, 16, 35)


class View:
    """mm -> pixels: the whole courtyard (or pad field) fitted into the canvas."""

    def __init__(self, box: Tuple[float, float, float, float], width: int, height: int,
                 margin: int = 24):
        x0, y0, x1, y1 = box
        span_x = max(x1 - x0, 0.1)
        span_y = max(y1 - y0, 0.1)
        self.scale = max(1e-3, min((width - 2 * margin) / span_x,
                                   (height - 2 * margin) / span_y))
        self.ox = width / 2.0 - (x0 + x1) / 2.0 * self.scale
        self.oy = height / 2.0 - (y0 + y1) / 2.0 * self.scale

    def pt(self, p: Sequence[float]) -> Point:
        return (self.ox + p[0] * self.scale, self.oy + p[1] * self.scale)

    def length(self, mm: float) -> float:
        return mm * self.scale


def extent(drawing: Dict[str, Any]) -> Tuple[float, float, float, float]:
    """Bounds of everything drawn: courtyard, copper, body, silkscreen and pin-1 mark."""
    xs: List[float] = []
    ys: List[float] = []
    if drawing.get("courtyard"):
        x0, y0, x1, y1 = drawing["courtyard"]
        xs += [x0, x1]
        ys += [y0, y1]
    for pad in drawing.get("pads") or []:
        for outline in pad.get("outlines") or []:
            r = outline.get("radius", 0.0)
            for x, y in outline.get("points") or []:
                xs += [x - r, x + r]
                ys += [y - r, y + r]
    points = list(drawing.get("fab") or []) + list(drawing.get("pin1_mark") or [])
    for a, b in drawing.get("silk") or []:
        points += [a, b]
    for x, y in points:
        xs.append(x)
        ys.append(y)
    if not xs:
        return (-1.0, -1.0, 1.0, 1.0)
    return (min(xs), min(ys), max(xs), max(ys))


def display_list(drawing: Optional[Dict[str, Any]], width: int, height: int,
                 doubtful_pads: Sequence[str] = ()) -> List[Dict[str, Any]]:
    """Ops in drawing order: {"op": "poly"|"lines"|"rect"|"text"|"scale", ...}."""
    if not drawing or width < 20 or height < 20:
        return []
    view = View(extent(drawing), width, height)
    ops: List[Dict[str, Any]] = []
    if drawing.get("courtyard"):
        x0, y0, x1, y1 = drawing["courtyard"]
        a, b = view.pt((x0, y0)), view.pt((x1, y1))
        ops.append({"op": "rect", "x0": a[0], "y0": a[1], "x1": b[0], "y1": b[1],
                    "colour": COURTYARD, "width": 1.0, "label": "courtyard"})
    fab = drawing.get("fab") or []
    if fab:
        ops.append({"op": "lines", "points": [view.pt(p) for p in fab] + [view.pt(fab[0])],
                    "colour": FAB, "width": max(1.0, view.length(0.1)), "label": "body"})
    doubt = set(str(p) for p in doubtful_pads)
    pin1 = drawing.get("pin1")
    labels = []
    for pad in drawing.get("pads") or []:
        role = pad.get("role", "signal")
        colour = {"paste_window": PASTE, "exposed": EXPOSED}.get(role, COPPER)
        number = str(pad.get("number", ""))
        outline_colour: Optional[Colour] = None
        if number and number in doubt:
            outline_colour = DOUBT
        elif number and number == pin1 and role == "signal":
            outline_colour = PIN1
        for outline in pad.get("outlines") or []:
            ops.append({"op": "poly", "points": [view.pt(p) for p in outline["points"]],
                        "radius": view.length(outline.get("radius", 0.0)),
                        "colour": colour, "outline": outline_colour,
                        "alpha": 140 if role == "paste_window" else 255,
                        "label": f"pad {number}" if number else role})
        for hole in pad.get("drills") or []:
            ops.append({"op": "poly", "points": [view.pt(p) for p in hole["points"]],
                        "radius": view.length(hole.get("radius", 0.0)), "colour": HOLE,
                        "outline": None, "alpha": 255, "label": "drill"})
        if number and role in ("signal", "exposed") and pad.get("outlines"):
            labels.append((number, view.pt((pad["x"], pad["y"])), _pad_size_px(pad, view)))
    for a, b in drawing.get("silk") or []:
        ops.append({"op": "lines", "points": [view.pt(a), view.pt(b)], "colour": SILK,
                    "width": max(1.0, view.length(0.12)), "label": "silk"})
    mark = drawing.get("pin1_mark") or []
    if mark:
        ops.append({"op": "poly", "points": [view.pt(p) for p in mark], "radius": 0.0,
                    "colour": SILK, "outline": None, "alpha": 255, "label": "pin-1 mark"})
    seen = set()
    for number, (x, y), size in labels:
        if (number, round(x), round(y)) in seen:
            continue
        seen.add((number, round(x), round(y)))
        ops.append({"op": "text", "text": number, "x": x, "y": y,
                    "size": max(7.0, min(16.0, size * 0.55)),
                    "colour": PIN1 if number == pin1 else TEXT, "label": f"number {number}"})
    ops.append(_scale_bar(view, width, height))
    return ops


def _pad_size_px(pad: Dict[str, Any], view: View) -> float:
    xs, ys = [], []
    for outline in pad.get("outlines") or []:
        r = outline.get("radius", 0.0)
        for x, y in outline["points"]:
            xs += [x - r, x + r]
            ys += [y - r, y + r]
    if not xs:
        return 10.0
    return view.length(min(max(xs) - min(xs), max(ys) - min(ys)))


def _scale_bar(view: View, width: int, height: int) -> Dict[str, Any]:
    """A bar of a round length (0.1, 0.2, 0.5, 1, 2, 5 ... mm) about 80 px long."""
    target = 80.0 / view.scale
    power = 10 ** math.floor(math.log10(target))
    length = power
    for step in (1, 2, 5, 10):
        if step * power <= target:
            length = step * power
    px = view.length(length)
    return {"op": "scale", "x0": 12.0, "x1": 12.0 + px, "y": height - 12.0,
            "text": f"{length:g} mm", "colour": TEXT}
