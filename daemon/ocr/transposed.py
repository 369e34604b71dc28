"""Transposed dimension tables: letters as columns, MAX / NOM / MIN as rows.

NXP, Nexperia, Philips and many Asian makers print the package's dimensions this way:

    UNIT   A    A1   bp    c     D    E    e    e1    HE   Lp    Q     v    w
    mm    1.1  0.1  0.48  0.15  3.0  1.4  1.9  0.95  2.5  0.45  0.55  0.2  0.1
          0.9       0.38  0.09  2.8  1.2             2.1  0.15  0.45

A header row of several letter symbols, then one to three value rows. Rows labelled
max / nom / min say what they hold; unlabelled, two rows are max over min (a value only in
the upper row is nominal: a basic dimension like e, or a limit the header names, `A1 max`);
one row is nominal. Each number belongs to the column whose letter is nearest above it.
The result is an ordinary DimensionTable, so letters are mapped like any other table's.
"""

import re
from typing import Dict, List, Optional, Sequence

from daemon.ocr.dual_units import one_unit
from daemon.ocr.layout import line_height, row_y, rows, squash
from daemon.ocr.numbers import parse_values
from daemon.ocr.tables import DimensionTable, TableRow, column_word, unit_of
from daemon.ocr.tokens import OcrToken

_LETTER = re.compile(r"^(?:[A-Za-z]{1,2}\d?|[A-Z]\d?[a-z]?)$")
MIN_COLUMNS = 5
_NOT_LETTERS = {"UNIT", "UNITS", "MM", "INCH", "INCHES", "MIL", "MAX", "MIN", "NOM", "TYP",
                "DIM", "SYMBOL", "NOTE", "TO", "OF", "IN", "AND", "THE"}


def _symbols(row: Sequence[OcrToken]) -> List[tuple]:
    """(symbol, qualifier, token) of a header row's letters ('A1 max' -> ('A1', 'max'))."""
    out = []
    for tok in row:
        text = re.sub(r"\(\d\)", "", tok.text)  # footnote marks: D(1), E(1)
        words = text.replace("(", " ").replace(")", " ").split()
        if not words:
            continue
        letter = words[0]
        qualifier = column_word(words[1]) if len(words) == 2 else None
        if len(words) > 2 or (len(words) == 2 and qualifier is None):
            continue
        if _LETTER.match(letter) and letter.upper() not in _NOT_LETTERS:
            out.append((letter, qualifier, tok))
    return out


def _stacked_letters(header: List[tuple], row: Sequence[OcrToken],
                     above: Sequence[OcrToken], h: float) -> List[tuple]:
    """Header cells written on two lines (NXP's SOT763-1: `A(1)` over `max.`): the
    qualifier stands alone in the header row and its letter in the line just above it.
    Such a cell joins the header at the qualifier's place, in column order."""
    taken = {id(tok) for _, _, tok in header}
    extra = []
    for tok in row:
        qualifier = column_word(squash(tok.text))
        if id(tok) in taken or qualifier is None:
            continue
        for top in above:
            letters = _symbols([top])
            if letters and letters[0][1] is None and 0 < tok.cy - top.cy < 1.8 * h \
                    and abs(top.cx - tok.cx) < 1.5 * h:
                extra.append((letters[0][0], qualifier, tok))
                break
    return sorted(header + extra, key=lambda cell: cell[2].cx) if extra else header


def find_transposed_tables(tokens: Sequence[OcrToken], default_unit: Optional[str] = None
                           ) -> List[DimensionTable]:
    """Every letters-as-columns table on the page."""
    all_rows = rows(tokens)
    h = line_height(tokens)
    tables = []
    for index, row in enumerate(all_rows):
        header = _symbols(row)
        if len(header) < MIN_COLUMNS or len(header) * 2 < len(row):
            continue
        if index:
            header = _stacked_letters(header, row, all_rows[index - 1], h)
        table = _parse(all_rows, index, header, h, default_unit)
        if table is not None:
            tables.append(table)
    return tables


