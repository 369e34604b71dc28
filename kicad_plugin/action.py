"""The toolbar button: a pcbnew.ActionPlugin that opens the ds2fp dialog (KiCad 6 to 10)."""

import os
from typing import Any, Dict, List, Optional

from . import kicad_api
from .launch import factory_from_config, read_install

ICON_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "icons")


class KicadHost:
    """The dialog's view of the board being edited."""

    can_place = True

    def __init__(self, board: Any):
        self.board = board
        self.placed: List[Dict[str, Any]] = []  # what was placed, for the review and tests

    def project_dir(self) -> Optional[str]:
        return kicad_api.project_dir(self.board)

    def place(self, library_dir: str, name: str, nickname: str) -> str:
        x, y = kicad_api.placement_point(self.board)
        kicad_api.place_footprint(self.board, library_dir, name, nickname, (x, y))
        self.placed.append({"library": library_dir, "name": name, "nickname": nickname,
                            "at": [round(x, 3), round(y, 3)]})
        return f"placed at ({x:.2f}, {y:.2f}) mm, selected: press M to move it"


class Ds2fpAction(kicad_api.ActionPlugin):
    def defaults(self) -> None:
        self.name = "ds2fp: footprint from datasheet screenshots"
        self.category = "Footprint"
        self.description = ("Paste screenshots of a datasheet's package drawing and land "
                            "pattern; review the footprint ds2fp builds; write it to a "
                            "library and place it.")
        self.show_toolbar_button = True
        self.icon_file_name = os.path.join(ICON_DIR, "ds2fp_24.png")
        self.dark_icon_file_name = os.path.join(ICON_DIR, "ds2fp_24_dark.png")

    def Run(self) -> None:  # noqa: N802 (pcbnew API)
        import wx

        from .ui.dialog import Ds2fpDialog

        config, problem = read_install()
        parent = wx.FindWindowByName("PcbFrame")
        host = KicadHost(kicad_api.current_board())
        dialog = Ds2fpDialog(parent, host, factory_from_config(config),
                             start_command=config.start_command if config else None,
                             log_dir=config.log_dir if config else "",
                             install_problem=problem)
        _drive_for_tests(dialog, host)
        try:
            # Modal on purpose: KiCad 7+ records board changes made inside Run() as one
            # undoable commit. The dialog's own work runs on threads, so KiCad stays live.
            dialog.ShowModal()
        finally:
            dialog.shutdown()
            dialog.Destroy()


AUTO_ENV = "DS2FP_PLUGIN_AUTO"


def _drive_for_tests(dialog: Any, host: Any) -> None:
    """Under tests/plugin/test_kicad_gui.py only: $DS2FP_PLUGIN_AUTO names a JSON file of
    kicad_plugin.standalone --auto options, and the dialog is clicked through as a user
    would (the same driver as the standalone runner; errors are recorded, not shown)."""
    path = os.environ.get(AUTO_ENV)
    if not path:
        return
    import argparse
    import json

    from .standalone import AutoDriver, parse_args

    with open(path, encoding="utf-8") as handle:
        options = json.load(handle)
    args = parse_args([])
    vars(args).update(options)
    args.auto = True
    AutoDriver(dialog, argparse.Namespace(**vars(args)), host).start()
