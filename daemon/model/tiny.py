"""A tiny random Qwen3-VL checkpoint, built fully offline, for tests and for running the daemon
without weights.

It is a real `Qwen3VLForConditionalGeneration` folder (config, safetensors, tokenizer, image
processor, chat template), saved with `save_pretrained`, so it loads through exactly the code
path a downloaded or fine-tuned checkpoint takes (`daemon.model.loading`). Its weights are
random: it reads nothing, but the grammar still forces schema-valid output.
"""

import json
import os
from pathlib import Path
from typing import Union

# The special tokens a Qwen3-VL tokenizer carries (the processor looks them up by text).
SPECIAL_TOKENS = (
    "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|vision_start|>", "<|vision_end|>",
    "<|image_pad|>", "<|video_pad|>",
)

# A Qwen-style chat template (images as <|vision_start|><|image_pad|><|vision_end|>).
CHAT_TEMPLATE = (
    "{%- for message in messages -%}"
    "{{- '<|im_start|>' + message['role'] + '\\n' -}}"
    "{%- if message['content'] is string -%}{{- message['content'] -}}"
    "{%- else -%}{%- for item in message['content'] -%}"
    "{%- if item['type'] == 'image' -%}{{- '<|vision_start|><|image_pad|><|vision_end|>' -}}"
    "{%- elif item['type'] == 'text' -%}{{- item['text'] -}}{%- endif -%}"
    "{%- endfor -%}{%- endif -%}"
    "{{- '<|im_end|>\\n' -}}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}{{- '<|im_start|>assistant\\n' -}}{%- endif -%}"
)

# Text the byte-level BPE is trained on: JSON as the grammar emits it, plus prompt words.
_CORPUS = (
    '{"schema_version":1,"units":"mm","family":"soic","pin_count":8,"part_name":"LM358",'
    '"package_name":"D0008A","view":"top","pin1_cue":"dot","numbering":"ccw","rows":2,'
    '"pins_along_length":4,"exposed_pad":false,"pitch":{"min":1.27,"nom":1.27,"max":1.27,'
    '"source":"datasheet_table"},"body_length":{"min":4.8,"max":5.0},"land_pattern":'
    '{"pad_width":{"nom":0.6},"pad_length":{"nom":1.55},"row_spacing":{"nom":5.4}},'
    '"pads":[{"number":"1","kind":"smd","shape":"rect","x":0.0,"y":-1.5,"size_x":0.6,'
    '"size_y":1.2,"drill":null}],"notes":"all dimensions in millimetres"}\n'
    "Read the package drawing and the recommended land pattern. Transcribe the printed values, "
    "units, MIN NOM MAX columns, the view (top or bottom), the pin 1 mark.\n"
    "0123456789 .-+/()#_, abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ true false null\n"
)

TEXT_VOCAB = 400  # trained BPE tokens (bytes + merges), before the special tokens
LOGITS_WIDTH = 512  # the model's vocab_size: padded beyond the tokenizer, as real Qwen is


def _train_tokenizer():
    """Byte-level BPE with Qwen2's pre-tokenizer, wrapped as a Qwen2Tokenizer."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers
    from transformers.models.qwen2.tokenization_qwen2 import PRETOKENIZE_REGEX, Qwen2Tokenizer

    bpe = Tokenizer(models.BPE())
    bpe.normalizer = normalizers.NFC()
    bpe.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(PRETOKENIZE_REGEX), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=TEXT_VOCAB, show_progress=False,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), special_tokens=["<|endoftext|>"])
    bpe.train_from_iterator([_CORPUS] * 4, trainer=trainer)
    state = json.loads(bpe.to_str())["model"]
    merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in state["merges"]]
    tokenizer = Qwen2Tokenizer(vocab=state["vocab"], merges=merges)
    tokenizer.add_special_tokens({"additional_special_tokens": list(SPECIAL_TOKENS[1:])})
    tokenizer.eos_token = "<|im_end|>"
    tokenizer.pad_token = "<|endoftext|>"
    tokenizer.chat_template = CHAT_TEMPLATE
    return tokenizer


def tiny_config(tokenizer):
    """A Qwen3VLConfig small enough for CPU tests; the constraints are the real model's."""
    from transformers import Qwen3VLConfig

    ids = {t: tokenizer.convert_tokens_to_ids(t) for t in SPECIAL_TOKENS}
    text = {
        "vocab_size": LOGITS_WIDTH, "hidden_size": 64, "intermediate_size": 128,
        "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
        "head_dim": 16, "max_position_embeddings": 4096, "rms_norm_eps": 1e-6,
        "initializer_range": 0.5,  # wide logits: greedy choices do not hinge on float noise
        # mrope_section sums to head_dim / 2 (temporal, height, width).
        "rope_parameters": {"rope_type": "default", "rope_theta": 5000000.0,
                            "mrope_section": [4, 2, 2], "mrope_interleaved": True},
        "eos_token_id": ids["<|im_end|>"], "pad_token_id": ids["<|endoftext|>"],
    }
    vision = {
        "depth": 2, "hidden_size": 32, "intermediate_size": 64, "num_heads": 2,
        "patch_size": 16, "spatial_merge_size": 2, "temporal_patch_size": 2,
        "out_hidden_size": 64,  # = text hidden_size
        "num_position_embeddings": 64,  # a perfect square
        "deepstack_visual_indexes": [0, 1],  # < vision depth and <= text layers
    }
    return Qwen3VLConfig(
        text_config=text, vision_config=vision,
        image_token_id=ids["<|image_pad|>"], video_token_id=ids["<|video_pad|>"],
        vision_start_token_id=ids["<|vision_start|>"], vision_end_token_id=ids["<|vision_end|>"],
        eos_token_id=ids["<|im_end|>"], pad_token_id=ids["<|endoftext|>"],
    )


TINY_SEED = 2  # a seed whose random answers exercise land patterns and pads (tests/model)


def build_tiny_model(path: Union[str, os.PathLike], seed: int = TINY_SEED) -> Path:
    """Write a tiny random Qwen3-VL checkpoint to `path` (created) and return the path."""
    import torch
    from transformers import GenerationConfig, Qwen3VLForConditionalGeneration

    from daemon.model.loading import IMAGE_PROCESSOR_DEFAULTS, image_processor_class

    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    tokenizer = _train_tokenizer()
    config = tiny_config(tokenizer)
    torch.manual_seed(seed)
    model = Qwen3VLForConditionalGeneration(config).eval()
    model.generation_config = GenerationConfig(
        eos_token_id=config.eos_token_id, pad_token_id=config.pad_token_id, do_sample=False)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    image_processor_class()(**IMAGE_PROCESSOR_DEFAULTS).save_pretrained(out)
    (out / "chat_template.jinja").write_text(CHAT_TEMPLATE, encoding="utf-8")
    return out


def tiny_model_dir(root: Union[str, os.PathLike]) -> Path:
    """`root/tiny-qwen3-vl`, built on first use (for test fixtures and subprocess tests)."""
    path = Path(root) / "tiny-qwen3-vl"
    if not (path / "model.safetensors").is_file():
        build_tiny_model(path)
    return path
