"""build_footprint: DatasheetReading (page units) -> FootprintSpec (mm, top view).

Steps: units to mm and sanity limits (convert.py); view / numbering consistency; the land
pattern chosen and completed (land.py); pads placed by the family's function (families.py);
metadata, provenance and the geometry checks' findings attached.
"""

from dataclasses import replace
from typing import List, Optional

from pydantic import ValidationError

from footprint_writer import conventions as klc
from footprint_writer.builder.context import BuildContext, Land, fmt
from footprint_writer.builder.convert import reading_to_mm
from footprint_writer.builder.families import FAMILY_BUILDERS, STANDARD_NUMBERING
from footprint_writer.builder.land import resolve_land
from footprint_writer.checks import check_footprint
from footprint_writer.errors import InputError
from schemas.footprint import MAX_PADS, FootprintSpec
from schemas.options import BuildOptions
from schemas.provenance import Issue, Provenance
from schemas.reading import DatasheetReading


def build_footprint(reading: DatasheetReading,
                    options: Optional[BuildOptions] = None) -> FootprintSpec:
    """The footprint for `reading`; InputError (with a hint) when it cannot be built."""
    options = options or BuildOptions()
    place = FAMILY_BUILDERS.get(reading.family)
    if place is None:
        raise InputError(f"no footprint builder for family {reading.family!r} yet",
                         hint="supported: " + ", ".join(sorted(FAMILY_BUILDERS))
                              + "; or list the pads explicitly with family 'other'")
    reading_mm = reading_to_mm(reading)
    ctx = BuildContext(reading=reading_mm, land=Land(), options=options)
    if reading.units != "mm":
        ctx.warn("units_converted", f"values converted from {reading.units} to mm",
                 "units", severity="info")
    _check_view(ctx)
    ctx.land = resolve_land(ctx)
    try:
        placement = place(ctx)
    except ValidationError as exc:
        raise InputError(f"{reading.family}: the values give an impossible pad: "
                         f"{_first_error(exc)}", hint="check the units and the land pattern "
                                                      "values") from None
    if len(placement.pads) > MAX_PADS:
        raise InputError(f"{len(placement.pads)} pads: more than a footprint may have "
                         f"({MAX_PADS})")
    placement = replace(placement, pads=keep_annular_ring(ctx, placement.pads))
    if placement.attribute == "through_hole":
        placement = anchor_at_pin1(ctx, placement)
    _cross_check_ipc(ctx)
    if not options.datasheet:
        ctx.warn("no_datasheet_url", "no datasheet URL: KiCad's library rules (KLC F9.1) want "
                 "it in the description; give --datasheet URL (the plugin's Datasheet field)",
                 "datasheet", severity="info")
    try:
        spec = FootprintSpec(
            name=options.name or _with_suffixes(placement),
            description=_description(ctx, placement),
            datasheet=options.datasheet or "",
            tags=" ".join(placement.tags),
            attribute=placement.attribute,
            body=placement.body,
            pads=placement.pads,
            pin1=_pin1(placement.pads),
            courtyard_class=placement.courtyard_class,
            provenance=ctx.provenance,
            issues=ctx.issues[:400],
        )
    except ValidationError as exc:
        raise InputError(f"cannot make a footprint of this reading: {_first_error(exc)}",
                         hint="check the units and sizes") from None
    checks = _geometry_checks(spec)
    if checks:
        spec = spec.model_copy(update={"issues": (list(spec.issues) + checks)[:500]})
    return spec


def keep_annular_ring(ctx: BuildContext, pads):
    """KLC F7.5: every plated pad keeps MIN_ANNULAR_RING of copper round its hole; a smaller
    pad (the page's, or one squeezed by the pitch) is grown, and the user is told which."""
    ring = klc.MIN_ANNULAR_RING
    grown, out = [], []
    for pad in pads:
        if pad.kind != "tht" or pad.drill is None or pad.shape == "custom" \
                or pad.role == "thermal_via":
            out.append(pad)
            continue
        hole_x = pad.drill.diameter + 2 * abs(pad.drill.offset_x)
        hole_y = (pad.drill.slot_length or pad.drill.diameter) + 2 * abs(pad.drill.offset_y)
        size_x = max(pad.size_x, round(hole_x + 2 * ring, 4))
        size_y = max(pad.size_y, round(hole_y + 2 * ring, 4))
        if (size_x, size_y) != (pad.size_x, pad.size_y):
            grown.append((pad, size_x, size_y))
            pad = pad.model_copy(update={"size_x": size_x, "size_y": size_y})
        out.append(pad)
    if grown:
        first, sx, sy = grown[0]
        names = ", ".join(p.number or "unnumbered" for p, _, _ in grown[:12])
        ctx.warn("annular_ring_grown",
                 f"{len(grown)} plated pad(s) grown to keep a {ring:g} mm annular ring (KLC "
                 f"F7.5): pad {first.number or '?'} {fmt(first.size_x)} x "
                 f"{fmt(first.size_y)} -> {fmt(sx)} x {fmt(sy)} mm for drill "
                 f"{fmt(first.drill.diameter)} mm; check the gap to the next pad (pads "
                 f"{names})", "land_pattern.pad_diameter")
    return out


