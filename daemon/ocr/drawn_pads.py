"""The pads a land figure draws: filled or hatched rectangles, measured in pixels.

Printed numbers give every size; the drawing only says which number is which. Two numbers
along one axis of a two-pad figure ("0.8" and "0.7") fit several readings (pad 0.8 with a
0.7 gap, or pad 0.7 with a 0.8 gap; inner and outer spans; pad and centres), and a
drawing's proportions choose between them: the pads' width over their centre spacing, in
pixels, is about the printed pad over the printed centres whatever the drawing's scale.
Nothing here is taken as a size (drawings are often not to scale by a few per cent, and
some are "not to scale" outright): a ratio only picks one of the readings the printed
values allow, and where none fits within `RATIO_TOLERANCE` none is picked.

Pads are found as blobs that stay dark after filling hatch gaps (a closing) and wiping out
thin lines (an opening): dimension and extension lines, centre lines and outlines go; grey
or hatched pads stay. Pads drawn as a thin outline (a rectangle, a circle) leave nothing
there, so where no filled pads are found the blank regions that an outline closes are taken
instead, grown to the middle of their outline. Dashed outlines close nothing, and the caller
falls back to what the numbers alone say.
"""

from dataclasses import dataclass, replace
from typing import Dict, List, Optional, Sequence, Tuple

from daemon.ocr.layout import drawing_read_as_text
from daemon.ocr.tokens import OcrToken

Box = Tuple[float, float, float, float]
RATIO_TOLERANCE = 0.07  # relative: hatching and anti-aliasing blur edges by a pixel or two
_DARK = 215  # light grey pad fills (Jauch: 190 on a 227 panel) count as ink
# Hairline outlines rendered at screen resolution are light grey (MEMSIC's land circles:
# 223): asked for only where the figure shows no pads at _DARK.
_FAINT = 235
_SAME_SIZE = 0.15
_PX_STEP = 2  # _enclosed traces outlines on a 2-pixel grid


@dataclass(frozen=True)
class DrawnGrid:
    """Equal pads on a lattice of one or two columns by one to MAX_ROW rows (or the other
    way round), in page pixels."""

    pads: Tuple[Box, ...]
    pad_x: float  # mean pad width
    pad_y: float
    centre_x: Optional[float]  # centre spacing of neighbouring columns, None with one
    centre_y: Optional[float]
    nx: int = 0  # columns (0: as centre_x says, one or two)
    ny: int = 0
    round: bool = False  # the pads fill under 88 % of their boxes: circles (78.5 %)

    def count(self, axis: str) -> int:
        n = self.nx if axis == "x" else self.ny
        if n:
            return n
        return 1 if (self.centre_x if axis == "x" else self.centre_y) is None else 2

    def square(self) -> bool:
        """Drawn as wide as long (round or square pads), within the sizes' tolerance."""
        return abs(self.pad_x - self.pad_y) <= _SAME_SIZE * max(self.pad_x, self.pad_y)

    def ratio(self, axis: str) -> Optional[float]:
        """Pad size over centre spacing along `axis` (None with one pad on it)."""
        centre = self.centre_x if axis == "x" else self.centre_y
        pad = self.pad_x if axis == "x" else self.pad_y
        return None if not centre else pad / centre


def _box_count(mask, k: int):
    """For each pixel, how many of the k x k window around it are set (integral image)."""
    import numpy as np

    pad = k // 2
    padded = np.pad(mask.astype(np.int32), ((pad + 1, k - pad), (pad + 1, k - pad)))
    ii = padded.cumsum(0).cumsum(1)
    return ii[k:, k:] - ii[:-k, k:] - ii[k:, :-k] + ii[:-k, :-k]


def _close_open(mask, close: int, open_: int):
    """Fill hatch gaps up to `close` px, then drop everything thinner than `open_` px."""
    full = close * close
    mask = _box_count(mask, close) > 0  # dilate
    mask = _box_count(mask, close) == full  # erode: a closing
    full = open_ * open_
    core = _box_count(mask, open_) == full  # erode
    return _box_count(core, open_) > 0  # dilate: an opening


def _blobs(mask) -> List[Tuple[Box, int]]:
    """Connected pieces of a boolean mask, on a grid of 2 px cells: (box in px, px area)."""
    from daemon.ocr.figures import _components

    step = _PX_STEP
    rows, cols = mask.shape[0] // step, mask.shape[1] // step
    if rows < 2 or cols < 2:
        return []
    small = mask[:rows * step, :cols * step].reshape(rows, step, cols, step).all(axis=(1, 3))
    out = []
    for (r0, c0, r1, c1), n in _components(small):
        out.append(((c0 * step, r0 * step, (c1 + 1) * step, (r1 + 1) * step), n * step * step))
    return out


