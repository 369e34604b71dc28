"""How the command line presents errors: one line `ds2fp: error: <what> (<fix>)`, exit 2.

Every front-end shares the core calls and their typed errors; only this presentation is the
terminal's. Validation errors of the options models name the command-line flag, say what is
allowed and suggest a value; those of input files name the field.
"""

from typing import Optional, Tuple

from footprint_writer.naming import sanitize
from schemas.text import FOOTPRINT_NAME_PATTERN, FOOTPRINT_NAME_RULE, HINT_PATTERN

# Model fields that come from command-line flags (BuildOptions, ExtractOptions, Request).
_FLAGS = {"name": "--name", "part_name": "--part-name", "package_hint": "--package-hint",
          "units_hint": "--units-hint", "density": "--density", "pattern": "--pattern",
          "timeout_s": "--timeout", "thermal_vias": "--thermal-vias"}
_OPTION_MODELS = ("BuildOptions", "ExtractOptions", "Request")
_RULES = {FOOTPRINT_NAME_PATTERN: FOOTPRINT_NAME_RULE,
          HINT_PATTERN: "printable text of at most 120 characters, no control characters"}


def line(message: str, hint: Optional[str] = None) -> str:
    """The one error line (the hint in brackets, where there is one)."""
    return f"ds2fp: error: {message}" + (f" ({hint})" if hint else "")


def describe_validation(exc) -> Tuple[str, str]:
    """(what, fix) for a pydantic ValidationError raised while building a command's models."""
    errors = exc.errors()
    first = errors[0] if errors else {}
    loc = [str(p) for p in first.get("loc", ())]
    field = loc[-1] if loc else ""
    value = first.get("input")
    rule = _RULES.get(str(first.get("ctx", {}).get("pattern", "")), first.get("msg", "invalid"))
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    if exc.title in _OPTION_MODELS and field in _FLAGS:
        flag = _FLAGS[field]
        what = f"invalid {flag} {_short(value)}: {rule}{more}"
        if field == "name" and isinstance(value, str):
            return what, f"try {flag} {sanitize(value)}"
        return what, f"see `ds2fp COMMAND --help` for {flag}"
    where = ".".join(loc) or "(top level)"
    return (f"invalid {exc.title}: {where}: {rule}{more}",
            "fix that value (`ds2fp schema` prints what each model accepts)")


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
