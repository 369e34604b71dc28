"""Measuring a line drawing's pixels: scale from dimension lines, straight edges, line ends.

The OCR reader takes every size from printed numbers. Where a position is not printed (which
features a dimension connects; a slot centred on another feature's extension line), the
drawing itself can tell: code finds the dimension line beside a printed value and the edges
of the features, and checks that they meet. Nothing here invents a dimension: measurements
only confirm an interpretation of printed values, or give a small offset between two
features that lie close together (where a 2 % scale error is a few hundredths of a mm).
"""

from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

Run = Tuple[int, int]  # first and last dark pixel, inclusive


@dataclass(frozen=True)
class Scale:
    """Pixels per millimetre and the x of the drawing's centre line (symmetric spans)."""

    px_per_mm: float
    centre_x: float
    spread: float  # (max - min) / median of the spans' scales


class Drawing:
    """A greyscale page as a dark-pixel mask, with the few measurements the reader needs."""

    def __init__(self, image, threshold: int = 140):
        import numpy as np

        self._np = np
        self.dark = np.asarray(image.convert("L")) < threshold
        self.height, self.width = self.dark.shape
        self._sums = None

    def dark_share(self, index: int, a: int, b: int, row: bool) -> float:
        """The share of dark pixels of row (`row`) or column `index` from a to b inclusive,
        in constant time: the readers ask it millions of times per page."""
        if self._sums is None:
            np = self._np
            along_x = np.zeros((self.height, self.width + 1), dtype=np.int32)
            along_x[:, 1:] = self.dark.cumsum(axis=1)
            along_y = np.zeros((self.height + 1, self.width), dtype=np.int32)
            along_y[1:, :] = self.dark.cumsum(axis=0)
            self._sums = (along_x, np.ascontiguousarray(along_y.T))
        line = self._sums[0][index] if row else self._sums[1][index]
        a, b = max(0, a), min(len(line) - 2, b)
        if b < a:
            return 0.0
        return float(line[b + 1] - line[a]) / (b - a + 1)

    # -- primitives --------------------------------------------------------------------
    def column_runs(self, x: int, y0: int = 0, y1: Optional[int] = None) -> List[Run]:
        """Dark runs of column x between y0 and y1 (exclusive)."""
        if not 0 <= x < self.width:
            return []
        y1 = self.height if y1 is None else min(self.height, y1)
        y0 = max(0, y0)
        if y1 <= y0:
            return []
        return self._runs(self.dark[y0:y1, x], y0)

    def _runs(self, line, offset: int) -> List[Run]:
        np = self._np
        padded = np.concatenate(([False], line, [False])).astype(np.int8)
        edges = np.flatnonzero(np.diff(padded))
        return [(int(a) + offset, int(b) - 1 + offset) for a, b in zip(edges[::2], edges[1::2])]

    def row_run_through(self, y: int, x: int) -> Optional[Run]:
        """The dark run of row y that contains x."""
        if not (0 <= y < self.height and 0 <= x < self.width) or not self.dark[y, x]:
            return None
        for a, b in self._runs(self.dark[y, :], 0):
            if a <= x <= b:
                return (a, b)
        return None

    # -- measurements ------------------------------------------------------------------
    def line_below(self, box, depth: float) -> Optional[Run]:
        """The longest horizontal line under a dimension's text (`box`), within `depth` px:
        ISO and ANSI drawings write the value above its dimension line."""
        x = int(round((box[0] + box[2]) / 2))
        best = None
        for y in range(int(box[3]), int(box[3] + depth)):
            run = self.row_run_through(y, x)
            if run and (best is None or run[1] - run[0] > best[1] - best[0]):
                best = run
        return best

    def vertical_segment(self, x: float, length: float, y0: float, y1: float,
                         reach: int = 3, rel: float = 0.2) -> Optional[Run]:
        """A vertical dark run of about `length` px within `reach` columns of x, between y0
        and y1: a feature's straight edge or a dimension line."""
        best = None
        for col in range(int(round(x)) - reach, int(round(x)) + reach + 1):
            for a, b in self.column_runs(col, int(y0), int(y1) + 1):
                err = abs(b - a + 1 - length)
                if err <= rel * length + 3 and (best is None or err < best[0]):
                    best = (err, a, b)
        return None if best is None else (best[1], best[2])

    def dimension_line_beside(self, box, length: float, rel: float = 0.07) -> Optional[Run]:
        """The vertical dimension line next to a value written along it (`box` of turned
        text), about `length` px long and overlapping the text's extent."""
        h = box[2] - box[0]
        best = None
        for col in range(int(box[0] - 0.8 * h), int(box[2] + 0.8 * h) + 1):
            for a, b in self.column_runs(col):
                if b < box[1] or a > box[3]:
                    continue
                err = abs(b - a + 1 - length)
                if err <= rel * length + 3 and (best is None or err < best[0]):
                    best = (err, a, b)
        return None if best is None else (best[1], best[2])


def span_scale(drawing: Drawing, spans: Sequence[Tuple[object, float]], depth: float
               ) -> Optional[Scale]:
    """Scale and centre from horizontal span dimensions: (text box, value in mm) each."""
    scales, centres = [], []
    for box, value in spans:
        run = drawing.line_below(box, depth)
        if run is None or value <= 0:
            continue
        scales.append((run[1] - run[0] + 1) / value)
        centres.append((run[0] + run[1]) / 2.0)
    if len(scales) < 2:
        return None
    scales.sort()
    centres.sort()
    mid = scales[len(scales) // 2]
    return Scale(px_per_mm=mid, centre_x=centres[len(centres) // 2],
                 spread=(scales[-1] - scales[0]) / mid)
