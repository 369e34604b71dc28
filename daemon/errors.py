"""Typed request errors and the one mapping from any exception to a wire error code."""

import logging
import sys
from typing import Optional

from schemas.protocol import ErrorInfo

log = logging.getLogger(__name__)


class RequestError(Exception):
    """A request that cannot be served; `code` is one of schemas.protocol.ERROR_CODES."""

    code = "bad_request"

    def __init__(self, message: str, hint: Optional[str] = None, code: Optional[str] = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if code is not None:
            self.code = code

    def to_error(self) -> ErrorInfo:
        return ErrorInfo(code=self.code, message=self.message[:4000], hint=self.hint)


class ImageInvalidError(RequestError):
    code = "image_invalid"


class TooLargeError(RequestError):
    code = "too_large"


class TimeoutExpiredError(RequestError):
    code = "timeout"


def is_out_of_memory(exc: BaseException) -> bool:
    """torch.cuda.OutOfMemoryError (or torch.OutOfMemoryError) without importing torch."""
    for cls in type(exc).__mro__:
        if cls.__name__ == "OutOfMemoryError" and cls.__module__.split(".")[0] == "torch":
            return True
    return isinstance(exc, RuntimeError) and "CUDA out of memory" in str(exc)


def release_gpu_memory() -> None:
    """After an OOM, give cached blocks back so the next request can run (torch if loaded)."""
    torch = sys.modules.get("torch")
    if torch is None:
        return
    try:
        if torch.cuda.is_available():
            torch.cuda.empty_cache()
    except Exception:  # best effort after an OOM; the reply says what failed
        log.exception("torch.cuda.empty_cache failed after out-of-memory")


def error_from_exception(exc: BaseException) -> ErrorInfo:
    """Every exception a request can raise, as the typed error the client receives."""
    from daemon.readers.base import ReaderError
    from footprint_writer.errors import Ds2fpError

    if isinstance(exc, RequestError):
        return exc.to_error()
    if is_out_of_memory(exc):
        release_gpu_memory()
        return ErrorInfo(code="model_error", message=f"out of GPU memory: {exc}"[:4000],
                         hint="lower --image-token-budget or --max-new-tokens, send fewer "
                              "images, or use a smaller model / --dtype")
    if isinstance(exc, ReaderError):
        code = getattr(exc, "code", "model_error")
        return ErrorInfo(code=code if code in ("cancelled", "timeout") else "model_error",
                         message=str(exc)[:4000] or type(exc).__name__)
    if isinstance(exc, Ds2fpError):
        return ErrorInfo(code="bad_request", message=exc.message[:4000], hint=exc.hint)
    return ErrorInfo(code="internal", message=f"{type(exc).__name__}: {exc}"[:4000],
                     hint="this is a ds2fp bug; the daemon log has the traceback")
