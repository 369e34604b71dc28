"""The ds2fp dialog: screenshots in, reviewed footprint out, written and placed.

The dialog never blocks KiCad: every bridge call runs on a thread and comes back with
wx.CallAfter. Every failure is a dialog that says what to do.
"""

import os
import time
from typing import Any, Callable, Dict, List, Optional

import wx

from .. import review
from ..bridge import BridgeCallError, BridgeClient
from ..daemon_control import StartError, start_daemon
from ..images import ROLES, ImageError, ImageSession
from ..progress_text import progress_label
from .preview_panel import PreviewPanel
from .wxutil import ask_yes_no, clipboard_content, run_in_thread, show_error, thumbnail

DENSITIES = (("nominal", "Nominal (B)"), ("least", "Least (C)"), ("most", "Most (A)"))
PATTERNS = (("auto", "Datasheet's if printed, else IPC-7351B"),
            ("datasheet", "Datasheet's land pattern"), ("ipc", "IPC-7351B from the package"))
STATUS_EVERY_MS = 4000
EDIT_DEBOUNCE_MS = 350
SEVERITY_COLOURS = {"error": wx.Colour(255, 200, 200), "warning": wx.Colour(255, 226, 180)}


class Host:
    """What the dialog needs from the board: KiCad (action.py) or a stub (standalone)."""

    can_place = False

    def project_dir(self) -> Optional[str]:
        return None

    def place(self, library_dir: str, name: str, nickname: str) -> str:
        raise NotImplementedError


