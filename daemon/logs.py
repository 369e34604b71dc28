"""Daemon logging: stderr for the person watching, a file for the bug report."""

import logging
import os
import sys
from pathlib import Path
from typing import Optional

FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"


def default_log_file() -> Path:
    """$XDG_STATE_HOME/ds2fp/daemon.log (or ~/.local/state/...; %LOCALAPPDATA% on Windows)."""
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        base = Path(os.environ["LOCALAPPDATA"])
    else:
        base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return base / "ds2fp" / "daemon.log"


def setup_logging(log_file: Optional[Path], level: int = logging.INFO) -> Optional[Path]:
    """Log to stderr and, unless `log_file` is None, to that file (folder created)."""
    root = logging.getLogger()
    root.setLevel(level)
    formatter = logging.Formatter(FORMAT)
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setFormatter(formatter)
    root.addHandler(stderr)
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_file, encoding="utf-8")
        handler.setFormatter(formatter)
        root.addHandler(handler)
    return log_file
