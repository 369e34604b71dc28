"""Rebuild lines and table rows from OCR boxes (RapidOCR returns one box per text run)."""

import re
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


def once_per_page(item, key, compute):
    """`compute()`, kept in the page's cache (`OcrInput.cache`) under `key`: what several
    readers of one page ask for is worked out once. Without a cache, worked out each time."""
    cache = getattr(item, "cache", None)
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def page_text(item) -> list:
    """Every text run of a page (`OcrInput`), its turned text included: the whole page
    read turned once (the reader's turned pass), worked out once per page."""
    return list(once_per_page(item, "page_text", lambda: _page_text(item)))


def _page_text(item) -> list:
    page = item.page
    tokens = list(page.tokens)
    if item.rotated is not None:
        try:
            tokens += upright_duplicates_dropped(
                item.rotated((0, 0, page.width, page.height)), page.tokens)
        except Exception:  # the upright text still counts
            pass
    return tokens


def box_overlap(a, b) -> float:
    """The overlap of two boxes as a share of the smaller one (0 where apart)."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    small = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return w * h / small if small > 0 else 0.0


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
    return [t for t in turned
            if not (reads_across(t) and any(box_overlap(t.box, u.box) >= 0.5 for u in upright))]


# A dashed centre line OCR read as digits and colons ("8:8:8:80:8:8:8:", ams' pad layout).
_DASHES = re.compile(r"^[\d.\s]*(?:[:：;][\d.\s]*){3,}$")


def dashes_read_as_text(text: str) -> bool:
    return bool(_DASHES.match(text.strip()))


def drawing_read_as_text(tok: OcrToken, h: float) -> bool:
    """A 'word' without digits whose letters are wider than tall, or that stands over 1.6
    text lines, is drawn ink that OCR took for letters (MEMSIC's two round pads read as
    'OC'), as is a dashed line read as digits and colons: not text to blank out."""
    text = tok.text.strip()
    if dashes_read_as_text(text):
        return True
    if not text or any(c.isdigit() for c in text):
        return False
    if text in ("o", "O", "○"):
        return True  # a small drawn circle (a hole of E-Switch's P.C. mounting) read as o
    w, ht = tok.box[2] - tok.box[0], tok.box[3] - tok.box[1]
    if getattr(tok, "vertical", False):  # a turned run: its letters stand along y
        w, ht = ht, w
    return ht > 1.6 * h or w / len(text) > ht


_BARE = re.compile(r"^\d*\.\d+$")
_PLUS = re.compile(r"^\+\s*\d*\.?\d+$")
_MINUS = re.compile(r"^[-\u2013\u2212]\s*\d*\.?\d+$")


def next_line_under(upper: OcrToken, lower: OcrToken, h: float) -> bool:
    """`lower` is the next line under `upper`: below it upright, right of it when the text
    runs upwards (turned 90 degrees, the line under is to the right)."""
    if upper.vertical:
        return (0 < lower.cx - upper.cx < 1.7 * h and abs(lower.cy - upper.cy) < 1.5 * h)
    return 0 < lower.cy - upper.cy < 1.7 * h and abs(lower.cx - upper.cx) < 1.5 * h


def joined_stacked_tolerances(toks: Sequence[OcrToken], h: float) -> List[OcrToken]:
    """`0.70` with `+0.15` over `-0.10` in small print just right of it (UMW's SOT-223
    lead): OCR reads three runs; they are one toleranced size, joined into one run
    ("0.70 +0.15 -0.10"), so that neither tolerance is read as a size of its own."""
    used: set = set()
    out: List[OcrToken] = []
    for base in toks:
        if not _BARE.match(base.text.strip()) or id(base) in used:
            continue
        beside = [t for t in toks if t is not base and id(t) not in used
                  and base.box[2] - 0.6 * h <= t.box[0] <= base.box[2] + 1.5 * h
                  and abs(t.cy - base.cy) < 1.2 * h]
        plus = [t for t in beside if _PLUS.match(t.text.strip()) and t.cy <= base.cy + 0.3 * h]
        minus = [t for t in beside if _MINUS.match(t.text.strip())
                 and t.cy >= base.cy - 0.3 * h]
        if len(plus) != 1 or len(minus) != 1 or minus[0].cy <= plus[0].cy:
            continue
        parts = (base, plus[0], minus[0])
        used.update(id(t) for t in parts)
        box = (min(t.box[0] for t in parts), min(t.box[1] for t in parts),
               max(t.box[2] for t in parts), max(t.box[3] for t in parts))
        out.append(OcrToken(" ".join(t.text.strip() for t in parts), box,
                            min(t.score for t in parts)))
    return [t for t in toks if id(t) not in used] + out
