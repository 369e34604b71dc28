"""SOT-223-like tab packages with more leads: DPAK / D2PAK (TO-252 / TO-263).

Leads 1..n down the left at x = -C/2 (pitch e, centred), the tab on the right at x = +C/2
numbered n+1 (KiCad's TO-252-2 calls its tab "2" after the cut middle lead; rename it if the
datasheet does). C is lead-pad centre to tab-pad centre, so the origin lies midway between
them; the body outline is centred there too.
"""

from footprint_writer.builder.body import make_body
from footprint_writer.builder.context import BuildContext, Placement
from footprint_writer.builder.pads import centred, smd_pad
from footprint_writer.errors import InputError
from footprint_writer.naming import sanitize


def place_dpak(ctx: BuildContext) -> Placement:
    n = ctx.reading.pin_count
    if not 1 <= n <= 8:
        raise InputError(f"dpak: 1 to 8 leads beside the tab, the reading says {n}")
    e = ctx.need("pitch")
    c = ctx.need("row_spacing")
    x, y = ctx.need("pad_width"), ctx.need("pad_length")
    tab_x, tab_y = ctx.need("tab_width"), ctx.need("tab_length")
    pads = [smd_pad(str(i + 1), -c / 2.0, py, y, x) for i, py in enumerate(centred(n, e))]
    pads.append(smd_pad(str(n + 1), c / 2.0, 0.0, tab_y, tab_x))
    name = ctx.reading.package_name or f"TO-252-{n}"
    return Placement(pads=pads, name=sanitize(name), body=make_body(ctx),
                     description=f"DPAK / D2PAK, {n} leads and tab (pad {n + 1})",
                     tags=["DPAK", "TO-252", "TO-263"])
