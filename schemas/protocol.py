"""The ds2fp wire protocol: a versioned envelope for requests and replies (see PROTOCOL.md).

A request is a multipart ZeroMQ message `[b"", header, image_0, ... image_n]` sent from a
DEALER socket; `header` is the UTF-8 JSON of `Request`, and every image travels as its own
frame (raw file bytes, never base64). Replies are `[b"", reply]` with the JSON of `Reply`.
The same models are used in-process (daemon.client.InProcessClient), so every front-end sees
one contract. Python 3.9 typing: the plugin imports this module inside KiCad.
"""

from typing import Any, Dict, List, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.footprint import FootprintSpec
from schemas.options import BuildOptions, Density, PatternChoice
from schemas.provenance import Issue
from schemas.reading import DatasheetReading
from schemas.text import DATASHEET_URL_PATTERN, FOOTPRINT_NAME_PATTERN, HINT_PATTERN

PROTOCOL_VERSION = 1
SUPPORTED_VERSIONS = (1,)
MAX_IMAGES = 4
MAX_BATCH_PARTS = 16  # a batch holds at most this many parts (4 images each at most)

RequestKind = Literal["ping", "info", "extract", "batch", "cancel", "shutdown"]
REQUEST_KINDS = ("ping", "info", "extract", "batch", "cancel", "shutdown")
FIRST_KINDS = ("ping", "info", "extract", "cancel", "shutdown")  # daemons before `batch`
ImageRole = Literal["package", "land_pattern", "both", "other"]
ReplyStatus = Literal["ok", "error", "progress"]
ErrorCode = Literal[
    "bad_request",  # malformed frames, JSON or fields; fix the client
    "unsupported_version",  # the envelope's protocol version is not spoken here
    "image_invalid",  # not a decodable PNG/JPEG/WebP/BMP/TIFF, or truncated
    "too_large",  # message, image bytes or pixel count over the announced limits
    "busy",  # the queue is full; retry later
    "model_error",  # the reader failed (CUDA out of memory included); the daemon keeps serving
    "timeout",  # the request ran past its deadline
    "cancelled",  # a cancel request stopped it
    "forbidden",  # e.g. shutdown from a non-local client
    "internal",  # a bug in ds2fp; the message says what
]
ERROR_CODES: tuple = ErrorCode.__args__  # type: ignore[attr-defined]

_ID = r"^[A-Za-z0-9_.:\-]{1,64}$"


class ErrorInfo(BaseModel):
    """A typed error: `code` for programs, `message` and `hint` for people."""

    model_config = ConfigDict(extra="ignore")  # newer daemons may add fields

    code: ErrorCode
    message: str = Field(max_length=4000)
    hint: Optional[str] = Field(default=None, max_length=1000)


class ImageMeta(BaseModel):
    """What one image frame shows; the n-th entry describes the n-th image frame."""

    model_config = ConfigDict(extra="forbid")

    role: ImageRole = "both"
    name: str = Field(default="", max_length=200)


class ExtractOptions(BaseModel):
    """What the user said beside the images; hints for the reader, options for the builder."""

    model_config = ConfigDict(extra="forbid")

    name: Optional[str] = Field(default=None, pattern=FOOTPRINT_NAME_PATTERN,
                                description="footprint name (default: derived by the builder)")
    part_name: Optional[str] = Field(default=None, pattern=HINT_PATTERN)
    package_hint: Optional[str] = Field(default=None, pattern=HINT_PATTERN)
    units_hint: Optional[Literal["mm", "mil", "inch"]] = None
    density: Density = "nominal"
    pattern: PatternChoice = "auto"
    build: bool = Field(default=True, description="False: return the reading only (review first)")
    datasheet: Optional[str] = Field(
        default=None, pattern=DATASHEET_URL_PATTERN,
        description="the datasheet's URL (added within protocol 1: a daemon before it answers "
                    "bad_request)")

    def build_options(self) -> BuildOptions:
        return BuildOptions(name=self.name, density=self.density, pattern=self.pattern,
                            datasheet=self.datasheet)


class BatchPart(BaseModel):
    """One part of a batch: its images (in frame order) and, optionally, its own options."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(default="", max_length=120, pattern=r"^[^\x00-\x1f\x7f]*$",
                      description="a label for the part (the folder name), echoed back")
    images: List[ImageMeta] = Field(min_length=1, max_length=MAX_IMAGES)
    options: Optional[ExtractOptions] = Field(
        default=None, description="this part's options; default: the request's")


class Request(BaseModel):
    """The request envelope (the JSON header frame)."""

    model_config = ConfigDict(extra="forbid")

    protocol: int = Field(description="protocol version; see SUPPORTED_VERSIONS")
    id: str = Field(pattern=_ID, description="client-chosen; retries reuse it")
    kind: RequestKind
    images: List[ImageMeta] = Field(default_factory=list, max_length=MAX_IMAGES)
    parts: List[BatchPart] = Field(default_factory=list, max_length=MAX_BATCH_PARTS,
                                   description="batch: the parts, their images in order")
    options: ExtractOptions = Field(default_factory=ExtractOptions)
    target: Optional[str] = Field(default=None, pattern=_ID, description="cancel: request id")
    timeout_s: Optional[float] = Field(default=None, gt=0.0, le=3600.0,
                                       description="extract: server-side deadline")

    @model_validator(mode="after")
    def _kind_fields(self) -> "Request":
        if self.kind == "extract" and not self.images:
            raise ValueError("extract needs 1 to 4 images")
        if self.kind != "extract" and self.images:
            raise ValueError(f"{self.kind} takes no images"
                             + (" (give each part's images in `parts`)"
                                if self.kind == "batch" else ""))
        if self.kind == "batch" and not self.parts:
            raise ValueError(f"batch needs 1 to {MAX_BATCH_PARTS} parts")
        if self.kind != "batch" and self.parts:
            raise ValueError(f"{self.kind} takes no parts")
        if self.kind == "cancel" and self.target is None:
            raise ValueError("cancel needs `target`, the id of the request to cancel")
        return self

    def image_metas(self) -> List[ImageMeta]:
        """Every image frame's description, in frame order (an extract's, or a batch's)."""
        if self.kind == "batch":
            return [meta for part in self.parts for meta in part.images]
        return list(self.images)


