"""Choose the land pattern (the datasheet's own, or IPC-7351B) and complete it.

A page rarely prints all of C, Y, Z and G; any two of them fix the other two:

    C = Z - Y = G + Y = (Z + G) / 2        (row centre distance)
    Y = Z - C = C - G = (Z - G) / 2        (pad length across the row)

Each completed value is recorded with provenance 'derived' and the formula used, and a
printed value that disagrees with the others is reported instead of silently dropped.
"""

import importlib
from typing import Optional, Tuple

from footprint_writer.builder.context import BuildContext, Land, tol_text
from footprint_writer.errors import InputError
from footprint_writer.ipc.families import FAMILY_GEOMETRY, TAB
from schemas.provenance import Provenance
from schemas.reading import DatasheetReading, LandPattern
from schemas.toleranced import Toleranced

# Families whose pads are plated holes: the land pattern is the drill (and ring).
THT_FAMILIES = frozenset({"dip", "pin_header", "to220", "to92"})
# Printed values that disagree by more than this (mm) are reported.
CONSISTENCY_MM = 0.02
# KLC / NOTES: finished hole = maximum lead + 0.2 mm.
HOLE_OVER_LEAD_MM = 0.2


def _fmt(v: float) -> str:
    return f"{v:.4f}".rstrip("0").rstrip(".")


def _source(value: Toleranced, origin: str) -> str:
    if origin == "ipc":
        return "ipc_calculation"
    return value.source or "datasheet_table"


def _printed(ctx: BuildContext, key: str, value: Optional[Toleranced], origin: str,
             letter: str) -> Optional[float]:
    """The value a footprint uses from a printed land-pattern number, with its provenance."""
    if value is None:
        return None
    detail = f"{letter} = {tol_text(value)} mm"
    if origin == "datasheet" and value.source is None:
        detail += " (reader did not say table or drawing)"
    ctx.provenance[key] = Provenance(source=_source(value, origin), detail=detail)  # type: ignore
    return value.nominal


def ipc_land_pattern(reading_mm: DatasheetReading, density: str) -> Optional[object]:
    """`footprint_writer.ipc.land_pattern_from_package(...)`, or None while that module is
    not part of this installation (it is added by the IPC issue)."""
    try:
        module = importlib.import_module("footprint_writer.ipc")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("footprint_writer.ipc"):
            return None
        raise
    func = getattr(module, "land_pattern_from_package", None)
    if func is None:
        return None
    return func(reading_mm, density)


def _usable(lp: Optional[LandPattern], family: str) -> bool:
    """Does the printed pattern fix the pads of this family?"""
    if lp is None:
        return False
    if family in THT_FAMILIES:
        return lp.drill is not None
    if family == "other":
        return True
    if family == "bga":
        # A BGA land pattern is one printed land diameter (plus the pitch).
        return lp.pad_diameter is not None
    given = [v for v in (lp.row_spacing, lp.pad_length, lp.overall_span, lp.gap)
             if v is not None]
    return lp.pad_width is not None and len(given) >= 2


def _needs(family: str) -> str:
    """What `_usable` asks of a printed land pattern, in the user's words."""
    if family in THT_FAMILIES:
        return "a hole size"
    if family == "bga":
        return "the land diameter"
    return "pad width X and two of C, Y, Z, G"


