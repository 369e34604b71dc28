"""The reader contract shared by every way of reading a datasheet page.

A reader transcribes; it never computes geometry. The pipeline (daemon.pipeline) validates
and normalises images, calls a reader, then hands the reading to the footprint builder.
"""

from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Literal, Optional

ImageRole = Literal["package", "land_pattern", "both", "other"]


@dataclass(frozen=True)
class PageImage:
    """One validated, normalised page image (RGB PIL image) and what it shows."""

    image: Any  # PIL.Image.Image, RGB, already scaled to the reader's budget by the pipeline
    role: ImageRole = "both"
    name: str = ""


@dataclass(frozen=True)
class ReadHints:
    """What the user told us beside the images; readers may use it, never trust it blindly."""

    part_name: Optional[str] = None
    package_hint: Optional[str] = None
    units_hint: Optional[str] = None  # "mm" | "mil" | "inch"
    # Polled by long-running readers between steps; True means stop and raise ReadCancelledError.
    should_stop: Callable[[], bool] = field(default=lambda: False)


class ReaderError(Exception):
    """The reader failed (model error, OOM, unparseable output); the daemon keeps serving."""

    code = "model_error"


class ReadCancelledError(ReaderError):
    code = "cancelled"


class Reader:
    """Base class: subclasses implement `read`; `info` and `close` have safe defaults."""

    name = "reader"

    def read(self, pages: List[PageImage], hints: ReadHints):
        """Return a schemas.reading.DatasheetReading for these pages (raise ReaderError)."""
        raise NotImplementedError

    def info(self) -> Dict[str, Any]:
        return {"reader": self.name}

    def close(self) -> None:
        """Free what the reader holds (GPU memory, sessions)."""
