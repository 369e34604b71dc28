"""Grounding: is every number of a reading actually printed on the page?

Any reader can misread a digit or invent a value; OCR gives the exact printed text. Each
toleranced value of a reading (min, nom, max) is looked up among the numbers of the page's
OCR tokens, in the reading's unit or, for dual-dimensioned drawings, in the other unit
(TI prints `.061 [1.55]`: a reading in mm is grounded by `1.55`, one in inches by `.061`).
A value that is nowhere on the page is flagged `not_on_page`: an Issue naming the field,
and `Provenance.on_page = False` on the footprint value built from it.
"""

import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from daemon.ocr.layout import joined_stacked_tolerances, line_height
from daemon.ocr.numbers import all_numbers
from daemon.ocr.tokens import OcrPage
from schemas.provenance import Issue
from schemas.units import MM_PER_UNIT

# A number equals a printed one when it differs by float noise only.
EXACT_EPS = 1e-6
# Converted from the other unit, it must match within rounding of the printed digits.
CONVERTED_REL = 0.006

# Which footprint provenance entries (builder keys) a reading field feeds.
PROVENANCE_KEYS: Dict[str, Tuple[str, ...]] = {
    "pitch": ("pitch",),
    "land_pattern.pitch": ("pitch",),
    "land_pattern.pad_width": ("pad_size", "pad_width"),
    "land_pattern.pad_length": ("pad_size", "pad_length"),
    "land_pattern.row_spacing": ("row_spacing",),
    "land_pattern.overall_span": ("row_spacing", "overall_span"),
    "land_pattern.gap": ("row_spacing", "gap"),
    "land_pattern.row_spacing_2": ("row_spacing_2",),
    "land_pattern.exposed_pad_width": ("exposed_pad",),
    "land_pattern.exposed_pad_length": ("exposed_pad",),
    "land_pattern.drill": ("drill",),
    "land_pattern.pad_diameter": ("pad_size", "pad_diameter"),
    "land_pattern.tab_width": ("tab", "tab_width"),
    "land_pattern.tab_length": ("tab", "tab_length"),
    "body_length": ("body",),
    "body_width": ("body",),
    "height": ("body", "height"),
}


@dataclass
class FieldCheck:
    """One field of the reading: the printed numbers it holds and which were not found."""

    field: str
    values: List[float]
    missing: List[float] = field(default_factory=list)
    converted: bool = False  # found only in the other unit

    @property
    def found(self) -> bool:
        return not self.missing


@dataclass
class GroundingReport:
    checks: List[FieldCheck] = field(default_factory=list)
    pages: int = 0

    @property
    def total(self) -> int:
        return len(self.checks)

    @property
    def found(self) -> int:
        return sum(1 for c in self.checks if c.found)

    @property
    def rate(self) -> Optional[float]:
        return None if not self.checks else self.found / len(self.checks)

    def not_found(self) -> List[FieldCheck]:
        return [c for c in self.checks if not c.found]

    def by_field(self) -> Dict[str, FieldCheck]:
        return {c.field: c for c in self.checks}

    def issues(self) -> List[Issue]:
        """One `not_on_page` warning per field with a number OCR did not find."""
        out = []
        for c in self.not_found():
            missing = ", ".join(f"{v:g}" for v in c.missing)
            out.append(Issue(code="not_on_page", severity="warning", field=c.field,
                             message=(f"{c.field}: {missing} is not printed on the page "
                                      "(OCR found no such number); check it against the "
                                      "datasheet")))
        return out

    def to_json(self) -> dict:
        return {"pages": self.pages, "rate": self.rate, "fields": [
            {"field": c.field, "values": c.values, "missing": c.missing, "found": c.found,
             "converted": c.converted} for c in self.checks]}

    def summary(self) -> str:
        if not self.checks:
            return "nothing to check"
        text = f"{self.found}/{self.total} fields of the reading found on the page by OCR"
        missing = [c.field for c in self.not_found()]
        return text + (f"; not on the page: {', '.join(missing)}" if missing else "")


class PageNumbers:
    """All numbers printed on a set of pages, and the text for integer look-ups."""

    def __init__(self, pages: Iterable[OcrPage]):
        self.values: List[float] = []
        texts = []
        for page in pages:
            # "0.70" with "+0.15" over "-0.10" beside it: the bounds are printed too
            for token in joined_stacked_tolerances(page.tokens, line_height(page.tokens)):
                texts.append(token.text)
                self.values.extend(all_numbers(token.text))
        self.text = "\n".join(texts)
        self._sorted = sorted(set(round(v, 6) for v in self.values))

    def has(self, value: float) -> bool:
        return any(abs(v - value) <= EXACT_EPS for v in self._sorted)

    def has_close(self, value: float, rel: float = CONVERTED_REL) -> bool:
        tol = max(abs(value) * rel, 0.0006)
        return any(abs(v - value) <= tol for v in self._sorted)

    def has_integer(self, n: int) -> bool:
        return re.search(rf"(?<!\d){n}(?!\d)", self.text) is not None


