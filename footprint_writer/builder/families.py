"""Family -> placement function. The ONE dispatch table; add a family by adding a line here
(and its module beside it). Every function takes a BuildContext and returns a Placement."""

from typing import Callable, Dict

from footprint_writer.builder.bga import place_bga
from footprint_writer.builder.context import BuildContext, Placement
from footprint_writer.builder.explicit import place_explicit
from footprint_writer.builder.molded import place_melf, place_molded
from footprint_writer.builder.rows import place_dual_row, place_quad
from footprint_writer.builder.sot import place_sot23, place_sot223
from footprint_writer.builder.tab import place_dpak
from footprint_writer.builder.tht import place_dip, place_pin_header
from footprint_writer.builder.to92 import place_to92
from footprint_writer.builder.to220 import place_to220
from footprint_writer.builder.two_terminal import place_chip, place_sod

PlaceFunction = Callable[[BuildContext], Placement]

FAMILY_BUILDERS: Dict[str, PlaceFunction] = {
    "chip": place_chip,
    "sod": place_sod,
    "sot23": place_sot23,
    "sot223": place_sot223,
    "soic": place_dual_row,
    "ssop": place_dual_row,
    "tssop": place_dual_row,
    "msop": place_dual_row,
    "dfn": place_dual_row,
    "son": place_dual_row,
    "qfp": place_quad,
    "qfn": place_quad,
    "dip": place_dip,
    "pin_header": place_pin_header,
    "other": place_explicit,
    "molded": place_molded,
    "melf": place_melf,
    "dpak": place_dpak,
    "bga": place_bga,
    "to220": place_to220,
    "to92": place_to92,
}

# Families whose placement is a package convention, independent of the drawing's view.
STANDARD_NUMBERING = frozenset(FAMILY_BUILDERS) - {"other"}
