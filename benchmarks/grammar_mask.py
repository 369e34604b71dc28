"""The grammar's cost per token on the CPU, with a vocabulary of Qwen3-VL's size: xgrammar's
full mask on every step (today's path until this change) against the lazy processor
(daemon/model/fast_grammar.py), side by side in one run. Needs no GPU and no weights.

The vocabulary is built offline: the 256 bytes, JSON keys and values of DatasheetReading
with the punctuation around them, numbers, then random letter/digit/punctuation strings up
to 151,936 tokens (the real model's logits width). The token streams are the recorded
readings of the evaluation pages (tests/fixtures/readings), serialised as the grammar forces
them and cut into tokens by longest match; every stream is checked against the grammar.

Logits: random, with the recorded token on top in a share `p` of the steps and a token the
grammar never allows on top in the others (the recorded token second). Full masking does not
care; the lazy processor fills the mask only on those steps, so its cost depends on `p`:
printed for p = 1.0 ... 0.0. Also printed: how much of each reading the grammar forces
(`find_jump_forward_string`), which a decoder could emit without a model step.

    python3 benchmarks/grammar_mask.py [--runs 3]
"""

import argparse
import random
import string
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch  # noqa: E402
import xgrammar as xgr  # noqa: E402

from daemon.model.fast_grammar import LazyGrammarProcessor  # noqa: E402
from daemon.model.grammar import grammar_schema  # noqa: E402
from schemas.reading import DatasheetReading  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
VOCAB = 151_936  # Qwen3-VL's logits width
SPECIAL = (b"<|im_end|>", b"<|endoftext|>")
NEVER_ALLOWED = (0, 1, 2, 92)  # NUL, SOH, STX and backslash: no JSON string takes them raw
KEYS = sorted(set(DatasheetReading.model_json_schema()["properties"]) | {
    "min", "nom", "max", "source", "datasheet_table", "datasheet_drawing", "true", "false"})


def build_vocab(size: int = VOCAB):
    tokens = [bytes([b]) for b in range(256)]
    seen = set(tokens)
    pieces = [pre + key + suf for key in KEYS for pre in ("", '"', ',"', '{"', ":")
              for suf in ("", '"', '":', '",', '":{')]
    for n in range(10000):
        pieces += [str(n), f"0.{n}", f".{n}", f"{n},"]
    rng = random.Random(0)
    alphabet = string.ascii_letters + string.digits + '_.:,"{}[]- '
    out = iter(pieces)
    while len(tokens) < size - len(SPECIAL):
        piece = next(out, None) or "".join(rng.choice(alphabet)
                                           for _ in range(rng.choice((2, 3, 4, 5, 6, 8))))
        data = piece.encode()
        if data not in seen:
            seen.add(data)
            tokens.append(data)
    return tokens + list(SPECIAL)


def tokenize(text: str, index: dict, longest: int):
    data, out, i = text.encode(), [], 0
    while i < len(data):
        for length in range(min(longest, len(data) - i), 0, -1):
            tid = index.get(data[i:i + length])
            if tid is not None:
                out.append(tid)
                i += length
                break
    return out


def streams(vocab, compiled, stop_id):
    index = {t: i for i, t in enumerate(vocab) if t not in SPECIAL}
    longest = max(len(t) for t in index)
    out = []
    for path in sorted((ROOT / "tests" / "fixtures" / "readings").glob("*.json")):
        reading = DatasheetReading.model_validate_json(path.read_text())
        text = reading.model_dump_json(exclude_none=True)
        ids = tokenize(text, index, longest)
        matcher = xgr.GrammarMatcher(compiled)
        if not all(matcher.accept_token(t) for t in ids):
            raise SystemExit(f"{path.name}: the grammar refuses the recorded reading")
        out.append((path.stem, text, ids + [stop_id]))
    return out


def logits_for(stream, p_top: float, seed: int):
    rng, pool = random.Random(seed), [torch.randn(1, VOCAB) for _ in range(4)]
    out = []
    for k, tok in enumerate(stream):
        x = pool[k % 4].clone()
        if rng.random() >= p_top:
            x[0, rng.choice(NEVER_ALLOWED)] = 60.0
        x[0, tok] = 50.0
        out.append(x)
    return out


