"""The tiny random Qwen3-VL through the real runner: grammar-forced readings from real pages,
cancellation, out-of-memory mapping, truncation, free()."""

import gc
import weakref

import pytest

pytest.importorskip("transformers")

from daemon.model.output import ModelOutputError  # noqa: E402
from daemon.model.prompts import build_messages  # noqa: E402
from daemon.model.runner import QwenVLRunner  # noqa: E402
from daemon.readers.base import ReadCancelledError, ReaderError, ReadHints  # noqa: E402
from schemas.reading import DatasheetReading  # noqa: E402
from tests.model.pages import drawn_page, soic_pages, tssop_page  # noqa: E402

BUDGET = 256  # visual tokens per image: keeps the CPU tests quick
MAX_NEW = 1200


@pytest.fixture(scope="module")
def reader(tiny_model):
    from daemon.model import make_model_reader

    reader = make_model_reader(model=str(tiny_model), device="cpu", offline=True,
                               max_new_tokens=MAX_NEW, image_token_budget=BUDGET)
    yield reader
    reader.close()


@pytest.mark.parametrize("pages", [soic_pages, tssop_page], ids=["soic-2-pages", "tssop-both"])
def test_real_pages_give_a_schema_valid_reading(reader, pages):
    reading = reader.read(pages(), ReadHints())
    # Random weights read nothing, but the grammar forces a reading pydantic accepts.
    assert isinstance(reading, DatasheetReading)
    assert DatasheetReading.model_validate_json(reading.model_dump_json()) == reading
    generation = reader.last_generation
    assert not generation.truncated and 0 < generation.new_tokens < MAX_NEW
    # Both pages reached the model as visual tokens, within the budget.
    assert generation.prompt_tokens > 64 * len(pages())


def test_info_reports_model_device_and_limits(reader, tiny_model):
    info = reader.info()
    assert info["reader"] == "transformers" and info["loaded"] is True
    assert info["device"] == "cpu" and info["dtype"] == "float32"
    assert info["max_new_tokens"] == MAX_NEW and info["image_token_budget"] == BUDGET
    assert info["folder"] == str(tiny_model) and info["warm_up_s"] is not None
    assert info["memory"]["weights_mib"] > 0


def test_cancel_between_tokens_stops_and_the_model_stays_usable(reader):
    calls = []

    def stop_after_five():
        calls.append(1)
        return len(calls) > 5

    with pytest.raises(ReadCancelledError, match="while the model was generating"):
        reader.read(drawn_page(), ReadHints(should_stop=stop_after_five))
    assert 5 < len(calls) < 12  # it stopped within a token of being asked
    with pytest.raises(ReadCancelledError, match="before the model started"):
        reader.read(drawn_page(), ReadHints(should_stop=lambda: True))
    assert isinstance(reader.read(drawn_page(), ReadHints()), DatasheetReading)


def test_cuda_out_of_memory_becomes_a_model_error_and_the_model_survives(reader, monkeypatch):
    import torch

    def oom(**kwargs):
        raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 8.00 GiB")

    model = reader.runner.model
    monkeypatch.setattr(model, "generate", oom)
    with pytest.raises(ReaderError) as info:
        reader.read(drawn_page(), ReadHints())
    assert info.value.code == "model_error"
    assert "out of memory" in str(info.value) and "--image-token-budget" in str(info.value)
    monkeypatch.undo()
    assert isinstance(reader.read(drawn_page(), ReadHints()), DatasheetReading)


