"""Dimension tables (symbol / description / MIN NOM MAX, one or two unit groups) from OCR.

Rows are rebuilt from box geometry: a header row holds MIN/NOM/MAX (or Min/Max) column
titles; unit titles above it (MILLIMETERS, INCHES, "Dimensions In Millimeters") split the
columns into unit groups; every following row gives a symbol (the rightmost label left of
the columns), an optional description, and numbers assigned to the nearest column of the
chosen unit group. BSC / REF / TYP values (often centred across the group) are nominal.
"""

import re
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Sequence

from daemon.ocr.layout import line_height, row_y, rows, squash
from daemon.ocr.numbers import parse_values
from daemon.ocr.tokens import OcrToken

COLUMN_WORDS = {"MIN": "min", "MINIMUM": "min", "NOM": "nom", "NOMINAL": "nom", "TYP": "nom",
                "TYPICAL": "nom", "MAX": "max", "MAXIMUM": "max", "VALUE": "nom",
                "MN": "min"}  # OCR's MIN at screenshot resolution (IR's Micro3 at 100 dpi)
_SYMBOL = re.compile(r"^[A-Za-zθ]{1,2}\d?(?:-\d{1,3})?$")  # D-8: ALD, one lead count
# Makers' spellings included: UMW's "Milimeters", JSMICRO's "Millmeters".
_UNIT_WORDS = (("MILLIMETER", "mm"), ("MILIMETER", "mm"), ("MILLMETER", "mm"),
               ("INCH", "inch"), ("MILS", "mil"), ("(MM)", "mm"), ("INMM", "mm"), ("[MM]", "mm"))
_BARE_UNITS = {"MM": "mm", "INCH": "inch", "INCHES": "inch", "IN.": "inch", "MIL": "mil",
               "MILS": "mil"}


@dataclass
class Column:
    kind: str  # min / nom / max
    x: float
    x0: float
    x1: float
    unit: Optional[str] = None


@dataclass
class TableRow:
    symbol: str
    description: str
    values: Dict[str, float] = field(default_factory=dict)  # in the table's unit
    other: Dict[str, float] = field(default_factory=dict)  # in the other unit group
    qualifier: Optional[str] = None
    y: float = 0.0


@dataclass
class DimensionTable:
    unit: str
    rows: List[TableRow]
    box: tuple  # x0, y0, x1, y1 of the table's tokens
    other_unit: Optional[str] = None
    # Rows whose letter and description OCR lost, kept apart: only a reader rule that
    # knows them by their value may use them (reading._pitch_from_unlabelled_row).
    unlabelled: List[TableRow] = field(default_factory=list)

    @property
    def symbols(self) -> List[str]:
        return [r.symbol for r in self.rows if r.symbol]


def column_word(text: str) -> Optional[str]:
    """min / nom / max for a column title ("MIN", "Min.", "Typ", "Value (in mm)")."""
    word = squash(text).rstrip(".:")
    if word.startswith("VALUE"):
        return "nom"
    return COLUMN_WORDS.get(word)


_UNIT_OF_MEASURE = re.compile(r"UNITOFMEASURE[=:]?\(?(MM|INCH)")  # Atmel's COMMON DIMENSIONS
_MM_THEN_INCH = re.compile(r"^\(?MM[)/Y(|]{0,3}INCH")


def unit_of(text: str) -> Optional[str]:
    up = squash(text)
    if up.rstrip(".:") in _BARE_UNITS:
        return _BARE_UNITS[up.rstrip(".:")]
    m = _UNIT_OF_MEASURE.search(up)
    if m:
        return "mm" if m.group(1) == "MM" else "inch"
    if _MM_THEN_INCH.match(up):
        return "mm"  # "mm/inch", and "(mm)/(inch)" as a small render reads it: "(mmYinch)"
    found = [(up.find(word), unit) for word, unit in _UNIT_WORDS if word in up]
    if not found and _near_millimeters(up):
        return "mm"
    return min(found)[1] if found else None  # "(mm)/(inch)": the first one named


