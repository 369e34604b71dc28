#!/usr/bin/env bash
# README command 1: set everything up, then run the main job on the shipped example pages:
# two datasheet-style screenshots (package drawing + land pattern) -> OCR reader -> footprint
# written into out/Example.pretty, then checked.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_dev.sh
mkdir -p out
ds2fp extract examples/pages/soic8_package.png examples/pages/soic8_land_pattern.png \
    --in-process --reader ocr --lib out/Example.pretty --replace
ds2fp check out/Example.pretty
echo
echo "Footprint written to out/Example.pretty. Next: 'ds2fp serve' keeps a vision model loaded;"
echo "'python3 install.py' installs the KiCad plugin. See README.md."
