"""Turn a model reference (local folder or hub id) into model + processor, without torchvision.

One code path for every checkpoint: a hub id is first resolved to a local snapshot folder
(`offline=True` only looks in the local cache), then everything loads from that folder. The
tiny test model, a downloaded Qwen3-VL and a user's fine-tuned checkpoint all go through here.

`AutoProcessor` cannot be used: it builds `Qwen3VLVideoProcessor` through a path that needs
torchvision, which does not install beside the CPU torch wheel (see docs/model.md). The
processor is therefore assembled from its parts; the image processor falls back to its PIL
backend when torchvision is absent.
"""

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Tuple

from daemon.readers.base import ReaderError

# What the Qwen3-VL checkpoints ship in preprocessor_config.json (patch 16, merge 2).
IMAGE_PROCESSOR_DEFAULTS = {
    "patch_size": 16, "temporal_patch_size": 2, "merge_size": 2,
    "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5],
    "size": {"shortest_edge": 64 * 32 * 32, "longest_edge": 16384 * 32 * 32},
}

# Files a checkpoint needs; a hub snapshot fetches only these.
_CHECKPOINT_FILES = ["*.json", "*.safetensors", "*.jinja", "*.txt", "*.model"]

# One visual token per 32 x 32 pixels (patch 16, spatial merge 2).
PIXELS_PER_VISUAL_TOKEN = 32 * 32


class ModelLoadError(ReaderError):
    """The checkpoint could not be found or loaded; the message says what to fix."""


@dataclass(frozen=True)
class DevicePlan:
    device: str  # "cuda" | "cpu"
    dtype: Any  # torch.dtype


def plan_device(device: str = "auto", dtype: Optional[str] = None) -> DevicePlan:
    """auto -> cuda when available; bf16 on GPU, fp32 on CPU unless a dtype is given."""
    import torch

    if device not in ("auto", "cuda", "cpu"):
        raise ModelLoadError(f"unknown device {device!r}; use cuda, cpu or auto")
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise ModelLoadError("--device cuda asked for, but torch sees no CUDA GPU "
                             "(is a CUDA build of torch installed?); use --device cpu")
    names = {"bf16": torch.bfloat16, "bfloat16": torch.bfloat16, "fp16": torch.float16,
             "float16": torch.float16, "fp32": torch.float32, "float32": torch.float32}
    if dtype in (None, "auto"):
        chosen = torch.bfloat16 if device == "cuda" else torch.float32
    elif dtype in names:
        chosen = names[dtype]
    else:
        raise ModelLoadError(f"unknown dtype {dtype!r}; use one of {sorted(names)}")
    return DevicePlan(device=device, dtype=chosen)


def resolve_checkpoint(model: str, offline: bool = False) -> Path:
    """A local folder as is; a hub id as its snapshot folder (downloaded unless offline)."""
    local = Path(os.path.expanduser(model))
    if local.is_dir():
        if not (local / "config.json").is_file():
            raise ModelLoadError(f"{local} is a folder but has no config.json; "
                                 "point --model at a saved Qwen3-VL checkpoint folder")
        return local
    if local.exists() or model.startswith((".", "/", "~")) or model.count("/") != 1:
        raise ModelLoadError(f"model {model!r} is neither a checkpoint folder nor a hub id "
                             "like Qwen/Qwen3-VL-4B-Instruct")
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(model, allow_patterns=_CHECKPOINT_FILES,
                                      local_files_only=offline))
    except Exception as exc:  # the hub raises several unrelated types; say what to do
        if offline:
            raise ModelLoadError(
                f"{model} is not in the local Hugging Face cache and --offline forbids "
                "downloading; run once without --offline or pass a local folder") from exc
        raise ModelLoadError(f"could not download {model}: {exc}") from exc


def image_processor_class():
    """Qwen2-VL's image processor (Qwen3-VL uses it): the PIL one when torchvision is absent."""
    from transformers.utils import is_torchvision_available

    if is_torchvision_available():
        from transformers.models.qwen2_vl.image_processing_qwen2_vl import (
            Qwen2VLImageProcessor,
        )
        return Qwen2VLImageProcessor
    from transformers.models.qwen2_vl.image_processing_pil_qwen2_vl import (
        Qwen2VLImageProcessorPil,
    )
    return Qwen2VLImageProcessorPil


def _chat_template(folder: Path, tokenizer) -> str:
    """The chat template: chat_template.jinja, chat_template.json or the tokenizer's."""
    jinja = folder / "chat_template.jinja"
    if jinja.is_file():
        return jinja.read_text(encoding="utf-8")
    as_json = folder / "chat_template.json"
    if as_json.is_file():
        return json.loads(as_json.read_text(encoding="utf-8"))["chat_template"]
    if getattr(tokenizer, "chat_template", None):
        return tokenizer.chat_template
    raise ModelLoadError(f"{folder} has no chat template (chat_template.jinja/.json)")


def _video_processor():
    """Qwen3VLVideoProcessor without torchvision (needed only to satisfy the processor)."""
    import transformers
    from transformers import video_processing_utils

    # ProcessorMixin looks the mixin up as a top-level name, which transformers only exports
    # when torchvision is installed; the class itself works without it.
    if not hasattr(transformers, "VideoProcessorMixin"):
        transformers.VideoProcessorMixin = video_processing_utils.VideoProcessorMixin
    from transformers.models.qwen3_vl.video_processing_qwen3_vl import Qwen3VLVideoProcessor

    return Qwen3VLVideoProcessor(patch_size=16)


def load_processor(folder: Path):
    """Qwen3VLProcessor from its parts (tokenizer, image processor, chat template)."""
    from transformers import AutoTokenizer
    from transformers.models.qwen3_vl.processing_qwen3_vl import Qwen3VLProcessor

    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    image_processor = image_processor_class().from_pretrained(folder, local_files_only=True)
    return Qwen3VLProcessor(image_processor=image_processor, tokenizer=tokenizer,
                            video_processor=_video_processor(),
                            chat_template=_chat_template(folder, tokenizer))


def load_model(folder: Path, plan: DevicePlan):
    """The model in eval mode on the planned device and dtype."""
    from transformers import AutoModelForImageTextToText

    model = AutoModelForImageTextToText.from_pretrained(
        folder, dtype=plan.dtype, local_files_only=True)
    return model.to(plan.device).eval()


def load_checkpoint(model: str, device: str = "auto", dtype: Optional[str] = None,
                    offline: bool = False) -> Tuple[Any, Any, Path, DevicePlan]:
    """(model, processor, folder, plan); every failure is a ModelLoadError with the fix.

    Only `resolve_checkpoint` may reach the hub (never when offline); everything after it
    loads from the resolved folder with local_files_only=True.
    """
    plan = plan_device(device, dtype)
    folder = resolve_checkpoint(model, offline=offline)
    try:
        processor = load_processor(folder)
        loaded = load_model(folder, plan)
    except ModelLoadError:
        raise
    except Exception as exc:
        raise ModelLoadError(f"could not load the checkpoint in {folder}: "
                             f"{type(exc).__name__}: {exc}") from exc
    return loaded, processor, folder, plan


def set_image_token_budget(processor, max_tokens: int, min_tokens: int = 64) -> None:
    """Cap visual tokens per image: the processor resizes pages to fit (multiples of 32 px)."""
    processor.image_processor.size = {
        "shortest_edge": min_tokens * PIXELS_PER_VISUAL_TOKEN,
        "longest_edge": max_tokens * PIXELS_PER_VISUAL_TOKEN,
    }
