"""Options that travel with a build or extract request (CLI, wire protocol, plugin)."""

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from schemas.text import DATASHEET_URL_PATTERN, FOOTPRINT_NAME_PATTERN

Density = Literal["least", "nominal", "most"]
PatternChoice = Literal["auto", "datasheet", "ipc"]


class BuildOptions(BaseModel):
    """How to turn a reading into a footprint.

    `pattern`: "datasheet" uses the printed land pattern (error if none), "ipc" computes
    IPC-7351B pads from package dimensions, "auto" prefers the datasheet's pattern and falls
    back to IPC; whenever both are possible the other one is reported as a cross-check.
    """

    model_config = ConfigDict(extra="forbid")

    name: Optional[str] = Field(default=None, pattern=FOOTPRINT_NAME_PATTERN)
    density: Density = "nominal"
    pattern: PatternChoice = "auto"
    thermal_vias: bool = Field(
        default=False, description="add a grid of tented thermal vias in an exposed pad")
    datasheet: Optional[str] = Field(
        default=None, pattern=DATASHEET_URL_PATTERN,
        description="the datasheet's URL: into the description (KLC F9.1)")
