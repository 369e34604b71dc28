#!/usr/bin/env bash
# Unpack KiCad's library checker (kicad-library-utils, klc-check/) at a pinned commit into
# .cache/kicad-library-utils, for tests/writer/test_klc.py and benchmarks/klc_compliance.py.
#   bash scripts/fetch_klc.sh [SOURCE]
# SOURCE: a git URL (default: the GitHub copy below) or a local git directory holding the
# commit (an offline mirror). Where neither is reachable the KLC test skips with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."
COMMIT=fbf7d12  # kicad-library-utils as of 2026-08-21 (klc-check for KiCad 6-10 files)
SOURCE=${1:-${KLC_UTILS_SOURCE:-https://github.com/tiacsys/kicad-library-utils.git}}
DEST=.cache/kicad-library-utils
if [ -f "$DEST/klc-check/check_footprint.py" ] && [ "$(cat "$DEST/COMMIT" 2>/dev/null)" = "$COMMIT" ]; then
    exit 0
fi
rm -rf "$DEST" && mkdir -p "$DEST"
if [ -d "$SOURCE" ]; then
    git --git-dir "$SOURCE" archive "$COMMIT" | tar -x -C "$DEST"
else
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    git clone --quiet --filter=blob:none "$SOURCE" "$tmp/repo"
    git -C "$tmp/repo" archive "$COMMIT" | tar -x -C "$DEST"
fi
echo "$COMMIT" > "$DEST/COMMIT"
echo "KLC checker at $DEST/klc-check (commit $COMMIT)"
