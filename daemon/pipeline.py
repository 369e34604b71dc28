"""The one core call: datasheet images in, reading + footprint + issues out.

`extract()` is what the ZeroMQ worker, the in-process client and the CLI call; only the way
errors are presented differs between them. Stages: validate and normalise the images
(daemon.images), let the reader transcribe them, validate the transcription against the
DatasheetReading schema (never trust a reader), build the footprint, collect every doubt.
"""

import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Optional, Sequence, Tuple, Union

from daemon.errors import RequestError
from daemon.images import ImageLimits, normalise_image
from daemon.readers.base import PageImage, ReadCancelledError, Reader, ReaderError, ReadHints
from footprint_writer.errors import Ds2fpError
from schemas.protocol import MAX_IMAGES, ExtractOptions, ExtractResult, ImageReport
from schemas.provenance import Issue


@dataclass(frozen=True)
class Step:
    """Progress of one extract: the protocol's coarse stage (reading | building), what is
    happening now ("page 2/2: OCR"), and how many of the planned steps are done."""

    stage: str
    step: str
    done: int
    total: int


ProgressCallback = Callable[[Step], None]


class _Steps:
    """Counts the planned steps of one extract and tells the caller as each one starts."""

    def __init__(self, notify: ProgressCallback, total: int):
        self.notify, self.total, self.done = notify, total, 0

    def start(self, stage: str, step: str) -> None:
        self.notify(Step(stage=stage, step=step, done=min(self.done, self.total),
                         total=self.total))
        self.done += 1


@dataclass(frozen=True)
class ImageInput:
    """One image as the client sent it: raw file bytes and what it shows."""

    data: bytes
    role: str = "both"
    name: str = ""


ImageLike = Union[ImageInput, Tuple[bytes, str]]


def as_image_input(item: ImageLike) -> ImageInput:
    if isinstance(item, ImageInput):
        return item
    data, role = item
    return ImageInput(data=data, role=role)


