"""Loading: one code path for folders and hub ids, no torchvision, offline means offline."""

import json

import pytest

pytest.importorskip("transformers")

from daemon.model.loading import (  # noqa: E402
    ModelLoadError,
    load_checkpoint,
    plan_device,
    resolve_checkpoint,
    set_image_token_budget,
)


def test_cpu_defaults_to_float32_and_auto_picks_what_exists():
    import torch

    plan = plan_device("cpu")
    assert plan.device == "cpu" and plan.dtype == torch.float32
    assert plan_device("cpu", "bf16").dtype == torch.bfloat16
    auto = plan_device("auto")
    assert auto.device == ("cuda" if torch.cuda.is_available() else "cpu")
    if auto.device == "cuda":
        assert auto.dtype == torch.bfloat16


@pytest.mark.parametrize("device, dtype, says", [
    ("tpu", None, "unknown device"),
    ("cpu", "int3", "unknown dtype"),
])
def test_bad_device_or_dtype_is_refused(device, dtype, says):
    with pytest.raises(ModelLoadError, match=says):
        plan_device(device, dtype)


def test_cuda_without_a_gpu_says_how_to_fix():
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    with pytest.raises(ModelLoadError, match="--device cpu"):
        plan_device("cuda")


def test_folder_without_config_is_refused(tmp_path):
    with pytest.raises(ModelLoadError, match="no config.json"):
        resolve_checkpoint(str(tmp_path))


@pytest.mark.parametrize("ref", ["./missing-folder", "not a model", "a/b/c"])
def test_neither_folder_nor_hub_id_is_refused(ref):
    with pytest.raises(ModelLoadError, match="neither a checkpoint folder nor a hub id"):
        resolve_checkpoint(ref)


def test_offline_hub_id_not_in_cache_fails_without_the_network(tmp_path, monkeypatch):
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "empty"))
    attempts = _no_network(monkeypatch)
    with pytest.raises(ModelLoadError, match="--offline"):
        resolve_checkpoint("Qwen/Qwen3-VL-2B-Instruct", offline=True)
    assert attempts == []


def _no_network(monkeypatch):
    """Refuse and record every connection attempt (a swallowed error still leaves a record)."""
    import socket

    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args[1:] or kwargs)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def test_tiny_checkpoint_round_trips_through_the_real_loader(tiny_model, monkeypatch):
    import transformers

    attempts = _no_network(monkeypatch)
    model, processor, folder, plan = load_checkpoint(str(tiny_model), device="cpu",
                                                     offline=True)
    assert folder == tiny_model and plan.device == "cpu"
    assert type(model).__name__ == "Qwen3VLForConditionalGeneration"
    assert type(processor).__name__ == "Qwen3VLProcessor"
    config = json.loads((tiny_model / "config.json").read_text())
    assert model.config.text_config.hidden_size == config["text_config"]["hidden_size"]
    # The logits are wider than the tokenizer (padded), as with the real checkpoints.
    assert model.config.text_config.vocab_size > len(processor.tokenizer)
    assert processor.image_token_id == model.config.image_token_id
    assert hasattr(transformers, "VideoProcessorMixin")
    assert attempts == []


def test_image_token_budget_caps_the_processor(tiny_model):
    from PIL import Image

    from daemon.model.loading import load_processor

    processor = load_processor(tiny_model)
    set_image_token_budget(processor, 100)
    out = processor.image_processor(images=[Image.new("RGB", (2000, 2500), "white")])
    t, h, w = (int(x) for x in out["image_grid_thw"][0])
    visual_tokens = t * h * w // 4  # 2 x 2 patches merge into one token
    assert 64 <= visual_tokens <= 100


def test_a_saved_fine_tune_loads_like_the_original(tiny_model, tmp_path):
    """What a user's fine-tune looks like: model.save_pretrained + processor.save_pretrained."""
    import torch

    model, processor, _, _ = load_checkpoint(str(tiny_model), device="cpu", offline=True)
    with torch.no_grad():
        model.lm_head.weight.mul_(1.5)  # "training"
    tuned = tmp_path / "my-finetune"
    model.save_pretrained(tuned)
    processor.save_pretrained(tuned)
    again, processor2, folder, _ = load_checkpoint(str(tuned), device="cpu", offline=True)
    assert folder == tuned
    assert torch.equal(again.lm_head.weight, model.lm_head.weight)
    assert processor2.chat_template == processor.chat_template
    assert processor2.tokenizer.get_vocab() == processor.tokenizer.get_vocab()
