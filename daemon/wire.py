"""Frames <-> protocol models: the only place that knows how a request is laid out on the wire.

A request is `[b"", header_json, image_0 ... image_n]` after the ROUTER's identity frame
(the empty delimiter is optional, so REQ and DEALER clients both work; replies mirror it).
"""

import json
import math
import re
from dataclasses import dataclass, field
from typing import List, Optional

from pydantic import ValidationError

from daemon.errors import RequestError
from schemas.protocol import MAX_BATCH_PARTS, MAX_IMAGES, SUPPORTED_VERSIONS, Reply, Request

_ID = re.compile(r"^[A-Za-z0-9_.:\-]{1,64}$")
MAX_HEADER_BYTES = 64 * 1024
# Nesting depth of the header JSON, checked on the raw bytes before parsing: json.loads
# recurses per level, and 30,000 nested brackets (60 KB, under the size limit) would raise
# RecursionError deep inside it. A valid header nests 4 levels; 32 leaves room.
MAX_HEADER_DEPTH = 32
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"?', re.DOTALL)
_RAW_ID = re.compile(rb'"id"\s*:\s*"([A-Za-z0-9_.:\-]{1,64})"')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


@dataclass
class Incoming:
    """A parsed request: the envelope, its image frames and how to address the reply."""

    request: Request
    images: List[bytes] = field(default_factory=list)
    delimiter: bool = True


class WireError(RequestError):
    """A request that could not be parsed; `request_id` is set when the header had a usable id."""

    def __init__(self, message: str, code: str = "bad_request", request_id: Optional[str] = None,
                 hint: Optional[str] = None, delimiter: bool = True):
        super().__init__(message, hint=hint, code=code)
        self.request_id = request_id
        self.delimiter = delimiter


def parse_frames(frames: List[bytes]) -> Incoming:
    """Parse the frames after the identity; raises WireError with a typed code."""
    delimiter = bool(frames) and len(frames[0]) == 0
    body = frames[1:] if delimiter else list(frames)
    if not body:
        raise WireError("empty message: expected [b'', header, images...]", delimiter=delimiter)
    header, images = body[0], body[1:]
    if len(header) > MAX_HEADER_BYTES:
        raise WireError(f"header frame is {len(header)} bytes; limit {MAX_HEADER_BYTES}",
                        code="too_large", delimiter=delimiter)
    raw = loads_header(bytes(header), delimiter)
    if not isinstance(raw, dict):
        raise WireError("header must be a JSON object", delimiter=delimiter)
    rid = raw.get("id") if isinstance(raw.get("id"), str) and _ID.match(raw["id"]) else None
    if "protocol" not in raw:
        raise WireError("header has no `protocol` field (the protocol version)",
                        request_id=rid, hint=f"send \"protocol\": {max(SUPPORTED_VERSIONS)}",
                        delimiter=delimiter)
    version = raw.get("protocol")
    if not isinstance(version, int) or isinstance(version, bool):
        raise WireError(f"`protocol` must be an integer version, not {type(version).__name__}",
                        request_id=rid, hint=f"send \"protocol\": {max(SUPPORTED_VERSIONS)}",
                        delimiter=delimiter)
    if version not in SUPPORTED_VERSIONS:
        raise WireError(f"protocol version {version!r} is not supported; this daemon speaks "
                        f"{list(SUPPORTED_VERSIONS)}", code="unsupported_version",
                        request_id=rid, hint="update the client or the daemon so they match",
                        delimiter=delimiter)
    try:
        request = Request.model_validate(raw)
    except ValidationError as exc:
        raise WireError(f"invalid request: {_short(exc)}", request_id=rid,
                        delimiter=delimiter) from None
    most = MAX_IMAGES * (MAX_BATCH_PARTS if request.kind == "batch" else 1)
    if len(images) > most:
        raise WireError(f"{len(images)} image frames; at most {most}", code="too_large",
                        request_id=rid, delimiter=delimiter)
    described = request.image_metas()
    if len(images) != len(described):
        raise WireError(f"header describes {len(described)} images but "
                        f"{len(images)} image frames followed", request_id=rid,
                        delimiter=delimiter)
    return Incoming(request=request, images=[bytes(i) for i in images], delimiter=delimiter)


def json_depth(data: bytes) -> int:
    """Deepest bracket nesting of JSON text, strings skipped; linear, no recursion."""
    brackets = _STRINGS.sub(b'""', data).translate(None, _NOT_BRACKETS)
    depth = deepest = 0
    for byte in brackets:
        if byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > deepest:
                deepest = depth
        else:
            depth -= 1
    return deepest


def _no_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number {text[:20]} is out of range")
    return value


def _small_int(text: str) -> int:
    if len(text.lstrip("-")) > 18:
        raise ValueError(f"integer {text[:20]}... is out of range")
    return int(text)


def loads_header(data: bytes, delimiter: bool = True):
    """Strict JSON of a header frame: UTF-8, at most MAX_HEADER_DEPTH deep, finite numbers
    (no NaN/Infinity, no 1e999, no 5,000-digit integers). Raises WireError(bad_request)."""
    opened = data.count(b"[") + data.count(b"{")  # bounds the depth: exact only if needed
    depth = json_depth(data) if opened > MAX_HEADER_DEPTH else opened
    if depth > MAX_HEADER_DEPTH:
        raise WireError(f"header JSON nests {depth} levels deep; the limit is "
                        f"{MAX_HEADER_DEPTH}", request_id=_salvage_id(data),
                        delimiter=delimiter)
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_no_constant,
                          parse_float=_finite_float, parse_int=_small_int)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise WireError(f"header frame is not UTF-8 JSON: {str(exc)[:200]}",
                        request_id=_salvage_id(data), delimiter=delimiter) from None


def _salvage_id(data: bytes) -> Optional[str]:
    """The request id of a header that does not parse, when it names exactly one: the
    client then gets its error instead of waiting for a reply it would not recognise."""
    found = {m.group(1) for m in _RAW_ID.finditer(data)}
    return found.pop().decode("ascii") if len(found) == 1 else None


def encode_request(request: Request, images: List[bytes]) -> List[bytes]:
    return [b"", request.model_dump_json(exclude_none=True).encode("utf-8"), *images]


def encode_reply(reply: Reply, delimiter: bool = True) -> List[bytes]:
    payload = reply.model_dump_json(exclude_none=True).encode("utf-8")
    return [b"", payload] if delimiter else [payload]


def decode_reply(frames: List[bytes]) -> Reply:
    """Client side: the reply frames (after the DEALER's nothing) to a Reply."""
    body = [f for f in frames if len(f)]
    if len(body) != 1:
        raise ValueError(f"expected one reply frame, got {len(body)}")
    return Reply.model_validate_json(body[0])


def _short(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(p) for p in err.get("loc", ())) or "(request)"
        parts.append(f"{loc}: {err.get('msg')}")
    return "; ".join(parts)