def _parse(all_rows, index, header, h, default_unit) -> Optional[DimensionTable]:
    xs = [tok.cx for _, _, tok in header]
    left = min(tok.box[0] for _, _, tok in header)
    spacing = min(b - a for a, b in zip(xs, xs[1:])) if len(xs) > 1 else 4 * h
    value_rows = []
    unit = None
    last_y = row_y(all_rows[index])
    for row in all_rows[index + 1:index + 6]:
        y = row_y(row)
        if y - last_y > 2.2 * h or len(value_rows) == 3:
            break
        kind = None
        new_unit = False
        cells: Dict[int, float] = {}
        centres: Dict[int, float] = {}
        for tok in row:
            word = squash(tok.text)
            if tok.cx < left - 0.3 * spacing:
                if unit and unit_of(tok.text) and unit_of(tok.text) != unit:
                    new_unit = True  # NXP: the inch rows under the mm rows
                unit = unit or unit_of(tok.text)
                for w in tok.text.split():
                    kind = kind or column_word(w)
                continue
            if column_word(word):
                kind = kind or column_word(word)
                continue
            values = one_unit([v for v in parse_values(tok.text) if not v.degrees])
            if not values and unit_of(tok.text):
                unit = unit or unit_of(tok.text)
            if len(values) != 1:
                continue
            col = min(range(len(xs)), key=lambda i: abs(xs[i] - tok.cx))
            if abs(xs[col] - tok.cx) <= 0.6 * spacing:
                cells.setdefault(col, values[0].value)
                centres.setdefault(col, tok.cy)
        if new_unit:
            break  # the other unit's block: this table ends with the first unit's rows
        if not cells:
            if not any(re.search(r"\d", t.text) for t in row) and y - last_y <= 2.0 * h:
                # A label, units or qualifier row under the letters ("(mm)/(inch)",
                # NXP's "max." under A): the qualifier belongs to the letter above it.
                header = _with_qualifiers(header, row, xs, spacing)
                last_y = y
                continue
            break
        value_rows.append((kind, cells, centres))
        last_y = y
    if not value_rows:
        return None
    unit = unit or default_unit
    if unit is None:
        return None
    kinds = _row_kinds([k for k, _, _ in value_rows])
    centred = _centred_between(value_rows, h)
    out: List[TableRow] = []
    for col, (symbol, qualifier, tok) in enumerate(header):
        present = [(kind, cells[col]) for kind, (_, cells, _) in zip(kinds, value_rows)
                   if col in cells]
        if not present:
            continue
        values: Dict[str, float] = {}
        if col in centred:
            values[qualifier or "nom"] = centred[col]  # one value for both rows: basic
        elif len(present) == 1 and len(value_rows) > 1 and value_rows[0][0] is None:
            values[qualifier or "nom"] = present[0][1]  # only in the upper row: basic
        else:
            for kind, value in present:
                values.setdefault(qualifier if qualifier and len(present) == 1 else kind, value)
        out.append(TableRow(symbol=symbol, description="", values=values, y=tok.cy))
    if len(out) < MIN_COLUMNS:
        return None
    toks = [tok for _, _, tok in header]
    box = (min(t.box[0] for t in toks) - 3 * h, min(t.box[1] for t in toks),
           max(t.box[2] for t in toks) + h, last_y + h)
    return DimensionTable(unit=unit, rows=out, box=box)


def _with_qualifiers(header, row, xs, spacing):
    """Column words of a row under the letters ("max.") given to the nearest letter."""
    header = list(header)
    for tok in row:
        kind = column_word(tok.text)
        if not kind:
            continue
        col = min(range(len(xs)), key=lambda i: abs(xs[i] - tok.cx))
        if abs(xs[col] - tok.cx) <= 0.6 * spacing and header[col][1] is None:
            header[col] = (header[col][0], kind, header[col][2])
    return header