class Ds2fpDialog(wx.Dialog):
    def __init__(self, parent: Optional[wx.Window], host: Host,
                 bridge_factory: Callable[[], BridgeClient],
                 start_command: Optional[List[str]] = None, log_dir: str = "",
                 install_problem: Optional[str] = None):
        super().__init__(parent, title="ds2fp: footprint from datasheet screenshots",
                         style=wx.DEFAULT_DIALOG_STYLE | wx.RESIZE_BORDER | wx.MAXIMIZE_BOX)
        self.host = host
        self.bridge_factory = bridge_factory
        self.bridge: Optional[BridgeClient] = None
        self.start_command = list(start_command or [])
        self.log_dir = log_dir
        self.install_problem = install_problem
        self.images = ImageSession()
        self.base: Optional[Dict[str, Any]] = None  # the reading as extracted
        self.payload: Optional[Dict[str, Any]] = None  # what the review shows now
        self.fields: List = []
        self.edit_ctrls: Dict[str, wx.TextCtrl] = {}
        self.current_rid: Optional[str] = None
        self.started_at = 0.0
        self.rebuild_seq = 0
        self.status_busy = False
        self.closed = False
        self.last_written: Optional[Dict[str, Any]] = None
        self._edit_timer = wx.CallLater(EDIT_DEBOUNCE_MS, self._rebuild)
        self._edit_timer.Stop()

        self._build()
        self.SetSize(self.FromDIP(wx.Size(1280, 860)))
        self.SetMinSize(self.FromDIP(wx.Size(980, 680)))
        self.CentreOnParent()
        self._accelerators()
        self.SetDropTarget(_FileDrop(self))
        self.Bind(wx.EVT_CLOSE, self._on_close)
        self.timer = wx.Timer(self)
        self.Bind(wx.EVT_TIMER, lambda e: self.refresh_status(), self.timer)
        self.timer.Start(STATUS_EVERY_MS)
        wx.CallAfter(self.refresh_status)

    # ---- layout ----------------------------------------------------------------------------

    def _heading(self, parent: wx.Window, text: str) -> wx.StaticText:
        label = wx.StaticText(parent, label=text)
        label.SetFont(label.GetFont().Bold().Larger())
        return label

    def _build(self) -> None:
        root = wx.BoxSizer(wx.HORIZONTAL)
        root.Add(self._build_left(), 0, wx.EXPAND | wx.ALL, 8)
        root.Add(wx.StaticLine(self, style=wx.LI_VERTICAL), 0, wx.EXPAND | wx.TOP | wx.BOTTOM, 8)
        root.Add(self._build_right(), 1, wx.EXPAND | wx.ALL, 8)
        self.SetSizer(root)
        self._set_reading_state(False)
        self._update_write_state()

    def _build_left(self) -> wx.Sizer:
        col = wx.BoxSizer(wx.VERTICAL)
        col.Add(self._heading(self, "1  Screenshots"), 0, wx.BOTTOM, 4)
        hint = wx.StaticText(self, label="Snip the package drawing and the recommended land "
                                         "pattern, then paste (Ctrl+V), add or drop files.")
        hint.Wrap(self.FromDIP(330))
        col.Add(hint, 0, wx.BOTTOM, 6)
        buttons = wx.BoxSizer(wx.HORIZONTAL)
        self.paste_btn = wx.Button(self, label="Paste (Ctrl+V)")
        self.add_btn = wx.Button(self, label="Add files...")
        self.paste_btn.Bind(wx.EVT_BUTTON, lambda e: self.on_paste())
        self.add_btn.Bind(wx.EVT_BUTTON, lambda e: self.on_add_files())
        buttons.Add(self.paste_btn, 1, wx.RIGHT, 4)
        buttons.Add(self.add_btn, 1)
        col.Add(buttons, 0, wx.EXPAND | wx.BOTTOM, 6)
        self.thumbs = wx.ScrolledWindow(self, style=wx.BORDER_THEME | wx.VSCROLL)
        self.thumbs.SetScrollRate(0, 12)
        self.thumbs.SetMinSize(self.FromDIP(wx.Size(340, 300)))
        self.thumbs.SetSizer(wx.BoxSizer(wx.VERTICAL))
        col.Add(self.thumbs, 1, wx.EXPAND | wx.BOTTOM, 8)
        self._refresh_thumbs()

        col.Add(self._heading(self, "2  Part"), 0, wx.BOTTOM, 4)
        grid = wx.FlexGridSizer(cols=2, vgap=4, hgap=6)
        grid.AddGrowableCol(1)
        self.part_ctrl = wx.TextCtrl(self)
        self.part_ctrl.SetHint("e.g. MCP73831 (optional)")
        self.datasheet_ctrl = wx.TextCtrl(self)
        self.datasheet_ctrl.SetHint("https://... (KiCad's library rules want it)")
        self.datasheet_ctrl.Bind(wx.EVT_TEXT, lambda e: self._schedule_rebuild())
        self.density_ctrl = wx.Choice(self, choices=[label for _, label in DENSITIES])
        self.density_ctrl.SetSelection(0)
        self.pattern_ctrl = wx.Choice(self, choices=[label for _, label in PATTERNS])
        self.pattern_ctrl.SetSelection(0)
        for ctrl in (self.density_ctrl, self.pattern_ctrl):
            ctrl.Bind(wx.EVT_CHOICE, lambda e: self._schedule_rebuild())
        for label, ctrl in (("Part name", self.part_ctrl), ("Datasheet", self.datasheet_ctrl),
                            ("Density", self.density_ctrl), ("Land pattern", self.pattern_ctrl)):
            grid.Add(wx.StaticText(self, label=label), 0, wx.ALIGN_CENTER_VERTICAL)
            grid.Add(ctrl, 1, wx.EXPAND)
        col.Add(grid, 0, wx.EXPAND | wx.BOTTOM, 8)

        col.Add(self._heading(self, "3  Read"), 0, wx.BOTTOM, 4)
        status_row = wx.BoxSizer(wx.HORIZONTAL)
        self.status_dot = wx.StaticText(self, label="\u25cf")
        self.status_text = wx.StaticText(self, label="daemon: checking...")
        self.start_btn = wx.Button(self, label="Start", style=wx.BU_EXACTFIT)
        self.start_btn.Bind(wx.EVT_BUTTON, lambda e: self.on_start_daemon())
        self.start_btn.Hide()
        status_row.Add(self.status_dot, 0, wx.ALIGN_CENTER_VERTICAL | wx.RIGHT, 4)
        status_row.Add(self.status_text, 1, wx.ALIGN_CENTER_VERTICAL)
        status_row.Add(self.start_btn, 0, wx.LEFT, 4)
        col.Add(status_row, 0, wx.EXPAND | wx.BOTTOM, 6)
        read_row = wx.BoxSizer(wx.HORIZONTAL)
        self.read_btn = wx.Button(self, label="Read footprint")
        self.read_btn.SetDefault()
        self.cancel_btn = wx.Button(self, label="Cancel")
        self.read_btn.Bind(wx.EVT_BUTTON, lambda e: self.on_read())
        self.cancel_btn.Bind(wx.EVT_BUTTON, lambda e: self.on_cancel())
        read_row.Add(self.read_btn, 1, wx.RIGHT, 4)
        read_row.Add(self.cancel_btn, 0)
        col.Add(read_row, 0, wx.EXPAND | wx.BOTTOM, 4)
        self.gauge = wx.Gauge(self, range=100, size=self.FromDIP(wx.Size(-1, 8)))
        col.Add(self.gauge, 0, wx.EXPAND | wx.BOTTOM, 2)
        self.progress_text = wx.StaticText(self, label="")
        col.Add(self.progress_text, 0, wx.EXPAND)
        return col

    def _build_right(self) -> wx.Sizer:
        col = wx.BoxSizer(wx.VERTICAL)
        col.Add(self._heading(self, "4  Review"), 0, wx.BOTTOM, 2)
        self.summary_text = wx.StaticText(self, label="Nothing read yet.")
        col.Add(self.summary_text, 0, wx.BOTTOM, 4)
        top = wx.BoxSizer(wx.HORIZONTAL)
        self.preview = PreviewPanel(self)
        top.Add(self.preview, 1, wx.EXPAND | wx.RIGHT, 8)
        edit_col = wx.BoxSizer(wx.VERTICAL)
        edit_col.Add(wx.StaticText(self, label="Key values (edit to rebuild)"), 0, wx.BOTTOM, 4)
        self.edit_grid = wx.FlexGridSizer(cols=2, vgap=3, hgap=6)
        edit_col.Add(self.edit_grid, 0, wx.EXPAND)
        self.edit_error = wx.StaticText(self, label="")
        self.edit_error.SetForegroundColour(wx.Colour(200, 0, 0))
        edit_col.Add(self.edit_error, 0, wx.TOP, 4)
        self.reset_btn = wx.Button(self, label="Reset to what was read")
        self.reset_btn.Bind(wx.EVT_BUTTON, lambda e: self.on_reset_edits())
        edit_col.Add(self.reset_btn, 0, wx.TOP, 6)
        legend = wx.StaticText(self, label="Preview: red pads, cyan = pin 1, orange = doubtful,"
                                           "\ngrey body (F.Fab), pink courtyard, yellow silk.")
        legend.SetFont(legend.GetFont().Smaller())
        edit_col.Add(legend, 0, wx.TOP, 10)
        top.Add(edit_col, 0, wx.EXPAND)
        col.Add(top, 3, wx.EXPAND | wx.BOTTOM, 6)

        self.book = wx.Notebook(self)
        self.values_list = self._list(self.book, (("Value", 120), ("Used", 300),
                                                  ("Source", 130), ("On page", 60),
                                                  ("Why doubtful", 400)))
        self.reading_list = self._list(self.book, (("Field", 200), ("As printed", 220),
                                                   ("Source", 140)))
        self.issues_list = self._list(self.book, (("Severity", 70), ("Message", 760),
                                                  ("Concerns", 160)))
        self.book.AddPage(self.values_list, "Values used")
        self.book.AddPage(self.issues_list, "Issues")
        self.book.AddPage(self.reading_list, "Read from the page")
        col.Add(self.book, 2, wx.EXPAND | wx.BOTTOM, 2)
        self.detail_text = wx.StaticText(self, label="Select a row to read it in full.")
        self.detail_text.SetFont(self.detail_text.GetFont().Smaller())
        col.Add(self.detail_text, 0, wx.EXPAND | wx.BOTTOM, 8)
        for ctrl in (self.values_list, self.reading_list, self.issues_list):
            ctrl.Bind(wx.EVT_LIST_ITEM_SELECTED,
                      lambda e, c=ctrl: self._show_detail(c, e.GetIndex()))

        col.Add(self._heading(self, "5  Write"), 0, wx.BOTTOM, 4)
        grid = wx.FlexGridSizer(cols=3, vgap=4, hgap=6)
        grid.AddGrowableCol(1)
        project = self.host.project_dir()
        default_lib = os.path.join(project or os.path.expanduser("~"), "ds2fp.pretty")
        self.lib_ctrl = wx.TextCtrl(self, value=default_lib)
        lib_btn = wx.Button(self, label="Choose...")
        lib_btn.Bind(wx.EVT_BUTTON, lambda e: self.on_choose_library())
        self.nick_ctrl = wx.TextCtrl(self, value="ds2fp")
        self.name_ctrl = wx.TextCtrl(self)
        grid.Add(wx.StaticText(self, label="Library (.pretty)"), 0, wx.ALIGN_CENTER_VERTICAL)
        grid.Add(self.lib_ctrl, 1, wx.EXPAND)
        grid.Add(lib_btn)
        grid.Add(wx.StaticText(self, label="Nickname"), 0, wx.ALIGN_CENTER_VERTICAL)
        grid.Add(self.nick_ctrl, 1, wx.EXPAND)
        grid.AddSpacer(1)
        grid.Add(wx.StaticText(self, label="Footprint name"), 0, wx.ALIGN_CENTER_VERTICAL)
        grid.Add(self.name_ctrl, 1, wx.EXPAND)
        grid.AddSpacer(1)
        col.Add(grid, 0, wx.EXPAND | wx.BOTTOM, 4)
        row = wx.BoxSizer(wx.HORIZONTAL)
        self.register_ctrl = wx.CheckBox(self, label="Register in the project's fp-lib-table")
        self.register_ctrl.SetValue(project is not None)
        if project is None:
            self.register_ctrl.Disable()
            self.register_ctrl.SetToolTip("Save the board first: the project's library table "
                                          "lives next to the .kicad_pro")
        self.place_ctrl = wx.RadioBox(self, choices=["Place on the board", "Only write"],
                                      style=wx.RA_SPECIFY_COLS)
        if not self.host.can_place:
            self.place_ctrl.SetSelection(1)
            self.place_ctrl.EnableItem(0, False)
        self.write_btn = wx.Button(self, label="Write footprint")
        self.write_btn.Bind(wx.EVT_BUTTON, lambda e: self.on_write())
        close_btn = wx.Button(self, wx.ID_CLOSE, label="Close")
        close_btn.Bind(wx.EVT_BUTTON, lambda e: self.Close())
        row.Add(self.register_ctrl, 0, wx.ALIGN_CENTER_VERTICAL | wx.RIGHT, 12)
        row.Add(self.place_ctrl, 0, wx.RIGHT, 12)
        row.AddStretchSpacer()
        row.Add(self.write_btn, 0, wx.ALIGN_CENTER_VERTICAL | wx.RIGHT, 6)
        row.Add(close_btn, 0, wx.ALIGN_CENTER_VERTICAL)
        col.Add(row, 0, wx.EXPAND)
        self.write_text = wx.StaticText(self, label="")
        col.Add(self.write_text, 0, wx.TOP, 4)
        return col

    @staticmethod
    def _list(parent: wx.Window, columns) -> wx.ListCtrl:
        ctrl = wx.ListCtrl(parent, style=wx.LC_REPORT | wx.LC_SINGLE_SEL)
        for index, (title, width) in enumerate(columns):
            ctrl.InsertColumn(index, title, width=width)
        return ctrl

    def _show_detail(self, ctrl: wx.ListCtrl, index: int) -> None:
        parts = [ctrl.GetItemText(index, col) for col in range(ctrl.GetColumnCount())]
        text = " | ".join(p for p in parts if p and p != "-")
        self.detail_text.SetLabel(text)
        self.detail_text.Wrap(max(200, self.book.GetSize().width))
        self.detail_text.SetToolTip(text)
        self.Layout()

    def _accelerators(self) -> None:
        paste_id = wx.NewIdRef()
        self.Bind(wx.EVT_MENU, lambda e: self.on_paste(), id=paste_id)
        self.SetAcceleratorTable(wx.AcceleratorTable([
            wx.AcceleratorEntry(wx.ACCEL_CTRL, ord("V"), paste_id)]))

    # ---- images ----------------------------------------------------------------------------

    def _refresh_thumbs(self) -> None:
        sizer = self.thumbs.GetSizer()
        self.thumbs.DestroyChildren()
        sizer.Clear()
        if not self.images.items:
            empty = wx.StaticText(self.thumbs, label="\nNo screenshots yet.\n\nPaste, add, "
                                                     "or drop PNG/JPEG files here.",
                                  style=wx.ALIGN_CENTRE_HORIZONTAL)
            sizer.Add(empty, 1, wx.EXPAND | wx.ALL, 12)
        role_labels = [label for _, label in ROLES]
        role_keys = [key for key, _ in ROLES]
        for index, item in enumerate(self.images.items):
            row = wx.BoxSizer(wx.HORIZONTAL)
            bmp = wx.StaticBitmap(self.thumbs, bitmap=thumbnail(str(item.path), 120, 90))
            row.Add(bmp, 0, wx.ALL, 4)
            side = wx.BoxSizer(wx.VERTICAL)
            name = wx.StaticText(self.thumbs, label=item.name)
            side.Add(name, 0, wx.BOTTOM, 2)
            choice = wx.Choice(self.thumbs, choices=role_labels)
            choice.SetSelection(role_keys.index(item.role) if item.role in role_keys else 0)
            choice.Bind(wx.EVT_CHOICE, lambda e, i=index: self._set_role(i, e.GetSelection()))
            side.Add(choice, 0, wx.EXPAND | wx.BOTTOM, 2)
            remove = wx.Button(self.thumbs, label="Remove", style=wx.BU_EXACTFIT)
            remove.Bind(wx.EVT_BUTTON, lambda e, i=index: self._remove_image(i))
            side.Add(remove, 0)
            row.Add(side, 1, wx.ALL, 4)
            sizer.Add(row, 0, wx.EXPAND)
        self.thumbs.FitInside()
        self.thumbs.Layout()

    def _set_role(self, index: int, selection: int) -> None:
        self.images.items[index].role = ROLES[selection][0]

    def _remove_image(self, index: int) -> None:
        self.images.remove(index)
        wx.CallAfter(self._refresh_thumbs)

    def add_files(self, paths: List[str]) -> None:
        problems = []
        for path in paths:
            try:
                self.images.add_file(path)
            except ImageError as exc:
                problems.append(str(exc))
        self._refresh_thumbs()
        if problems:
            show_error(self, "cannot add image", "\n".join(problems),
                       "Add PNG or JPEG screenshots of the package drawing and land pattern.")

    def add_png(self, data: bytes) -> None:
        try:
            self.images.add_png(data)
        except ImageError as exc:
            show_error(self, "cannot paste", str(exc))
            return
        self._refresh_thumbs()

    def on_paste(self) -> None:
        try:
            png, files = clipboard_content()
        except RuntimeError as exc:
            show_error(self, "clipboard", str(exc), "Try pasting again in a moment.")
            return
        if png is not None:
            self.add_png(png)
        elif files:
            self.add_files(files)
        else:
            show_error(self, "nothing to paste", "The clipboard holds no image.",
                       "Take a screenshot of the drawing with your snipping tool "
                       "(Windows: Win+Shift+S, macOS: Cmd+Ctrl+Shift+4, Linux: your "
                       "screenshot tool with 'copy to clipboard'), then paste again.")

    def on_add_files(self) -> None:
        with wx.FileDialog(self, "Add datasheet screenshots",
                           wildcard="Images (*.png;*.jpg;*.jpeg)|*.png;*.jpg;*.jpeg;*.PNG;"
                                    "*.JPG;*.JPEG",
                           style=wx.FD_OPEN | wx.FD_MULTIPLE | wx.FD_FILE_MUST_EXIST) as dlg:
            if dlg.ShowModal() == wx.ID_OK:
                self.add_files(dlg.GetPaths())

    # ---- daemon status ---------------------------------------------------------------------

    def _bridge(self) -> BridgeClient:
        if self.bridge is None:
            self.bridge = self.bridge_factory()
        return self.bridge

    def refresh_status(self) -> None:
        if self.closed or self.status_busy:
            return
        if self.install_problem:
            self._show_status("not_installed", self.install_problem)
            return
        self.status_busy = True

        def work():
            return self._bridge().call("status", timeout_s=15.0, ping_timeout_s=1.0)

        def done(result):
            self.status_busy = False
            self._show_status(result.get("state", "?"), result.get("detail", ""),
                              result.get("hint"), result.get("queue_length"))

        def failed(exc):
            self.status_busy = False
            if isinstance(exc, BridgeCallError):
                self._show_status("not_installed", exc.message, exc.hint)
            else:
                self._show_status("error", str(exc))

        run_in_thread(self, work, done, failed, name="ds2fp-status")

    def _show_status(self, state: str, detail: str = "", hint: Optional[str] = None,
                     queue: Optional[int] = None) -> None:
        colours = {"ready": (0, 160, 0), "busy": (230, 150, 0), "loading": (230, 150, 0),
                   "not_running": (200, 0, 0), "not_installed": (200, 0, 0),
                   "failed": (200, 0, 0)}
        texts = {
            "ready": f"daemon ready ({detail})",
            "busy": f"daemon busy ({queue or 0} waiting) - requests queue up",
            "loading": "daemon loading the model...",
            "failed": f"daemon failed to load: {detail}",
            "not_running": "daemon not running: press Start, or run `ds2fp serve`",
            "not_installed": f"ds2fp not usable: {detail}",
        }
        text = texts.get(state, f"daemon: {state} {detail}")
        self.status_dot.SetForegroundColour(wx.Colour(*colours.get(state, (120, 120, 120))))
        self.status_text.SetLabel(text)
        self.status_text.SetToolTip(hint or detail or text)
        self.start_btn.Show(state == "not_running" and bool(self.start_command))
        self.status_text.GetParent().Layout()
        self.status_state = state

    def on_start_daemon(self) -> None:
        try:
            log = start_daemon(self.start_command, self.log_dir)
        except StartError as exc:
            show_error(self, "cannot start the daemon", str(exc))
            return
        self.status_text.SetLabel(f"starting the daemon (log: {log})...")
        wx.CallLater(1500, self.refresh_status)

    # ---- reading ---------------------------------------------------------------------------

    def options(self) -> Dict[str, Any]:
        opts: Dict[str, Any] = {"density": DENSITIES[self.density_ctrl.GetSelection()][0],
                                "pattern": PATTERNS[self.pattern_ctrl.GetSelection()][0]}
        part = self.part_ctrl.GetValue().strip()
        if part:
            opts["part_name"] = part
        url = self.datasheet_ctrl.GetValue().strip()
        if url and review.datasheet_problem(url) is None:  # a half-typed one waits
            opts["datasheet"] = url
        return opts

    def _set_reading_state(self, reading: bool) -> None:
        self.read_btn.Enable(not reading)
        self.cancel_btn.Enable(reading)
        self.paste_btn.Enable(not reading)
        self.add_btn.Enable(not reading)
        if not reading:
            self.gauge.SetValue(0)

    def on_read(self) -> None:
        if not self.images.items:
            show_error(self, "no screenshots", "Add at least one screenshot first.",
                       "Paste (Ctrl+V) a snip of the package drawing or the land pattern, or "
                       "add the image files.")
            return
        if self.install_problem:
            show_error(self, "ds2fp is not installed", self.install_problem,
                       "Run `python3 install.py` from the ds2fp folder, then reopen this "
                       "dialog.")
            return
        bridge = self._bridge()
        rid = bridge.new_id()
        self.current_rid = rid
        self.started_at = time.monotonic()
        self._set_reading_state(True)
        self.progress_text.SetLabel("sending...")
        self.progress_percent = None
        images, options = self.images.requests(), self.options()

        def progress(message: Dict[str, Any]) -> None:
            wx.CallAfter(self._on_progress, rid, message)

        def work():
            return bridge.call("extract", timeout_s=None, progress=progress, request_id=rid,
                               images=images, options=options)

        run_in_thread(self, work, lambda r: self._on_extracted(rid, r),
                      lambda exc: self._on_extract_failed(rid, exc), name="ds2fp-extract")
        self._pulse()

    def _pulse(self) -> None:
        if self.current_rid is not None and not self.closed:
            if getattr(self, "progress_percent", None) is None:
                self.gauge.Pulse()  # no step count yet (older daemon, queue): keep moving
            elapsed = time.monotonic() - self.started_at
            label = self.progress_text.GetLabel().split("  (")[0]
            self.progress_text.SetLabel(f"{label}  ({elapsed:.0f} s)")
            wx.CallLater(200, self._pulse)

    def _on_progress(self, rid: str, message: Dict[str, Any]) -> None:
        if rid != self.current_rid:
            return
        text, self.progress_percent = progress_label(message)
        if self.progress_percent is not None:
            self.gauge.SetValue(self.progress_percent)
        self.progress_text.SetLabel(text)

    def _on_extracted(self, rid: str, result: Dict[str, Any]) -> None:
        if rid != self.current_rid:
            return  # cancelled meanwhile
        self.current_rid = None
        self._set_reading_state(False)
        self.progress_text.SetLabel(f"read in {time.monotonic() - self.started_at:.1f} s "
                                    f"by {result.get('reader', '?')}")
        self.base = result
        self.show_payload(result, refill_edits=True)
        if result.get("footprint"):
            self.name_ctrl.SetValue(result["footprint"].get("name", ""))

    def _on_extract_failed(self, rid: str, exc: BaseException) -> None:
        if rid != self.current_rid:
            return
        self.current_rid = None
        self._set_reading_state(False)
        self.progress_text.SetLabel("reading failed")
        if isinstance(exc, BridgeCallError):
            hint = exc.hint or {
                "timeout": "The daemon did not answer in time: check it with `ds2fp status`.",
                "image_invalid": "Use PNG or JPEG screenshots.",
                "too_large": "Crop the screenshot to the drawing.",
                "busy": "The daemon's queue is full: try again in a moment.",
            }.get(exc.code, "See the daemon log for details.")
            show_error(self, f"reading failed ({exc.code})", exc.message, hint)
        else:
            show_error(self, "reading failed", str(exc), "This is a ds2fp bug: please report it.")

    def on_cancel(self) -> None:
        rid = self.current_rid
        if rid is None or self.bridge is None:
            return
        self.current_rid = None
        self._set_reading_state(False)
        self.progress_text.SetLabel("cancelled")
        bridge = self.bridge
        bridge.abandon(rid)
        run_in_thread(self, lambda: bridge.call("cancel", timeout_s=10.0, target=rid),
                      lambda r: None, lambda exc: None, name="ds2fp-cancel")

    # ---- review ----------------------------------------------------------------------------

    def show_payload(self, payload: Dict[str, Any], refill_edits: bool = False) -> None:
        self.payload = payload
        self.summary_text.SetLabel(review.summary(payload))
        doubtful = review.doubtful_pads(payload)
        message = "" if payload.get("drawing") else "No footprint: see the issues below."
        self.preview.show(payload.get("drawing"), doubtful, message)
        self._fill_list(self.values_list, review.value_rows(payload),
                        ("label", "value", "source", "on_page", "why"))
        self._fill_list(self.reading_list, review.reading_rows(payload),
                        ("label", "value", "source"))
        issues = review.issue_rows(payload)
        self.issues_list.DeleteAllItems()
        for row in issues:
            index = self.issues_list.InsertItem(self.issues_list.GetItemCount(),
                                                row["severity"])
            self.issues_list.SetItem(index, 1, row["message"])
            self.issues_list.SetItem(index, 2, row["field"])
            colour = SEVERITY_COLOURS.get(row["severity"])
            if colour is not None:
                self.issues_list.SetItemBackgroundColour(index, colour)
        counts = {s: sum(1 for r in issues if r["severity"] == s) for s in ("error", "warning")}
        self.book.SetPageText(1, f"Issues ({counts['error']} errors, {counts['warning']} "
                                 "warnings)")
        if refill_edits:
            self._fill_edits(payload)
        self._update_write_state()
        self.Layout()

    def _fill_list(self, ctrl: wx.ListCtrl, rows: List[Dict[str, Any]], keys) -> None:
        ctrl.DeleteAllItems()
        for row in rows:
            index = ctrl.InsertItem(ctrl.GetItemCount(), str(row[keys[0]]))
            for col, key in enumerate(keys[1:], start=1):
                ctrl.SetItem(index, col, str(row.get(key, "")))
            if row.get("doubtful"):
                ctrl.SetItemBackgroundColour(index, SEVERITY_COLOURS["warning"])

    def _fill_edits(self, payload: Dict[str, Any]) -> None:
        for child in list(self.edit_ctrls.values()):
            child.Destroy()
        for item in self.edit_grid.GetChildren():
            window = item.GetWindow()
            if window is not None:
                window.Destroy()
        self.edit_grid.Clear()
        self.edit_ctrls = {}
        self.fields = review.edit_fields(payload)
        if not self.fields and (payload.get("reading") or {}).get("family") == "other":
            self.edit_grid.Add(wx.StaticText(
                self, label="Pads as dimensioned: change them in the\n"
                            "reading JSON (ds2fp build reading.json)"), 0)
        for key, label, kind, current in self.fields:
            self.edit_grid.Add(wx.StaticText(self, label=label), 0, wx.ALIGN_CENTER_VERTICAL)
            text = "" if current is None else (str(int(current)) if kind == "int"
                                               else f"{current:g}")
            ctrl = wx.TextCtrl(self, value=text, size=self.FromDIP(wx.Size(80, -1)),
                               style=wx.TE_PROCESS_ENTER)
            ctrl.Bind(wx.EVT_TEXT, lambda e: self._schedule_rebuild())
            ctrl.Bind(wx.EVT_TEXT_ENTER, lambda e: self._rebuild())
            self.edit_grid.Add(ctrl, 0)
            self.edit_ctrls[key] = ctrl
        self.edit_error.SetLabel("")
        self.Layout()

    def typed_edits(self) -> Optional[Dict[str, Any]]:
        """The changed key values, or None (with the error shown) if one is unreadable."""
        typed: Dict[str, Any] = {}
        for key, label, kind, _current in self.fields:
            ctrl = self.edit_ctrls[key]
            try:
                typed[key] = review.parse_value(ctrl.GetValue(), kind)
            except ValueError as exc:
                ctrl.SetBackgroundColour(wx.Colour(255, 200, 200))
                ctrl.Refresh()
                self.edit_error.SetLabel(f"{label}: {exc}")
                return None
            ctrl.SetBackgroundColour(wx.NullColour)
            ctrl.Refresh()
        self.edit_error.SetLabel("")
        return review.changed_edits(self.fields, typed)

    def _schedule_rebuild(self) -> None:
        if self.base is not None:
            self._edit_timer.Start(EDIT_DEBOUNCE_MS)

    def on_reset_edits(self) -> None:
        if self.base is not None:
            self.show_payload(self.base, refill_edits=True)
            self._schedule_rebuild()  # the options may differ from the extract's

    def _rebuild(self) -> None:
        """Rebuild the footprint from the reading as extracted plus the typed values,
        through the same builder (on the bridge), and show it at once."""
        if self.base is None or self.closed:
            return
        edits = self.typed_edits()
        if edits is None:
            return
        self.rebuild_seq += 1
        seq = self.rebuild_seq
        reading, options = self.base["reading"], self.options()
        bridge = self._bridge()

        def work():
            return bridge.call("rebuild", timeout_s=60.0, reading=reading, edits=edits,
                               options=options)

        def done(result):
            if seq == self.rebuild_seq:
                self.show_payload(result)
                if result.get("footprint") and not self.name_ctrl.IsModified():
                    self.name_ctrl.ChangeValue(result["footprint"].get("name", ""))

        def failed(exc):
            if seq == self.rebuild_seq:
                self.edit_error.SetLabel(str(getattr(exc, "message", exc))[:200])

        run_in_thread(self, work, done, failed, name="ds2fp-rebuild")

    # ---- writing ---------------------------------------------------------------------------

    def _update_write_state(self) -> None:
        fp = (self.payload or {}).get("footprint")
        self.write_btn.Enable(bool(fp))

    def on_choose_library(self) -> None:
        start = os.path.dirname(self.lib_ctrl.GetValue()) or os.path.expanduser("~")
        with wx.DirDialog(self, "Choose a .pretty library folder, or the folder to create "
                                "one in", defaultPath=start) as dlg:
            if dlg.ShowModal() != wx.ID_OK:
                return
            path = dlg.GetPath()
        if not path.endswith(".pretty"):
            path = os.path.join(path, "ds2fp.pretty")
        self.lib_ctrl.SetValue(path)
        self.nick_ctrl.SetValue(os.path.basename(path)[:-len(".pretty")])

    def on_write(self, replace: bool = False) -> None:
        payload = self.payload or {}
        footprint = payload.get("footprint")
        if not footprint:
            show_error(self, "nothing to write", "No footprint has been built yet.",
                       "Read the screenshots first, or fix the values listed as errors.")
            return
        errors = review.blocking_errors(payload)
        if errors:
            show_error(self, "the footprint has errors", "\n".join(errors[:6]),
                       "Fix the key values on the right (the preview rebuilds at once), then "
                       "write again.")
            return
        library = self.lib_ctrl.GetValue().strip()
        if not library.endswith(".pretty"):
            show_error(self, "library folder", f"{library} does not end in .pretty",
                       "KiCad footprint libraries are folders named NAME.pretty; choose one "
                       "or type a new name ending in .pretty.")
            return
        name = self.name_ctrl.GetValue().strip() or footprint.get("name")
        nickname = self.nick_ctrl.GetValue().strip()
        register = None
        project = self.host.project_dir()
        if self.register_ctrl.GetValue() and project:
            if not nickname:
                show_error(self, "nickname", "The library needs a nickname to register it.",
                           "Type a short name, e.g. ds2fp.")
                return
            register = {"project": project, "name": nickname,
                        "descr": "footprints made by ds2fp"}
        place = self.place_ctrl.GetSelection() == 0 and self.host.can_place
        bridge = self._bridge()
        self.write_btn.Disable()

        def work():
            return bridge.call("write", timeout_s=60.0, footprint=footprint, name=name,
                               library=library, replace=replace, register=register)

        def failed(exc):
            self._update_write_state()
            if isinstance(exc, BridgeCallError) and exc.code == "exists" and not replace:
                if ask_yes_no(self, "footprint exists",
                              f"{name} already exists in {library}.\n\nReplace it? "
                              "(No keeps the file as it is.)"):
                    self.on_write(replace=True)
                else:
                    self.write_text.SetLabel("Not written: rename the footprint or choose "
                                             "another library.")
                return
            code = getattr(exc, "code", "error")
            show_error(self, f"writing failed ({code})", getattr(exc, "message", str(exc)),
                       getattr(exc, "hint", None) or "Check that the library folder is "
                                                     "writable.")

        def done(result):
            self._update_write_state()
            self.last_written = result
            text = f"Wrote {result['path']}"
            if result.get("registered"):
                text += f"; registered '{nickname}' in {result['table']}"
            elif register:
                text += f"; '{nickname}' was registered already"
            if place:
                try:
                    text += "; " + self.host.place(library, result["name"], nickname)
                except Exception as exc:  # shown with the fix; the file is written
                    show_error(self, "placing failed",
                               f"The footprint was written to {result['path']} but could not "
                               f"be placed: {exc}",
                               "Add it with the footprint tool (O) from the library "
                               f"'{nickname}'; reopen the board if KiCad does not list it.")
            self.write_text.SetLabel(text)

        run_in_thread(self, work, done, failed, name="ds2fp-write")

    # ---- closing ---------------------------------------------------------------------------

    def _on_close(self, event: wx.CloseEvent) -> None:
        self.shutdown()
        event.Skip()

    def shutdown(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.timer.Stop()
        self._edit_timer.Stop()
        if self.bridge is not None:
            self.bridge.close()
        self.images.close()


class _FileDrop(wx.FileDropTarget):
    def __init__(self, dialog: Ds2fpDialog):
        super().__init__()
        self.dialog = dialog

    def OnDropFiles(self, x: int, y: int, filenames) -> bool:  # noqa: N802 (wx API)
        wx.CallAfter(self.dialog.add_files, list(filenames))
        return True
