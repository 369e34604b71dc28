"""A two-terminal land pattern from its printed numbers alone.

Makers label the five numbers of a two-pad layout with arbitrary letters (MDD's SMA table:
A 1.68, B 1.52, C 3.93, D 2.41, E 5.45; another maker's A is the gap). The numbers
themselves say which is which: the pad length Y along the part, the gap G between the pads,
the centre spacing C = G + Y and the outside span Z = G + 2Y. A pair (G, Y) that explains
two more printed numbers is the layout; the one number left is the pad width X across.
Nothing is assigned unless the sums close (within the print's rounding) and one reading
explains more numbers than any other. Where no sum is printed, a layout written pad, gap,
pad (one number twice, one once) is read as that.
"""

from itertools import permutations
from typing import Dict, Optional, Sequence, Tuple


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.011, 0.004 * b)


def solve_two_terminal(values: Sequence[float]) -> Optional[Dict[str, float]]:
    """pad_length, pad_width, gap, row_spacing, overall_span from the printed numbers."""
    vals = sorted({round(v, 4) for v in values if v > 0})
    best = []
    for gap, length in permutations(vals, 2):
        centre, span = gap + length, gap + 2 * length
        matched = [v for v in vals if _close(v, centre) or _close(v, span)]
        if len(matched) >= 1:
            best.append((len(matched), gap, length, centre, span))
    if not best:
        return _pad_gap_pad(values)
    best.sort(key=lambda t: -t[0])
    if len(best) > 1 and best[1][0] == best[0][0]:
        return None  # two readings explain as much: leave it to the user
    n, gap, length, centre, span = best[0]
    out = {"pad_length": length, "gap": gap}
    for name, want in (("row_spacing", centre), ("overall_span", span)):
        printed = [v for v in vals if _close(v, want)]
        if printed:
            out[name] = printed[0]  # the number as printed, not the sum
    used = [gap, length] + [v for v in vals if _close(v, centre) or _close(v, span)]
    rest = [v for v in vals if not any(abs(v - u) < 1e-9 for u in used)]
    if len(rest) == 1:
        out["pad_width"] = rest[0]
    return out if n >= 2 or "pad_width" in out else None


def pad_gap_pad(values: Sequence[float]) -> Optional[Tuple[float, float, int]]:
    """(pad, gap, times the pad is printed) of numbers written pad, gap, pad along a
    two-pad layout (Kingbright: 0.8 0.85 0.8; YXC: 1.4 0.8 1.4): one number repeated, one
    printed once; None otherwise."""
    rounded = [round(v, 4) for v in values if v > 0]
    counts = {v: rounded.count(v) for v in set(rounded)}
    repeated = [v for v, n in counts.items() if n >= 2]
    single = [v for v, n in counts.items() if n == 1]
    if len(repeated) != 1 or len(single) != 1:
        return None
    return repeated[0], single[0], counts[repeated[0]]


def _pad_gap_pad(values: Sequence[float]) -> Optional[Dict[str, float]]:
    """No sum printed, only pad, gap, pad written along the part (the pad's other side
    beside it): the repeated number is the pad, the single one the gap; a number printed
    three times is the pad both ways."""
    found = pad_gap_pad(values)
    if found is None:
        return None
    pad, gap, times = found
    out = {"pad_length": pad, "gap": gap}  # C = G + Y is the builder's to derive
    if times >= 3:
        out["pad_width"] = pad
    return out
