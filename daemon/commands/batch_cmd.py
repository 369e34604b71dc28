"""`ds2fp batch PARTS/ --lib My.pretty`: one sub-folder of screenshots per part, all in one go.

Each sub-folder of PARTS holds the screenshots of one part (1-4 images; their roles come
from their content, the file order is only a hint) and, optionally, `hints.json` with
`part_name`, `package_hint`, `units_hint`, `name`, `roles`, `datasheet` (URL). The parts go
to the daemon in `batch` requests of up to 16 (or are read in this process), every footprint
that was built is written, and a table says what happened to each part. A bad part never stops
the others.

Exit status: 0 when every part was written; otherwise the number of parts that were not
(at most 100). A failure of the command itself (bad flags, no daemon) is a `ds2fp: error:`
line with status 2, as for every ds2fp command.
"""

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Tuple

from daemon.commands.extract_cmd import add_reader_args
from daemon.commands.register_args import add_register_args, finish, plan_from_args
from daemon.eval.pages import IMAGE_SUFFIXES
from footprint_writer.errors import Ds2fpError
from schemas.protocol import MAX_BATCH_PARTS, MAX_IMAGES

HINT_KEYS = ("part_name", "package_hint", "units_hint", "name", "roles", "datasheet")
MAX_EXIT = 100


