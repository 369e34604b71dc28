"""Pydantic models shared by the daemon, the writer and the plugin."""

from schemas.footprint import Body, Drill, FootprintSpec, Model3D, Pad, Rect
from schemas.provenance import Issue, Provenance
from schemas.reading import DatasheetReading, LandPattern, ReadPad
from schemas.toleranced import Toleranced

__all__ = [
    "Body", "DatasheetReading", "Drill", "FootprintSpec", "Issue", "LandPattern", "Model3D",
    "Pad", "Provenance", "ReadPad", "Rect", "Toleranced",
]
