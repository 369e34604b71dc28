"""How many leads a side view draws, found from the lead spacing's own dimension.

A drawing that dimensions the lead spacing (`10±0.5` beside a buzzer's pins, `.090/.110`
beside a photoresistor's wires) draws a dimension line across the leads and two extension
lines that run out from two lead centres to it. The count starts at those two; every
further lead lies one spacing beyond, drawn as a stroke of about the same length ending
where the first two end. Nothing is counted from a page that shows no such dimension, and
the count is only what the drawing shows: a view that hides leads behind others (a 2 x 2
grid seen from the side) counts one row.
"""

from typing import List, Optional, Sequence, Tuple

MIN_STROKE = 2.0  # an extension line is at least this many text heights long
MIN_LEAD = 1.5  # and a drawn lead this many
MAX_LEADS = 12


def _clusters(values: List[int], gap: int = 2) -> List[Tuple[int, int]]:
    out: List[Tuple[int, int]] = []
    for v in sorted(values):
        if out and v - out[-1][1] <= gap:
            out[-1] = (out[-1][0], v)
        else:
            out.append((v, v))
    return out


def _run_at(mask, y: int, x: int) -> Optional[Tuple[int, int]]:
    """The dark run of row y that contains column x."""
    import numpy as np

    if not (0 <= y < mask.shape[0] and 0 <= x < mask.shape[1]) or not mask[y, x]:
        return None
    row = mask[y]
    left = np.flatnonzero(~row[:x][::-1])
    right = np.flatnonzero(~row[x:])
    a = x - (int(left[0]) if left.size else x)
    b = x + (int(right[0]) - 1 if right.size else mask.shape[1] - 1 - x)
    return a, b


def _spacing_leads(mask, box, h: float):
    """(centres, side, end, leads) of the spacing dimension beside `box` (x0, y0, x1, y1
    in this frame) whose two extension lines start at drawn leads running along x, or
    None: the rows of the two extension lines, the side (-1 left, 1 right) the leads lie
    on, the column they end at, and each lead's stroke (first and last column). Two
    extension lines bracket the text, whatever way the arrows point."""
    import numpy as np

    x0, y0, x1, y1 = box
    mid = (y0 + y1) / 2.0
    min_len = MIN_STROKE * h
    lo, hi = int(max(0, y0 - 3 * h)), int(min(mask.shape[0] - 1, y1 + 3 * h))
    for xq in range(int(x0 - 1.2 * h), int(x1 + 1.2 * h) + 1, 2):
        rows, runs = [], []
        for y in range(lo, hi + 1):
            run = _run_at(mask, y, xq)
            if run is not None and run[1] - run[0] >= min_len:
                rows.append(y)
                runs.append(run)
        found = _clusters(rows)
        if len(found) != 2 or not found[0][1] < mid < found[1][0]:
            continue
        centres = [(p + q) / 2.0 for p, q in found]
        pitch = centres[1] - centres[0]
        if pitch < 1.0 * h:
            continue
        # the leads lie on the side the extension lines run out to
        side = -1 if np.median([xq - a for a, _ in runs]) > np.median([b - xq for _, b in runs]) \
            else 1
        end = int(np.median([a if side < 0 else b for a, b in runs]))
        leads = [_stroke_near(mask, int(round(c)), end, side, pitch, MIN_LEAD * h, h)
                 for c in centres]
        if not all(leads):
            continue  # the extension lines start at no drawn lead (an end view's pins)
        return centres, side, end, leads
    return None


def _count(mask, box, h: float) -> Optional[int]:
    """How many leads the side view draws across the spacing dimension beside `box`."""
    import numpy as np

    found = _spacing_leads(mask, box, h)
    if found is None:
        return None
    centres, side, end, leads = found
    pitch = centres[1] - centres[0]
    # Where the two leads start (at the body): a further stroke must start there too;
    # a dimension line along the leads (GL55's 34 +/-1 from the body's top) does not.
    root = float(np.median([b if side > 0 else a for a, b in leads]))
    count = 2
    for direction, start in ((-1, centres[0]), (1, centres[1])):
        for k in range(1, MAX_LEADS):
            y = int(round(start + direction * k * pitch))
            run = _stroke_near(mask, y, end, side, pitch, MIN_LEAD * h, h)
            if run is None or abs((run[1] if side > 0 else run[0]) - root) > h:
                break
            count += 1
    return count