def _near_millimeters(word: str) -> bool:
    """MILLIMETERS as OCR reads it small: within two letters of it ("MILLIMFTERS"), or an
    M-word ending in METERS whose start is not MICRO's ("MLUMETERS")."""
    word = word.strip("().:[]")
    if not 9 <= len(word) <= 12:
        return False
    m = re.fullmatch(r"(M[A-Z]{1,4})METERS?", word)
    return _edits(word, "MILLIMETERS") <= 2 or bool(m and not m.group(1).startswith("MIC"))


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (short words only)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def page_unit(tokens: Sequence[OcrToken]) -> Optional[str]:
    """The unit a page's notes declare ("DIMENSIONS: MILLIMETERS", "in inches [mm]")."""
    text = squash(" ".join(t.text for t in tokens))
    if re.search(r"INCHES\[MILLIMETERS\]|INCH\[MM\]|UNITS?:INCH|UNITS?\(INCH(ES)?\)"
                 r"|DIMENS[IO]{0,2}NS?ININCH(?:ES|(?!E))(?!(?:AND|&)?[\[(])", text):
        # FTDI: "UNIT : INCH" under its table; Cypress: "DIMENSIONS IN INCHES". Not "in
        # inches and (millimeters)" (MDD's SMA): both are printed, the callouts read the mm.
        return "inch"
    if re.search(r"单位[:：;；]?MM\b|"  # Chinese makers: "单位：mm" (unit: mm)
                 r"(DIMENSIONS?|CONTROLLINGDIMENSION|UNIT)S?[:]?(IN)?MILLIMETER|INMILLIMETERS"
                 r"|DIMENSIONS?:?(IN)?MM\b|UNITS?:MM|DIMENSIONSINMM|DIMENSIONS?\(MM\)|UNIT\(MM\)"
                 r"|\(INMM\)",
                 text):
        return "mm"
    return None


_SYMBOL_TITLE = re.compile(r"^(SYMBOL|SYM\.?|DIM\.?|DIMENSION|ITEM|REF\.?)$")
_UNIT_TITLE = re.compile(r"^(?:(UNIT|DIMENSION|DIMENSIONS|VALUE|SIZE)S?\W*(IN)?\W*)?\(?"
                         r"(MM|MILLIMETERS?|INCH(ES)?|MILS?)\)?\.?$")


_GLUED_WORDS = re.compile(r"^(?:MIN|NOM|TYP|MAX){2,3}$")


def _glued_columns(tok: OcrToken) -> List[Column]:
    """Column titles OCR read as one run ("MINNOMMAX", "NOMMAX": Tech Public's table at
    130 dpi): one column each, placed along the run by its letters."""
    word = squash(tok.text)
    if not _GLUED_WORDS.match(word):
        return []
    per = (tok.box[2] - tok.box[0]) / len(word)
    cols = []
    for k in range(0, len(word), 3):
        x0 = tok.box[0] + k * per
        cols.append(Column(COLUMN_WORDS[word[k:k + 3]], x0 + 1.5 * per, x0, x0 + 3 * per))
    return cols


def _header_columns(row: Sequence[OcrToken]) -> List[Column]:
    cols = []
    for tok in row:
        kind = column_word(tok.text)
        if kind:
            cols.append(Column(kind, tok.cx, tok.box[0], tok.box[2]))
        else:
            cols += _glued_columns(tok)
    titled = [t for t in row if _UNIT_TITLE.match(squash(t.text)) and unit_of(t.text)]
    if not cols and (any(_SYMBOL_TITLE.match(squash(t.text)) for t in row)
                     or len({unit_of(t.text) for t in titled}) >= 2):
        # "Symbol | Unit (mm) | Unit (inch)": one value per row in each unit (MDD, Diodes);
        # "MILLIMETERS | INCHES" under a spanning "DIMENSIONS" with SYM a line above (Tech
        # Public's land pattern table).
        for tok in titled:
            cols.append(Column("nom", tok.cx, tok.box[0], tok.box[2], unit_of(tok.text)))
    return cols


_TABLE_TITLE = re.compile(r"^(DIMENSIONS?|PACKAGEDIMENSIONS?|SIZES?)$")
_VALUE_WITH_UNIT = re.compile(r"\d\s*(MM|INCH|IN\.|MILS?)\b", re.I)


