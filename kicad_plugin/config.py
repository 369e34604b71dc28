"""Where the plugin finds ds2fp: a small JSON file install.py writes (standard library only).

KiCad's Python cannot import ds2fp's dependencies, so the plugin runs ds2fp's own Python
(the daemon's venv) as a bridge process. This file records that Python, the daemon endpoint
and how to start the daemon. `DS2FP_CONFIG` overrides the location (tests, several installs).
"""

import json
import os
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

CONFIG_ENV = "DS2FP_CONFIG"
DEFAULT_ENDPOINT = "tcp://127.0.0.1:5557"


def config_dir(home: Optional[Path] = None, platform: Optional[str] = None,
               environ: Optional[Dict[str, str]] = None) -> Path:
    """ds2fp's per-user folder: %APPDATA%\\ds2fp, ~/Library/Application Support/ds2fp,
    $XDG_CONFIG_HOME/ds2fp (or ~/.config/ds2fp)."""
    env = os.environ if environ is None else environ
    plat = platform or sys.platform
    base = Path(home) if home is not None else Path.home()
    if plat.startswith("win"):
        appdata = env.get("APPDATA") if home is None else None
        return Path(appdata or base / "AppData" / "Roaming") / "ds2fp"
    if plat == "darwin":
        return base / "Library" / "Application Support" / "ds2fp"
    xdg = env.get("XDG_CONFIG_HOME") if home is None else None
    return Path(xdg or base / ".config") / "ds2fp"


def config_path(home: Optional[Path] = None, platform: Optional[str] = None,
                environ: Optional[Dict[str, str]] = None) -> Path:
    env = os.environ if environ is None else environ
    if env.get(CONFIG_ENV) and home is None:
        return Path(env[CONFIG_ENV])
    return config_dir(home, platform, environ) / "plugin.json"


class PluginConfig:
    """The recorded install: `python` runs `-m daemon.cli plugin-rpc`; `start_command`
    starts the daemon (empty when it is not installed here)."""

    def __init__(self, python: str = "", endpoint: str = DEFAULT_ENDPOINT,
                 bridge_args: Optional[List[str]] = None, env: Optional[Dict[str, str]] = None,
                 start_command: Optional[List[str]] = None, log_dir: str = "",
                 path: Optional[Path] = None):
        self.python = python
        self.endpoint = endpoint
        self.bridge_args = list(bridge_args or [])
        self.env = dict(env or {})
        self.start_command = list(start_command or [])
        self.log_dir = log_dir
        self.path = path

    @property
    def installed(self) -> bool:
        return bool(self.python) and Path(self.python).exists()

    def bridge_command(self) -> List[str]:
        args = list(self.bridge_args)
        if "--in-process" not in args and "--connect" not in args:
            args = ["--connect", self.endpoint] + args
        return [self.python, "-m", "daemon.cli", "plugin-rpc"] + args

    def to_dict(self) -> Dict[str, Any]:
        return {"python": self.python, "endpoint": self.endpoint,
                "bridge_args": self.bridge_args, "env": self.env,
                "start_command": self.start_command, "log_dir": self.log_dir}

    @classmethod
    def from_dict(cls, data: Dict[str, Any], path: Optional[Path] = None) -> "PluginConfig":
        return cls(python=str(data.get("python", "")),
                   endpoint=str(data.get("endpoint") or DEFAULT_ENDPOINT),
                   bridge_args=[str(a) for a in data.get("bridge_args") or []],
                   env={str(k): str(v) for k, v in (data.get("env") or {}).items()},
                   start_command=[str(a) for a in data.get("start_command") or []],
                   log_dir=str(data.get("log_dir", "")), path=path)


class ConfigError(Exception):
    """The config file exists but cannot be used; the message says how to repair it."""


def load_config(path: Optional[Path] = None) -> Optional[PluginConfig]:
    """The recorded config, None if ds2fp was never installed for this user."""
    target = Path(path) if path is not None else config_path()
    if not target.exists():
        return None
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{target} is unreadable ({exc}); run `python3 install.py` "
                          "again to rewrite it") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{target} is not a JSON object; run `python3 install.py` again")
    return PluginConfig.from_dict(data, path=target)


def save_config(config: PluginConfig, path: Optional[Path] = None) -> Path:
    """Write atomically (temp file + replace), creating the folder."""
    target = Path(path) if path is not None else (config.path or config_path())
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps(config.to_dict(), indent=2) + "\n", encoding="utf-8")
    os.replace(str(tmp), str(target))
    return target
