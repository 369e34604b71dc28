"""The `ds2fp` command line: one parser, subcommands from daemon.commands."""

import argparse
import importlib
import sys
from typing import List, Optional

from daemon.commands import COMMAND_MODULES
from footprint_writer.errors import Ds2fpError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ds2fp", description="Datasheet screenshots to KiCad footprints.")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point; user errors print one clear message and exit 2, never a traceback."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except Ds2fpError as exc:
        print(f"ds2fp: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("ds2fp: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
