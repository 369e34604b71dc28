"""`ds2fp schema reading|footprint|options`: print a JSON Schema."""

import argparse
import json

from schemas.footprint import FootprintSpec
from schemas.options import BuildOptions
from schemas.reading import DatasheetReading

SCHEMAS = {"reading": DatasheetReading, "footprint": FootprintSpec, "options": BuildOptions}


def register(subparsers) -> None:
    parser = subparsers.add_parser("schema", help="print the JSON Schema of a ds2fp model")
    parser.add_argument("which", choices=sorted(SCHEMAS))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    print(json.dumps(SCHEMAS[args.which].model_json_schema(), indent=2))
    return 0
