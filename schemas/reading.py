"""What a reader (vision model, OCR table parser, a person) took off the datasheet pages.

This is a transcription, not geometry: values as printed, in the page's units, with the
drawing's view and pin-1 cue. Code turns it into pads (footprint_writer.builder).

The model is deliberately small and bounded (numbers `ge/le`, lists `max_length`, enums as
literals, strings by `pattern`) because its JSON Schema is also the grammar a vision
model's output is forced into.
"""

from typing import List, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.toleranced import PRINTED_LIMIT, Toleranced
from schemas.units import Unit

READING_SCHEMA_VERSION = 1

Family = Literal[
    "chip",  # two-terminal chip R/C/L (0201 ... 2512)
    "molded",  # two-terminal molded body: SMA/SMB/SMC, tantalum, SOD-123F style
    "melf",  # cylindrical end-cap body: MELF, MiniMELF (SOD-80 / LL-34), MicroMELF
    "sod",  # SOD-123, SOD-323, SOD-523 (gull-wing or flat two-terminal)
    "sot23",  # SOT-23 (3 pins), SOT-23-5, SOT-23-6
    "sot223",  # SOT-223 (3 pins plus tab)
    "soic",
    "ssop",
    "tssop",
    "msop",
    "qfp",  # QFP / LQFP / TQFP (four rows of gull-wing leads)
    "dfn",  # two rows of no-lead terminals, optional exposed pad
    "son",
    "qfn",  # four rows of no-lead terminals, optional exposed pad
    "dpak",  # DPAK / D2PAK (TO-252 / TO-263)
    "bga",
    "dip",
    "pin_header",  # single or dual row through-hole header / connector
    "to220",
    "to92",  # TO-92 / TO-226: two or three leads in one row, through-hole
    "other",  # irregular part: the reading lists its pads explicitly
]

FAMILIES: tuple = Family.__args__  # type: ignore[attr-defined]

Pin1Cue = Literal["dot", "notch", "bevel", "chamfer", "number", "marking", "tab", "none"]

# Short free text: printable characters only (a pattern, not max_length; see NOTES on xgrammar).
NAME_PATTERN = r"^[A-Za-z0-9_.,+\-/()# ]{1,64}$"
NOTES_MAX = 400  # characters of notes a reading carries (the model writes them too)
_NOTE = rf"^[ -~]{{0,{NOTES_MAX}}}$"
# Printed signs the notes quote, spelt in ASCII as the schema wants them.
_NOTE_SPELLING = {"±": "+-", "Ø": "O", "Φ": "O", "ϕ": "O", "⌀": "O", "°": " deg", "×": "x",
                  "µ": "u", "μ": "u", "–": "-", "—": "-", "−": "-", "～": "~"}


def note_text(text: str) -> str:
    """`text` as a reading's notes hold it: printable ASCII (the signs datasheets print
    spelt out: 0.50+-0.05, O1.0), other characters dropped, at most NOTES_MAX long."""
    for sign, spelt in _NOTE_SPELLING.items():
        text = text.replace(sign, spelt)
    return "".join(ch for ch in text if " " <= ch <= "~")[:NOTES_MAX]


def _dim(description: str) -> Optional[Toleranced]:
    return Field(default=None, description=description)


class LandPattern(BaseModel):
    """The recommended land pattern as printed (IPC letters: C, X, Y, G, Z, E, X2, Y2)."""

    model_config = ConfigDict(extra="forbid")

    pitch: Optional[Toleranced] = _dim("E: pad centre to pad centre along a row")
    pad_width: Optional[Toleranced] = _dim("X: pad size along the row (across the pitch)")
    pad_length: Optional[Toleranced] = _dim("Y: pad size across the row (along the lead)")
    row_spacing: Optional[Toleranced] = _dim("C: centre-to-centre distance of the two rows")
    overall_span: Optional[Toleranced] = _dim("Z: outer pad edge to outer pad edge")
    gap: Optional[Toleranced] = _dim("G: inner pad edge to inner pad edge")
    # Quad packages: the second pair of rows, when it differs from the first.
    row_spacing_2: Optional[Toleranced] = _dim("C2: centre distance of the other two rows")
    overall_span_2: Optional[Toleranced] = _dim("Z2: outer span of the other two rows")
    gap_2: Optional[Toleranced] = _dim("G2: inner gap of the other two rows")
    exposed_pad_width: Optional[Toleranced] = _dim("X2 / W2: exposed pad size across rows")
    exposed_pad_length: Optional[Toleranced] = _dim("Y2 / T2: exposed pad size along rows")
    # Through-hole.
    drill: Optional[Toleranced] = _dim("finished hole diameter")
    pad_diameter: Optional[Toleranced] = _dim("annular ring outer diameter (round THT pads)")
    # Parts whose pads differ (SOT-223 tab, DPAK tab).
    tab_width: Optional[Toleranced] = _dim("X3: tab pad size along the row")
    tab_length: Optional[Toleranced] = _dim("Y3: tab pad size across the row")


