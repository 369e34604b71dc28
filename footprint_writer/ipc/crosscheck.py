"""How far the datasheet's land pattern is from the IPC-7351B one, per dimension.

When a reading gives both the recommended land pattern and the package dimensions, the
footprint uses the datasheet's pattern and this module tells the user what IPC would have
given: a misread value (a pad width taken for the pitch, mil for mm) shows up as a large
difference, and users want to know which pattern they got.
"""

from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Tuple

from footprint_writer.errors import InputError
from footprint_writer.ipc.calculator import land_pattern_from_package
from footprint_writer.ipc.result import IpcResult
from schemas.options import Density
from schemas.provenance import Issue
from schemas.reading import DatasheetReading, LandPattern

# IPC-7351B rounds Z, G and X to 0.05 mm steps: within that of the least..most band
# a value is what IPC itself could have printed.
ROUND_OFF_MM = 0.05
# A fillet this far negative is noise in the printed values, not a short pad.
FILLET_NOISE_MM = 0.005

# LandPattern field -> (IPC letter, what it is), in the order they are reported.
DIMENSIONS: Dict[str, Tuple[str, str]] = {
    "pad_width": ("X", "pad width"),
    "pad_length": ("Y", "pad length"),
    "row_spacing": ("C", "row spacing"),
    "row_spacing_2": ("C2", "row spacing of the other rows"),
    "exposed_pad_width": ("X2", "exposed pad across the rows"),
    "exposed_pad_length": ("Y2", "exposed pad along the rows"),
    "drill": ("D", "drill"),
    "pad_diameter": ("P", "pad diameter"),
}


@dataclass(frozen=True)
class DimensionDiff:
    field: str
    letter: str
    datasheet: float
    ipc: float

    @property
    def difference(self) -> float:
        return self.datasheet - self.ipc


def pattern_is_ipc(lp: Optional[LandPattern]) -> bool:
    """True when a land pattern was produced by this IPC calculation (not read off a page)."""
    return lp is not None and any(
        getattr(lp, name) is not None and getattr(lp, name).source == "ipc_calculation"
        for name in LandPattern.model_fields)


def completed(lp: LandPattern) -> Dict[str, float]:
    """The pattern's values in mm, with C and Y completed from Z and G where needed."""
    values = {name: getattr(lp, name).nominal for name in DIMENSIONS
              if getattr(lp, name) is not None}
    z = lp.overall_span.nominal if lp.overall_span is not None else None
    g = lp.gap.nominal if lp.gap is not None else None
    y, c = values.get("pad_length"), values.get("row_spacing")
    if c is None:
        if z is not None and g is not None:
            c = (z + g) / 2
        elif z is not None and y is not None:
            c = z - y
        elif g is not None and y is not None:
            c = g + y
    if y is None and c is not None:
        y = z - c if z is not None else (c - g if g is not None else None)
    for name, value in (("row_spacing", c), ("pad_length", y)):
        if value is not None:
            values[name] = value
    return values


def compare(used: Mapping[str, Optional[float]], ipc: LandPattern) -> List[DimensionDiff]:
    """Per-dimension differences between the values in use and the IPC pattern."""
    ipc_values = completed(ipc)
    out = []
    for name, (letter, _) in DIMENSIONS.items():
        ours = used.get(name)
        theirs = ipc_values.get(name)
        if ours is not None and theirs is not None:
            out.append(DimensionDiff(name, letter, round(ours, 4), round(theirs, 4)))
    return out


@dataclass(frozen=True)
class Fillets:
    """Solder fillets the datasheet's pads leave on the package's leads, per row pair:
    toe J_T = (Z − Lmax)/2 (the longest lead span, the least toe), heel
    J_H = (Snom − G)/2 (the nominal inner span) and side J_S = (X − Wmin)/2."""

    rows: str
    toe: float
    heel: float
    side: Optional[float]


def fillets(used: Mapping[str, Optional[float]], result: IpcResult) -> List[Fillets]:
    out = []
    for key, c_name in (("x", "row_spacing"), ("y", "row_spacing_2")):
        row = result.rows.get(key)
        c, y = used.get(c_name), used.get("pad_length")
        if row is None or c is None or y is None:
            continue
        z, g = c + y, c - y  # Z = C + Y, G = C − Y
        s_nom = (row.S.min + row.S.max) / 2.0
        x = used.get("pad_width")
        out.append(Fillets(rows=key, toe=round((z - row.L.max) / 2.0, 4),
                           heel=round((s_nom - g) / 2.0, 4),
                           side=round((x - row.W.min) / 2.0, 4) if x is not None else None))
    return out


