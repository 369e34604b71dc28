"""The one place that writes footprints and fp-lib-tables: checked, atomic, never clobbering.

`write_footprint` runs the geometry checks, renders, reads the render back (verify.py), and
moves a finished, fsynced temp file into place in one atomic step, so a crash, a SIGKILL or
a full disk leaves either the old file or the new one, never half of one; without
`replace` that step is a hard link, so two writers cannot clobber each other's new file.
`register_library` edits an fp-lib-table the same way under a lock (filelock.py), after an
atomic copy to `<table>.bak`; it writes the table text itself because kiutils' LibTable
drops `(version 7)` and `(hidden)`.
"""

import errno
import glob
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Optional, Tuple, Union

from footprint_writer.checks import check_footprint
from footprint_writer.errors import CheckFailedError, FootprintExistsError, LibraryError
from footprint_writer.filelock import locked
from footprint_writer.render import render
from footprint_writer.sexpr import parse as parse_sexpr
from footprint_writer.sexpr import quote
from footprint_writer.verify import verify_rendered
from schemas.footprint import FootprintSpec

PathLike = Union[str, os.PathLike]
TEMP_SUFFIX = ".ds2fp-tmp"  # not .kicad_mod: KiCad never lists a half-written file
STALE_TEMP_S = 600.0


def footprint_path(library_dir: PathLike, name: str) -> Path:
    return Path(library_dir) / f"{name}.kicad_mod"


def write_footprint(spec: FootprintSpec, library_dir: PathLike, replace: bool = False) -> Path:
    """Check, render and atomically write `spec` into `library_dir` (a `.pretty` folder,
    created on demand). Raises CheckFailedError (nothing written), FootprintExistsError,
    LibraryError."""
    lib = Path(library_dir)
    if lib.suffix != ".pretty":
        raise LibraryError(f"{lib}: a footprint library folder must end in .pretty",
                           hint=f"use {lib.with_name(lib.name + '.pretty')}")
    issues = check_footprint(spec)
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        lines = "; ".join(i.message for i in errors[:10])
        raise CheckFailedError(f"{spec.name}: {len(errors)} geometry error(s): {lines}",
                               issues=errors, hint="fix the footprint description; "
                                                   "nothing was written")
    text = render(spec)
    verify_rendered(spec, text)
    target = footprint_path(lib, spec.name)
    _make_library_dir(lib)
    if target.exists() and not replace:  # early, before any work; _atomic_write re-checks
        raise FootprintExistsError(f"{target} already exists",
                                   hint="pass --replace to overwrite it")
    _atomic_write(target, text, replace=replace)
    return target


def _make_library_dir(lib: Path) -> None:
    try:
        lib.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(f"cannot create library folder {lib}: {exc.strerror or exc}",
                           hint="choose a writable location") from exc
    if not lib.is_dir():
        raise LibraryError(f"{lib} exists and is not a folder")


def _atomic_write(target: Path, text: str, replace: bool = True) -> None:
    """Temp file in the target's folder, fsync, then one atomic step into place:
    `os.replace` when replacing, a hard link when not (it fails if the name exists, so two
    writers can never clobber each other's new footprint). The temp file never survives,
    except a process killed mid-write leaves it, hidden, and the next write removes it."""
    _remove_stale_temps(target)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX,
                                        dir=str(target.parent))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            try:
                shutil.copymode(str(target), tmp_name)
            except OSError:
                pass  # keeping the old mode is a nicety; the content is what matters
        else:
            os.chmod(tmp_name, 0o644)
        if replace:
            os.replace(tmp_name, str(target))
            tmp_name = None
        else:
            _link_new(tmp_name, target)
        _fsync_folder(target.parent)
    except OSError as exc:
        raise LibraryError(f"cannot write {target}: {exc.strerror or exc}",
                           hint="check that the library folder is writable and the disk "
                                "has space; nothing was changed") from exc
    finally:
        if tmp_name is not None and os.path.exists(tmp_name):
            os.unlink(tmp_name)


