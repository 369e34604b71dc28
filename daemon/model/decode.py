"""Greedy schema-forced decoding in our own loop, with jump-forward (opt-in).

transformers' `generate` runs the model once per token. Where the grammar allows only one
continuation (JSON keys, punctuation, the tail of an enum value: 39 % of a reading's
characters, about half its model steps, benchmarks/grammar_mask.py), those tokens are known
without the model: this loop
takes xgrammar's `find_jump_forward_string()` after each chosen token, tokenizes it, has the
matcher accept it, and feeds the chosen token and the forced ones to the model in one forward
step (the KV cache grows by all of them at once).

Without jump-forward the loop gives token for token what `generate` gives (tested on the tiny
model). With it the text can differ where the model would have split a forced stretch into
other tokens; the output stays grammar-valid. Its speed on a GPU is not measured yet (no GPU
lent when it was written): `ds2fp serve --decode jump-forward` turns it on; the default stays
`generate` (which also has the compiled static cache).
"""

import time
from typing import Callable, List, Tuple

import torch

from daemon.model.fast_grammar import LazyGrammarProcessor


def greedy_decode(model, inputs, grammar, stop_token_ids: List[int], limit: int,
                  should_stop: Callable[[], bool], tokenizer=None, jump_forward: bool = True
                  ) -> Tuple[List[int], int, float, bool]:
    """(new token ids, model steps, seconds to the first token, stopped) for one sequence.
    `tokenizer` (needed for jump-forward) turns a forced string into token ids."""
    from transformers import DynamicCache

    if jump_forward and tokenizer is None:
        raise ValueError("jump-forward needs the tokenizer")
    started = time.perf_counter()
    proc = LazyGrammarProcessor(grammar.compiled, grammar.vocab_size)
    cache = DynamicCache()
    ids = inputs["input_ids"]
    position = int(ids.shape[1])
    stops = set(stop_token_ids)
    out: List[int] = []
    steps = 1
    first_token_s = 0.0
    with torch.inference_mode():
        logits = model(**inputs, past_key_values=cache, use_cache=True,
                       cache_position=torch.arange(position, device=ids.device)).logits
        while len(out) < limit:
            if should_stop():
                return out, steps, first_token_s, True
            scores = proc(ids, logits[:, -1, :].float())
            token = int(scores.argmax())
            if not first_token_s:
                first_token_s = time.perf_counter() - started
            fed = [token]
            out.append(token)
            if token in stops:
                break
            if jump_forward:
                fed += _forced(proc, token, tokenizer, limit - len(out))
                out += fed[1:]
            ids = torch.cat([ids, torch.tensor([fed], device=ids.device)], dim=1)
            if len(out) >= limit:
                break
            logits = model(input_ids=torch.tensor([fed], device=ids.device),
                           past_key_values=cache, use_cache=True,
                           cache_position=torch.arange(position, position + len(fed),
                                                       device=ids.device)).logits
            position += len(fed)
            steps += 1
    return out, steps, first_token_s, False


def _forced(proc: LazyGrammarProcessor, token: int, tokenizer, room: int) -> List[int]:
    """The tokens the grammar forces after `token` (accepted into the matcher), at most
    `room`; the processor is left as if it had seen them chosen one by one."""
    proc.take(token)
    matcher = proc.matcher
    text = matcher.find_jump_forward_string()
    forced: List[int] = []
    if not text:
        return forced
    for tid in tokenizer.encode(text, add_special_tokens=False)[:room]:
        if not matcher.accept_token(tid):
            break  # a token boundary the grammar reads otherwise: stop forcing here
        forced.append(tid)
    return forced
