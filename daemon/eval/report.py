"""The eval table as text: one row per page, a column per fact group, then the totals."""

from typing import List, Sequence

from daemon.eval.scoring import COLUMNS, PageScore


def format_report(scores: Sequence[PageScore]) -> str:
    width = max([len(s.name) for s in scores] + [4])
    width = min(width, 40)
    heads = [name for name, _ in COLUMNS]
    lines: List[str] = []
    lines.append(f"{'page':<{width}}  " + "  ".join(f"{h:>8}" for h in heads)
                 + f"  {'right':>7}  {'ground':>7}  {'s':>6}")
    for s in scores:
        cells = [s.mark(fields) for _, fields in COLUMNS]
        ground = f"{s.grounding_found}/{s.grounding_total}" if s.grounding_total else "-"
        lines.append(f"{s.name[:width]:<{width}}  " + "  ".join(f"{c:>8}" for c in cells)
                     + f"  {s.right:>3}/{s.total:<3}  {ground:>7}  {s.seconds:>6.1f}")
        if s.error:
            lines.append(f"{'':<{width}}  ! {s.error}")
        wrong = [f for f in s.facts if f.ok is False and s.error is None]
        for f in wrong:
            lines.append(f"{'':<{width}}  ! {f.field}: expected {f.expected}, got {f.actual}"
                         + (f" ({f.detail})" if f.detail else ""))
        if s.not_on_page:
            lines.append(f"{'':<{width}}  ! not on the page: {', '.join(s.not_on_page)}")
    lines.append("")
    lines.append("per field (pages right / pages where it applies):")
    for name, fields in COLUMNS:
        oks = [s.column(fields) for s in scores]
        applicable = [o for o in oks if o is not None]
        if applicable:
            lines.append(f"  {name:<9} {sum(1 for o in applicable if o)}/{len(applicable)}")
    found = sum(s.grounding_found for s in scores)
    total = sum(s.grounding_total for s in scores)
    if total:
        lines.append(f"grounding: {found}/{total} read values found on the page "
                     f"({100.0 * found / total:.0f}%)")
    else:
        lines.append("grounding: not checked")
    if scores:
        secs = [s.seconds for s in scores]
        lines.append(f"time per page: mean {sum(secs) / len(secs):.1f} s, "
                     f"max {max(secs):.1f} s ({len(secs)} pages)")
    wrong = [s for s in scores if s.wrong_values]
    missing = sum(1 for s in scores for f in s.facts if f.missing)
    lines.append(f"wrong values (built, not as printed): {sum(s.wrong_values for s in wrong)} "
                 f"fields on {len(wrong)} pages; left out (no value or no footprint): "
                 f"{missing} fields")
    right = sum(s.right for s in scores)
    total_facts = sum(s.total for s in scores)
    lines.append(f"score: {right}/{total_facts} fields")
    return "\n".join(lines)