def choose_pattern(ctx: BuildContext) -> Tuple[Optional[LandPattern], str]:
    """(land pattern in mm, origin) following `options.pattern`."""
    reading, choice = ctx.reading, ctx.options.pattern
    lp = reading.land_pattern
    if reading.family == "other":
        return lp, "explicit"
    if choice == "datasheet":
        if lp is None:
            raise InputError("--pattern datasheet, but the reading has no land pattern",
                             hint="use --pattern auto or ipc to compute pads from the package "
                                  "dimensions")
        return lp, "datasheet"
    if choice == "auto" and _usable(lp, reading.family):
        return lp, "datasheet"
    if reading.family in THT_FAMILIES and choice == "auto":
        # No printed hole: IPC-7351B when it can, else the hole from the lead (resolve_land).
        try:
            result = ipc_land_pattern(reading, ctx.options.density)
        except InputError:
            result = None
        if result is None:
            return lp, "datasheet"
        return _take_ipc(ctx, result, lp)
    try:
        result = ipc_land_pattern(reading, ctx.options.density)
    except InputError as exc:
        if choice == "ipc" or lp is None:
            raise
        raise InputError(f"the page's land pattern does not fix the pads (needs "
                         f"{_needs(reading.family)}), and {exc.message}",
                         hint=exc.hint) from None
    if result is None:
        why = ("--pattern ipc was asked for" if choice == "ipc"
               else "no usable land pattern on the page")
        raise InputError(f"{why} and IPC calculation unavailable",
                         hint="add the recommended land pattern (pad size X/Y and row "
                              "spacing C or span Z) to the reading")
    if choice == "auto" and _partial(lp):
        return _complete_with_ipc(ctx, lp, _take_ipc(ctx, result, None)[0]), "mixed"
    return _take_ipc(ctx, result, lp)


_ROW_FIELDS = ("row_spacing", "pad_length", "overall_span", "gap")
# What the page printed beside the row group, kept as printed when IPC fills the rest.
_KEPT_FIELDS = ("pitch", "pad_width", "exposed_pad_width", "exposed_pad_length",
                "tab_width", "tab_length")
_LETTERS = {"pitch": "E", "pad_width": "X", "row_spacing": "C", "pad_length": "Y",
            "overall_span": "Z", "gap": "G", "exposed_pad_width": "X2",
            "exposed_pad_length": "Y2", "tab_width": "X3", "tab_length": "Y3"}


def _partial(lp: Optional[LandPattern]) -> bool:
    """A printed pattern that does not fix the pads but prints the pad width X and at
    most one of C, Y, Z, G (class 1 of issue 11: TI's board layout whose row dimension
    the page lost). Without X a lone printed span is too unsure to build on."""
    if lp is None:
        return False
    return lp.pad_width is not None and sum(getattr(lp, f) is not None
                                            for f in _ROW_FIELDS) <= 1


def _complete_with_ipc(ctx: BuildContext, printed: LandPattern,
                       ipc: Optional[LandPattern]) -> LandPattern:
    """The page's partial land pattern with what it lacks from IPC-7351B: printed values
    stay as printed; of the rows, one printed value of C, Y, Z, G is kept and IPC gives
    the pad length Y (or, when Y is the one printed, the row spacing C)."""
    ipc = ipc or LandPattern()
    tagged = {}
    for name in LandPattern.model_fields:
        value = getattr(ipc, name)
        tagged[name] = (value.model_copy(update={"source": "ipc_calculation"})
                        if isinstance(value, Toleranced) else value)
    merged = dict(tagged)
    kept = []
    for name in _KEPT_FIELDS:
        if getattr(printed, name) is not None:
            merged[name] = getattr(printed, name)
            kept.append(name)
    rows = [f for f in _ROW_FIELDS if getattr(printed, f) is not None]
    if rows:
        merged.update({f: None for f in _ROW_FIELDS})
        merged[rows[0]] = getattr(printed, rows[0])
        other = "row_spacing" if rows[0] == "pad_length" else "pad_length"
        merged[other] = tagged[other]
        kept.append(rows[0])
    filled = [f for f in ("pad_width", "row_spacing", "pad_length", "exposed_pad_width",
                          "exposed_pad_length")
              if f not in kept and merged.get(f) is not None]
    ctx.warn("partial_land_pattern",
             "the page's land pattern prints only "
             + ", ".join(f"{_LETTERS[f]} {_fmt(getattr(printed, f).nominal)}" for f in kept)
             + " mm; IPC-7351B gives " + ", ".join(_LETTERS[f] for f in filled)
             + f" ({ctx.options.density} density) — check them against the page",
             "land_pattern")
    return LandPattern(**merged)


