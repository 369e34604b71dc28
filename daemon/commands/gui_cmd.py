"""`ds2fp gui`: the plugin's dialog outside KiCad (kicad_plugin.standalone, stub board).

The dialog needs wxPython, which a pip environment rarely has; KiCad's own Python (or Debian's
python3-wxgtk4.0) has it. So the dialog runs under the first Python that imports wx, and its
bridge runs back in this Python (which has ds2fp's dependencies), reading in-process or
through a daemon.
"""

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List, Optional, Sequence

from daemon.commands.argtypes import endpoint
from footprint_writer.errors import Ds2fpError

REPO_ROOT = Path(__file__).resolve().parents[2]
# Pythons that ship wx: KiCad's bundled ones (macOS, Windows), then the system's (Linux).
WX_PYTHONS = (
    "/Applications/KiCad/KiCad.app/Contents/Frameworks/Python.framework/Versions/Current/"
    "bin/python3",
    r"C:\Program Files\KiCad\9.0\bin\python.exe",
    r"C:\Program Files\KiCad\8.0\bin\python.exe",
    r"C:\Program Files\KiCad\6.0\bin\python.exe",
    "/usr/bin/python3",
)


def register(subparsers) -> None:
    p = subparsers.add_parser("gui", help="open the ds2fp dialog without KiCad",
                              description=__doc__,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("images", nargs="*", type=Path, help="screenshots to start with")
    p.add_argument("--connect", type=endpoint, default=None,
                   help="read through this daemon (default: in this process)")
    p.add_argument("--reader", default="ocr", help="in-process reader (default: ocr)")
    p.add_argument("--project", type=Path, default=None,
                   help="project folder whose fp-lib-table gets the library")
    p.add_argument("--wx-python", default=None,
                   help="a Python with wxPython for the dialog (default: found)")
    p.add_argument("--dialog-args", default="", metavar="'OPTIONS'",
                   help="more options for kicad_plugin.standalone, as one quoted string "
                        "(e.g. '--auto --library T.pretty --result r.json' for scripts)")
    p.set_defaults(func=run)


def has_wx(python: str) -> bool:
    try:
        return subprocess.run([python, "-c", "import wx"], capture_output=True,
                              timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def find_wx_python(candidates: Sequence[str] = WX_PYTHONS) -> Optional[str]:
    """This Python if it has wx, else the first candidate that has it."""
    for python in (sys.executable, *candidates):
        if python and (Path(python).exists() or shutil.which(python)) and has_wx(python):
            return python
    return None


def gui_command(wx_python: str, args: argparse.Namespace) -> List[str]:
    command = [wx_python, "-m", "kicad_plugin.standalone", "--python", sys.executable]
    if args.connect:
        command += ["--connect", args.connect]
    else:
        command += ["--in-process", "--reader", args.reader]
    if args.project is not None:
        command += ["--project", str(args.project.resolve())]
    for image in args.images:
        command += ["--image", str(image.resolve())]
    return command + shlex.split(args.dialog_args or "")


def run(args: argparse.Namespace) -> int:
    for image in args.images:
        if not image.is_file():
            raise Ds2fpError(f"no such image: {image}")
    if not os.environ.get("DISPLAY") and sys.platform.startswith("linux") \
            and not os.environ.get("WAYLAND_DISPLAY"):
        raise Ds2fpError("no display to open the dialog on (DISPLAY is not set)",
                         hint="run it in a desktop session, or use `ds2fp extract`")
    wx_python = args.wx_python or find_wx_python()
    if wx_python is None or (args.wx_python and not has_wx(args.wx_python)):
        raise Ds2fpError("no Python with wxPython found for the dialog",
                         hint="install python3-wxgtk4.0 (Debian/Ubuntu) or `pip install "
                              "wxPython`, or give --wx-python KiCad's bundled python")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH"))
                                        if p)
    return subprocess.run(gui_command(wx_python, args), cwd=str(REPO_ROOT), env=env
                          ).returncode
