"""A toleranced package dimension as the IPC-7351B equations use it.

The equations need each dimension's least and most material condition and its tolerance.
When a dimension is *derived* (S = L - 2·T), IPC-7351B replaces the worst-case tolerance
sum by the root of the sum of squares (RMS) and keeps the result centred in the
worst-case range:

    Stol(RMS) = √(Ltol² + 2·Ttol²)
    Smax(RMS) = Smax − (Stol − Stol(RMS)) / 2
    Smin(RMS) = Smin + (Stol − Stol(RMS)) / 2

This is exactly how KiCad's footprint generator (tools/ipc_pad_size_calculators.py,
`TolerancedSize.updateRMS`) computes its library, so our results can match KiCad's.
A multiple k·T is counted as k independent tolerances (tol·√k), as the generator does.
"""

import math
from dataclasses import dataclass
from typing import Optional

from schemas.toleranced import Toleranced

# Float noise below this is not a tolerance (the generator compares at 1e-6 too).
_EPS = 1e-6


@dataclass(frozen=True)
class IpcDim:
    """min / max of one dimension in mm plus its (possibly RMS-reduced) tolerance."""

    min: float
    max: float
    tol_rms: Optional[float] = None  # None: a measured dimension, RMS == worst case

    def __post_init__(self):
        if self.min > self.max + _EPS:
            raise ValueError(f"minimum {self.min:g} > maximum {self.max:g}")

    @classmethod
    def of(cls, value: Toleranced) -> "IpcDim":
        """From a printed dimension: a missing MIN or MAX falls back to the nominal."""
        return cls(min=value.least, max=value.most)

    @classmethod
    def exact(cls, value: float) -> "IpcDim":
        return cls(min=value, max=value)

    @property
    def tol(self) -> float:
        """Worst-case tolerance MAX − MIN."""
        return self.max - self.min

    @property
    def rms(self) -> float:
        """Tolerance used in the equations (RMS for derived dimensions)."""
        return self.tol if self.tol_rms is None else self.tol_rms

    @property
    def min_rms(self) -> float:
        return self.min + (self.tol - self.rms) / 2.0

    @property
    def max_rms(self) -> float:
        return self.max - (self.tol - self.rms) / 2.0

    @property
    def nominal(self) -> float:
        return (self.min + self.max) / 2.0

    def minus(self, other: "IpcDim") -> "IpcDim":
        """self − other with the RMS tolerance √(a² + b²)."""
        return _derived(self.min - other.max, self.max - other.min,
                        math.sqrt(self.rms ** 2 + other.rms ** 2))

    def plus(self, other: "IpcDim") -> "IpcDim":
        return _derived(self.min + other.min, self.max + other.max,
                        math.sqrt(self.rms ** 2 + other.rms ** 2))

    def times(self, k: float) -> "IpcDim":
        """k·self, counted as k independent tolerances: tol(RMS)·√k."""
        if k <= 0:
            raise ValueError("scale factor must be positive")
        return _derived(self.min * k, self.max * k, self.rms * math.sqrt(k))


def _derived(lo: float, hi: float, tol_rms: float) -> IpcDim:
    # An RMS sum can never exceed the worst-case sum; float noise can make it look so.
    return IpcDim(min=lo, max=hi, tol_rms=min(tol_rms, hi - lo))
