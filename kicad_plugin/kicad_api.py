"""Everything the plugin asks of pcbnew, in one place (KiCad 6 to 10 differences live here).

- KiCad 6 takes `wxPoint` positions (pcbnew.wxPointMM); 7+ take `VECTOR2I` (nanometres).
- `pcbnew.FootprintLoad(library_dir, name)` loads a footprint from a `.pretty` folder in all
  of 6-10 (None for a file in a newer format than the running KiCad reads).
- The SWIG API has no call for the editor's view centre, so a new footprint goes to the
  centre of the current selection, else the board outline (Edge.Cuts), else everything on the
  board, else the middle of an A4 sheet; it is left selected so the user can move it (M).
"""

import os
from typing import Any, List, Optional, Tuple

import pcbnew

ActionPlugin = pcbnew.ActionPlugin
NM_PER_MM = 1_000_000
A4_CENTRE_MM = (148.5, 105.0)


def version() -> str:
    for getter in ("Version", "GetBuildVersion"):
        fn = getattr(pcbnew, getter, None)
        if fn is not None:
            return str(fn())
    return "unknown"


def major_version() -> int:
    text = version().lstrip("(").split(".")[0]
    digits = "".join(c for c in text if c.isdigit())
    return int(digits) if digits else 0


def current_board() -> Any:
    return pcbnew.GetBoard()


def new_board() -> Any:
    return pcbnew.BOARD()


def board_file(board: Any) -> str:
    """The .kicad_pcb path ('' for a board never saved)."""
    return str(board.GetFileName() or "") if board is not None else ""


def project_dir(board: Any) -> Optional[str]:
    """The folder of the board's project (with its .kicad_pro), None if unsaved."""
    path = board_file(board)
    return os.path.dirname(os.path.abspath(path)) if path else None


def _point(x_mm: float, y_mm: float) -> Any:
    if hasattr(pcbnew, "VECTOR2I") and major_version() >= 7:
        return pcbnew.VECTOR2I(int(round(x_mm * NM_PER_MM)), int(round(y_mm * NM_PER_MM)))
    return pcbnew.wxPointMM(float(x_mm), float(y_mm))


def _box_centre_mm(box: Any) -> Tuple[float, float]:
    c = box.GetCenter() if hasattr(box, "GetCenter") else box.Centre()
    return (c.x / NM_PER_MM, c.y / NM_PER_MM)


def placement_point(board: Any) -> Tuple[float, float]:
    """Where a new footprint goes (mm): selection, board outline, all items, A4 centre."""
    try:
        selected = [item for item in board.GetFootprints() if item.IsSelected()]
    except AttributeError:
        selected = []
    if selected:
        box = selected[0].GetBoundingBox()
        for item in selected[1:]:
            box.Merge(item.GetBoundingBox())
        return _box_centre_mm(box)
    try:
        edges = board.GetBoardEdgesBoundingBox()
        if edges.GetWidth() > 0 and edges.GetHeight() > 0:
            return _box_centre_mm(edges)
    except AttributeError:
        pass  # older/newer API without it: use the page centre below
    try:
        items = board.GetBoundingBox()
        if items.GetWidth() > 0 and items.GetHeight() > 0:
            return _box_centre_mm(items)
    except AttributeError:
        pass
    # an empty board: the middle of KiCad's default A4 sheet (its page size is not wrapped)
    return A4_CENTRE_MM


def load_footprint(library_dir: str, name: str) -> Any:
    """The footprint from a .pretty folder; RuntimeError saying why when KiCad returns none."""
    fp = pcbnew.FootprintLoad(library_dir, name)
    if fp is None:
        raise RuntimeError(f"KiCad {version()} could not load {name} from {library_dir} "
                           "(missing, or written in a newer file format)")
    return fp


def place_footprint(board: Any, library_dir: str, name: str, nickname: str = "",
                    at_mm: Optional[Tuple[float, float]] = None) -> Any:
    """Load `name`, link it to library `nickname`, add it to `board` with its pad field
    centred on `at_mm` (default: placement_point), select it and refresh the editor.
    Returns the footprint.

    Centred on the pads, not on the origin: a through-hole footprint's origin is pad 1
    (KLC F7.2), and the part should land where the user looked, not a body-width away."""
    fp = load_footprint(library_dir, name)
    if nickname:
        fp.SetFPID(pcbnew.LIB_ID(nickname, name))
    x, y = at_mm if at_mm is not None else placement_point(board)
    fp.SetPosition(_point(0.0, 0.0))
    pads = footprint_pads(fp)
    if pads:
        xs, ys = [p[1] for p in pads], [p[2] for p in pads]
        x -= (min(xs) + max(xs)) / 2.0
        y -= (min(ys) + max(ys)) / 2.0
    fp.SetPosition(_point(x, y))
    board.Add(fp)
    try:
        for other in board.GetFootprints():
            if other.IsSelected():
                other.ClearSelected()
        fp.SetSelected()
    except AttributeError:
        pass  # selection is a convenience; the footprint is placed either way
    refresh()
    return fp


def refresh() -> None:
    """Redraw the editor (a no-op outside a running KiCad)."""
    try:
        pcbnew.Refresh()
    except Exception as exc:  # outside KiCad there is no frame to refresh
        if "frame" not in str(exc).lower():
            raise


def footprint_pads(fp: Any) -> List[Tuple[str, float, float]]:
    """(number, x, y) of each pad in mm relative to the footprint origin (tests, checks)."""
    pos = fp.GetPosition()
    return [(p.GetNumber() if hasattr(p, "GetNumber") else p.GetName(),
             (p.GetPosition().x - pos.x) / NM_PER_MM, (p.GetPosition().y - pos.y) / NM_PER_MM)
            for p in fp.Pads()]
