"""Schema-forced greedy decoding that pays for the token mask only when it matters.

xgrammar's own transformers processor fills the whole next-token bitmask on every step (the
vocabulary is 151,936 tokens; for DatasheetReading's grammar that costs about 14 ms per
token on one CPU core, measured in benchmarks/grammar_mask.py), copies it to the device and
applies it, all on the critical path of every token.

For greedy decoding the mask is only needed when the model's own best token breaks the
grammar: if the unmasked argmax is allowed, it is also the masked argmax. So each step:

1. accept the token chosen at the previous step, unless this processor already did;
2. look up the unmasked argmax and try it in the matcher (`accept_token` is a few µs and
   leaves the matcher unchanged when it refuses);
3. only when it is refused, fill the bitmask (into one preallocated buffer, pinned on a GPU
   host) and apply it on the logits' device, so the argmax becomes the best allowed token.

The output is token for token what full masking gives (tests/model/test_fast_grammar.py
checks it on the tiny model and on synthetic logits); the cost per token is that of one
argmax when the model follows the grammar, which an instruct model prompted with the schema
does on most steps.
"""

from typing import Optional

import torch


class LazyGrammarProcessor:
    """A transformers logits processor for one greedy `generate` call (single sequence)."""

    def __init__(self, compiled_grammar, vocab_size: int):
        import xgrammar

        self._xgr = xgrammar
        self.matcher = xgrammar.GrammarMatcher(compiled_grammar)
        self.vocab_size = vocab_size
        info = compiled_grammar.tokenizer_info
        # Special tokens other than the stop tokens are never allowed; trying one makes
        # xgrammar log a warning, so they go straight to the mask.
        self.never = frozenset(info.special_token_ids) - frozenset(info.stop_token_ids)
        self.bitmask = xgrammar.allocate_token_bitmask(1, vocab_size)
        self._device_bitmask: Optional[torch.Tensor] = None
        self.accepted: Optional[int] = None  # the token step 2 accepted at the last call
        self.started = False
        self.steps = 0
        self.fills = 0

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor):
        if input_ids.shape[0] != 1:
            raise ValueError("LazyGrammarProcessor decodes one sequence at a time")
        self.steps += 1
        if self.started:
            last = int(input_ids[0, -1])
            if self.accepted is None:
                if not self.matcher.accept_token(last):
                    raise RuntimeError(f"the grammar refused token {last} chosen under its "
                                       "own mask (another logits processor changed it?)")
            elif last != self.accepted:  # something after us changed the choice: follow it
                self.matcher.rollback(1)
                if not self.matcher.accept_token(last):
                    raise RuntimeError(f"token {last} breaks the grammar")
        self.started = True
        self.accepted = None
        if self.matcher.is_terminated():
            return scores
        best = int(scores[0, :self.vocab_size].argmax())
        if best not in self.never and self.matcher.accept_token(best):
            self.accepted = best
            return scores
        self.fills += 1
        self.matcher.fill_next_token_bitmask(self.bitmask, 0)
        self._xgr.apply_token_bitmask_inplace(scores, self._on(scores.device))
        return scores

    def take(self, token: int) -> None:
        """Make the matcher current with `token`, chosen from the scores this processor just
        returned, so a caller may feed it more tokens (jump-forward) before the next call."""
        if self.accepted is None and not self.matcher.accept_token(token):
            raise RuntimeError(f"the grammar refused token {token} chosen under its mask")
        self.accepted, self.started = None, False  # the next call starts from the matcher

    def _on(self, device: torch.device) -> torch.Tensor:
        """The bitmask on the logits' device, through one reused buffer (no allocation and
        no pageable copy per step)."""
        if device.type == "cpu":
            return self.bitmask
        if self._device_bitmask is None or self._device_bitmask.device != device:
            self.bitmask = self.bitmask.pin_memory()
            self._device_bitmask = torch.empty_like(self.bitmask, device=device)
        self._device_bitmask.copy_(self.bitmask, non_blocking=True)
        return self._device_bitmask
