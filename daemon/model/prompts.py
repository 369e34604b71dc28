"""What we ask the vision model: transcribe what is printed, never compute or place anything.

The answer's shape is forced by the grammar (daemon.model.grammar); the prompt says what each
field means and where to look, per image role, so the model fills the shape from the page.
"""

from typing import Any, Dict, List

from daemon.readers.base import PageImage, ReadHints

SYSTEM = (
    "You transcribe electronic component datasheets for a footprint generator. "
    "Copy numbers exactly as printed; never convert units, never compute, never guess a value "
    "that is not on the page (leave it out instead). Answer with one JSON object only."
)

ROLE_TEXT = {
    "package": (
        "This image is the PACKAGE (mechanical outline) drawing. Read its dimension table or "
        "callouts: for each JEDEC letter (A, b, D, E, E1, e, L, D2, E2, ...) take the MIN, NOM and "
        "MAX columns as printed (BSC, TYP or REF values are NOM only). Find which letter the "
        "drawing attaches to which feature before you name the field: D is body length along "
        "the rows of leads, E1 the body width, E lead tip to lead tip, e the pitch, b the lead "
        "width, L the foot length. Note whether the view is TOP or BOTTOM and how pin 1 is "
        "marked (dot, notch, bevel, chamfer, number, tab)."
    ),
    "land_pattern": (
        "This image is the RECOMMENDED LAND PATTERN (PCB footprint) drawing. Put its values in "
        "`land_pattern`: E or e pitch, X pad width, Y pad length, C row centre spacing, Z outer "
        "span, G inner gap, X2/Y2 exposed pad, drill and pad diameter for through-hole parts. "
        "Use the letters and table the drawing prints; if it dimensions each pad individually "
        "(connectors, irregular parts) list them in `pads`."
    ),
    "both": (
        "This image shows the PACKAGE drawing and the RECOMMENDED LAND PATTERN together. Read "
        "the package dimensions into the top-level fields and the land pattern into "
        "`land_pattern`; keep the two apart."
    ),
    "other": (
        "This image is another part of the datasheet (ordering table, pin-out, notes). Use it "
        "only for the part name, package name, pin count and units."
    ),
}

FIELDS = (
    "Fields: `units` is the unit the numbers are printed in (mm, mil or inch; when a drawing "
    "prints both, choose mm and copy the mm values). `family` is the package family. "
    "`pin_count` counts terminals without the exposed pad. `view` is the view of the drawing, "
    "`pin1_cue` how pin 1 is marked, `numbering` the direction the pin numbers run as drawn. "
    "Each dimension is {\"min\", \"nom\", \"max\"} with only the columns the page prints, and "
    "`source` datasheet_table or datasheet_drawing. Put anything doubtful in `notes`."
)


def _hint_text(hints: ReadHints) -> str:
    said = []
    if hints.part_name:
        said.append(f"part {hints.part_name}")
    if hints.package_hint:
        said.append(f"package {hints.package_hint}")
    if hints.units_hint:
        said.append(f"units {hints.units_hint}")
    if not said:
        return ""
    return ("The user says: " + ", ".join(said) + ". Trust the page over this if they "
            "disagree, and say so in `notes`.")


def user_text(pages: List[PageImage], hints: ReadHints) -> List[str]:
    """The text that goes before each image, then the closing instruction (one per page + 1)."""
    texts = [f"Image {i + 1} ({page.name or page.role}). {ROLE_TEXT[page.role]}"
             for i, page in enumerate(pages)]
    closing = " ".join(t for t in (FIELDS, _hint_text(hints)) if t)
    return texts + [closing]


def build_messages(pages: List[PageImage], hints: ReadHints) -> List[Dict[str, Any]]:
    """Chat messages for a Qwen-VL processor: system, then each page's text and image."""
    texts = user_text(pages, hints)
    content: List[Dict[str, Any]] = []
    for text, page in zip(texts, pages):
        content.append({"type": "text", "text": text})
        content.append({"type": "image", "image": page.image})
    content.append({"type": "text", "text": texts[-1]})
    return [
        {"role": "system", "content": [{"type": "text", "text": SYSTEM}]},
        {"role": "user", "content": content},
    ]
