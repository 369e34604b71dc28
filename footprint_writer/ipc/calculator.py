"""IPC-7351B land pattern from package dimensions: `land_pattern_from_package`."""

import math
from typing import List, Optional, Tuple

from footprint_writer.errors import InputError
from footprint_writer.ipc import tables as T
from footprint_writer.ipc.dimension import IpcDim
from footprint_writer.ipc.eia_chips import eia_chip, spacing_of
from footprint_writer.ipc.equations import RowWorking, clear_exposed_pad, inner_span, zgx
from footprint_writer.ipc.families import (
    DUAL,
    FAMILY_GEOMETRY,
    FAMILY_LEAD,
    GRID,
    NO_LEAD_FAMILIES,
    QUAD,
    TAB,
    THT_DUAL,
    TWO_TERMINAL,
)
from footprint_writer.ipc.jedec_leads import (
    as_toleranced,
    dip_row_over_body,
    dip_row_spacing,
    jedec_leads,
    jedec_tips,
)
from footprint_writer.ipc.result import IpcResult
from footprint_writer.ipc.rounding import clean, up_to_base
from footprint_writer.ipc.thermal import paste_windows, thermal_via_grid
from schemas.options import Density
from schemas.provenance import Issue
from schemas.reading import DatasheetReading, LandPattern
from schemas.toleranced import Toleranced

_SOURCE = "ipc_calculation"
# Chips shorter than this (nominal terminal-to-terminal) use the "< 0603" table.
CHIP_0603_MIN_LENGTH_MM = 1.55


def land_pattern_from_package(reading_mm: DatasheetReading, density: Density = "nominal", *,
                              small_pitch_table: Optional[bool] = None,
                              thermal_vias: bool = False,
                              paste_layout: Optional[Tuple[int, int]] = None) -> IpcResult:
    """IPC-7351B pads for a reading that gives package dimensions.

    `small_pitch_table` forces the pitch <= 0.625 gull-wing table on or off (KiCad's
    `force_small_pitch_ipc_definition`); `thermal_vias` adds a via grid to an exposed pad.
    Raises InputError naming the missing dimension when the package is underdefined.
    """
    if density not in ("least", "nominal", "most"):
        raise InputError(f"unknown density level {density!r}",
                         hint="use least, nominal or most")
    reading = reading_in_mm(reading_mm)
    family = reading.family
    geometry = FAMILY_GEOMETRY.get(family)
    if geometry is None:
        raise InputError(f"no IPC-7351B calculation for family {family!r}",
                         hint="give the land pattern or the pad list from the datasheet")
    issues = _tolerance_issues(reading)
    if geometry == TAB:
        return _tab_package(reading, density, small_pitch_table, issues)
    if geometry in (TWO_TERMINAL, DUAL, QUAD):
        result = _smd_rows(reading, density, geometry, small_pitch_table, issues,
                           thermal_vias, paste_layout)
    elif geometry == GRID:
        result = _bga(reading, density, issues)
    else:
        result = _through_hole(reading, density, geometry, issues)
    return result


def reading_in_mm(reading: DatasheetReading) -> DatasheetReading:
    """The same reading with every dimension in millimetres."""
    if reading.units == "mm":
        return reading
    update = {name: value.to_mm(reading.units) for name, value in _dims(reading).items()}
    if reading.land_pattern is not None:
        lp = reading.land_pattern
        update["land_pattern"] = lp.model_copy(update={
            n: getattr(lp, n).to_mm(reading.units)
            for n in LandPattern.model_fields if getattr(lp, n) is not None})
    return reading.model_copy(update={**update, "units": "mm"})


def _dims(reading: DatasheetReading) -> dict:
    return {n: v for n, v in reading.dimensions().items() if "." not in n}


def _need(reading: DatasheetReading, name: str, why: str) -> Toleranced:
    value = getattr(reading, name)
    if value is None:
        raise InputError(f"IPC calculation for {reading.family} needs {name} ({why})",
                         hint="read it from the package drawing, or give the land pattern")
    return value


# Dimensions that enter the equations, per family kind (the rest only draw the body).
_EQUATION_INPUTS = {
    "chip": ("body_length", "body_width", "lead_length", "lead_spacing", "lead_width"),
    "no_lead": ("body_width", "body_length", "lead_length", "lead_spacing", "lead_width",
                "exposed_pad_width", "exposed_pad_length"),
    "gullwing": ("overall_width", "overall_length", "lead_length", "lead_spacing",
                 "lead_width", "exposed_pad_width", "exposed_pad_length"),
}


