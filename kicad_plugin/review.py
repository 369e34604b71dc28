"""What the review step shows, computed from the bridge's plain-JSON payload (no wx here).

Rows of values with where each came from, which ones are doubtful (an issue names them, or
OCR did not find the printed number on the page), and the key values a reviewer may edit.
"""

from typing import Any, Dict, List, Optional, Tuple

SOURCE_LABELS = {
    "datasheet_table": "datasheet table",
    "datasheet_drawing": "datasheet drawing",
    "datasheet_text": "datasheet text",
    "ipc_calculation": "IPC-7351B",
    "user_edit": "your edit",
    "kicad_library": "KiCad library",
    "derived": "derived",
    "default": "convention default",
}

VALUE_LABELS = {
    "pitch": "Pitch",
    "pad_size": "Pad size",
    "row_spacing": "Row spacing (C)",
    "row_spacing_2": "Row spacing 2 (C2)",
    "exposed_pad": "Exposed pad",
    "body": "Body",
    "drill": "Drill",
    "pad_diameter": "Pad diameter",
    "tab": "Tab pad",
    "pads": "Pads",
}

# (key, label, kind) of the editable key values; kind "int" or "mm".
EDIT_FIELDS: Tuple[Tuple[str, str, str], ...] = (
    ("pin_count", "Pins", "int"),
    ("pitch", "Pitch (mm)", "mm"),
    ("pad_width", "Pad width X (mm)", "mm"),
    ("pad_length", "Pad length Y (mm)", "mm"),
    ("row_spacing", "Row spacing C (mm)", "mm"),
    ("exposed_pad_width", "Exposed pad X2 (mm)", "mm"),
    ("exposed_pad_length", "Exposed pad Y2 (mm)", "mm"),
    ("drill", "Drill (mm)", "mm"),
    ("pad_diameter", "Pad diameter (mm)", "mm"),
)

EP_FAMILIES = ("dfn", "son", "qfn", "qfp", "soic", "ssop", "tssop", "msop")
THT_FAMILIES = ("dip", "pin_header", "to220", "to92")  # footprint_writer.builder.land's

# An issue's `field` (reading or land-pattern name) -> the footprint value it casts doubt on.
_FIELD_TO_VALUE = {
    "pitch": "pitch", "pad_width": "pad_size", "pad_length": "pad_size",
    "row_spacing": "row_spacing", "overall_span": "row_spacing", "gap": "row_spacing",
    "overall_width": "row_spacing", "row_spacing_2": "row_spacing_2",
    "overall_span_2": "row_spacing_2", "gap_2": "row_spacing_2",
    "exposed_pad_width": "exposed_pad", "exposed_pad_length": "exposed_pad",
    "drill": "drill", "pad_diameter": "pad_diameter", "tab_width": "tab",
    "tab_length": "tab", "body_length": "body", "body_width": "body", "height": "body",
    "lead_width": "pad_size", "lead_length": "pad_size", "pin_count": "pads",
}


def value_key(field: Optional[str]) -> Optional[str]:
    """The footprint value an issue's field refers to ('land_pattern.pad_length' ->
    'pad_size'); None when it names no single value."""
    if not field:
        return None
    name = field.split(".")[-1].split(" ")[0]
    return _FIELD_TO_VALUE.get(name, name if name in VALUE_LABELS else None)


def doubtful_values(payload: Dict[str, Any]) -> Dict[str, List[str]]:
    """value key -> the reasons to doubt it (warnings/errors naming it, not on the page)."""
    found: Dict[str, List[str]] = {}
    footprint = payload.get("footprint") or {}
    for key, prov in (footprint.get("provenance") or {}).items():
        if prov.get("on_page") is False:
            found.setdefault(key, []).append("the printed number was not found on the page")
    for issue in payload.get("issues") or []:
        if issue.get("severity") == "info":
            continue
        key = value_key(issue.get("field"))
        if key is not None:
            found.setdefault(key, []).append(issue.get("message", ""))
    return found


