"""What a family placement function gets (the reading in mm, the resolved land pattern) and
what it gives back (pads, body, name parts).

Families never read the raw reading's units or land-pattern letters: `Land` has one float per
IPC letter, already chosen (datasheet or IPC) and completed (C from Z - Y, ...), with the
provenance of each value recorded in `BuildContext.provenance`.
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional

from footprint_writer.errors import InputError
from schemas.footprint import Attribute, Body, CourtyardClass, Pad
from schemas.options import BuildOptions
from schemas.provenance import Issue, Provenance
from schemas.reading import DatasheetReading


@dataclass
class Land:
    """The land pattern in mm (IPC letters); None where neither page nor derivation gave it."""

    origin: str = "datasheet"  # "datasheet", "ipc", "explicit" or "mixed" (printed + IPC)
    pitch: Optional[float] = None  # E
    pad_width: Optional[float] = None  # X, along the row
    pad_length: Optional[float] = None  # Y, across the row
    row_spacing: Optional[float] = None  # C
    row_spacing_2: Optional[float] = None  # C2 (quad: top/bottom rows)
    ep_across: Optional[float] = None  # X2: exposed pad across the rows (x)
    ep_along: Optional[float] = None  # Y2: exposed pad along the rows (y)
    drill: Optional[float] = None
    pad_diameter: Optional[float] = None
    tab_width: Optional[float] = None  # X3, along the row
    tab_length: Optional[float] = None  # Y3, across the row


# What each Land attribute is called in messages (the field a user would edit).
LAND_FIELDS = {
    "pitch": "pitch (e / E)",
    "pad_width": "land_pattern.pad_width (X)",
    "pad_length": "land_pattern.pad_length (Y)",
    "row_spacing": "land_pattern.row_spacing (C)",
    "row_spacing_2": "land_pattern.row_spacing_2 (C2)",
    "drill": "land_pattern.drill",
    "tab_width": "land_pattern.tab_width (X3)",
    "tab_length": "land_pattern.tab_length (Y3)",
}


@dataclass
class BuildContext:
    """Inputs of a family placement, plus the issues and provenance collected on the way."""

    reading: DatasheetReading  # units == "mm"
    land: Land
    options: BuildOptions
    issues: List[Issue] = field(default_factory=list)
    provenance: Dict[str, Provenance] = field(default_factory=dict)

    def need(self, name: str) -> float:
        """A land value the family cannot do without; InputError naming the field if absent."""
        value = getattr(self.land, name)
        if value is None:
            label = LAND_FIELDS.get(name, name)
            raise InputError(
                f"{self.reading.family}: the land pattern has no {label}",
                hint="read it off the recommended land pattern, or give the package "
                     "dimensions and use --pattern ipc")
        return value

    def warn(self, code: str, message: str, field_name: Optional[str] = None,
             severity: str = "warning") -> None:
        self.issues.append(Issue(code=code, severity=severity, message=message,
                                 field=field_name))


@dataclass
class Placement:
    """A family's result: top-view pads (pin 1 top-left, origin at the body centre)."""

    pads: List[Pad]
    name: str
    body: Optional[Body] = None
    attribute: Attribute = "smd"
    courtyard_class: CourtyardClass = "default"
    description: str = ""
    tags: List[str] = field(default_factory=list)


def fmt(value: float) -> str:
    """A length in messages: up to 4 decimals, no trailing zeros."""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def tol_text(value) -> str:
    """A toleranced value as a person reads it: `0.5`, `0.3 max`, `1.3-1.55 (nom 1.4)`."""
    lo, nom, hi = value.min, value.nom, value.max
    if lo is None and hi is None:
        return fmt(nom)
    if lo is not None and hi is not None:
        text = f"{fmt(lo)}-{fmt(hi)}"
        return text + (f" (nom {fmt(nom)})" if nom is not None else "")
    if nom is not None:
        return f"{fmt(nom)} ({'min ' + fmt(lo) if lo is not None else 'max ' + fmt(hi)})"
    return f"{fmt(lo)} min" if lo is not None else f"{fmt(hi)} max"
