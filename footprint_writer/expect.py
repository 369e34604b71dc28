"""Score a footprint against an `expect.json` (orientation-free facts of a datasheet page).

The evaluation folders in `../shared/eval/datasheets/*/expect.json` say what a correct
footprint made from those pages must satisfy: pad counts, pitch, signal pad size
`[short, long]`, centre-to-centre row spacing, exposed pad, drills, body `[short, long]`,
height and whether the part is pure SMD, with the tolerance to score them by. Nothing here
depends on the footprint's orientation, so a part built rotated by 90 degrees still scores.

How each measured value is taken from a `FootprintSpec`:

- signal pads: copper pads of role `signal`; pads sharing one position (USB-C A1/B12 share
  a land) count once, so `signal_pads` counts lands, not numbers.
- `pitch`: the smallest spacing between distinct pad-centre coordinates of signal pads, per
  axis over the pads not longer along it (this also gives 0.95 for a SOT-23 whose pins 1
  and 2 are 1.9 apart).
- `row_spacing`: the span of signal pad centres across the rows: on the axis with exactly
  two distinct coordinates, else (quad rows) either axis.
- `signal_pad`: the most common signal pad size, sorted `[short, long]`;
  `signal_pad_set`: every distinct signal pad size.
- `drills`: distinct holes; a number is a round hole, `[w, l]` a slot.
- `smd`: True when no pad has a hole.

The evaluation command (`ds2fp eval`) and the builder tests share this scorer.
"""

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from schemas.footprint import FootprintSpec, Pad

EVAL_ENV = "DS2FP_EVAL_DIR"
EVAL_RELATIVE = Path("shared") / "eval" / "datasheets"


def find_eval_dir(start: Optional[Path] = None) -> Optional[Path]:
    """The evaluation datasheets: $DS2FP_EVAL_DIR, else `shared/eval/datasheets` beside the
    repository (or beside one of its parent folders, for git worktrees); None if absent."""
    env = os.environ.get(EVAL_ENV)
    if env:
        return Path(env) if Path(env).is_dir() else None
    here = (start or Path(__file__)).resolve()
    for parent in here.parents:
        candidate = parent / EVAL_RELATIVE
        if candidate.is_dir():
            return candidate
    return None


# Values closer than this are one coordinate (float noise after unit conversion).
COORD_EPS = 1e-3


@dataclass(frozen=True)
class FieldResult:
    """One scored fact: `ok` is None when the expectation does not apply (null in expect)."""

    field: str
    expected: Any
    actual: Any
    ok: Optional[bool]
    detail: str = ""


def _close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol + 1e-9


def _sorted_size(pad: Pad) -> Tuple[float, float]:
    return tuple(sorted((round(pad.size_x, 4), round(pad.size_y, 4))))  # type: ignore[return-value]


def _signal_lands(spec: FootprintSpec) -> List[Pad]:
    """Signal copper pads, one per position."""
    seen = set()
    lands = []
    for pad in spec.pads:
        if pad.role != "signal" or not pad.has_copper:
            continue
        key = (round(pad.x / COORD_EPS), round(pad.y / COORD_EPS))
        if key in seen:
            continue
        seen.add(key)
        lands.append(pad)
    return lands