def extract(images: Sequence[ImageLike], options: Optional[ExtractOptions], reader: Reader,
            limits: Optional[ImageLimits] = None,
            should_stop: Optional[Callable[[], bool]] = None,
            progress: Optional[ProgressCallback] = None) -> ExtractResult:
    """Read the images with `reader` and build the footprint.

    Raises RequestError subclasses (bad_request, image_invalid, too_large), ReaderError
    (model_error, cancelled) and lets unexpected exceptions through for the caller to map
    (daemon.errors.error_from_exception). A footprint that cannot be built is not an error:
    the reading comes back with a `build_failed` issue so the user can review and fix it.
    """
    options = options or ExtractOptions()
    limits = limits or ImageLimits()
    stop = should_stop or (lambda: False)
    notify = progress or (lambda step: None)
    inputs = [as_image_input(i) for i in images]
    if not 1 <= len(inputs) <= MAX_IMAGES:
        raise RequestError(f"extract needs 1 to {MAX_IMAGES} images, got {len(inputs)}")
    timings = {}
    issues = []

    t0 = time.perf_counter()
    pages, reports = [], []
    for index, (item, norm) in enumerate(zip(inputs, _normalise_all(inputs, limits))):
        label = item.name or f"image {index + 1}"
        pages.append(PageImage(image=norm.image, role=item.role, name=item.name))
        reports.append(ImageReport(name=item.name, role=item.role, format=norm.format,
                                   original_size=list(norm.original_size),
                                   size=list(norm.size), visual_tokens=norm.visual_tokens))
        if norm.size != norm.original_size:
            issues.append(Issue(
                code="image_downscaled", severity="info", message=(
                    f"{label} scaled from {norm.original_size[0]}x{norm.original_size[1]} to "
                    f"{norm.size[0]}x{norm.size[1]} px (budget {limits.token_budget} visual "
                    "tokens); crop to the drawing if small print was missed")))
    timings["images"] = time.perf_counter() - t0
    if stop():
        raise ReadCancelledError("stopped before reading")

    grounder = getattr(reader, "grounder", None)  # OCR check of every printed value
    ocr_first = _ocr_engine(reader) is not None
    steps = _Steps(notify, total=(len(pages) if ocr_first else 0) + 1
                   + (1 if options.build else 0) + (1 if grounder is not None else 0))
    t0 = time.perf_counter()
    pages, role_notes = roles_from_content(reader, pages, stop, steps)
    if role_notes:
        timings["roles"] = time.perf_counter() - t0
        reports = [r.model_copy(update={"role": p.role, "given_role": r.role})
                   if p.role != r.role else r for r, p in zip(reports, pages)]
        issues.append(Issue(code="page_roles", severity="info",
                            message=("; ".join(role_notes))[:1000]))

    steps.start("reading", "reading the values" if ocr_first
                else f"reading {len(pages)} page{'s' if len(pages) > 1 else ''} "
                     f"({getattr(reader, 'name', 'reader')})")
    hints = ReadHints(part_name=options.part_name, package_hint=options.package_hint,
                      units_hint=options.units_hint, should_stop=stop)
    t0 = time.perf_counter()
    raw = reader.read(pages, hints)
    timings["read"] = time.perf_counter() - t0
    if stop():
        raise ReadCancelledError("stopped after reading")

    t0 = time.perf_counter()
    reading = validate_reading(raw)
    timings["validate"] = time.perf_counter() - t0
    if reading.notes.strip():
        # What the reader assumed (a unit, a convention, a mirrored order) is for the user
        # to see, not only for the log.
        issues.append(Issue(code="reader_notes", severity="info",
                            message=f"the reader noted: {reading.notes.strip()}"[:1000]))

    footprint = None
    if options.build:
        steps.start("building", "building and checking the footprint")
        t0 = time.perf_counter()
        footprint, build_issues = build(reading, options)
        issues.extend(build_issues)
        timings["build"] = time.perf_counter() - t0
    if grounder is not None:
        steps.start("building", "checking every value against the pages (OCR)")
        t0 = time.perf_counter()
        footprint, ground_issues = ground(grounder, pages, reading, footprint, stop)
        issues.extend(ground_issues)
        timings["ground"] = time.perf_counter() - t0
    if footprint is not None:
        issues = issues + list(footprint.issues)
    return ExtractResult(reading=reading, footprint=footprint, issues=issues, images=reports,
                         timings={k: round(v, 6) for k, v in timings.items()},
                         reader=getattr(reader, "name", type(reader).__name__))


def _ocr_engine(reader: Reader):
    engine = getattr(getattr(reader, "grounder", None), "engine", None)
    return engine if engine is not None and hasattr(engine, "read") else None


def roles_from_content(reader: Reader, pages, should_stop, steps: Optional[_Steps] = None):
    """(pages with the roles their content shows, notes): the order and the roles a client
    gave are hints; a page whose headings or tables clearly show a package drawing, a land
    pattern or both is read as that (daemon.ocr.page_roles). Needs the reader's OCR engine
    (the OCR reader, or any reader with an OCR check); others read the roles as given. The
    OCR is cached, so the reader and the check do not pay for it again."""
    engine = _ocr_engine(reader)
    if engine is None:
        return pages, []
    from dataclasses import replace

    from daemon.ocr.page_roles import page_verdict, resolve_roles

    verdicts = []
    with engine.cancellable(should_stop):
        for k, page in enumerate(pages):
            if steps is not None:
                steps.start("reading", f"page {k + 1}/{len(pages)}: OCR")
            verdicts.append(page_verdict(engine.read(page.image, name=page.name)))
    roles, notes = resolve_roles([p.role for p in pages], verdicts)
    return [replace(p, role=r) if r != p.role else p for p, r in zip(pages, roles)], notes


