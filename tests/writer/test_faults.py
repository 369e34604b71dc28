"""Library writes under faults: SIGKILL mid-write, two writers at once, a full disk.

After each fault the `.kicad_mod` is either the old file or the new one, byte for byte, the
fp-lib-table parses with every row whole, and no row or footprint of another writer is lost.
"""

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from footprint_writer.errors import FootprintExistsError, LibraryError
from footprint_writer.library import (
    TEMP_SUFFIX,
    read_library_entries,
    register_library,
    write_footprint,
)
from footprint_writer.render import render
from tests.writer.helpers import ROOT, load_spec

# A child process that writes and registers in a loop until it is killed.
WRITER = textwrap.dedent("""
    import sys
    from footprint_writer.library import register_library, write_footprint
    from footprint_writer.errors import FootprintExistsError
    from schemas.footprint import FootprintSpec
    lib, table, tag, mode = sys.argv[1:5]
    specs = [FootprintSpec.model_validate_json(open(p).read()) for p in sys.argv[5:]]
    print("ready", flush=True)
    i = 0
    while True:
        spec = specs[i % len(specs)]
        if mode == "replace":
            write_footprint(spec, lib, replace=True)
        else:
            named = spec.model_copy(update={"name": f"{tag}_{i:03d}"})
            write_footprint(named, lib)
        register_library(table, f"{tag}_{i:03d}", f"${{KIPRJMOD}}/{tag}_{i:03d}.pretty")
        i += 1
        if mode != "replace" and i >= int(tag.split("n")[-1]):
            print("done", flush=True)
            break
""")


def _specs(tmp_path):
    """Two specs of one name that render differently (the old and the new file)."""
    a = load_spec("soic8")
    b = a.model_copy(update={"description": "second version " + "x" * 1900,
                             "pads": [p.model_copy(update={"size_x": p.size_x + 0.05})
                                      for p in a.pads]})
    paths = []
    for k, spec in enumerate((a, b)):
        path = tmp_path / f"spec{k}.json"
        path.write_text(spec.model_dump_json())
        paths.append(str(path))
    return a, b, paths


def _child(args):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", WRITER, *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    return proc


def test_sigkill_during_writes_leaves_old_or_new_never_half(tmp_path):
    a, b, paths = _specs(tmp_path)
    lib, table = tmp_path / "Kill.pretty", tmp_path / "fp-lib-table"
    versions = {render(a), render(b)}
    rng = random.Random(5)
    rows = 0
    for round_ in range(20):
        proc = _child([str(lib), str(table), f"r{round_}", "replace", *paths])
        time.sleep(rng.uniform(0.0, 0.25))
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        files = sorted(p.name for p in lib.glob("*.kicad_mod"))
        assert files in ([], [f"{a.name}.kicad_mod"]), files
        if files:
            assert (lib / files[0]).read_text(encoding="utf-8") in versions, round_
        entries = read_library_entries(table)  # parses, or raises
        assert all(name and uri.endswith(".pretty") for name, uri in entries)
        assert len(entries) >= rows  # no row written earlier is ever lost
        rows = len(entries)
        if Path(str(table) + ".bak").exists():
            read_library_entries(str(table) + ".bak")
    assert rows > 0
    # whatever a kill left behind is hidden and never a .kicad_mod
    assert all(p.name.startswith(".") for p in lib.iterdir() if p.suffix != ".kicad_mod")


def test_two_writers_lose_nothing(tmp_path):
    _, _, paths = _specs(tmp_path)
    lib, table = tmp_path / "Both.pretty", tmp_path / "fp-lib-table"
    procs = [_child([str(lib), str(table), f"w{k}n25", "new", paths[0]]) for k in (1, 2)]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0 and "done" in out, err
    names = {p.stem for p in lib.glob("*.kicad_mod")}
    assert names == {f"w{k}n25_{i:03d}" for k in (1, 2) for i in range(25)}
    rows = {name for name, _ in read_library_entries(table)}
    assert rows == names  # every row of both writers survived the read-modify-write


def test_same_new_name_from_two_writers_one_wins_whole(tmp_path):
    a, b, _ = _specs(tmp_path)
    lib = tmp_path / "Race.pretty"
    write_footprint(a, lib)
    with pytest.raises(FootprintExistsError):
        write_footprint(b, lib)
    assert (lib / f"{a.name}.kicad_mod").read_text(encoding="utf-8") == render(a)


def test_the_exists_check_is_atomic_not_just_early(tmp_path, monkeypatch):
    """Even when the early check is passed (another writer created the file in between),
    the final step refuses to replace it."""
    a, b, _ = _specs(tmp_path)
    lib = tmp_path / "Late.pretty"
    target = lib / f"{a.name}.kicad_mod"
    from footprint_writer import library

    honest = library._atomic_write

    def racing(path, text, replace=True):
        if path == target and not path.exists():
            honest(path, render(a), replace=True)  # the other writer, just in time
        return honest(path, text, replace=replace)

    monkeypatch.setattr(library, "_atomic_write", racing)
    with pytest.raises(FootprintExistsError):
        write_footprint(b, lib)
    assert target.read_text(encoding="utf-8") == render(a)
    assert not [p for p in lib.iterdir() if p.name.endswith(TEMP_SUFFIX)]


def test_stale_temp_files_of_a_killed_writer_are_removed(tmp_path):
    a, _, _ = _specs(tmp_path)
    lib = tmp_path / "Stale.pretty"
    lib.mkdir()
    old = lib / f".{a.name}.kicad_mod.abc123{TEMP_SUFFIX}"
    fresh = lib / f".{a.name}.kicad_mod.def456{TEMP_SUFFIX}"
    old.write_text("half a footprint")
    fresh.write_text("a live writer's")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    write_footprint(a, lib)
    assert not old.exists() and fresh.exists()


@pytest.fixture
def tiny_disk(tmp_path):
    """A 256 KiB tmpfs (root only; skipped with the reason elsewhere)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("a full-disk test needs root to mount a tmpfs")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _fill(folder: Path) -> None:
    fd = os.open(str(folder / "filler"), os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 512)
    except OSError:
        pass  # ENOSPC: the disk is full
    finally:
        os.close(fd)


def test_full_disk_is_a_clear_error_and_changes_nothing(tiny_disk):
    a, b, _ = _specs(tiny_disk.parent)
    lib = tiny_disk / "Full.pretty"
    table = tiny_disk / "fp-lib-table"
    write_footprint(a, lib)
    register_library(table, "First", "${KIPRJMOD}/First.pretty")
    before_fp = (lib / f"{a.name}.kicad_mod").read_bytes()
    before_table = table.read_bytes()
    _fill(tiny_disk)
    with pytest.raises(LibraryError, match="No space left on device"):
        write_footprint(b, lib, replace=True)
    with pytest.raises(LibraryError, match="No space left on device"):
        register_library(table, "Second", "${KIPRJMOD}/Second.pretty")
    assert (lib / f"{a.name}.kicad_mod").read_bytes() == before_fp
    assert table.read_bytes() == before_table
    assert not [p for p in lib.iterdir() if p.name.endswith(TEMP_SUFFIX)]
    assert not [p for p in tiny_disk.iterdir() if p.name.endswith(TEMP_SUFFIX)]
