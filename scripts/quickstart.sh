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
# An irregular part: a USB-C receptacle's recommended layout (pads listed explicitly).
ds2fp extract examples/pages/usb_c16_land_pattern.png \
    --in-process --reader ocr --lib out/Example.pretty --replace --part-name USB-C_16P_Example
ds2fp check out/Example.pretty
echo
echo "Footprints written to out/Example.pretty. Next: 'ds2fp serve' runs the daemon (a vision"
echo "model if one is configured or downloaded, else the CPU OCR reader);"
echo "'python3 install.py' installs the KiCad plugin. See README.md."
