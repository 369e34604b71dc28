"""A complete footprint description in millimetres, footprint coordinates (y down, KiCad).

Everything geometric is explicit here: the builder computes pads, paste windows and thermal
vias; the writer only renders what it is given (plus the KLC graphics derived from body and
pads). This keeps `render(spec)` pure and makes `import -> build` round trips exact.
"""

from typing import Dict, List, Literal, Optional, Tuple

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.layers import LayerName
from schemas.provenance import Issue, Provenance
from schemas.text import FOOTPRINT_NAME_PATTERN, FREE_TEXT_PATTERN

FOOTPRINT_SCHEMA_VERSION = 1

# Sanity limits in mm: a footprint larger than this is an input error, not a part.
MAX_COORD_MM = 500.0
MAX_SIZE_MM = 300.0
MAX_PADS = 2000

PadKind = Literal["smd", "tht", "npth", "connect"]
PadShape = Literal["rect", "roundrect", "circle", "oval", "trapezoid", "custom"]
PadRole = Literal["signal", "exposed", "paste_window", "thermal_via", "mechanical"]
Attribute = Literal["smd", "through_hole", "unspecified"]

_Coord = Field(ge=-MAX_COORD_MM, le=MAX_COORD_MM, allow_inf_nan=False)


def _size(default=None):
    return Field(default=default, ge=0.0, le=MAX_SIZE_MM, allow_inf_nan=False)


class Drill(BaseModel):
    """A round hole (diameter) or a slot (diameter x length_y, KiCad's oval drill)."""

    model_config = ConfigDict(extra="forbid")

    diameter: float = Field(gt=0.0, le=MAX_SIZE_MM, allow_inf_nan=False)
    slot_length: Optional[float] = Field(default=None, gt=0.0, le=MAX_SIZE_MM,
                                         allow_inf_nan=False,
                                         description="oval drill: size in y (x is diameter)")
    offset_x: float = 0.0
    offset_y: float = 0.0

    @property
    def is_slot(self) -> bool:
        return self.slot_length is not None