def register(subparsers) -> None:
    p = subparsers.add_parser("batch", help="make footprints for a folder of parts",
                              description=__doc__,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folder", type=Path, help="a folder with one sub-folder per part")
    p.add_argument("--lib", type=Path, default=None, help="the .pretty library to write into")
    p.add_argument("--replace", action="store_true", help="overwrite existing footprints")
    p.add_argument("--json", action="store_true", help="print one JSON object per part")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.add_argument("--density", choices=("least", "nominal", "most"), default="nominal")
    p.add_argument("--pattern", choices=("auto", "datasheet", "ipc"), default="auto")
    p.add_argument("--datasheet", default=None, metavar="URL",
                   help="datasheet address for every part without its own in hints.json "
                        "(into the description, KLC F9.1)")
    add_reader_args(p, timeout_help="seconds per part to wait for a result")
    add_register_args(p)
    p.set_defaults(func=run)


@dataclass
class PartOutcome:
    """One row of the summary."""

    name: str
    status: str = "pending"  # written | exists | read | failed
    footprint: Optional[str] = None
    path: Optional[str] = None
    pads: int = 0
    warnings: int = 0
    errors: List[str] = field(default_factory=list)
    issues: List[dict] = field(default_factory=list)
    seconds: Optional[float] = None

    @property
    def ok(self) -> bool:
        return self.status in ("written", "read")

    def as_json(self) -> dict:
        return {"part": self.name, "status": self.status, "footprint": self.footprint,
                "path": self.path, "pads": self.pads, "warnings": self.warnings,
                "errors": self.errors, "issues": self.issues, "seconds": self.seconds}


@dataclass
class PartInput:
    name: str
    images: list  # (bytes, role, name)
    options: object  # ExtractOptions


def collect_parts(folder: Path, base_options) -> Tuple[List[PartInput], List[PartOutcome]]:
    """(parts to read, outcomes of folders that cannot be sent), in name order."""
    from pydantic import ValidationError

    from daemon.cli_errors import describe_validation
    from daemon.commands.extract_cmd import ROLES, default_roles

    if not folder.is_dir():
        raise Ds2fpError(f"{folder} is not a folder",
                         hint="give a folder with one sub-folder of screenshots per part")
    subfolders = sorted(p for p in folder.iterdir() if p.is_dir() and not
                        p.name.startswith("."))
    if not subfolders:
        raise Ds2fpError(f"{folder} has no sub-folders",
                         hint="put each part's screenshots in a folder of its own")
    parts, refused = [], []
    for sub in subfolders:
        images = sorted(p for p in sub.iterdir()
                        if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
        if not 1 <= len(images) <= MAX_IMAGES:
            refused.append(PartOutcome(sub.name, "failed", errors=[
                f"{len(images)} images (a part takes 1 to {MAX_IMAGES} screenshots)"]))
            continue
        try:
            hints = _hints(sub)
            roles = hints.pop("roles", None) or default_roles(len(images))
            if len(roles) != len(images) or any(r not in ROLES for r in roles):
                raise Ds2fpError(f"hints.json roles {roles} do not fit {len(images)} images")
            options = type(base_options).model_validate({**base_options.model_dump(), **hints})
            data = [(p.read_bytes(), role, p.name) for p, role in zip(images, roles)]
        except ValidationError as exc:
            refused.append(PartOutcome(sub.name, "failed",
                                       errors=[f"hints.json: {describe_validation(exc)}"]))
            continue
        except (Ds2fpError, OSError) as exc:
            refused.append(PartOutcome(sub.name, "failed", errors=[str(exc)]))
            continue
        parts.append(PartInput(sub.name, data, options))
    return parts, refused


def _hints(sub: Path) -> dict:
    path = sub / "hints.json"
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Ds2fpError(f"{path}: not readable JSON ({exc})") from None
    if not isinstance(data, dict) or set(data) - set(HINT_KEYS):
        raise Ds2fpError(f"{path}: keys must be among {', '.join(HINT_KEYS)}")
    return dict(data)


def run(args: argparse.Namespace) -> int:
    from daemon.commands.extract_cmd import make_client
    from daemon.commands.progress import ProgressDisplay
    from schemas.protocol import ExtractOptions

    if args.lib is None and not args.json:
        raise Ds2fpError("nothing to do", hint="give --lib My.pretty to write, or --json")
    plan = plan_from_args(args)
    base = ExtractOptions(density=args.density, pattern=args.pattern,
                          datasheet=args.datasheet)
    parts, outcomes = collect_parts(args.folder, base)
    with make_client(args) as client:
        for start in range(0, len(parts), MAX_BATCH_PARTS):
            chunk = parts[start:start + MAX_BATCH_PARTS]
            with ProgressDisplay(quiet=args.quiet) as shown:
                reply = client.batch([(p.name, p.images, p.options) for p in chunk], base,
                                     progress=shown.update,
                                     timeout_s=args.timeout * len(chunk))
            if not reply.ok:  # the daemon refused the whole request (down, busy, ...)
                err = reply.error
                raise Ds2fpError(f"{err.code}: {err.message}", hint=err.hint)
            for part, item in zip(chunk, reply.batch.parts):
                outcomes.append(_outcome(part, item, args))
    outcomes.sort(key=lambda o: o.name)
    if any(o.status == "written" for o in outcomes):
        finish(plan, sys.stderr if args.json else sys.stdout)
    _report(outcomes, args)
    return min(MAX_EXIT, sum(1 for o in outcomes if not o.ok))


def _outcome(part: PartInput, item, args) -> PartOutcome:
    from footprint_writer.errors import FootprintExistsError
    from footprint_writer.library import write_footprint

    out = PartOutcome(part.name)
    if item.status != "ok":
        out.status = "failed"
        out.errors.append(f"{item.error.code}: {item.error.message}")
        return out
    result = item.extract
    out.issues = [i.model_dump(mode="json") for i in result.issues]
    out.warnings = sum(1 for i in result.issues if i.severity == "warning")
    out.errors = [f"{i.code}: {i.message}" for i in result.issues if i.severity == "error"]
    out.seconds = result.timings.get("read")
    fp = result.footprint
    if fp is None:
        out.status = "failed"
        if not out.errors:
            out.errors.append("no footprint could be built from what was read")
        return out
    out.footprint, out.pads = fp.name, len(fp.numbered_pads())
    if args.lib is None:
        out.status = "read"
        return out
    try:
        out.path = str(write_footprint(fp, args.lib, replace=args.replace))
        out.status = "written"
    except FootprintExistsError as exc:  # nothing overwritten without --replace
        out.status = "exists"
        out.errors.append(f"{exc.message} (--replace overwrites it)")
    except Ds2fpError as exc:
        out.status = "failed"
        out.errors.append(str(exc))
    return out


def _report(outcomes: List[PartOutcome], args) -> None:
    if args.json:
        for o in outcomes:
            print(json.dumps(o.as_json()))
        return
    width = max([len(o.name) for o in outcomes] + [4])
    fp_width = max([len(o.footprint or "-") for o in outcomes] + [9])
    print(f"{'part':{width}}  {'status':8}  {'footprint':{fp_width}}  pads  warn  note")
    for o in outcomes:
        note = o.errors[0] if o.errors else ""
        print(f"{o.name:{width}}  {o.status:8}  {o.footprint or '-':{fp_width}}  "
              f"{o.pads:4}  {o.warnings:4}  {note[:120]}")
    bad = sum(1 for o in outcomes if not o.ok)
    print(f"{len(outcomes) - bad} of {len(outcomes)} parts done"
          + (f"; {bad} not (see the note column)" if bad else ""))