def anchor_at_pin1(ctx: BuildContext, placement):
    """KLC F7.2: a through-hole footprint's origin is pad 1 (the families lay every part
    out around its body centre; SMD parts keep that)."""
    first = _pin1(placement.pads)
    anchor = next((p for p in placement.pads if p.number == first and p.role == "signal"),
                  None)
    if anchor is None or (anchor.x == 0.0 and anchor.y == 0.0):
        return placement
    dx, dy = anchor.x, anchor.y
    ctx.provenance["origin"] = Provenance(
        source="derived", detail=f"pad {first} (KLC F7.2: through-hole parts are anchored "
                                 f"at pad 1); the body centre is at ({fmt(-dx)}, {fmt(-dy)})")
    for k, issue in enumerate(ctx.issues):
        if issue.code == "origin_moved":  # the centring said before is not the last word
            ctx.issues[k] = issue.model_copy(update={
                "message": f"origin at pad {first}, as KiCad's through-hole footprints "
                           f"(KLC F7.2); the page's coordinates were moved accordingly"})
    pads = [p.model_copy(update={"x": round(p.x - dx, 4), "y": round(p.y - dy, 4)})
            for p in placement.pads]
    body = placement.body
    if body is not None:
        body = body.model_copy(update={"center_x": round(body.center_x - dx, 4),
                                       "center_y": round(body.center_y - dy, 4)})
    return replace(placement, pads=pads, body=body)


def _pin1(pads) -> Optional[str]:
    """"1", else "A1" (BGA, USB-C), else the first numbered signal pad; None without any."""
    numbers = [p.number for p in pads if p.role == "signal" and p.number]
    for candidate in ("1", "A1"):
        if candidate in numbers:
            return candidate
    return numbers[0] if numbers else None


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ()))
    return f"{where}: {err.get('msg', '')}" if where else err.get("msg", "")


def _check_view(ctx: BuildContext) -> None:
    """A top view reads CCW, a bottom view CW: say so when the reading disagrees."""
    r = ctx.reading
    expected = "ccw" if r.view == "top" else "cw"
    if r.numbering != expected and r.family in STANDARD_NUMBERING:
        ctx.warn("numbering_direction",
                 f"the drawing is a {r.view} view but its pins are numbered {r.numbering}: "
                 f"seen from the {r.view} they run {expected}. Is the view right? The pads "
                 "follow the package standard (pin 1 top-left, counter-clockwise from the top)",
                 "numbering")
    if r.view == "bottom" and r.family in STANDARD_NUMBERING:
        ctx.warn("bottom_view", "bottom-view drawing: the footprint is the top view; pads "
                 "follow the package standard (pin 1 top-left, counter-clockwise), so the "
                 "drawing's left/right was not copied", "view", severity="info")


def _description(ctx: BuildContext, placement) -> str:
    r, land = ctx.reading, ctx.land
    parts = [placement.description]
    if r.part_name:
        parts.insert(0, r.part_name)
    if r.package_name:
        parts.append(f"package {r.package_name}")
    if land.pitch is not None and r.family != "other":
        parts.append(f"pitch {fmt(land.pitch)} mm")
    origin = {"datasheet": "datasheet land pattern",
              "ipc": f"IPC-7351B land pattern ({ctx.options.density} density)",
              "explicit": "pads as dimensioned on the datasheet",
              "mixed": f"datasheet land pattern completed by IPC-7351B "
                       f"({ctx.options.density} density)"}[land.origin]
    parts.append(origin)
    if ctx.options.datasheet:  # KLC F9.1: the datasheet link in the description
        parts.append(ctx.options.datasheet)
    parts.append("generated by ds2fp")
    return ", ".join(parts)[:2000]


def _with_suffixes(placement) -> str:
    """KiCad's name suffixes for what the pads show: `_ThermalVias` (KLC, the generator)."""
    name = placement.name
    if any(p.role == "thermal_via" for p in placement.pads) and "_ThermalVias" not in name:
        name += "_ThermalVias"
    return name


def _cross_check_ipc(ctx: BuildContext) -> None:
    """With the datasheet's pattern in use, report per dimension what IPC-7351B would give
    (footprint_writer.ipc.crosscheck: a warning for each difference above 0.1 mm)."""
    if ctx.land.origin != "datasheet" or ctx.options.pattern == "ipc":
        return
    from footprint_writer.ipc.crosscheck import cross_check, pattern_is_ipc

    if pattern_is_ipc(ctx.reading.land_pattern):
        return  # the "datasheet" pattern is itself an IPC result (ds2fp ipc)
    land = ctx.land
    used = {"pad_width": land.pad_width, "pad_length": land.pad_length,
            "row_spacing": land.row_spacing, "row_spacing_2": land.row_spacing_2,
            "exposed_pad_width": land.ep_across, "exposed_pad_length": land.ep_along,
            "drill": land.drill, "pad_diameter": land.pad_diameter}
    _, issues = cross_check(ctx.reading, used, ctx.options.density)
    ctx.issues.extend(i for i in issues if i.code != "ipc_cross_check_unavailable")


def _geometry_checks(spec: FootprintSpec) -> List[Issue]:
    return list(check_footprint(spec))
