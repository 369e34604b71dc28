"""The figures of a page (top view, side view, land pattern ...) from the drawing's ink.

A page that shows the package and its land pattern side by side (Linear Technology's
"PACKAGE DESCRIPTION", many maker pages) cannot be split by headings alone: LTC captions
the land pattern under its figure, beside the package's top view. The line art of each
figure is one connected piece of ink once the text is taken out and small gaps are closed;
each text run then belongs to the figure nearest to it. The land-pattern figure is the one
its heading or caption sits against.
"""

import re
from collections import deque
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple

from daemon.ocr.layout import drawing_read_as_text
from daemon.ocr.tokens import OcrToken

_MIN_CELLS = 12  # smaller ink pieces are marks, arrows or noise, not figures


@dataclass
class Figure:
    box: Tuple[float, float, float, float]  # page pixels
    cells: int
    tokens: List[OcrToken] = field(default_factory=list)


def figures(image, tokens: Sequence[OcrToken], h: float) -> List[Figure]:
    """Figures of the page, largest first, each with the text runs nearest to it."""
    import numpy as np

    dark = np.asarray(image.convert("L")) < 140
    dark = dark.copy()
    for tok in tokens:  # text would bridge the figures it labels
        if drawing_read_as_text(tok, h):
            continue
        x0, y0, x1, y1 = (int(round(v)) for v in tok.box)
        dark[max(0, y0 - 2):y1 + 2, max(0, x0 - 2):x1 + 2] = False
    _drop_border_lines(dark)
    step = max(4, int(round(h / 3)))
    rows, cols = dark.shape[0] // step, dark.shape[1] // step
    if rows < 4 or cols < 4:
        return []
    small = dark[:rows * step, :cols * step].reshape(rows, step, cols, step).any(axis=(1, 3))
    grown = small.copy()  # close gaps of up to two cells (dashed lines, arrow tips)
    for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1), (2, 0), (-2, 0), (0, 2), (0, -2)):
        grown |= np.roll(np.roll(small, dy, axis=0), dx, axis=1)
    found = _components(grown)
    out = [Figure((c0 * step, r0 * step, (c1 + 1) * step, (r1 + 1) * step), n)
           for (r0, c0, r1, c1), n in found if n >= _MIN_CELLS]
    out.sort(key=lambda f: -f.cells)
    # A frame around the whole drawing (TI's border) is one figure holding the others: it
    # goes where it holds most of the ink (the drawing touches it), or where it is a page
    # border holding at least two figures (National's frame, its thin lines a minority).
    page_area = float(image.size[0] * image.size[1])
    out = [f for f in out if not _is_frame(f, out, page_area)]
    for tok in tokens:
        if out:
            out[nearest_figure(tok.box, out)].tokens.append(tok)
    return out


_UNITS_LINE = re.compile(r"^\s*\(?\s*(?:units?|dimensions?)\b.*(?:mm|inch)", re.I)


def land_figure(figs: Sequence[Figure], heads: Sequence[OcrToken], h: float,
                tokens: Sequence[OcrToken] = ()) -> Optional[Figure]:
    """The figure a land-pattern heading or caption sits against (just above or under it,
    overlapping it sideways), or None when no figure is that close. A units line under the
    heading ("(units : mm; tolerance : +/-0.1)", Kingbright) makes it a title over the figure
    below it: the figures above are not considered and the gap is measured from that line."""
    best = None
    for head in heads:
        bottom = head.box[3]
        for tok in sorted(tokens, key=lambda t: t.box[1]):
            if 0 <= tok.box[1] - bottom <= 0.8 * h and _UNITS_LINE.search(tok.text) \
                    and min(tok.box[2], head.box[2]) > max(tok.box[0], head.box[0]):
                bottom = tok.box[3]
        titled = bottom > head.box[3]  # a heading over its own units line heads what follows
        for fig in figs:
            x0, y0, x1, y1 = fig.box
            if min(x1 - x0, y1 - y0) < 1.5 * h:
                continue  # a rule under a row of captions (Jauch) is no figure
            if y0 >= head.box[1] - 0.5 * h and y1 <= head.box[3] + 1.5 * h:
                continue  # the caption's own double underline (Luminus) is no figure
            if y1 - y0 <= 3 * h and y0 < head.box[3] and y1 > head.box[1] \
                    and x0 < head.box[2] and x1 > head.box[0]:
                continue  # ink of the caption's own lines (Osram's "9) page 19" marks)
            if fig.tokens and not any(re.search(r"\d", t.text) for t in fig.tokens):
                continue  # a maker's logo over the heading labels no size (GlobalMEMS)
            overlap = min(x1, head.box[2]) - max(x0, head.box[0])
            if overlap <= 0 or (titled and y0 < bottom - h):
                continue
            gap = max(y0 - bottom, head.box[1] - y1, 0)
            if head.box[1] < y0 < head.box[3]:
                # a figure that starts on the caption's own line (joined to its underline)
                # is not the one it captions when another ends just above it (Diptronics'
                # "P.C.B. LAYOUT" under the layout, its underline touching the side view)
                gap = max(gap, h)
            # a heading sets off the figure under it by a few lines; a widely spaced page
            # (Osram: "Recommended Solder Pad" eight lines over its pads) further, where
            # no text stands between them
            near = gap <= 4 * h or (y0 >= bottom and gap <= FAR_GAP_LINES * h
                                    and not _text_between(tokens, head, fig.box, h))
            if near and (best is None or gap < best[0]):
                best = (gap, fig, head)
    if best is None:
        return None
    return _with_sibling_pads(_with_pieces_under(best[1], best[2], figs, h), figs, h)


