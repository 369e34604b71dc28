"""install.py into fake homes: every KiCad 6-10 folder layout on Linux, Windows and macOS
installs, checks and uninstalls cleanly (no venv, no service started, nothing outside the
fake home touched)."""

import json
import sys
from pathlib import Path

import pytest

import install
from kicad_plugin.config import load_config

# (platform, folder KiCad creates on first start, where the user plugin folder goes)
LAYOUTS = [
    ("linux", ".config/kicad/{v}", ".local/share/kicad/{v}/scripting/plugins"),
    ("linux", ".local/share/kicad/{v}", ".local/share/kicad/{v}/scripting/plugins"),
    ("linux", ".var/app/org.kicad.KiCad/data/kicad/{v}",
     ".var/app/org.kicad.KiCad/data/kicad/{v}/scripting/plugins"),
    ("win32", "AppData/Roaming/kicad/{v}", "Documents/KiCad/{v}/scripting/plugins"),
    ("win32", "Documents/KiCad/{v}", "Documents/KiCad/{v}/scripting/plugins"),
    ("darwin", "Library/Preferences/kicad/{v}", "Documents/KiCad/{v}/scripting/plugins"),
    ("darwin", "Documents/KiCad/{v}", "Documents/KiCad/{v}/scripting/plugins"),
]
CONFIG = {"linux": ".config/ds2fp/plugin.json",
          "win32": "AppData/Roaming/ds2fp/plugin.json",
          "darwin": "Library/Application Support/ds2fp/plugin.json"}
SERVICE = {"linux": ".config/systemd/user/ds2fp.service",
           "win32": "AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup/"
                    "ds2fp-daemon.cmd",
           "darwin": "Library/LaunchAgents/org.ds2fp.daemon.plist"}


def tree(root: Path) -> list:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def run(*args: str) -> tuple:
    lines = []
    code = install.main(list(args), out=lines.append)
    return code, "\n".join(lines)


@pytest.mark.parametrize("version", install.KICAD_VERSIONS)
@pytest.mark.parametrize("platform,kicad_dir,plugin_dir", LAYOUTS)
def test_install_check_uninstall(tmp_path, platform, kicad_dir, plugin_dir, version):
    home = tmp_path / "home"
    (home / kicad_dir.format(v=version)).mkdir(parents=True)
    before = tree(home)
    code, text = run("--home", str(home), "--platform", platform, "--no-venv",
                     "--python", sys.executable, "--service")
    assert code == 0, text
    plugin = home / plugin_dir.format(v=version) / install.PLUGIN_DIR_NAME
    assert (plugin / "__init__.py").is_file() and (plugin / "action.py").is_file()
    assert (plugin / "icons" / "ds2fp_24_dark.png").is_file()
    assert not (plugin / "__pycache__").exists()
    config = load_config(home / CONFIG[platform])
    assert config is not None and config.python == sys.executable
    assert config.bridge_command()[1:4] == ["-m", "daemon.cli", "plugin-rpc"]
    service = home / SERVICE[platform]
    text = service.read_text()
    assert "daemon.cli" in text and "serve" in text and sys.executable in text.replace(
        "pythonw.exe", Path(sys.executable).name)
    # nothing landed outside the fake home, and only where expected
    new = set(tree(home)) - set(before)
    assert all(not p.startswith("..") for p in new)

    code, text = run("--home", str(home), "--platform", platform, "--check", "--no-ping")
    assert code == 0, text
    assert f"{version} (" in text and str(plugin) in text and "importable" in text

    code, text = run("--home", str(home), "--platform", platform, "--uninstall")
    assert code == 0, text
    assert tree(home) == before


def test_dev_install_links_to_the_checkout(tmp_path):
    home = tmp_path / "home"
    (home / ".config/kicad/8.0").mkdir(parents=True)
    code, text = run("--home", str(home), "--platform", "linux", "--no-venv", "--dev")
    assert code == 0, text
    link = home / ".local/share/kicad/8.0/scripting/plugins" / install.PLUGIN_DIR_NAME
    assert link.is_symlink() and link.resolve() == install.PLUGIN_SOURCE
    config = load_config(home / CONFIG["linux"])
    assert config.env["PYTHONPATH"] == str(install.REPO)
    run("--home", str(home), "--platform", "linux", "--uninstall")
    assert not link.exists() and install.PLUGIN_SOURCE.is_dir()  # the checkout survives


