"""Model answer text -> DatasheetReading, or a ReaderError that carries the raw text for logs.

The grammar makes the text well-formed; pydantic still checks what a grammar cannot (min <= nom
<= max, pads for family 'other'), and a server-side backend may not honour the grammar at all.
"""

from typing import List

from pydantic import ValidationError

from daemon.model.grammar import MODEL_SOURCES
from daemon.readers.base import ReaderError
from schemas.reading import DatasheetReading

_RAW_IN_MESSAGE = 200  # characters of the answer quoted in the error message itself


class ModelOutputError(ReaderError):
    """The model answered, but not with a usable reading; `raw` is its whole answer."""

    def __init__(self, message: str, raw: str):
        super().__init__(message)
        self.raw = raw


def _short(raw: str) -> str:
    return raw if len(raw) <= _RAW_IN_MESSAGE else raw[:_RAW_IN_MESSAGE] + "..."


def _errors(exc: ValidationError) -> List[str]:
    found = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ())) or "answer"
        found.append(f"{where}: {err.get('msg', 'invalid')}")
    return found


def parse_reading(raw: str, truncated: bool = False, max_new_tokens: int = 0) -> DatasheetReading:
    """Validate the model's answer; every failure names its cause and keeps the raw text."""
    if truncated:
        raise ModelOutputError(
            f"the model's answer was cut off at max_new_tokens={max_new_tokens} before the "
            f"reading was complete; raise --max-new-tokens (answer began: {_short(raw)!r})", raw)
    if not raw.strip():
        raise ModelOutputError("the model gave an empty answer", raw)
    try:
        reading = DatasheetReading.model_validate_json(raw)
    except ValidationError as exc:
        raise ModelOutputError(
            "the model's answer is not a valid reading: " + "; ".join(_errors(exc)), raw) from exc
    claimed = {name: value.source for name, value in reading.dimensions().items()
               if value.source is not None and value.source not in MODEL_SOURCES}
    if claimed:
        raise ModelOutputError(
            f"the model claimed sources a reader cannot know: {claimed}", raw)
    return reading
