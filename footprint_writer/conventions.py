"""KiCad Library Conventions (KLC) numbers the writer applies, in one place."""

FILE_VERSION = "20211014"  # KiCad 6 footprint format: loads in KiCad 6 to 10
GENERATOR = "ds2fp"
TEDIT = "0"  # fixed so rendering is deterministic (KiCad rewrites it on save)

SILK_WIDTH = 0.12  # KLC F5.1
FAB_WIDTH = 0.10  # KLC F5.2
COURTYARD_WIDTH = 0.05  # KLC F5.3
COURTYARD_GRID = 0.01  # KLC F5.3: courtyard on a 0.01 mm grid

SILK_PAD_CLEARANCE = 0.20  # KLC F5.1: silkscreen at least 0.2 mm from copper
SILK_BODY_OFFSET = 0.11  # silk outline drawn this far outside the body (KLC generator)
SILK_MIN_SEGMENT = 0.25  # clipped silk pieces shorter than this are dropped
PIN1_MARK_LENGTH = 0.35  # pin-1 triangle: tip to base
PIN1_MARK_WIDTH = 0.35  # pin-1 triangle: base

FAB_BEVEL_MAX = 1.0  # KLC F5.2: pin-1 bevel of 1 mm or 25 % of the body, the smaller
FAB_BEVEL_RATIO = 0.25

TEXT_SIZE = 1.0
TEXT_THICKNESS = 0.15
FAB_TEXT_MIN = 0.5  # KLC F5.2: ${REFERENCE} shrinks to fit small bodies, down to this
TEXT_OFFSET = 0.73  # reference/value centre beyond the courtyard edge

MIN_ANNULAR_RING = 0.15  # KLC F7.5: plated pads keep this much copper round the hole

ROUNDRECT_RATIO = 0.25  # KLC: radius 25 % of the short side ...
ROUNDRECT_MAX_RADIUS = 0.25  # ... at most 0.25 mm

DECIMALS = 6  # every coordinate written is rounded to this (kiutils writes repr)