class PadPrimitive(BaseModel):
    """One more graphic of a custom pad (KiCad 6 gr_* primitive), relative to the pad centre.

    poly: vertices; line: start, end; arc: start, mid, end; circle: centre, a point on it.
    `width` is the stroke; a circle is filled unless `fill` is False (then a ring)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["poly", "line", "arc", "circle"]
    points: List[Tuple[float, float]] = Field(min_length=2, max_length=512)
    width: float = Field(default=0.0, ge=0.0, le=10.0, allow_inf_nan=False)
    fill: bool = True


class Pad(BaseModel):
    """One pad. Layers follow from `kind` unless given explicitly."""

    model_config = ConfigDict(extra="forbid")

    number: str = Field(default="", pattern=r'^[^"\x00-\x1f\x7f]{0,32}$')
    kind: PadKind = "smd"
    shape: PadShape = "rect"
    role: PadRole = "signal"
    x: float = _Coord
    y: float = _Coord
    rotation: float = Field(default=0.0, ge=-360.0, le=360.0, allow_inf_nan=False)
    size_x: float = Field(ge=0.0, le=MAX_SIZE_MM, allow_inf_nan=False)
    size_y: float = Field(ge=0.0, le=MAX_SIZE_MM, allow_inf_nan=False)
    drill: Optional[Drill] = None
    layers: Optional[List[LayerName]] = Field(default=None, max_length=64)
    roundrect_ratio: Optional[float] = Field(default=None, ge=0.0, le=0.5)
    chamfer_ratio: Optional[float] = Field(default=None, ge=0.0, le=0.5)
    chamfer_corners: List[Literal["top_left", "top_right", "bottom_left", "bottom_right"]] = \
        Field(default_factory=list, max_length=4)
    trapezoid_delta: Optional[Tuple[float, float]] = Field(
        default=None, description="KiCad rect_delta (dx, dy) of a trapezoid pad")
    polygon: List[Tuple[float, float]] = Field(
        default_factory=list, max_length=512,
        description="custom pad outline relative to the pad centre (shape 'custom')")
    custom_anchor: Optional[Literal["rect", "circle"]] = Field(
        default=None, description="anchor shape of a custom pad (KiCad default: rect)")
    polygon_width: Optional[float] = Field(
        default=None, ge=0.0, le=10.0, allow_inf_nan=False,
        description="outline stroke of the custom polygon (KiCad gr_poly width), grows it")
    primitives: List[PadPrimitive] = Field(
        default_factory=list, max_length=64,
        description="further custom pad graphics (arcs, circles, lines, more polygons)")
    shape_offset: Optional[Tuple[float, float]] = Field(
        default=None, description="copper offset from the pad position for pads without a "
                                  "drill (KiCad `(drill (offset x y))` on SMD pads); drilled "
                                  "pads use Drill.offset_x/offset_y")
    mask_margin: Optional[float] = Field(default=None, ge=-MAX_SIZE_MM, le=MAX_SIZE_MM)
    paste_margin: Optional[float] = Field(default=None, ge=-MAX_SIZE_MM, le=MAX_SIZE_MM)
    paste_margin_ratio: Optional[float] = Field(default=None, ge=-1.0, le=1.0)

    @model_validator(mode="after")
    def _kind_and_drill(self) -> "Pad":
        if self.kind in ("tht", "npth") and self.drill is None:
            raise ValueError(f"pad {self.number or '(unnumbered)'}: {self.kind} pad needs a drill")
        if self.kind in ("smd", "connect") and self.drill is not None:
            raise ValueError(f"pad {self.number}: {self.kind} pad cannot have a drill")
        if self.shape == "custom" and len(self.polygon) < 3 and not self.primitives:
            raise ValueError(f"pad {self.number}: custom pad needs a polygon of 3+ points")
        return self

    def effective_layers(self) -> List[str]:
        """Layers as KiCad expects them for this pad kind (KLC defaults)."""
        if self.layers is not None:
            return list(self.layers)
        if self.kind == "smd":
            return ["F.Cu", "F.Paste", "F.Mask"]
        if self.kind == "connect":
            return ["F.Cu", "F.Mask"]
        if self.kind == "tht":
            return ["*.Cu", "*.Mask"]
        return ["*.Cu", "*.Mask"]  # npth

    @property
    def has_copper(self) -> bool:
        return any(layer.endswith(".Cu") for layer in self.effective_layers())

    def bbox(self) -> Tuple[float, float, float, float]:
        """Axis-aligned bounds (x0, y0, x1, y1) of the pad shape, rotation included."""
        from schemas.geometry import pad_bbox

        return pad_bbox(self)


class Body(BaseModel):
    """Package body for the fab outline and courtyard; nominal sizes in mm."""

    model_config = ConfigDict(extra="forbid")

    size_x: float = Field(gt=0.0, le=MAX_SIZE_MM, allow_inf_nan=False)
    size_y: float = Field(gt=0.0, le=MAX_SIZE_MM, allow_inf_nan=False)
    height: Optional[float] = Field(default=None, gt=0.0, le=MAX_SIZE_MM, allow_inf_nan=False)
    center_x: float = _Coord
    center_y: float = _Coord
    pin1_bevel: bool = True


class Model3D(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str = Field(max_length=500, pattern=FREE_TEXT_PATTERN)
    offset: Tuple[float, float, float] = (0.0, 0.0, 0.0)
    scale: Tuple[float, float, float] = (1.0, 1.0, 1.0)
    rotate: Tuple[float, float, float] = (0.0, 0.0, 0.0)


class Rect(BaseModel):
    model_config = ConfigDict(extra="forbid")

    x0: float = _Coord
    y0: float = _Coord
    x1: float = _Coord
    y1: float = _Coord


CourtyardClass = Literal["default", "small", "connector", "bga"]

# KLC F5.3: courtyard clearance around body and pads, by part class (mm).
COURTYARD_CLEARANCE_MM: Dict[str, float] = {
    "default": 0.25, "small": 0.15, "connector": 0.5, "bga": 1.0,
}


class FootprintSpec(BaseModel):
    """A footprint ready to render: pads, body, metadata, provenance and warnings."""

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1] = FOOTPRINT_SCHEMA_VERSION
    name: str = Field(pattern=FOOTPRINT_NAME_PATTERN)
    description: str = Field(default="", max_length=2000, pattern=FREE_TEXT_PATTERN)
    tags: str = Field(default="", max_length=500, pattern=FREE_TEXT_PATTERN)
    datasheet: str = Field(default="", max_length=500, pattern=FREE_TEXT_PATTERN)
    attribute: Attribute = "smd"
    body: Optional[Body] = None
    pads: List[Pad] = Field(default_factory=list, max_length=MAX_PADS)
    pin1: Optional[str] = Field(default="1", description="number of pin 1; None if none")
    courtyard_class: CourtyardClass = "default"
    courtyard: Optional[Rect] = Field(
        default=None, description="explicit courtyard; otherwise computed from body and pads")
    courtyard_pinned: bool = Field(
        default=False, description="keep the explicit courtyard even after pads or body move")
    courtyard_basis: Optional[str] = Field(
        default=None, pattern=r"^[0-9a-f]{16}$",
        description="fingerprint of the pads and body the explicit courtyard was drawn for "
                    "(set on import); when they change, the courtyard is recomputed unless "
                    "pinned")
    model3d: Optional[Model3D] = None
    provenance: Dict[str, Provenance] = Field(default_factory=dict)
    issues: List[Issue] = Field(default_factory=list, max_length=500)

    @property
    def courtyard_clearance(self) -> float:
        return COURTYARD_CLEARANCE_MM[self.courtyard_class]

    def copper_pads(self) -> List[Pad]:
        return [p for p in self.pads if p.has_copper and p.role != "paste_window"]

    def numbered_pads(self) -> List[Pad]:
        return [p for p in self.pads if p.number and p.role in ("signal", "exposed")]
