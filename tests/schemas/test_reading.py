import json

import pytest
from pydantic import ValidationError

from schemas.reading import DatasheetReading


def _walk(node, path="$"):
    """Yield (path, schema node) for every sub-schema of a JSON Schema."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}[{i}]")


def test_reading_schema_is_bounded_for_grammar_forcing():
    """Every number bounded, every list bounded, every free string by pattern (NOTES.md)."""
    schema = DatasheetReading.model_json_schema()
    for path, node in _walk(schema):
        kind = node.get("type")
        if "const" in node or "enum" in node:
            continue
        if kind in ("number", "integer"):
            assert "minimum" in node or "exclusiveMinimum" in node, path
            assert "maximum" in node or "exclusiveMaximum" in node, path
        if kind == "array":
            assert "maxItems" in node, path
        if kind == "string":
            assert "pattern" in node, path
            assert "maxLength" not in node, path


def test_minimal_reading_and_units_required():
    reading = DatasheetReading(units="mm", family="soic", pin_count=8, pitch={"nom": 1.27})
    assert reading.pitch.nominal == 1.27
    data = json.loads(reading.model_dump_json())
    del data["units"]
    with pytest.raises(ValidationError, match="units"):
        DatasheetReading.model_validate(data)


@pytest.mark.parametrize(
    "patch",
    [
        {"family": "sot99"},
        {"units": "cm"},
        {"pin_count": 0},
        {"pin_count": 10000},
        {"pitch": {"nom": -1}},
        {"pitch": {"min": 1.3, "max": 1.2}},
        {"part_name": "bad\nname"},
        {"family": "other"},
    ],
)
def test_bad_readings_rejected(patch):
    data = {"units": "mm", "family": "soic", "pin_count": 8, "pitch": {"nom": 1.27}}
    data.update(patch)
    with pytest.raises(ValidationError):
        DatasheetReading.model_validate(data)


def test_dimensions_lists_land_pattern_fields():
    reading = DatasheetReading.model_validate({
        "units": "mm", "family": "dfn", "pin_count": 8, "pitch": {"nom": 0.5},
        "land_pattern": {"row_spacing": {"nom": 2.9}, "pad_width": {"max": 0.3}},
    })
    dims = reading.dimensions()
    assert set(dims) == {"pitch", "land_pattern.row_spacing", "land_pattern.pad_width"}
