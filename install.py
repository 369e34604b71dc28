#!/usr/bin/env python3
"""Install ds2fp for KiCad 6-10 on Linux, Windows or macOS (standard library only, Python 3.9+).

    python3 install.py                 # plugin into every KiCad found + the daemon's venv
    python3 install.py --dev           # symlink the plugin to this checkout instead of copying
    python3 install.py --service       # also start the daemon at login (systemd / launchd /
                                       # Windows Startup folder)
    python3 install.py --check         # what is installed where; does the daemon answer?
    python3 install.py --uninstall     # remove everything this script installed

The plugin runs in KiCad's own Python, which has wx and pcbnew but none of ds2fp's
dependencies; it talks to ds2fp through `<venv python> -m daemon.cli plugin-rpc`, and this
script records that Python in ds2fp's config file (kicad_plugin/config.py). The venv gets a
CUDA build of torch where `nvidia-smi` finds an NVIDIA GPU, else the CPU build.

For tests and unusual set-ups: `--home DIR` (a fake home; nothing outside it is touched),
`--platform linux|win32|darwin`, `--kicad-version 8.0` (repeatable), `--no-venv` with
`--python PATH` (use an existing environment), `--dry-run` (print, change nothing).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

REPO = Path(__file__).resolve().parent
sys.path.insert(0, str(REPO))
from kicad_plugin.config import (  # noqa: E402  (the repo must be importable first)
    DEFAULT_ENDPOINT,
    PluginConfig,
    config_dir,
    config_path,
    save_config,
)

PLUGIN_SOURCE = REPO / "kicad_plugin"
PLUGIN_DIR_NAME = "ds2fp_kicad"  # the package name inside KiCad's plugin folders
KICAD_VERSIONS = ("6.0", "7.0", "8.0", "9.0", "10.0")
SERVICE_NAME = "ds2fp.service"
LAUNCHD_LABEL = "org.ds2fp.daemon"
STARTUP_SCRIPT = "ds2fp-daemon.cmd"
MANIFEST = "install-manifest.json"
TORCH_INDEX = {"cuda": "https://download.pytorch.org/whl/cu128",
               "cpu": "https://download.pytorch.org/whl/cpu"}
PLUGIN_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo")


class Layout:
    """Where things live for one user on one platform (all derived from home + environ)."""

    def __init__(self, home: Path, platform: str, environ: Dict[str, str], fake_home: bool):
        self.home = home
        self.platform = platform
        self.env = environ
        self.fake = fake_home  # never read the real environment's folders

    def _env(self, key: str) -> Optional[str]:
        return None if self.fake else self.env.get(key)

    # KiCad's folders ------------------------------------------------------------------------

    def kicad_config_roots(self) -> List[Path]:
        """Folders holding <version>/ subfolders of KiCad's user settings."""
        h = self.home
        if self.platform.startswith("win"):
            return [Path(self._env("APPDATA") or h / "AppData" / "Roaming") / "kicad"]
        if self.platform == "darwin":
            return [h / "Library" / "Preferences" / "kicad"]
        roots = [Path(self._env("XDG_CONFIG_HOME") or h / ".config") / "kicad"]
        roots.append(h / ".var" / "app" / "org.kicad.KiCad" / "config" / "kicad")  # flatpak
        return roots

    def kicad_documents_roots(self) -> List[Path]:
        """Folders holding <version>/scripting/plugins and <version>/3rdparty (documents)."""
        h = self.home
        if self.platform.startswith("win"):
            docs = [h / "Documents" / "KiCad"]
            onedrive = self._env("OneDrive")
            if onedrive:
                docs.append(Path(onedrive) / "Documents" / "KiCad")
            return docs
        if self.platform == "darwin":
            return [h / "Documents" / "KiCad"]
        return [Path(self._env("XDG_DATA_HOME") or h / ".local" / "share") / "kicad",
                h / ".var" / "app" / "org.kicad.KiCad" / "data" / "kicad"]

    # ds2fp's folders -----------------------------------------------------------------------

    def data_dir(self) -> Path:
        h = self.home
        if self.platform.startswith("win"):
            return Path(self._env("LOCALAPPDATA") or h / "AppData" / "Local") / "ds2fp"
        if self.platform == "darwin":
            return h / "Library" / "Application Support" / "ds2fp"
        return Path(self._env("XDG_DATA_HOME") or h / ".local" / "share") / "ds2fp"

    def config_dir(self) -> Path:
        return config_dir(self.home, self.platform, {} if self.fake else self.env)

    def config_file(self) -> Path:
        if self.fake:
            return config_dir(self.home, self.platform, {}) / "plugin.json"
        return config_path(None, self.platform, self.env)

    def venv_python(self) -> Path:
        venv = self.data_dir() / "venv"
        if self.platform.startswith("win"):
            return venv / "Scripts" / "python.exe"
        return venv / "bin" / "python"

    def service_file(self) -> Path:
        h = self.home
        if self.platform.startswith("win"):
            appdata = Path(self._env("APPDATA") or h / "AppData" / "Roaming")
            return appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup" \
                / STARTUP_SCRIPT
        if self.platform == "darwin":
            return h / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"
        return Path(self._env("XDG_CONFIG_HOME") or h / ".config") / "systemd" / "user" \
            / SERVICE_NAME


