"""An explicit courtyard is only right for the pads it was drawn around.

`ds2fp import` keeps a library footprint's courtyard and records a fingerprint of the pads
and body it surrounds. When an edit moves, adds or resizes pads (or the body), the old
courtyard no longer fits: it is recomputed from the new geometry (KLC F5.3 clearance), unless
the user pinned it (`courtyard_pinned: true`). A courtyard written by hand with no
fingerprint is the user's: it is kept, and the geometry checks flag pads outside it.
"""

import hashlib
import json
from typing import List, Tuple

from schemas.footprint import FootprintSpec
from schemas.provenance import Issue, Provenance


def geometry_fingerprint(spec: FootprintSpec) -> str:
    """16 hex digits over every pad's place, size, shape, kind and drill, and the body."""
    pads = [[p.number, p.kind, p.shape, p.role, round(p.x, 4), round(p.y, 4),
             round(p.size_x, 4), round(p.size_y, 4), round(p.rotation, 3),
             p.drill.model_dump() if p.drill else None] for p in spec.pads]
    body = spec.body.model_dump() if spec.body else None
    text = json.dumps([pads, body], sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def with_basis(spec: FootprintSpec) -> FootprintSpec:
    """The spec with its explicit courtyard tied to today's pads and body."""
    if spec.courtyard is None:
        return spec
    return spec.model_copy(update={"courtyard_basis": geometry_fingerprint(spec)})


def refresh_courtyard(spec: FootprintSpec) -> Tuple[FootprintSpec, List[Issue]]:
    """(spec, issues): the explicit courtyard dropped (recomputed at render) when the pads or
    body changed since it was drawn and it is not pinned."""
    if spec.courtyard is None or spec.courtyard_pinned or spec.courtyard_basis is None:
        return spec, []
    if spec.courtyard_basis == geometry_fingerprint(spec):
        return spec, []
    old = spec.courtyard
    provenance = dict(spec.provenance)
    provenance["courtyard"] = Provenance(
        source="derived", detail=f"recomputed from the edited pads and body (class "
                                 f"{spec.courtyard_class}, {spec.courtyard_clearance:g} mm)")
    issue = Issue(code="courtyard_recomputed", severity="info", field="courtyard",
                  message=f"the pads or body changed since the courtyard ({old.x0:g}, "
                          f"{old.y0:g})..({old.x1:g}, {old.y1:g}) was drawn: it is recomputed "
                          f"around them; set courtyard_pinned to keep the old one")
    return spec.model_copy(update={"courtyard": None, "courtyard_basis": None,
                                   "provenance": provenance}), [issue]
