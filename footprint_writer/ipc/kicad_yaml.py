"""Package definitions in the key format of KiCad's footprint generator -> readings.

The generator's size-definition YAML (scripts/Packages/*/size_definitions/*.yaml and
scripts/SMD_chip_package_rlc-etc/size_definitions/*.yaml) describes each package by
`body_size_x/y`, `overall_size_x/y`, `lead_len`, `lead_width`, `pitch`, `num_pins_x/y`,
`EP_size_x/y` (gull-wing, no-lead) or `body_length`, `body_width`, `terminal_length`,
`terminator_spacing`, `terminal_width` (two-terminal chips). A value is a number
(nominal), a mapping of `minimum/nominal/maximum/tolerance`, `name_min/name_max/name_tol`
keys, or a string `4.4 +/-0.1`, `0.13 .. 0.23`, `0.3 .. 0.45 .. 0.6`.

Axes: the generator puts two-row parts' rows left and right, so `body_size_x` is the body
across the rows (our `body_width`, E1), `body_size_y` along them (`body_length`, D),
`num_pins_y` the pads per left/right row and `num_pins_x` per top/bottom row.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union

import yaml

from footprint_writer.errors import InputError
from schemas.reading import DatasheetReading
from schemas.toleranced import Toleranced
from schemas.units import round_mm

# Keys this converter does not model; a definition using one is reported, not guessed.
UNSUPPORTED_KEYS = {
    "lead_to_edge": "pulled-back no-lead terminals (needs the pull-back table and body "
                    "edge input)",
    "lead_center_pos_x": "lead centre positions instead of lead length",
    "lead_center_to_center_x": "lead centre positions instead of lead length",
    "lead_len_H": "different lead lengths per side",
    "body_to_inside_lead_edge": "body-to-lead-edge input",
    "heel_reduction": "manual heel reduction",
    "deleted_pins": "deleted pins", "hidden_pins": "hidden pins",
    "exclude_pin_list": "excluded pins", "pad_length_addition": "hand-solder pad extension",
    "lead_inside": "inner lead span input",
}

_NUM = r"[-+]?\d*\.?\d+"


@dataclass
class KicadDefinition:
    """One size definition turned into a reading, with what the generator also used."""

    key: str
    reading: Optional[DatasheetReading]
    kind: str  # "gullwing", "no_lead" or "chip"
    small_pitch_table: Optional[bool] = None
    lead_table: Optional[str] = None  # chip files: the generator's ipc_reference
    ep_override: Optional[Tuple[float, float]] = None
    paste_layout: Optional[Tuple[int, int]] = None
    thermal_vias: bool = False
    density: Optional[str] = None  # the generator's per-part `ipc_density`
    unsupported: List[str] = field(default_factory=list)
    raw: Dict[str, Any] = field(default_factory=dict)

    @property
    def datasheet(self) -> Optional[str]:
        """The generator's `size_source` when it is a usable link (KLC F9.1)."""
        import re

        from schemas.text import DATASHEET_URL_PATTERN

        source = str(self.raw.get("size_source") or "").strip()
        return source if re.match(DATASHEET_URL_PATTERN, source) else None


def parse_value(value: Any, name: str = "value") -> Toleranced:
    """One generator dimension -> Toleranced (mm)."""
    if isinstance(value, bool) or value is None:
        raise InputError(f"{name}: expected a number, got {value!r}")
    if isinstance(value, (int, float)):
        return Toleranced(nom=float(value))
    if isinstance(value, dict):
        return _from_parts(name, value.get("minimum"), value.get("nominal"),
                           value.get("maximum"), value.get("tolerance"))
    if isinstance(value, str):
        return _parse_string(value.strip(), name)
    raise InputError(f"{name}: cannot read {value!r}")


def _parse_string(text: str, name: str) -> Toleranced:
    m = re.fullmatch(rf"({_NUM})\s*\+/-\s*({_NUM})", text)
    if m:
        return _from_parts(name, None, float(m.group(1)), None, float(m.group(2)))
    parts = [p.strip() for p in text.split("..")]
    if len(parts) in (2, 3) and all(re.fullmatch(_NUM, p) for p in parts):
        values = [float(p) for p in parts]
        nominal = values[1] if len(values) == 3 else None
        return _from_parts(name, values[0], nominal, values[-1], None)
    if re.fullmatch(_NUM, text):
        return Toleranced(nom=float(text))
    raise InputError(f"{name}: cannot read {text!r}",
                     hint="use a number, 'nom +/-tol', 'min .. max' or 'min .. nom .. max'")