# Units a page may print in: a reading's own, and micrometres, which the OCR reader reads
# in mm (daemon.ocr.micrometres) and no reading is written in.
_PRINTED_UNITS = {**MM_PER_UNIT, "um": 0.001}


def _check_value(numbers: PageNumbers, value: float, unit: str) -> Tuple[bool, bool]:
    """(found, found only after converting to another unit)."""
    if numbers.has(value):
        return True, False
    mm = value * MM_PER_UNIT[unit]
    for other, factor in _PRINTED_UNITS.items():
        if other == unit:
            continue
        if numbers.has_close(mm / factor):
            return True, True
    return False, False


# Sources whose values the page prints (None: a reading that does not say, checked too).
PRINTED_SOURCES = ("datasheet_table", "datasheet_drawing", None)


def ground_reading(reading, pages: Sequence[OcrPage]) -> GroundingReport:
    """Check every printed number of `reading` (a DatasheetReading) against the pages."""
    numbers = PageNumbers(pages)
    report = GroundingReport(pages=len(pages))
    if reading.family != "other":  # explicit pads: the pads, not the count, are the part
        report.checks.append(FieldCheck(
            "pin_count", [float(reading.pin_count)],
            [] if numbers.has_integer(reading.pin_count) else [float(reading.pin_count)]))
    for name, value in reading.dimensions().items():
        if getattr(value, "source", None) not in PRINTED_SOURCES:
            continue  # computed (half a printed e, IPC, a default): not printed as such
        check = FieldCheck(name, value.values())
        for v in value.values():
            found, converted = _check_value(numbers, v, reading.units)
            if not found:
                check.missing.append(v)
            check.converted = check.converted or converted
        report.checks.append(check)
    for index, pad in enumerate(reading.pads):
        values = [pad.size_x, pad.size_y] + ([pad.drill] if pad.drill else [])
        check = FieldCheck(f"pads[{index}]", values)
        for v in values:
            if not _check_value(numbers, v, reading.units)[0]:
                check.missing.append(v)
        report.checks.append(check)
    return report


def apply_to_footprint(spec, report: GroundingReport):
    """A copy of `spec` with `on_page` set on matching provenance and the issues added."""
    if spec is None:
        return None
    on_page: Dict[str, bool] = {}
    for check in report.checks:
        for key in PROVENANCE_KEYS.get(check.field, ()):
            on_page[key] = on_page.get(key, True) and check.found
    provenance = dict(spec.provenance)
    for key, prov in spec.provenance.items():
        if key in on_page and prov.source in ("datasheet_table", "datasheet_drawing"):
            provenance[key] = prov.model_copy(update={"on_page": on_page[key]})
    issues = list(spec.issues) + [i for i in report.issues()
                                  if not any(i.code == j.code and i.field == j.field
                                             for j in spec.issues)]
    return spec.model_copy(update={"provenance": provenance, "issues": issues[:500]})


class Grounder:
    """Checks any reader's reading against OCR of the same pages (one engine, reused).

    `extra(image) -> tokens` adds what a reader found beyond the upright OCR pass (the OCR
    reader's rotated pass), so a value it read from vertical text counts as printed.
    """

    def __init__(self, engine=None, extra=None):
        from daemon.ocr.engine import OcrEngine

        self.engine = engine or OcrEngine()
        self.extra = extra

    def ocr(self, images) -> List[OcrPage]:
        pages = []
        for im in images:
            image = getattr(im, "image", im)
            page = self.engine.read(image, name=getattr(im, "name", ""))
            more = self.extra(image) if self.extra is not None else []
            if more:
                page = OcrPage(tokens=list(page.tokens) + list(more), width=page.width,
                               height=page.height, name=page.name, seconds=page.seconds)
            pages.append(page)
        return pages

    def __call__(self, images, reading, footprint=None, should_stop=None):
        """(report, footprint with on_page provenance and not_on_page issues); OCR stops
        (ReadCancelledError) within ~50 ms of `should_stop()`."""
        with self.engine.cancellable(should_stop):
            pages = self.ocr(images)
        report = ground_reading(reading, pages)
        return report, apply_to_footprint(footprint, report)

    def close(self) -> None:
        self.engine.close()
