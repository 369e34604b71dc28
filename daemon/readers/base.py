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


def display_name(info: Dict[str, Any]) -> str:
    """What is reading, for people (`ds2fp status`, the plugin): the reader's own
    `display_name`, else the model's folder or hub name with its device and dtype."""
    given = info.get("display_name")
    if isinstance(given, str) and given.strip():
        return given.strip()[:200]
    reader = str(info.get("reader") or "?")
    model = str(info.get("model") or "").rstrip("/\\")
    short = model.replace("\\", "/").split("/")[-1] if model else ""
    where = ", ".join(str(info[k]) for k in ("device", "dtype") if info.get(k))
    if reader == "ocr":
        return f"OCR reader ({short or 'RapidOCR'}{', ' + where if where else ''})"[:200]
    if short:
        return f"{short}{' on ' + where if where else ''} ({reader} reader)"[:200]
    return f"{reader} reader"[:200]