def doubtful_pads(payload: Dict[str, Any]) -> List[str]:
    """Pad numbers that a warning or error names, and the exposed pad when its size is in
    doubt (outlined in the preview)."""
    pads: List[str] = []
    for issue in payload.get("issues") or []:
        if issue.get("severity") in ("warning", "error"):
            pads.extend(str(p) for p in issue.get("pads") or [])
    if "exposed_pad" in doubtful_values(payload):
        footprint = payload.get("footprint") or {}
        pads.extend(str(p.get("number")) for p in footprint.get("pads") or []
                    if p.get("role") == "exposed" and p.get("number"))
    return sorted(set(pads))


def value_rows(payload: Dict[str, Any]) -> List[Dict[str, Any]]:
    """One row per footprint value: label, what was used, its source, doubt."""
    footprint = payload.get("footprint") or {}
    doubts = doubtful_values(payload)
    edited = {_FIELD_TO_VALUE.get(k, k) for k in payload.get("edited") or []}
    rows = []
    for key, prov in (footprint.get("provenance") or {}).items():
        on_page = prov.get("on_page")
        source = SOURCE_LABELS.get(prov.get("source", ""), prov.get("source", ""))
        if key in edited and prov.get("source") != "user_edit":
            source = f"your edit + {source}"
        rows.append({
            "key": key,
            "label": VALUE_LABELS.get(key, key.replace("_", " ").capitalize()),
            "value": prov.get("detail", ""),
            "source": source,
            "on_page": "yes" if on_page else ("NO" if on_page is False else "-"),
            "doubtful": key in doubts,
            "why": " | ".join(doubts.get(key, [])),
        })
    return rows


def tol_text(value: Dict[str, Any]) -> str:
    """A printed toleranced value: '0.5', '0.3 max', '1.3-1.55 (nom 1.4)'."""
    lo, nom, hi = value.get("min"), value.get("nom"), value.get("max")

    def f(v: float) -> str:
        return f"{v:.4f}".rstrip("0").rstrip(".")

    if lo is None and hi is None and nom is not None:
        return f(nom)
    if lo is not None and hi is not None:
        return f"{f(lo)}-{f(hi)}" + (f" (nom {f(nom)})" if nom is not None else "")
    if nom is not None:
        return f"{f(nom)} ({'min ' + f(lo) if lo is not None else 'max ' + f(hi)})"
    return f"{f(lo)} min" if lo is not None else f"{f(hi)} max"


def reading_rows(payload: Dict[str, Any]) -> List[Dict[str, Any]]:
    """What the reader took off the page, as printed (page units), with its source."""
    reading = payload.get("reading") or {}
    units = reading.get("units", "")
    rows = [{"key": "family", "label": "Family / pins",
             "value": f"{reading.get('family', '?')}, {reading.get('pin_count', '?')} pins"
                      + (", exposed pad" if reading.get("exposed_pad") else ""),
             "source": "", "on_page": "-", "doubtful": False, "why": ""},
            {"key": "view", "label": "View / pin 1",
             "value": f"{reading.get('view', '?')} view, pin-1 cue "
                      f"{reading.get('pin1_cue', '?')}, numbered {reading.get('numbering', '?')}",
             "source": "", "on_page": "-", "doubtful": reading.get("view") == "bottom",
             "why": "bottom view: mirrored into the top view" if reading.get("view") == "bottom"
             else ""}]

    def add(prefix: str, data: Dict[str, Any]) -> None:
        for name, value in data.items():
            if isinstance(value, dict) and ("nom" in value or "min" in value
                                             or "max" in value):
                rows.append({"key": prefix + name, "label": prefix + name,
                             "value": f"{tol_text(value)} {units}",
                             "source": SOURCE_LABELS.get(value.get("source") or "", ""),
                             "on_page": "-", "doubtful": False, "why": ""})

    add("", reading)
    add("land_pattern.", reading.get("land_pattern") or {})
    return rows


