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

# A difference above this (mm) is a warning: worth a second look at the page.
WARN_DIFFERENCE_MM = 0.1

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


def cross_check(reading_mm: DatasheetReading, used: Mapping[str, Optional[float]],
                density: Density = "nominal") -> Tuple[Optional[IpcResult], List[Issue]]:
    """IPC result (None if the package is underdefined) and the issues to attach.

    `used`: the land values the footprint was built with, keyed by LandPattern field
    (completed: C and Y, not Z and G). One warning per dimension differing by more than
    0.1 mm, plus one info line summing up every compared dimension.
    """
    try:
        result = land_pattern_from_package(reading_mm, density)
    except InputError as exc:
        return None, [Issue(code="ipc_cross_check_unavailable", severity="info",
                            message=f"no IPC-7351B cross-check: {exc.message}")]
    diffs = compare(used, result.land_pattern)
    if not diffs:
        return result, []
    issues = []
    for d in diffs:
        if abs(d.difference) > WARN_DIFFERENCE_MM + 1e-9:
            issues.append(Issue(
                code="ipc_difference", severity="warning", field=f"land_pattern.{d.field}",
                message=f"{DIMENSIONS[d.field][1]} {d.letter}: datasheet {d.datasheet:g} mm, "
                        f"IPC-7351B {density} {d.ipc:g} mm (difference {d.difference:+.3f} "
                        f"mm > {WARN_DIFFERENCE_MM} mm): check this value on the page"))
    summary = "; ".join(f"{d.letter} {d.datasheet:g} vs {d.ipc:g}" for d in diffs)
    issues.append(Issue(code="ipc_cross_check", severity="info", field="land_pattern",
                        message=f"datasheet land pattern used; IPC-7351B ({density}) would "
                                f"give, mm: {summary}"))
    return result, issues


def cross_check_reading(reading_mm: DatasheetReading, density: Density = "nominal"
                        ) -> Tuple[Optional[IpcResult], List[Issue]]:
    """The same, taking the values in use from the reading's own land pattern."""
    if reading_mm.land_pattern is None:
        return None, []
    return cross_check(reading_mm, completed(reading_mm.land_pattern), density)