# --- finding KiCad -------------------------------------------------------------------------

def installed_kicad_versions(layout: Layout) -> Dict[str, str]:
    """version -> where it was seen: a settings folder KiCad made on first start, or (real
    machine only) an installed program."""
    found: Dict[str, str] = {}
    for root in layout.kicad_config_roots() + layout.kicad_documents_roots():
        for version in KICAD_VERSIONS:
            if (root / version).is_dir():
                found.setdefault(version, str(root / version))
    if not layout.fake:
        for version, where in system_kicad_installs(layout.platform).items():
            found.setdefault(version, where)
    return found


def system_kicad_installs(platform: str) -> Dict[str, str]:
    """KiCad programs installed system-wide, by version (best effort, no KiCad started)."""
    found: Dict[str, str] = {}
    if platform.startswith("win"):
        for base in (os.environ.get("ProgramFiles", r"C:\Program Files"),
                     os.environ.get("ProgramW6432", r"C:\Program Files")):
            for version in KICAD_VERSIONS:
                exe = Path(base) / "KiCad" / version / "bin" / "kicad.exe"
                if exe.exists():
                    found[version] = str(exe)
    elif platform == "darwin":
        for app in sorted(Path("/Applications").glob("KiCad*/KiCad.app")):
            plist = app / "Contents" / "Info.plist"
            version = _plist_version(plist)
            if version:
                found[version] = str(app)
    else:
        pcbnew = _debian_pcbnew_version()
        if pcbnew:
            found[pcbnew] = "/usr/bin/kicad"
    return found


def _plist_version(plist: Path) -> Optional[str]:
    try:
        import plistlib

        with plist.open("rb") as handle:
            short = str(plistlib.load(handle).get("CFBundleShortVersionString", ""))
    except (OSError, ValueError):
        return None
    major = short.split(".")[0]
    return f"{major}.0" if f"{major}.0" in KICAD_VERSIONS else None


def _debian_pcbnew_version() -> Optional[str]:
    """The packaged KiCad's major version from its share folder's version file or dpkg."""
    if not Path("/usr/bin/kicad").exists() and not Path("/usr/bin/pcbnew").exists():
        return None
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "kicad"],
                             capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired):
        out = ""
    major = out.split(":")[-1].split(".")[0] if out else ""
    return f"{major}.0" if f"{major}.0" in KICAD_VERSIONS else None


def plugin_targets(layout: Layout, versions: List[str]) -> List[Path]:
    """The user plugin folder of each KiCad version: <documents>/<ver>/scripting/plugins
    (the folder KiCad documents for user plugins; its config-folder twin is also scanned)."""
    docs = layout.kicad_documents_roots()
    targets = []
    for version in versions:
        # prefer a documents root that KiCad already uses for this version
        root = next((r for r in docs if (r / version).is_dir()), docs[0])
        targets.append(root / version / "scripting" / "plugins" / PLUGIN_DIR_NAME)
    return targets


def all_plugin_locations(layout: Layout) -> List[Path]:
    """Every place a ds2fp plugin may sit (for --check and --uninstall), PCM folder too."""
    places = []
    for root in layout.kicad_documents_roots() + layout.kicad_config_roots():
        for version in KICAD_VERSIONS:
            places.append(root / version / "scripting" / "plugins" / PLUGIN_DIR_NAME)
    return places


