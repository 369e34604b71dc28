"""Start the daemon from the plugin (the Start button), detached from KiCad."""

import os
import subprocess
import sys
from pathlib import Path
from typing import List, Optional


class StartError(Exception):
    """The daemon could not be started; the message says what to do."""


def start_daemon(command: List[str], log_dir: Optional[str] = None) -> str:
    """Run `command` in the background (it outlives KiCad); returns the log file path."""
    if not command:
        raise StartError("no daemon is installed for this user: run `python3 install.py` "
                         "(add `--service` to start it at login)")
    folder = Path(log_dir) if log_dir else Path.home()
    folder.mkdir(parents=True, exist_ok=True)
    log_path = folder / "ds2fp-daemon.log"
    env = dict(os.environ)
    for key in ("PYTHONHOME", "PYTHONPATH"):
        env.pop(key, None)
    kwargs = {}
    if sys.platform.startswith("win"):
        kwargs["creationflags"] = (getattr(subprocess, "DETACHED_PROCESS", 0)
                                   | getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
                                   | getattr(subprocess, "CREATE_NO_WINDOW", 0))
    else:
        kwargs["start_new_session"] = True
    try:
        with open(log_path, "ab") as log:
            subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                             env=env, close_fds=True, **kwargs)
    except OSError as exc:
        raise StartError(f"cannot run {command[0]}: {exc.strerror}; run `python3 install.py "
                         "--check` to see what is missing") from None
    return str(log_path)