def _from_parts(name: str, minimum, nominal, maximum, tolerance) -> Toleranced:
    """The generator's TolerancedSize rules: min/max win, else nominal +/- tolerance."""
    if nominal is None and (minimum is None or maximum is None):
        raise InputError(f"{name}: give nominal, or minimum and maximum")
    if minimum is not None and maximum is not None:
        lo, hi = float(minimum), float(maximum)
    elif tolerance is not None and nominal is not None:
        if isinstance(tolerance, (list, tuple)):
            a, b = float(tolerance[0]), float(tolerance[1])
            if a < 0:
                lo, hi = nominal + a, nominal + b
            elif b < 0:
                lo, hi = nominal + b, nominal + a
            else:
                lo, hi = nominal - a, nominal + b
        else:
            lo, hi = nominal - float(tolerance), nominal + float(tolerance)
    else:
        return Toleranced(nom=float(nominal))
    if lo > hi:
        raise InputError(f"{name}: minimum {lo:g} > maximum {hi:g} (tolerances swapped?)")
    nom = float(nominal) if nominal is not None else None
    if nom is not None and not lo <= nom <= hi:
        nom = None  # the generator ignores a nominal outside the range for the math
    return Toleranced(min=round_mm(lo), nom=nom, max=round_mm(hi))


def _get(data: dict, base: str) -> Optional[Toleranced]:
    """`base` as a value or mapping, or `base_min/base_max/base_tol` keys."""
    if base in data and not isinstance(data[base], (type(None),)):
        value = data[base]
        if isinstance(value, (dict, str)):
            return parse_value(value, base)
        if any(f"{base}_{s}" in data for s in ("min", "max", "tol")):
            return _from_parts(base, data.get(f"{base}_min"), value, data.get(f"{base}_max"),
                               data.get(f"{base}_tol"))
        return parse_value(value, base)
    if f"{base}_min" in data or f"{base}_max" in data:
        return _from_parts(base, data.get(f"{base}_min"), data.get(base),
                           data.get(f"{base}_max"), data.get(f"{base}_tol"))
    return None


def _kind(data: dict) -> str:
    if "body_length" in data or "body_length_min" in data or "code_metric" in data:
        return "chip"
    if any(k.startswith("overall_size") for k in data):
        return "gullwing"
    return "no_lead"


_FAMILY_PREFIXES = (
    ("TSSOP", "tssop"), ("HTSSOP", "tssop"), ("SSOP", "ssop"), ("QSOP", "ssop"),
    ("MSOP", "msop"), ("VSSOP", "msop"), ("SOIC", "soic"), ("SO-", "soic"), ("SOP", "soic"),
    ("SOT-223", "sot223"), ("SOT", "sot23"), ("TSOT", "sot23"), ("SC-", "sot23"),
    ("LQFP", "qfp"), ("TQFP", "qfp"), ("QFP", "qfp"), ("VQFP", "qfp"),
)


def _family(key: str, data: dict, kind: str, device_type: str) -> str:
    if kind == "chip":
        return "molded" if data.get("ipc_reference") == "ipc_spec_tantalumn" else "chip"
    quad = int(data.get("num_pins_x", 0)) > 0 and int(data.get("num_pins_y", 0)) > 0
    if kind == "no_lead":
        if quad:
            return "qfn"
        return "son" if "SON" in (device_type or key).upper() else "dfn"
    if quad:
        return "qfp"
    name = (device_type or key).upper()
    for prefix, family in _FAMILY_PREFIXES:
        if name.startswith(prefix):
            return family
    return "soic"


