"""ds2fp's KiCad plugin: screenshots of a datasheet in, a reviewed footprint out.

Runs inside KiCad's own Python (3.9+) with the standard library, wx and pcbnew only; ds2fp
itself runs in its own environment behind a JSON-lines bridge (see docs/plugin.md).
Imported by KiCad's plugin loader, the package registers its action; imported anywhere
else (tests, the standalone dialog, install.py) it registers nothing.
"""

import inspect
import os

__version__ = "0.1.0"


def _imported_by_kicad() -> bool:
    """True inside KiCad's plugin loader (pcbnew.LoadPluginModule is on the stack)."""
    if os.environ.get("DS2FP_PLUGIN_NO_REGISTER"):
        return False
    return any(frame.function == "LoadPluginModule" for frame in inspect.stack(0))


REGISTERED = _imported_by_kicad()  # read by tests: did KiCad's loader import us?
if REGISTERED:
    from .action import Ds2fpAction

    Ds2fpAction().register()