def test_other_model_failures_are_model_errors(reader, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("shape mismatch in layer 3")

    monkeypatch.setattr(reader.runner.model, "generate", broken)
    with pytest.raises(ReaderError, match="the model failed: RuntimeError: shape mismatch"):
        reader.read(drawn_page(), ReadHints())


def test_max_new_tokens_cuts_off_and_says_so(tiny_model):
    runner = QwenVLRunner(str(tiny_model), device="cpu", max_new_tokens=6,
                          image_token_budget=64, offline=True).load()
    generation = runner.generate(build_messages(drawn_page(), ReadHints()))
    assert generation.new_tokens == 6 and generation.truncated
    from daemon.model.output import parse_reading

    with pytest.raises(ModelOutputError, match="max_new_tokens=6") as info:
        parse_reading(generation.text, generation.truncated, runner.max_new_tokens)
    assert info.value.raw == generation.text and generation.text.startswith("{")
    runner.free()


def test_free_releases_the_model(tiny_model):
    runner = QwenVLRunner(str(tiny_model), device="cpu", image_token_budget=64,
                          offline=True).load()
    runner.warm_up()
    ref = weakref.ref(runner.model)
    runner.free()
    gc.collect()
    assert ref() is None and not runner.loaded
    with pytest.raises(ReaderError, match="not loaded"):
        runner.generate([{"role": "user", "content": [{"type": "text", "text": "hi"}]}])
    runner.load()  # and it can come back
    assert runner.loaded


@pytest.mark.parametrize("kwargs, says", [
    ({"max_new_tokens": 0}, "max_new_tokens"),
    ({"image_token_budget": 10}, "image_token_budget"),
])
def test_runner_refuses_meaningless_limits(kwargs, says):
    with pytest.raises(ValueError, match=says):
        QwenVLRunner("x", **kwargs)


def test_factory_refuses_options_of_other_readers(tiny_model):
    from daemon.model import make_model_reader

    with pytest.raises(ReaderError, match="delay_s"):
        make_model_reader(model=str(tiny_model), delay_s=1.0)


def test_generation_stops_at_end_of_turn_or_text(reader):
    tokenizer = reader.runner.processor.tokenizer
    ids = reader.runner.stop_token_ids
    assert tokenizer.convert_tokens_to_ids("<|im_end|>") in ids
    assert tokenizer.convert_tokens_to_ids("<|endoftext|>") in ids


def test_bfloat16_weights_the_gpu_default_generate_grammar_valid_answers(tiny_model):
    # The dtype plumbing (pixel values, logits, grammar mask) in the GPU's default dtype. Only
    # the grammar is asserted: bf16 rounding differs between CPUs, so the answer may differ.
    import xgrammar

    runner = QwenVLRunner(str(tiny_model), device="cpu", dtype="bf16", offline=True,
                          image_token_budget=BUDGET, max_new_tokens=MAX_NEW).load()
    try:
        assert runner.info()["dtype"] == "bfloat16"
        generation = runner.generate(build_messages(drawn_page(), ReadHints()))
        matcher = xgrammar.GrammarMatcher(runner.grammar.compiled)
        assert not generation.truncated
        assert matcher.accept_string(generation.text) and matcher.is_completed()
    finally:
        runner.free()


def test_static_kv_cache_reads_the_same_as_the_dynamic_one(tiny_model):
    """`serve --kv-cache static` only changes speed: greedy decoding gives the same answer."""
    texts = {}
    for cache in ("dynamic", "static"):
        runner = QwenVLRunner(str(tiny_model), device="cpu", offline=True, max_new_tokens=300,
                              image_token_budget=64, kv_cache=cache).load()
        assert runner.info()["kv_cache"] == cache
        impl = runner.model.generation_config.cache_implementation
        assert (impl == "static") == (cache == "static")
        texts[cache] = runner.generate(build_messages(drawn_page(), ReadHints())).text
        runner.free()
    assert texts["static"] == texts["dynamic"] and texts["static"].startswith("{")


def test_unknown_kv_cache_is_refused(tiny_model):
    with pytest.raises(ValueError, match="kv_cache"):
        QwenVLRunner(str(tiny_model), kv_cache="paged")


@pytest.mark.parametrize("choice, device, resolved", [
    ("auto", "cuda", "static"), ("auto", "cuda:1", "static"), ("auto", "cpu", "dynamic"),
    ("dynamic", "cuda", "dynamic"), ("static", "cpu", "static")])
def test_kv_cache_auto_is_static_on_a_gpu(choice, device, resolved):
    from daemon.model.runner import resolve_kv_cache

    assert resolve_kv_cache(choice, device) == resolved


def test_default_kv_cache_on_cpu_is_dynamic_and_warm_up_says_so(tiny_model, caplog):
    import logging

    runner = QwenVLRunner(str(tiny_model), device="cpu", offline=True, max_new_tokens=8,
                          image_token_budget=64).load()
    try:
        assert runner.info()["kv_cache"] == "dynamic"
        with caplog.at_level(logging.INFO, logger="daemon.model.runner"):
            runner.warm_up()
        assert any("warm-up" in r.getMessage() and "dynamic KV cache" in r.getMessage()
                   for r in caplog.records)
    finally:
        runner.free()
