"""`--register project|global` for every command that writes into a library.

The plan is made (and a clashing nickname refused) before the first footprint is written;
the row is added after the writes (footprint_writer.registration, as the plugin does).
"""

import argparse
import sys
from pathlib import Path
from typing import Optional

from footprint_writer.registration import SCOPES, RegistrationPlan, plan_registration, register


def add_register_args(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("library registration")
    group.add_argument("--register", choices=SCOPES, default=None,
                       help="add the library to the project's fp-lib-table (next to the "
                            ".kicad_pro) or to your global one (a .bak is kept; an existing "
                            "row is left alone)")
    group.add_argument("--project", type=Path, default=None,
                       help="with --register project: the .kicad_pro (default: the one in the "
                            "library's folder or above)")
    group.add_argument("--nickname", default=None,
                       help="library nickname in fp-lib-table (default: the folder name "
                            "without .pretty)")


def plan_from_args(args: argparse.Namespace) -> Optional[RegistrationPlan]:
    """The registration to do, checked; None without --register."""
    scope = getattr(args, "register", None)
    if scope is None:
        return None
    if getattr(args, "lib", None) is None:
        from footprint_writer.errors import InputError

        raise InputError("--register needs --lib", hint="give --lib My.pretty")
    return plan_registration(args.lib, scope, project=args.project, nickname=args.nickname)


def finish(plan: Optional[RegistrationPlan], stream=None) -> None:
    if plan is not None:
        print(register(plan).describe(), file=stream or sys.stdout)
