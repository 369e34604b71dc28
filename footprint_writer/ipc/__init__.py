"""IPC-7351B land patterns from package dimensions (see docs/ipc.md)."""

from footprint_writer.ipc.calculator import land_pattern_from_package, reading_in_mm
from footprint_writer.ipc.result import IpcResult

__all__ = ["IpcResult", "land_pattern_from_package", "reading_in_mm"]