def _tolerance_issues(reading: DatasheetReading) -> List[Issue]:
    lead = FAMILY_LEAD.get(reading.family)
    kind = {"inward_l": "chip", "chip": "chip", "no_lead": "no_lead"}.get(lead, "gullwing")
    if reading.family == "sod":
        kind = "gullwing"
    used = _EQUATION_INPUTS[kind] if lead else ("ball_diameter", "lead_width")
    issues = []
    for name, value in _dims(reading).items():
        if name not in used or value.has_tolerance:
            continue
        issues.append(Issue(
            code="ipc_no_tolerance", severity="info", field=name,
            message=f"{name} has no MIN/MAX on the page; IPC used {value.nominal:g} mm with "
                    "zero tolerance, so the pads may be too small for the real spread"))
    return issues


def _lp(value: float) -> Toleranced:
    return Toleranced(nom=clean(value), source=_SOURCE)


def _gullwing_table(pitch: Optional[float], forced: Optional[bool]) -> T.LeadTable:
    small = forced if forced is not None else (
        pitch is not None and pitch <= T.SMALL_PITCH_MAX_MM)
    return T.GULLWING_SMALL_PITCH if small else T.GULLWING_LARGE_PITCH


def _lead_table(reading: DatasheetReading, forced_small: Optional[bool]) -> T.LeadTable:
    lead = FAMILY_LEAD[reading.family]
    pitch = reading.pitch.nominal if reading.pitch is not None else None
    if lead == "gullwing":
        return _gullwing_table(pitch, forced_small)
    if lead == "no_lead":
        return T.NO_LEAD
    if lead == "inward_l":
        return T.INWARD_L
    if lead == "melf":
        return T.MELF
    length = _need(reading, "body_length", "terminal to terminal length L")
    if length.nominal < CHIP_0603_MIN_LENGTH_MM:
        return T.CHIP_BELOW_0603
    return T.CHIP_0603_AND_UP


def _row(reading: DatasheetReading, L: Toleranced, table: T.LeadTable,
         density: Density) -> RowWorking:
    """Z/G/X for one pair of rows whose tip-to-tip (or body) span is L."""
    Ld = IpcDim.of(L)
    if reading.lead_spacing is not None:
        S = IpcDim.of(reading.lead_spacing)
    else:
        lead_len = _need(reading, "lead_length", "foot / terminal length, to derive S")
        S = inner_span(Ld, IpcDim.of(lead_len))
    width = reading.lead_width
    if width is None and reading.family in ("chip", "molded", "melf"):
        # a chip's terminal is as wide as its body; a MELF's end cap is its diameter
        width = _need(reading, "body_width", "terminal width W (chips: the body width)")
    elif width is None:
        width = _need(reading, "lead_width", "lead width W")
    return zgx(Ld, S, IpcDim.of(width), table.goals(density), table.round_base)


def _with_jedec_leads(reading: DatasheetReading, issues: List[Issue]) -> DatasheetReading:
    """The reading with the foot length, lead width and tip-to-tip span the page leaves out
    taken from the family's JEDEC outline (jedec_leads.py), each reported as an assumption
    to check."""
    pitch = reading.pitch.nominal if reading.pitch is not None else None
    update = {}
    body = reading.body_width.nominal if reading.body_width is not None else None
    tips = jedec_tips(reading.family, pitch, body)
    if reading.overall_width is None and tips is not None:
        # The page shows the body but its tip-to-tip span was not read (class 1).
        update["overall_width"] = as_toleranced(tips.tips)
        issues.append(Issue(
            code="jedec_tips_assumed", severity="warning", field="overall_width",
            message=f"tip-to-tip span E is not on the page; IPC used {tips.tips[0]:g}-"
                    f"{tips.tips[1]:g} mm, {tips.outline}'s for a {body:g} mm body: check "
                    "it against the drawing"))
    outline = jedec_leads(reading.family, pitch)
    leads = {}
    if outline is not None:
        if outline.lead_length and reading.lead_length is None \
                and reading.lead_spacing is None:
            leads["lead_length"] = as_toleranced(outline.lead_length)
        if reading.lead_width is None:
            leads["lead_width"] = as_toleranced(outline.lead_width)
    for name, value in leads.items():
        issues.append(Issue(
            code="jedec_lead_assumed", severity="warning", field=name,
            message=f"{name} is not on the page; IPC used {value.min:g}-{value.max:g} mm of "
                    f"{outline.outline} at {pitch:g} mm pitch: check it against the drawing"))
    update.update(leads)
    return reading.model_copy(update=update) if update else reading


