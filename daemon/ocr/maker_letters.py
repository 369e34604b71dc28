"""Tables whose letters follow no known convention (the maker's own), read where the
drawing prints each letter, or by the registered outline's windows.

JSMICRO's SOT-23 prints L tip to tip and E1 its pitch; Richtek's B and C are the body and
the tips with no E at all. Such a table is told from a JEDEC-lettered one by what JEDEC's
meanings would give (no registered body, a foot longer than any foot, no width across the
rows); its letters are then placed on the drawing (package_callouts.assign_sizes) or, where
the drawing's letters were not read, by the one registered outline whose windows hold the
rows. Split out of daemon.ocr.reading, which calls it for a table in the maker's letters.
"""

from typing import TYPE_CHECKING, Optional

from daemon.ocr.callouts import in_box
from daemon.ocr.layout import line_height
from daemon.ocr.numbers import PrintedValue
from daemon.ocr.numbers import toleranced as _tol
from daemon.ocr.numbers import toleranced_from_printed as _tol_from_printed
from daemon.ocr.package_text import FAMILY_DEFAULT_PINS, pin_count_from_text
from daemon.ocr.tables import DimensionTable, TableRow, row_values

if TYPE_CHECKING:
    from daemon.ocr.reading import ReadingBuilder


# A gull-wing foot (JEDEC L) is never this long; the letter names another size.
LONGEST_FOOT_MM = 2.0


def not_jedec_letters(table: DimensionTable, unit: str, family) -> bool:
    """Read with JEDEC's meanings, the table gives a two-row gull-wing part a body E1 that
    no registered outline of its family has and a foot L longer than any foot, or no width
    across the rows at all: the maker's own letters (JSMICRO's SOT-23 table: E1 0.85-1.05
    is its pitch, L 2.2-2.7 its tips)."""
    from daemon.ocr.jedec_bodies import JEDEC_BODIES

    if unit != "mm" or family not in ("sot23", "soic", "ssop", "tssop", "msop"):
        return False
    by = {r.symbol: row_values(r, table, unit) for r in table.rows}
    if "D" in by and not {"E", "E1", "HE"} & set(by):
        # no letter that JEDEC's meanings give a width across the rows (Richtek's SOT-23-5:
        # B the body, C tip to tip): a two-row part has both, so the letters are the maker's
        return True
    e1, foot = by.get("E1") or {}, by.get("L") or {}
    if not e1 or not foot:
        return False
    mid = e1.get("nom", (min(e1.values()) + max(e1.values())) / 2)
    registered = any(o.family == family and o.body[0] - 0.1 <= mid <= o.body[1] + 0.1
                     for o in JEDEC_BODIES)
    return not registered and min(foot.values()) > LONGEST_FOOT_MM


def maker_letters_from_drawing(item, table: DimensionTable, unit: str, b: "ReadingBuilder",
                                family) -> None:
    """A table whose letters follow no known convention: each letter is found on the
    drawing, and its value is read as the size drawn there (the axis of its dimension
    line, the nesting of the views: package_callouts.assign_sizes)."""
    from daemon.ocr.drawing import Drawing
    from daemon.ocr.package_callouts import (
        JEDEC_WINDOWS,
        Dim,
        assign_sizes,
        axis_of,
        by_registered_outline,
        registered_outline_any_pitch,
    )

    page = item.page
    if item.image is None or unit != "mm":
        b.log.add("maker letters not read (no drawing to place them on)")
        return
    h = line_height(page.tokens)
    drawing = Drawing(item.image, threshold=200)
    dims = []
    for row in table.rows:
        value = row_value(row, table, unit)
        labels = [t for t in page.tokens if t.text.strip() == row.symbol and row.symbol
                  and not in_box(t, table.box)]
        if value is None or len(labels) > 1:
            continue
        if not labels:
            # a letter the drawing's OCR lost (Richtek's D over a small SOT-23-5): a size
            # of unknown axis, which the nesting rules may still place
            dims.append(Dim(value, (0.0, 0.0, 0.0, 0.0)))
            continue
        # a letter set smaller than the page's text reaches no farther than its own height
        # (Richtek's B beside the body: at the table's line height its search takes in
        # the body's top edge and reads the vertical B as horizontal)
        box = labels[0].box
        dims.append(Dim(value, box, axis_of(drawing, box, min(h, box[3] - box[1]))))
    pitch = b.fields.get("pitch") or b.land.get("pitch")
    if pitch is None:
        pitch = pitch_row(table, unit, family)
        if pitch is not None:
            b.put(b.fields, "pitch", pitch)
            b.log.add("pitch: the row whose value (or, lettered e, whose limits) holds a "
                      "standard pitch of the family")
    # as the reading will have: the count is taken from the title only after the tables
    pins = (b.pin_count or pin_count_from_text(page.tokens)
            or FAMILY_DEFAULT_PINS.get(family))
    found = assign_sizes(dims, family, pitch.nominal if pitch else None, pins=pins)
    how = "read from the drawing"
    if family in JEDEC_WINDOWS:
        # Outlines whose sizes each fall in a window of their own (DPAK, TO-220, TO-92,
        # PDIP) need no drawing: every row whose range alone fits a window is that size
        # (UMW's TO-252: A 6.40-6.70 the body width, B 5.20-5.40 the tab).
        windowed = assign_sizes(row_dims(table, unit), family,
                                pitch.nominal if pitch else None)
        if len(windowed) > len(found):
            found, how = windowed, "placed by the registered outline's windows"
    if not found:
        # The drawing's letters were not read (a small render's single letters): each
        # row whose range alone fits a window of the one registered outline of this family,
        # pitch and count is that size (MCC's SOT-23: A 2.80-3.04 is TO-236AB's D).
        rows = row_dims(table, unit)
        found = by_registered_outline(rows, family, pitch.nominal, pins) if pitch \
            else registered_outline_any_pitch(rows, family, pins)
        how = "placed by the registered outline's windows"
    if found and "height" not in found:
        height = letter_a_height(table, unit, family, found)
        if height is not None:
            found["height"] = height
    for name, value in found.items():
        b.put(b.fields, name, _tol_from_printed(value, "datasheet_table"))
    b.log.add(f"maker letters {how} ({', '.join(sorted(found)) or 'none'})")


