"""KiCad's own library checker (kicad-library-utils `klc-check/check_footprint.py`) as a
function: which KLC rules each footprint file violates.

The checker is not a Python package: `scripts/fetch_klc.sh` unpacks it (a pinned commit)
into `.cache/kicad-library-utils`, or `DS2FP_KLC_DIR` names a `klc-check` folder. F9.3 (3D
model path and format) is left out: ds2fp writes no 3D model.
"""

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set, Tuple

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO / ".cache" / "kicad-library-utils" / "klc-check"
EXCLUDED = ("F9.3",)
_CHECKING = re.compile(r"^Checking footprint '(.*)'(?::| - No errors)")
_VIOLATING = re.compile(r"^\s+Violating (\S+)")
BATCH = 200  # files per checker run (one process parses them all)


def klc_dir() -> Optional[Path]:
    """The klc-check folder, or None when it has not been fetched."""
    folder = Path(os.environ.get("DS2FP_KLC_DIR") or DEFAULT_DIR)
    return folder if (folder / "check_footprint.py").is_file() else None


def missing_reason() -> str:
    return (f"KiCad's library checker is not at {DEFAULT_DIR} (run scripts/fetch_klc.sh, or "
            "set DS2FP_KLC_DIR to a kicad-library-utils klc-check folder)")


def violations(paths: Iterable[Path], folder: Optional[Path] = None
               ) -> Dict[str, Set[str]]:
    """{file path: the rules it violates} (an empty set: it passes every rule checked)."""
    folder = folder or klc_dir()
    if folder is None:
        raise FileNotFoundError(missing_reason())
    paths = [Path(p).resolve() for p in paths]
    out: Dict[str, Set[str]] = {}
    for start in range(0, len(paths), BATCH):
        chunk = paths[start:start + BATCH]
        out.update(_run(folder, chunk))
    return out


def _run(folder: Path, paths: List[Path]) -> Dict[str, Set[str]]:
    import glob

    # The checker globs each argument (escaped: names may hold [ ]) and sorts the files,
    # then prints one "Checking footprint 'NAME'" block per file in that order.
    paths = sorted(paths, key=str)
    proc = subprocess.run(
        [sys.executable, "check_footprint.py", "--nocolor", "-v", "--exclude",
         ",".join(EXCLUDED), *[glob.escape(str(p)) for p in paths]],
        cwd=str(folder), capture_output=True, text=True, timeout=600)
    blocks: List[Tuple[str, Set[str]]] = []
    for line in proc.stdout.splitlines():
        m = _CHECKING.match(line)
        if m:
            blocks.append((m.group(1), set()))
            continue
        m = _VIOLATING.match(line)
        if m and blocks:
            blocks[-1][1].add(m.group(1))
    if len(blocks) != len(paths):
        raise RuntimeError(f"the KLC checker reported {len(blocks)} footprints for "
                           f"{len(paths)} files:\n{proc.stderr[-2000:]}")
    return {str(path): rules for path, (_, rules) in zip(paths, blocks)}


def official_index(library: Path) -> Dict[str, Path]:
    """{footprint name: file} over every .pretty folder of the official library."""
    index: Dict[str, Path] = {}
    for pretty in sorted(library.glob("*.pretty")):
        for path in sorted(pretty.glob("*.kicad_mod")):
            index.setdefault(path.stem, path)
    return index


def kind_of(name: str) -> str:
    """The family part of a KiCad footprint name: `SOIC`, `QFN`, `PinHeader`, `C` ..."""
    return re.split(r"[-_]", name, maxsplit=1)[0]


# ds2fp kinds that KiCad's library names otherwise (a generic chip is a resistor's land).
KIND_ALIASES = {"Chip": "R", "TactSwitch": "SW"}


def pair(names: Iterable[str], index: Dict[str, Path]) -> Dict[str, Optional[Path]]:
    """Each name's official counterpart: the same name, else the nearest name of the same
    kind (`SOIC-8-1EP_..._EP2.51x3.2mm_ThermalVias` -> KiCad's `..._EP2.514x3.2mm_...`), else
    the nearest name at all (a maker's part: `USB4105` -> the GCT USB4105 receptacle)."""
    import difflib

    by_kind: Dict[str, List[str]] = {}
    for name in sorted(index):
        by_kind.setdefault(kind_of(name), []).append(name)
    out: Dict[str, Optional[Path]] = {}
    for n in names:
        if n in index:
            out[n] = index[n]
            continue
        kind = KIND_ALIASES.get(kind_of(n), kind_of(n))
        same = by_kind.get(kind, [])
        close = difflib.get_close_matches(n, same, n=1, cutoff=0.0) if same else \
            ([k for k in index if n.lower() in k.lower()][:1]
             or difflib.get_close_matches(n, list(index), n=1, cutoff=0.4))
        out[n] = index[close[0]] if close else None
    return out