def test_uninstall_keeps_what_was_there_before(tmp_path):
    home = tmp_path / "home"
    plugins = home / ".local/share/kicad/9.0/scripting/plugins"
    other = plugins / "someone_elses_plugin"
    other.mkdir(parents=True)
    (other / "__init__.py").write_text("# not ours\n")
    (home / ".config/kicad/9.0").mkdir(parents=True)
    before = tree(home)
    assert run("--home", str(home), "--platform", "linux", "--no-venv")[0] == 0
    assert run("--home", str(home), "--platform", "linux", "--no-venv")[0] == 0  # again
    assert run("--home", str(home), "--platform", "linux", "--uninstall")[0] == 0
    assert tree(home) == before


def test_dry_run_changes_nothing_and_venv_commands_pick_torch(tmp_path):
    home = tmp_path / "home"
    (home / ".config/kicad/7.0").mkdir(parents=True)
    before = tree(home)
    code, text = run("--home", str(home), "--platform", "linux", "--dry-run", "--torch",
                     "cuda")
    assert code == 0, text
    assert tree(home) == before
    assert "-m venv" in text and "download.pytorch.org/whl/cu128" in text
    assert f"{install.REPO}[daemon,ocr]" in text
    code, text = run("--home", str(home), "--platform", "win32", "--dry-run", "--torch",
                     "cpu", "--kicad-version", "9.0")
    assert "whl/cpu" in text and "Scripts" in text and tree(home) == before


def test_no_kicad_found_says_what_to_do(tmp_path):
    code, text = run("--home", str(tmp_path), "--platform", "linux", "--no-venv")
    assert code == 1 and "--kicad-version" in text


def test_check_reports_missing_pieces(tmp_path):
    code, text = run("--home", str(tmp_path), "--platform", "darwin", "--check", "--no-ping")
    assert code == 1
    assert "not installed in any KiCad plugin folder" in text and "missing" in text


def test_check_notes_a_pcm_install_and_asks_the_daemon(tmp_path):
    home = tmp_path / "home"
    pcm = home / "Documents/KiCad/8.0/3rdparty/plugins/org_ds2fp_kicad"
    pcm.mkdir(parents=True)
    for name in ("__init__.py", "action.py"):
        (pcm / name).write_text("")
    cfg = home / CONFIG["win32"]
    cfg.parent.mkdir(parents=True)
    cfg.write_text(json.dumps({"python": sys.executable,
                               "endpoint": "tcp://127.0.0.1:9"}))
    code, text = run("--home", str(home), "--platform", "win32", "--check")
    assert code == 0, text
    assert "org_ds2fp_kicad" in text
    code, installed = run("--home", str(home), "--platform", "win32", "--no-venv",
                          "--kicad-version", "8.0", "--dry-run")
    assert "two ds2fp buttons" in installed
    assert "daemon: not answering" in text


def test_the_daemon_serves_the_model_on_cuda_and_ocr_elsewhere(tmp_path):
    home = tmp_path / "home"
    (home / ".config/kicad/8.0").mkdir(parents=True)
    _, cuda = run("--home", str(home), "--platform", "linux", "--dry-run", "--torch", "cuda")
    assert f"the daemon serves {install.DEFAULT_MODEL}" in cuda
    _, cpu = run("--home", str(home), "--platform", "linux", "--dry-run", "--torch", "cpu")
    assert "CPU OCR reader until a model is configured" in cpu
    code, text = run("--home", str(home), "--platform", "linux", "--no-venv",
                     "--model", "/models/finetune")
    assert code == 0, text
    config = load_config(home / CONFIG["linux"])
    assert config.start_command[-2:] == ["--model", "/models/finetune"]
    chosen = install.daemon_serve_args(install.parse_args(["--serve-arg=--reader=ocr"]),
                                       gpu="cuda", out=lambda line: None)
    assert chosen == ["--reader=ocr"]  # the user's own choice is kept as it is