def issue_rows(payload: Dict[str, Any]) -> List[Dict[str, str]]:
    """Issues, errors first; each with its severity and what it concerns."""
    order = {"error": 0, "warning": 1, "info": 2}
    issues = sorted(payload.get("issues") or [],
                    key=lambda i: order.get(i.get("severity", "info"), 3))
    return [{"severity": i.get("severity", "info"), "code": i.get("code", ""),
             "message": i.get("message", ""), "field": i.get("field") or ""} for i in issues]


def blocking_errors(payload: Dict[str, Any]) -> List[str]:
    return [i.get("message", "") for i in payload.get("issues") or []
            if i.get("severity") == "error"]


def edit_fields(payload: Dict[str, Any]) -> List[Tuple[str, str, str, Optional[float]]]:
    """(key, label, kind, current value) of the key values this part can edit."""
    reading = payload.get("reading") or {}
    family = reading.get("family", "")
    if family == "other":
        return []  # explicit pads: no key value places them, so none is offered as an edit
    values = ((payload.get("land") or {}).get("values")) or {}
    out = []
    for key, label, kind in EDIT_FIELDS:
        current = values.get(key)
        if key == "pin_count":
            current = reading.get("pin_count", current)
        relevant = current is not None
        if key.startswith("exposed_pad") and family in EP_FAMILIES:
            relevant = True
        if key in ("drill", "pad_diameter") and family in THT_FAMILIES:
            relevant = True
        if key in ("pad_width", "pad_length", "row_spacing") and family not in THT_FAMILIES \
                and family != "other":
            relevant = True
        if relevant:
            out.append((key, label, kind, current))
    return out


def parse_value(text: str, kind: str) -> Optional[float]:
    """A typed value: None for an empty field, ValueError with a readable message else."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    if kind == "int":
        try:
            value = int(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a whole number") from None
        if not 1 <= value <= 1024:
            raise ValueError("pins must be between 1 and 1024")
        return value
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a number (mm)") from None
    if number != number or number < 0 or number > 300:
        raise ValueError(f"{text} mm is not a sensible size")
    return number


def changed_edits(fields: List[Tuple[str, str, str, Optional[float]]],
                  typed: Dict[str, Optional[float]]) -> Dict[str, Optional[float]]:
    """Only the values that differ from what the footprint was built with."""
    out = {}
    for key, _label, kind, current in fields:
        if key not in typed:
            continue
        new = typed[key]
        if new is None and current is None:
            continue
        if new is None and key.startswith("exposed_pad"):
            out[key] = 0.0  # emptied: no exposed pad
            continue
        if new is None:
            continue
        if current is None or abs(float(new) - float(current)) > (0 if kind == "int" else 1e-6):
            out[key] = int(new) if kind == "int" else float(new)
    return out


def summary(payload: Dict[str, Any]) -> str:
    """One line for the header of the review: name, pads, pattern origin."""
    fp = payload.get("footprint")
    if not fp:
        return "No footprint could be built from this reading: see the issues."
    signal = len({p.get("number") for p in fp.get("pads") or [] if p.get("role") == "signal"})
    exposed = any(p.get("role") == "exposed" for p in fp.get("pads") or [])
    origin = (payload.get("land") or {}).get("origin")
    origin_text = {"datasheet": "datasheet land pattern", "ipc": "IPC-7351B land pattern",
                   "explicit": "pads as dimensioned"}.get(origin or "", "")
    text = f"{fp.get('name')}: {signal} pins" + (" + exposed pad" if exposed else "")
    if payload.get("edited"):
        origin_text = (origin_text + " " if origin_text else "") + "with your edits"
    return text + (f", {origin_text}" if origin_text else "")


def datasheet_problem(url: str) -> Optional[str]:
    """Why `url` cannot go into the footprint as its datasheet link, or None (the daemon's
    schema has the same rule: http(s), no spaces or quotes)."""
    if not url.startswith(("http://", "https://")) or len(url) <= len("https://"):
        return "a datasheet link starts with http:// or https://"
    if any(c.isspace() or c in "\"'<>" or ord(c) < 32 for c in url) or len(url) > 497:
        return "a datasheet link has no spaces or quotes (at most 497 characters)"
    return None
