"""Score one page: a reader's reading -> footprint -> footprint_writer.expect facts.

The scorer itself is `footprint_writer.expect.score_against_expect` (shared with the
builder tests); this module runs the reader through the same pipeline the CLI and the
daemon use, groups the facts into the columns of the eval table and counts them.
"""

import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from daemon.eval.pages import EvalPage

# Table columns -> expect.json facts they hold.
COLUMNS = (
    ("pads", ("pads_total", "signal_pads", "exposed_pads")),
    ("pitch", ("pitch",)),
    ("pad size", ("signal_pad", "signal_pad_set")),
    ("rows", ("row_spacing",)),
    ("EP", ("exposed_pad",)),
    ("drills", ("drills",)),
    ("body", ("body",)),
    ("height", ("height",)),
)
SCORED = tuple(f for _, fields in COLUMNS for f in fields) + ("smd",)


@dataclass
class Fact:
    field: str
    expected: Any
    actual: Any
    ok: Optional[bool]
    detail: str = ""

    @property
    def missing(self) -> bool:
        """Scored wrong because nothing was built for it (no footprint, no value), as
        opposed to a value built that differs: the dangerous kind, counted apart."""
        return self.ok is False and self.actual is None


@dataclass
class PageScore:
    name: str
    facts: List[Fact] = field(default_factory=list)
    error: Optional[str] = None
    seconds: float = 0.0
    grounding_found: int = 0
    grounding_total: int = 0
    not_on_page: List[str] = field(default_factory=list)
    reading: Any = None

    @property
    def right(self) -> int:
        return sum(1 for f in self.facts if f.ok is True)

    @property
    def total(self) -> int:
        return sum(1 for f in self.facts if f.ok is not None)

    def column(self, fields) -> Optional[bool]:
        """True when every scored fact of the column is right, None when none applies."""
        oks = [f.ok for f in self.facts if f.field in fields and f.ok is not None]
        return None if not oks else all(oks)

    def mark(self, fields) -> str:
        """The column's cell: ok, WRONG (a value built that differs), miss (nothing
        built for it) or - (does not apply)."""
        facts = [f for f in self.facts if f.field in fields and f.ok is not None]
        if not facts:
            return "-"
        if all(f.ok for f in facts):
            return "ok"
        return "miss" if all(f.ok or f.missing for f in facts) else "WRONG"

    @property
    def wrong_values(self) -> int:
        """Facts a built footprint got wrong (not the ones it left out)."""
        return sum(1 for f in self.facts if f.ok is False and not f.missing)


def failed_facts(expect: Dict[str, Any], reason: str) -> List[Fact]:
    """A page the reader could not read gets every applicable fact wrong."""
    return [Fact(name, expect[name], None, False, reason) for name in SCORED
            if name in expect and expect[name] is not None]


def score_footprint(spec, expect: Dict[str, Any]) -> List[Fact]:
    from footprint_writer.expect import score_against_expect

    return [Fact(r.field, r.expected, r.actual, r.ok, r.detail)
            for r in score_against_expect(spec, expect)]


def scaled_png(data: bytes, scale: float) -> bytes:
    """The image shrunk by `scale` (a screenshot at screen resolution), as PNG."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        small = im.convert("RGB").resize((max(1, round(im.width * scale)),
                                          max(1, round(im.height * scale))), Image.LANCZOS)
    buf = io.BytesIO()
    small.save(buf, format="PNG")
    return buf.getvalue()


def score_page(page: EvalPage, reader, options=None, scale: float = 1.0) -> PageScore:
    """Read the page's images with `reader` through daemon.pipeline.extract and score;
    `scale` < 1 shrinks them first (how the reader copes with screen-resolution shots)."""
    from daemon import pipeline
    from schemas.protocol import ExtractOptions

    score = PageScore(page.name)
    inputs = [pipeline.ImageInput(
        data=path.read_bytes() if scale == 1.0 else scaled_png(path.read_bytes(), scale),
        role=role, name=path.name) for path, role in page.images]
    started = time.perf_counter()
    try:
        result = pipeline.extract(inputs, options or ExtractOptions(), reader)
    except Exception as exc:  # a reader failure is a scored failure, not a crash
        score.seconds = time.perf_counter() - started
        score.error = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        score.facts = failed_facts(page.expect, "no reading")
        return score
    score.seconds = time.perf_counter() - started
    score.reading = result.reading
    for issue in result.issues:
        if issue.code == "grounding":
            score.grounding_found, score.grounding_total = _parse_summary(issue.message)
        if issue.code == "not_on_page" and issue.field:
            score.not_on_page.append(issue.field)
    if result.footprint is None:
        reason = next((i.message for i in result.issues if i.code == "build_failed"),
                      "no footprint")
        score.error = f"build failed: {reason}"[:200]
        score.facts = failed_facts(page.expect, "no footprint")
        return score
    score.facts = score_footprint(result.footprint, page.expect)
    return score


def _parse_summary(message: str):
    import re

    m = re.search(r"(\d+)/(\d+) fields", message)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)
