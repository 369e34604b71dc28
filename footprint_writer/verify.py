"""Read a rendered `.kicad_mod` back and compare it with its spec before it is written.

Defence in depth behind the schema (KiCad layer names only, no control characters) and the
escaping at render: whatever a spec holds, the file on disk has exactly the spec's pads, in
order, with their numbers, positions and layers, and its strings read back as given. A
mismatch is a ds2fp bug; the writer refuses to write rather than write a different part.
"""

from typing import List

from footprint_writer.errors import Ds2fpError
from footprint_writer.render import num, pad_layers
from footprint_writer.sexpr import clean_text
from footprint_writer.sexpr import parse as parse_sexpr
from schemas.footprint import FootprintSpec


class RenderMismatchError(Ds2fpError):
    """The rendered text does not read back as the spec (nothing was written)."""

    code = "render_mismatch"


def _items(tree: list, head: str) -> List[list]:
    return [item for item in tree[1:] if isinstance(item, list) and item and item[0] == head]


def _field(item: list, head: str):
    found = _items(item, head)
    return found[0][1:] if found else None


def rendered_differences(spec: FootprintSpec, text: str) -> List[str]:
    """What in `text` differs from `spec` ([] when the file is the spec)."""
    try:
        tree = parse_sexpr(text)
    except ValueError as exc:
        return [f"the rendered text does not parse: {exc}"]
    if not isinstance(tree, list) or not tree or tree[0] != "footprint":
        return ["the rendered text is not one footprint"]
    problems = []
    if tree[1] != spec.name:
        problems.append(f"name {tree[1]!r} != {spec.name!r}")
    for head, want in (("descr", spec.description), ("tags", spec.tags)):
        got = _field(tree, head)
        if (got[0] if got else "") != clean_text(want):
            problems.append(f"{head} reads back as {got!r}")
    pads = _items(tree, "pad")
    if len(pads) != len(spec.pads):
        problems.append(f"{len(pads)} pads in the file, {len(spec.pads)} in the spec")
        return problems
    for k, (item, pad) in enumerate(zip(pads, spec.pads)):
        number = "" if pad.role == "paste_window" else clean_text(pad.number)
        at = _field(item, "at") or []
        layers = _field(item, "layers") or []
        if str(item[1]) != number:
            problems.append(f"pad {k}: number {item[1]!r} != {number!r}")
        if [num(v) for v in at[:2]] != [num(pad.x), num(pad.y)]:
            problems.append(f"pad {k} ({number}): at {at} != ({pad.x}, {pad.y})")
        if [str(v) for v in layers] != pad_layers(pad, spec):
            problems.append(f"pad {k} ({number}): layers {layers} != {pad_layers(pad, spec)}")
        if len(item) < 4 or str(item[3]) not in ("rect", "roundrect", "circle", "oval",
                                                   "trapezoid", "custom"):
            problems.append(f"pad {k} ({number}): shape {item[3:4]}")
    return problems


def verify_rendered(spec: FootprintSpec, text: str) -> None:
    """Raise RenderMismatchError if `text` is not exactly `spec`'s pads and strings."""
    problems = rendered_differences(spec, text)
    if problems:
        raise RenderMismatchError(
            f"{spec.name}: the rendered file would differ from the footprint description: "
            + "; ".join(problems[:5]),
            hint="this is a ds2fp bug; nothing was written (please report it with the JSON)")
