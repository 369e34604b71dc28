#!/usr/bin/env bash
# The test command of the README: installs what it needs, then runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_dev.sh
# KiCad 9 for the plugin tests where setup_dev could unpack it
if [ -z "${DS2FP_KICAD9_ROOT:-}" ] && [ -x .cache/kicad9/usr/bin/pcbnew ]; then
    export DS2FP_KICAD9_ROOT="$PWD/.cache/kicad9"
fi
python3 -m ruff check .
python3 -m pytest -q "$@"