def _dark_without_text(image, region: Box, tokens: Sequence[OcrToken], h: float,
                      threshold: int = _DARK):
    """(dark-pixel mask of `region`, its x0, y0) with the text runs blanked out (digits
    are thick enough to survive the opening), or None for a region too small."""
    import numpy as np

    x0, y0 = max(0, int(region[0])), max(0, int(region[1]))
    x1, y1 = min(image.size[0], int(region[2])), min(image.size[1], int(region[3]))
    if x1 - x0 < 8 or y1 - y0 < 8:
        return None
    mask = np.asarray(image.convert("L").crop((x0, y0, x1, y1))) < threshold
    for tok in tokens:
        if drawing_read_as_text(tok, h):
            continue
        a0, b0, a1, b1 = (int(round(v)) for v in tok.box)
        rows = slice(max(0, b0 - y0 - 2), max(0, b1 - y0 + 2))
        mask[rows, max(0, a0 - x0 - 2):max(0, a1 - x0 + 2)] = False
    return mask, x0, y0


def _solid_blobs(mask, h: float) -> List[Tuple[Box, int]]:
    """The mask's filled areas at least two openings across and 70 % full (box, pixels):
    hatching closed, lines opened away."""
    open_ = max(5, int(round(h / 3)))
    solid = _close_open(mask, max(3, int(round(h / 4))), open_)
    return [(box, n) for box, n in _blobs(solid)
            if n >= (2 * open_) ** 2 and n >= 0.7 * (box[2] - box[0]) * (box[3] - box[1])]


def drawn_grid(image, region: Box, tokens: Sequence[OcrToken], h: float
               ) -> Optional[DrawnGrid]:
    """The equal pads drawn inside `region` (page pixels) as a grid (see DrawnGrid), or
    None when the figure shows no such set of pads."""
    dark = _dark_without_text(image, region, tokens, h)
    if dark is None:
        return None
    mask, x0, y0 = dark
    blobs = [(box, n / ((box[2] - box[0]) * (box[3] - box[1])))
             for box, n in _solid_blobs(mask, h)]
    best = _best_grid(dict(blobs), x0, y0) or _outlined_grid(mask, h, x0, y0)
    if best is None:
        faint = _dark_without_text(image, region, tokens, h, _FAINT)
        best = _outlined_grid(faint[0], h, x0, y0)
    return best


def _outlined_grid(mask, h: float, x0: int, y0: int) -> Optional[DrawnGrid]:
    """Outline-only pads: what their outlines enclose, at least a third of a text line
    across (smaller loops are glyphs and arrow heads)."""
    return _best_grid({b: share for b, share in _enclosed(mask)
                       if min(b[2] - b[0], b[3] - b[1]) >= h / 3}, x0, y0)


def drawn_pad_count(image, region: Box, tokens: Sequence[OcrToken], h: float) -> int:
    """How many filled pads of about one size `region` draws (any lattice, any number:
    a ball grid with positions left out), 0 where it draws none."""
    return len(pad_blobs(image, region, tokens, h))


