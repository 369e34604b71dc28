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
            tokens += item.rotated((0, 0, page.width, page.height))
        except Exception:  # the upright text still counts
            pass
    if cache is not None:
        cache["page_text"] = tokens
    return list(tokens)
