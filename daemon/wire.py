"""Frames <-> protocol models: the only place that knows how a request is laid out on the wire.

A request is `[b"", header_json, image_0 ... image_n]` after the ROUTER's identity frame
(the empty delimiter is optional, so REQ and DEALER clients both work; replies mirror it).
"""

import json
import re
from dataclasses import dataclass, field
from typing import List, Optional

from pydantic import ValidationError

from daemon.errors import RequestError
from schemas.protocol import MAX_IMAGES, SUPPORTED_VERSIONS, Reply, Request

_ID = re.compile(r"^[A-Za-z0-9_.:\-]{1,64}$")
MAX_HEADER_BYTES = 64 * 1024


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
    try:
        raw = json.loads(bytes(header).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise WireError(f"header frame is not UTF-8 JSON: {exc}", delimiter=delimiter) from None
    if not isinstance(raw, dict):
        raise WireError("header must be a JSON object", delimiter=delimiter)
    rid = raw.get("id") if isinstance(raw.get("id"), str) and _ID.match(raw["id"]) else None
    version = raw.get("protocol")
    if version not in SUPPORTED_VERSIONS or isinstance(version, bool):
        raise WireError(f"protocol version {version!r} is not supported; this daemon speaks "
                        f"{list(SUPPORTED_VERSIONS)}", code="unsupported_version",
                        request_id=rid, hint="update the client or the daemon so they match",
                        delimiter=delimiter)
    try:
        request = Request.model_validate(raw)
    except ValidationError as exc:
        raise WireError(f"invalid request: {_short(exc)}", request_id=rid,
                        delimiter=delimiter) from None
    if len(images) > MAX_IMAGES:
        raise WireError(f"{len(images)} image frames; at most {MAX_IMAGES}", code="too_large",
                        request_id=rid, delimiter=delimiter)
    if len(images) != len(request.images):
        raise WireError(f"header describes {len(request.images)} images but "
                        f"{len(images)} image frames followed", request_id=rid,
                        delimiter=delimiter)
    return Incoming(request=request, images=[bytes(i) for i in images], delimiter=delimiter)


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