def pad_blobs(image, region: Box, tokens: Sequence[OcrToken], h: float) -> List[Box]:
    """The filled pads of about one size `region` draws, as boxes in page pixels."""
    dark = _dark_without_text(image, region, tokens, h)
    if dark is None:
        return []
    mask, x0, y0 = dark
    found = _solid_blobs(mask, h)
    if not found:
        return []
    typical = sorted(n for _, n in found)[len(found) // 2]
    return [(b[0] + x0, b[1] + y0, b[2] + x0, b[3] + y0) for b, n in found
            if 0.6 * typical <= n <= 1.6 * typical]


def _best_grid(shares: Dict[Box, float], dx: float, dy: float) -> Optional[DrawnGrid]:
    """The largest grid among boxes of one size (`shares`: box -> the share of it the pad
    fills)."""
    best: Optional[DrawnGrid] = None
    boxes = list(shares)
    for box in boxes:
        w, ht = box[2] - box[0], box[3] - box[1]
        # one size within 15 %, or within the 2-pixel step outlines are traced at (small
        # circles of a 200-dpi render: 12 and 14 pixels across)
        same = [b for b in boxes if abs((b[2] - b[0]) - w) <= max(_SAME_SIZE * w, _PX_STEP)
                and abs((b[3] - b[1]) - ht) <= max(_SAME_SIZE * ht, _PX_STEP)]
        grid = _as_grid(same, dx, dy)
        for i in range(len(same) if grid is None and len(same) <= 2 * MAX_ROW else 0):
            # one look-alike too many (the space a leader closes beside a round pad)
            grid = grid or _as_grid(same[:i] + same[i + 1:], dx, dy)
        if grid is not None and (best is None or len(grid.pads) > len(best.pads)):
            fill = [shares[(b[0] - dx, b[1] - dy, b[2] - dx, b[3] - dy)] for b in grid.pads]
            best = replace(grid, round=sum(fill) / len(fill) < 0.88)
    return best


def _enclosed(mask) -> List[Tuple[Box, float]]:
    """Blank regions closed all round by ink (a pad's interior where the pad is drawn as a
    thin outline), each grown to the middle of its outline on every side: the drawn pad
    edge is the outline's middle, the drawing's commonest stroke width out. Regions
    touching the crop's edge are open."""
    from daemon.ocr.figures import _components

    step = _PX_STEP
    rows, cols = mask.shape[0] // step, mask.shape[1] // step
    if rows < 3 or cols < 3:
        return []
    blank = ~mask[:rows * step, :cols * step].reshape(rows, step, cols, step).any(axis=(1, 3))
    out: List[Tuple[Box, float]] = []
    stroke = _stroke(mask)
    for (r0, c0, r1, c1), n in _components(blank):
        if r0 == 0 or c0 == 0 or r1 == rows - 1 or c1 == cols - 1:
            continue
        if n < 0.5 * (r1 - r0 + 1) * (c1 - c0 + 1):  # a ring around other shapes
            continue
        x0, y0, x1, y1 = c0 * step, r0 * step, (c1 + 1) * step, (r1 + 1) * step
        share = n / ((r1 - r0 + 1) * (c1 - c0 + 1))
        out.append(((x0 - stroke / 2, y0 - stroke / 2, x1 + stroke / 2, y1 + stroke / 2),
                    share))
    return out


def _stroke(mask) -> int:
    """The drawing's line width: the commonest length of a horizontal run of ink."""
    import numpy as np

    edges = np.diff(np.pad(mask.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    starts, ends = np.nonzero(edges == 1), np.nonzero(edges == -1)
    lengths = ends[1] - starts[1]
    lengths = lengths[(lengths > 0) & (lengths <= 8)]
    return int(np.bincount(lengths).argmax()) if lengths.size else 0


def _as_grid(boxes: Sequence[Box], dx: float, dy: float) -> Optional[DrawnGrid]:
    """Boxes filling a lattice of one or two columns by up to MAX_ROW evenly spaced rows,
    or the other way round (centres aligned within a tenth of a pad), in page pixels."""
    if len(boxes) < 2 or len(boxes) > 2 * MAX_ROW:
        return None
    w = sum(b[2] - b[0] for b in boxes) / len(boxes)
    ht = sum(b[3] - b[1] for b in boxes) / len(boxes)
    cx = sorted((b[0] + b[2]) / 2 for b in boxes)
    cy = sorted((b[1] + b[3]) / 2 for b in boxes)

    xs, nx = centre_levels(cx, 0.1 * w)
    ys, ny = centre_levels(cy, 0.1 * ht)
    if len(xs) * len(ys) != len(boxes) or min(len(xs), len(ys)) > 2 \
            or len(set(nx)) > 1 or len(set(ny)) > 1:
        return None
    pitch_x, pitch_y = _even(xs, w), _even(ys, ht)
    if pitch_x is False or pitch_y is False:
        return None
    pads = tuple((b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy) for b in boxes)
    return DrawnGrid(pads, w, ht, pitch_x, pitch_y, len(xs), len(ys))


def centre_levels(values: Sequence[float], gap: float) -> Tuple[List[float], List[int]]:
    """Sorted pad centres grouped into rows or columns, each within `gap` of the one before:
    (each group's mean, how many it holds)."""
    groups: List[List[float]] = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= gap:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups], [len(g) for g in groups]


MAX_ROW = 12  # pads along one side of a drawn grid (a DFN-24's twelve)


def _even(levels: Sequence[float], size: float):
    """The spacing of evenly spaced levels (within a tenth of a pad), None for one level,
    False where they are not even."""
    if len(levels) < 2:
        return None
    steps = [b - a for a, b in zip(levels, levels[1:])]
    mean = sum(steps) / len(steps)
    return mean if max(steps) - min(steps) <= 0.1 * size + 2 else False
