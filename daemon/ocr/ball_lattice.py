"""A footprint of round lands on a square lattice with positions left out, from its drawing.

WLCSP and small BGA footprints print one land diameter and one pitch and draw the lands
(GlobalMEMS' GMC303: O0.23 at 0.4, a 3 x 3 lattice less its centre). The pad-grid reader
(daemon.ocr.pad_grid) assumes a full grid; here the drawn lands say which positions are
there. The sizes are the printed ones; the drawing gives only which lattice positions hold
a land (checked: every land on the lattice, the lands' drawn size in the printed
proportion to the pitch), so the positions are marked inferred and the notes ask for a check.
"""

from typing import List, Optional, Sequence, Tuple

from daemon.ocr.drawn_pads import pad_blobs
from daemon.ocr.tokens import OcrToken
from schemas.reading import note_text

# How far a land's centre may sit from its lattice point, and its drawn size from the
# printed land-to-pitch proportion, as shares (drawings are often not to scale, but a
# footprint's lattice is drawn regular).
_ON_LATTICE = 0.15
_PROPORTION = 0.35


def _lattice(values: List[float], spread: float) -> Optional[Tuple[float, List[int]]]:
    """(pixel pitch, index of each value) of centres on one axis of a regular lattice, or
    None: the smallest step between distinct centres is the pitch and every centre sits
    on a whole number of pitches from the first."""
    distinct: List[float] = []
    for v in sorted(values):
        if not distinct or v - distinct[-1] > spread:
            distinct.append(v)
    if len(distinct) < 2:
        return None
    step = min(b - a for a, b in zip(distinct, distinct[1:]))
    indices = []
    for v in values:
        k = (v - distinct[0]) / step
        if abs(k - round(k)) > _ON_LATTICE:
            return None
        indices.append(int(round(k)))
    return step, indices


def _round(b) -> bool:
    return abs((b[2] - b[0]) - (b[3] - b[1])) <= 0.2 * max(b[2] - b[0], b[3] - b[1])


def _lands(image, region, tokens: Sequence[OcrToken], h: float) -> List[tuple]:
    """The round filled lands of the figure at `region` and those of its size joined to
    them across the page, each within four land sizes of another (a lattice's pads drawn
    apart are separate figures, one of them the land figure)."""
    page = (0, 0, image.size[0], image.size[1])
    every = [b for b in pad_blobs(image, page, tokens, h) if _round(b)]
    seeds = [b for b in every if region[0] <= (b[0] + b[2]) / 2 <= region[2]
             and region[1] <= (b[1] + b[3]) / 2 <= region[3]]
    if not seeds:
        return []
    size = sorted(b[2] - b[0] for b in seeds)[len(seeds) // 2]
    alike = [b for b in every if abs((b[2] - b[0]) - size) <= 0.25 * size]
    found = [b for b in alike if b in seeds]
    grown = True
    while grown:
        grown = False
        for b in alike:
            if b in found:
                continue
            c = ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)
            if any(abs(c[0] - (f[0] + f[2]) / 2) + abs(c[1] - (f[1] + f[3]) / 2) <= 4 * size
                   for f in found):
                found.append(b)
                grown = True
    return found


def read_ball_lattice(image, fig, tokens: Sequence[OcrToken], h: float):
    """(DatasheetReading, family 'other') of a land figure of round lands of one printed
    diameter on a lattice of one printed pitch, some positions left out; None otherwise.
    `fig` is daemon.ocr.pad_grid.LandFigure."""
    from schemas.reading import DatasheetReading, ReadPad

    if image is None:
        return None
    blobs = _lands(image, fig.region, tokens, h)
    if len(blobs) < 3:
        return None
    size = sorted(b[2] - b[0] for b in blobs)[len(blobs) // 2]
    # the sizes printed around the lands: within four land sizes of the lattice
    area = (min(b[0] for b in blobs) - 4 * size, min(b[1] for b in blobs) - 4 * size,
            max(b[2] for b in blobs) + 4 * size, max(b[3] for b in blobs) + 4 * size)
    inside = [d.value for d in fig.dims
              if area[0] <= (d.box[0] + d.box[2]) / 2 <= area[2]
              and area[1] <= (d.box[1] + d.box[3]) / 2 <= area[3]]
    diameters = {v.value for v in inside if v.diameter}
    if len(diameters) != 1:
        return None
    land = next(iter(diameters))
    pitches = {v.value for v in inside if not v.diameter and v.lo is None
               and 1.2 * land < v.value < 4 * land}
    if len(pitches) != 1:
        return None
    pitch = next(iter(pitches))
    cx = [(b[0] + b[2]) / 2 for b in blobs]
    cy = [(b[1] + b[3]) / 2 for b in blobs]
    along_x, along_y = _lattice(cx, 0.5 * size), _lattice(cy, 0.5 * size)
    if along_x is None or along_y is None:
        return None
    (step_x, ix), (step_y, iy) = along_x, along_y
    if abs(step_x - step_y) > _ON_LATTICE * max(step_x, step_y):
        return None  # one printed pitch: the lattice is square
    if abs(size / step_x - land / pitch) > _PROPORTION * land / pitch:
        return None  # the lands are not drawn in the printed proportion
    nx, ny = max(ix) + 1, max(iy) + 1
    positions = sorted(set(zip(iy, ix)))
    if len(positions) != len(blobs) or len(positions) == nx * ny or min(nx, ny) < 2:
        return None  # two lands on one point, or a full grid (pad_grid reads those)
    pads = [ReadPad(number=str(k + 1), kind="smd", shape="circle",
                    x=round((i - (nx - 1) / 2) * pitch, 4),
                    y=round((j - (ny - 1) / 2) * pitch, 4),
                    size_x=land, size_y=land, inferred=True)
            for k, (j, i) in enumerate(positions)]
    notes = (f"ocr: {len(pads)} round lands O{land:g} on a {nx} x {ny} lattice at {pitch:g} "
             f"(positions from the drawn lands, {nx * ny - len(pads)} left out): check them "
             "against the ball map")
    return DatasheetReading(units="mm", family="other", pin_count=len(pads), pads=pads,
                            notes=note_text(notes))
