"""The three IPC-7351B land equations, with the same symbols as the standard.

    Zmax = Lmin + 2·JT + √(CL² + F² + P²)      outer pad edge to outer pad edge
    Gmin = Smax − 2·JH − √(CS² + F² + P²)      inner pad edge to inner pad edge
    Xmax = Wmin + 2·JS + √(CW² + F² + P²)      pad width

L: lead tip to lead tip; S: inner lead edge to inner lead edge; W: lead width;
C·: tolerance of that dimension (RMS for derived ones, see dimension.py);
JT, JH, JS: toe, heel and side fillet goals (tables.py); F, P: fabrication and placement
tolerance. Pad length Y = (Z − G)/2 and row spacing C = (Z + G)/2 follow.
"""

import math
from dataclasses import dataclass

from footprint_writer.ipc.dimension import IpcDim
from footprint_writer.ipc.rounding import clean, to_base
from footprint_writer.ipc.tables import F_MM, P_MM, FilletGoals, RoundBase


@dataclass(frozen=True)
class RowWorking:
    """Z, G, X of one pair of rows, before and after rounding, with their inputs."""

    L: IpcDim
    S: IpcDim
    W: IpcDim
    JT: float
    JH: float
    JS: float
    Zmax_raw: float
    Gmin_raw: float
    Xmax_raw: float
    Zmax: float
    Gmin: float
    Xmax: float
    heel_reduction: float = 0.0  # how far G was widened to clear an exposed pad

    @property
    def pad_length(self) -> float:
        """Y = (Z − G) / 2."""
        return clean((self.Zmax - self.Gmin) / 2.0)

    @property
    def row_spacing(self) -> float:
        """C = (Z + G) / 2 (pad centre to pad centre across the rows)."""
        return clean((self.Zmax + self.Gmin) / 2.0)

    def as_dict(self) -> dict:
        def dim(d: IpcDim) -> dict:
            return {"min": clean(d.min), "max": clean(d.max), "tol_rms": clean(d.rms)}

        return {"L": dim(self.L), "S": dim(self.S), "W": dim(self.W),
                "JT": self.JT, "JH": self.JH, "JS": self.JS,
                "Zmax_raw": clean(self.Zmax_raw), "Gmin_raw": clean(self.Gmin_raw),
                "Xmax_raw": clean(self.Xmax_raw), "Zmax": self.Zmax, "Gmin": self.Gmin,
                "Xmax": self.Xmax, "heel_reduction": clean(self.heel_reduction),
                "pad_length": self.pad_length, "row_spacing": self.row_spacing}


def _rss(C: float, F: float = F_MM, P: float = P_MM) -> float:
    return math.sqrt(C ** 2 + F ** 2 + P ** 2)


def zgx(L: IpcDim, S: IpcDim, W: IpcDim, goals: FilletGoals, base: RoundBase,
        F: float = F_MM, P: float = P_MM) -> RowWorking:
    """Apply the three equations and round Z, G, X each to its base (rounding.py)."""
    JT, JH, JS = goals.toe, goals.heel, goals.side
    # Zmax = Lmin + 2·JT + √(CL² + F² + P²)
    Zmax = L.min_rms + 2 * JT + _rss(L.rms, F, P)
    # Gmin = Smax − 2·JH − √(CS² + F² + P²)
    Gmin = S.max_rms - 2 * JH - _rss(S.rms, F, P)
    # Xmax = Wmin + 2·JS + √(CW² + F² + P²)
    Xmax = W.min_rms + 2 * JS + _rss(W.rms, F, P)
    return RowWorking(L=L, S=S, W=W, JT=JT, JH=JH, JS=JS,
                      Zmax_raw=Zmax, Gmin_raw=Gmin, Xmax_raw=Xmax,
                      Zmax=to_base(Zmax, base.toe), Gmin=to_base(Gmin, base.heel),
                      Xmax=to_base(Xmax, base.side))


def inner_span(L: IpcDim, T: IpcDim) -> IpcDim:
    """S from L and the lead (foot) length T: S = L − 2·T, tolerance √(CL² + 2·CT²)."""
    return L.minus(T.times(2))


def clear_exposed_pad(row: RowWorking, ep_size: float,
                      clearance: float) -> RowWorking:
    """Widen G so every pad keeps `clearance` to an exposed pad of `ep_size` (KiCad rule)."""
    needed = clean(ep_size + 2 * clearance)
    if ep_size <= 0 or row.Gmin >= needed:
        return row
    return RowWorking(**{**row.__dict__, "Gmin": needed,
                         "heel_reduction": (needed - row.Gmin) / 2.0})
