"""A toleranced size (min / nom / max), the unit every datasheet dimension comes in.

IPC-7351B needs min and max, not just the nominal; a datasheet often prints only some of
the three. The object keeps exactly what was printed and answers the questions the math
asks (`least`, `most`, `nominal`, `tolerance`), so no caller invents a missing value.
"""

import math
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.provenance import Source
from schemas.units import Unit, round_mm, to_mm

# Bound for numbers as printed (any unit): 10 000 mil is 254 mm, larger than any part we make.
PRINTED_LIMIT = 10000.0


def _bounded(description: str) -> Optional[float]:
    return Field(default=None, ge=0.0, le=PRINTED_LIMIT, allow_inf_nan=False,
                 description=description)


class Toleranced(BaseModel):
    """A dimension as printed: any of min / nom / max, at least one, in order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min: Optional[float] = _bounded("smallest value printed (MIN column)")
    nom: Optional[float] = _bounded("nominal value printed (NOM column, BSC, REF, TYP)")
    max: Optional[float] = _bounded("largest value printed (MAX column)")
    source: Optional[Source] = Field(default=None, description="where on the page it was read")

    @model_validator(mode="after")
    def _consistent(self) -> "Toleranced":
        given = [v for v in (self.min, self.nom, self.max) if v is not None]
        if not given:
            raise ValueError("a toleranced value needs at least one of min, nom, max")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} > max {self.max} (columns swapped?)")
        if self.nom is not None:
            if self.min is not None and self.nom < self.min:
                raise ValueError(f"nom {self.nom} < min {self.min}")
            if self.max is not None and self.nom > self.max:
                raise ValueError(f"nom {self.nom} > max {self.max}")
        return self

    @classmethod
    def exact(cls, value: float, source: Optional[Source] = None) -> "Toleranced":
        """A basic (BSC) or single printed value."""
        return cls(nom=value, source=source)

    @classmethod
    def plus_minus(cls, nom: float, plus: float, minus: Optional[float] = None,
                   source: Optional[Source] = None) -> "Toleranced":
        """`nom +plus/-minus`, the style connector drawings use (minus defaults to plus)."""
        minus = plus if minus is None else minus
        return cls(min=round_mm(nom - minus), nom=nom, max=round_mm(nom + plus), source=source)

    @property
    def nominal(self) -> float:
        """NOM if printed, else the middle of MIN and MAX, else the one value printed."""
        if self.nom is not None:
            return self.nom
        if self.min is not None and self.max is not None:
            return (self.min + self.max) / 2.0
        return self.min if self.min is not None else self.max  # type: ignore[return-value]

    @property
    def least(self) -> float:
        """MIN if printed, else the nominal (no tolerance known)."""
        return self.min if self.min is not None else self.nominal

    @property
    def most(self) -> float:
        """MAX if printed, else the nominal (no tolerance known)."""
        return self.max if self.max is not None else self.nominal

    @property
    def tolerance(self) -> float:
        """MAX − MIN (0 when the datasheet gave no tolerance)."""
        return self.most - self.least

    @property
    def has_tolerance(self) -> bool:
        return self.min is not None and self.max is not None

    def to_mm(self, unit: Unit) -> "Toleranced":
        """The same value in millimetres."""
        if unit == "mm":
            return self

        def conv(v: Optional[float]) -> Optional[float]:
            return None if v is None else round_mm(to_mm(v, unit))

        return Toleranced(min=conv(self.min), nom=conv(self.nom), max=conv(self.max),
                          source=self.source)

    def values(self) -> list:
        """The printed numbers, for grounding against the page."""
        return [v for v in (self.min, self.nom, self.max) if v is not None]

    def __str__(self) -> str:
        parts = ["-" if v is None else f"{v:g}" for v in (self.min, self.nom, self.max)]
        return "/".join(parts)


def is_finite(value: float) -> bool:
    return not (math.isnan(value) or math.isinf(value))
