"""The OCR reader's USB-C path: land-pattern callouts -> a reading with explicit pads.

`daemon.ocr.reading.parse` sends a page here when it names a Type-C part, or labels USB-C
contacts and names no package family. The callouts are read upright and turned 90 degrees,
assigned to the receptacle's features (daemon.ocr.usb_c), checked against the drawing's
lines (daemon.ocr.usb_c_check), and returned as family 'other' with every pad listed.
"""

import re
from typing import TYPE_CHECKING, List, Optional, Sequence

from daemon.ocr import usb_c, usb_c_check
from daemon.ocr.callouts import collect, heading_tokens, in_box, land_region
from daemon.ocr.engine import page_scale
from daemon.ocr.layout import line_height
from daemon.ocr.numbers import count_of
from daemon.ocr.tables import page_unit
from daemon.ocr.tokens import OcrToken
from daemon.readers.base import ReaderError, ReadHints
from schemas.reading import NAME_PATTERN, DatasheetReading, LandPattern, note_text
from schemas.toleranced import Toleranced

if TYPE_CHECKING:  # pragma: no cover
    from daemon.ocr.reading import OcrInput

_ASCII = re.compile(r"[^ -~]")


def read_usb_c(inputs: Sequence["OcrInput"], hints: ReadHints):
    """A DatasheetReading of a 16-contact USB-C receptacle, or ReaderError saying what is
    missing (the first page with a land-pattern drawing that reads wins)."""
    failure = None
    for item, region in ((i, r) for i in inputs for r in _regions(i)):
        page = item.page
        tokens = list(page.tokens)
        if item.rotated is not None:
            try:
                tokens += item.rotated(region)
            except Exception as exc:  # the upright pass may still be enough
                failure = f"rotated pass failed: {type(exc).__name__}"
        if (hints.units_hint or page_unit(tokens) or "mm") != "mm":
            raise ReaderError("USB-C receptacle drawn in inches: not read; give --units-hint "
                              "mm if the page is in millimetres")
        region = callout_cluster(tokens, region)
        for attempt in _attempts(tokens, region, item):
            inside = [t for t in attempt if in_box(t, region)]
            callouts = collect(attempt, region)
            try:
                d = usb_c.dimensions(callouts, inside)
            except ReaderError as exc:
                failure = str(exc)
                continue
            return _reading(item, d, callouts, inside, hints)
    raise ReaderError(failure or "USB-C receptacle: no land-pattern drawing found")


def _attempts(tokens: List[OcrToken], region: tuple, item: "OcrInput"):
    """The tokens as read; then, if the page was read shrunk, with the land pattern read
    again at full size (small print), only when the first reading does not fit."""
    yield tokens
    page = item.page
    if item.upright is None or page_scale(page.width, page.height) >= 0.9:
        return
    try:
        yield _reread(tokens, region, item)
    except Exception:  # the shrunk pass already failed; its error stands
        return


def _reading(item: "OcrInput", d: usb_c.UsbCDimensions, callouts, inside, hints: ReadHints):
    try:
        d, checked = usb_c_check.check_chain(item.image, d, callouts, inside)
    except Exception as exc:  # a check must not lose the reading; all stays inferred
        checked = f"drawing check failed ({type(exc).__name__}): positions inferred"
    printed = "datasheet_drawing"
    land = LandPattern(
        pitch=Toleranced(nom=d.pitch, source=printed),
        pad_width=Toleranced(nom=d.narrow_width, source=printed),
        pad_length=Toleranced(nom=d.land_length, source=printed),
        drill=Toleranced(nom=d.peg_diameter, source=printed) if d.peg_diameter else None)
    return DatasheetReading(
        units="mm", family="other", pin_count=16, part_name=_part(hints),
        package_name="USB-C receptacle 16P", view="top", pin1_cue="marking",
        pitch=Toleranced(nom=d.pitch, source=printed), land_pattern=land,
        pads=usb_c.pads(d), notes=note_text(f"ocr: {usb_c.notes(d)}; {checked}"))


def _regions(item: "OcrInput") -> List[tuple]:
    """Where the land pattern may be: below its heading, or above it when the heading is a
    caption under the figure (GCT's "Recommended PCB Layout" with more drawings below)."""
    page = item.page
    first = land_region(page.tokens, page.width, page.height, item.role)
    if first is None:
        return []
    out = [first]
    heads = heading_tokens(page.tokens)
    if heads:
        head = min(heads, key=lambda t: t.cy)
        above = (0, 0, page.width, head.box[3])
        if above != first and head.box[1] > 0:
            out.append(above)
    return out


def _reread(tokens: Sequence[OcrToken], region: tuple, item) -> list:
    """`tokens` with those inside `region` replaced by a full-size upright and turned pass
    over the region alone."""
    again = list(item.upright(region))
    if item.rotated is not None:
        again += item.rotated(region)
    return [t for t in tokens if not in_box(t, region)] + again


def _part(hints: ReadHints) -> Optional[str]:
    """The user's part name where the reading's name pattern allows it."""
    name = _ASCII.sub("", hints.part_name or "").strip()
    return name if re.fullmatch(NAME_PATTERN, name) else None


def callout_cluster(tokens: Sequence[OcrToken], region: tuple) -> tuple:
    """The part of `region` around the counted callouts ('4x 0.60', '12-0.30'): a page that
    shows the package drawing beside the land pattern keeps the package's numbers out."""
    counted = [t for t in tokens if in_box(t, region) and count_of(t.text)]
    if len(counted) < 2:
        return region
    h = line_height(tokens)
    x0 = min(t.box[0] for t in counted) - 3 * h
    x1 = max(t.box[2] for t in counted) + 3 * h
    return (max(region[0], x0), region[1], min(region[2], x1), region[3])
