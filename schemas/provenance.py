"""Where a value came from, so a reviewer knows what to trust."""

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Source = Literal[
    "datasheet_table",  # a dimension table or land-pattern table on the page
    "datasheet_drawing",  # a callout on the drawing itself
    "datasheet_text",  # stated in the page's words ("dimensions are 2.5 x 2.0 x 0.95 mm")
    "ipc_calculation",  # computed from package dimensions by IPC-7351B
    "user_edit",  # typed in by the user during review
    "kicad_library",  # imported from an existing .kicad_mod
    "derived",  # computed by ds2fp from other values (e.g. span - pad length)
    "default",  # a convention default (KLC line widths, roundrect ratio, ...)
]


class Provenance(BaseModel):
    """The origin of one value of a footprint, and whether OCR found it on the page."""

    model_config = ConfigDict(extra="forbid")

    source: Source
    detail: str = Field(default="", max_length=300)
    # None: not checked; True: the printed number was found among the page's OCR tokens.
    on_page: Optional[bool] = None


Severity = Literal["info", "warning", "error"]


class Issue(BaseModel):
    """A doubt about the footprint, shown to the user; errors block writing."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=r"^[a-z0-9_]{1,48}$")
    severity: Severity = "warning"
    message: str = Field(max_length=1000)
    pads: list = Field(default_factory=list, max_length=64)
    field: Optional[str] = Field(default=None, max_length=80)
