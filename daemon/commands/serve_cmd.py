"""`ds2fp serve`: load a reader once and answer ZeroMQ requests until SIGINT/SIGTERM."""

import argparse
import functools
import logging
import signal
import sys
from pathlib import Path

from daemon.commands.argtypes import endpoint, non_negative_float, positive_float, positive_int
from daemon.images import ImageLimits
from daemon.model import DEFAULT_MODEL

log = logging.getLogger(__name__)

SWITCH_INTERVAL_S = 0.001  # benchmarks/daemon_ping.py: busy-in-Python p50 5.8 ms at 5 ms


def register(subparsers) -> None:
    p = subparsers.add_parser("serve", help="run the inference daemon")
    p.add_argument("--model", default=None,
                   help=f"hub name or local checkpoint folder (default {DEFAULT_MODEL})")
    p.add_argument("--reader", default="auto",
                   help="auto | model | ocr | endpoint:URL | file:READING.json | "
                        "python:MODULE:FUNC (auto, the default: the model when --model names "
                        f"one or {DEFAULT_MODEL} is already downloaded, else the CPU OCR "
                        "reader)")
    p.add_argument("--device", default=None, help="cuda | cpu (default: cuda if available)")
    p.add_argument("--dtype", default=None, help="bfloat16 | float16 | float32")
    p.add_argument("--bind", default="tcp://127.0.0.1:5557", type=endpoint,
                   help="ZeroMQ endpoint (default %(default)s; non-loopback needs --curve-dir)")
    p.add_argument("--max-new-tokens", type=positive_int, default=None)
    p.add_argument("--kv-cache", choices=["auto", "dynamic", "static"], default=None,
                   help="model reader: 'static' compiles the decode step (2-4x faster on a "
                        "GPU, about a minute more warm-up at start); default auto: static "
                        "on a GPU, dynamic on a CPU")
    p.add_argument("--decode", choices=["generate", "jump-forward"], default=None,
                   help="model reader: 'jump-forward' feeds the tokens the grammar forces "
                        "without a model step each (opt-in, not yet measured on a GPU; "
                        "default generate)")
    p.add_argument("--image-token-budget", type=positive_int, default=None,
                   help="visual tokens per image, 32x32 px each (default "
                        f"{ImageLimits.token_budget} for model readers; others get full pages)")
    p.add_argument("--max-image-bytes", type=positive_int, default=ImageLimits.max_bytes)
    p.add_argument("--max-image-pixels", type=positive_int, default=ImageLimits.max_pixels)
    p.add_argument("--queue", type=positive_int, default=8, help="waiting requests before 'busy'")
    p.add_argument("--timeout", type=positive_float, default=600.0,
                   help="default per-request deadline in seconds")
    p.add_argument("--ground", action=argparse.BooleanOptionalAction, default=None,
                   help="check every value read against OCR of the pages (default: on for "
                        "model readers, which misread digits; the ocr reader always does)")
    p.add_argument("--offline", action="store_true", help="never touch the network")
    p.add_argument("--log-file", type=Path, default=None,
                   help="log file (default: ~/.local/state/ds2fp/daemon.log); 'none' disables")
    p.add_argument("--curve-dir", type=Path, default=None,
                   help="folder made by `ds2fp keys`: server.key_secret + authorized/")
    p.add_argument("--simulate-latency", type=non_negative_float, default=None,
                   help="file reader only: seconds each read takes (demos, benchmarks)")
    p.set_defaults(func=run)


def token_budget_for(reader_kind: str, max_pixels: int) -> int:
    """The default per-image budget: the model's, or 'never scale' for OCR / file readers."""
    from daemon.readers.factory import scales_to_token_budget

    if scales_to_token_budget(reader_kind):
        return ImageLimits.token_budget
    return max_pixels // (32 * 32) + 1


def run(args: argparse.Namespace) -> int:
    from daemon.logs import default_log_file, setup_logging
    from daemon.readers.factory import (
        check_reader_kind,
        default_reader,
        is_model_kind,
        make_reader,
    )
    from daemon.security import CurveConfig, check_curve_dir
    from daemon.server import Server, ServerConfig

    check_reader_kind(args.reader)
    if args.curve_dir is not None:
        check_curve_dir(args.curve_dir)
    log_file = None if str(args.log_file).lower() == "none" else \
        (args.log_file or default_log_file())
    setup_logging(log_file)
    if args.reader == "auto":
        args.reader, why = default_reader(args.model)
        log.info("reader: %s", why)
        print(f"ds2fp: reader: {why}", file=sys.stderr, flush=True)
    args.model = args.model or DEFAULT_MODEL
    curve = None
    if args.curve_dir is not None:
        curve = CurveConfig(server_secret_file=args.curve_dir / "server.key_secret",
                            authorized_dir=args.curve_dir / "authorized")
    budget = args.image_token_budget or token_budget_for(args.reader, args.max_image_pixels)
    config = ServerConfig(
        bind=args.bind, queue_capacity=args.queue, default_timeout_s=args.timeout, curve=curve,
        limits=ImageLimits(max_bytes=args.max_image_bytes, max_pixels=args.max_image_pixels,
                           token_budget=budget),
        model_name=args.model if args.reader == "model" else args.reader)
    reader_options = dict(model=args.model, device=args.device, dtype=args.dtype,
                          max_new_tokens=args.max_new_tokens,
                          image_token_budget=budget, offline=args.offline,
                          kv_cache=args.kv_cache, decode=args.decode)
    if not is_model_kind(args.reader):
        reader_options = {}
    if args.simulate_latency is not None:
        reader_options["delay_s"] = args.simulate_latency
    factory = functools.partial(make_reader, args.reader, ground=args.ground, **reader_options)
    server = Server(config, factory)

    def on_signal(signum, frame) -> None:
        log.info("signal %s: stopping", signum)
        server.stop()

    # The worker's Python (generate loop, logits processor) holds the GIL in bursts; a short
    # switch interval lets the I/O thread answer ping within ~1 ms instead of ~5-15 ms.
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    if log_file is not None:
        log.info("logging to %s", log_file)
    code = server.run()
    if server.fatal_error is not None:
        from footprint_writer.errors import Ds2fpError

        raise Ds2fpError(server.fatal_error.message, hint=server.fatal_error.hint)
    return code