def run(processor, stream, logits):
    """Seconds spent in the processor over the stream; checks it chose the recorded tokens."""
    ids = torch.tensor([[0]])
    spent = 0.0
    for tok, x in zip(stream, logits):
        scores = x.clone()
        t0 = time.perf_counter()
        scores = processor(ids, scores)
        spent += time.perf_counter() - t0
        chosen = int(scores.argmax())
        if chosen != tok:
            raise SystemExit(f"the processor chose {chosen}, the reading has {tok}")
        ids = torch.cat([ids, torch.tensor([[tok]])], dim=1)
    return spent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    t0 = time.perf_counter()
    vocab = build_vocab()
    stop_id = len(vocab) - 2
    info = xgr.TokenizerInfo(vocab, xgr.VocabType.RAW, vocab_size=VOCAB,
                             stop_token_ids=[stop_id, stop_id + 1])
    compiled = xgr.GrammarCompiler(info, max_threads=2, cache_enabled=False) \
        .compile_json_schema(grammar_schema(), any_whitespace=False, separators=(",", ":"),
                             strict_mode=True)
    data = streams(vocab, compiled, stop_id)
    tokens = sum(len(s) for _, _, s in data)
    print(f"vocabulary {len(vocab)} tokens, grammar compiled, {len(data)} readings, "
          f"{tokens} tokens ({time.perf_counter() - t0:.1f} s to set up); 1 CPU thread\n")
    from xgrammar.contrib.hf import LogitsProcessor

    # Full masking costs the same whatever the logits (measured once, on the 95 % logits).
    full = sum(run(LogitsProcessor(compiled), stream, logits_for(stream, 0.95, 100 * r + k))
               for r in range(args.runs) for k, (_, _, stream) in enumerate(data))
    full_ms = full / (tokens * args.runs) * 1e3
    print("| top token allowed | full mask ms/token | lazy ms/token | ratio | masks filled |")
    print("|---|---|---|---|---|")
    for p_top in (1.0, 0.95, 0.9, 0.8, 0.5, 0.0):
        lazy = 0.0
        fills = 0
        for run_no in range(args.runs):
            for k, (_, _, stream) in enumerate(data):
                proc = LazyGrammarProcessor(compiled, VOCAB)
                lazy += run(proc, stream, logits_for(stream, p_top, seed=100 * run_no + k))
                fills += proc.fills
        lazy_ms = lazy / (tokens * args.runs) * 1e3
        print(f"| {p_top:.0%} | {full_ms:.3f} | {lazy_ms:.3f} | {full_ms / lazy_ms:.1f}x | "
              f"{fills / args.runs:.0f} of {tokens} |")
    forced = total = 0
    jf_time = 0.0
    index = {t: i for i, t in enumerate(vocab) if t not in SPECIAL}
    longest = max(len(t) for t in index)
    steps = emitted = 0
    for _, text, _ in data:
        total += len(text)
        # A jump-forward decoder (daemon/model/decode.py): after each token the model picks,
        # the forced string is tokenized and fed with it in the same model step.
        matcher = xgr.GrammarMatcher(compiled)
        rest = text.encode()
        while rest:
            t1 = time.perf_counter()
            jump = matcher.find_jump_forward_string().encode()
            jf_time += time.perf_counter() - t1
            if jump and rest.startswith(jump):
                ids = tokenize(jump.decode(), index, longest)
                for t in ids:
                    matcher.accept_token(t)
                forced += len(jump)
                emitted += len(ids)
                rest = rest[len(jump):]
                continue
            tok = tokenize(rest.decode(errors="ignore"), index, longest)[0]
            matcher.accept_token(tok)
            rest = rest[len(vocab[tok]):]
            steps += 1
            emitted += 1
    print(f"\njump-forward: the grammar forces {forced} of {total} characters "
          f"({forced / total:.0%}: keys, punctuation, enum tails), found at "
          f"{jf_time / max(steps, 1) * 1e6:.1f} us per model step; a jump-forward decoder "
          f"would run the model {steps} times for these {emitted} tokens "
          f"({steps / emitted:.0%} of the steps of one-token-per-step decoding)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
