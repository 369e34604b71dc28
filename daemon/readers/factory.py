"""`make_reader(kind, **opts)`: one place that turns `--reader` into a Reader object.

Imports are lazy so `serve --reader file:...` runs without torch or transformers installed.
Kinds:
- `auto` (serve's default, resolved by `default_reader`): the model when one is named or the
  default checkpoint is already on this machine, else the OCR reader.
- `model`: Qwen3-VL via transformers (daemon.model); opts are model, device, dtype,
  max_new_tokens, image_token_budget, offline. `endpoint:URL` uses an OpenAI-compatible server.
- `ocr`: the CPU OCR reader (daemon.readers.ocr_reader.OcrReader).
- `file:PATH`: a recorded DatasheetReading JSON (daemon.readers.file_reader.FileReader).
- `python:MODULE:CALLABLE`: any callable returning a Reader (custom readers, tests).
"""

import importlib
import importlib.util
from typing import Any, Optional, Tuple

from daemon.readers.base import Reader, ReaderError


def default_reader(model: Optional[str]) -> Tuple[str, str]:
    """(reader kind, why) for `--reader auto`, the daemon's default.

    A model the user named is served (and failing to load it stops start-up: they asked for
    it). With none named, the default checkpoint is served when it is already on this
    machine; otherwise the CPU OCR reader, so a machine without weights or a GPU still
    reads datasheets, and `why` says how to get the model. Nothing is downloaded here."""
    if model is not None:
        return "model", f"model {model} (--model)"
    missing = [m for m in ("torch", "transformers") if importlib.util.find_spec(m) is None]
    if missing:
        return "ocr", (f"no model configured and {' and '.join(missing)} not installed: "
                       "serving the CPU OCR reader (install ds2fp[daemon] for the model)")
    from daemon.model import DEFAULT_MODEL
    from daemon.model.loading import ModelLoadError, resolve_checkpoint

    try:
        resolve_checkpoint(DEFAULT_MODEL, offline=True)
    except (ModelLoadError, OSError):
        return "ocr", (f"no model configured and {DEFAULT_MODEL} is not on this machine: "
                       "serving the CPU OCR reader (`ds2fp serve --reader model` downloads "
                       "it; `--model PATH` serves a local checkpoint)")
    return "model", f"{DEFAULT_MODEL} from the local cache"


def is_model_kind(kind: str) -> bool:
    """A vision-model reader (`model`, `endpoint:URL`): it pays per visual token, so pages
    are scaled to a budget, and it misreads digits, so its values are OCR-checked."""
    return kind == "model" or kind.startswith("endpoint:")


def scales_to_token_budget(kind: str) -> bool:
    """OCR and recorded readers get pages at full resolution (the OCR engine scales itself)."""
    return is_model_kind(kind)


def check_reader_kind(kind: str) -> None:
    """Refuse a `--reader` that names nothing (before a daemon starts and binds a port)."""
    from pathlib import Path

    if kind in ("auto", "ocr") or is_model_kind(kind):
        if kind.startswith("endpoint:") and "://" not in kind:
            raise ReaderError(f"--reader {kind!r}: expected endpoint:http://HOST:PORT/v1")
        return
    if kind.startswith("file:"):
        path = Path(kind[len("file:"):])
        if not path.is_file():
            raise ReaderError(f"--reader {kind!r}: no such file {path}")
        return
    if kind.startswith("python:"):
        module_name, _, attr = kind[len("python:"):].partition(":")
        if not module_name or not attr:
            raise ReaderError(f"--reader {kind!r}: expected python:MODULE:CALLABLE")
        return
    raise ReaderError(f"unknown reader {kind!r}; use auto, model, ocr, endpoint:URL, "
                      "file:PATH or python:MODULE:CALLABLE")


def make_reader(kind: str, ground: Optional[bool] = None, **opts: Any) -> Reader:
    """Build the reader named by `kind`; unknown options for simple readers are ignored.

    `ground`: OCR-check every value the reader returns (daemon.ocr.grounding). None means
    the default: on for vision-model readers, which misread digits; the OCR reader checks
    itself; recorded and custom readers only when asked.
    """
    reader = _make(kind, **opts)
    if ground is None:
        ground = is_model_kind(kind)
    if ground and getattr(reader, "grounder", None) is None:
        reader.grounder = ocr_grounder()
    return reader


def ocr_grounder():
    """A loaded OCR grounder, so a missing OCR install stops start-up, not the first read."""
    from daemon.ocr.engine import OcrUnavailableError
    from daemon.ocr.grounding import Grounder

    grounder = Grounder()
    try:
        grounder.engine.load()
    except OcrUnavailableError as exc:
        raise ReaderError(f"{exc}; or pass --no-ground to run without checking the read "
                          "values against the page") from None
    return grounder


def _make(kind: str, **opts: Any) -> Reader:
    opts = {k: v for k, v in opts.items() if v is not None}
    if kind.startswith("file:"):
        from daemon.readers.file_reader import FileReader

        return FileReader(kind[len("file:"):], delay_s=float(opts.get("delay_s", 0.0)))
    if kind == "ocr":
        from daemon.readers.ocr_reader import OcrReader

        return OcrReader()
    if kind.startswith("python:"):
        target = kind[len("python:"):]
        module_name, _, attr = target.partition(":")
        if not module_name or not attr:
            raise ReaderError(f"--reader {kind!r}: expected python:MODULE:CALLABLE")
        factory = getattr(importlib.import_module(module_name), attr)
        return factory(**opts)
    if is_model_kind(kind):
        try:
            from daemon.model import make_model_reader
        except ImportError as exc:
            raise ReaderError(f"the model reader is not available here: {exc}",
                              ) from None
        if kind.startswith("endpoint:"):
            opts["endpoint"] = kind[len("endpoint:"):]
        return make_model_reader(**opts)
    raise ReaderError(f"unknown reader {kind!r}; use model, ocr, endpoint:URL, file:PATH "
                      "or python:MODULE:CALLABLE")