def _centred_between(value_rows, h: float) -> Dict[int, float]:
    """Two value rows (max over min): a value printed once, centred between them, belongs
    to both (NXP prints e, L, v, w, y this way); OCR puts it on one of the two rows."""
    if len(value_rows) != 2:
        return {}
    (_, top, top_y), (_, bottom, bottom_y) = value_rows
    if not top_y or not bottom_y:
        return {}
    y_top = sorted(top_y.values())[len(top_y) // 2]
    y_bottom = max(bottom_y.values())
    gap = y_bottom - y_top
    if gap < 0.5 * h:
        return {}
    out = {}
    for rows_cells, rows_y, other in ((top, top_y, bottom), (bottom, bottom_y, top)):
        for col, cy in rows_y.items():
            if col not in other and abs(cy - (y_top + y_bottom) / 2) < 0.25 * gap:
                out[col] = rows_cells[col]
    return out


def _row_kinds(labels: List[Optional[str]]) -> List[str]:
    """What each value row holds: its label, else max / min (two rows), nom (one row),
    max / nom / min (three rows)."""
    if all(labels):
        return list(labels)  # type: ignore[arg-type]
    default = {1: ["nom"], 2: ["max", "min"], 3: ["max", "nom", "min"]}[len(labels)]
    return [label or default[i] for i, label in enumerate(labels)]


def find_grouped_tables(tokens: Sequence[OcrToken], default_unit: Optional[str] = None
                        ) -> List[DimensionTable]:
    """Tables whose letters head groups of MIN / NOM / MAX columns over one value row:

        PAD SIZE |      E2        |       D2       |       L
                 | MIN  NOM  MAX  | MIN  NOM  MAX  | MIN  NOM  MAX
        114X114  | 1.90 2.00 2.05 | 1.90 2.00 2.05 | 0.30 0.40 0.50

    (FTDI's QFN pad-size row). With a second value row under it the table lists variants,
    and which one the part has is not on the page: it is left out."""
    all_rows = rows(tokens)
    h = line_height(tokens)
    out = []
    for index, row in enumerate(all_rows):
        groups = _column_groups(row)
        if len(groups) < 2 or index == 0 or index + 1 >= len(all_rows):
            continue
        below = all_rows[index + 1]
        # The letters' line may be split by a taller cell beside it ("JEDEC CODE").
        above = [t for r in all_rows[max(0, index - 3):index] for t in r
                 if 0 < row_y(row) - t.cy <= 2.2 * h]
        if not above or row_y(below) - row_y(row) > 1.8 * h:
            continue
        if index + 2 < len(all_rows) and row_y(all_rows[index + 2]) - row_y(below) < 1.8 * h \
                and _numbers_under(all_rows[index + 2], groups) >= 2:
            continue  # several value rows: a variant list
        table_rows = []
        for x0, x1, cols in groups:
            letters = [t for t in above if x0 - h <= t.cx <= x1 + h
                       and _LETTER.match(t.text.strip())
                       and t.text.strip().upper() not in _NOT_LETTERS]
            if len(letters) != 1:
                continue
            values: Dict[str, float] = {}
            for tok in below:
                if not x0 - h <= tok.cx <= x1 + h:
                    continue
                for v in parse_values(tok.text):
                    kind = min(cols, key=lambda c: abs(c[1] - tok.cx))[0]
                    values.setdefault(kind, v.value)
            if values:
                table_rows.append(TableRow(letters[0].text.strip(), "", values,
                                           y=row_y(below)))
        if len(table_rows) >= 2:
            box = (min(t.box[0] for t in row), min(t.box[1] for t in above),
                   max(t.box[2] for t in row), max(t.box[3] for t in below))
            out.append(DimensionTable(unit=default_unit or "mm", rows=table_rows, box=box))
    return out


def _column_groups(row: Sequence[OcrToken]) -> List[tuple]:
    """(x0, x1, [(kind, x)]) for each run MIN [NOM] MAX left to right in a header row."""
    words = [(column_word(t.text), t) for t in row]
    groups, current = [], []
    for kind, tok in words:
        if kind == "min":
            current = [(kind, tok)]
        elif kind in ("nom", "max") and current:
            current.append((kind, tok))
            if kind == "max":
                groups.append((current[0][1].box[0], tok.box[2],
                               [(k, t.cx) for k, t in current]))
                current = []
    return groups


def _numbers_under(row: Sequence[OcrToken], groups: List[tuple]) -> int:
    return sum(1 for t in row for x0, x1, _ in groups
               if x0 <= t.cx <= x1 and re.search(r"\d\.\d", t.text))
