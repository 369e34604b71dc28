"""Run the ds2fp dialog outside KiCad: `python3 -m kicad_plugin.standalone`.

For trying the dialog, developing it, and the end-to-end test. The board is a stub: a real
`pcbnew.BOARD()` when pcbnew imports (the footprint is placed on it and the board can be
saved), else a list of placements. The bridge is the recorded install (config.py) or a given
Python running this checkout's `daemon.cli plugin-rpc` (in-process reader or a daemon).

`--auto` drives the dialog as a user would (add/paste images, Read, optional edits, Write)
and writes a JSON result; any error dialog fails the run instead of waiting for a click.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

from .launch import bridge_factory, factory_from_config, read_install

REPO_ROOT = Path(__file__).resolve().parent.parent


class StubHost:
    """A board that is not in an editor: placements go to a pcbnew.BOARD if available."""

    def __init__(self, project: Optional[str], save_board: Optional[str] = None):
        self.project = project
        self.save_board = save_board
        self.placed: List[Dict[str, Any]] = []
        try:
            from . import kicad_api
        except ImportError:  # no pcbnew here: record placements only
            self.kicad_api = None
            self.board = None
        else:
            self.kicad_api = kicad_api
            self.board = kicad_api.new_board()
        self.can_place = True

    def project_dir(self) -> Optional[str]:
        return self.project

    def place(self, library_dir: str, name: str, nickname: str) -> str:
        entry: Dict[str, Any] = {"library": library_dir, "name": name, "nickname": nickname}
        if self.kicad_api is None:
            self.placed.append(entry)
            return "recorded (no pcbnew here)"
        fp = self.kicad_api.place_footprint(self.board, library_dir, name, nickname,
                                            (100.0, 100.0))
        entry["pads"] = len(self.kicad_api.footprint_pads(fp))
        self.placed.append(entry)
        if self.save_board:
            self.board.Save(self.save_board)
            entry["board"] = self.save_board
        return f"placed on the stub board ({entry['pads']} pads)"


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python3 -m kicad_plugin.standalone",
                                description="the ds2fp dialog outside KiCad")
    p.add_argument("--python", help="Python with ds2fp's dependencies to run the bridge "
                                    "(default: the recorded install)")
    p.add_argument("--in-process", action="store_true", help="bridge reads in-process")
    p.add_argument("--reader", default="ocr", help="in-process reader (ocr, file:JSON, ...)")
    p.add_argument("--connect", help="daemon endpoint for the bridge")
    p.add_argument("--project", help="project folder (for fp-lib-table registration)")
    p.add_argument("--image", action="append", default=[], help="add this image file")
    p.add_argument("--paste", action="append", default=[],
                   help="put this image on the clipboard and paste it")
    p.add_argument("--drop", action="append", default=[],
                   help="hand this file to the dialog's drop handler")
    p.add_argument("--part", default="", help="part name to type")
    p.add_argument("--datasheet", default="", help="datasheet link to type")
    p.add_argument("--edit", action="append", default=[], metavar="KEY=VALUE",
                   help="type a key value during review (e.g. pitch=0.5)")
    p.add_argument("--library", help="library folder to write to")
    p.add_argument("--auto", action="store_true", help="drive the dialog and exit")
    p.add_argument("--screenshot", help="save the dialog at the review step here (PNG)")
    p.add_argument("--save-board", help="save the stub board here after placing")
    p.add_argument("--result", help="write the --auto result JSON here")
    p.add_argument("--timeout", type=float, default=180.0, help="--auto time limit (s)")
    p.add_argument("--cancel-after", type=float, default=None, metavar="S",
                   help="--auto: press Cancel S seconds after Read")
    p.add_argument("--close-after", type=float, default=None, metavar="S",
                   help="--auto: close the dialog S seconds after Read")
    return p.parse_args(argv)


def make_factory(args: argparse.Namespace):
    if not args.python:
        config, problem = read_install()
        return factory_from_config(config), problem, config
    command = [args.python, "-m", "daemon.cli", "plugin-rpc"]
    if args.in_process:
        command += ["--in-process", "--reader", args.reader]
    elif args.connect:
        command += ["--connect", args.connect]
    env = {"PYTHONPATH": str(REPO_ROOT)}
    return bridge_factory(command, env), None, None


class AutoDriver:
    """Clicks through the dialog with wx.CallLater steps, like a user would."""

    def __init__(self, dialog, args: argparse.Namespace, host: StubHost):
        import wx

        from .ui import dialog as dialog_module

        self.wx = wx
        self.dialog = dialog
        self.args = args
        self.host = host
        self.result: Dict[str, Any] = {"ok": False, "errors": [], "steps": []}
        self.deadline = time.monotonic() + args.timeout
        dialog_module.show_error = self._error  # an error dialog would wait for a click
        dialog_module.ask_yes_no = self._no
        shown = dialog._on_progress

        def record_progress(rid, message) -> None:  # what the user saw, for the result
            shown(rid, message)
            labels = self.result.setdefault("progress", [])
            label = dialog.progress_text.GetLabel()
            if not labels or labels[-1] != label:
                labels.append(label)

        dialog._on_progress = record_progress

    def _error(self, parent, title, message, hint=None) -> None:
        self.result["errors"].append({"title": title, "message": message, "hint": hint})

    def _no(self, *args, **kwargs) -> bool:
        self.result["errors"].append({"title": "asked", "message": str(args[1:])})
        return False

    def step(self, name: str) -> None:
        self.result["steps"].append(name)

    def start(self) -> None:
        self.wx.CallLater(500, self.add_images)

    def wait(self, ready, then, interval_ms: int = 100) -> None:
        if self.result["errors"]:
            self.finish()
        elif ready():
            then()
        elif time.monotonic() > self.deadline:
            self.result["errors"].append({"title": "timeout", "message": "step timed out"})
            self.finish()
        else:
            self.wx.CallLater(interval_ms, self.wait, ready, then, interval_ms)

    def add_images(self) -> None:
        from .ui.wxutil import put_image_on_clipboard

        d = self.dialog
        for path in self.args.paste:
            if not put_image_on_clipboard(path):
                self._error(None, "clipboard", f"could not put {path} on the clipboard")
            d.on_paste()
            self.step(f"pasted {Path(path).name}")
        if self.args.image:
            d.add_files(self.args.image)
            self.step(f"added {len(self.args.image)} file(s)")
        if self.args.drop:  # the dialog's drop handler, as the OS calls it after a drag
            d.GetDropTarget().OnDropFiles(10, 10, list(self.args.drop))
            self.wx.SafeYield()
            self.step(f"dropped {len(self.args.drop)} file(s)")
        d.part_ctrl.SetValue(self.args.part)
        d.datasheet_ctrl.SetValue(self.args.datasheet)
        self.wait(lambda: getattr(d, "status_state", None) is not None, self.read)

    def read(self) -> None:
        self._read_at = time.monotonic()
        self.result["status"] = self.dialog.status_text.GetLabel()
        self._watch_event_loop()
        self.dialog.on_read()
        self.step("read")
        if self.result["errors"]:  # e.g. ds2fp not installed: the dialog said so
            self.finish()
            return
        if self.args.cancel_after is not None:
            self.wx.CallLater(int(self.args.cancel_after * 1000), self.cancel)
            return
        if getattr(self.args, "close_after", None) is not None:
            self.wx.CallLater(int(self.args.close_after * 1000), self.close_while_reading)
            return
        self.wait(lambda: self.dialog.payload is not None and self.dialog.current_rid is None,
                  self.edit)

    def _watch_event_loop(self) -> None:
        """Record the longest gap between 50 ms timer ticks: a frozen GUI shows as a gap."""
        self.result["max_event_gap_s"] = 0.0
        self._last_tick = time.monotonic()

        def tick() -> None:
            now = time.monotonic()
            gap = now - self._last_tick
            self._last_tick = now
            self.result["max_event_gap_s"] = max(self.result["max_event_gap_s"], round(gap, 3))

        self._ticker = self.wx.Timer()
        self._ticker.Bind(self.wx.EVT_TIMER, lambda e: tick())
        self._ticker.Start(50)

    def cancel(self) -> None:
        d = self.dialog
        self.result["busy_before_cancel"] = d.current_rid is not None
        d.on_cancel()
        self.step("cancel")
        self.result["after_cancel"] = {"read_enabled": d.read_btn.IsEnabled(),
                                       "cancel_enabled": d.cancel_btn.IsEnabled(),
                                       "progress": d.progress_text.GetLabel()}
        # the bridge must still serve: the status line asks it again
        d.status_busy = False
        d.status_state = None
        d.refresh_status()
        self.wait(lambda: getattr(d, "status_state", None) is not None,
                  lambda: self._after_cancel())

    def close_while_reading(self) -> None:
        """The user closes the window while the read runs (the bridge must cancel it)."""
        self.result["busy_before_close"] = self.dialog.current_rid is not None
        self.step("close")
        self.finish(ok=True)

    def _after_cancel(self) -> None:
        self.result["status_after_cancel"] = self.dialog.status_text.GetLabel()
        self.result["payload_after_cancel"] = self.dialog.payload is not None
        self.finish(ok=True)

    def edit(self) -> None:
        d = self.dialog
        self.result["read_to_review_s"] = round(time.monotonic() - self._read_at, 2)
        self.result["extracted"] = _summary(d.payload)
        if not self.args.edit:
            self.wx.CallLater(400, self.review)
            return
        before = d.payload
        for item in self.args.edit:
            key, _, value = item.partition("=")
            if key not in d.edit_ctrls:
                self._error(None, "edit", f"no editable value {key}")
                continue
            d.edit_ctrls[key].SetValue(value)  # EVT_TEXT -> rebuild after the debounce
        self.step("edited " + ", ".join(self.args.edit))
        self.wait(lambda: d.payload is not before, lambda: self.wx.CallLater(400, self.review))

    def review(self) -> None:
        d = self.dialog
        self.result["review"] = _summary(d.payload)
        self.result["images"] = [{"name": i.name, "role": i.role, "pasted": i.pasted}
                                 for i in d.images.items]
        self.result["edit_fields"] = {k: c.GetValue() for k, c in d.edit_ctrls.items()}
        if self.args.screenshot:
            from . import review as review_rows
            from .ui.wxutil import screenshot

            rows = review_rows.value_rows(d.payload or {})
            doubtful = [i for i, row in enumerate(rows) if row["doubtful"]]
            if doubtful:  # what a reviewer clicks first: the doubtful value, read in full
                d.values_list.Select(doubtful[0])
            d.Raise()
            d.Update()
            self.wx.SafeYield()
            self.result["screenshot"] = screenshot(d, self.args.screenshot)
            self.step("screenshot")
        if self.args.library:
            d.lib_ctrl.SetValue(self.args.library)
            d.nick_ctrl.SetValue(Path(self.args.library).stem)
            d.on_write()
            self.step("write")
            self.wait(lambda: d.last_written is not None, self.written)
        else:
            self.finish(ok=True)

    def written(self) -> None:
        self.result["written"] = self.dialog.last_written
        self.result["write_text"] = self.dialog.write_text.GetLabel()
        self.result["placed"] = self.host.placed
        self.finish(ok=True)

    def finish(self, ok: bool = False) -> None:
        if getattr(self, "_ticker", None) is not None:
            self._ticker.Stop()
        self.result["ok"] = ok and not self.result["errors"]
        if self.args.result:
            Path(self.args.result).write_text(json.dumps(self.result, indent=2),
                                              encoding="utf-8")
        self.dialog.Close()


def _summary(payload: Optional[Dict[str, Any]]) -> Dict[str, Any]:
    payload = payload or {}
    fp = payload.get("footprint") or {}
    return {"name": fp.get("name"), "pads": len(fp.get("pads") or []),
            "land": (payload.get("land") or {}).get("values"),
            "issues": [i.get("code") for i in payload.get("issues") or []],
            "reader": payload.get("reader")}


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("DS2FP_PLUGIN_NO_REGISTER", "1")
    import wx

    from .ui.dialog import Ds2fpDialog

    app = wx.App(False)
    factory, problem, config = make_factory(args)
    host = StubHost(args.project, args.save_board)
    dialog = Ds2fpDialog(None, host, factory,
                         start_command=config.start_command if config else None,
                         log_dir=config.log_dir if config else "", install_problem=problem)
    driver = AutoDriver(dialog, args, host) if args.auto else None

    def on_close(_event) -> None:  # outside KiCad the dialog is the app's only window
        dialog.shutdown()
        dialog.Destroy()

    dialog.Bind(wx.EVT_CLOSE, on_close)
    dialog.Show()
    if driver is not None:
        driver.start()
    app.MainLoop()
    dialog.shutdown()
    if driver is not None:
        return 0 if driver.result["ok"] else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
