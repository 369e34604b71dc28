#!/usr/bin/env python3
"""GPU benchmark: full-size Qwen3-VL 2B / 4B / 8B with random weights (no download).

For two pages and up to 400 output tokens it prints prefill time, decode tokens/s, end-to-end
latency and peak GPU memory for
  - the daemon's path: QwenVLRunner.generate (processor + grammar-forced generate), and
  - plain `model.generate` on the same inputs (no grammar, exactly 400 tokens),
beside the decode ceiling set by memory bandwidth (text weights read once per token).

    python3 benchmarks/gpu_qwen3vl.py                    # 2B 4B 8B on cuda
    python3 benchmarks/gpu_qwen3vl.py --sizes 4B --image-tokens 1600
    python3 benchmarks/gpu_qwen3vl.py --count-only       # parameter counts on the meta device
    python3 benchmarks/gpu_qwen3vl.py --sizes tiny --device cpu   # smoke test of this script

Configs are the public config.json values of Qwen/Qwen3-VL-{2B,4B,8B}-Instruct. The tokenizer
is synthetic (no download): Qwen's vocabulary size (151,643 BPE tokens + specials, logits
151,936) built from random merges, so the grammar's per-token mask work is of realistic size.
Random weights give meaningless text; timings and memory are what matter here.
"""

import argparse
import gc
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Qwen3-VL Instruct config.json values (text_config / vision_config), checked against published
# copies of the 4B and 8B config.json; the 2B values give 2.128 B parameters, which matches the
# 4.26 GB bf16 model.safetensors of Qwen/Qwen3-VL-2B-Instruct (`--count-only`).
# Shared: head_dim 128, mrope_section [24, 20, 20] interleaved, rope_theta 5e6, vocab 151936,
# vision patch 16, merge 2, temporal patch 2, 2304 position embeddings, out_hidden_size = text
# hidden_size.
SIZES = {
    "2B": dict(hidden=2048, intermediate=6144, layers=28, heads=16, kv_heads=8, tie=True,
               v_depth=24, v_hidden=1024, v_intermediate=4096, v_heads=16,
               deepstack=[5, 11, 17]),
    "4B": dict(hidden=2560, intermediate=9728, layers=36, heads=32, kv_heads=8, tie=True,
               v_depth=24, v_hidden=1024, v_intermediate=4096, v_heads=16,
               deepstack=[5, 11, 17]),
    "8B": dict(hidden=4096, intermediate=12288, layers=36, heads=32, kv_heads=8, tie=False,
               v_depth=27, v_hidden=1152, v_intermediate=4304, v_heads=16,
               deepstack=[8, 16, 24]),
}
QWEN_TEXT_TOKENS = 151643  # regular BPE tokens; the specials follow (<|endoftext|> = 151643)
LOGITS_WIDTH = 151936

# Peak HBM bandwidth by device name (vendor data sheets), used when --measure-bandwidth is off.
PEAK_BANDWIDTH_TBS = {"H100 80GB HBM3": 3.35, "H100 PCIe": 2.0, "H200": 4.8, "H100 NVL": 3.9,
                      "A100-SXM4-80GB": 2.04, "A100 80GB PCIe": 1.94, "L40S": 0.864}


def qwen3vl_config(size: str, ids: dict):
    from transformers import Qwen3VLConfig

    s = SIZES[size]
    text = dict(vocab_size=LOGITS_WIDTH, hidden_size=s["hidden"],
                intermediate_size=s["intermediate"], num_hidden_layers=s["layers"],
                num_attention_heads=s["heads"], num_key_value_heads=s["kv_heads"], head_dim=128,
                max_position_embeddings=262144, rms_norm_eps=1e-6, tie_word_embeddings=s["tie"],
                rope_parameters={"rope_type": "default", "rope_theta": 5000000.0,
                                 "mrope_section": [24, 20, 20], "mrope_interleaved": True},
                eos_token_id=ids["<|im_end|>"], pad_token_id=ids["<|endoftext|>"])
    vision = dict(depth=s["v_depth"], hidden_size=s["v_hidden"],
                  intermediate_size=s["v_intermediate"], num_heads=s["v_heads"], patch_size=16,
                  spatial_merge_size=2, temporal_patch_size=2, out_hidden_size=s["hidden"],
                  num_position_embeddings=2304, deepstack_visual_indexes=s["deepstack"])
    return Qwen3VLConfig(text_config=text, vision_config=vision, tie_word_embeddings=s["tie"],
                         image_token_id=ids["<|image_pad|>"], video_token_id=ids["<|video_pad|>"],
                         vision_start_token_id=ids["<|vision_start|>"],
                         vision_end_token_id=ids["<|vision_end|>"],
                         eos_token_id=ids["<|im_end|>"], pad_token_id=ids["<|endoftext|>"])