def ground(grounder, pages, reading, footprint, should_stop=None):
    """(footprint with `on_page` provenance, extra issues): values OCR did not find on the
    page become `not_on_page` warnings (daemon.ocr.grounding); a failing OCR is only noted,
    a cancel stops it (ReadCancelledError)."""
    try:
        report, grounded = grounder(pages, reading, footprint, should_stop=should_stop)
    except ReadCancelledError:
        raise
    except Exception as exc:  # grounding is a check; it must never lose the reading
        return footprint, [Issue(code="grounding_failed", severity="warning",
                                 message=f"OCR check of the values failed: {exc}"[:1000])]
    extra = [Issue(code="grounding", severity="info", message=report.summary()[:1000])]
    if grounded is None:
        extra += report.issues()
    return grounded, extra


def _normalise_all(inputs, limits: ImageLimits):
    """Decode and scale the images in parallel (Pillow releases the GIL while it works)."""
    def one(index_item):
        index, item = index_item
        try:
            return normalise_image(item.data, limits)
        except RequestError as exc:
            exc.message = f"{item.name or f'image {index + 1}'}: {exc.message}"
            raise

    if len(inputs) == 1:
        return [one((0, inputs[0]))]
    workers = min(len(inputs), os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ds2fp-image") as pool:
        return list(pool.map(one, enumerate(inputs)))


def validate_reading(raw):
    """The reader's output as a DatasheetReading, or ReaderError saying what was wrong."""
    from pydantic import ValidationError

    from schemas.reading import DatasheetReading

    try:
        if isinstance(raw, DatasheetReading):
            return DatasheetReading.model_validate(raw.model_dump())
        if isinstance(raw, (str, bytes)):
            return DatasheetReading.model_validate_json(raw)
        return DatasheetReading.model_validate(raw)
    except ValidationError as exc:
        raise ReaderError(f"the reader's output is not a valid reading: {exc}") from None


def build(reading, options: ExtractOptions):
    """(footprint or None, issues): a user-fixable build failure becomes an error issue."""
    from footprint_writer.builder import build_footprint

    try:
        return build_footprint(reading, options.build_options()), []
    except Ds2fpError as exc:
        message = exc.message if not exc.hint else f"{exc.message} ({exc.hint})"
        return None, [Issue(code="build_failed", severity="error", message=message[:1000])]


@dataclass(frozen=True)
class BatchInput:
    """One part of a batch: a label, its images, and its options (None: the batch's)."""

    name: str
    images: Sequence[ImageLike]
    options: Optional[ExtractOptions] = None


def extract_batch(parts: Sequence[BatchInput], options: Optional[ExtractOptions],
                  reader: Reader, limits: Optional[ImageLimits] = None,
                  should_stop: Optional[Callable[[], bool]] = None,
                  progress: Optional[ProgressCallback] = None):
    """Every part through `extract`, one after the other; a part that fails becomes a typed
    error in its own item and the batch goes on. A cancel or deadline stops the batch: the
    parts done stay done, the rest are answered `cancelled` (or `timeout`) without a read.

    Returns schemas.protocol.BatchResult."""
    from daemon.errors import error_from_exception
    from schemas.protocol import BatchItem, BatchResult, ErrorInfo

    stop = should_stop or (lambda: False)
    notify = progress or (lambda step: None)
    items = []
    for index, part in enumerate(parts):
        label = f"part {index + 1}/{len(parts)}" + (f" ({part.name})" if part.name else "")
        if stop():
            items.append(BatchItem(name=part.name, status="error", error=ErrorInfo(
                code="cancelled", message=f"{label}: the batch was stopped before it")))
            continue

        def inner(step: Step, label=label, index=index) -> None:
            notify(Step(stage=step.stage, step=f"{label}: {step.step}"[:200], done=index,
                        total=len(parts)))

        try:
            result = extract(part.images, part.options or options, reader, limits=limits,
                             should_stop=stop, progress=inner)
        except Exception as exc:  # this part's error; the batch goes on
            error = error_from_exception(exc)
            if stop() and error.code in ("cancelled", "internal", "model_error"):
                error = ErrorInfo(code="cancelled", message=f"{label}: stopped during it")
            items.append(BatchItem(name=part.name, status="error", error=error))
            continue
        items.append(BatchItem(name=part.name, status="ok", extract=result))
    return BatchResult(parts=items)
