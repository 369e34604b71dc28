#!/usr/bin/env bash
# The test command of the README: installs what it needs, then runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_dev.sh
python3 -m ruff check .
python3 -m pytest -q "$@"
