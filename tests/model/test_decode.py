"""Our own greedy loop (daemon/model/decode.py): without jump-forward it is token for token
transformers' generate; with it, the grammar's forced stretches cost no model step each and
the answer stays grammar-valid; cancellable between steps."""

import pytest

pytest.importorskip("transformers")
pytest.importorskip("xgrammar")

from daemon.model.decode import greedy_decode  # noqa: E402
from daemon.model.prompts import build_messages  # noqa: E402
from daemon.model.runner import QwenVLRunner  # noqa: E402
from daemon.readers.base import ReadCancelledError, ReadHints  # noqa: E402
from tests.model.pages import drawn_page  # noqa: E402


def _runner(tiny_model, **kw):
    return QwenVLRunner(str(tiny_model), device="cpu", offline=True, max_new_tokens=300,
                        image_token_budget=64, **kw).load()


def test_the_loop_without_jump_forward_is_generate(tiny_model):
    runner = _runner(tiny_model)
    try:
        messages = build_messages(drawn_page(), ReadHints())
        reference = runner.generate(messages)
        inputs = runner.processor.apply_chat_template(
            messages, tokenize=True, add_generation_prompt=True, return_dict=True,
            return_tensors="pt")
        new, steps, _, stopped = greedy_decode(runner.model, inputs, runner.grammar,
                                               runner.stop_token_ids, 300, lambda: False,
                                               jump_forward=False)
        assert not stopped and steps == len(new) == reference.new_tokens
        assert runner.processor.tokenizer.decode(new, skip_special_tokens=True) == \
            reference.text
    finally:
        runner.free()


def test_jump_forward_saves_model_steps_and_stays_in_the_grammar(tiny_model):
    import xgrammar

    runner = _runner(tiny_model, decode="jump-forward")
    try:
        g = runner.generate(build_messages(drawn_page(), ReadHints()))
        assert g.model_steps is not None and g.model_steps < g.new_tokens
        matcher = xgrammar.GrammarMatcher(runner.grammar.compiled)
        assert matcher.accept_string(g.text)
        assert matcher.is_completed() or g.truncated
        assert runner.info()["decode"] == "jump-forward"
    finally:
        runner.free()


def test_jump_forward_is_cancellable(tiny_model):
    runner = _runner(tiny_model, decode="jump-forward")
    calls = []

    def stop_soon():
        calls.append(1)
        return len(calls) > 4

    try:
        with pytest.raises(ReadCancelledError):
            runner.generate(build_messages(drawn_page(), ReadHints()), should_stop=stop_soon)
        assert runner.generate(build_messages(drawn_page(), ReadHints())).text  # usable
    finally:
        runner.free()


def test_unknown_decoder_is_refused(tiny_model):
    with pytest.raises(ValueError, match="decode"):
        QwenVLRunner(str(tiny_model), decode="beam")