def _with_pieces_under(fig: Figure, head: OcrToken, figs: Sequence[Figure], h: float
                       ) -> Figure:
    """`fig` joined with the smaller figures that touch it (within a line) and sit under the
    same heading, overlapping it sideways: a land pattern whose pads are not joined by ink
    (Coilcraft's two grey pads, only one reached by a dimension line) is one figure."""
    x0, y0, x1, y1 = fig.box
    if y0 < head.box[1]:
        return fig  # a caption under its figure: what else is above it is not known
    joined = [fig]
    for other in figs:
        a0, b0, a1, b1 = other.box
        if other is fig or other.cells > fig.cells or b0 < head.box[1] \
                or min(a1 - a0, b1 - b0) < 1.5 * h:  # a rule is no pad
            continue
        under = min(a1, head.box[2]) > max(a0, head.box[0])
        touching = max(a0 - x1, x0 - a1, b0 - y1, y0 - b1) <= h
        if under and touching:
            joined.append(other)
    if len(joined) == 1:
        return fig
    return _joined(joined)


FAR_GAP_LINES = 10


def _text_between(tokens: Sequence[OcrToken], head: OcrToken, box, h: float) -> bool:
    """Some text line lies below the heading and above the figure, overlapping it sideways
    (another caption or paragraph: the figure is not the heading's). The heading's own
    next line (Osram's German "Empfohlenes Lötpaddesign" under it) is part of it."""
    return any(head.box[3] + 1.5 * h <= t.box[1] and t.box[3] <= box[1]
               and min(t.box[2], box[2]) > max(t.box[0], box[0]) for t in tokens
               if t is not head)


def _with_sibling_pads(fig: Figure, figs: Sequence[Figure], h: float) -> Figure:
    """`fig` joined with the figures beside it that are the same size and in line with it:
    the separate pads of one land pattern (Kingbright's two squares 0.85 apart) are one
    figure to read."""
    x0, y0, x1, y1 = fig.box
    w, ht = x1 - x0, y1 - y0
    joined = [fig]
    for other in figs:
        if other is fig:
            continue
        a0, b0, a1, b1 = other.box
        same = abs((a1 - a0) - w) <= 0.35 * max(w, 1) and abs((b1 - b0) - ht) <= 0.35 * max(ht, 1)
        near = 1.5 * h  # pads of one pattern sit closer than the views of a drawing
        in_row = abs(b0 - y0) <= h and abs(b1 - y1) <= h and min(abs(a0 - x1),
                                                                  abs(x0 - a1)) <= near
        in_col = abs(a0 - x0) <= h and abs(a1 - x1) <= h and min(abs(b0 - y1),
                                                                  abs(y0 - b1)) <= near
        if same and (in_row or in_col):
            joined.append(other)
    if len(joined) == 1:
        return fig
    return _joined(joined)


def _joined(parts: Sequence[Figure]) -> Figure:
    """One figure of `parts`: their boxes' union, their ink and text."""
    box = (min(f.box[0] for f in parts), min(f.box[1] for f in parts),
           max(f.box[2] for f in parts), max(f.box[3] for f in parts))
    return Figure(box, sum(f.cells for f in parts), [t for f in parts for t in f.tokens])