def _distinct(values: Sequence[float]) -> List[float]:
    out: List[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > COORD_EPS:
            out.append(v)
    return out


def measured_pitch(spec: FootprintSpec) -> Optional[float]:
    """Smallest spacing of distinct signal-pad coordinates on either axis, each axis over
    the pads that are not longer along it (a row's pads stand across the row): the end
    rows of a quad with unequal sides (DHVQFN16: 6 and 2 a side) do not count in the
    long rows' spacing, while a SOT-23's pin 3 still halves pins 1-2."""
    lands = _signal_lands(spec)
    steps = []
    for axis in ("x", "y"):
        row_pads = [p for p in lands if _extent(p, axis) <= _extent(p, _OTHER[axis]) + 1e-6]
        coords = _distinct([getattr(p, axis) for p in row_pads])
        steps += [b - a for a, b in zip(coords, coords[1:])]
    return round(min(steps), 4) if steps else None


_OTHER = {"x": "y", "y": "x"}


def _extent(pad: Pad, axis: str) -> float:
    x0, y0, x1, y1 = pad.bbox()
    return x1 - x0 if axis == "x" else y1 - y0


def measured_row_spacings(spec: FootprintSpec) -> List[float]:
    """Candidate centre-to-centre row spacings (see the module docstring)."""
    lands = _signal_lands(spec)
    per_axis = {axis: _distinct([getattr(p, axis) for p in lands]) for axis in ("x", "y")}
    two = [c for c in per_axis.values() if len(c) == 2]
    if two:
        return [round(c[1] - c[0], 4) for c in two]
    return [round(c[-1] - c[0], 4) for c in per_axis.values() if len(c) >= 2]


def _drill_key(pad: Pad) -> Tuple[float, ...]:
    d = pad.drill
    assert d is not None
    if d.is_slot:
        return tuple(sorted((round(d.diameter, 4), round(d.slot_length, 4))))  # type: ignore
    return (round(d.diameter, 4),)


def _match_sets(expected: List[Tuple[float, ...]], actual: List[Tuple[float, ...]],
                tol_minus: float, tol_plus: float) -> Tuple[bool, str]:
    """Every expected shape is found among the actual ones and nothing else is there."""
    def fits(e, a):
        return len(e) == len(a) and all(ev - tol_minus - 1e-9 <= av <= ev + tol_plus + 1e-9
                                        for ev, av in zip(e, a))

    missing = [e for e in expected if not any(fits(e, a) for a in actual)]
    extra = [a for a in actual if not any(fits(e, a) for e in expected)]
    detail = []
    if missing:
        detail.append(f"missing {missing}")
    if extra:
        detail.append(f"unexpected {extra}")
    return (not missing and not extra), "; ".join(detail)


def score_against_expect(spec: FootprintSpec, expect: Dict[str, Any]) -> List["FieldResult"]:
    """Score `spec` against one expect.json dict; one FieldResult per fact it states."""
    tol = float(expect.get("tolerance", 0.05))
    results: List[FieldResult] = []
    lands = _signal_lands(spec)
    add = results.append

    def count(field: str, actual: int) -> None:
        exp = expect.get(field)
        if field in expect:
            add(FieldResult(field, exp, actual, None if exp is None else exp == actual))

    numbered = [p for p in spec.pads if p.role in ("signal", "exposed", "mechanical")
                and (p.has_copper or p.kind == "npth")]
    count("pads_total", len(numbered))
    count("signal_pads", len(lands))
    exposed = [p for p in spec.pads if p.role == "exposed" and p.has_copper]
    count("exposed_pads", len(exposed))

    if "pitch" in expect:
        exp, act = expect["pitch"], measured_pitch(spec)
        ok = None if exp is None else (act is not None and _close(exp, act, tol))
        add(FieldResult("pitch", exp, act, ok))

    sizes = Counter(_sorted_size(p) for p in lands)
    if "signal_pad" in expect:
        exp = expect["signal_pad"]
        act = list(sizes.most_common(1)[0][0]) if sizes else None
        ok = None if exp is None else (act is not None and all(
            _close(e, a, tol) for e, a in zip(sorted(exp), act)))
        add(FieldResult("signal_pad", exp, act, ok))
    if "signal_pad_set" in expect:
        exp = expect["signal_pad_set"]
        act = [list(s) for s in sorted(sizes)]
        if exp is None:
            add(FieldResult("signal_pad_set", exp, act, None))
        else:
            ok, detail = _match_sets([tuple(sorted(e)) for e in exp], list(sizes), tol, tol)
            add(FieldResult("signal_pad_set", exp, act, ok, detail))

    if "row_spacing" in expect:
        exp, cands = expect["row_spacing"], measured_row_spacings(spec)
        ok = None if exp is None else any(_close(exp, c, tol) for c in cands)
        add(FieldResult("row_spacing", exp, cands[0] if len(cands) == 1 else cands, ok))

    if "exposed_pad" in expect:
        exp = expect["exposed_pad"]
        act = [list(_sorted_size(p)) for p in exposed]
        if exp is None:
            ok = None if not act else False
            add(FieldResult("exposed_pad", exp, act or None, ok,
                            "exposed pad present but none expected" if act else ""))
        else:
            ok = len(act) == 1 and all(_close(e, a, tol) for e, a in zip(sorted(exp), act[0]))
            add(FieldResult("exposed_pad", exp, act[0] if len(act) == 1 else act, ok))

    if "drills" in expect:
        exp = expect["drills"] or []
        minus, plus = expect.get("drill_tolerance", [tol, tol])
        holes = sorted({_drill_key(p) for p in spec.pads if p.drill is not None})
        want = [tuple(sorted(e)) if isinstance(e, list) else (float(e),) for e in exp]
        ok, detail = _match_sets(want, holes, float(minus), float(plus))
        add(FieldResult("drills", exp, [list(h) if len(h) > 1 else h[0] for h in holes],
                        ok, detail))

    if "body" in expect:
        exp = expect["body"]
        btol = float(expect.get("body_tolerance", tol))
        act = sorted((spec.body.size_x, spec.body.size_y)) if spec.body else None
        if exp is None:
            add(FieldResult("body", exp, act, None))
        else:
            ok = act is not None and all(_close(e, a, btol) for e, a in zip(sorted(exp), act))
            add(FieldResult("body", exp, act, ok))

    if "height" in expect:
        exp = expect["height"]
        act = spec.body.height if spec.body else None
        ok = None if exp is None else (act is not None and _close(exp, act, tol))
        add(FieldResult("height", exp, act, ok))

    if "smd" in expect:
        exp = expect["smd"]
        act = not any(p.drill is not None for p in spec.pads)
        add(FieldResult("smd", exp, act, None if exp is None else exp == act))
    return results


def failures(results: Sequence[FieldResult]) -> List[FieldResult]:
    """The results that were scored and failed."""
    return [r for r in results if r.ok is False]
