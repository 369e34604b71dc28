"""Seeded random FootprintSpecs with hostile strings, for the writer's property tests.

Every spec is schema-valid (the schema is the first wall); the strings are chosen to break
an S-expression writer that does not escape: quotes, backslashes (a trailing one escapes
the closing quote), parentheses, a whole injected pad, wildcards, non-Latin text.
"""

import random
from typing import List

from schemas.footprint import Body, Drill, FootprintSpec, Pad
from schemas.layers import COPPER_LAYER_NAMES, LAYER_NAMES

HOSTILE = [
    '") (pad "99" smd rect (at 0 0) (size 1 1) (layers F.Cu)) (x "',
    "ends in a backslash \\",
    'quote " inside', "\\\"", "\\\\\\", "(((", ")))", "*.Cu", "F&B.Cu", "µA741",
    "日本語の説明", "Ω 1 kΩ ±5 %", "tab-free text with ${REFERENCE}", "", " ", "a\\nb",
    "pin \\ 1", "#;comment", "'single'",
]
NUMBER_CHARS = "0123456789ABab+-_.()\\ µ*&,$#'"
NON_COPPER = [n for n in LAYER_NAMES if not n.endswith(".Cu")]


def _text(rng: random.Random, limit: int) -> str:
    parts = [rng.choice(HOSTILE) for _ in range(rng.randint(0, 3))]
    return " ".join(parts)[:limit]


def _number(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return str(rng.randint(1, 99))
    return "".join(rng.choice(NUMBER_CHARS) for _ in range(rng.randint(1, 8)))


def _layers(rng: random.Random, kind: str) -> List[str]:
    if kind in ("tht", "npth"):
        copper = rng.choice([["*.Cu"], ["F&B.Cu"], ["*In.Cu", "F.Cu", "B.Cu"]])
    else:
        copper = [rng.choice(COPPER_LAYER_NAMES)]
    return copper + rng.sample(NON_COPPER, rng.randint(0, 3))


def random_pad(rng: random.Random) -> Pad:
    kind = rng.choice(["smd", "smd", "tht", "npth", "connect"])
    shape = rng.choice(["rect", "roundrect", "circle", "oval", "trapezoid"])
    sx, sy = round(rng.uniform(0.2, 4.0), 3), round(rng.uniform(0.2, 4.0), 3)
    if shape == "circle":
        sy = sx
    drill = None
    if kind in ("tht", "npth"):
        d = round(min(sx, sy) * rng.uniform(0.3, 0.8), 3)
        slot = round(max(sx, sy) * 0.7, 3) if shape == "oval" and rng.random() < 0.3 else None
        drill = Drill(diameter=d, slot_length=slot if slot and slot > d else None)
    fields = dict(number=_number(rng), kind=kind, shape=shape,
                  x=round(rng.uniform(-20, 20), 4), y=round(rng.uniform(-20, 20), 4),
                  rotation=rng.choice([0.0, 90.0, 45.0, -30.0, 180.0]),
                  size_x=sx, size_y=sy, drill=drill)
    if shape == "trapezoid":
        fields["trapezoid_delta"] = (round(rng.uniform(-0.1, 0.1) * sy, 3), 0.0)
    if rng.random() < 0.4:
        fields["layers"] = _layers(rng, kind)
    return Pad(**fields)


def random_spec(rng: random.Random, index: int) -> FootprintSpec:
    pads = [random_pad(rng) for _ in range(rng.randint(1, 24))]
    attribute = "through_hole" if any(p.kind == "tht" for p in pads) else "smd"
    return FootprintSpec(
        name=f"Fuzz_{index:03d}", description=_text(rng, 2000), tags=_text(rng, 500),
        attribute=attribute, pads=pads,
        body=Body(size_x=round(rng.uniform(1, 30), 2), size_y=round(rng.uniform(1, 30), 2),
                  center_x=0.0, center_y=0.0))


def random_specs(seed: int, count: int) -> List[FootprintSpec]:
    rng = random.Random(seed)
    return [random_spec(rng, k) for k in range(count)]