def _with_eia_terminals(reading: DatasheetReading, issues: List[Issue]) -> DatasheetReading:
    """A chip whose page gives neither its terminal band nor the spacing between its
    terminals: S from the EIA size its body is (eia_chips.py), reported as an assumption."""
    if reading.lead_length is not None or reading.lead_spacing is not None:
        return reading
    length, width = reading.body_length, reading.body_width
    chip = eia_chip(length.nominal if length else None, width.nominal if width else None)
    if chip is None:
        return reading
    spacing = spacing_of(chip)
    issues.append(Issue(
        code="eia_terminal_assumed", severity="warning", field="lead_spacing",
        message=f"the terminal band is not on the page; IPC used the spacing between the "
                f"terminals of an EIA {chip.imperial} ({chip.metric} metric) chip, "
                f"{spacing.min:g}-{spacing.max:g} mm: check it against the drawing"))
    return reading.model_copy(update={"lead_spacing": spacing})


def _pins_per_side(reading: DatasheetReading, geometry: str) -> Tuple[int, int]:
    """(pins_x, pins_y): pads per top/bottom row and per left/right row."""
    n = reading.pin_count
    if geometry == TWO_TERMINAL:
        return 0, 1
    if geometry == DUAL and reading.family == "sot23" and n in (3, 5):
        return 0, 3  # SOT-23 / SOT-23-5: the 6-lead frame with leads left out
    if geometry == DUAL:
        if n % 2:
            raise InputError(f"a dual-row {reading.family} needs an even pin count, got {n}",
                             hint="give the land pattern or pad list for parts with "
                                  "missing pins")
        return 0, n // 2
    along = reading.pins_along_length
    if along is None:
        if n % 4:
            raise InputError(f"quad package with {n} pins: give pins_along_length")
        along = n // 4
    other = (n - 2 * along) // 2
    if other < 0 or 2 * along + 2 * other != n:
        raise InputError(f"{n} pins cannot be split into rows of {along} along the length")
    return other, along


def _smd_rows(reading: DatasheetReading, density: Density, geometry: str,
              forced_small: Optional[bool], issues: List[Issue], want_vias: bool,
              paste_layout: Optional[Tuple[int, int]]) -> IpcResult:
    table = _lead_table(reading, forced_small)
    no_lead = reading.family in NO_LEAD_FAMILIES
    if geometry in (DUAL, QUAD) and FAMILY_LEAD.get(reading.family) == "gullwing":
        reading = _with_jedec_leads(reading, issues)
    if geometry == TWO_TERMINAL and reading.family == "chip":
        reading = _with_eia_terminals(reading, issues)
    pins_x, pins_y = _pins_per_side(reading, geometry)
    if geometry == TWO_TERMINAL:
        span_x = _need(reading, "body_length" if reading.family != "sod" else "overall_width",
                       "terminal to terminal length L")
    elif no_lead:
        span_x = _need(reading, "body_width", "body size across the rows (E)")
    else:
        span_x = _need(reading, "overall_width", "lead tip to lead tip across the rows (E)")
    rows = {"x": _row(reading, span_x, table, density)}
    if geometry == QUAD:
        if no_lead:
            span_y = _need(reading, "body_length", "body size along the rows (D)")
        else:
            span_y = reading.overall_length or span_x
        rows["y"] = _row(reading, span_y, table, density)

    ep = None
    if reading.exposed_pad or reading.exposed_pad_width or reading.exposed_pad_length:
        if reading.exposed_pad_width is None or reading.exposed_pad_length is None:
            raise InputError("exposed pad without its size: give exposed_pad_width (E2) and "
                             "exposed_pad_length (D2)")
        ep = (clean(reading.exposed_pad_width.nominal), clean(reading.exposed_pad_length.nominal))
        rows["x"] = clear_exposed_pad(rows["x"], ep[0], T.MIN_EP_TO_PAD_CLEARANCE_MM)
        if "y" in rows:
            rows["y"] = clear_exposed_pad(rows["y"], ep[1], T.MIN_EP_TO_PAD_CLEARANCE_MM)
        for key, row in rows.items():
            if row.heel_reduction > 0:
                issues.append(Issue(
                    code="ipc_heel_reduced", severity="info",
                    message=f"rows {key}: pads shortened by {row.heel_reduction:.3f} mm at "
                            f"the heel to keep {T.MIN_EP_TO_PAD_CLEARANCE_MM} mm to the "
                            "exposed pad"))

    x = rows["x"]
    pitch = reading.pitch.nominal if reading.pitch is not None else None
    if pitch is None and geometry != TWO_TERMINAL:
        raise InputError(f"IPC calculation for {reading.family} needs pitch (e)")
    if pitch is not None and geometry != TWO_TERMINAL and x.Xmax >= pitch:
        issues.append(Issue(code="ipc_pad_wider_than_pitch", severity="error",
                            message=f"IPC pad width {x.Xmax:g} mm >= pitch {pitch:g} mm: "
                                    "check lead width and pitch"))
    for key, row in rows.items():
        if row.Gmin <= 0:
            raise InputError(
                f"IPC gap G = {row.Gmin:g} mm (rows {key}): the pads would touch; the lead "
                "length or heel goal does not fit this body",
                hint="check lead_length (a terminal longer than half the body?) or give "
                     "the datasheet's land pattern")
    lp = LandPattern(
        pitch=_lp(pitch) if pitch is not None else None,
        pad_width=_lp(x.Xmax), pad_length=_lp(x.pad_length), row_spacing=_lp(x.row_spacing),
        overall_span=_lp(x.Zmax), gap=_lp(x.Gmin))
    if "y" in rows:
        y = rows["y"]
        lp = lp.model_copy(update={"row_spacing_2": _lp(y.row_spacing),
                                   "overall_span_2": _lp(y.Zmax), "gap_2": _lp(y.Gmin)})
    windows, vias = [], []
    if ep is not None:
        lp = lp.model_copy(update={"exposed_pad_width": _lp(ep[0]),
                                   "exposed_pad_length": _lp(ep[1])})
        windows = paste_windows(ep[0], ep[1], T.EP_PASTE_COVERAGE, paste_layout)
        if want_vias:
            vias = thermal_via_grid(ep[0], ep[1])
    return IpcResult(
        family=reading.family, density=density, geometry=geometry, land_pattern=lp,
        tables=[f"{table.ipc_table}: {table.title}"], rows=rows,
        courtyard_excess=table.goals(density).courtyard, pins_x=pins_x, pins_y=pins_y,
        ep_size=ep, paste_windows=windows, thermal_vias=vias, issues=issues)