def label_region(fig: Figure, h: float, lines: float = 3.0) -> Tuple[float, float, float, float]:
    """Where a figure's own dimension text sits: its box grown by three lines (the text is
    written outside the extension lines)."""
    x0, y0, x1, y1 = fig.box
    return (x0 - lines * h, y0 - lines * h, x1 + lines * h, y1 + lines * h)


def tokens_of(fig: Figure, figs: Sequence[Figure], tokens: Sequence[OcrToken], h: float
              ) -> List[OcrToken]:
    """The text runs that label `fig`: inside its `label_region` and not inside another
    figure's box."""
    x0, y0, x1, y1 = fig.box
    grown = label_region(fig, h)
    others = [g.box for g in figs if g is not fig]
    out = []
    for tok in tokens:
        cx, cy = tok.cx, tok.cy
        if not (grown[0] <= cx <= grown[2] and grown[1] <= cy <= grown[3]):
            continue
        inside_mine = x0 <= cx <= x1 and y0 <= cy <= y1
        if not inside_mine and any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in others):
            continue
        out.append(tok)
    return out


def _components(mask) -> List[Tuple[Tuple[int, int, int, int], int]]:
    """Connected pieces (4-neighbour) of a small boolean grid: (bbox, cell count)."""
    rows, cols = mask.shape
    seen = mask.copy()
    seen[:] = False
    out = []
    for r, c in zip(*mask.nonzero()):
        if seen[r, c]:
            continue
        queue = deque([(r, c)])
        seen[r, c] = True
        r0 = r1 = r
        c0 = c1 = c
        n = 0
        while queue:
            y, x = queue.popleft()
            n += 1
            r0, r1, c0, c1 = min(r0, y), max(r1, y), min(c0, x), max(c1, x)
            for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                if 0 <= ny < rows and 0 <= nx < cols and mask[ny, nx] and not seen[ny, nx]:
                    seen[ny, nx] = True
                    queue.append((ny, nx))
        out.append(((int(r0), int(c0), int(r1), int(c1)), n))
    return out


BORDER_SHARE = 0.8  # a page border runs across this share of the page ...
BORDER_MARGIN = 0.05  # ... this close to its edge


def _drop_border_lines(dark) -> None:
    """Blank the page's border: straight lines across most of the page near its edges. A
    figure whose dimension line comes near the border (Fairchild's frame) would join it,
    and the two would then be dropped as one frame. Lines inside the page (a table's
    rules around the figures, YXC) stay: that frame is dropped whole."""
    import numpy as np

    height, width = dark.shape
    for axis, length in ((1, width), (0, height)):
        runs = _longest_runs(dark, axis)
        across = len(runs)
        index = np.arange(across)
        near_edge = (index < BORDER_MARGIN * across) | (index >= (1 - BORDER_MARGIN) * across)
        lines = np.nonzero((runs >= BORDER_SHARE * length) & near_edge)[0]
        if axis == 1:
            dark[lines, :] = False
        else:
            dark[:, lines] = False


def _longest_runs(dark, axis: int):
    """The longest run of dark pixels in each row (axis 1) or column (axis 0)."""
    import numpy as np

    lines = dark if axis == 1 else dark.T
    best = np.zeros(lines.shape[0], dtype=np.int64)
    current = np.zeros(lines.shape[0], dtype=np.int64)
    for k in range(lines.shape[1]):
        column = lines[:, k]
        current = np.where(column, current + 1, 0)
        np.maximum(best, current, out=best)
    return best


def _is_frame(f: Figure, figs: Sequence[Figure], page_area: float) -> bool:
    held = [g for g in figs if g is not f and box_inside(g.box, f.box)]
    if not held:
        return False
    if f.cells >= 0.5 * sum(g.cells for g in figs):
        return True
    x0, y0, x1, y1 = f.box
    return len(held) >= 2 and (x1 - x0) * (y1 - y0) >= 0.5 * page_area


def box_inside(a, b) -> bool:
    """Box `a` lies within box `b`."""
    return a[0] >= b[0] and a[1] >= b[1] and a[2] <= b[2] and a[3] <= b[3]


def nearest_figure(box, figs: Sequence[Figure]) -> int:
    """The index of the figure nearest `box` (the first of equals): the view a size or
    a text run labels."""
    return min(range(len(figs)), key=lambda i: box_distance(box, figs[i].box))


def box_distance(box, fig_box) -> float:
    """Gap between two boxes (0 where they overlap)."""
    dx = max(fig_box[0] - box[2], box[0] - fig_box[2], 0)
    dy = max(fig_box[1] - box[3], box[1] - fig_box[3], 0)
    return (dx * dx + dy * dy) ** 0.5