def _titled_value_column(row: Sequence[OcrToken], below: Sequence[Sequence[OcrToken]],
                         h: float) -> List[Column]:
    """A table titled only "Dimensions" over letter | value rows whose cells carry their
    unit ("L | 1.6mm +/-0.15mm", KEMET's part sheets): one nominal column in that unit,
    when at least three rows below read so."""
    titles = [t for t in row if _TABLE_TITLE.match(squash(t.text))]
    if len(titles) != 1:
        return []
    title = titles[0]
    near = (title.box[0] - 8 * h, title.box[2] + 8 * h)  # other text on the line is not it
    cells = []
    for r in below[:8]:
        r = [t for t in r if near[0] <= t.cx <= near[1]]
        symbols = [t for t in r if _SYMBOL.match(t.text.strip())]
        values = [t for t in r if _VALUE_WITH_UNIT.search(t.text)]
        if not symbols or not values or values[0].cx <= symbols[0].cx:
            break
        cells.append(values[0])
    if len(cells) < 3:
        return []
    unit = unit_of(_VALUE_WITH_UNIT.search(cells[0].text).group(1)) or "mm"
    x0, x1 = min(c.box[0] for c in cells), max(c.box[2] for c in cells)
    return [Column("nom", (x0 + x1) / 2.0, x0, x1, unit)]


def find_tables(tokens: Sequence[OcrToken], default_unit: Optional[str] = None
                ) -> List[DimensionTable]:
    """Every MIN/NOM/MAX table on the page, in the unit of its millimetre group if any."""
    all_rows = rows(tokens)
    h = line_height(tokens)
    tables = []
    used_until = -1
    for index, row in enumerate(all_rows):
        if index <= used_until:
            continue
        cols = _header_columns(row) or _titled_value_column(row, all_rows[index + 1:], h)
        if cols and all(c.unit for c in cols) and any(
                len([c for c in _header_columns(nxt) if not c.unit]) >= 2
                for nxt in all_rows[index + 1:index + 4] if row_y(nxt) - row_y(row) < 2.5 * h):
            continue  # unit titles over MIN NOM MAX: the header is a line below
        kinds = {c.kind for c in cols}
        value_column = (len(cols) == 1 and any(squash(t.text).startswith("VALUE") for t in row)
                        ) or (cols and all(c.unit for c in cols)) \
            or _typical_per_unit(cols, all_rows, index, h)
        if not value_column and (len(cols) < 2 or not (
                {"min", "max"} <= kinds or {"min", "nom"} <= kinds)):
            continue
        halves = _side_by_side(cols, all_rows, index, h, default_unit)
        if halves:
            # one table printed as two halves side by side: each half read on its own,
            # the rows of both one table (its letters say together what it measures)
            parts = []
            for lo, hi, half_cols in halves:
                half_rows = [[t for t in r if lo <= t.cx < hi] for r in all_rows]
                kept = [k for k, r in enumerate(half_rows) if r]
                if index not in kept:
                    continue
                table, last = _parse_table([half_rows[k] for k in kept], kept.index(index),
                                           half_cols, h, tokens, default_unit)
                if table is not None:
                    parts.append(table)
                    used_until = max(used_until, kept[last])
            if parts:
                tables.append(_joined_halves(parts))
            continue
        table, last = _parse_table(all_rows, index, cols, h, tokens, default_unit)
        if table is not None:
            tables.append(table)
            used_until = last
    return tables


def _joined_halves(parts: List[DimensionTable]) -> DimensionTable:
    """The halves of one side-by-side table as one table."""
    box = (min(t.box[0] for t in parts), min(t.box[1] for t in parts),
           max(t.box[2] for t in parts), max(t.box[3] for t in parts))
    return replace(parts[0], rows=[r for t in parts for r in t.rows], box=box,
                   unlabelled=[r for t in parts for r in t.unlabelled])


def _side_by_side(cols: List[Column], all_rows, index: int, h: float,
                  default_unit: Optional[str]):
    """[(x from, x to, columns)] for a header that repeats its columns in one unit (JSMICRO's
    "Symbol Min Max | Symbol Min Max", millimetres both): two halves of one table, each with
    its own letters left of its columns; [] for anything else (a millimetre group beside an
    inch group is one table in two units)."""
    ordered = sorted(cols, key=lambda c: c.x)
    kinds = [c.kind for c in ordered]
    n = len(kinds) // 2
    if n < 2 or len(kinds) != 2 * n or kinds[:n] != kinds[n:]:
        return []
    first, second = ordered[:n], ordered[n:]
    above = _lines_above(all_rows, index, h)
    titled = [Column(c.kind, c.x, c.x0, c.x1, c.unit) for c in ordered]
    _assign_units(titled, above, default_unit)
    units = {c.unit for c in titled}
    if len(units) != 1:
        return []
    split = first[-1].x1 + 0.5 * h
    if second[0].x0 - split < 1.5 * h:
        return []  # no room between the halves for the second half's letters
    # the second half's own letters stand between the halves, a row each (an inch group
    # whose title OCR lost has none there)
    letters = [t for r in all_rows[index + 1:index + 12] for t in r
               if split <= t.cx < second[0].x0 and _LETTER.match(t.text.strip())]
    if len(letters) < 2:
        return []
    return [(float("-inf"), split, first), (split, float("inf"), second)]


