import math

import pytest
from pydantic import ValidationError

from schemas.toleranced import Toleranced


@pytest.mark.parametrize(
    "kwargs, nominal, least, most",
    [
        ({"min": 0.2, "nom": 0.25, "max": 0.3}, 0.25, 0.2, 0.3),
        ({"min": 0.2, "max": 0.3}, 0.25, 0.2, 0.3),
        ({"nom": 1.27}, 1.27, 1.27, 1.27),
        ({"max": 0.3}, 0.3, 0.3, 0.3),
        ({"min": 0.2}, 0.2, 0.2, 0.2),
        ({"min": 0.0, "nom": 0.02, "max": 0.05}, 0.02, 0.0, 0.05),
    ],
)
def test_partial_values(kwargs, nominal, least, most):
    t = Toleranced(**kwargs)
    assert math.isclose(t.nominal, nominal)
    assert math.isclose(t.least, least)
    assert math.isclose(t.most, most)


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"min": 0.3, "max": 0.2},
        {"min": 0.3, "nom": 0.2},
        {"nom": 0.4, "max": 0.3},
        {"nom": -1.0},
        {"nom": float("nan")},
        {"nom": float("inf")},
        {"nom": 1e9},
    ],
)
def test_invalid_values_rejected(kwargs):
    with pytest.raises(ValidationError):
        Toleranced(**kwargs)


def test_unit_conversion_rounds_float_noise():
    t = Toleranced(min=10, nom=12, max=14).to_mm("mil")
    assert (t.min, t.nom, t.max) == (0.254, 0.3048, 0.3556)
    assert Toleranced(nom=0.05).to_mm("inch").nom == 1.27


def test_plus_minus():
    t = Toleranced.plus_minus(0.7, 0.1, 0.0)
    assert (t.min, t.nom, t.max) == (0.7, 0.7, 0.8)
