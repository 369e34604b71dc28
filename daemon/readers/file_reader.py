"""A reader that returns a recorded DatasheetReading: tests, evaluation and offline demos.

`ds2fp serve --reader file:reading.json` runs the whole daemon (images, protocol, builder,
writer) without a model. The file is validated when the reader is made, so a bad file fails
at start-up, not on the first request.
"""

import json
import time
from pathlib import Path
from typing import Any, Dict, List, Union

from daemon.readers.base import PageImage, ReadCancelledError, Reader, ReaderError, ReadHints


class FileReader(Reader):
    """Returns the same recorded reading for any pages (optionally after a simulated delay)."""

    name = "file"

    def __init__(self, path: Union[str, Path], delay_s: float = 0.0):
        from pydantic import ValidationError

        from schemas.reading import DatasheetReading

        self.path = Path(path)
        self.delay_s = float(delay_s)
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ReaderError(f"cannot read recorded reading {self.path}: {exc}") from None
        try:
            self._reading = DatasheetReading.model_validate(json.loads(text))
        except (ValueError, ValidationError) as exc:
            raise ReaderError(f"{self.path} is not a valid DatasheetReading: {exc}") from None

    def read(self, pages: List[PageImage], hints: ReadHints):
        deadline = time.monotonic() + self.delay_s
        while time.monotonic() < deadline:  # simulated model latency, still cancellable
            if hints.should_stop():
                raise ReadCancelledError("cancelled while reading")
            time.sleep(min(0.02, max(0.0, deadline - time.monotonic())))
        return self._reading.model_copy(deep=True)

    def info(self) -> Dict[str, Any]:
        return {"reader": self.name, "model": f"file:{self.path.name}", "path": str(self.path),
                "device": "cpu", "delay_s": self.delay_s}
