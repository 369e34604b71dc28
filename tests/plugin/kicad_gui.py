"""A running KiCad PCB editor under Xvfb, driven as a user would: install.py into a private
HOME, a fresh project, `pcbnew board.kicad_pcb`, the ds2fp toolbar button found on the screen
(its icon, matched in a screenshot) and clicked with xdotool, the dialog driven by the
plugin's own test driver ($DS2FP_PLUGIN_AUTO), Ctrl+S, screenshots of each step."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, Optional

REPO = Path(__file__).resolve().parents[2]
ICON = REPO / "kicad_plugin" / "icons" / "ds2fp_24.png"
KICAD_COMMON = '{"meta": {"filename": "kicad_common.json", "version": 1}}\n'
DIALOG_TITLE = "ds2fp: footprint"


def pcbnew_binary(version: str) -> str:
    """The PCB editor of that KiCad: Debian's (6), or the unpacked backports build (9)."""
    if version == "6":
        return shutil.which("pcbnew") or ""
    root = os.environ.get("DS2FP_KICAD9_ROOT", "")
    path = Path(root) / "usr" / "bin" / "pcbnew"
    return str(path) if root and path.exists() else ""


def gui_reason(version: str = "6") -> str:
    """'' when that KiCad's PCB editor can be run and clicked here, else why not."""
    for tool, package in (("Xvfb", "xvfb"), ("xdotool", "xdotool")):
        if shutil.which(tool) is None:
            return f"{tool} missing (Debian {package}; scripts/setup_dev.sh installs it)"
    if not pcbnew_binary(version):
        return ("pcbnew missing (Debian kicad)" if version == "6" else
                "KiCad 9 not unpacked (scripts/fetch_kicad9.sh; DS2FP_KICAD9_ROOT)")
    return ""


