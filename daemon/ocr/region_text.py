"""A figure's text read again on its own (a crop, turned and upright at the page's own
resolution): small print the whole-page passes read shrunk or lost. Asked for only where the
page's own text left something unread (a land figure that is not a grid, an outline without
its body size), since each region costs OCR passes."""

import re
from typing import List, Sequence, Tuple

from daemon.ocr.layout import box_overlap, line_height, reads_across, squash
from daemon.ocr.tokens import OcrToken


def read_region_again(item, region, tokens: Sequence[OcrToken]
                      ) -> Tuple[List[OcrToken], set]:
    """A figure's text read again on its own, turned and upright at the page's own
    resolution: (runs to add, ids of the page's runs they replace). A run over one the page
    already read is that run misread, unless the page's run is part of it (the page read
    `2` of a turned `1.2`, or `0.8` of a glued `1.4 0.8 1.4`). A turned run inside an
    upright one of the same crop is a piece of it read on its side (`I+` of `5+-0.1`)."""
    page = item.page
    # a line and a half wider than the labels' region: an outer dimension stacked over an
    # inner one sits further out (C&K's 6 over its 4.5), and a crop that cuts it in half
    # reads nothing
    grow = 1.5 * line_height(page.tokens)
    box = (max(0.0, region[0] - grow), max(0.0, region[1] - grow),
           min(float(page.width), region[2] + grow), min(float(page.height), region[3] + grow))
    if box[2] - box[0] < 4 or box[3] - box[1] < 4:
        return [], set()
    got: List[OcrToken] = []
    for read, turned in ((item.rotated, True), (item.upright, False)):
        if read is None:
            continue
        try:
            got += [t for t in read(box) if reads_across(t) != turned]
        except Exception:  # the page's own passes still count
            continue
    across = [t for t in got if not t.vertical]
    got = [t for t in got if not t.vertical or not any(
        a.box[0] <= t.cx <= a.box[2] and a.box[1] <= t.cy <= a.box[3] for a in across)]
    add: List[OcrToken] = []
    replaced: set = set()
    for new in [part for t in got for part in _split_numbers(t)]:
        under = [o for o in tokens if box_overlap(new.box, o.box) > 0.3]
        text = squash(new.text)
        if not under:
            add.append(new)
        elif not new.vertical and all(o.vertical and reads_across(o) for o in under):
            # the turned pass read an upright glyph on its side (the 6 of a switch's
            # layout as a 9): the upright read of it stands
            add.append(new)
            replaced |= {id(o) for o in under}
        elif all(squash(o.text) != text and squash(o.text) in text for o in under):
            add.append(new)
            replaced |= {id(o) for o in under}
    return add, replaced


def _split_numbers(tok: OcrToken) -> List[OcrToken]:
    """An upright run of bare numbers OCR glued together (`1.40.81.4` over three dimension
    lines) as one run per number, each over its share of the box, so that each finds its
    own dimension line."""
    from daemon.ocr.numbers import normalise

    text = normalise(tok.text).strip()
    parts = text.split()
    if tok.vertical or len(parts) < 2 or not all(re.fullmatch(r"\d*\.\d+", p) for p in parts):
        return [tok]
    x0, y0, x1, y1 = tok.box
    step = (x1 - x0) / len(text)
    out, at = [], 0
    for part in parts:
        start = text.index(part, at)
        at = start + len(part)
        out.append(OcrToken(part, (x0 + start * step, y0, x0 + at * step, y1), tok.score))
    return out
