"""KiCad layer names: wildcards expanded, copper layers of a pad."""

from typing import FrozenSet, List, Sequence

COPPER_LAYERS = ["F.Cu"] + [f"In{i}.Cu" for i in range(1, 31)] + ["B.Cu"]


def expand_layers(layers: Sequence[str]) -> List[str]:
    """KiCad's wildcard layer names ('*.Cu', 'F&B.Cu', '*.Mask') as explicit names."""
    out = set()
    for layer in layers:
        if layer == "*.Cu":
            out.update(COPPER_LAYERS)
        elif layer == "*In.Cu":
            out.update(COPPER_LAYERS[1:-1])
        elif layer.startswith("*."):
            out.update({"F." + layer[2:], "B." + layer[2:]})
        elif layer.startswith("F&B."):
            out.update({"F." + layer[4:], "B." + layer[4:]})
        else:
            out.add(layer)
    return sorted(out)


def copper_layers(pad) -> FrozenSet[str]:
    """The copper layers a pad occupies (a plated hole reaches every layer it lists)."""
    return frozenset(layer for layer in expand_layers(pad.effective_layers())
                     if layer.endswith(".Cu"))