def letter_a_height(table: DimensionTable, unit: str, family, found
                     ) -> Optional[PrintedValue]:
    """The row lettered A as the seated height, where no size was placed as it (a maker's
    own letters keep JEDEC's A for the height: Richtek's A 0.889-1.295), the body placed
    from the other rows, A not among them and its range within the family's heights; else
    the table's one row printed as a bare maximum within those heights."""
    from daemon.ocr.package_callouts import HEIGHT_RANGE

    low, high = HEIGHT_RANGE.get(family or "", (0.0, 0.0))

    def height(row) -> Optional[PrintedValue]:
        value = row_value(row, table, unit)
        if value is None or any(value is v or value.text == v.text for v in found.values()):
            return None
        top = value.hi if value.hi is not None else value.value
        return value if low <= top <= high else None

    row = next((r for r in table.rows if r.symbol == "A"), None)
    lettered = height(row) if row is not None else None
    if lettered is not None:
        return lettered
    # No A, or A placed as another size: the one row printed as a bare maximum within the
    # family's heights (JSMICRO's "C 1.30 Max", its A the body width); a seated height is
    # printed so, a body size not.
    maxima = [v for v in (height(r) for r in table.rows
                          if set(row_values(r, table, unit)) == {"max"}) if v is not None]
    return maxima[0] if len(maxima) == 1 else None


def row_value(row: TableRow, table: DimensionTable, unit: str) -> Optional[PrintedValue]:
    """A maker-lettered row as a printed size: its nominal (or midpoint) and its limits."""
    values = row_values(row, table, unit)
    if not values:
        return None
    lo, hi = min(values.values()), max(values.values())
    nominal = values.get("nom", round((lo + hi) / 2, 4))
    # a bare limit ("C 1.30 Max") is a limit, not a nominal
    alone = {"max": "MAX", "min": "MIN"}.get(next(iter(values))) if len(values) == 1 else None
    return PrintedValue(nominal, lo if hi > lo else None, hi if hi > lo else None,
                        text=f"{row.symbol} {lo:g}-{hi:g}", qualifier=alone)


def row_dims(table: DimensionTable, unit: str) -> list:
    """Each row with a min and a max as a size of unknown place and axis."""
    from daemon.ocr.package_callouts import Dim

    values = [row_value(row, table, unit) for row in table.rows]
    return [Dim(v, (0.0, 0.0, 0.0, 0.0)) for v in values if v is not None and v.hi is not None]


def pitch_row(table: DimensionTable, unit: str, family):
    """Of a maker-lettered table, the one row whose nominal (or midpoint) is a standard
    pitch of the family (FAMILY_PITCHES), as a toleranced value; None when not exactly one.
    A row lettered e whose limits hold exactly one standard pitch is that pitch, as nearly
    every maker letters it (Richtek's SOT-23-5: e 0.838-1.041 is 0.95), its limits kept."""
    from daemon.ocr.pitches import FAMILY_PITCHES, is_standard_pitch
    from schemas.toleranced import Toleranced

    for row in table.rows:
        values = row_values(row, table, unit)
        if row.symbol != "e" or not values or "nom" in values:
            continue
        lo, hi = min(values.values()), max(values.values())
        held = [p for p in FAMILY_PITCHES.get(family or "", ()) if lo <= p <= hi]
        if len(held) == 1:
            return Toleranced(min=lo, nom=held[0], max=hi, source="datasheet_table")
    hits = []
    for row in table.rows:
        values = row_values(row, table, unit)
        if not values:
            continue
        mid = values.get("nom", (min(values.values()) + max(values.values())) / 2)
        if is_standard_pitch(mid, family):
            hits.append(values)
    return _tol(hits[0], "datasheet_table") if len(hits) == 1 else None
