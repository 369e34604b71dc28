"""`ds2fp ipc`: IPC-7351B footprints from package dimensions.

    ds2fp ipc SIZES.yaml [--only NAME] [--density nominal] [--lib My.pretty] [--replace]
    ds2fp ipc --family soic --pins 8 --pitch 1.27 --overall-width 5.8..6.2 \\
              --lead-length 0.4..1.27 --lead-width 0.31..0.51 --body-width 3.8..4.0 \\
              --body-length 4.8..5.0 [--lib My.pretty]

SIZES.yaml uses the key format of KiCad's footprint generator. Without --lib the land
pattern and its working (every Z/G/X input, goal and rounding) are printed as JSON.
A dimension is `nom`, `min..max`, `min..nom..max` or `nom+/-tol` (mm unless --units).
"""

import argparse
import json
import sys
from pathlib import Path

from pydantic import ValidationError

from daemon.commands.register_args import add_register_args, finish, plan_from_args
from footprint_writer.builder.load import describe_validation_error
from footprint_writer.errors import Ds2fpError, InputError
from footprint_writer.naming import sanitize
from schemas.reading import FAMILIES
from schemas.text import FOOTPRINT_NAME_RULE, is_footprint_name

# flag -> DatasheetReading field
DIMENSION_FLAGS = {
    "pitch": "pitch", "body_length": "body_length", "body_width": "body_width",
    "overall_width": "overall_width", "overall_length": "overall_length",
    "lead_width": "lead_width", "lead_length": "lead_length", "lead_spacing": "lead_spacing",
    "ep_width": "exposed_pad_width", "ep_length": "exposed_pad_length",
    "ball": "ball_diameter", "height": "height",
}


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "ipc", help="IPC-7351B footprint from package dimensions",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("sizes", nargs="?", type=Path,
                   help="size definitions in KiCad footprint-generator YAML")
    p.add_argument("--only", help="build only this definition of SIZES")
    p.add_argument("--density", choices=("least", "nominal", "most"), default="nominal")
    p.add_argument("--lib", type=Path, help="write the footprints into this .pretty library")
    p.add_argument("--replace", action="store_true", help="overwrite existing footprints")
    p.add_argument("--name", help="footprint name (one part)")
    p.add_argument("--thermal-vias", action="store_true",
                   help="add thermal vias to exposed pads")
    p.add_argument("--datasheet", default=None, metavar="URL",
                   help="the datasheet's address, into the description (KLC F9.1; a size "
                        "file's size_source is used otherwise)")
    part = p.add_argument_group("one part (instead of SIZES)")
    part.add_argument("--family", choices=[f for f in FAMILIES if f != "other"])
    part.add_argument("--pins", type=int, help="terminal count (exposed pad not counted)")
    part.add_argument("--units", choices=("mm", "mil", "inch"), default="mm")
    part.add_argument("--pins-along-length", type=int, help="quad: pins per side along D")
    part.add_argument("--rows", type=int, choices=(1, 2), help="pin header rows")
    for flag in DIMENSION_FLAGS:
        part.add_argument("--" + flag.replace("_", "-"), dest=flag, metavar="DIM")
    add_register_args(p)
    p.set_defaults(func=run)


def readings_from_args(args: argparse.Namespace) -> list:
    """[(name, reading, small_pitch_table, paste_layout, datasheet)] from SIZES or the part
    flags; --datasheet wins over a size file's own size_source."""
    from footprint_writer.ipc.kicad_yaml import load_definitions, parse_value
    from schemas.reading import DatasheetReading

    if args.sizes is not None:
        if args.family is not None:
            raise InputError("give either SIZES.yaml or --family, not both")
        if not args.sizes.is_file():
            raise InputError(f"no such file: {args.sizes}")
        out = []
        for d in load_definitions(args.sizes, only=args.only):
            if d.reading is None:
                print(f"ds2fp: skipped {d.key}: {'; '.join(d.unsupported)}", file=sys.stderr)
                continue
            out.append((d.key, d.reading, d.small_pitch_table, d.paste_layout,
                        args.datasheet or d.datasheet))
        return out
    if args.family is None or args.pins is None:
        raise InputError("give SIZES.yaml, or --family and --pins with the package dimensions",
                         hint="ds2fp ipc --help shows the dimension flags")
    dims = {}
    for flag, field in DIMENSION_FLAGS.items():
        text = getattr(args, flag)
        if text is not None:
            try:
                dims[field] = parse_value(text.replace("+/-", " +/-").replace("..", " .. "),
                                          flag)
            except ValidationError as exc:
                raise InputError(f"--{flag.replace('_', '-')} {text}: "
                                 f"{exc.errors()[0]['msg']}",
                                 hint="a dimension is positive: nom, min..max, "
                                      "min..nom..max or nom+/-tol") from None
    exposed = "exposed_pad_width" in dims or "exposed_pad_length" in dims
    try:
        reading = DatasheetReading(units=args.units, family=args.family, pin_count=args.pins,
                                   pins_along_length=args.pins_along_length, rows=args.rows,
                                   exposed_pad=exposed, **dims)
    except ValidationError as exc:
        raise InputError(describe_validation_error(exc, "part description"),
                         hint="see `ds2fp ipc --help`") from None
    if args.name is not None and not is_footprint_name(args.name):
        raise InputError(f"invalid --name {args.name!r}: {FOOTPRINT_NAME_RULE}",
                         hint=f"try --name {sanitize(args.name)}")
    return [(args.name, reading, None, None, args.datasheet)]


def run(args: argparse.Namespace) -> int:
    from footprint_writer.ipc.calculator import land_pattern_from_package

    items = readings_from_args(args)
    if not items:
        raise InputError("nothing to build: every definition was skipped")
    plan = plan_from_args(args)
    failures = 0
    for name, reading, small_pitch, paste, datasheet in items:
        try:
            if args.lib is None:
                result = land_pattern_from_package(reading, args.density,
                                                   small_pitch_table=small_pitch,
                                                   paste_layout=paste)
                print(json.dumps({"name": name,
                                  "land_pattern": result.land_pattern.model_dump(
                                      exclude_none=True),
                                  "working": result.working()}, indent=2))
                continue
            path = _write(name, reading, args, small_pitch, paste, datasheet)
            print(f"wrote {path}")
        except Ds2fpError as exc:
            if len(items) == 1:
                raise
            failures += 1
            print(f"ds2fp: error: {name}: {exc}", file=sys.stderr)
    if failures < len(items) and args.lib is not None:
        finish(plan)
    return 2 if failures == len(items) else 0


def _write(name, reading, args, small_pitch, paste, datasheet=None):
    import importlib

    from footprint_writer.ipc.build import build_ipc_footprint

    # the one function that writes footprints (the writer's module)
    write_footprint = importlib.import_module("footprint_writer.library").write_footprint
    spec, _ = build_ipc_footprint(reading, args.density, name=_valid_name(name),
                                  small_pitch_table=small_pitch, paste_layout=paste,
                                  thermal_vias=args.thermal_vias, datasheet=datasheet)
    return write_footprint(spec, args.lib, replace=args.replace)


def _valid_name(name):
    """A KiCad-safe footprint name, or None to let the builder name it."""

    if not name:
        return None
    return name if is_footprint_name(name) else None