def definition_from_dict(key: str, data: dict, device_type: str = "",
                         family: Optional[str] = None) -> KicadDefinition:
    """One generator size definition -> KicadDefinition (reading None if unsupported).

    `family` overrides the family (and so the IPC table) the definition implies.
    """
    kind = _kind(data)
    unsupported = [f"{k}: {why}" for k, why in UNSUPPORTED_KEYS.items() if data.get(k)]
    if kind == "chip":
        return _chip(key, data, unsupported, family)
    nx, ny = int(data.get("num_pins_x", 0)), int(data.get("num_pins_y", 0))
    family = family or _family(key, data, kind, data.get("device_type", device_type))
    pin_count = 2 * (nx + ny)
    deleted = sorted(data.get("deleted_pins") or [])
    if family == "sot23" and (nx, ny) == (0, 3) and deleted in ([2, 4, 6], [5]):
        # SOT-23 / SOT-23-5: the numbering ds2fp gives these parts (see ipc/layout.py)
        pin_count = 6 - len(deleted)
        unsupported = [u for u in unsupported if not u.startswith("deleted_pins")]
    definition = KicadDefinition(
        key=key, reading=None, kind=kind, unsupported=unsupported, raw=data,
        small_pitch_table=True if data.get("force_small_pitch_ipc_definition") else None,
        thermal_vias="thermal_vias" in data, density=data.get("ipc_density"))
    if unsupported:
        return definition
    fields: Dict[str, Any] = {
        "body_width": _get(data, "body_size_x"), "body_length": _get(data, "body_size_y"),
        "lead_width": _get(data, "lead_width"), "lead_length": _get(data, "lead_len"),
        "pitch": _get(data, "pitch"),
    }
    if kind == "gullwing":
        ox, oy = _get(data, "overall_size_x"), _get(data, "overall_size_y")
        fields["overall_width"] = ox or oy
        if nx and ny:
            fields["overall_length"] = oy or ox
    ep_x, ep_y = _get(data, "EP_size_x"), _get(data, "EP_size_y")
    if "EP_size_x_overwrite" in data:
        ep_x = Toleranced(nom=float(data["EP_size_x_overwrite"]))
        ep_y = Toleranced(nom=float(data["EP_size_y_overwrite"]))
        definition.ep_override = (ep_x.nominal, ep_y.nominal)
    if ep_x is not None:
        fields.update(exposed_pad=True, exposed_pad_width=ep_x, exposed_pad_length=ep_y)
    if isinstance(data.get("EP_num_paste_pads"), list):
        definition.paste_layout = tuple(data["EP_num_paste_pads"])
    definition.reading = DatasheetReading(
        units="mm", family=family, pin_count=pin_count,
        pins_along_length=ny if nx and ny else None,
        **{k: v for k, v in fields.items() if v is not None})
    return definition


def _chip(key: str, data: dict, unsupported: List[str],
          family: Optional[str] = None) -> KicadDefinition:
    definition = KicadDefinition(key=key, reading=None, kind="chip", unsupported=unsupported,
                                 lead_table=data.get("ipc_reference"), raw=data)
    if unsupported:
        return definition
    family = family or _family(key, data, "chip", "")
    fields = {"body_length": _get(data, "body_length"), "body_width": _get(data, "body_width"),
              "lead_length": _get(data, "terminal_length"),
              "lead_spacing": _get(data, "terminator_spacing"),
              "lead_width": _get(data, "terminal_width")}
    definition.reading = DatasheetReading(
        units="mm", family=family, pin_count=2,
        **{k: v for k, v in fields.items() if v is not None})
    return definition


def load_definitions(source: Union[str, Path], only: Optional[str] = None,
                     family: Optional[str] = None) -> List[KicadDefinition]:
    """Every definition in a generator YAML file (or YAML text); `only` picks one key."""
    text = Path(source).read_text() if isinstance(source, Path) or (
        isinstance(source, str) and "\n" not in source and Path(source).exists()) else source
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise InputError("a size-definition file is a mapping of package names")
    header = data.get("FileHeader") or {}
    found = []
    for key, value in data.items():
        if key == "FileHeader" or str(key).startswith("_") or not isinstance(value, dict):
            continue
        if only is not None and key != only:
            continue
        found.append(definition_from_dict(str(key), value, header.get("device_type", ""),
                                          family))
    if only is not None and not found:
        raise InputError(f"no definition named {only!r}",
                         hint="names: " + ", ".join(k for k in data if k != "FileHeader"))
    return found