def concerns(used: Mapping[str, Optional[float]], results: Mapping[str, IpcResult],
             reading_mm: DatasheetReading) -> List[Tuple[str, str]]:
    """(field, what is wrong) for what would make a bad joint or a bridge, not for a
    maker's choice inside IPC's range: a negative toe, heel or side fillet; a pad larger
    than IPC's most density gives; an exposed pad land larger than the package's exposed
    pad; a hole the lead cannot pass."""
    out: List[Tuple[str, str]] = []
    for f in fillets(used, results["nominal"]):
        rows = "" if f.rows == "x" else " (the other rows)"
        c_field = "land_pattern.row_spacing" if f.rows == "x" else "land_pattern.row_spacing_2"
        if f.toe < -FILLET_NOISE_MM:
            out.append((c_field, f"toe fillet {f.toe:+.3f} mm{rows}: at the largest lead "
                                 "span the lead tips reach past the pads' outer edges"))
        if f.heel < -FILLET_NOISE_MM:
            out.append((c_field, f"heel fillet {f.heel:+.3f} mm{rows}: the pads' inner "
                                 "edges do not reach the lead heels at the nominal span"))
        if f.side is not None and f.side < -FILLET_NOISE_MM:
            out.append(("land_pattern.pad_width", f"pad width {used['pad_width']:g} mm is "
                        f"narrower than the narrowest lead (side fillet {f.side:+.3f} mm)"))
    most = completed(results["most"].land_pattern)
    for name in ("pad_width", "pad_length"):
        ours, limit = used.get(name), most.get(name)
        if ours is not None and limit is not None and ours > limit + ROUND_OFF_MM + 1e-9:
            letter, what = DIMENSIONS[name]
            out.append((f"land_pattern.{name}", f"{what} {letter} {ours:g} mm is larger than "
                        f"IPC-7351B most density gives ({limit:g} mm): bridging risk"))
    for name in ("exposed_pad_width", "exposed_pad_length"):  # the land vs the part's own
        ours, package = used.get(name), getattr(reading_mm, name)
        if ours is not None and package is not None \
                and ours > package.most + ROUND_OFF_MM + 1e-9:
            letter, what = DIMENSIONS[name]
            out.append((f"land_pattern.{name}", f"{what} {letter} {ours:g} mm is larger than "
                        f"the package's exposed pad ({package.most:g} mm max): solder may "
                        "bridge to the signal pads"))
    drill = used.get("drill")
    lead = reading_mm.lead_width.most if reading_mm.lead_width is not None else None
    if drill is not None and lead is not None:
        square = reading_mm.family == "pin_header"
        fits = lead * (2 ** 0.5) if square else lead  # a square post passes its diagonal
        if drill < fits - FILLET_NOISE_MM:
            out.append(("land_pattern.drill", f"drill {drill:g} mm is smaller than the lead "
                        f"({'diagonal ' if square else ''}{fits:.3f} mm): it will not fit"))
    return out


def cross_check(reading_mm: DatasheetReading, used: Mapping[str, Optional[float]],
                density: Density = "nominal") -> Tuple[Optional[IpcResult], List[Issue]]:
    """IPC result (None if the package is underdefined) and the issues to attach.

    `used`: the land values the footprint was built with, keyed by LandPattern field
    (completed: C and Y, not Z and G). One info line compares every dimension with IPC's
    least..most band and gives the fillets; a warning only for what `concerns` finds, so
    a maker's pattern that is merely different from IPC's nominal is not an alarm.
    """
    try:
        results = {d: land_pattern_from_package(reading_mm, d)
                   for d in ("least", "nominal", "most")}
    except InputError as exc:
        return None, [Issue(code="ipc_cross_check_unavailable", severity="info",
                            message=f"no IPC-7351B cross-check: {exc.message}")]
    result = results[density]
    diffs = compare(used, result.land_pattern)
    if not diffs:
        return result, []
    issues = [Issue(code="ipc_difference", severity="warning", field=field,
                    message=f"{message}: check this value on the page")
              for field, message in concerns(used, results, reading_mm)]
    least, most = (completed(results[d].land_pattern) for d in ("least", "most"))
    parts = []
    for d in diffs:
        lo, hi = least.get(d.field), most.get(d.field)
        span = f"{min(lo, hi):g}..{max(lo, hi):g}" if lo is not None and hi is not None \
            and lo != hi else f"{d.ipc:g}"
        parts.append(f"{d.letter} {d.datasheet:g} vs {d.ipc:g} ({span})")
    fill = "; ".join(f"toe {f.toe:+.3f}, heel {f.heel:+.3f}"
                     + (f", side {f.side:+.3f}" if f.side is not None else "")
                     for f in fillets(used, results["nominal"]))
    issues.append(Issue(code="ipc_cross_check", severity="info", field="land_pattern",
                        message=(f"datasheet land pattern used; IPC-7351B {density} "
                                 f"(least..most) would give, mm: {'; '.join(parts)}"
                                 + (f"; fillets on the leads, mm: {fill}" if fill else ""))
                        [:2000]))
    return result, issues


def cross_check_reading(reading_mm: DatasheetReading, density: Density = "nominal"
                        ) -> Tuple[Optional[IpcResult], List[Issue]]:
    """The same, taking the values in use from the reading's own land pattern."""
    if reading_mm.land_pattern is None:
        return None, []
    return cross_check(reading_mm, completed(reading_mm.land_pattern), density)