def _bga(reading: DatasheetReading, density: Density, issues: List[Issue]) -> IpcResult:
    ball = _need(reading, "ball_diameter", "ball diameter b").nominal
    pitch = _need(reading, "pitch", "ball pitch e").nominal
    row = min(T.BGA_COLLAPSING, key=lambda r: abs(r.ball - ball))
    if abs(row.ball - ball) > 1e-6:
        issues.append(Issue(
            code="ipc_bga_nearest_ball", severity="warning", field="ball_diameter",
            message=f"ball {ball:g} mm is not in {T.BGA_TABLE_COLLAPSING}; used the row for "
                    f"{row.ball:g} mm"))
    land = row.land(density)
    lp = LandPattern(pitch=_lp(pitch), pad_diameter=_lp(land))
    return IpcResult(family="bga", density=density, geometry=GRID, land_pattern=lp,
                     tables=[f"{T.BGA_TABLE_COLLAPSING}: collapsing balls"],
                     courtyard_excess=T.BGA_COURTYARD[density], issues=issues,
                     notes=[f"ball {ball:g} mm -> land {land:g} mm"])


def _through_hole(reading: DatasheetReading, density: Density, geometry: str,
                  issues: List[Issue]) -> IpcResult:
    rule = T.THROUGH_HOLE[density]
    pitch = _need(reading, "pitch", "lead pitch e").nominal
    if reading.family in ("dip", "to92"):
        reading = _with_jedec_leads(reading, issues)
    width = _need(reading, "lead_width", "lead width / diameter b").most
    lead = width
    note = f"lead {width:g} mm"
    if reading.family == "pin_header":
        lead = width * math.sqrt(2.0)  # square post: the hole must pass its diagonal
        note = f"square post {width:g} mm, diagonal {lead:.3f} mm"
    drill = up_to_base(lead + rule.hole_over_lead, T.DRILL_STEP_MM)
    pad = clean(drill + 2 * rule.annular_ring)
    if pad >= pitch:
        pad = clean(pitch - 0.2)
        issues.append(Issue(code="ipc_tht_pad_limited", severity="info",
                            message=f"land limited to {pad:g} mm to keep 0.2 mm between "
                                    "pads at this pitch"))
    update = {"pitch": _lp(pitch), "drill": _lp(drill), "pad_diameter": _lp(pad)}
    if geometry == THT_DUAL:
        update["row_spacing"] = _lp(_tht_row_spacing(reading, issues))
    elif reading.rows == 2:
        update["row_spacing"] = _lp(pitch)
    return IpcResult(family=reading.family, density=density, geometry=geometry,
                     land_pattern=LandPattern(**update),
                     tables=["IPC-2222 / IPC-7251 hole and land rule"],
                     courtyard_excess=rule.courtyard, issues=issues,
                     notes=[f"{note} + {rule.hole_over_lead} -> drill {drill:g} mm "
                            f"(rounded up to {T.DRILL_STEP_MM} mm), land = drill + 2 x "
                            f"{rule.annular_ring} mm"])