def _lead_across(mask, centre: float, run: Tuple[int, int], reach: float):
    """(width, middle) of one drawn lead across its length, medians over the middle of its
    stroke, from the dark rows within `reach` of the extension line: a lead drawn as two
    edge lines (a centre line between them or not) is as wide as their middles lie apart,
    a filled one as its dark rows."""
    import numpy as np

    a, b = run
    lo, hi = int(max(0, centre - reach)), int(min(mask.shape[0] - 1, centre + reach))
    widths, middles = [], []
    for x in range(a + (b - a) // 5, b - (b - a) // 5 + 1, 2):
        lines = _clusters((lo + np.flatnonzero(mask[lo:hi + 1, x])).tolist(), gap=1)
        if not lines:
            continue
        if len(lines) == 1:
            top, bottom = lines[0][0], lines[0][1] + 1
        else:
            top, bottom = sum(lines[0]) / 2.0, sum(lines[-1]) / 2.0
        widths.append(bottom - top)
        middles.append((top + bottom) / 2.0)
    if len(widths) < 3:
        return None
    return float(np.median(widths)), float(np.median(middles))


def _width_ratio(mask, box, h: float) -> Optional[float]:
    """A drawn lead's width over the drawn spacing between the two leads' middles, where
    both leads agree (within 25 %); None where either is not found."""
    found = _spacing_leads(mask, box, h)
    if found is None:
        return None
    centres, _, _, leads = found
    reach = (centres[1] - centres[0]) / 3.0
    across = [_lead_across(mask, c, run, reach) for c, run in zip(centres, leads)]
    if not all(across):
        return None
    widths = [w for w, _ in across]
    middles = [m for _, m in across]
    spacing = middles[1] - middles[0]
    if spacing <= 0 or min(widths) < 2 or max(widths) > 1.25 * min(widths):
        return None
    return sum(widths) / 2.0 / spacing


def _stroke_near(mask, y: int, end: int, side: int, pitch: float, min_len: float,
                 h: float) -> Optional[Tuple[int, int]]:
    """The stroke (first and last column) about `pitch / 4` around row y that ends within
    a text height of the leads' end column (extension lines start a small gap past the
    lead), or None."""
    reach = max(2, int(pitch / 4))
    for gap in range(2, int(h) + 1, 2):
        x = end + side * gap
        for row in range(y - reach, y + reach + 1):
            run = _run_at(mask, row, x)
            if run is not None and run[1] - run[0] >= min_len:
                return run
    return None


def _dots_joined(mask, gap: int):
    """`mask` with gaps of up to `gap` pixels along its rows filled: a dotted extension
    line (Excelitas' photoresistor) is one stroke, as the counting wants."""
    import numpy as np

    before = np.zeros_like(mask)
    after = np.zeros_like(mask)
    for k in range(1, gap + 1):
        before[:, k:] |= mask[:, :-k]
        after[:, :-k] |= mask[:, k:]
    return mask | (before & after)


def _in_frames(measure, image, box, h: float, axis: Optional[str], threshold: int,
               texts: Sequence[tuple]):
    """`measure(mask, box, h)` of the spacing dimension at `box` in the frame where its
    leads run along x (the page turned where the dimension line runs along x; both ways
    where `axis` is None, and then both must agree), or None. The text boxes are blanked
    and dotted lines joined first."""
    import numpy as np

    dark = np.asarray(image.convert("L")) < threshold
    for text in [box, *texts]:
        x0, y0, x1, y1 = (int(round(v)) for v in text)
        dark[max(0, y0 - 2):y1 + 3, max(0, x0 - 2):x1 + 3] = False
    gap = max(2, int(round(h / 3)))
    frames = {"y": [False], "x": [True]}.get(axis, [False, True])
    found = {measure(_dots_joined(dark.T, gap), (box[1], box[0], box[3], box[2]), h)
             if turned else measure(_dots_joined(dark, gap), box, h) for turned in frames}
    found.discard(None)
    return next(iter(found)) if len(found) == 1 else None


def drawn_lead_count(image, box, h: float, axis: Optional[str] = None,
                     threshold: int = 235, texts: Sequence[tuple] = ()) -> Optional[int]:
    """The leads a side view draws across the spacing dimension whose text is at `box`,
    its dimension line along `axis` (None: either way, if both agree), or None where no
    such dimension with leads behind it is found. Thin grey lines of small renders count
    (threshold 235). `texts`: the boxes of the page's other text, left out with the
    spacing's own (dotted lines are joined, and a line of text must not become a lead)."""
    return _in_frames(_count, image, box, h, axis, threshold, texts)


def drawn_lead_width(image, box, h: float, axis: Optional[str] = None,
                     threshold: int = 235, texts: Sequence[tuple] = ()) -> Optional[float]:
    """The drawn width of the leads across the spacing dimension at `box`, as a fraction of
    the drawn spacing between their middles (drawn to scale, 0.54 at 2.54 gives 0.21), or
    None where the two leads are not found or disagree. Drawings are seldom exactly to
    scale: the caller only tells apart printed sizes far from each other with it."""
    return _in_frames(_width_ratio, image, box, h, axis, threshold, texts)
