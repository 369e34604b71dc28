"""`ds2fp import FILE.kicad_mod`: print the footprint as FootprintSpec JSON.

So an existing footprint can be reviewed, edited and rebuilt with `ds2fp build`.
"""

import argparse
import sys
from pathlib import Path

from footprint_writer.errors import InputError
from footprint_writer.importer import import_footprint


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import", help="print a .kicad_mod footprint as FootprintSpec JSON")
    parser.add_argument("file", type=Path, help="a .kicad_mod file")
    parser.add_argument("-o", "--output", type=Path,
                        help="write the JSON to this file instead of stdout")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise InputError(f"{args.file}: no such file", hint="pass a .kicad_mod file")
    spec = import_footprint(args.file)
    text = spec.model_dump_json(indent=2, exclude_none=True)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    for issue in spec.issues:
        print(f"ds2fp: {issue.severity}: {issue.message}", file=sys.stderr)
    return 0