def _take_ipc(ctx: BuildContext, result, lp: Optional[LandPattern]):
    """Use an IPC result: its land pattern, its findings, and a note of the tables used."""
    if ctx.options.pattern == "auto" and lp is not None:
        ctx.warn("incomplete_land_pattern",
                 f"the page's land pattern does not fix the pads (needs "
                 f"{_needs(ctx.reading.family)}); "
                 "IPC-7351B pads were computed from the package instead")
    for issue in getattr(result, "issues", []):
        ctx.issues.append(issue)
    working = getattr(result, "working", None)
    if callable(working):
        tables = ", ".join(working().get("tables", []))
        ctx.warn("ipc_land_pattern", f"pads computed by IPC-7351B ({ctx.options.density} "
                 f"density){': ' + tables if tables else ''}", "land_pattern", severity="info")
    return result.land_pattern, "ipc"


def resolve_land(ctx: BuildContext) -> Land:
    """Land values in mm with provenance, completing C/Y/Z/G relations."""
    lp, origin = choose_pattern(ctx)
    land = Land(origin=origin)
    reading = ctx.reading
    if lp is None:
        lp = LandPattern()

    land.pitch = _printed(ctx, "pitch", lp.pitch, origin, "E (land pattern pitch)")
    if reading.pitch is not None:
        if land.pitch is None:
            land.pitch = _printed(ctx, "pitch", reading.pitch, "datasheet", "e (lead pitch)")
        elif abs(land.pitch - reading.pitch.nominal) > CONSISTENCY_MM:
            ctx.warn("pitch_mismatch",
                     f"land-pattern pitch {_fmt(land.pitch)} mm differs from the package "
                     f"pitch {_fmt(reading.pitch.nominal)} mm; using the land pattern's",
                     "pitch")
    land.pad_width = _printed(ctx, "pad_size", lp.pad_width, origin, "X (pad width)")
    y = _printed(ctx, "pad_length", lp.pad_length, origin, "Y (pad length)")
    c = _printed(ctx, "row_spacing", lp.row_spacing, origin, "C (row spacing)")
    z = lp.overall_span.nominal if lp.overall_span is not None else None
    g = lp.gap.nominal if lp.gap is not None else None
    lp = _orient_exposed_pad(ctx, lp)
    x2 = lp.exposed_pad_width.nominal if lp.exposed_pad_width is not None else None
    if FAMILY_GEOMETRY.get(reading.family) == TAB and c is not None and y is not None:
        # Z and G are the leads' span over the body (lead tip to tab end) and C lead centre
        # to tab centre: no C = Z - Y relation holds between them to check
        z = g = None
    land.row_spacing, land.pad_length = _complete_rows(ctx, "row_spacing", c, y, z, g, origin,
                                                       ep_across=x2)
    if land.pad_width is not None and land.pad_length is not None:
        src = ctx.provenance.get("pad_size")
        detail = f"X {_fmt(land.pad_width)} x Y {_fmt(land.pad_length)} mm"
        ylen = ctx.provenance.pop("pad_length", None)
        source = src.source if src else "derived"
        if ylen is not None and ylen.source == "derived":
            detail += f"; {ylen.detail}"
            source = ylen.source
        ctx.provenance["pad_size"] = Provenance(source=source, detail=detail)

    c2 = _printed(ctx, "row_spacing_2", lp.row_spacing_2, origin, "C2 (row spacing)")
    z2 = lp.overall_span_2.nominal if lp.overall_span_2 is not None else None
    g2 = lp.gap_2.nominal if lp.gap_2 is not None else None
    if c2 is not None or z2 is not None or g2 is not None:
        land.row_spacing_2, _ = _complete_rows(ctx, "row_spacing_2", c2, land.pad_length,
                                               z2, g2, origin, only_c=True)

    land.ep_across = _printed(ctx, "exposed_pad", lp.exposed_pad_width, origin, "X2")
    land.ep_along = _printed(ctx, "exposed_pad_along", lp.exposed_pad_length, origin, "Y2")
    if land.ep_across is not None and land.ep_along is not None:
        first = ctx.provenance.get("exposed_pad")
        ctx.provenance.pop("exposed_pad_along", None)
        ctx.provenance["exposed_pad"] = Provenance(
            source=first.source if first else "derived",
            detail=f"X2 {_fmt(land.ep_across)} (across rows) x Y2 {_fmt(land.ep_along)} "
                   f"(along rows) mm")
    land.drill = _printed(ctx, "drill", lp.drill, origin, "hole")
    if lp.drill is not None and lp.drill.has_tolerance:
        # A finished hole printed as 0.7 +0.1/-0 is drawn at the middle of its band, so the
        # board house's own +-0.05 mm stays inside what the part allows.
        land.drill = round((lp.drill.least + lp.drill.most) / 2.0, 4)
        ctx.provenance["drill"] = ctx.provenance["drill"].model_copy(update={
            "detail": f"hole {tol_text(lp.drill)} mm: middle of the tolerance band = "
                      f"{_fmt(land.drill)}"})
    land.pad_diameter = _printed(ctx, "pad_diameter", lp.pad_diameter, origin, "pad diameter")
    land.tab_width = _printed(ctx, "tab_size", lp.tab_width, origin, "X3 (tab width)")
    land.tab_length = lp.tab_length.nominal if lp.tab_length is not None else None

    if land.drill is None and reading.family in THT_FAMILIES and reading.lead_width is not None:
        lead = reading.lead_width.most
        land.drill = round(lead + HOLE_OVER_LEAD_MM, 3)
        ctx.provenance["drill"] = Provenance(
            source="derived", detail=f"max lead {_fmt(lead)} + {HOLE_OVER_LEAD_MM} mm (KLC)")
        ctx.warn("derived_drill",
                 f"no hole size on the page: drill {_fmt(land.drill)} mm = maximum lead width "
                 f"+ {HOLE_OVER_LEAD_MM} mm; for square pins use the diagonal", "drill")
    return land


