"""OCR tokens of datasheet pages -> DatasheetReading (the OCR reader's parsing step).

Tables are rebuilt from box geometry (daemon.ocr.tables) and their letters mapped by
drawing style (daemon.ocr.letters); land-pattern and TI-style package callouts are read
where there is no table (daemon.ocr.callouts); family and pin count come from the title
(daemon.ocr.package_text). Every value returned was printed on the page; what is not found
is left out, and pages without dimensions are a ReaderError, never a guess.
"""

import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from daemon.ocr.callouts import (
    TWO_TERMINAL_FAMILIES,
    LandCallouts,
    classify,
    collect,
    in_box,
    land_region,
)
from daemon.ocr.hole_row import read_hole_row
from daemon.ocr.jedec_bodies import guess_from_table, pins_from_labels, registered_sizes
from daemon.ocr.layout import line_height, once_per_page, page_text, rows, squash
from daemon.ocr.lead_row import read_lead_row
from daemon.ocr.letters import (
    EP_D1,
    EP_D1_E1,
    FAMILY_LETTERS,
    H_SPAN,
    H_SPAN_MARKS,
    JEDEC,
    LAND,
    LAND_DESCRIPTIONS,
    NEXPERIA,
    NEXPERIA_MARKS,
    NO_LEAD_FAMILIES,
    NXP_DIP,
    NXP_DIP_MARKS,
    ONSEMI,
    ONSEMI_FAMILY,
    PACKAGE_DESCRIPTIONS,
    PACKAGE_HEIGHT_LETTERS,
    ST_TO220,
    ST_TO220_MARKS,
    letters_side,
)
from daemon.ocr.maker_letters import maker_letters_from_drawing, not_jedec_letters
from daemon.ocr.micrometres import NOTE as MICROMETRES_NOTE
from daemon.ocr.micrometres import in_millimetres
from daemon.ocr.numbers import PrintedValue
from daemon.ocr.numbers import toleranced as _tol
from daemon.ocr.numbers import toleranced_from_printed as _tol_from_printed
from daemon.ocr.outline_family import (
    family_from_outline,
    gull_wing_from_drawing,
    windowed_outline_from_drawing,
)
from daemon.ocr.package_text import (
    FAMILY_DEFAULT_PINS,
    detect_family,
    lead_count_from_marks,
    named_outline_code,
    names_exposed_pad,
    package_code,
    pin_count_from_text,
    pins_from_pinout,
    unsupported_package,
)
from daemon.ocr.package_view import with_package_body
from daemon.ocr.pad_grid import is_crystal, land_figure_dims, named_as_balls, read_grid
from daemon.ocr.part_numbers import header_grid, names_a_series, parse_part_number
from daemon.ocr.tables import DimensionTable, TableRow, find_tables, page_unit, row_values
from daemon.ocr.tokens import OcrPage, OcrToken
from daemon.ocr.transposed import find_grouped_tables, find_transposed_tables
from daemon.ocr.usb_c import looks_like_usb_c, names_usb_c
from daemon.readers.base import ReaderError, ReadHints
from footprint_writer.ipc.families import FAMILY_GEOMETRY, THT_DUAL, THT_ROW
from schemas.reading import note_text
from schemas.units import to_mm

NO_LEAD = ("dfn", "qfn", "son")
TWO_ROW_FAMILIES = ("soic", "ssop", "tssop", "msop", "dfn", "son", "dip")
TAB_FAMILIES = ("sot223", "dpak")
# Families whose outlines come with and without a thermal pad (SOIC-8 and SOIC-8-EP share
# their body): a family inferred from sizes alone cannot tell which.
EXPOSED_PAD_FAMILIES = ("soic", "ssop", "tssop", "msop", "qfp", "qfn", "dfn", "son")
QUAD = ("qfn", "qfp", "bga")
# Gull-wing families: their land pattern's outer pad edges reach the lead tips (IPC's toe
# fillet; makers' patterns reach at least the tips' minimum).
GULL_WING = ("sot23", "soic", "ssop", "tssop", "msop", "qfp")
_ASCII = re.compile(r"[^ -~]")


@dataclass
class OcrInput:
    """One page as the parser sees it: its OCR tokens and role."""

    page: OcrPage
    role: str = "both"
    # Optional extra pass: OCR of a region turned 90 degrees, tokens in page coordinates.
    rotated: Optional[Callable[[tuple], List[OcrToken]]] = None
    # The page image itself (PIL), for the checks that measure the drawing's lines.
    image: Any = None
    # Optional: OCR of a region upright at the crop's own resolution (small print on a
    # large page that the whole-page pass read shrunk).
    upright: Optional[Callable[[tuple], List[OcrToken]]] = None
    # What is worked out once per page and asked for twice (the page's figures).
    cache: Dict[Any, Any] = field(default_factory=dict, repr=False)


