"""Parse a reading or a footprint JSON text into its model, with one clear error message.

`ds2fp build` takes either kind of file: a DatasheetReading (what a reader took off the page)
or a FootprintSpec (e.g. `ds2fp import` output, edited). A FootprintSpec has `pads` with
positions and a `name`; a reading has `units` and `family`.
"""

import json
from typing import Union

from pydantic import BaseModel, ValidationError

from footprint_writer.errors import InputError
from schemas.footprint import FootprintSpec
from schemas.reading import DatasheetReading

MAX_INPUT_BYTES = 5_000_000


def describe_validation_error(exc: ValidationError, what: str, limit: int = 5) -> str:
    """`reading: units: Field required; pitch.nom: Input should be ...` (first few errors)."""
    lines = []
    for err in exc.errors()[:limit]:
        where = ".".join(str(p) for p in err.get("loc", ())) or "(top level)"
        msg = short_message(err)
        if err.get("type") == "missing" and where.endswith("units"):
            msg += " (say which unit the page uses: mm, mil or inch; numbers are never guessed)"
        lines.append(f"{where}: {msg}")
    more = len(exc.errors()) - limit
    if more > 0:
        lines.append(f"... and {more} more")
    return f"invalid {what}: " + "; ".join(lines)


def short_message(err: dict) -> str:
    """pydantic's message for one error, with a long list of allowed values cut short and
    the offending value shown (so `layers.1` says what it was given)."""
    msg = err.get("msg", "invalid")
    expected = (err.get("ctx") or {}).get("expected", "")
    if err.get("type") == "literal_error" and expected.count(",") > 8:
        head = ", ".join(expected.split(", ")[:6])
        msg = f"{err.get('input')!r}"[:60] + f" is not one of {head}, ..."
    return msg


def kind_of(data: dict) -> str:
    """'footprint' or 'reading' (or 'unknown') from the top-level keys."""
    if "family" in data or "units" in data or "land_pattern" in data:
        return "reading"
    if "name" in data and "pads" in data:
        return "footprint"
    return "unknown"


def parse_input(text: Union[str, bytes]) -> BaseModel:
    """A DatasheetReading or FootprintSpec from JSON text; InputError otherwise."""
    if len(text) > MAX_INPUT_BYTES:
        raise InputError(f"input is {len(text)} bytes; a reading or footprint is far smaller "
                         f"(limit {MAX_INPUT_BYTES})")
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                         hint="the file must be a DatasheetReading or FootprintSpec JSON; "
                              "`ds2fp schema reading` prints the format") from None
    if not isinstance(data, dict):
        raise InputError("expected a JSON object (a reading or a footprint)")
    kind = kind_of(data)
    if kind == "unknown":
        raise InputError("the JSON is neither a reading (needs `units`, `family`) nor a "
                         "footprint (needs `name`, `pads`)",
                         hint="see `ds2fp schema reading` and `ds2fp schema footprint`")
    model = DatasheetReading if kind == "reading" else FootprintSpec
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError(describe_validation_error(exc, kind),
                         hint=f"see `ds2fp schema {kind}`") from None


def _reject_constant(name: str):
    raise InputError(f"{name} is not a number a datasheet prints",
                     hint="NaN / Infinity are not dimensions")