def _band_distance(value: float, band) -> float:
    """How far `value` lies outside the toleranced package size (0 inside, 0.05 mm slack)."""
    lo, hi = band.least - 0.05, band.most + 0.05
    return max(lo - value, value - hi, 0.0)


def _orient_exposed_pad(ctx: BuildContext, lp: LandPattern) -> LandPattern:
    """The land pattern with its exposed pad turned to match the package's, when the two
    printed sizes fit the package's E2 (across the rows) and D2 (along) only the other way
    round: land-pattern tables name the centre pad's sides by their own letters (Microchip's
    W2 and T2), which say nothing about the rows."""
    r = ctx.reading
    a, b = lp.exposed_pad_width, lp.exposed_pad_length
    pa, pb = r.exposed_pad_width, r.exposed_pad_length
    if a is None or b is None or pa is None or pb is None:
        return lp
    straight = _band_distance(a.nominal, pa) + _band_distance(b.nominal, pb)
    turned = _band_distance(b.nominal, pa) + _band_distance(a.nominal, pb)
    if turned + 0.05 > straight:
        return lp
    ctx.warn("exposed_pad_turned",
             f"the land pattern's exposed pad {_fmt(a.nominal)} x {_fmt(b.nominal)} mm fits "
             f"the package's E2 {_fmt(pa.nominal)} (across the rows) x D2 {_fmt(pb.nominal)} "
             f"only turned: used as {_fmt(b.nominal)} across x {_fmt(a.nominal)} along",
             "land_pattern.exposed_pad_width", severity="info")
    return lp.model_copy(update={"exposed_pad_width": b, "exposed_pad_length": a})


