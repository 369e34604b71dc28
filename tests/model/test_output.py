"""Answer text -> DatasheetReading, or an error that names the cause and keeps the raw text."""

import pytest

from daemon.model.output import ModelOutputError, parse_reading
from daemon.readers.base import ReaderError

GOOD = ('{"units":"mm","family":"soic","pin_count":8,"pitch":{"nom":1.27,'
        '"source":"datasheet_table"},"body_length":{"min":4.8,"max":5.0}}')


def test_valid_answer_becomes_a_reading():
    reading = parse_reading(GOOD)
    assert reading.family == "soic" and reading.pin_count == 8
    assert reading.pitch.nom == 1.27 and reading.body_length.least == 4.8


@pytest.mark.parametrize("raw, truncated, says", [
    (GOOD[:40], True, "cut off at max_new_tokens=300"),
    ("   ", False, "empty answer"),
    ('{"units":"mm","family":"soic","pin_count":8,"body_length":{"min":5.0,"max":4.8}}', False,
     "min 5.0 > max 4.8"),
    ('{"units":"mm","family":"other","pin_count":2}', False, "explicit pad list"),
    ('{"units":"mm","family":"soic","pin_count":8,"pitch":{"nom":1.27,"source":"derived"}}',
     False, "sources a reader cannot know"),
    ("not json at all", False, "not a valid reading"),
])
def test_unusable_answers_raise_with_raw_text(raw, truncated, says):
    with pytest.raises(ModelOutputError) as info:
        parse_reading(raw, truncated=truncated, max_new_tokens=300)
    assert says in str(info.value)
    assert info.value.raw == raw
    assert isinstance(info.value, ReaderError) and info.value.code == "model_error"