def pcm_installs(layout: Layout) -> List[Path]:
    """ds2fp installed through KiCad's Plugin and Content Manager (3rdparty/plugins)."""
    found = []
    for root in layout.kicad_documents_roots():
        for version in KICAD_VERSIONS:
            third = root / version / "3rdparty" / "plugins"
            if third.is_dir():
                found += [p for p in third.iterdir() if "ds2fp" in p.name]
    return found


# --- actions -------------------------------------------------------------------------------

class Installer:
    def __init__(self, layout: Layout, dry_run: bool = False, out=print):
        self.layout = layout
        self.dry = dry_run
        self.out = out
        self.manifest: Dict[str, List[str]] = {"plugins": [], "files": [], "dirs": [],
                                               "created_dirs": []}

    def say(self, text: str) -> None:
        self.out(("[dry-run] " if self.dry else "") + text)

    def run(self, command: List[str], check: bool = True) -> int:
        self.say("$ " + " ".join(str(c) for c in command))
        if self.dry:
            return 0
        proc = subprocess.run([str(c) for c in command])
        if check and proc.returncode != 0:
            raise SystemExit(f"install.py: command failed ({proc.returncode}): "
                             f"{' '.join(str(c) for c in command)}")
        return proc.returncode

    # plugin ---------------------------------------------------------------------------------

    def install_plugin(self, target: Path, dev: bool) -> None:
        if target.is_symlink() or target.exists():
            self.remove_path(target)
        self.say(f"{'link' if dev else 'copy'} plugin -> {target}")
        self.manifest["plugins"].append(str(target))
        self.mkdirs(target.parent)
        if self.dry:
            return
        if dev:
            try:
                os.symlink(str(PLUGIN_SOURCE), str(target), target_is_directory=True)
                return
            except OSError as exc:  # Windows without developer mode: copy instead
                self.say(f"cannot symlink ({exc}); copying instead")
        shutil.copytree(str(PLUGIN_SOURCE), str(target), ignore=PLUGIN_IGNORE)

    def mkdirs(self, folder: Path) -> None:
        """mkdir -p, remembering each folder it creates (uninstall removes them if empty)."""
        missing = []
        probe = folder
        while not probe.exists() and probe != probe.parent:
            missing.append(str(probe))
            probe = probe.parent
        for name in missing:
            if name not in self.manifest["created_dirs"]:
                self.manifest["created_dirs"].append(name)
        if not self.dry:
            folder.mkdir(parents=True, exist_ok=True)

    def remove_path(self, path: Path) -> None:
        self.say(f"remove {path}")
        if self.dry:
            return
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(str(path))

    # daemon environment --------------------------------------------------------------------

    def make_venv(self, base_python: str, gpu: str, extras: str) -> Path:
        venv_python = self.layout.venv_python()
        venv = venv_python.parent.parent
        if not venv_python.exists():
            self.run([base_python, "-m", "venv", str(venv)])
            self.manifest["dirs"].append(str(venv))
        else:
            self.say(f"venv exists: {venv}")
            self.manifest["dirs"].append(str(venv))
        if not self.dry:
            (venv / "ds2fp-venv.json").write_text(json.dumps({"made_by": "ds2fp install.py"}))
        self.run([venv_python, "-m", "pip", "install", "-q", "--upgrade", "pip"])
        self.run([venv_python, "-m", "pip", "install", "-q", "torch", "--index-url",
                  TORCH_INDEX[gpu]])
        self.run([venv_python, "-m", "pip", "install", "-q", f"{REPO}[{extras}]"])
        return venv_python

    # service --------------------------------------------------------------------------------

    def install_service(self, python: str, serve_args: List[str], start_now: bool
                        ) -> List[str]:
        """Start the daemon at login; returns the command the plugin's Start button runs."""
        target = self.layout.service_file()
        serve = [python, "-m", "daemon.cli", "serve"] + serve_args
        log = self.layout.data_dir() / "daemon.log"
        plat = self.layout.platform
        if plat.startswith("win"):
            pythonw = str(Path(python).with_name("pythonw.exe"))
            text = ("@echo off\r\nrem ds2fp daemon, started at login (install.py --service)\r\n"
                    f'start "ds2fp" /min "{pythonw}" -m daemon.cli serve '
                    + " ".join(serve_args) + "\r\n")
            start = ["cmd", "/c", str(target)]
        elif plat == "darwin":
            args = "".join(f"    <string>{a}</string>\n" for a in serve)
            text = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC '
                    '"-//Apple//DTD PLIST 1.0//EN" '
                    '"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">'
                    f"\n<dict>\n  <key>Label</key><string>{LAUNCHD_LABEL}</string>\n"
                    f"  <key>ProgramArguments</key>\n  <array>\n{args}  </array>\n"
                    "  <key>RunAtLoad</key><true/>\n  <key>KeepAlive</key><false/>\n"
                    f"  <key>StandardErrorPath</key><string>{log}</string>\n"
                    f"  <key>StandardOutPath</key><string>{log}</string>\n</dict>\n</plist>\n")
            start = ["launchctl", "start", LAUNCHD_LABEL]
        else:
            text = ("[Unit]\nDescription=ds2fp datasheet-to-footprint daemon\n"
                    "After=default.target\n\n[Service]\n"
                    f"ExecStart={' '.join(_quote(a) for a in serve)}\n"
                    "Restart=on-failure\nRestartSec=5\n\n[Install]\nWantedBy=default.target\n")
            start = ["systemctl", "--user", "start", SERVICE_NAME]
        self.say(f"write {target}")
        self.manifest["files"].append(str(target))
        self.mkdirs(target.parent)
        if not self.dry:
            target.write_text(text, encoding="utf-8")
        if start_now:
            if plat.startswith("linux") and shutil.which("systemctl"):
                self.run(["systemctl", "--user", "daemon-reload"], check=False)
                self.run(["systemctl", "--user", "enable", "--now", SERVICE_NAME], check=False)
            elif plat == "darwin":
                self.run(["launchctl", "load", "-w", str(target)], check=False)
        return start

    def remove_service(self, stop: bool) -> None:
        target = self.layout.service_file()
        if not (target.exists() or target.is_symlink()):
            return
        if stop:
            plat = self.layout.platform
            if plat.startswith("linux") and shutil.which("systemctl"):
                self.run(["systemctl", "--user", "disable", "--now", SERVICE_NAME], check=False)
            elif plat == "darwin":
                self.run(["launchctl", "unload", "-w", str(target)], check=False)
        self.remove_path(target)

    def write_manifest(self) -> None:
        path = self.layout.config_dir() / MANIFEST
        self.say(f"write {path}")
        self.mkdirs(path.parent)
        if not self.dry:
            previous = _read_manifest(path)
            for key, values in previous.items():  # a re-install keeps what it recorded
                merged = list(values) + [v for v in self.manifest.get(key, [])
                                         if v not in values]
                self.manifest[key] = merged
            path.write_text(json.dumps(self.manifest, indent=2), encoding="utf-8")