class KicadSession:
    """One PCB editor on one display, with its private HOME and project."""

    def __init__(self, root: Path, display: str, endpoint: str, shots: Path,
                 version: str = "6"):
        self.root, self.display, self.endpoint, self.shots = root, display, endpoint, shots
        self.version = version
        self.series = f"{version}.0"
        self.home = root / "home"
        self.project = root / "board"
        self.board = self.project / "board.kicad_pcb"
        self.proc: Optional[subprocess.Popen] = None
        self.window = ""
        self.times: Dict[str, float] = {}

    # -- set-up ----------------------------------------------------------------------------

    def install(self) -> str:
        """install.py into the private HOME (the plugin, its config naming the daemon)."""
        config = self.home / ".config" / "kicad" / self.series
        config.mkdir(parents=True)
        for table in ("fp-lib-table", "sym-lib-table"):  # else KiCad asks on first start
            template = Path("/usr/share/kicad/template") / table
            text = template.read_text() if template.exists() else f"({table.replace('-', '_')})\n"
            (config / table).write_text(text)
        (config / "kicad_common.json").write_text(KICAD_COMMON)  # no first-run wizard
        (self.home / ".local" / "share" / "kicad" / self.series).mkdir(parents=True)
        proc = subprocess.run([sys.executable, str(REPO / "install.py"), "--home",
                               str(self.home), "--no-venv", "--python", sys.executable,
                               "--kicad-version", self.series, "--no-ping", "--endpoint",
                               self.endpoint], capture_output=True, text=True, timeout=300)
        if proc.returncode != 0:
            raise RuntimeError(proc.stdout[-2000:] + proc.stderr[-2000:])
        return proc.stdout

    def new_project(self) -> None:
        self.project.mkdir(parents=True)
        subprocess.run(["/usr/bin/python3", "-c", "import pcbnew, sys; "
                        "pcbnew.SaveBoard(sys.argv[1], pcbnew.BOARD())", str(self.board)],
                       check=True, capture_output=True, timeout=120)

    def env(self, auto: Optional[dict] = None) -> dict:
        # PATH without a pyenv/venv first: KiCad's embedded Python takes its prefix from the
        # first python3 on PATH, and another one has no wxPython (no Python plugins then).
        env = dict(os.environ, HOME=str(self.home), DISPLAY=self.display,
                   PATH="/usr/bin:/bin",
                   XDG_CONFIG_HOME=str(self.home / ".config"),
                   XDG_DATA_HOME=str(self.home / ".local" / "share"),
                   DS2FP_CONFIG=str(self.home / ".config" / "ds2fp" / "plugin.json"))
        env.pop("DS2FP_PLUGIN_AUTO", None)
        if self.version != "6":
            root = os.environ["DS2FP_KICAD9_ROOT"]
            env["LD_LIBRARY_PATH"] = f"{root}/usr/lib/x86_64-linux-gnu"
            env["PYTHONPATH"] = f"{root}/usr/lib/python3/dist-packages"
        if auto is not None:
            path = self.root / "auto.json"
            path.write_text(json.dumps(auto))
            env["DS2FP_PLUGIN_AUTO"] = str(path)
        return env

    # -- the editor ------------------------------------------------------------------------

    def start(self, auto: dict, timeout_s: float = 90.0) -> None:
        self._env = self.env(auto)
        log = open(self.root / "pcbnew.log", "ab")
        started = time.monotonic()
        self.proc = subprocess.Popen([pcbnew_binary(self.version), str(self.board)],
                                     env=self._env, stdout=log, stderr=subprocess.STDOUT)
        while time.monotonic() - started < timeout_s:
            self.window = self.xdo("search", "--name", "PCB Editor").split("\n")[0]
            if self.window:
                break
            if self.proc.poll() is not None:
                raise RuntimeError("pcbnew exited: " + self.log_tail())
            time.sleep(0.3)
        else:
            raise RuntimeError("no PCB Editor window: " + self.log_tail())
        self.times["start_s"] = round(time.monotonic() - started, 1)
        time.sleep(3.0)  # toolbars and plugins load after the frame shows
        self.dismiss_notices()

    def dismiss_notices(self) -> None:
        """Close KiCad's message boxes over the editor (KiCad 9 unpacked outside /usr says
        its API schema file is missing): Return on each visible "KiCad PCB Editor Error",
        "... Warning" or "... Message" window of this pcbnew."""
        for _ in range(5):
            visible = self.xdo("search", "--onlyvisible", "--pid", str(self.proc.pid), "")
            others = [w for w in visible.split() if self.xdo("getwindowname", w).endswith(
                ("Error", "Warning", "Message"))]
            if not others:
                return
            for w in others:
                self.xdo("windowactivate", "--sync", w)
                self.xdo("key", "--window", w, "Return")
            time.sleep(0.8)

    def xdo(self, *args: str) -> str:
        return subprocess.run(["xdotool", *args], env=self._env, capture_output=True,
                              text=True, timeout=30).stdout.strip()

    def shot(self, name: str) -> Path:
        from PIL import ImageGrab

        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"{name}.png"
        ImageGrab.grab(xdisplay=self.display).save(path)
        return path

    def find_button(self):
        """(x, y, separation) of the ds2fp icon on the editor's toolbars: the best match
        and how much better it is than the 50th best place (a hover highlight or another
        toolbar colour shifts the mismatch, not the separation)."""
        import numpy as np
        from numpy.lib.stride_tricks import sliding_window_view
        from PIL import Image, ImageGrab

        screen = np.asarray(ImageGrab.grab(xdisplay=self.display).convert("RGB"),
                            dtype=np.float32)[:140]
        icon = np.asarray(Image.open(ICON).convert("RGBA"), dtype=np.float32)
        alpha = icon[..., 3:4] / 255.0
        background = screen[4, 4]
        expected = icon[..., :3] * alpha + background * (1.0 - alpha)
        windows = sliding_window_view(screen, expected.shape)[:, :, 0]
        mismatch = np.abs(windows - expected).mean(axis=(2, 3, 4))
        y, x = np.unravel_index(mismatch.argmin(), mismatch.shape)
        h, w = expected.shape[:2]
        runner_up = float(np.partition(mismatch.ravel(), 50)[50])
        return int(x + w // 2), int(y + h // 2), runner_up / max(float(mismatch.min()), 1e-3)

    def click_button(self) -> str:
        """Click the ds2fp button; the dialog's window id (waits for it). A notice that
        came up late would hold the click, so notices go first."""
        self.dismiss_notices()
        self.xdo("mousemove", "--sync", "700", "400")  # off the toolbars: no hover highlight
        time.sleep(0.5)
        x, y, separation = self.find_button()
        if separation < 2.0:
            raise RuntimeError(f"no ds2fp button on the toolbar (best match only "
                               f"{separation:.1f}x better than elsewhere)")
        self.xdo("mousemove", "--sync", str(x), str(y))
        time.sleep(0.3)
        clicked = time.monotonic()
        self.xdo("click", "1")
        while time.monotonic() - clicked < 30:
            dialog = self.xdo("search", "--name", DIALOG_TITLE)
            if dialog:
                self.times["click_to_dialog_s"] = round(time.monotonic() - clicked, 2)
                self.times["button_at"] = [x, y]
                return dialog
            time.sleep(0.1)
        raise RuntimeError("the ds2fp dialog did not open: " + self.log_tail())

    def find_text(self, words: str, region=None):
        """Centre (x, y) of the first text run holding `words` on the screen (OCR, the same
        engine the OCR reader uses), or None."""
        from PIL import ImageGrab

        from daemon.ocr.engine import OcrEngine

        if getattr(self, "_ocr", None) is None:
            self._ocr = OcrEngine()
        image = ImageGrab.grab(xdisplay=self.display)
        x0, y0 = (region[0], region[1]) if region else (0, 0)
        if region:
            image = image.crop(region)
        for token in self._ocr.read(image).tokens:
            if words.lower() in token.text.lower():
                return int(x0 + token.cx), int(y0 + token.cy)
        return None

    def wait_for_text(self, words: str, timeout_s: float, region=None):
        """find_text, polled: a menu on a loaded machine opens a second or more late."""
        started = time.monotonic()
        while True:
            found = self.find_text(words, region=region)
            if found is not None or time.monotonic() - started > timeout_s:
                return found
            time.sleep(0.5)

    def open_external_plugins_menu(self, tries: int = 3) -> str:
        """Tools > External Plugins, as a user opens it; the text of the ds2fp entry. A
        click that found no menu (a late notice over the editor, a busy machine) is tried
        again after Escape; the screen of each miss is kept beside the other screenshots."""
        for attempt in range(1, tries + 1):
            self.dismiss_notices()
            self.xdo("windowactivate", "--sync", self.window)
            tools = self.wait_for_text("Tools", 10.0, region=(0, 0, 800, 30))
            if tools is None:
                self.shot(f"menu_miss_{attempt}_no_tools")
                continue
            self.xdo("mousemove", "--sync", str(tools[0]), str(tools[1]))
            self.xdo("click", "1")
            external = self.wait_for_text("External Plugins", 8.0)
            if external is None:
                self.shot(f"menu_miss_{attempt}_no_external_plugins")
                self.close_menus()
                continue
            self.xdo("mousemove", "--sync", str(external[0]), str(external[1]))
            entry = self.wait_for_text("ds2fp", 8.0)  # the submenu opens on hover
            return "" if entry is None else "ds2fp"
        raise RuntimeError(f"no Tools > External Plugins menu after {tries} tries "
                           f"(screens: {self.shots}/menu_miss_*.png)")

    def close_menus(self) -> None:
        for _ in range(3):
            self.xdo("key", "Escape")
            time.sleep(0.3)

    def wait_closed(self, timeout_s: float = 180.0) -> None:
        started = time.monotonic()
        while time.monotonic() - started < timeout_s:
            if not self.xdo("search", "--name", DIALOG_TITLE):
                return
            time.sleep(0.3)
        raise RuntimeError("the ds2fp dialog stayed open")

    def save(self) -> None:
        self.xdo("windowactivate", "--sync", self.window)
        time.sleep(0.3)
        before = self.board.stat().st_mtime
        self.xdo("key", "--window", self.window, "ctrl+s")
        started = time.monotonic()
        while time.monotonic() - started < 20 and self.board.stat().st_mtime == before:
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def log_tail(self) -> str:
        path = self.root / "pcbnew.log"
        return path.read_text(errors="replace")[-1500:] if path.exists() else ""
