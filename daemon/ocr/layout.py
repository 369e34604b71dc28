"""Rebuild lines and table rows from OCR boxes (RapidOCR returns one box per text run)."""

from statistics import median
from typing import List, Sequence

from daemon.ocr.tokens import OcrToken


def line_height(tokens: Sequence[OcrToken]) -> float:
    """Typical text height on the page (median of short, upright runs)."""
    heights = [t.height for t in tokens if not t.vertical and len(t.text) <= 20]
    return median(heights) if heights else 30.0


def rows(tokens: Sequence[OcrToken], tolerance: float = 0.5) -> List[List[OcrToken]]:
    """Group upright tokens whose vertical centres lie within `tolerance` x line height,
    each row sorted left to right, rows top to bottom."""
    h = line_height(tokens)
    out: List[List[OcrToken]] = []
    for tok in sorted((t for t in tokens if not t.vertical), key=lambda t: t.cy):
        for row in out:
            centre = sum(t.cy for t in row) / len(row)
            if abs(tok.cy - centre) <= tolerance * h:
                row.append(tok)
                break
        else:
            out.append([tok])
    for row in out:
        row.sort(key=lambda t: t.box[0])
    out.sort(key=lambda r: sum(t.cy for t in r) / len(r))
    return out


def row_y(row: Sequence[OcrToken]) -> float:
    return sum(t.cy for t in row) / len(row)


def squash(text: str) -> str:
    """Upper case without spaces: OCR glues and splits words unpredictably."""
    return "".join(text.split()).upper()


def page_text(item) -> list:
    """Every text run of a page (`OcrInput`), its turned text included: the whole page
    read turned once (the reader's turned pass), worked out once per page."""
    cache = getattr(item, "cache", None)
    if cache is not None and "page_text" in cache:
        return list(cache["page_text"])
    page = item.page
    tokens = list(page.tokens)
    if item.rotated is not None:
        try:
            tokens += upright_duplicates_dropped(
                item.rotated((0, 0, page.width, page.height)), page.tokens)
        except Exception:  # the upright text still counts
            pass
    if cache is not None:
        cache["page_text"] = tokens
    return list(tokens)



def reads_across(tok) -> bool:
    """The run's box has the shape of upright text: a run of several characters is wider
    than tall, a single digit taller than wide. (Turned text has the other shape; a single
    upright glyph in the turned pass is read on its side, a 6 as a 9.)"""
    if len(tok.text.replace(" ", "")) == 1:
        return tok.height > tok.width
    return tok.width > tok.height


def upright_duplicates_dropped(turned: list, upright: list) -> list:
    """The turned pass's runs less those that are upright text read a second time: OCR
    turns a crop that is taller than wide before reading it, so in the turned image a
    horizontal `1.60` is read too, and its box, mapped back, has an upright run's shape.
    Such a run over a run the upright pass read is that run again, and marked turned it
    would make a horizontal dimension a vertical one (Luminus' soldering pattern)."""
    def overlaps(a, b) -> bool:
        w = min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])
        h = min(a.box[3], b.box[3]) - max(a.box[1], b.box[1])
        return w > 0 and h > 0 and w * h >= 0.5 * min(a.width * a.height, b.width * b.height)

    return [t for t in turned if not (reads_across(t) and any(overlaps(t, u) for u in upright))]