def _read_manifest(path: Path) -> Dict[str, List[str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: [str(x) for x in v] for k, v in data.items() if isinstance(v, list)}


def _quote(arg: str) -> str:
    return f'"{arg}"' if any(c in arg for c in ' "\\') else arg


def detect_gpu() -> str:
    """'cuda' when nvidia-smi lists a GPU, else 'cpu'."""
    smi = shutil.which("nvidia-smi")
    if not smi:
        return "cpu"
    try:
        out = subprocess.run([smi, "-L"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return "cpu"
    return "cuda" if out.returncode == 0 and "GPU" in out.stdout else "cpu"


# --- commands ------------------------------------------------------------------------------

def cmd_install(args, layout: Layout, out=print) -> int:
    inst = Installer(layout, args.dry_run, out)
    versions = args.kicad_version or sorted(installed_kicad_versions(layout),
                                            key=lambda v: float(v))
    if not versions:
        out("install.py: no KiCad 6-10 found (no settings folder and no program). Start "
            "KiCad once, or name the version: --kicad-version 9.0")
        return 1
    for target in plugin_targets(layout, versions):
        inst.install_plugin(target, args.dev)
    for pcm in pcm_installs(layout):
        out(f"note: ds2fp is also installed by KiCad's Plugin and Content Manager ({pcm}); "
            "remove one of the two, or KiCad shows two ds2fp buttons")
    if args.no_venv:
        python = args.python or sys.executable
        out(f"using the existing Python {python} (no venv)")
    else:
        gpu = args.torch or detect_gpu()
        out(f"torch build: {gpu}" + (" (nvidia-smi found a GPU)" if gpu == "cuda" else ""))
        python = str(inst.make_venv(args.python or sys.executable, gpu, args.extras))
    serve_args = daemon_serve_args(args, gpu=None if args.no_venv else gpu, out=out)
    start = [python, "-m", "daemon.cli", "serve"] + serve_args
    if args.service:
        start = inst.install_service(python, serve_args, start_now=not layout.fake
                                     and not args.dry_run)
    bridge_args = []
    env = {}
    if args.dev:
        env["PYTHONPATH"] = str(REPO)  # the checkout, not a copy in site-packages
    config = PluginConfig(python=python, endpoint=args.endpoint, bridge_args=bridge_args,
                          env=env, start_command=start,
                          log_dir=str(layout.data_dir() / "logs"))
    target = layout.config_file()
    inst.say(f"write {target}")
    inst.manifest["files"].append(str(target))
    inst.mkdirs(target.parent)
    if not args.dry_run:
        save_config(config, target)
    inst.write_manifest()
    out("done. Restart KiCad's PCB editor; the ds2fp button is on its toolbar "
        "(Tools > External Plugins if not).")
    return 0


def cmd_uninstall(args, layout: Layout, out=print) -> int:
    inst = Installer(layout, args.dry_run, out)
    manifest_path = layout.config_dir() / MANIFEST
    manifest = _read_manifest(manifest_path)
    for place in sorted(set(manifest.get("plugins", [])) | {
            str(p) for p in all_plugin_locations(layout) if p.exists() or p.is_symlink()}):
        path = Path(place)
        if path.exists() or path.is_symlink():
            inst.remove_path(path)
    inst.remove_service(stop=not layout.fake)
    for name in manifest.get("dirs", []):
        path = Path(name)
        if (path / "ds2fp-venv.json").exists():  # only a venv this script made
            inst.remove_path(path)
    for name in manifest.get("files", []) + [str(layout.config_file()), str(manifest_path)]:
        path = Path(name)
        if path.exists() or path.is_symlink():
            inst.remove_path(path)
    created = sorted(set(manifest.get("created_dirs", [])), key=len, reverse=True)
    for name in created + [str(layout.data_dir() / "logs"), str(layout.data_dir()),
                           str(layout.config_dir())]:
        folder = Path(name)
        if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()) \
                and not args.dry_run:
            folder.rmdir()  # only empty folders this script made (or ds2fp's own)
    for pcm in pcm_installs(layout):
        out(f"note: {pcm} was installed by KiCad's Plugin and Content Manager; remove it "
            "there")
    out("ds2fp removed.")
    return 0


def check_report(layout: Layout, ping: bool = True) -> Tuple[bool, List[str]]:
    """(usable, lines): KiCad versions, plugin folders, config, Python, daemon."""
    lines = []
    ok = True
    versions = installed_kicad_versions(layout)
    lines.append("KiCad: " + (", ".join(f"{v} ({w})" for v, w in sorted(versions.items()))
                              or "none found"))
    plugins = [p for p in all_plugin_locations(layout) if p.exists() or p.is_symlink()]
    plugins += pcm_installs(layout)
    for p in plugins:
        kind = f"link -> {os.readlink(str(p))}" if p.is_symlink() else "copy"
        complete = (p / "__init__.py").exists() and (p / "action.py").exists()
        lines.append(f"plugin: {p} ({kind}{'' if complete else ', INCOMPLETE'})")
        ok = ok and complete
    if not plugins:
        lines.append("plugin: not installed in any KiCad plugin folder")
        ok = False
    cfg_file = layout.config_file()
    if not cfg_file.exists():
        lines.append(f"config: {cfg_file} missing (run install.py)")
        return False, lines
    data = json.loads(cfg_file.read_text(encoding="utf-8"))
    python = data.get("python", "")
    lines.append(f"config: {cfg_file}")
    lines.append(f"python: {python}")
    env = dict(os.environ)
    env.update(data.get("env") or {})
    try:
        probe = subprocess.run([python, "-c", "import daemon.cli, schemas, footprint_writer; "
                                "print('ok')"], capture_output=True, text=True, timeout=60,
                               env=env)
        usable = probe.returncode == 0
        why = probe.stderr.strip().splitlines()[-1:] if not usable else []
    except (OSError, subprocess.TimeoutExpired) as exc:
        usable, why = False, [str(exc)]
    lines.append("ds2fp in that Python: " + ("importable" if usable else
                                             f"NOT importable {' '.join(why)}"))
    ok = ok and usable
    service = layout.service_file()
    lines.append(f"service: {service if service.exists() else 'not installed'}")
    if ping and usable:
        try:
            status = subprocess.run([python, "-m", "daemon.cli", "status", "--connect",
                                     data.get("endpoint") or DEFAULT_ENDPOINT, "--timeout",
                                     "1"], capture_output=True, text=True, timeout=60, env=env)
            answer = (status.stdout.strip().splitlines() or [""])[0] if status.returncode == 0 \
                else "not answering (start it with the plugin's Start button or `ds2fp serve`)"
        except (OSError, subprocess.TimeoutExpired) as exc:
            answer = f"cannot ask: {exc}"
        lines.append(f"daemon: {answer}")
    return ok, lines


def cmd_check(args, layout: Layout, out=print) -> int:
    ok, lines = check_report(layout, ping=not args.no_ping)
    for line in lines:
        out(line)
    out("ok" if ok else "problems found: run `python3 install.py` to repair")
    return 0 if ok else 1


DEFAULT_MODEL = "Qwen/Qwen3-VL-4B-Instruct"


def daemon_serve_args(args, gpu: Optional[str], out) -> List[str]:
    """`ds2fp serve` arguments for the service and the plugin's Start button.

    The daemon's own default (`--reader auto`) serves a downloaded model, else the CPU OCR
    reader. On a CUDA machine the user installs for the model, so it is named explicitly
    (downloaded on the daemon's first start); `--model` names another one."""
    serve_args = list(args.serve_arg or [])
    chosen = any(a in ("--model", "--reader") or a.startswith(("--model=", "--reader="))
                 for a in serve_args)
    model = args.model or (DEFAULT_MODEL if gpu == "cuda" and not chosen else None)
    if model and not chosen:
        serve_args += ["--model", model]
        out(f"the daemon serves {model} (downloaded on its first start if not present)")
    elif not chosen:
        out("the daemon serves the CPU OCR reader until a model is configured "
            "(install.py --model ID_OR_FOLDER)")
    return serve_args


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="install.py", description=__doc__.split("\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog=__doc__.split("\n", 1)[1])
    action = p.add_mutually_exclusive_group()
    action.add_argument("--check", action="store_true", help="report what is installed")
    action.add_argument("--uninstall", action="store_true", help="remove everything")
    p.add_argument("--dev", action="store_true", help="symlink the plugin to this checkout")
    p.add_argument("--service", action="store_true", help="start the daemon at login")
    p.add_argument("--no-venv", action="store_true", help="use --python as it is")
    p.add_argument("--python", help="base Python for the venv (or the Python to use with "
                                    "--no-venv); default: this one")
    p.add_argument("--torch", choices=("cuda", "cpu"), help="override the GPU detection")
    p.add_argument("--extras", default="daemon,ocr", help="ds2fp extras for the venv")
    p.add_argument("--endpoint", default=DEFAULT_ENDPOINT, help="daemon endpoint")
    p.add_argument("--model", help="checkpoint the daemon serves (hub id or local folder); "
                                   f"default {DEFAULT_MODEL} on a CUDA machine, the CPU OCR "
                                   "reader elsewhere")
    p.add_argument("--serve-arg", action="append", metavar="ARG",
                   help="argument for `ds2fp serve` in the service (repeatable)")
    p.add_argument("--kicad-version", action="append", choices=KICAD_VERSIONS,
                   help="install for this KiCad version (repeatable); default: those found")
    p.add_argument("--home", help="a different home folder (tests): nothing outside it is "
                                  "touched and no service is started")
    p.add_argument("--platform", choices=("linux", "win32", "darwin"),
                   help="folder layout of this platform (default: this machine's)")
    p.add_argument("--dry-run", action="store_true", help="print what would be done")
    p.add_argument("--no-ping", action="store_true", help="--check without asking the daemon")
    return p.parse_args(argv)


def main(argv: Optional[List[str]] = None, out=print) -> int:
    args = parse_args(argv)
    platform = args.platform or ("linux" if sys.platform.startswith("linux") else sys.platform)
    home = Path(args.home).resolve() if args.home else Path.home()
    layout = Layout(home, platform, dict(os.environ), fake_home=bool(args.home))
    if args.check:
        return cmd_check(args, layout, out)
    if args.uninstall:
        return cmd_uninstall(args, layout, out)
    return cmd_install(args, layout, out)


if __name__ == "__main__":
    sys.exit(main())