class ReadPad(BaseModel):
    """One pad of an irregular part, as dimensioned on the land-pattern drawing."""

    model_config = ConfigDict(extra="forbid")

    number: str = Field(pattern=r"^[A-Za-z0-9_.+\-]{0,16}$", description="'' for mounting holes")
    kind: Literal["smd", "tht", "npth"] = "smd"
    shape: Literal["rect", "roundrect", "circle", "oval"] = "rect"
    x: float = Field(ge=-PRINTED_LIMIT, le=PRINTED_LIMIT, allow_inf_nan=False)
    y: float = Field(ge=-PRINTED_LIMIT, le=PRINTED_LIMIT, allow_inf_nan=False)
    size_x: float = Field(ge=0.0, le=PRINTED_LIMIT, allow_inf_nan=False)
    size_y: float = Field(ge=0.0, le=PRINTED_LIMIT, allow_inf_nan=False)
    drill: Optional[float] = Field(default=None, ge=0.0, le=PRINTED_LIMIT, allow_inf_nan=False)
    drill_y: Optional[float] = Field(default=None, ge=0.0, le=PRINTED_LIMIT,
                                     allow_inf_nan=False, description="slot length (oval drill)")
    inferred: bool = Field(
        default=False, description="true when the position is not dimensioned directly on "
                                   "the page but worked out by the reader (a convention or "
                                   "a chain of dimensions): the builder flags such pads")


class DatasheetReading(BaseModel):
    """Everything a footprint needs, as printed on the package and land-pattern pages.

    Dimension names follow JEDEC letters. For parts with two rows of leads the rows run
    along `body_length` (D); `body_width` (E1) is across the rows, body only, and
    `overall_width` (E) is lead tip to lead tip. For two-terminal chips `body_length` is
    terminal to terminal and `body_width` the other side.
    """

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1] = READING_SCHEMA_VERSION
    units: Unit = Field(description="unit of every number below, as printed on the page")
    family: Family
    pin_count: int = Field(ge=1, le=1024, description="terminals, exposed pad not counted")
    part_name: Optional[str] = Field(default=None, pattern=NAME_PATTERN)
    package_name: Optional[str] = Field(default=None, pattern=NAME_PATTERN,
                                        description="package code printed, e.g. D0008A")
    view: Literal["top", "bottom"] = Field(
        default="top", description="the view of the land-pattern / package drawing")
    pin1_cue: Pin1Cue = "none"
    numbering: Literal["ccw", "cw"] = Field(
        default="ccw", description="pin numbering direction as seen on the drawing")
    rows: Optional[int] = Field(default=None, ge=1, le=2,
                                description="rows of a pin header (1 or 2)")
    pins_along_length: Optional[int] = Field(
        default=None, ge=0, le=256, description="quad parts: pins on each side along D")
    exposed_pad: bool = Field(default=False, description="the part has an exposed/thermal pad")

    pitch: Optional[Toleranced] = _dim("e: lead pitch")
    body_length: Optional[Toleranced] = _dim("D: body length along the rows")
    body_width: Optional[Toleranced] = _dim("E1: body width across the rows (body only)")
    height: Optional[Toleranced] = _dim("A: seated height")
    overall_width: Optional[Toleranced] = _dim("E: lead tip to lead tip across the rows")
    overall_length: Optional[Toleranced] = _dim("D (quad): lead tip to lead tip along D")
    lead_width: Optional[Toleranced] = _dim("b: lead / terminal width")
    lead_length: Optional[Toleranced] = _dim("L: foot / terminal length")
    lead_spacing: Optional[Toleranced] = _dim(
        "S: inner lead edge to inner lead edge (chips: terminal spacing)")
    exposed_pad_length: Optional[Toleranced] = _dim("D2: exposed pad along the rows")
    exposed_pad_width: Optional[Toleranced] = _dim("E2: exposed pad across the rows")
    ball_diameter: Optional[Toleranced] = _dim("b (BGA): ball diameter")

    land_pattern: Optional[LandPattern] = None
    pads: List[ReadPad] = Field(default_factory=list, max_length=256,
                                description="explicit pads of an irregular part")
    body_center_x: Optional[float] = Field(
        default=None, ge=-PRINTED_LIMIT, le=PRINTED_LIMIT, allow_inf_nan=False,
        description="family 'other': x of the body centre in the pads' coordinates")
    body_center_y: Optional[float] = Field(
        default=None, ge=-PRINTED_LIMIT, le=PRINTED_LIMIT, allow_inf_nan=False,
        description="family 'other': y of the body centre in the pads' coordinates")
    notes: str = Field(default="", pattern=_NOTE)

    @model_validator(mode="after")
    def _explicit_pads_for_other(self) -> "DatasheetReading":
        if self.family == "other" and not self.pads:
            raise ValueError("family 'other' needs the explicit pad list `pads`")
        return self

    def dimensions(self) -> dict:
        """Every toleranced value by dotted field name (for grounding and review)."""
        found = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, Toleranced):
                found[name] = value
        if self.land_pattern is not None:
            for name in LandPattern.model_fields:
                value = getattr(self.land_pattern, name)
                if value is not None:
                    found[f"land_pattern.{name}"] = value
        return found