@dataclass
class ParseLog:
    notes: List[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.notes.append(text)

    def for_reviewer(self) -> List[str]:
        """The notes, those asking the reviewer to check something first: a reading keeps
        only NOTES_MAX characters of them."""
        return sorted(self.notes, key=lambda n: "check" not in n)


def table_kind(table: DimensionTable, land_page: bool,
               tokens: Sequence[OcrToken] = ()) -> str:
    symbols = set(table.symbols)
    descriptions = squash(" ".join(r.description for r in table.rows))
    side = letters_side(symbols)
    if side == "land" or "CONTACTPAD" in descriptions or "PADSPACING" in descriptions:
        return "land"
    if side == "package" and symbols & PACKAGE_HEIGHT_LETTERS:
        # a standoff or body thickness: no land table has one, whatever heading is above
        # (ST's LQFP64 table under "Recommended footprint" once its title was cut away)
        return "package"
    if land_page and _under_land_heading(table, tokens):
        return "land"  # "Suggested Pad Layout" over a Symbol / Unit (mm) table
    if side == "package" or {"A", "B"} <= symbols:
        return "package"
    return "land" if land_page else "package"


def _under_land_heading(table: DimensionTable, tokens: Sequence[OcrToken]) -> bool:
    """A land-pattern heading above the table with no package heading between them."""
    from daemon.ocr.callouts import PACKAGE_HEADING, heading_tokens

    top = table.box[1]
    lands = [t.cy for t in heading_tokens(tokens) if t.cy < top]
    packages = [t.cy for t in heading_tokens(tokens, PACKAGE_HEADING) if t.cy < top]
    return bool(lands) and max(lands) > max(packages, default=-1.0)


def _row_field(row: TableRow, kind: str, letters: Dict[str, Optional[str]]) -> Optional[str]:
    """The reading field a table row feeds: description first, then the letter."""
    descriptions = LAND_DESCRIPTIONS if kind == "land" else PACKAGE_DESCRIPTIONS
    desc = squash(row.description)
    by_desc = None
    matched = False
    for words, name in descriptions:
        if words in desc:
            by_desc, matched = name, True
            break
    symbol = row.symbol
    by_letter = letters.get(symbol, letters.get(symbol.upper()) if symbol.isupper() else None)
    if symbol in letters and letters[symbol] is None:
        return None
    if matched:
        if by_letter and by_desc and by_letter.startswith(by_desc):
            return by_letter  # row_spacing_2 from "Contact Pad Spacing C2"
        return by_desc
    return by_letter


def _onsemi_pitch_fits(table: DimensionTable, unit: str, family) -> bool:
    """onsemi's G is the pitch: where the family's pitches are known, it must be one (or a
    SOT-23's pins 1 to 2), or the table only shares onsemi's letters."""
    from daemon.ocr.pitches import FAMILY_PITCHES

    standard = FAMILY_PITCHES.get(family or "")
    row = next((r for r in table.rows if r.symbol == "G"), None)
    if not standard or row is None:
        return True
    values = row_values(row, table, unit)
    if not values:
        return True
    lo, hi = min(values.values()), max(values.values())
    g = to_mm((lo + hi) / 2, unit)
    return any(abs(g - k * p) <= 0.06 * k for p in standard for k in (1, 2))


def _count_from_row_letters(tables: Sequence[DimensionTable]) -> Optional[int]:
    """The lead count a table prints only in its per-count row letters (ALD's D-8, S-8),
    where every such row names the same count."""
    counts = {int(m.group(1)) for t in tables for r in t.rows
              for m in [re.fullmatch(r"[A-Za-z]\d?-(\d{1,3})", r.symbol)] if m}
    return counts.pop() if len(counts) == 1 else None


def _variant_row(row: TableRow, tokens_all, hints) -> Optional[TableRow]:
    """A row lettered for one lead count ("D-8", "S-8": ALD's tables) as its plain letter,
    or None when the page's own count is another (a D-14 row under an 8-pin title)."""
    m = re.fullmatch(r"([A-Za-z]\d?)-(\d{1,3})", row.symbol)
    if not m:
        return row
    pins = pin_count_from_text(tokens_all, hints.package_hint)
    if pins is not None and pins != int(m.group(2)):
        return None
    return replace(row, symbol=m.group(1))


def package_letters(table: DimensionTable, family: Optional[str] = None
                    ) -> Tuple[str, Dict[str, Optional[str]]]:
    symbols = set(table.symbols)
    if {"B", "G", "K"} <= symbols and not ({"e", "E1"} & symbols):
        return "onsemi", {**ONSEMI, **ONSEMI_FAMILY.get(family or "", {})}
    if family == "to220" and ST_TO220_MARKS <= symbols:
        return "st_to220", ST_TO220
    if family == "dip" and symbols & NXP_DIP_MARKS:
        return "nxp_dip", NXP_DIP
    if symbols & NEXPERIA_MARKS:
        return "nexperia", {**NEXPERIA, **FAMILY_LETTERS.get(family or "", {})}
    overlay = FAMILY_LETTERS.get(family or "", {})
    if "E2" in symbols and "D1" in symbols and "D2" not in symbols and family != "qfp":
        overlay = {**overlay, **EP_D1}
    if (family in NO_LEAD_FAMILIES and {"D", "E", "D1", "E1"} <= symbols
            and not symbols & {"D2", "E2"}):
        overlay = {**overlay, **EP_D1_E1}
    if "E" in symbols and symbols & H_SPAN_MARKS and not symbols & {"E1", "e1"}:
        return "jedec_h", {**JEDEC, **overlay, **H_SPAN}
    return "jedec", {**JEDEC, **overlay}


class ReadingBuilder:
    """Collects fields (as printed) from tables and callouts, then validates once."""

    def __init__(self):
        self.unit: Optional[str] = None
        self.fields: Dict[str, Any] = {}
        self.land: Dict[str, Any] = {}
        self.pin_count: Optional[int] = None
        self.pin_count_source = ""
        self.log = ParseLog()
        self.terminal_span: Optional[float] = None  # NXP e1: terminals' span along D
        # A BGA table's D1 / E1: outer ball centre to outer ball centre along D / E.
        self.ball_matrix: Dict[str, float] = {}
        self.exposed_pad_named = False  # the page's title says the part has an exposed pad

    def set_unit(self, unit: str) -> bool:
        if self.unit is None:
            self.unit = unit
        return self.unit == unit

    def put(self, target: Dict[str, Any], name: str, value) -> None:
        if value is not None and name not in target:
            target[name] = value


def _named(reading, hints: ReadHints):
    """A family-less reading (pad grid, hole row, lead row) has no family to name its
    footprint by: it takes the part's name, if given (a name the schema refuses names
    nothing)."""
    from schemas.reading import DatasheetReading

    name = _ASCII.sub("", hints.part_name or "").strip()[:64]
    if not name:
        return reading
    try:
        return DatasheetReading(**{**reading.model_dump(), "part_name": name})
    except ValueError:
        return reading


def parse(inputs: Sequence[OcrInput], hints: Optional[ReadHints] = None, *,
          inferred: str = ""):
    """OCR tokens of the pages -> DatasheetReading (raises ReaderError). `inferred` says
    why the family in the hints was inferred from the page (it goes into the notes)."""
    from schemas.reading import DatasheetReading, LandPattern

    hints = hints or ReadHints()
    converted = [in_millimetres(i) for i in inputs]
    in_um = any(c is not i for c, i in zip(converted, inputs))
    inputs = converted
    tokens_all = [t for i in inputs for t in i.page.tokens]
    numeric = [t for t in tokens_all if re.search(r"\d", t.text)]
    if not numeric:
        raise ReaderError("no dimensions found: OCR found no printed numbers on the page "
                          "(blank page, photo or too small to read?)")
    family = detect_family(tokens_all, hints.package_hint)
    if names_usb_c(tokens_all, hints) or (family is None
                                            and looks_like_usb_c(tokens_all, hints)):
        from daemon.ocr.usb_c_reading import read_usb_c

        try:
            return read_usb_c(inputs, hints)
        except ReaderError:
            if family is None:
                raise
            # The page names Type-C but draws a package (a USB-C controller's QFN, say).
    guess = family_from_outline(tokens_all) if family is None else None
    if family is None and guess is None and any(i.image is not None for i in inputs):
        texts = [page_text(i) for i in inputs]
        guess = gull_wing_from_drawing(texts) or windowed_outline_from_drawing(texts)
    if guess is not None:
        family = guess.family
    part = parse_part_number(hints.part_name)
    if part is not None and family not in (None, part.scheme.family):
        part = None  # the page names another family: its name is no connector's
    if part is not None:
        family = part.scheme.family
    b = ReadingBuilder()
    if in_um:
        b.log.add(MICROMETRES_NOTE)
    code = named_outline_code(tokens_all) if not hints.package_hint else None
    if code is not None and code.family == family:
        b.log.add(f"family from the outline code: {code.source}")
    if part is not None:
        b.log.add(f"{part.why} (check the series)")
    b.exposed_pad_named = names_exposed_pad(tokens_all)
    # A family inferred from sizes alone says nothing of a thermal pad the title named.
    check = "(check the family and count" + (
        ", and whether the part has an exposed pad: the page names none)"
        if family in EXPOSED_PAD_FAMILIES and not b.exposed_pad_named else ")")
    if inferred:
        b.log.add(f"{inferred} {check}")
    if guess is not None:
        b.log.add(f"{guess.why} {check}")
    land_tables: List[DimensionTable] = []
    package_tables: List[DimensionTable] = []
    page_tables: List[List[DimensionTable]] = []
    for item in inputs:
        unit_default = page_unit(item.page.tokens) or hints.units_hint
        tables = _tables(item.page.tokens, unit_default)
        if not tables and unit_default is None:
            tables = _unitless_tables(item.page.tokens, family, b)
        page_tables.append(tables)
        land_page = item.role == "land_pattern" or any(
            re.search(r"LANDPATTERN|FOOTPRINT|PADLAYOUT", squash(t.text))
            for t in item.page.tokens if len(t.text) < 60)
        for table in tables:
            kind = table_kind(table, land_page, item.page.tokens)
            (land_tables if kind == "land" else package_tables).append(table)

    # Land pattern: a table if the page has one, else the drawing's callouts.
    for table in land_tables:
        b.set_unit(table.unit)
        if family in TWO_TERMINAL_FAMILIES and _two_terminal_table(b, table):
            continue
        for row in table.rows:
            name = _row_field(row, "land", LAND)
            values = row_values(row, table, b.unit)
            if name and values:
                b.put(b.land, name, _tol(values, "datasheet_table"))
            m = re.search(r"\(X(\d{1,3})\)", squash(row.description))
            if m and b.pin_count is None:
                b.pin_count, b.pin_count_source = int(m.group(1)), "pad count (Xn)"
        b.log.add(f"land table ({table.unit}, {len(table.rows)} rows)")
    style = None
    for table in package_tables:
        unit = b.unit or table.unit
        if table.unit != unit and table.other_unit != unit:
            b.log.add(f"package table in {table.unit} ignored (reading is in {unit})")
            continue
        b.set_unit(unit)
        style, letters = package_letters(table, family)
        if style == "onsemi" and not _onsemi_pitch_fits(table, unit, family):
            # B, G and K but G is no pitch of the family (UMW, MCC): the maker's own letters,
            # whose meaning only the drawing shows.
            item = next(i for i, ts in zip(inputs, page_tables) if table in ts)
            maker_letters_from_drawing(item, table, unit, b, family)
            continue
        if style == "nexperia":
            _nexperia_pitch(b, table, family)
        if style == "jedec" and not_jedec_letters(table, unit, family):
            # JSMICRO's SOT-23: L tip to tip, A and B the body, E1 the pitch.
            item = next(i for i, ts in zip(inputs, page_tables) if table in ts)
            b.log.add("the table's letters do not measure what JEDEC's do (no registered "
                      "outline has them): read from the drawing")
            maker_letters_from_drawing(item, table, unit, b, family)
            continue
        for row in table.rows:
            row = _variant_row(row, tokens_all, hints)
            if row is None:
                continue
            if style == "nexperia" and family in ("qfn", "qfp") and row.symbol == "e1":
                b.terminal_span = row_values(row, table, unit).get("nom")
            if family == "bga" and row.symbol in ("D1", "E1"):
                span = row_values(row, table, unit).get("nom")
                if span:
                    b.ball_matrix[row.symbol] = span
            name = _row_field(row, "package", letters)
            values = row_values(row, table, unit)
            if not name or not values:
                continue
            if name == "pin_count":
                n = values.get("nom") or values.get("max")
                if n and float(n).is_integer():
                    b.pin_count, b.pin_count_source = int(n), "table N"
                continue
            value = _tol(values, "datasheet_table")
            if name == "lead_width" and family in ("dip", "pin_header") and value is not None \
                    and "lead_width" in b.fields and value.least < b.fields[name].least:
                # Through-hole leads: b and b1 are the lead in the hole and its shoulder, in
                # either order (JEDEC MS-001 b < b1; ALD's table the other way round): the
                # hole is sized by the narrower.
                b.fields[name] = value
                continue
            b.put(b.fields, name, value)
        b.log.add(f"package table ({style} letters, {table.unit})")
    _fix_letter_styles(b, family)

    if b.pin_count is None:
        n = pin_count_from_text(tokens_all, hints.package_hint)
        if n:
            b.pin_count, b.pin_count_source = n, "the inferred outline" if inferred else "title"
    if b.pin_count is None and guess is not None:
        b.pin_count, b.pin_count_source = guess.pins, "the outline its sizes fix"
    if b.pin_count is None and family == "dip":
        n = lead_count_from_marks(tokens_all, line_height(tokens_all))
        if n:
            b.pin_count, b.pin_count_source = n, f"the {n}x mark on the lead width"
    if b.pin_count is None and family is not None:
        n = pins_from_pinout(tokens_all)
        if n:
            b.pin_count, b.pin_count_source = n, "the pin-out's numbered signal names"
    if not package_tables:
        _package_from_callouts(inputs, page_tables, b, family)
    elif "pitch" not in b.fields:
        _pitch_from_unlabelled_row(package_tables, b, family)
    if package_tables and "pitch" not in b.fields:
        _pitch_beside_table(inputs, page_tables, b, family)
    if guess is not None:
        _take_outline_sizes(b, guess.sizes)
    if family == "chip" and "height" not in b.fields and "body_length" in b.fields:
        _chip_height(inputs, b)
    if not land_tables:
        _land_from_callouts(inputs, page_tables, b, family, hints)
    if b.pin_count is None and family in FAMILY_DEFAULT_PINS:
        b.pin_count, b.pin_count_source = FAMILY_DEFAULT_PINS[family], f"{family} standard"
    if b.pin_count is None and part is not None:
        b.pin_count, b.pin_count_source = part.pins, "the part number's scheme"
    grid = header_grid(hints.package_hint) if family == "pin_header" else None
    if b.pin_count is None and grid is not None:
        b.pin_count, b.pin_count_source = grid[0] * grid[1], "the package hint"
    if part is not None and "pitch" not in b.fields:
        from schemas.toleranced import Toleranced

        b.fields["pitch"] = Toleranced(nom=part.scheme.pitch, source="default")
        b.log.add(f"pitch {part.scheme.pitch:g} mm: the series' (not read on the page)")
    if b.pin_count is None and hints.part_name:
        b.pin_count = _pins_from_part_row(tokens_all, hints.part_name)
        b.pin_count_source = "part row" if b.pin_count else ""

    sizes = sum(1 for t in tokens_all if re.search(r"\d[.,]\d", t.text))  # "75,50±1" too
    lead_row_why, land_unread = "", False
    if family is None:
        # No family named, but a land figure of equal pads (crystals, tactile switches,
        # buzzers, small LEDs): its pads as printed, unless the page counts other pins.
        for item in inputs:
            if item.role not in ("both", "land_pattern"):
                continue
            unit = page_unit(item.page.tokens) or b.unit or "mm"
            grid = read_grid(item) or read_hole_row(item, unit)
            if grid is None and land_figure_dims(item) is not None:
                # the figure's own text read again (a few OCR passes, only when needed)
                grid = read_grid(item, again=True) or read_hole_row(item, unit, again=True)
            if grid is not None and b.pin_count in (None, grid.pin_count):
                grid = with_package_body(grid, inputs, text=tokens_all)
                grid = named_as_balls(grid, tokens_all, item.page.tokens)
                return _named(grid, hints)
            land_unread = land_unread or land_figure_dims(item) is not None
        if not land_unread:
            # No land pattern at all: a land-grid part's bottom view (Goertek's LGA-8)
            for item in inputs:
                grid = read_grid(item, bottom_view=True) if item.image is not None else None
                if grid is not None and b.pin_count in (None, grid.pin_count):
                    others = [i for i in inputs if i is not item]
                    return _named(with_package_body(grid, others, any_role=True,
                                                    text=tokens_all), hints)
    if family is None and is_crystal(tokens_all, hints.package_hint):
        raise ReaderError("a crystal's page, but its pad layout was not read (a pad size "
                          "and a spacing on each axis, or the pad count the page lists): "
                          "give a larger screenshot of the pad layout, or the pads as a "
                          "reading JSON")
    if family is None and (sizes or b.fields or b.land):
        named = unsupported_package(tokens_all)
        if named:
            raise ReaderError(f"the page is a {named}, which no ds2fp family builds: give "
                              "its pads as a reading JSON (family 'other', explicit pads)")
        pins = b.pin_count or _count_from_row_letters(package_tables)
        # The registered bodies are in mm; an inch table (Microchip's PDIP) is compared so.
        in_mm = {k: v.to_mm("inch") for k, v in b.fields.items()} if b.unit == "inch" \
            else b.fields
        body = guess_from_table(in_mm, tokens_all, pins) if not inferred else None
        if body is not None and body.pins:
            # An untitled table of a registered body: read again as that family (its letter
            # overlays and outline rules apply), the guess written into the notes.
            return parse(inputs, replace(hints, package_hint=f"{body.hint}-{body.pins}"),
                         inferred=body.why)
        # No family, no land figure, no registered body: a leaded part whose drawing
        # prints its lead spacing and lead size (radial LEDs, photodiodes, thermistors).
        # Not a package drawing beside a land-pattern screenshot whose figure was found but
        # not read: the part has its lands there, and a pin mark is no lead (Osram's CHIPLED
        # in a small screenshot: "2 leads 2 mm apart" from its 2.1/1.9 body and the 0.6
        # anode mark)
        apart = land_unread and any(i.role == "land_pattern" for i in inputs)
        for item in inputs:
            if apart and item.role == "package":
                continue
            got = read_lead_row(item)
            if got is not None and got[0] is not None and b.pin_count in (None,
                                                                          got[0].pin_count):
                return _named(got[0], hints)
            lead_row_why = lead_row_why or (got[1] if got is not None else "")
        if names_a_series(t.text for t in tokens_all if len(t.text) <= 90):
            raise ReaderError("the page covers a connector series whose count is in the "
                              "part number: give the part name (e.g. --part-name "
                              "B4B-XH-A, M50-3500542) or a package hint such as "
                              "PinHeader-2x05-1.27")
        if lead_row_why:
            raise ReaderError(lead_row_why)
        if land_unread:
            raise ReaderError("no package family found, and the land figure is not a grid "
                              "of equal pads or holes that could be read (pads of different "
                              "sizes, or a size the screenshot lost): give a package hint "
                              "(e.g. --package-hint SOIC-8, SMA, 1206), a larger screenshot "
                              "of the land pattern, or the pads as a reading JSON")
        # Without the family no drawing can be read (which size nests in which depends on
        # it), so this is what to ask for when sizes are printed.
        raise ReaderError(f"no package family found on the page ({sizes} printed sizes "
                          "found, but no family name, outline code or land pattern that "
                          "places them); give a package hint (e.g. --package-hint SOIC-8, "
                          "SMA, 1206) or a screenshot of the recommended land pattern; for a "
                          "part no family builds (a module, switch or holder), its pads as "
                          "a reading JSON")
    if not b.fields and not b.land and any("maker letters" in n for n in b.log.notes):
        raise ReaderError("the package table's letters are the maker's own and the drawing "
                          "does not show what each measures: give the land pattern (a "
                          "second screenshot) or the dimensions as a reading JSON")
    if not b.fields and not b.land:
        raise ReaderError("no dimensions found: no dimension table or land-pattern callouts "
                          "on the page")
    if family is None:
        raise ReaderError("no package family found on the page; give a package hint "
                          "(e.g. --package-hint SOIC-8)")
    if b.pin_count is None and family in TWO_ROW_FAMILIES and "pitch" in b.fields:
        # the count only as the drawing's pin numbers (a maker's DFN table with no N row)
        length = b.fields.get("body_length")
        n = pins_from_labels(tokens_all, b.fields["pitch"].nominal,
                             length.nominal if length else None)
        if n:
            b.pin_count, b.pin_count_source = n, "the drawing's pin numbers"
            b.log.add(f"{n} pins: the largest pin number on the drawing (check the count)")
    if b.pin_count is None:
        variants = variant_rows(tokens_all)
        if len(variants) >= 3:
            counts = sorted({n for n, _ in variants})
            raise ReaderError(
                f"the page covers {len(variants)} variants ({variants[0][1]} ... "
                f"{variants[-1][1]}, {counts[0]} to {counts[-1]} pins): give the part name "
                "(e.g. --part-name " f"{variants[0][1]}) to pick one")
        raise ReaderError("pin count not found on the page (it may cover several variants); "
                          "give the part name or a package hint such as SOIC-8")
    _drop_implausible(b, family)
    _sot23_pitch_from_length(b, family)
    family = _shrink_outline(b, family)
    _registered_defaults(b, family)
    _dpak_lead_spacing(b, family)
    if b.pin_count == 2:
        # Two terminals have no centre pad or tab: such letters of a land table name its
        # gap and centre distance (Tech Public's Y2 / Y3), which C, Y and Z already fix.
        dropped = [k for k in ("exposed_pad_width", "exposed_pad_length", "tab_width",
                               "tab_length") if b.land.pop(k, None) is not None]
        if dropped:
            b.log.add(f"two terminals: {', '.join(dropped)} of the land table left out")
    land = LandPattern(**{k: v for k, v in b.land.items() if v is not None}) if b.land else None
    # SOT-223 and DPAK print their tab as exposed_pad_*: a pad of its own, not an EP.
    exposed = family not in TAB_FAMILIES and bool(
        b.fields.get("exposed_pad_length") or b.fields.get("exposed_pad_width")
        or b.land.get("exposed_pad_width") or b.land.get("exposed_pad_length"))
    view = "bottom" if any(re.search(r"VIEWEDFROMSOLDER|SOLDERSIDEVIEW", squash(t.text))
                           for t in tokens_all) else "top"
    along = _pins_along_length(b, family)
    if along is not None:
        b.fields["pins_along_length"] = along
        if family != "bga":
            b.log.add(f"{along} terminals along D (e1 / e + 1)")
    notes = "ocr: " + "; ".join(b.log.for_reviewer() + [f"pins from {b.pin_count_source}"])
    code = package_code(tokens_all)
    data = dict(units=b.unit or "mm", family=family, pin_count=b.pin_count,
                exposed_pad=exposed, view=view, land_pattern=land,
                notes=note_text(notes),
                package_name=_ASCII.sub("", code)[:64] if code else None,
                rows=_header_rows(part, grid) if family == "pin_header" else None,
                **b.fields)
    if b.unit is None:
        raise ReaderError("no dimensions found: the page does not say its unit "
                          "(give --units-hint)")
    try:
        return DatasheetReading(**data)
    except ValueError as exc:
        raise ReaderError(f"the OCR reading is inconsistent: {exc}") from None


def _shrink_outline(b: ReadingBuilder, family: Optional[str]) -> Optional[str]:
    """A page read as SOIC whose pitch is a shrink outline's is an SSOP ("small outline
    package" is TI's title for its SOIC, QSOP and TSSOP drawings alike; no SOIC has such a
    pitch): named so, and its JEDEC defaults (MO-137 for 0.635) are the SSOP's."""
    from daemon.ocr.pitches import is_standard_pitch

    pitch = b.fields.get("pitch") or b.land.get("pitch")
    if family != "soic" or pitch is None or pitch.nominal is None \
            or not is_standard_pitch(pitch.nominal, "ssop"):
        return family
    b.log.add(f"a small outline at {pitch.nominal:g} mm pitch: read as an SSOP")
    return "ssop"


def _header_rows(part, grid) -> int:
    """A header's rows: its series' (part number), the hint's "2x05", else one."""
    if part is not None:
        return part.scheme.rows
    return grid[0] if grid is not None else 1


# What no package page prints, in mm: sizes over these are misreadings (small print that
# lost its decimal point: ".348" read as 348, "7.8" as 78), never dimensions.
_LARGEST_MM = {"pitch": 5.2, "height": 30.0, "lead_width": 3.0}  # AMS: 2e 3.96-5.18
_LARGEST_SIZE_MM = 100.0


# SOT-23 (TO-236 / MO-178) bodies are 2.80-3.04 mm long at a 0.95 mm pitch; SC-70 (MO-203)
# bodies 1.80-2.25 mm at 0.65 mm. A page that shows the body but whose pitch OCR lost
# (Fortune's 0.95 among other standard values) has the pitch of the outline its length is.
_SOT23_PITCH_BY_LENGTH_MM = (((2.6, 3.2), 0.95), ((1.75, 2.3), 0.65))


def _sot23_pitch_from_length(b: "ReadingBuilder", family) -> None:
    length = b.fields.get("body_length")
    if family != "sot23" or "pitch" in b.fields or length is None or b.unit != "mm":
        return
    for (lo, hi), pitch in _SOT23_PITCH_BY_LENGTH_MM:
        if lo <= length.nominal <= hi:
            b.put(b.fields, "pitch", _tol({"nom": pitch}, "derived"))
            b.log.add(f"pitch {pitch:g}: the registered pitch of a {length.nominal:g} mm long "
                      "SOT-23/SC-70 body (not read on the page)")
            return


def _registered_defaults(b: "ReadingBuilder", family) -> None:
    """The sizes the registered outline fixes that the page left out (a DPAK's lead width
    and tab foot: jedec_bodies.REGISTERED_SIZES), once the page has given the body: source
    'default', each said in the notes for the reviewer to check."""
    from schemas.toleranced import Toleranced

    if b.unit != "mm" or "body_width" not in b.fields or b.land:
        return
    for size in registered_sizes(family, b.pin_count):
        if size.field in b.fields:
            continue
        nom = size.min if size.min == size.max else None
        b.fields[size.field] = (Toleranced(nom=nom, source="default") if nom is not None else
                                Toleranced(min=size.min, max=size.max, source="default"))
        shown = f"{nom:g}" if nom is not None else f"{size.min:g}-{size.max:g}"
        b.log.add(f"{size.field} {shown} mm: {size.why} (not printed: check it)")


def _dpak_lead_spacing(b: "ReadingBuilder", family) -> None:
    """A two-lead DPAK (the middle lead cut, TO-252AA) has its leads 2e apart: a page that
    prints the pitch e (2.28) gives the builder's lead spacing only doubled."""
    pitch = b.fields.get("pitch")
    if family != "dpak" or b.pin_count != 2 or pitch is None or b.unit != "mm" \
            or pitch.nominal > 3.5:
        return
    from schemas.toleranced import Toleranced

    doubled = {k: (None if v is None else round(2 * v, 4))
               for k, v in (("min", pitch.min), ("nom", pitch.nom), ("max", pitch.max))}
    b.fields["pitch"] = Toleranced(**doubled, source="derived")
    b.log.add(f"leads 2e = {2 * pitch.nominal:g} mm apart (the printed e doubled: the "
              "middle lead is cut; check)")


def _drop_implausible(b: "ReadingBuilder", family) -> None:
    """Leave out the package values no part of this family can have, each with a note: a
    missing value makes the builder ask or compute it by IPC (and say so), a misread one
    would make a wrong footprint. Along the rows a two-row body holds its leads: at most
    (N/2 + 2) pitches + 2 mm long."""
    pitch = b.fields.get("pitch")
    for target, prefix in ((b.fields, ""), (b.land, "land ")):
        for name, value in list(target.items()):
            nominal = getattr(value, "nominal", None)
            if not isinstance(nominal, (int, float)) or b.unit is None:
                continue
            limit = _LARGEST_MM.get(name, _LARGEST_SIZE_MM)
            if target is b.fields and name == "body_length" and b.pin_count \
                    and family in GULL_WING and family != "qfp" and pitch is not None:
                limit = min(limit, (b.pin_count // 2 + 2) * to_mm(pitch.nominal, b.unit) + 2)
            if to_mm(value.most, b.unit) > limit:
                del target[name]
                b.log.add(f"{prefix}{name} {nominal:g} {b.unit} left out: no "
                          f"{family or 'package'} has it (a misread number?)")
    _drop_implausible_land(b, family)


# A land pad across a row of leads is at least this share of the pitch: SOIC 0.6 / 1.27,
# TSSOP 0.45 / 0.65, a 0.4-pitch QFN's 0.2 (IPC-7351B's nominal lands: 0.4 of the pitch
# and more; SOT-23's pads may be wider than its pitch, the next pad being across); under a
# quarter it is no land pad (a lead's size or a tolerance read off the package drawing).
LAND_PAD_LEAST_SHARE_OF_PITCH = 0.25


def _drop_implausible_land(b: "ReadingBuilder", family) -> None:
    """Leave out the land pattern read for a row of leads when its pad width is no land
    pad at its pitch: the callouts were taken from the wrong figure (a screenshot's land
    sizes lost to OCR and the package drawing's 0.20 and 0.37 read instead), and every
    land value read with them is as doubtful. The builder then computes the pads by IPC
    from the package, or asks."""
    if family in TWO_TERMINAL_FAMILIES or family in (None, "other"):
        return
    width, pitch = b.land.get("pad_width"), b.land.get("pitch") or b.fields.get("pitch")
    if width is None or pitch is None or not pitch.nominal:
        return
    if width.nominal >= LAND_PAD_LEAST_SHARE_OF_PITCH * pitch.nominal:
        return
    b.land.clear()
    b.log.add(f"land pattern left out: a pad {width.nominal:g} wide at a {pitch.nominal:g} "
              "pitch is no land pad (sizes of another figure?); check the land pattern")


def _steps(span: float, pitch: float) -> Optional[int]:
    """span / pitch as a whole number of pitches, or None where it is not one."""
    steps = span / pitch
    return round(steps) if abs(steps - round(steps)) <= 0.05 else None


def _pins_along_length(b: "ReadingBuilder", family) -> Optional[int]:
    """NXP's quad tables print e1, the span of the terminals along D: e1 / e + 1 of them on
    each long side, the rest on the short ones (DHVQFN16: 2.5 / 0.5 + 1 = 6, then 2).
    A BGA table's D1 and E1 span the ball matrix: E1 / e + 1 columns and D1 / e + 1 rows,
    taken only where they fill the ball count (a depopulated matrix, Winbond's 5 x 5 less
    one, is not a full grid)."""
    span, pitch, n = b.terminal_span, b.fields.get("pitch"), b.pin_count
    if family == "bga" and pitch is not None and n and {"D1", "E1"} <= set(b.ball_matrix):
        cols = _steps(b.ball_matrix["E1"], pitch.nominal)
        rows = _steps(b.ball_matrix["D1"], pitch.nominal)
        if cols is not None and rows is not None and (cols + 1) * (rows + 1) == n:
            b.log.add(f"a full {cols + 1} x {rows + 1} ball matrix: E1 / e + 1 columns, "
                      "D1 / e + 1 rows")
            return cols + 1
        return None
    if family not in ("qfn", "qfp") or not span or pitch is None or not n:
        return None
    steps = _steps(span, pitch.nominal)
    if steps is None:
        return None
    k = steps + 1
    other = n - 2 * k
    return None if other < 2 or other % 2 else k


def _two_pads_by_sums(callouts, lc: LandCallouts, b: ReadingBuilder) -> LandCallouts:
    """A two-pad land drawing the callout rules could not place: its numbers read by their
    sums, or written pad, gap, pad (daemon.ocr.land_solver), with the pad width too."""
    from daemon.ocr.land_solver import solve_two_terminal

    solved = solve_two_terminal([c.value.value for c in callouts
                                 if not c.value.multiplier and not c.value.diameter])
    if not solved or "pad_width" not in solved:
        return lc
    b.log.add("two-pad land drawing read by its sums (pad, gap, pad)")
    b.put(b.land, "gap", _tol({"nom": solved["gap"]}, "datasheet_drawing"))
    fields = {k: None for k in ("row_spacing", "overall_span")}
    fields.update({k: PrintedValue(v, text=f"{v:g}") for k, v in solved.items()
                   if k in ("pad_width", "pad_length", "row_spacing", "overall_span")})
    return replace(lc, **fields)


def _two_terminal_table(b: ReadingBuilder, table: DimensionTable) -> bool:
    """A two-pad layout table without descriptions: its letters are the maker's own, so
    the numbers' sums say which is which (daemon.ocr.land_solver)."""
    from daemon.ocr.land_solver import solve_two_terminal

    if any(r.description for r in table.rows):
        return False
    values = [row_values(r, table, b.unit).get("nom") for r in table.rows]
    solved = solve_two_terminal([v for v in values if v])
    if not solved or "pad_width" not in solved:
        return False
    for name, value in solved.items():
        b.put(b.land, name, _tol({"nom": value}, "datasheet_table"))
    b.log.add("two-pad layout table read by its sums (Z = G + 2Y, C = G + Y)")
    return True


def _tables(tokens: Sequence[OcrToken], unit: Optional[str]) -> List[DimensionTable]:
    """Every dimension table of one page, in any of the layouts daemon.ocr.tables and
    daemon.ocr.transposed read."""
    return _merge_tables(find_tables(tokens, unit), find_transposed_tables(tokens, unit)
                         + find_grouped_tables(tokens, unit))


def _unitless_tables(tokens: Sequence[OcrToken], family: Optional[str],
                     b: "ReadingBuilder") -> List[DimensionTable]:
    """The tables of a page that prints no unit anywhere (Hynitron's QFN20: MIN. NOM. MAX.
    only), read in mm where a table's e is one of the family's pitches in mm (0.40 for a
    QFN; as inches it would be 10 mm); otherwise none, as before."""
    from daemon.ocr.pitches import is_standard_pitch

    tables = _tables(tokens, "mm")
    pitches = {v for t in tables for r in t.rows if r.symbol == "e" for v in r.values.values()}
    fits = [p for p in pitches if is_standard_pitch(p, family)]
    if not fits:
        return []
    b.log.add(f"no unit printed: the table read in mm, as e {fits[0]:g} is a {family} "
              "pitch in mm (check)")
    return tables


def _merge_tables(tables: List[DimensionTable], transposed: List[DimensionTable]
                  ) -> List[DimensionTable]:
    """Row tables and letters-as-columns tables of one page. Where both read the same
    place, the one with more lettered rows wins (NXP's unit column 'mm / inches' also
    looks like a two-row table)."""
    out = list(tables)
    for t in transposed:
        clash = [o for o in out if _overlap(t.box, o.box)]
        if any(len(o.symbols) >= len(t.symbols) for o in clash):
            continue
        out = [o for o in out if o not in clash] + [t]
    return out


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _nexperia_pitch(b: ReadingBuilder, table: DimensionTable, family) -> None:
    """NXP's SOT-23 family prints e = pins 1 to 2 (1.9) and e1 = the pitch (0.95)."""
    by = {r.symbol: r.values for r in table.rows}
    e, e1 = by.get("e", {}).get("nom"), by.get("e1", {}).get("nom")
    if family == "sot23" and e and e1 and e1 < e:
        b.put(b.fields, "pitch", _tol({"nom": e1}, "datasheet_table"))
        b.log.add("SOT-23: pitch from e1 (e is pins 1 to 2)")


def _fix_letter_styles(b: ReadingBuilder, family: Optional[str]) -> None:
    f = b.fields
    # Body across the rows is always narrower than tip to tip; some makers swap E and E1.
    if f.get("body_width") and f.get("overall_width") and \
            f["body_width"].nominal > f["overall_width"].nominal:
        f["body_width"], f["overall_width"] = f["overall_width"], f["body_width"]
        b.log.add("E/E1 swapped (body wider than tip to tip)")
    # No-lead packages: "overall width" E is the body itself.
    if family in NO_LEAD and f.get("overall_width") and not f.get("body_width"):
        f["body_width"] = f.pop("overall_width")
    # SOT-23 leads are 0.95 apart; a "pitch" of 1.9 is the e of pins 1 to 2 (onsemi's
    # 318-08 table prints only that one), the pitch its half.
    pitch = f.get("pitch")
    if family == "sot23" and pitch is not None and b.unit and \
            1.7 <= to_mm(pitch.nominal, b.unit) <= 2.1:
        half = {k: getattr(pitch, k) / 2 for k in ("min", "nom", "max")
                if getattr(pitch, k) is not None}
        f["pitch"] = _tol(half, "derived")
        b.log.add("SOT-23: pitch is half the printed e (pins 1 to 2)")


def _land_from_callouts(inputs, page_tables, b: ReadingBuilder, family, hints) -> None:
    drawn = False
    for item, tables in zip(inputs, page_tables):
        page = item.page
        boxes = [t.box for t in tables]
        land_fig = _land_figure(item, boxes)
        source = page.tokens
        if land_fig is not None:  # the land pattern's own figure on a shared page
            from daemon.ocr.figures import label_region

            region = label_region(land_fig, line_height(page.tokens))
            source = land_fig.tokens
            b.log.add("land pattern figure found in the drawing")
            drawn = True
        else:
            region = land_region(page.tokens, page.width, page.height, item.role, boxes)
            if region is None:
                continue
            drawn = drawn or item.role == "land_pattern"
        callouts = collect(source, region, boxes)
        unit = b.unit or page_unit(page.tokens) or hints.units_hint or _unit_from_values(
            callouts, b)
        lc = _classify(callouts, unit, b, family)
        if item.rotated is not None and _incomplete(lc, family):
            # Vertical dimension text: read the drawing again turned 90 degrees, but only
            # around the callouts already found (small crops are enlarged, and cheap).
            try:
                extra = item.rotated(_focus(callouts, region, line_height(page.tokens)))
                callouts = collect(list(source) + extra, region, boxes)
                lc = _classify(callouts, unit, b, family)
                b.log.add(f"rotated pass ({len(extra)} runs)")
            except Exception as exc:  # the upright pass still counts
                b.log.add(f"rotated pass failed: {type(exc).__name__}")
        if family in TWO_TERMINAL_FAMILIES and _incomplete(lc, family):
            lc = _two_pads_by_sums(callouts, lc, b)
        if not callouts or not _apply_callouts(b, lc, family):
            continue
        b.log.add(f"land callouts ({len(callouts)} values)")
        return
    if drawn:
        b.log.add("the land pattern the page draws was not read (its sizes not found or "
                  "not one pad size for all pads): compare the pads with it")


def _pitch_from_unlabelled_row(tables, b: ReadingBuilder, family) -> None:
    """A table row whose letter OCR lost (ST's small lower-case e) and that holds one
    nominal only, a standard pitch of the family, in a table with no e row: the pitch."""
    from daemon.ocr.pitches import is_standard_pitch

    found = set()
    for table in tables:
        if table.unit != "mm" or any(r.symbol == "e" for r in table.rows):
            continue
        for row in table.unlabelled:
            if set(row.values) == {"nom"} and is_standard_pitch(row.values["nom"], family):
                found.add(row.values["nom"])
    if len(found) == 1:
        b.put(b.fields, "pitch", _tol({"nom": found.pop()}, "datasheet_table"))
        b.log.add("pitch from the table row whose letter was not read (a standard pitch)")


def _pitch_beside_table(inputs, page_tables, b: ReadingBuilder, family) -> None:
    """A package table without e (Vishay's HVM DIP: A, E, L only) leaves the pitch on the
    drawing ("0.100 [2.54] typ."): one TYP or BSC value there that is a standard pitch of
    the family (FAMILY_PITCHES) is it."""
    from daemon.ocr.pitches import FAMILY_PITCHES, is_standard_pitch

    if family not in FAMILY_PITCHES or b.unit not in (None, "mm"):
        return
    found = set()
    for item, tables in zip(inputs, page_tables):
        if item.role not in ("package", "both"):
            continue
        page = item.page
        callouts = collect(page.tokens, (0, 0, page.width, page.height), [t.box for t in tables])
        dual = any(c.value.bracket for c in callouts)
        for c in callouts:
            v = c.value
            if (v.bracket or not dual) and not v.is_range and v.qualifier in ("TYP", "BSC") \
                    and is_standard_pitch(v.value, family):
                found.add(v.value)
    if len(found) == 1:
        b.put(b.fields, "pitch", _tol({"nom": found.pop()}, "datasheet_drawing"))
        b.log.add("pitch from the drawing (TYP/BSC beside the table)")


def _package_from_callouts(inputs, page_tables, b: ReadingBuilder, family=None) -> None:
    """Package outlines without a table (TI style: `.189-.197 [4.81-5.00]` on the drawing,
    no letters): tip-to-tip width is the widest range marked TYP, the two widest other
    ranges are body length and body width, a lone MAX is the seated height, a count of N
    marks the lead width and N-2 the pitch."""
    for item, tables in zip(inputs, page_tables):
        if item.role not in ("package", "both") or tables:
            continue
        page = item.page
        region = (0, 0, page.width, page.height)
        tokens = page.tokens
        land_fig = _land_figure(item, []) if item.role == "both" else None
        if land_fig is not None:
            mine = {id(t) for t in land_fig.tokens}
            tokens = [t for t in page.tokens if id(t) not in mine]
        elif item.role == "both":
            land = _land_area(item)
            if land is not None:
                region = (0, 0, page.width, land[1])
        callouts = collect(tokens, region)
        if not dual_dimensioned(callouts):
            _sizes_from_drawing(item, callouts, b, family)
            continue
        unit = "mm"
        if not b.set_unit(unit):
            continue
        vals = [c.value for c in callouts if c.value.bracket and not c.value.paren]
        found: Dict[str, Any] = {}
        ranges = [v for v in vals if v.is_range and not v.multiplier and v.hi < 60]
        # Tip to tip is never under a millimetre: a small TYP range is a lead's thickness
        # (c), left as the widest only when small print hid the real one.
        typ = [v for v in ranges if v.qualifier == "TYP" and v.value >= 1.0]
        if typ:
            found["overall_width"] = max(typ, key=lambda v: v.value)
        others = sorted((v for v in ranges if v.qualifier != "TYP" and v.value >= 1.0),
                        key=lambda v: -v.value)
        if len(others) >= 2:
            length, width = others[0], others[1]
            overall = found.get("overall_width")
            if overall is None or width.value < overall.value:
                found["body_length"], found["body_width"] = length, width
        heights = [v for v in vals if v.qualifier == "MAX" and not v.is_range
                   and 0.3 <= v.value <= 6.0]
        if len(heights) == 1:
            found["height"] = heights[0]
        if b.pin_count:
            leads = [v for v in vals if v.multiplier == b.pin_count and v.is_range]
            if leads:
                found["lead_width"] = min(leads, key=lambda v: v.value)
            pitches = [v for v in vals if v.multiplier == b.pin_count - 2 and not v.is_range]
            if len(pitches) == 1:
                found["pitch"] = pitches[0]
        for name, value in found.items():
            b.put(b.fields, name, _tol_from_printed(value, "datasheet_drawing"))
        if found:
            b.log.add(f"package callouts ({', '.join(sorted(found))})")


def _take_outline_sizes(b: ReadingBuilder, sizes: Dict[str, PrintedValue]) -> None:
    """The sizes that named an untitled outline (outline_family) are a registered
    combination read as printed; where the drawing's own assignment disagrees (small print,
    a tolerance read as a size), the registered one stands, and the notes say so."""
    for name, value in sizes.items():
        mine = _tol_from_printed(value, "datasheet_drawing")
        old = b.fields.get(name)
        if old is not None and mine is not None and abs(old.nominal - mine.nominal) > 1e-6:
            b.log.add(f"{name} {old.nominal:g} from the drawing replaced by the outline's "
                      f"{mine.nominal:g}")
            del b.fields[name]
        b.put(b.fields, name, mine)


def dual_dimensioned(callouts) -> bool:
    """TI's style: every size printed in inches with the millimetres in brackets. A lone
    bracketed note on a metric drawing (WIZnet's "[0.50 +/-0.06]") does not make one."""
    bracketed = sum(1 for c in callouts if c.value.bracket)
    return bracketed >= max(2, 0.25 * len(callouts))


def _land_figure(item: OcrInput, table_boxes):
    """On a page with both drawings, the land pattern's figure (daemon.ocr.figures), when
    the ink separates the figures and a land heading sits against one of them."""
    if item.role not in ("both", "land_pattern") or item.image is None:
        return None
    from daemon.ocr.callouts import heading_tokens
    from daemon.ocr.figures import land_figure, tokens_of

    page = item.page
    heads = heading_tokens(page.tokens, exclude=table_boxes)
    if not heads:
        return None
    def find():
        h = line_height(page.tokens)
        figs = _figures(item)  # the same figures the outline reading uses, worked out once
        fig = land_figure(figs, heads, h, page.tokens) if len(figs) >= 2 else None
        if fig is not None:
            fig.tokens = tokens_of(fig, figs, page.tokens, h)
        # Only a figure with dimensions of its own is a land pattern worth reading.
        if fig is not None and sum(1 for t in fig.tokens if re.search(r"\d\.\d", t.text)) < 2:
            fig = None
        return fig
    return once_per_page(item, ("land figure", tuple(table_boxes)), find)


def _sizes_from_drawing(item: OcrInput, callouts, b: ReadingBuilder, family) -> None:
    """A single-unit outline without a table (daemon.ocr.package_callouts.read_outline),
    read again turned when a body size is still missing."""
    from daemon.ocr.drawing import Drawing
    from daemon.ocr.package_callouts import read_outline

    page = item.page
    unit = page_unit(page.tokens) or b.unit or "mm"
    if unit not in ("mm", "inch") or not b.set_unit(unit):
        return
    # The outline rules think in millimetres; an inch-only drawing (Cypress's PDIP, "DIMENSIONS
    # IN INCHES") is read scaled and its sizes kept in inches as printed.
    scale = 25.4 if unit == "inch" else 1.0
    h = line_height(page.tokens)
    # Anti-aliased thin lines of small screenshots are grey: anything clearly darker than
    # the paper counts (filled areas are told apart by _thin).
    drawing = Drawing(item.image, threshold=200) if item.image is not None else None
    pitch = b.fields.get("pitch") or b.land.get("pitch")
    figs = _figures(item)

    def read(callouts):
        if scale != 1.0:
            callouts = [replace(c, value=_scaled(c.value, scale)) for c in callouts]
        found = read_outline(callouts, drawing, page.tokens, h, family,
                             pitch.nominal * scale if pitch else None, b.pin_count, figs)
        return {k: _scaled(v, 1.0 / scale) for k, v in found.items()} if scale != 1.0 \
            else found

    found = read(callouts)
    if item.rotated is not None and not {"body_length", "body_width", "height"} <= set(found):
        # Sizes along y are often written upwards (the body across, the height on a side
        # view): read the outline again turned.
        try:
            region = (0, 0, page.width, page.height)
            extra = item.rotated(region)
            again = read(collect(_off_the_land(item, figs, list(page.tokens) + extra),
                                 region))
            if len(again) >= len(found) and again != found:
                found = again
                b.log.add(f"outline read turned ({len(extra)} runs)")
        except Exception as exc:  # the upright reading still counts
            b.log.add(f"outline turned pass failed: {type(exc).__name__}")
    # Through-hole footprints need no body size (holes and pitch make them): their outlines
    # are not read again for one (each re-read is OCR passes over most of the page: 15 s of
    # JST's 23 s).
    through_hole = FAMILY_GEOMETRY.get(family or "") in (THT_DUAL, THT_ROW)
    if family is not None and not through_hole \
            and not {"body_length", "body_width"} <= set(found):
        found = _outline_read_again(item, figs, h, found, read, b)
    for name, value in found.items():
        b.put(b.fields, name, _tol_from_printed(value, "datasheet_drawing"))
    if found:
        b.log.add(f"outline sizes from the drawing ({', '.join(sorted(found))})")


OUTLINE_FIGURES_READ_AGAIN = 2  # the largest figures: top view and side view


def _land_area(item: OcrInput):
    """On a page of both drawings whose land pattern is no figure of its own, the region its
    heading or caption marks (callouts.land_region), or None where that is the whole page
    from its top."""
    page = item.page
    area = land_region(page.tokens, page.width, page.height, "both", [])
    return area if area is not None and area[1] > 0 else None


def _off_the_land(item: OcrInput, figs, tokens: list) -> list:
    """`tokens` less those nearest the page's land figure: its pad sizes are no body sizes
    (Fairchild's 1.40 pad beside its SOT-23's lost 1.30 body), in the turned pass and the
    re-read as in the page's own pass."""
    from daemon.ocr.figures import box_distance

    land = _land_figure(item, []) if figs else None
    if land is None and item.role == "both":
        # no figure of its own: the land's region as the page's upright pass leaves it out
        area = _land_area(item)
        if area is not None:
            return [t for t in tokens if not in_box(t, area)]
    if land is None:
        return tokens
    others = [f for f in figs if f.box != land.box]

    def on_land(tok) -> bool:  # the land figure wins a tie (figure boxes overlap)
        near = box_distance(tok.box, land.box)
        return all(near <= box_distance(tok.box, f.box) for f in others)
    return [t for t in tokens if not on_land(t)]


def _outline_read_again(item: OcrInput, figs, h: float, found: dict, read, b) -> dict:
    """The outline's largest figures read again on their own, upright and turned, where the
    page's passes left a body size unread: small print split by its dimension line
    (National's `-5+-0.1-` over a TSSOP, its pin labels 14 and 8) is lost in a whole page
    and read in a crop of it. Kept when it reads more sizes than the page did."""
    from daemon.ocr.figures import label_region
    from daemon.ocr.region_text import read_region_again

    if item.image is None or (item.upright is None and item.rotated is None):
        return found
    land = _land_figure(item, [])
    outline = [f for f in figs if land is None or f.box != land.box]
    tokens = page_text(item)
    added, replaced = [], set()
    for fig in outline[:OUTLINE_FIGURES_READ_AGAIN]:
        new, misread = read_region_again(item, label_region(fig, h), tokens)
        added += new
        replaced |= misread
    if not added:
        return found
    page = item.page
    region = (0, 0, page.width, page.height)
    kept = [t for t in tokens if id(t) not in replaced] + added
    again = read(collect(_off_the_land(item, figs, kept), region))
    if len(again) > len(found):
        b.log.add(f"outline figures read again ({len(added)} runs)")
        return again
    return found


def _chip_height(inputs, b: ReadingBuilder) -> None:
    """A chip's height from the view that prints its length along x: the largest size
    there measured up the page (Murata's 2.6 +-0.2 beside its 4.5 +-0.3), where it is no
    body width (a top view prints length and width)."""
    from daemon.ocr.drawing import Drawing
    from daemon.ocr.package_callouts import length_view_height

    length = b.fields["body_length"].nominal
    width = b.fields["body_width"].nominal if "body_width" in b.fields else None
    for item in inputs:
        if item.role not in ("package", "both") or item.image is None:
            continue
        page = item.page
        h = line_height(page.tokens)
        callouts = collect(page_text(item), (0, 0, page.width, page.height))
        found = length_view_height(callouts, Drawing(item.image, threshold=200), h,
                                   _figures(item), length, width)
        if found is not None:
            b.put(b.fields, "height", _tol_from_printed(found, "datasheet_drawing"))
            b.log.add(f"height {found.value:g}: up the view that prints the length")
            return


def _scaled(value: PrintedValue, factor: float) -> PrintedValue:
    """`value` with its numbers multiplied by `factor` (inch <-> mm), its text as printed."""
    def mul(x):
        return None if x is None else round(x * factor, 6)
    return replace(value, value=mul(value.value), lo=mul(value.lo), hi=mul(value.hi))


def _figures(item: OcrInput):
    """The page's figures (daemon.ocr.figures), worked out once per page."""
    from daemon.ocr.figures import figures

    if item.image is None:
        return []
    return once_per_page(item, "figures", lambda: figures(item.image, item.page.tokens,
                                                          line_height(item.page.tokens)))


def _unit_from_values(callouts, b: ReadingBuilder) -> str:
    """The page names no unit: `.050`-style numbers are inches (US drawings print inches
    without the leading zero), anything else millimetres; the reading's notes say so."""
    dotted = [c for c in callouts if c.value.text.startswith(".")]
    unit = "inch" if dotted and len(dotted) * 2 >= len(callouts) else "mm"
    b.log.add(f"unit not printed; {unit} assumed from how the numbers are written")
    return unit


def _classify(callouts, unit: str, b: ReadingBuilder, family) -> LandCallouts:
    if any(c.value.bracket for c in callouts) and b.unit is None:
        unit = "mm"
    pitch = b.fields.get("pitch")
    body = b.fields.get("body_width")
    # a no-lead part's terminals end at its body: tip to tip is the body's width
    overall = b.fields.get("overall_width") or (body if family in NO_LEAD else None)
    return classify(callouts, unit, b.pin_count, pitch.nominal if pitch else None,
                    overall.nominal if overall else None, family,
                    body.nominal if body else None, exposed_pad=b.exposed_pad_named)


def _incomplete(lc: LandCallouts, family) -> bool:
    if family in ("pin_header", "dip", "to220", "to92"):
        return lc.pitch is None or lc.drill is None
    return (lc.pad_width is None or lc.pad_length is None
            or (lc.row_spacing is None and lc.overall_span is None))


def _focus(callouts, region: tuple, h: float) -> tuple:
    """The callouts' bounding box grown by a few lines, inside `region`."""
    if not callouts:
        return region
    x0 = min(c.token.box[0] for c in callouts) - 5 * h
    y0 = min(c.token.box[1] for c in callouts) - 5 * h
    x1 = max(c.token.box[2] for c in callouts) + 5 * h
    y1 = max(c.token.box[3] for c in callouts) + 5 * h
    return (max(region[0], x0), max(region[1], y0), min(region[2], x1), min(region[3], y1))


def _apply_callouts(b: ReadingBuilder, lc: LandCallouts, family=None) -> bool:
    found = {name: getattr(lc, name) for name in
             ("pitch", "pad_width", "pad_length", "row_spacing", "overall_span", "drill")}
    found = {k: v for k, v in found.items() if v is not None}
    if not found or not b.set_unit(lc.unit):
        return False
    tips = b.fields.get("overall_width")
    if family in GULL_WING and tips is not None and tips.least is not None \
            and "row_spacing" in found and "pad_length" in found:
        reach = found["row_spacing"].value + found["pad_length"].value
        if reach < 0.8 * tips.least:
            # Pads whose outer edges stop well inside the lead tips: the "row spacing" is
            # some other number (Vishay's SC-70 layout, OCR-garbled: 0.686 against 1.8 tips).
            del found["row_spacing"]
            b.log.add(f"land row spacing {lc.row_spacing.value:g} not used: its pads would "
                      f"end inside the {tips.least:g} lead tips")
    for name, value in found.items():
        b.put(b.land, name, _tol_from_printed(value, "datasheet_drawing"))
    if "pitch" not in b.fields and "pitch" in found:
        b.put(b.fields, "pitch", _tol_from_printed(found["pitch"], "datasheet_drawing"))
    if b.pin_count is None and lc.pad_count:
        b.pin_count, b.pin_count_source = lc.pad_count, "pad callout count"
    _apply_exposed_pad(b, lc.exposed_pad_sides, family)
    return True


def _apply_exposed_pad(b: ReadingBuilder, sides: List[PrintedValue], family=None) -> None:
    """Which exposed-pad side runs across the rows follows the package's E2 / D2; on a
    leaded two-row part (ESOP, SOIC-EP, HTSSOP) whose package gives none, the longer side
    runs along the rows, as its body does; a square pad needs no orientation; otherwise the
    sides are left out (and said so)."""
    if not sides:
        return
    if len(sides) == 1 or sides[0].value == sides[-1].value:
        across = along = sides[0]
    else:
        e2, d2 = b.fields.get("exposed_pad_width"), b.fields.get("exposed_pad_length")
        small, large = sides[0], sides[-1]
        if e2 is not None and d2 is not None and e2.nominal != d2.nominal:
            across, along = (large, small) if e2.nominal > d2.nominal else (small, large)
        elif family in GULL_WING and family != "qfp":
            across, along = small, large
            b.log.add("exposed pad: its longer side taken along the rows, as the body runs")
        else:
            b.log.add("exposed pad sides found, orientation unknown: left out")
            return
    b.put(b.land, "exposed_pad_width", _tol_from_printed(across, "datasheet_drawing"))
    b.put(b.land, "exposed_pad_length", _tol_from_printed(along, "datasheet_drawing"))


_PART_NUMBER = re.compile(r"^(?=.*\d)(?=.*[A-Z])[A-Z0-9][A-Z0-9\-/.#]{4,30}$")


def variant_rows(tokens: Sequence[OcrToken]) -> List[Tuple[int, str]]:
    """(pin count, part number) of each row of a variants table: a part number with a small
    integer just left of it on its row ("2  B2B-PH-K-S  S2B-PH-K-S  2.0  5.9")."""
    found: Dict[int, str] = {}
    for row in rows(tokens):
        for left, tok in zip(row, row[1:]):
            name = tok.text.strip().upper()
            if re.fullmatch(r"\d{1,3}", left.text.strip()) and "-" in name \
                    and _PART_NUMBER.match(name):
                found.setdefault(int(left.text), name)
                break
    return sorted(found.items())


def _pins_from_part_row(tokens: Sequence[OcrToken], part: str) -> Optional[int]:
    """A variants table: the integer on the row that names the part."""
    want = squash(part)
    for tok in tokens:
        if want and want in squash(tok.text):
            row = [t for t in tokens if abs(t.cy - tok.cy) < tok.height * 0.6 and t is not tok]
            ints = [int(t.text) for t in row if re.fullmatch(r"\d{1,3}", t.text.strip())]
            if ints:
                return min(ints, key=lambda n: abs(next(
                    t for t in row if t.text.strip() == str(n)).cx - tok.cx))
    return None
