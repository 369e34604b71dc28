"""argparse types that refuse absurd values at the command line, with the fix in the message.

argparse turns the ValueError/ArgumentTypeError raised here into `ds2fp: error: argument
--queue: ...` (daemon.cli's parser), so no bad number reaches a server or a builder.
"""

import argparse
import math
import re
from typing import Callable

_ENDPOINT = re.compile(r"^(tcp://(\*|\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.\-]+):(\*|\d{1,5})"
                       r"|ipc://.+|inproc://.+)$")


def _number(kind: Callable, text: str):
    try:
        value = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def positive_int(text: str) -> int:
    value = _number(int, text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive whole number (give 1 or more)")
    return value


def positive_float(text: str) -> float:
    value = _number(float, text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{value:g} must be greater than 0")
    return value


def non_negative_float(text: str) -> float:
    value = _number(float, text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value:g} must be 0 or more")
    return value


def endpoint(text: str) -> str:
    """A ZeroMQ endpoint: tcp://HOST:PORT, ipc://PATH or inproc://NAME."""
    match = _ENDPOINT.match(text)
    port = text.rsplit(":", 1)[-1] if text.startswith("tcp://") else "*"
    if not match or (port != "*" and not 0 <= int(port) < 65536):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a ZeroMQ endpoint (give tcp://HOST:PORT, e.g. "
            f"tcp://127.0.0.1:5557)")
    return text
