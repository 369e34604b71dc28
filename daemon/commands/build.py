"""`ds2fp build READING_OR_FOOTPRINT.json --lib My.pretty`: build (or rebuild) and write.

Takes a DatasheetReading (built with footprint_writer.builder) or a FootprintSpec (written as
given, e.g. an edited `ds2fp import`), prints a short summary with every warning, and writes
through the one checked, atomic writer. Errors exit 2 with one message (daemon.cli).
"""

import argparse
import json
import sys
from pathlib import Path

from daemon.commands.register_args import add_register_args, finish, plan_from_args
from footprint_writer.builder import build_footprint
from footprint_writer.builder.load import parse_input
from footprint_writer.checks import check_footprint
from footprint_writer.courtyard import refresh_courtyard
from footprint_writer.errors import InputError
from schemas.footprint import FootprintSpec
from schemas.options import BuildOptions


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "build", help="build a footprint from a reading (or footprint) JSON and write it",
        description="Build a KiCad footprint from a DatasheetReading JSON (or write a "
                    "FootprintSpec JSON) into a .pretty library.")
    parser.add_argument("input", metavar="READING_OR_FOOTPRINT.json",
                        help="a DatasheetReading or FootprintSpec JSON file ('-' for stdin)")
    parser.add_argument("--lib", metavar="My.pretty",
                        help="library folder to write into (created on demand)")
    parser.add_argument("--name", help="footprint name (default: KLC-style from the package)")
    parser.add_argument("--replace", action="store_true",
                        help="overwrite an existing footprint of the same name")
    parser.add_argument("--density", choices=("least", "nominal", "most"), default="nominal",
                        help="IPC-7351B density level when pads are computed (default nominal)")
    parser.add_argument("--pattern", choices=("auto", "datasheet", "ipc"), default="auto",
                        help="land pattern: the datasheet's (auto prefers it) or IPC-7351B")
    parser.add_argument("--thermal-vias", action="store_true",
                        help="add thermal vias to an exposed pad")
    parser.add_argument("--datasheet", default=None, metavar="URL",
                        help="the datasheet's address, into the description (KLC F9.1)")
    parser.add_argument("--json", action="store_true",
                        help="print the footprint description (FootprintSpec JSON) to stdout")
    add_register_args(parser)
    parser.set_defaults(func=run)


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from None


def make_spec(model, options: BuildOptions) -> FootprintSpec:
    """A FootprintSpec from a parsed input: build a reading, take a footprint as it is."""
    if isinstance(model, FootprintSpec):
        model, refreshed = refresh_courtyard(model)
        update = {}
        if options.name:
            update["name"] = options.name
        if options.datasheet:
            update["datasheet"] = options.datasheet
            if options.datasheet not in model.description:
                update["description"] = ", ".join(
                    p for p in (model.description, options.datasheet) if p)[:2000]
        # The file's own issues may be stale after an edit: add today's check findings.
        seen = {(i.code, i.message) for i in model.issues}
        fresh = refreshed + [i for i in check_footprint(model.model_copy(update=update))
                             if (i.code, i.message) not in seen]
        update["issues"] = (list(model.issues) + fresh)[:500]
        return model.model_copy(update=update)
    return build_footprint(model, options)


def summary(spec: FootprintSpec) -> str:
    """A few lines for a terminal: what was built and every doubt about it."""
    counts = {}
    for pad in spec.pads:
        counts[pad.role] = counts.get(pad.role, 0) + 1
    parts = [f"{counts.get('signal', 0)} pads"]
    for role, label in (("exposed", "exposed"), ("paste_window", "paste windows"),
                        ("thermal_via", "thermal vias"), ("mechanical", "mechanical")):
        if counts.get(role):
            parts.append(f"{counts[role]} {label}")
    lines = [f"{spec.name}: " + ", ".join(parts) + f" ({spec.attribute})"]
    for key in ("pitch", "pad_size", "row_spacing", "exposed_pad", "drill", "body"):
        prov = spec.provenance.get(key)
        if prov is not None:
            lines.append(f"  {key}: {prov.detail} [{prov.source}]")
    for issue in spec.issues:
        pads = f" (pads {', '.join(map(str, issue.pads))})" if issue.pads else ""
        lines.append(f"  {issue.severity}: {issue.message}{pads}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if not args.lib and not args.json:
        raise InputError("nothing to do: give --lib My.pretty to write, or --json to print")
    plan = plan_from_args(args)
    options = BuildOptions(name=args.name, density=args.density, pattern=args.pattern,
                           thermal_vias=args.thermal_vias, datasheet=args.datasheet)
    spec = make_spec(parse_input(_read(args.input)), options)
    out = sys.stderr if args.json else sys.stdout
    print(summary(spec), file=out)
    if args.json:
        print(json.dumps(spec.model_dump(mode="json"), indent=1))
    if args.lib:
        from footprint_writer.library import write_footprint

        path = write_footprint(spec, args.lib, replace=args.replace)
        print(f"wrote {path}", file=out)
        finish(plan, out)
    return 0