_LETTER = re.compile(r"^[A-Za-z][A-Za-z0-9]?$")  # a dimension's letter: C, C1, b, L1


def _lines_above(all_rows, index: int, h: float) -> List[OcrToken]:
    """The text of the (up to three) lines within four line heights over row `index`: where
    a header's unit titles stand."""
    header_y = row_y(all_rows[index])
    return [t for r in all_rows[max(0, index - 3):index] for t in r
            if header_y - row_y(r) < 4 * h]


def _typical_per_unit(cols: List[Column], all_rows, index: int, h: float) -> bool:
    """A header of one Typ. column under each unit title ("Unit (mm)" over "Typ.", "Unit
    (inch)" over "Typ.": Taiwan Semiconductor's pad layout tables): a table of nominal
    values, one column a unit."""
    if len(cols) < 2 or {c.kind for c in cols} != {"nom"}:
        return False
    above = _lines_above(all_rows, index, h)
    titled = [Column(c.kind, c.x, c.x0, c.x1, c.unit) for c in cols]
    _assign_units(titled, above, None)
    units = [c.unit for c in titled]
    return None not in units and len(set(units)) == len(units)


def _assign_units(cols: List[Column], above: Sequence[OcrToken], fallback: Optional[str]):
    unit_tokens = [(t, unit_of(t.text)) for t in above if unit_of(t.text)]
    for col in cols:
        if col.unit:  # titled with its own unit
            continue
        if unit_tokens:
            best = min(unit_tokens, key=lambda tu: (
                0 if tu[0].box[0] - 20 <= col.x <= tu[0].box[2] + 20 else 1,
                abs(tu[0].cx - col.x)))
            col.unit = best[1]
        else:
            col.unit = fallback
    # Two groups with the same titles and no unit words: unknown, leave as None.


def _parse_table(all_rows, header_index, cols, h, tokens, default_unit):
    header = all_rows[header_index]
    header_y = row_y(header)
    above = _lines_above(all_rows, header_index, h)
    above += [t for t in header if not column_word(t.text) or unit_of(t.text)]
    _assign_units(cols, above, default_unit)
    units = [c.unit for c in cols if c.unit]
    if not units:
        return None, header_index
    unit = "mm" if "mm" in units else units[0]
    others = [u for u in units if u != unit]
    other_unit = others[0] if others else None
    left = min(c.x0 for c in cols) - 1.5 * h
    # The symbol column's own title ("DIM") ends where the values begin (Tech Public's
    # narrow table: its letters stand within 1.5 lines of the first column)
    titles = [t for t in header if _SYMBOL_TITLE.match(squash(t.text)) and t.cx < left + 1.5 * h]
    if titles:
        left = max(left, max(t.box[2] for t in titles))
    width = max(c.x1 for c in cols) - min(c.x0 for c in cols)
    right = max(c.x1 for c in cols) + max(2.0 * h, 0.15 * width)
    out_rows: List[TableRow] = []
    last_y = header_y
    last_index = header_index
    box = [min(t.box[0] for t in header), min(t.box[1] for t in header),
           max(t.box[2] for t in header), max(t.box[3] for t in header)]
    candidates = []
    unlabelled: List[TableRow] = []
    label_xs = [t.box[0] for t in header if not column_word(t.text) and not unit_of(t.text)]
    note_xs = [t.cx for t in header if squash(t.text).rstrip(".:S") == "NOTE"]
    for index in range(header_index + 1, len(all_rows)):
        row = all_rows[index]
        y = row_y(row)
        labels = [t for t in row if t.cx < left]
        cells = [t for t in row if left <= t.cx <= right]
        if y - last_y > 2.6 * h:
            if not cells and y - last_y <= 6 * h:
                continue  # drawing text between tall rows
            if y - last_y > 6 * h or not _continues(row, label_xs, left, right, h):
                break
        # Notes under the table end it; a NOTES label of the drawing beside it does not
        # (IR's Micro3 page: the side view's "NOTES:" on the E1 row), nor a "Note 2" cell
        # under the table's own NOTE column (Atmel's COMMON DIMENSIONS).
        if any(squash(t.text).startswith("NOTE") and t.box[2] >= left - 6 * h
               and not any(abs(t.cx - x) < 3 * h for x in note_xs) for t in row):
            break
        if not cells:
            continue
        candidates.append((index, y, labels, cells))
        last_y = y
    # Drawing text beside a table shares its rows; the table's own labels start at a
    # common left edge (the description or symbol column): keep only those.
    edges = [round(labels[0].box[0] / h) for _, _, labels, _ in candidates if labels]
    edge = (max(set(edges), key=edges.count) - 1) * h if edges else 0.0
    for index, y, labels, cells in candidates:
        labels = [t for t in labels if t.box[0] >= edge]
        parsed = _parse_row(labels, cells, cols, unit, h)
        if parsed is None:
            continue
        parsed.y = y
        if not parsed.symbol and not parsed.description:
            unlabelled.append(parsed)
            continue
        out_rows.append(parsed)
        last_index = index
        for t in labels + cells:
            box = [min(box[0], t.box[0]), min(box[1], t.box[1]),
                   max(box[2], t.box[2]), max(box[3], t.box[3])]
    if not out_rows:
        return None, header_index
    return DimensionTable(unit=unit, rows=out_rows, box=tuple(box),
                          other_unit=other_unit, unlabelled=unlabelled), last_index


