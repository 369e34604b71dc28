"""The grammar a model's output is forced into: DatasheetReading's JSON Schema, via xgrammar.

The grammar schema is derived from `schemas.reading.DatasheetReading` (never hand-written) and
narrowed where a grammar can say more than pydantic's schema: a toleranced value holds at least
one number and only a reader's source (the datasheet's table or drawing: the model reads, code
computes), and free text holds no quote or backslash (see `_UNSAFE_IN_PATTERN`).

xgrammar 0.2.8 keeps output bounded only if the schema is: every number with a minimum and
maximum, every list with maxItems, every string by enum/const/pattern (its minLength /
maxLength handling lets control characters through). `schema_problems` checks exactly that, so
a schema change that would loosen the grammar fails a test instead of a user's run.
"""

import copy
import re
from typing import Any, Dict, List

from schemas.reading import DatasheetReading

# The provenance a model may claim for a value it read (schemas.provenance.Source).
MODEL_SOURCES = ["datasheet_table", "datasheet_drawing"]


def _without_null(prop: Dict[str, Any]) -> Dict[str, Any]:
    """`anyOf: [X, null]` -> X (with the property's description kept)."""
    options = [o for o in prop.get("anyOf", [prop]) if o.get("type") != "null"]
    out = dict(options[0])
    if "description" in prop:
        out["description"] = prop["description"]
    return out


def _toleranced(spec: Dict[str, Any]) -> Dict[str, Any]:
    """Toleranced as "at least one of min/nom/max, none of them null, a reader's source".

    pydantic rejects an empty toleranced value; saying so in the grammar keeps a model from
    writing `{"min": null}` and failing validation afterwards.
    """
    props = {name: _without_null(prop) for name, prop in spec["properties"].items()}
    props["source"]["enum"] = [s for s in props["source"]["enum"] if s in MODEL_SOURCES]
    variants = []
    for needed in ("min", "nom", "max"):
        variants.append({"type": "object", "properties": props, "required": [needed],
                         "additionalProperties": False})
    return {"description": spec.get("description", ""), "anyOf": variants}


# xgrammar 0.2.8 turns a string `pattern` into raw characters inside the JSON string: a class
# that admits `"` or `\\` lets the model close or break the string early (invalid JSON). The
# grammar's free-text patterns therefore leave out those two characters.
_UNSAFE_IN_PATTERN = {
    r"^[ -~]{0,400}$": r"^[ !#-\[\]-~]{0,400}$",  # schemas.reading._NOTE
}


_QUOTE_PROBES = ('"', "\\", 'a"', "a\\", '""', "\\\\")


def _safe_patterns(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("pattern") in _UNSAFE_IN_PATTERN:
            node["pattern"] = _UNSAFE_IN_PATTERN[node["pattern"]]
        for value in node.values():
            _safe_patterns(value)
    elif isinstance(node, list):
        for value in node:
            _safe_patterns(value)


def grammar_schema() -> Dict[str, Any]:
    """DatasheetReading's JSON Schema, narrowed where the grammar can say more than pydantic's
    schema does: a toleranced value has at least one number and a reader's source; free text
    holds no quote or backslash."""
    schema = copy.deepcopy(DatasheetReading.model_json_schema())
    schema["$defs"]["Toleranced"] = _toleranced(schema["$defs"]["Toleranced"])
    _safe_patterns(schema)
    return schema


def schema_problems(schema: Dict[str, Any]) -> List[str]:
    """Places where the schema leaves the grammar unbounded or trips xgrammar 0.2.8."""
    problems: List[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f"{where}[{i}]")
            return
        if not isinstance(node, dict):
            return
        kind = node.get("type")
        fixed = "const" in node or "enum" in node
        if kind in ("number", "integer") and not fixed and (
                "minimum" not in node or "maximum" not in node):
            problems.append(f"{where}: {kind} without minimum and maximum")
        if kind == "array" and "maxItems" not in node:
            problems.append(f"{where}: array without maxItems")
        if kind == "string":
            if not any(k in node for k in ("enum", "const", "pattern")):
                problems.append(f"{where}: string without enum, const or pattern")
            pattern = node.get("pattern")
            if pattern and any(re.search(pattern, probe) for probe in _QUOTE_PROBES):
                problems.append(f"{where}: pattern admits a quote or backslash")
            if "minLength" in node or "maxLength" in node:
                problems.append(f"{where}: minLength/maxLength (xgrammar issue 800); "
                                "bound the length in a pattern")
        if kind == "object" and node.get("additionalProperties", False) is not False:
            problems.append(f"{where}: object open to additional properties")
        for key, value in node.items():
            if key in ("properties", "$defs"):
                for name, sub in value.items():
                    walk(sub, f"{where}.{name}")
            elif key in ("items", "anyOf", "oneOf", "allOf", "prefixItems"):
                walk(value, f"{where}.{key}")

    walk(schema, "$")
    return problems


class ReadingGrammar:
    """The compiled grammar for one tokenizer; compile once, then a fresh processor per call."""

    def __init__(self, tokenizer, vocab_size: int, stop_token_ids: List[int]):
        import xgrammar

        schema = grammar_schema()
        problems = schema_problems(schema)
        if problems:
            raise ValueError("DatasheetReading's schema cannot bound the grammar: "
                             + "; ".join(problems))
        # vocab_size is the model's logits width (padded beyond the tokenizer's vocabulary).
        info = xgrammar.TokenizerInfo.from_huggingface(
            tokenizer, vocab_size=vocab_size, stop_token_ids=stop_token_ids)
        # cache_enabled=False: 0.2.8's grammar cache hashes the FSM and aborts on this schema
        # ("Check failed: per_rule_fsm_hashes[ref_rule_id].has_value()", xgrammar PR 647).
        # We compile once per runner and keep the result, so the cache buys nothing anyway.
        compiler = xgrammar.GrammarCompiler(info, max_threads=2, cache_enabled=False)
        self.compiled = compiler.compile_json_schema(
            schema, any_whitespace=False, separators=(",", ":"), strict_mode=True)
        self.vocab_size = vocab_size

    def logits_processor(self):
        """A new processor for one greedy `generate` call: the mask only where the model's
        own choice breaks the grammar (daemon.model.fast_grammar; same tokens as full
        masking)."""
        from daemon.model.fast_grammar import LazyGrammarProcessor

        return LazyGrammarProcessor(self.compiled, self.vocab_size)

    def full_mask_processor(self):
        """xgrammar's own processor: the whole mask on every step (the reference the lazy
        one is tested and benchmarked against; single-use)."""
        from xgrammar.contrib.hf import LogitsProcessor

        return LogitsProcessor(self.compiled)
