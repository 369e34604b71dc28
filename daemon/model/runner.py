"""The model's whole lifecycle in one object: load, warm up, generate, report memory, free.

One runner holds one Qwen3-VL checkpoint on one device. It is owned by exactly one thread
(the daemon's worker), so it keeps no locks. Generation is always bounded (max_new_tokens),
forced into the reading grammar, and cancellable between tokens.
"""

import gc
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

from daemon.model.grammar import ReadingGrammar
from daemon.model.loading import load_checkpoint, set_image_token_budget
from daemon.readers.base import ReadCancelledError, ReaderError

log = logging.getLogger(__name__)

DEFAULT_MAX_NEW_TOKENS = 1024
DEFAULT_IMAGE_TOKEN_BUDGET = 1600  # visual tokens per image: a 1280 x 1280 px page


@dataclass(frozen=True)
class Generation:
    """One model answer and what it cost."""

    text: str
    prompt_tokens: int
    new_tokens: int
    prefill_s: float  # time to the first new token
    total_s: float
    truncated: bool  # stopped by max_new_tokens, not by the end of the answer
    model_steps: Optional[int] = None  # forward passes after the prompt (jump-forward: fewer)


class _StopWhen:
    """A StoppingCriteria that polls the caller's cancel flag and stamps the first token."""

    def __init__(self, should_stop: Callable[[], bool], started: float):
        self.should_stop = should_stop
        self.started = started
        self.first_token_s: Optional[float] = None
        self.fired = False

    def __call__(self, input_ids, scores, **kwargs):
        import torch

        if self.first_token_s is None:
            self.first_token_s = time.perf_counter() - self.started
        if self.should_stop():
            self.fired = True
        return torch.full((input_ids.shape[0],), self.fired, dtype=torch.bool,
                          device=input_ids.device)


def _is_oom(exc: BaseException) -> bool:
    import torch

    return isinstance(exc, torch.cuda.OutOfMemoryError) or (
        isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower())


KV_CACHES = ("auto", "dynamic", "static")
DECODERS = ("generate", "jump-forward")


def resolve_kv_cache(choice: str, device: str) -> str:
    """`auto`: the static cache on a GPU (generate() compiles its decode step: 2-4x faster
    decoding, paid once in the warm-up at start), the dynamic one on a CPU (no compile)."""
    if choice != "auto":
        return choice
    return "static" if str(device).startswith("cuda") else "dynamic"


