#!/usr/bin/env bash
# Install everything the tests and the demo need, idempotently (CI starts from a clean clone).
# - Python packages: the CPU torch wheel pinned first (a bare `torch` pulls a multi-GB CUDA
#   build), then ds2fp itself with the daemon, OCR and dev extras.
# - Debian's KiCad 6.0.11 + official footprints for the real-KiCad tests.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if ! "$PY" -c "import torch" 2>/dev/null; then
    "$PY" -m pip install -q torch==2.13.0
fi
"$PY" -m pip install -q -e ".[daemon,ocr,dev]"

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    if ! dpkg -s kicad kicad-footprints python3-wxgtk4.0 >/dev/null 2>&1 \
            || ! command -v Xvfb >/dev/null 2>&1 || ! command -v xdotool >/dev/null 2>&1 \
            || ! command -v pdftoppm >/dev/null 2>&1; then
        apt-get update -qq
        # python3-wxgtk4.0: KiCad's wxPython, for the plugin dialog tests under Xvfb;
        # xdotool clicks the ds2fp button in a running PCB editor (tests/plugin/test_kicad_gui.py);
        # poppler-utils renders the wide real-page set (scripts/rebuild_wide_pages.py)
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            kicad kicad-footprints python3-wxgtk4.0 xvfb xauth xdotool poppler-utils >/dev/null
    fi
else
    echo "setup_dev: not root or no apt-get; KiCad tests will be skipped unless KiCad 6 is installed" >&2
fi

# KiCad's library checker for tests/writer/test_klc.py: best effort (it needs the network or
# KLC_UTILS_SOURCE naming a local mirror); without it that test skips and says why.
timeout 120 bash scripts/fetch_klc.sh >/dev/null 2>&1 \
    || echo "setup_dev: KLC checker not fetched; tests/writer/test_klc.py will skip" >&2

# KiCad 9 (Debian backports, unpacked into .cache/kicad9, nothing installed) so the plugin
# tests, the running-editor test included, also run against KiCad 9; best effort.
if [ ! -x .cache/kicad9/usr/bin/pcbnew ] && command -v apt-get >/dev/null 2>&1; then
    timeout 600 bash scripts/fetch_kicad9.sh .cache/kicad9 >/dev/null 2>&1 \
        || echo "setup_dev: KiCad 9 not unpacked; its plugin tests will skip" >&2
fi
