"""The reading grammar: bounded, narrowed where pydantic's schema is loose, and enforced."""

import pytest

from daemon.model.grammar import MODEL_SOURCES, grammar_schema, schema_problems
from schemas.reading import DatasheetReading


def test_grammar_schema_is_fully_bounded():
    assert schema_problems(grammar_schema()) == []


@pytest.mark.parametrize("node, problem", [
    ({"type": "number"}, "number without minimum and maximum"),
    ({"type": "integer", "minimum": 0}, "integer without minimum and maximum"),
    ({"type": "array", "items": {"type": "boolean"}}, "array without maxItems"),
    ({"type": "string"}, "string without enum, const or pattern"),
    ({"type": "string", "pattern": "^[a-z]+$", "maxLength": 4}, "minLength/maxLength"),
    ({"type": "string", "pattern": "^[ -~]*$"}, "quote or backslash"),
    ({"type": "object", "additionalProperties": True}, "additional properties"),
])
def test_schema_problems_finds_each_unbounded_construct(node, problem):
    found = schema_problems({"type": "object", "additionalProperties": False,
                             "properties": {"x": node}})
    assert len(found) == 1 and problem in found[0] and found[0].startswith("$.x")


def test_reading_schema_itself_lets_quotes_into_notes():
    # Why grammar_schema narrows the notes pattern (report this to schemas/ owners).
    assert schema_problems(DatasheetReading.model_json_schema()) == [
        "$.notes: pattern admits a quote or backslash"]


def test_toleranced_in_grammar_needs_a_number_and_a_reader_source():
    tol = grammar_schema()["$defs"]["Toleranced"]
    assert sorted(v["required"][0] for v in tol["anyOf"]) == ["max", "min", "nom"]
    props = tol["anyOf"][0]["properties"]
    assert props["source"]["enum"] == MODEL_SOURCES
    assert all(props[k]["type"] == "number" for k in ("min", "nom", "max"))


@pytest.fixture(scope="module")
def compiled(tiny_model):
    from daemon.model.grammar import ReadingGrammar
    from daemon.model.loading import load_processor

    tokenizer = load_processor(tiny_model).tokenizer
    return ReadingGrammar(tokenizer, vocab_size=512,
                          stop_token_ids=[tokenizer.convert_tokens_to_ids("<|im_end|>")])


def _accepts(compiled, text):
    import xgrammar

    matcher = xgrammar.GrammarMatcher(compiled.compiled)
    return matcher.accept_string(text) and matcher.is_completed()


HEAD = '{"units":"mm","family":"soic","pin_count":8'


@pytest.mark.parametrize("text, ok", [
    (HEAD + "}", True),
    (HEAD + ',"pitch":{"nom":1.27,"source":"datasheet_table"}}', True),
    (HEAD + ',"body_length":{"min":4.8,"max":5.0}}', True),
    (HEAD + ',"pitch":{"min":null}}', False),  # empty toleranced value
    (HEAD + ',"pitch":{"source":"datasheet_table"}}', False),  # no number at all
    (HEAD + ',"pitch":{"nom":1.27,"source":"derived"}}', False),  # a model does not compute
    (HEAD + ',"pitch":{"nom":12000}}', False),  # beyond PRINTED_LIMIT
    ('{"units":"mm","family":"soic","pin_count":2000}', False),  # pin_count le=1024
    (HEAD + ',"notes":"a"b"}', False),  # raw quote would break the JSON
    (HEAD + ',"notes":"pin 1 dot, (top view)"}', True),
    ('{"units": "mm","family":"soic","pin_count":8}', False),  # compact separators only
    (HEAD + ',"family":"soic"}', False),  # no repeated keys
    (HEAD, False),  # incomplete
])
def test_compiled_grammar_accepts_exactly_the_narrowed_schema(compiled, text, ok):
    assert _accepts(compiled, text) is ok
