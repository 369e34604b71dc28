"""`ds2fp extract PACKAGE.png LAND.png --lib My.pretty`: screenshots to a footprint file.

Talks to a running daemon (`--connect`), or reads in this process (`--in-process --reader`).
The same pipeline runs either way; this module only presents the outcome for a terminal.
"""

import argparse
import json
import sys
from pathlib import Path
from typing import List

from daemon.client import DEFAULT_ENDPOINT
from daemon.commands.argtypes import endpoint, positive_float
from daemon.commands.register_args import add_register_args, finish, plan_from_args

ROLES = ("package", "land_pattern", "both", "other")


def register(subparsers) -> None:
    p = subparsers.add_parser("extract", help="make a footprint from datasheet screenshots")
    p.add_argument("images", nargs="+", type=Path, help="1-4 screenshots (PNG/JPEG/WebP/...)")
    p.add_argument("--lib", type=Path, default=None, help="the .pretty library to write into")
    p.add_argument("--name", default=None, help="footprint name (default: from the part)")
    p.add_argument("--role", action="append", choices=ROLES, default=None,
                   help="what each image shows, in order (default: one image 'both'; two "
                        "images 'package' then 'land_pattern')")
    p.add_argument("--replace", action="store_true", help="overwrite an existing footprint")
    p.add_argument("--json", action="store_true", help="print reading, footprint and issues")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.add_argument("--part-name", default=None)
    p.add_argument("--datasheet", default=None, metavar="URL",
                   help="the datasheet's address, into the description (KLC F9.1)")
    p.add_argument("--package-hint", default=None, help="e.g. SOIC-8, D0008A")
    p.add_argument("--units-hint", choices=("mm", "mil", "inch"), default=None)
    p.add_argument("--density", choices=("least", "nominal", "most"), default="nominal")
    p.add_argument("--pattern", choices=("auto", "datasheet", "ipc"), default="auto")
    add_reader_args(p, timeout_help="seconds to wait for a result")
    add_register_args(p)
    p.set_defaults(func=run)


def add_reader_args(p: argparse.ArgumentParser, timeout_help: str) -> None:
    """Where the reading happens: a daemon (--connect, --curve-dir) or this process
    (--in-process --reader ...); shared by extract and batch."""
    p.add_argument("--connect", default=DEFAULT_ENDPOINT, type=endpoint,
                   help="daemon endpoint")
    p.add_argument("--curve-dir", type=Path, default=None,
                   help="keys folder from `ds2fp keys` (remote daemons)")
    p.add_argument("--timeout", type=positive_float, default=600.0, help=timeout_help)
    p.add_argument("--in-process", action="store_true",
                   help="read here instead of asking a daemon (no daemon needed)")
    p.add_argument("--reader", default="model",
                   help="with --in-process: model | ocr | file:READING.json | ...")
    p.add_argument("--ground", action=argparse.BooleanOptionalAction, default=None,
                   help="with --in-process: check every value read against OCR of the pages "
                        "(default: on for model readers; the ocr reader always does)")
    p.add_argument("--model", default=None, help="with --in-process --reader model")
    p.add_argument("--device", default=None)


def default_roles(count: int) -> List[str]:
    if count == 1:
        return ["both"]
    if count == 2:
        return ["package", "land_pattern"]
    return ["other"] * count


def make_client(args: argparse.Namespace):
    """A ZmqClient for --connect, or an InProcessClient for --in-process."""
    if args.in_process:
        from daemon.client import InProcessClient
        from daemon.commands.serve_cmd import token_budget_for
        from daemon.images import ImageLimits
        from daemon.readers.factory import make_reader

        opts = {"model": args.model, "device": args.device} if args.reader == "model" else {}
        budget = token_budget_for(args.reader, ImageLimits.max_pixels)
        reader = make_reader(args.reader, ground=getattr(args, "ground", None), **opts)
        return InProcessClient(reader, limits=ImageLimits(token_budget=budget))
    from daemon.client import ZmqClient

    if args.curve_dir is not None:
        from zmq.auth import load_certificate

        server_public, _ = load_certificate(str(args.curve_dir / "server.key"))
        return ZmqClient(args.connect, extract_timeout_s=args.timeout,
                         curve_server_public=server_public,
                         curve_client_secret_file=str(args.curve_dir / "client.key_secret"))
    return ZmqClient(args.connect, extract_timeout_s=args.timeout)


def run(args: argparse.Namespace) -> int:
    from daemon.commands.progress import ProgressDisplay
    from footprint_writer.errors import Ds2fpError
    from schemas.protocol import MAX_IMAGES, ExtractOptions

    if not 1 <= len(args.images) <= MAX_IMAGES:
        raise Ds2fpError(f"give 1 to {MAX_IMAGES} images, not {len(args.images)}")
    roles = args.role or default_roles(len(args.images))
    if len(roles) != len(args.images):
        raise Ds2fpError(f"{len(roles)} --role values for {len(args.images)} images",
                         hint="give one --role per image, in the same order")
    if args.lib is None and not args.json:
        raise Ds2fpError("nothing to do", hint="give --lib My.pretty to write, or --json")
    plan = plan_from_args(args)
    images = []
    for path, role in zip(args.images, roles):
        try:
            images.append((path.read_bytes(), role, path.name))
        except OSError as exc:
            raise Ds2fpError(f"cannot read {path}: {exc.strerror}") from None
    options = ExtractOptions(name=args.name, part_name=args.part_name,
                             package_hint=args.package_hint, units_hint=args.units_hint,
                             density=args.density, pattern=args.pattern,
                             datasheet=args.datasheet)
    with make_client(args) as client:
        with ProgressDisplay(quiet=args.quiet) as shown:
            reply = client.extract(images, options, progress=shown.update,
                                   timeout_s=args.timeout)
    if not reply.ok:
        err = reply.error
        raise Ds2fpError(f"{err.code}: {err.message}", hint=err.hint)
    result = reply.extract
    if args.json:
        print(json.dumps({"reading": result.reading.model_dump(mode="json"),
                          "footprint": result.footprint.model_dump(mode="json")
                          if result.footprint else None,
                          "issues": [i.model_dump(mode="json") for i in result.issues],
                          "images": [i.model_dump(mode="json") for i in result.images],
                          "timings": result.timings}, indent=2))
    for issue in result.issues:
        print(f"ds2fp: {issue.severity}: {issue.code}: {issue.message}", file=sys.stderr)
    if args.lib is None:
        return 0
    if result.footprint is None:
        raise Ds2fpError("no footprint could be built from what was read",
                         hint="see the build_failed issue above; check the images and hints")
    from footprint_writer.library import write_footprint

    out = sys.stderr if args.json else sys.stdout
    path = write_footprint(result.footprint, args.lib, replace=args.replace)
    print(f"wrote {path}", file=out)
    finish(plan, out)
    return 0
