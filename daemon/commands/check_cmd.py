"""`ds2fp check My.pretty|FILE.kicad_mod|SPEC.json`: geometry checks per footprint.

Prints each footprint's findings (errors, warnings; `--all` adds import notes) and exits 1
when any footprint has an error, so it can gate a library in CI.
"""

import argparse
import json
from pathlib import Path
from typing import List, Tuple

from pydantic import ValidationError

from footprint_writer.builder.load import describe_validation_error
from footprint_writer.checks import check_footprint
from footprint_writer.errors import Ds2fpError, InputError
from footprint_writer.importer import import_footprint
from schemas.footprint import FootprintSpec
from schemas.provenance import Issue


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check", help="run the geometry checks on a .pretty library or footprint file")
    parser.add_argument("path", type=Path,
                        help="a .pretty folder, a .kicad_mod file or a FootprintSpec .json")
    parser.add_argument("--all", action="store_true",
                        help="also print info notes (e.g. approximated custom pads)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(func=run)


def _targets(path: Path) -> List[Path]:
    if path.is_dir():
        files = sorted(path.glob("*.kicad_mod"))
        if not files:
            raise InputError(f"{path}: no .kicad_mod files in this folder")
        return files
    if path.is_file():
        return [path]
    raise InputError(f"{path}: no such file or folder")


def check_file(path: Path) -> Tuple[str, List[Issue]]:
    """(footprint name, findings) for one file; unreadable files give one error finding."""
    try:
        if path.suffix == ".json":
            spec = FootprintSpec.model_validate_json(path.read_text(encoding="utf-8"))
        else:
            spec = import_footprint(path)
    except ValidationError as exc:
        message = describe_validation_error(exc, f"footprint JSON {path.name}")
        return path.stem, [Issue(code="unreadable", severity="error", message=message[:1000])]
    except (Ds2fpError, ValueError, OSError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else repr(exc)
        return path.stem, [Issue(code="unreadable", severity="error", message=message[:1000])]
    return spec.name, list(spec.issues) + check_footprint(spec)


def run(args: argparse.Namespace) -> int:
    results = []
    for path in _targets(args.path):
        name, issues = check_file(path)
        shown = [i for i in issues if args.all or i.severity != "info"]
        results.append((path, name, shown))
    errors = sum(1 for _, _, issues in results if any(i.severity == "error" for i in issues))
    if args.json:
        print(json.dumps([{"file": str(p), "name": n, "issues": [i.model_dump() for i in iss]}
                          for p, n, iss in results], indent=2))
    else:
        for _path, name, issues in results:
            if not issues:
                print(f"{name}: ok")
                continue
            print(f"{name}:")
            for issue in issues:
                print(f"  {issue.severity} [{issue.code}] {issue.message}")
        warned = sum(1 for _, _, issues in results if issues) - errors
        print(f"{len(results)} footprint(s): {errors} with errors, {warned} with warnings only")
    return 1 if errors else 0