def _complete_rows(ctx: BuildContext, key: str, c, y, z, g, origin: str,
                   only_c: bool = False, ep_across=None):
    """Fill C and Y from any two of C, Y, Z, G; report printed values that disagree (a
    printed G that is the pad-to-exposed-pad gap, (C − Y − X2)/2, agrees)."""
    if g is not None and ep_across is not None and g < ep_across and (c is None or y is None):
        # A gap between the rows narrower than the exposed pad between them is impossible:
        # the G printed is the pad-to-exposed-pad gap (Microchip's "Contact Pad to Center
        # Pad"), and the row gap is X2 + 2·G.
        ctx.warn("gap_is_pad_to_ep", f"G {_fmt(g)} mm is narrower than the exposed pad "
                 f"X2 {_fmt(ep_across)} mm, so it is the pad-to-exposed-pad gap: row gap "
                 f"X2 + 2·G = {_fmt(ep_across + 2 * g)} mm", "land_pattern.gap",
                 severity="info")
        g = ep_across + 2 * g
    derived_c = derived_y = None
    if c is None:
        if z is not None and y is not None:
            c, derived_c = z - y, f"C = Z - Y = {_fmt(z)} - {_fmt(y)}"
        elif g is not None and y is not None:
            c, derived_c = g + y, f"C = G + Y = {_fmt(g)} + {_fmt(y)}"
        elif z is not None and g is not None:
            c, derived_c = (z + g) / 2.0, f"C = (Z + G) / 2 = ({_fmt(z)} + {_fmt(g)}) / 2"
    if y is None and not only_c:
        if z is not None and c is not None and derived_c is None:
            y, derived_y = z - c, f"Y = Z - C = {_fmt(z)} - {_fmt(c)}"
        elif c is not None and g is not None and derived_c is None:
            y, derived_y = c - g, f"Y = C - G = {_fmt(c)} - {_fmt(g)}"
        elif z is not None and g is not None:
            y, derived_y = (z - g) / 2.0, f"Y = (Z - G) / 2 = ({_fmt(z)} - {_fmt(g)}) / 2"
            if c is not None and derived_c is not None:
                c, derived_c = (z + g) / 2.0, f"C = (Z + G) / 2 = ({_fmt(z)} + {_fmt(g)}) / 2"
    src = "ipc_calculation" if origin == "ipc" else "derived"
    if derived_c is not None and c is not None:
        c = round(c, 4)
        ctx.provenance[key] = Provenance(source=src,  # type: ignore[arg-type]
                                         detail=f"{derived_c} = {_fmt(c)} mm")
        ctx.warn("derived_value", f"row spacing not printed: {derived_c} = {_fmt(c)} mm",
                 key, severity="info")
    if derived_y is not None and y is not None:
        y = round(y, 4)
        ctx.provenance["pad_length"] = Provenance(source=src,  # type: ignore[arg-type]
                                                  detail=f"{derived_y} = {_fmt(y)} mm")
        ctx.warn("derived_value", f"pad length not printed: {derived_y} = {_fmt(y)} mm",
                 "land_pattern.pad_length", severity="info")
    if c is not None and y is not None:
        for letter, printed, implied in (("Z", z, c + y), ("G", g, c - y)):
            if letter == "G" and printed is not None and ep_across is not None \
                    and abs(printed - (c - y - ep_across) / 2.0) <= CONSISTENCY_MM:
                ctx.warn("gap_is_pad_to_ep", f"G {_fmt(printed)} mm is the pad-to-exposed-"
                         f"pad gap: (C − Y − X2)/2 = ({_fmt(c)} − {_fmt(y)} − "
                         f"{_fmt(ep_across)})/2", "land_pattern.gap", severity="info")
                continue
            if printed is not None and abs(printed - implied) > CONSISTENCY_MM:
                ctx.warn("inconsistent_land_pattern",
                         f"printed {letter} = {_fmt(printed)} mm disagrees with C and Y "
                         f"(C {_fmt(c)}, Y {_fmt(y)} give {letter} = {_fmt(implied)} mm); "
                         f"using C and Y — is {letter} measured between other edges?",
                         f"land_pattern.{'overall_span' if letter == 'Z' else 'gap'}")
    if y is not None and y <= 0 and not only_c:
        raise InputError(f"derived pad length Y = {_fmt(y)} mm is not positive",
                         hint="check Z, G and C on the land pattern")
    if c is not None and c <= 0:
        raise InputError(f"derived row spacing C = {_fmt(c)} mm is not positive",
                         hint="check Z, G and Y on the land pattern")
    return c, y