def synthetic_tokenizer(n_tokens: int = QWEN_TEXT_TOKENS, seed: int = 0):
    """A byte-level BPE Qwen2Tokenizer with Qwen's vocabulary size: merges trained on our own
    prompts and reading JSON (so prompt and answer lengths in tokens are realistic), then
    padded with random merges up to the full size (so grammar masks cover ~152k tokens)."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers
    from transformers.models.qwen2.tokenization_qwen2 import PRETOKENIZE_REGEX, Qwen2Tokenizer

    from daemon.model import prompts
    from daemon.model.tiny import _CORPUS, CHAT_TEMPLATE, SPECIAL_TOKENS

    corpus = [_CORPUS, prompts.SYSTEM, prompts.FIELDS, *prompts.ROLE_TEXT.values()]
    bpe = Tokenizer(models.BPE())
    bpe.normalizer = normalizers.NFC()
    bpe.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(PRETOKENIZE_REGEX), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    bpe.decoder = decoders.ByteLevel()
    bpe.train_from_iterator(corpus * 8, trainer=trainers.BpeTrainer(
        vocab_size=3000, show_progress=False, special_tokens=["<|endoftext|>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    state = json.loads(bpe.to_str())["model"]
    vocab = dict(state["vocab"])
    merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in state["merges"]]
    rng = random.Random(seed)
    tokens = [t for t in vocab if t != "<|endoftext|>"]
    while len(vocab) < n_tokens:
        left, right = rng.choice(tokens), rng.choice(tokens)
        new = left + right
        if new in vocab or len(new) > 16:
            continue
        vocab[new] = len(vocab)
        merges.append((left, right))
        tokens.append(new)
    tok = Qwen2Tokenizer(vocab=vocab, merges=merges)
    tok.add_special_tokens({"additional_special_tokens": list(SPECIAL_TOKENS[1:])})
    tok.eos_token, tok.pad_token, tok.chat_template = "<|im_end|>", "<|endoftext|>", CHAT_TEMPLATE
    return tok


def build_processor(size: str, folder: Path, n_tokens: int):
    """Tokenizer + image processor + chat template written to `folder` (once per run), loaded
    back the daemon's way (daemon.model.loading.load_processor)."""
    from daemon.model.loading import IMAGE_PROCESSOR_DEFAULTS, image_processor_class, load_processor
    from daemon.model.tiny import CHAT_TEMPLATE, _train_tokenizer

    if (folder / "tokenizer.json").is_file():
        return load_processor(folder)
    tok = _train_tokenizer() if size == "tiny" else synthetic_tokenizer(n_tokens)
    tok.save_pretrained(folder)
    image_processor_class()(**IMAGE_PROCESSOR_DEFAULTS).save_pretrained(folder)
    (folder / "chat_template.jinja").write_text(CHAT_TEMPLATE)
    return load_processor(folder)


