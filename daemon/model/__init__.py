"""The vision-model readers: Qwen3-VL through transformers, or an OpenAI-compatible server.

`make_model_reader` is what `daemon.readers.factory` calls for `--reader model` and
`--reader endpoint:URL`; importing this package does not import torch.
"""

import os
from typing import Optional

from daemon.readers.base import Reader, ReaderError

DEFAULT_MODEL = "Qwen/Qwen3-VL-4B-Instruct"
API_KEY_ENV = "DS2FP_ENDPOINT_API_KEY"


def make_model_reader(model: str = DEFAULT_MODEL, device: Optional[str] = None,
                      dtype: Optional[str] = None, max_new_tokens: Optional[int] = None,
                      image_token_budget: Optional[int] = None, offline: bool = False,
                      kv_cache: Optional[str] = None, decode: Optional[str] = None,
                      endpoint: Optional[str] = None, api_key: Optional[str] = None,
                      **unknown) -> Reader:
    """A TransformersReader, or an OpenAICompatReader when `endpoint` (…/v1) is given."""
    if unknown:
        raise ReaderError(f"the model reader does not take {sorted(unknown)} "
                          "(those options belong to other readers)")
    limits = {}
    if max_new_tokens is not None:
        limits["max_new_tokens"] = max_new_tokens
    if endpoint:
        from daemon.model.openai_reader import OpenAICompatReader

        return OpenAICompatReader(endpoint, model=model,
                                  api_key=api_key or os.environ.get(API_KEY_ENV), **limits)
    from daemon.model.transformers_reader import TransformersReader

    if image_token_budget is not None:
        limits["image_token_budget"] = image_token_budget
    if kv_cache is not None:
        limits["kv_cache"] = kv_cache
    if decode is not None:
        limits["decode"] = decode
    return TransformersReader(model, device=device or "auto", dtype=dtype, offline=offline,
                              **limits)
