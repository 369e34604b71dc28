"""From the recorded install (config.py) to a bridge the dialog can use (no wx here)."""

import os
from typing import Callable, Dict, List, Optional, Tuple

from .bridge import BridgeClient
from .config import ConfigError, PluginConfig, config_path, load_config


def read_install(path: Optional[str] = None) -> Tuple[Optional[PluginConfig], Optional[str]]:
    """(config, None) when ds2fp is usable, else (config or None, what is wrong + the fix)."""
    try:
        config = load_config(path)
    except ConfigError as exc:
        return None, str(exc)
    if config is None:
        return None, (f"no ds2fp install recorded ({config_path()} is missing): run "
                      "`python3 install.py` in the ds2fp folder")
    if not config.installed:
        return config, (f"the ds2fp Python {config.python or '(none)'} is missing: run "
                        "`python3 install.py` again")
    return config, None


def bridge_factory(command: List[str], env: Optional[Dict[str, str]] = None,
                   log_dir: str = "") -> Callable[[], BridgeClient]:
    log = os.path.join(log_dir, "ds2fp-plugin-bridge.log") if log_dir else None

    def make() -> BridgeClient:
        if log_dir:
            os.makedirs(log_dir, exist_ok=True)
        return BridgeClient(command, env=env, log_path=log)

    return make


def factory_from_config(config: Optional[PluginConfig]) -> Callable[[], BridgeClient]:
    if config is None:
        return bridge_factory(["ds2fp-not-installed"])
    return bridge_factory(config.bridge_command(), config.env, config.log_dir)
