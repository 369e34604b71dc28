"""The `ds2fp` command line: one parser, subcommands from daemon.commands."""

import argparse
import importlib
import os
import sys
from typing import List, Optional

from daemon.cli_errors import describe_validation, line
from daemon.commands import COMMAND_MODULES
from footprint_writer.errors import Ds2fpError


class Parser(argparse.ArgumentParser):
    """argparse with ds2fp's one-line errors: `ds2fp: error: <what> (<fix>)`, exit 2."""

    def error(self, message: str):  # noqa: D401 - argparse's hook
        print(line(message, f"see `{self.prog} --help`"), file=sys.stderr)
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="ds2fp", description="Datasheet screenshots to KiCad footprints.")
    parser.add_argument("--version", action="version", version=f"ds2fp {_version()}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ds2fp")
    except PackageNotFoundError:
        return "unknown (not installed; run from a checkout)"


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point; user errors print one clear line and exit 2, never a traceback."""
    from pydantic import ValidationError

    from daemon.readers.base import ReaderError

    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except Ds2fpError as exc:
        print(line(exc.message, exc.hint), file=sys.stderr)
        return 2
    except ValidationError as exc:
        print(line(*describe_validation(exc)), file=sys.stderr)
        return 2
    except ReaderError as exc:
        print(line(str(exc), "see `ds2fp serve --help` for the readers"), file=sys.stderr)
        return 2
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):  # `ds2fp status | head`: the reader left
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 0
        where = f"{exc.filename}: " if exc.filename else ""
        print(line(f"{where}{exc.strerror or exc}",
                   "check the path and that it is writable"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("ds2fp: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