def _link_new(tmp_name: str, target: Path) -> None:
    """Put the finished temp file at `target` only if no file is there (atomic)."""
    exists = FootprintExistsError(f"{target} already exists",
                                  hint="pass --replace to overwrite it")
    try:
        os.link(tmp_name, str(target))
    except FileExistsError:
        raise exists from None
    except OSError as exc:  # a file system without hard links (FAT, some network shares)
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                             errno.EMLINK, errno.ENOSYS):
            raise
        if target.exists():
            raise exists from None
        os.replace(tmp_name, str(target))  # a narrow race is left only on these systems


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles for this."""
    if sys.platform.startswith("win"):
        return
    try:
        fd = os.open(str(folder), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the data itself is synced
    finally:
        os.close(fd)


def _remove_stale_temps(target: Path, older_than_s: float = STALE_TEMP_S) -> None:
    """Temp files of `target` left by a killed writer (never a live writer's: by age)."""
    now = time.time()
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*{TEMP_SUFFIX}"):
        try:
            if now - stale.stat().st_mtime > older_than_s:
                stale.unlink()
        except OSError:
            pass  # gone already, or not ours to remove: harmless either way


# --- fp-lib-table -------------------------------------------------------------------------

def read_library_entries(table_path: PathLike) -> List[Tuple[str, str]]:
    """(name, uri) of every `lib` in an fp-lib-table; [] if the file does not exist."""
    path = Path(table_path)
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LibraryError(f"cannot read {path}: {exc}") from exc
    try:
        tree = parse_sexpr(text)
    except Exception as exc:  # the parser raises bare Exceptions on unbalanced input
        raise LibraryError(f"{path} is not a readable fp-lib-table: {exc}") from exc
    if not isinstance(tree, list) or not tree or tree[0] != "fp_lib_table":
        raise LibraryError(f"{path} is not an fp-lib-table")
    entries = []
    for item in tree[1:]:
        if isinstance(item, list) and item and item[0] == "lib":
            fields = {sub[0]: str(sub[1]) for sub in item[1:]
                      if isinstance(sub, list) and len(sub) >= 2}
            entries.append((fields.get("name", ""), fields.get("uri", "")))
    return entries


def register_library(table_path: PathLike, name: str, uri: str, descr: str = "") -> bool:
    """Add `name -> uri` to an fp-lib-table (created if missing, backed up to `.bak` first).

    Returns False when the same entry exists already (no-op), True when added; raises
    LibraryError when `name` is registered with another uri."""
    if not name or any(c in name for c in '"\n\r\t:') or not uri or "\n" in uri:
        raise LibraryError(f"invalid library name or uri: {name!r} -> {uri!r}")
    path = Path(table_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(f"cannot create {path.parent}: {exc.strerror or exc}") from exc
    with locked(path):  # read, check, write as one step against other ds2fp processes
        for existing, existing_uri in read_library_entries(path):
            if existing == name:
                if existing_uri == uri:
                    return False
                raise LibraryError(f"{path}: library '{name}' is already registered with "
                                   f"uri {existing_uri}", hint="choose another library name")
        entry = (f"  (lib (name {quote(name)})(type \"KiCad\")(uri {quote(uri)})"
                 f"(options \"\")(descr {quote(descr)}))\n")
        if path.exists():
            text = path.read_text(encoding="utf-8")
            end = text.rstrip().rfind(")")
            if end < 0:
                raise LibraryError(f"{path} is not an fp-lib-table")
            new_text = text[:end].rstrip("\n") + "\n" + entry + ")\n"
            _atomic_write(Path(str(path) + ".bak"), text)  # the backup is whole, or the old one
        else:
            new_text = "(fp_lib_table\n  (version 7)\n" + entry + ")\n"
        _atomic_write(path, new_text)
    return True


def project_table_path(project: PathLike) -> Path:
    """The project fp-lib-table: next to the `.kicad_pro` (pass the file or its folder)."""
    p = Path(project)
    if p.suffix == ".kicad_pro":
        return p.parent / "fp-lib-table"
    if p.is_dir():
        pros = sorted(p.glob("*.kicad_pro"))
        if not pros:
            raise LibraryError(f"no .kicad_pro in {p}", hint="pass the project file")
        return p / "fp-lib-table"
    raise LibraryError(f"{p} is not a KiCad project (.kicad_pro) or project folder")


def project_library_uri(library_dir: PathLike, project: PathLike) -> str:
    """`${KIPRJMOD}/…` when the library lies inside the project folder, else absolute."""
    lib = Path(library_dir).resolve()
    proj = Path(project).resolve()
    root = proj.parent if proj.suffix == ".kicad_pro" else proj
    try:
        return "${KIPRJMOD}/" + lib.relative_to(root).as_posix()
    except ValueError:
        return lib.as_posix()


def global_table_path(kicad_version: str = "6.0", home: Optional[PathLike] = None) -> Path:
    """The user's global fp-lib-table for a KiCad version (per-OS config folder)."""
    base = Path(home) if home is not None else Path.home()
    if sys.platform.startswith("win"):
        appdata = os.environ.get("APPDATA") or str(base / "AppData" / "Roaming")
        return Path(appdata) / "kicad" / kicad_version / "fp-lib-table"
    if sys.platform == "darwin":
        return base / "Library" / "Preferences" / "kicad" / kicad_version / "fp-lib-table"
    config = os.environ.get("XDG_CONFIG_HOME") if home is None else None
    return Path(config or base / ".config") / "kicad" / kicad_version / "fp-lib-table"