class Limits(BaseModel):
    """What the server accepts; clients refuse early instead of being dropped (MAXMSGSIZE)."""

    model_config = ConfigDict(extra="ignore")  # newer daemons may add fields

    max_message_bytes: int
    max_images: int = MAX_IMAGES
    max_image_bytes: int
    max_image_pixels: int
    image_token_budget: int = Field(description="visual tokens per image (32x32 px each)")
    queue_capacity: int
    default_timeout_s: float


class PingResult(BaseModel):
    model_config = ConfigDict(extra="ignore")  # newer daemons may add fields

    state: Literal["loading", "ready", "busy", "failed", "stopping"]
    queue_length: int
    running: Optional[str] = Field(default=None, description="id of the request being read")
    reader: str
    model: Optional[str] = None
    limits: Limits
    protocol_versions: List[int]
    uptime_s: float
    kinds: List[str] = Field(default_factory=lambda: list(FIRST_KINDS),
                             description="request kinds this daemon serves (older daemons "
                                         "leave this out: then no batch)")


class InfoResult(BaseModel):
    model_config = ConfigDict(extra="ignore")  # newer daemons may add fields

    reader: str
    model: Optional[str] = None
    device: Optional[str] = None
    dtype: Optional[str] = None
    display_name: str = Field(default="", description="what is reading, for people: "
                                                      "'Qwen3-VL-4B-Instruct on cuda "
                                                      "(bfloat16)', 'OCR reader (RapidOCR)'")
    memory: Dict[str, Any] = Field(default_factory=dict, description="bytes, by what they hold")
    details: Dict[str, Any] = Field(default_factory=dict, description="reader.info() as given")
    versions: Dict[str, str] = Field(default_factory=dict)


class ImageReport(BaseModel):
    """How an image was normalised before the reader saw it."""

    model_config = ConfigDict(extra="ignore")  # newer daemons may add fields

    name: str = ""
    role: ImageRole = Field(description="the role the page was read as")
    given_role: Optional[ImageRole] = Field(
        default=None, description="the role the client gave, when the page's content showed "
                                  "another (see the page_roles issue)")
    format: str
    original_size: List[int]
    size: List[int]
    visual_tokens: int


class ExtractResult(BaseModel):
    """Success: what was read, the footprint built from it, and every doubt."""

    model_config = ConfigDict(extra="ignore")  # newer daemons may add fields

    reading: DatasheetReading
    footprint: Optional[FootprintSpec] = Field(
        default=None, description="None when options.build is False or the build failed")
    issues: List[Issue] = Field(default_factory=list)
    images: List[ImageReport] = Field(default_factory=list)
    timings: Dict[str, float] = Field(default_factory=dict, description="seconds per stage")
    reader: str = ""


class BatchItem(BaseModel):
    """One part's outcome: its extract result, or the typed error that stopped it."""

    model_config = ConfigDict(extra="ignore")  # newer daemons may add fields

    name: str = ""
    status: Literal["ok", "error"]
    extract: Optional[ExtractResult] = None
    error: Optional[ErrorInfo] = None


class BatchResult(BaseModel):
    model_config = ConfigDict(extra="ignore")  # newer daemons may add fields

    parts: List[BatchItem] = Field(default_factory=list)


class CancelResult(BaseModel):
    model_config = ConfigDict(extra="ignore")  # newer daemons may add fields

    target: str
    state: Literal["queued", "running", "done", "unknown"]
    cancelled: bool


class Progress(BaseModel):
    """Sent while an extract waits or runs, so clients know the daemon is alive."""

    model_config = ConfigDict(extra="ignore")  # newer daemons may add fields

    stage: Literal["queued", "reading", "building"]
    queue_position: Optional[int] = None
    elapsed_s: float = 0.0
    # Added within protocol 1 (older clients ignore them): what runs now and how far along.
    step: str = Field(default="", max_length=200, description="e.g. 'page 2/2: OCR'")
    done: Optional[int] = Field(default=None, ge=0, description="steps finished")
    total: Optional[int] = Field(default=None, ge=1, description="steps planned")

    def fraction(self) -> Optional[float]:
        if self.done is None or not self.total:
            return None
        return min(1.0, self.done / self.total)


class Reply(BaseModel):
    """The reply envelope; exactly one final reply (ok or error) per request id."""

    model_config = ConfigDict(extra="ignore")  # newer daemons may add fields

    protocol: int = PROTOCOL_VERSION
    id: Optional[str] = Field(default=None, description="None only if the request had none")
    kind: Optional[RequestKind] = None
    status: ReplyStatus
    error: Optional[ErrorInfo] = None
    progress: Optional[Progress] = None
    ping: Optional[PingResult] = None
    info: Optional[InfoResult] = None
    extract: Optional[ExtractResult] = None
    batch: Optional[BatchResult] = None
    cancel: Optional[CancelResult] = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def final(self) -> bool:
        return self.status != "progress"

    @classmethod
    def failure(cls, request_id: Optional[str], code: str, message: str,
                hint: Optional[str] = None, kind: Optional[str] = None) -> "Reply":
        return cls(id=request_id, kind=kind, status="error",
                   error=ErrorInfo(code=code, message=message[:4000], hint=hint))