def _tht_row_spacing(reading: DatasheetReading, issues: List[Issue]) -> float:
    """Lead-centre row spacing of a two-row through-hole part: the printed E (a DIP's moved
    to the standard row it belongs to), or for a DIP whose row was not read the standard
    row over its body; each change of the printed value reported."""
    body = reading.body_width
    if reading.family == "dip" and reading.overall_width is None and body is not None:
        over_body = dip_row_over_body(body.nominal)
        if over_body is not None:
            # The page shows the body, not the row (Toshiba's boxed 7.62 on the end view).
            issues.append(Issue(
                code="dip_row_from_body", severity="warning", field="overall_width",
                message=f"row spacing not read: {over_body:g} mm, the standard DIP row over "
                        f"a {body.nominal:g} mm body (JEDEC MS-001/MS-011); check it against "
                        "the page"))
            return over_body
    row = _need(reading, "overall_width", "row spacing (DIP: E, lead centre to centre)")
    if reading.family != "dip":
        return row.nominal
    spacing = dip_row_spacing(row.nominal, row.min)
    if abs(spacing - row.nominal) > 1e-6:
        issues.append(Issue(
            code="dip_row_standard", severity="info", field="overall_width",
            message=f"row spacing {spacing:g} mm, the standard DIP row nearest the printed "
                    f"{row.nominal:g} mm (a shoulder or lead spread, not the lead centres)"))
    return spacing


def _tab_package(reading: DatasheetReading, density: Density, forced_small: Optional[bool],
                 issues: List[Issue]) -> IpcResult:
    """SOT-223, DPAK, D2PAK: one row of gull-wing leads on the left, the tab on the right.

    Leads and tab are solved with the gull-wing equations over the same span L (lead tip to
    tab end, `overall_width`): the leads with their foot length T (`lead_length`), the tab
    as a wide lead of width `exposed_pad_length` (along the row) whose foot is
    `exposed_pad_width` (across; SOT-223, whose tab is a bent lead: `lead_length` when not
    given). Lead pads reach from -Z/2 to -G/2, the tab pad from G_tab/2 to Z/2.
    `row_spacing` is lead-pad centre to tab-pad centre (the builder centres the footprint
    between them). KiCad's own SOT-223/TO-252/TO-263 footprints are drawn by hand, so there
    is no library reference for this geometry.
    """
    table = _gullwing_table(reading.pitch.nominal if reading.pitch else None, forced_small)
    goals = table.goals(density)
    span = _need(reading, "overall_width", "lead tip to tab end (H)")
    leads = _row(reading, span, table, density)
    tab_w = _need(reading, "exposed_pad_length", "tab width along the row of leads")
    tab_foot = reading.exposed_pad_width or _need(reading, "lead_length", "tab foot length")
    L = IpcDim.of(span)
    tab = zgx(L, inner_span(L, IpcDim.of(tab_foot)), IpcDim.of(tab_w), goals,
              table.round_base)
    pitch = _need(reading, "pitch", "lead pitch e").nominal
    if leads.Gmin / 2 + tab.Gmin / 2 <= 0:
        raise InputError(f"IPC: lead pads and tab pad would touch (G/2 + G_tab/2 = "
                         f"{(leads.Gmin + tab.Gmin) / 2:g} mm)",
                         hint="check overall_width, lead_length and the tab length")
    x_lead = -leads.row_spacing / 2.0
    x_tab = leads.Zmax / 2.0 - tab.pad_length / 2.0
    lp = LandPattern(
        pitch=_lp(pitch), pad_width=_lp(leads.Xmax), pad_length=_lp(leads.pad_length),
        row_spacing=_lp(x_tab - x_lead), overall_span=_lp(leads.Zmax), gap=_lp(leads.Gmin),
        tab_width=_lp(tab.Xmax), tab_length=_lp(tab.pad_length))
    return IpcResult(family=reading.family, density=density, geometry=TAB, land_pattern=lp,
                     tables=[f"{table.ipc_table}: {table.title} (leads and tab)"],
                     rows={"x": leads, "tab": tab}, courtyard_excess=goals.courtyard,
                     pins_y=reading.pin_count, issues=issues,
                     notes=["tab pad: outer edge at Z/2 like the lead toes, length "
                            "(Z - G_tab)/2; row_spacing = lead centre to tab centre"])