def pages(n: int, width: int, height: int):
    """Synthetic drawing pages: white with black lines and boxes (content is irrelevant here)."""
    from PIL import Image, ImageDraw

    out = []
    for i in range(n):
        img = Image.new("RGB", (width, height), "white")
        draw = ImageDraw.Draw(img)
        for k in range(0, width, 97):
            draw.line([(k, 0), (width - k, height)], fill="black", width=2)
        draw.rectangle([width // 4, height // 4, 3 * width // 4, 3 * height // 4], outline="black",
                       width=4)
        draw.text((20 + 10 * i, 20), f"page {i + 1}  D 4.80 5.00  E1 3.80 4.00", fill="black")
        out.append(img)
    return out


def measure_bandwidth_gbs(device) -> float:
    import torch

    x = torch.empty(1 << 30, dtype=torch.uint8, device=device)  # 1 GiB
    y = torch.empty_like(x)
    for _ in range(3):
        y.copy_(x)
    torch.cuda.synchronize()
    t = time.perf_counter()
    reps = 20
    for _ in range(reps):
        y.copy_(x)
    torch.cuda.synchronize()
    seconds = time.perf_counter() - t
    del x, y
    return 2 * reps * (1 << 30) / seconds / 1e9  # read + write


def count_only() -> None:
    import torch
    from transformers import Qwen3VLForConditionalGeneration

    ids = {t: 151643 + i for i, t in enumerate(
        ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>",
         "<|object_ref_end|>", "<|box_start|>", "<|box_end|>", "<|quad_start|>",
         "<|quad_end|>", "<|vision_start|>", "<|vision_end|>", "<|vision_pad|>",
         "<|image_pad|>", "<|video_pad|>"])}
    for size in SIZES:
        with torch.device("meta"):
            model = Qwen3VLForConditionalGeneration(qwen3vl_config(size, ids))
        total = sum(p.numel() for p in model.parameters())
        visual = sum(p.numel() for p in model.model.visual.parameters())
        print(f"{size}: {total / 1e9:.3f} B parameters ({visual / 1e9:.3f} B vision), "
              f"bf16 weights {total * 2 / 2**30:.2f} GiB")


