"""DatasheetReading -> FootprintSpec: units, land pattern choice, pad placement per family."""

from footprint_writer.builder.core import build_footprint
from footprint_writer.builder.families import FAMILY_BUILDERS

__all__ = ["FAMILY_BUILDERS", "build_footprint"]