class QwenVLRunner:
    """Qwen3-VL (or a fine-tune of it) kept loaded; every call is one bounded generation."""

    def __init__(self, model: str, device: str = "auto", dtype: Optional[str] = None,
                 max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS,
                 image_token_budget: int = DEFAULT_IMAGE_TOKEN_BUDGET, offline: bool = False,
                 kv_cache: str = "auto", decode: str = "generate"):
        if kv_cache not in KV_CACHES:
            raise ValueError(f"kv_cache must be one of {KV_CACHES}, not {kv_cache!r}")
        if decode not in DECODERS:
            raise ValueError(f"decode must be one of {DECODERS}, not {decode!r}")
        self.decode = decode
        if max_new_tokens < 1:
            raise ValueError("max_new_tokens must be at least 1")
        if image_token_budget < 64:
            raise ValueError("image_token_budget must be at least 64 visual tokens")
        self.model_ref = model
        self.device_request = device
        self.dtype_request = dtype
        self.max_new_tokens = max_new_tokens
        self.image_token_budget = image_token_budget
        self.offline = offline
        self.kv_cache = kv_cache
        self.model: Any = None
        self.processor: Any = None
        self.grammar: Optional[ReadingGrammar] = None
        self.stop_token_ids: List[int] = []
        self.folder: Optional[Path] = None
        self.device = "cpu"
        self.dtype: Any = None
        self.load_s = 0.0
        self.warm_up_s: Optional[float] = None

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        return self.model is not None

    def load(self) -> "QwenVLRunner":
        """Load checkpoint and processor, cap the image budget, compile the grammar once."""
        started = time.perf_counter()
        model, processor, folder, plan = load_checkpoint(
            self.model_ref, self.device_request, self.dtype_request, self.offline)
        self.attach(model, processor, folder, plan.device, plan.dtype)
        self.load_s = time.perf_counter() - started
        log.info("loaded %s from %s on %s (%s) in %.1f s", self.model_ref, folder, self.device,
                 self.dtype, self.load_s)
        return self

    def attach(self, model, processor, folder: Optional[Path], device: str, dtype) -> None:
        """Take a loaded model + processor (load() and the GPU benchmark's in-memory models)."""
        set_image_token_budget(processor, self.image_token_budget)
        tokenizer = processor.tokenizer
        stop_ids = self._stop_token_ids(tokenizer, model)
        vocab_size = model.config.get_text_config().vocab_size  # logits width
        self.grammar = ReadingGrammar(tokenizer, vocab_size=vocab_size, stop_token_ids=stop_ids)
        self.kv_cache = resolve_kv_cache(self.kv_cache, device)
        if self.kv_cache == "static":
            # A static KV cache makes generate() compile the decode step (torch.compile):
            # 2-4x faster decoding on an H100 (docs/model.md), ~1 min more warm-up.
            model.generation_config.cache_implementation = "static"
        self.model, self.processor, self.folder = model, processor, folder
        self.device, self.dtype = device, dtype
        self.stop_token_ids = stop_ids

    @staticmethod
    def _stop_token_ids(tokenizer, model) -> List[int]:
        """End of turn and end of text, plus whatever the checkpoint's generation config adds."""
        vocab = tokenizer.get_vocab()
        ids = [vocab[token] for token in ("<|im_end|>", "<|endoftext|>") if token in vocab]
        eos = model.generation_config.eos_token_id
        for tid in (eos if isinstance(eos, list) else [eos]):
            if tid is not None and tid not in ids:
                ids.append(tid)
        return ids

    def warm_up(self) -> float:
        """One short grammar-forced generation on a small blank page (kernels, caches)."""
        from PIL import Image

        page = Image.new("RGB", (256, 256), "white")
        messages = [{"role": "user", "content": [
            {"type": "image", "image": page}, {"type": "text", "text": "Read this page."}]}]
        started = time.perf_counter()
        self.generate(messages, max_new_tokens=8)
        self.warm_up_s = time.perf_counter() - started
        if self.kv_cache == "static":
            log.info("warm-up %.1f s with the static KV cache: the decode step is compiled now, "
                     "at start, not on the first request", self.warm_up_s)
        else:
            log.info("warm-up %.1f s (dynamic KV cache)", self.warm_up_s)
        return self.warm_up_s

    def free(self) -> None:
        """Drop the model and give its memory back (GPU memory included)."""
        import torch

        self.model = None
        self.processor = None
        self.grammar = None
        gc.collect()
        if torch.cuda.is_available():
            torch.cuda.empty_cache()

    # -- generation ------------------------------------------------------------------------

    def generate(self, messages: List[Dict[str, Any]], max_new_tokens: Optional[int] = None,
                 should_stop: Callable[[], bool] = lambda: False) -> Generation:
        """Chat messages (text + PIL images) -> grammar-forced answer text.

        Raises ReadCancelledError when `should_stop` turns true, ReaderError on out-of-memory
        (the runner stays usable) and on any other model failure.
        """
        if not self.loaded:
            raise ReaderError("the model is not loaded (freed or never loaded)")
        if should_stop():
            raise ReadCancelledError("cancelled before the model started")
        limit = min(max_new_tokens or self.max_new_tokens, self.max_new_tokens)
        try:
            return self._generate(messages, limit, should_stop)
        except ReaderError:
            raise
        except Exception as exc:
            if not _is_oom(exc):
                raise ReaderError(f"the model failed: {type(exc).__name__}: {exc}") from exc
            detail = str(exc).splitlines()[0][:200]
        # Out of memory: only now, with the traceback (and the tensors its frames hold) gone,
        # can the cached blocks go back to the GPU.
        self._recover_from_oom()
        raise ReaderError(
            "the GPU ran out of memory on this request; reduce --image-token-budget "
            f"(now {self.image_token_budget} visual tokens per image), send fewer or smaller "
            f"images, or use a smaller model ({detail})")

    def _generate(self, messages, limit: int, should_stop) -> Generation:
        import torch
        from transformers import LogitsProcessorList, StoppingCriteriaList

        started = time.perf_counter()
        inputs = self.processor.apply_chat_template(
            messages, tokenize=True, add_generation_prompt=True, return_dict=True,
            return_tensors="pt").to(self.device)
        prompt_tokens = int(inputs["input_ids"].shape[1])
        if self.decode == "jump-forward":
            return self._jump_forward(inputs, limit, should_stop, started, prompt_tokens)
        stop = _StopWhen(should_stop, started)
        config = self.model.generation_config
        with torch.inference_mode():
            out = self.model.generate(
                # Greedy, whatever sampling the checkpoint's generation_config suggests: a
                # transcription has one right answer, and a repetition penalty would punish
                # repeated digits ("0.50 BSC", "1.27").
                **inputs, max_new_tokens=limit, do_sample=False, temperature=None, top_p=None,
                top_k=None, repetition_penalty=1.0, eos_token_id=self.stop_token_ids,
                pad_token_id=config.pad_token_id if config.pad_token_id is not None
                else self.stop_token_ids[0],
                logits_processor=LogitsProcessorList([self.grammar.logits_processor()]),
                stopping_criteria=StoppingCriteriaList([stop]))
        total = time.perf_counter() - started
        if stop.fired:
            raise ReadCancelledError("cancelled while the model was generating")
        new = out[0, prompt_tokens:].tolist()
        ended = bool(new) and new[-1] in self.stop_token_ids
        text = self.processor.tokenizer.decode(new, skip_special_tokens=True)
        return Generation(text=text, prompt_tokens=prompt_tokens, new_tokens=len(new),
                          prefill_s=stop.first_token_s or total, total_s=total,
                          truncated=not ended and len(new) >= limit)

    def _jump_forward(self, inputs, limit: int, should_stop, started: float,
                      prompt_tokens: int) -> Generation:
        """Our own greedy loop with the grammar's forced stretches fed without a model step
        each (daemon.model.decode); opt-in, see its docstring."""
        from daemon.model.decode import greedy_decode

        new, steps, first_s, stopped = greedy_decode(
            self.model, inputs, self.grammar, self.stop_token_ids, limit, should_stop,
            tokenizer=self.processor.tokenizer, jump_forward=True)
        if stopped:
            raise ReadCancelledError("cancelled while the model was generating")
        total = time.perf_counter() - started
        ended = bool(new) and new[-1] in self.stop_token_ids
        text = self.processor.tokenizer.decode(new, skip_special_tokens=True)
        return Generation(text=text, prompt_tokens=prompt_tokens, new_tokens=len(new),
                          prefill_s=first_s or total, total_s=total,
                          truncated=not ended and len(new) >= limit, model_steps=steps)

    def _recover_from_oom(self) -> None:
        import torch

        gc.collect()
        if torch.cuda.is_available():
            torch.cuda.empty_cache()

    # -- reports ---------------------------------------------------------------------------

    def memory(self) -> Dict[str, Any]:
        """Weights and (on a GPU) allocator figures in MiB."""
        import torch

        report: Dict[str, Any] = {"device": self.device}
        if self.model is not None:
            report["weights_mib"] = round(sum(
                p.numel() * p.element_size() for p in self.model.parameters()) / 2**20, 1)
        if self.device == "cuda" and torch.cuda.is_available():
            free, total = torch.cuda.mem_get_info()
            report.update(
                allocated_mib=round(torch.cuda.memory_allocated() / 2**20, 1),
                reserved_mib=round(torch.cuda.memory_reserved() / 2**20, 1),
                peak_allocated_mib=round(torch.cuda.max_memory_allocated() / 2**20, 1),
                free_mib=round(free / 2**20, 1), total_mib=round(total / 2**20, 1))
        return report

    def info(self) -> Dict[str, Any]:
        return {
            "model": self.model_ref, "folder": str(self.folder) if self.folder else None,
            "loaded": self.loaded, "device": self.device,
            "dtype": str(self.dtype).replace("torch.", "") if self.dtype else None,
            "max_new_tokens": self.max_new_tokens,
            "image_token_budget": self.image_token_budget, "offline": self.offline,
            "kv_cache": self.kv_cache, "decode": self.decode,
            "load_s": round(self.load_s, 2),
            "warm_up_s": None if self.warm_up_s is None else round(self.warm_up_s, 2),
            "memory": self.memory(),
        }