def run_size(size: str, args) -> dict:
    import torch
    from transformers import Qwen3VLForConditionalGeneration

    from daemon.model.prompts import build_messages
    from daemon.model.runner import QwenVLRunner
    from daemon.model.tiny import tiny_config
    from daemon.readers.base import PageImage, ReadHints

    cuda = args.device == "cuda"
    dtype = torch.bfloat16 if cuda else torch.float32
    folder = args.work / ("tiny" if size == "tiny" else "qwen-sized")
    folder.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    processor = build_processor(size, folder, args.vocab)
    tokenizer_s = time.perf_counter() - t
    ids = {tok: processor.tokenizer.convert_tokens_to_ids(tok) for tok in
           ("<|endoftext|>", "<|im_end|>", "<|image_pad|>", "<|video_pad|>",
            "<|vision_start|>", "<|vision_end|>")}
    config = tiny_config(processor.tokenizer) if size == "tiny" else qwen3vl_config(size, ids)
    torch.manual_seed(0)
    t = time.perf_counter()
    with torch.device(args.device):
        model = Qwen3VLForConditionalGeneration._from_config(config, dtype=dtype).eval()
    build_s = time.perf_counter() - t
    text_bytes = sum(p.numel() * p.element_size() for n, p in model.named_parameters()
                     if not n.startswith("model.visual"))
    # Tied embeddings (2B, 4B) are one tensor, counted once: the LM head reads it per token.

    # kv_cache "static": generate() compiles the decode step (torch.compile).
    runner = QwenVLRunner(str(folder), device=args.device, max_new_tokens=args.new_tokens,
                          image_token_budget=args.image_tokens, kv_cache=args.cache)
    t = time.perf_counter()
    runner.attach(model, processor, folder, args.device, dtype)
    grammar_s = time.perf_counter() - t
    images = [PageImage(p, role) for p, role in zip(
        pages(2, args.page_width, args.page_height), ("package", "land_pattern"))]
    messages = build_messages(images, ReadHints())

    def sync():
        if cuda:
            torch.cuda.synchronize()

    def reset_peak():
        if cuda:
            gc.collect()
            torch.cuda.empty_cache()
            torch.cuda.reset_peak_memory_stats()

    def peak_gib():
        return torch.cuda.max_memory_allocated() / 2**30 if cuda else float("nan")

    runner.warm_up()
    # The daemon's path: processor + grammar-forced generate, as the worker calls it.
    daemon_runs = []
    for _ in range(args.repeats):
        reset_peak()
        sync()
        g = runner.generate(messages)
        sync()
        daemon_runs.append((g, peak_gib()))
    g, daemon_peak = min(daemon_runs, key=lambda r: r[0].total_s)
    # The same path with xgrammar's own full-mask processor (the path before the lazy one).
    # Random weights break the grammar on nearly every step, so here the lazy processor
    # falls back to the full mask almost always: this row bounds the fallback's cost.
    lazy_factory = runner.grammar.logits_processor
    runner.grammar.logits_processor = runner.grammar.full_mask_processor
    try:
        sync()
        f = runner.generate(messages)
        sync()
    finally:
        runner.grammar.logits_processor = lazy_factory
    full_mask = dict(new_tokens=f.new_tokens, total_s=f.total_s,
                     decode_tps=(f.new_tokens - 1) / max(f.total_s - f.prefill_s, 1e-9))
    daemon = dict(prompt_tokens=g.prompt_tokens, new_tokens=g.new_tokens,
                  prefill_s=g.prefill_s, total_s=g.total_s,
                  decode_tps=(g.new_tokens - 1) / max(g.total_s - g.prefill_s, 1e-9),
                  peak_gib=daemon_peak, truncated=g.truncated)
    # Other page sizes give other prompt lengths: does the (compiled) daemon path stay fast?
    other_sizes = []
    for width, height in args.other_pages:
        others = [PageImage(p, role) for p, role in zip(
            pages(2, width, height), ("package", "land_pattern"))]
        sync()
        o = runner.generate(build_messages(others, ReadHints()))
        sync()
        other_sizes.append(dict(page=f"{width}x{height}", prompt_tokens=o.prompt_tokens,
                                new_tokens=o.new_tokens, total_s=round(o.total_s, 3)))
        print(f"  daemon path, pages {width}x{height}: {o.prompt_tokens} prompt + "
              f"{o.new_tokens} new tokens in {o.total_s:.2f} s", flush=True)

    # Plain model.generate on the same processed inputs: no grammar, exactly N tokens.
    processor.apply_chat_template(messages, tokenize=True, add_generation_prompt=True,
                                  return_dict=True, return_tensors="pt")  # warm the processor
    t = time.perf_counter()
    inputs = processor.apply_chat_template(messages, tokenize=True, add_generation_prompt=True,
                                           return_dict=True, return_tensors="pt").to(args.device)
    preprocess_s = time.perf_counter() - t

    def plain(n):
        sync()
        t0 = time.perf_counter()
        with torch.inference_mode():
            out = model.generate(**inputs, max_new_tokens=n, min_new_tokens=n, do_sample=False,
                                 temperature=None, top_p=None, top_k=None,
                                 pad_token_id=ids["<|endoftext|>"])
        sync()
        return time.perf_counter() - t0, out.shape[1] - inputs["input_ids"].shape[1]

    plain(4)  # warm
    reset_peak()
    prefill = min(plain(1)[0] for _ in range(args.repeats))
    runs = [plain(args.new_tokens) for _ in range(args.repeats)]
    total, n = min(runs)
    plain_peak = peak_gib()
    decode_s = total - prefill
    plain_stats = dict(prompt_tokens=int(inputs["input_ids"].shape[1]), new_tokens=int(n),
                       prefill_s=prefill, total_s=total + preprocess_s, generate_s=total,
                       preprocess_s=preprocess_s,
                       decode_tps=(n - 1) / decode_s if decode_s > 0 else float("nan"),
                       peak_gib=plain_peak)

    bandwidth = None
    if cuda:
        name = torch.cuda.get_device_name()
        peak = next((v for k, v in PEAK_BANDWIDTH_TBS.items() if k in name), None)
        measured = measure_bandwidth_gbs(args.device)
        bandwidth = dict(device=name, peak_tbs=peak, measured_copy_gbs=round(measured, 1),
                         ceiling_tps_peak=None if peak is None else peak * 1e12 / text_bytes,
                         ceiling_tps_measured=measured * 1e9 / text_bytes)
    result = dict(size=size, cache=args.cache,
                  params_b=sum(p.numel() for p in model.parameters()) / 1e9,
                  text_weight_gib=text_bytes / 2**30, build_s=build_s, tokenizer_s=tokenizer_s,
                  grammar_compile_s=grammar_s, warm_up_s=runner.warm_up_s, daemon=daemon,
                  full_mask=full_mask,
                  other_page_sizes=other_sizes,
                  plain=plain_stats, bandwidth=bandwidth)
    runner.free()
    gc.collect()
    if cuda:
        torch.cuda.empty_cache()
    return result


