"""The default reader: Qwen3-VL (or a fine-tune) through transformers, on this machine."""

import logging
from typing import Any, Dict, List, Optional

from daemon.model.output import ModelOutputError, parse_reading
from daemon.model.prompts import build_messages
from daemon.model.runner import DEFAULT_IMAGE_TOKEN_BUDGET, DEFAULT_MAX_NEW_TOKENS, QwenVLRunner
from daemon.readers.base import PageImage, Reader, ReaderError, ReadHints

log = logging.getLogger(__name__)

MAX_PAGES = 4


class TransformersReader(Reader):
    """Loads the model once (and warms it up) at construction; `read` is one generation."""

    name = "transformers"

    def __init__(self, model: str, device: str = "auto", dtype: Optional[str] = None,
                 max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS,
                 image_token_budget: int = DEFAULT_IMAGE_TOKEN_BUDGET, offline: bool = False,
                 warm_up: bool = True, kv_cache: str = "auto", decode: str = "generate"):
        self.runner = QwenVLRunner(model, device=device, dtype=dtype,
                                   max_new_tokens=max_new_tokens,
                                   image_token_budget=image_token_budget, offline=offline,
                                   kv_cache=kv_cache, decode=decode)
        self.runner.load()
        if warm_up:
            self.runner.warm_up()
        self.last_generation = None

    def read(self, pages: List[PageImage], hints: ReadHints):
        if not pages:
            raise ReaderError("no page images to read")
        if len(pages) > MAX_PAGES:
            raise ReaderError(f"at most {MAX_PAGES} page images per request, got {len(pages)}")
        generation = self.runner.generate(build_messages(pages, hints),
                                          should_stop=hints.should_stop)
        self.last_generation = generation
        log.info("read %d page(s): %d prompt + %d new tokens, prefill %.2f s, total %.2f s",
                 len(pages), generation.prompt_tokens, generation.new_tokens,
                 generation.prefill_s, generation.total_s)
        try:
            return parse_reading(generation.text, generation.truncated,
                                 self.runner.max_new_tokens)
        except ModelOutputError as exc:
            log.warning("unusable model answer: %s\nraw answer: %s", exc, exc.raw)
            raise

    def info(self) -> Dict[str, Any]:
        return {"reader": self.name, **self.runner.info()}

    def close(self) -> None:
        self.runner.free()