def _continues(row, label_xs, left: float, right: float, h: float) -> bool:
    """A row after a tall gap still belongs to the table where its label stands under the
    header's label and a number under its columns (Walsin's chip table: rows drawn level
    with the figure beside it, four lines apart)."""
    labelled = any(abs(t.box[0] - x) < 2 * h or (t.box[0] <= x + 2 * h <= t.box[2])
                   for t in row if t.cx < left for x in label_xs)
    valued = any(left <= t.cx <= right and re.search(r"\d", t.text) for t in row)
    return labelled and valued


def _nearest(cols: Sequence[Column], x: float) -> Column:
    return min(cols, key=lambda c: abs(c.x - x))


# A basic dimension's symbol printed in a box, as OCR returns it: the pitch e ("回" for
# FTDI's boxed e, "[e]" or "|e|" elsewhere). Only e is boxed in these tables.
_BOXED_E = {"回", "[e]", "|e|", "[e", "e]"}


def _parse_row(labels, cells, cols, unit, h) -> Optional[TableRow]:
    symbol = ""
    description = ""
    if labels:
        last = labels[-1]
        if last.text.strip() in _BOXED_E:
            symbol = "e"
            description = " ".join(t.text for t in labels[:-1])
        elif _SYMBOL.match(last.text.strip()):
            symbol = last.text.strip()
            description = " ".join(t.text for t in labels[:-1])
        else:
            description = " ".join(t.text for t in labels)
    values: Dict[str, float] = {}
    other: Dict[str, float] = {}
    qualifier_units = set()
    qualifier = None
    for tok in cells:
        word = squash(tok.text).rstrip(".")
        if word in ("BSC", "REF", "TYP"):
            qualifier_units.add(_nearest(cols, tok.cx).unit)
            qualifier = qualifier or word
    for tok in cells:
        pieces = [v for v in parse_values(tok.text) if not v.degrees]
        if not pieces:
            continue
        col = _nearest(cols, tok.cx)
        spans = sum(1 for c in cols if c.unit == col.unit and tok.box[0] - 4 < c.x < tok.box[2] + 4)
        for v in pieces:
            target = values if col.unit == unit else other
            if v.qualifier in ("BSC", "REF", "TYP") or col.unit in qualifier_units or spans >= 2:
                kind = "nom"
                qualifier = qualifier or v.qualifier
            else:
                kind = col.kind
            if v.is_range and kind != "nom":
                target.setdefault("min", v.lo)
                target.setdefault("max", v.hi)
                continue
            if len(pieces) > 1 and target.get(kind) is not None:
                continue
            target.setdefault(kind, v.value)
    if not values and not other:
        return None
    if not symbol and not description and len(cells) > 2:
        return None  # not a row of the table: text of the drawing beside it
    # A row whose letter OCR lost (ST's small "e") is kept without one: the reader may
    # still know it by its value (reading._pitch_from_unlabelled_row).
    return TableRow(symbol=symbol, description=description, values=values, other=other,
                    qualifier=qualifier)


def row_values(row: TableRow, table: DimensionTable, unit: str) -> Dict[str, float]:
    """The row's values in `unit`: its own columns, or the other unit's group, or none."""
    if table.unit == unit:
        return row.values
    if table.other_unit == unit:
        return row.other
    return {}