def show(r: dict) -> None:
    d, p, b = r["daemon"], r["plain"], r["bandwidth"]
    print(f"\n== Qwen3-VL {r['size']}: {r['params_b']:.2f} B params, text weights "
          f"{r['text_weight_gib']:.2f} GiB; grammar compile {r['grammar_compile_s']:.1f} s, "
          f"warm-up {r['warm_up_s']:.1f} s")
    print(f"{'path':<22}{'prompt tok':>11}{'new tok':>9}{'prefill s':>11}{'decode tok/s':>14}"
          f"{'e2e s':>9}{'peak GiB':>10}")
    print(f"{'daemon (grammar)':<22}{d['prompt_tokens']:>11}{d['new_tokens']:>9}"
          f"{d['prefill_s']:>11.3f}{d['decode_tps']:>14.1f}{d['total_s']:>9.2f}"
          f"{d['peak_gib']:>10.2f}")
    fm = r.get("full_mask")
    if fm:
        print(f"{'daemon (full mask)':<22}{'':>11}{fm['new_tokens']:>9}{'':>11}"
              f"{fm['decode_tps']:>14.1f}{fm['total_s']:>9.2f}")
    print(f"{'plain model.generate':<22}{p['prompt_tokens']:>11}{p['new_tokens']:>9}"
          f"{p['prefill_s']:>11.3f}{p['decode_tps']:>14.1f}{p['total_s']:>9.2f}"
          f"{p['peak_gib']:>10.2f}   (incl. {p['preprocess_s']:.2f} s image preprocessing)")
    if b:
        peak = "n/a" if b["ceiling_tps_peak"] is None else f"{b['ceiling_tps_peak']:.0f}"
        print(f"bandwidth ceiling: {peak} tok/s at {b['peak_tbs']} TB/s peak ({b['device']}); "
              f"{b['ceiling_tps_measured']:.0f} tok/s at the measured "
              f"{b['measured_copy_gbs']:.0f} GB/s copy rate")


def _size(text: str):
    width, _, height = text.lower().partition("x")
    return int(width), int(height)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["2B", "4B", "8B"],
                        choices=[*SIZES, "tiny"])
    parser.add_argument("--device", default="cuda", choices=["cuda", "cpu"])
    parser.add_argument("--new-tokens", type=int, default=400)
    parser.add_argument("--image-tokens", type=int, default=1600,
                        help="visual-token budget per page (daemon --image-token-budget)")
    parser.add_argument("--page-width", type=int, default=1700)
    parser.add_argument("--page-height", type=int, default=2200)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--vocab", type=int, default=QWEN_TEXT_TOKENS)
    parser.add_argument("--other-pages", nargs="*", default=[], type=_size, metavar="WxH",
                        help="after the timed runs, time the daemon path once on pages of "
                             "these sizes (other prompt lengths; shows recompilation)")
    parser.add_argument("--cache", choices=["dynamic", "static"], default="dynamic",
                        help="KV cache; static makes generate() compile the decode step")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--count-only", action="store_true")
    args = parser.parse_args()
    if args.count_only:
        count_only()
        return 0
    import torch

    if args.device == "cuda" and not torch.cuda.is_available():
        print("gpu_qwen3vl: no CUDA GPU here; use --sizes tiny --device cpu for a smoke test",
              file=sys.stderr)
        return 2
    print(f"torch {torch.__version__}, {args.device}, 2 pages of {args.page_width}x"
          f"{args.page_height} px, <= {args.image_tokens} visual tokens each, "
          f"{args.new_tokens} new tokens, best of {args.repeats}")
    args.work = Path(tempfile.mkdtemp(prefix="gpu_qwen3vl-"))
    results = []
    for size in args.sizes:
        results.append(run_size(size, args))
        show(results[-1])
        sys.stdout.flush()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
