"""The dialog's progress line from the bridge's progress events (no wx: testable anywhere).

Python 3.9 (KiCad's bundled Python on macOS): typing from `typing`, no newer syntax.
"""

from typing import Any, Dict, Optional, Tuple

STAGE_WORDS = {"reading": "reading the screenshots", "building": "building the footprint"}


def progress_label(message: Dict[str, Any]) -> Tuple[str, Optional[int]]:
    """(text, percent or None): 'page 2/2: OCR' and 25 for a step; the stage otherwise."""
    stage = message.get("stage", "")
    if stage == "queued":
        pos = message.get("queue_position")
        where = f" (position {pos})" if pos else ""
        return "waiting in the daemon's queue" + where, None
    text = message.get("step") or STAGE_WORDS.get(stage, stage)
    done, total = message.get("done"), message.get("total")
    percent = None
    if isinstance(done, int) and isinstance(total, int) and total > 0:
        percent = max(0, min(100, int(round(100.0 * done / total))))
    return text + "...", percent
