"""Build the KiCad Plugin and Content Manager zip ("Install from file..." in KiCad 6-10).

    python3 scripts/build_pcm_zip.py [--out dist]    # -> dist/ds2fp-kicad-<version>.zip

Layout (KiCad's PCM): metadata.json, plugins/ (the kicad_plugin package's files, which KiCad
puts in 3rdparty/plugins/org_ds2fp_kicad/), resources/icon.png (64x64). The PCM installs no
Python packages for SWIG plugins, so the daemon's environment still comes from install.py;
the plugin says so in its status line until it is there.
"""

import argparse
import hashlib
import json
import re
import sys
import zipfile
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parent.parent
PLUGIN = REPO / "kicad_plugin"
IDENTIFIER = "org.ds2fp.kicad"


def plugin_version() -> str:
    text = (PLUGIN / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([0-9.]+)"', text, re.M)
    if not match:
        raise SystemExit("build_pcm_zip: no __version__ in kicad_plugin/__init__.py")
    return match.group(1)


def metadata(version: str) -> dict:
    return {
        "$schema": "https://go.kicad.org/pcm/schemas/v1",
        "name": "ds2fp: footprints from datasheet screenshots",
        "description": "Paste screenshots of a datasheet's package drawing and land pattern; "
                       "review and place the footprint ds2fp builds.",
        "description_full": (
            "ds2fp turns screenshots of a datasheet's package drawing and recommended land "
            "pattern into a KiCad footprint, entirely on your own machine. A local daemon "
            "(a vision-language model, or a CPU OCR reader) transcribes the printed values; "
            "deterministic code computes the pads, cross-checks them against IPC-7351B and "
            "highlights every doubtful value for review. The footprint is written to a "
            ".pretty library, registered in the project, and placed on the board.\n\n"
            "Requires ds2fp's daemon environment: run `python3 install.py` from the ds2fp "
            "sources once (the plugin's status line tells you when it is missing)."),
        "identifier": IDENTIFIER,
        "type": "plugin",
        "author": {"name": "ds2fp developers", "contact": {}},
        "license": "MIT",
        "resources": {},
        "tags": ["footprint", "datasheet", "generator", "ai"],
        "versions": [{"version": version, "status": "testing", "kicad_version": "6.0",
                      "kicad_version_max": "10.99",
                      "platforms": ["linux", "windows", "macos"]}],
    }


def plugin_files():
    for path in sorted(PLUGIN.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            yield path


def build(out_dir: Path) -> Path:
    version = plugin_version()
    icon = PLUGIN / "icons" / "ds2fp_64.png"
    if not icon.exists():
        raise SystemExit("build_pcm_zip: run scripts/make_icons.py first (no 64x64 icon)")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"ds2fp-kicad-{version}.zip"
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("metadata.json", json.dumps(metadata(version), indent=2) + "\n")
        for path in plugin_files():
            zf.write(path, "plugins/" + path.relative_to(PLUGIN).as_posix())
        zf.write(icon, "resources/icon.png")
    tmp.replace(target)
    return target


def main(argv: Optional[list] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", default=str(REPO / "dist"), help="output folder")
    args = p.parse_args(argv)
    target = build(Path(args.out))
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    print(f"{target} ({target.stat().st_size} bytes, sha256 {digest})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
