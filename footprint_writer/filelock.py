"""An exclusive lock on a sidecar file, so two ds2fp processes (the plugin and a CLI batch,
say) editing one fp-lib-table never lose each other's rows.

`with locked(path):` holds the hidden `.<name>.ds2fp-lock` beside it (created on demand,
left in place: removing it would race; the table itself cannot be locked, since it is
replaced by a rename). POSIX `flock`, Windows `msvcrt.locking`; both are released by the OS if the
process dies, so a killed writer never leaves a table locked.
"""

import contextlib
import os
import sys
import time
from pathlib import Path
from typing import Iterator, Union

from footprint_writer.errors import LibraryError

PathLike = Union[str, os.PathLike]
WAIT_S = 30.0


@contextlib.contextmanager
def locked(path: PathLike, wait_s: float = WAIT_S) -> Iterator[None]:
    """Hold the lock for `path`; LibraryError if another process holds it past `wait_s`."""
    target = Path(path)
    lock_path = target.with_name(f".{target.name}.ds2fp-lock")
    try:
        fd = os.open(str(lock_path), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise LibraryError(f"cannot create the lock file {lock_path}: {exc.strerror or exc}",
                           hint="check that the folder is writable") from exc
    try:
        _acquire(fd, lock_path, wait_s)
        try:
            yield
        finally:
            _release(fd)
    finally:
        os.close(fd)


def _acquire(fd: int, lock_path: Path, wait_s: float) -> None:
    deadline = time.monotonic() + wait_s
    while True:
        try:
            if sys.platform.startswith("win"):
                import msvcrt

                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise LibraryError(f"{lock_path} is held by another process for more than "
                                   f"{wait_s:.0f} s", hint="is another ds2fp writing to this "
                                                           "library? try again") from None
            time.sleep(0.02)


def _release(fd: int) -> None:
    if sys.platform.startswith("win"):
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)
