"""Where a written library gets registered: the project's or the user's global fp-lib-table.

One plan, checked before the footprint is written (a clashing nickname must not leave a
half-done job), then one `register_library` call (backup, lock, no duplicate rows). The CLI's
`--register project|global` and the plugin's write step both use it.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from footprint_writer.errors import LibraryError
from footprint_writer.library import (
    PathLike,
    global_table_path,
    project_library_uri,
    project_table_path,
    read_library_entries,
    register_library,
)

SCOPES = ("project", "global")


@dataclass(frozen=True)
class RegistrationPlan:
    table: Path
    nickname: str
    uri: str
    scope: str


@dataclass(frozen=True)
class Registration:
    plan: RegistrationPlan
    added: bool  # False: the same row was there already

    def describe(self) -> str:
        what = "registered" if self.added else "already registered"
        return f"{what} '{self.plan.nickname}' -> {self.plan.uri} in {self.plan.table}"


def default_nickname(library: PathLike) -> str:
    """The library folder's name without `.pretty`, as KiCad's own dialog proposes."""
    stem = Path(library).name
    return stem[:-len(".pretty")] if stem.endswith(".pretty") else stem


def find_project(start: PathLike) -> Path:
    """The one `.kicad_pro` in `start` or the nearest folder above it."""
    folder = Path(start).resolve()
    if folder.suffix == ".kicad_pro":
        return folder
    for candidate in (folder, *folder.parents):
        pros = sorted(candidate.glob("*.kicad_pro")) if candidate.is_dir() else []
        if len(pros) == 1:
            return pros[0]
        if len(pros) > 1:
            raise LibraryError(f"{candidate} holds {len(pros)} projects",
                               hint="say which with --project FILE.kicad_pro")
    raise LibraryError(f"no KiCad project (.kicad_pro) in {folder} or above",
                       hint="give --project FILE.kicad_pro, or --register global")


def newest_global_table(home: Optional[PathLike] = None) -> Path:
    """The global fp-lib-table of the newest KiCad this user has run.

    A missing global table is never created: KiCad offers to copy its default table (the
    official libraries) on first start only when none exists, so creating one would hide
    every official footprint from the user."""
    base = global_table_path("6.0", home).parent.parent  # .../kicad
    versions = []
    if base.is_dir():
        for sub in base.iterdir():
            if re.fullmatch(r"\d+\.\d+", sub.name) and (sub / "fp-lib-table").is_file():
                versions.append((tuple(int(x) for x in sub.name.split(".")), sub))
    if not versions:
        raise LibraryError(f"no global fp-lib-table under {base}",
                           hint="start KiCad once so it sets up its libraries, or use "
                                "--register project")
    return max(versions)[1] / "fp-lib-table"


def plan_registration(library: PathLike, scope: str, project: Optional[PathLike] = None,
                      nickname: Optional[str] = None, table: Optional[PathLike] = None,
                      home: Optional[PathLike] = None) -> RegistrationPlan:
    """Which table, nickname and uri; raises LibraryError on a nickname that points
    elsewhere already (before anything is written)."""
    if scope not in SCOPES:
        raise LibraryError(f"unknown registration scope {scope!r}", hint="project or global")
    nickname = nickname or default_nickname(library)
    if scope == "project":
        pro = find_project(project if project is not None else Path(library).resolve().parent)
        path, uri = project_table_path(pro), project_library_uri(library, pro)
    else:
        path = Path(table) if table is not None else newest_global_table(home)
        uri = Path(library).resolve().as_posix()
    for existing, existing_uri in read_library_entries(path):
        if existing == nickname and existing_uri != uri:
            raise LibraryError(f"{path}: the nickname '{nickname}' already points to "
                               f"{existing_uri}",
                               hint="choose another nickname, or that library folder")
    return RegistrationPlan(table=path, nickname=nickname, uri=uri, scope=scope)


def register(plan: RegistrationPlan, descr: str = "ds2fp footprints") -> Registration:
    added = register_library(plan.table, plan.nickname, plan.uri, descr=descr)
    return Registration(plan=plan, added=added)
