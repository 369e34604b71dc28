"""KiCad's board layer names, the only ones a footprint may name (KiCad 6-10).

A layer name reaches the `.kicad_mod` file as a bare token when it holds a wildcard, so a
free string there could write any S-expression into the file: the schema admits these names
only. The names and wildcards are KiCad's own (`LSET::Name`, `PCB_PARSER`'s layer masks).
"""

from typing import Literal, Tuple

COPPER_LAYER_NAMES: Tuple[str, ...] = (
    ("F.Cu",) + tuple(f"In{i}.Cu" for i in range(1, 31)) + ("B.Cu",))
TECHNICAL_LAYER_NAMES: Tuple[str, ...] = (
    "F.Adhes", "B.Adhes", "F.Paste", "B.Paste", "F.SilkS", "B.SilkS", "F.Mask", "B.Mask",
    "Dwgs.User", "Cmts.User", "Eco1.User", "Eco2.User", "Edge.Cuts", "Margin",
    "F.CrtYd", "B.CrtYd", "F.Fab", "B.Fab") + tuple(f"User.{i}" for i in range(1, 10)) + (
    "Rescue",)
WILDCARD_LAYER_NAMES: Tuple[str, ...] = (
    "*.Cu", "*In.Cu", "F&B.Cu", "*.Adhes", "*.Paste", "*.Mask", "*.SilkS", "*.CrtYd", "*.Fab")
LAYER_NAMES: Tuple[str, ...] = COPPER_LAYER_NAMES + TECHNICAL_LAYER_NAMES + WILDCARD_LAYER_NAMES

LayerName = Literal[LAYER_NAMES]  # type: ignore[valid-type]
