#!/usr/bin/env bash
# Unpack Debian bookworm-backports' KiCad 9.0.8 into a private folder (nothing installed, the
# system's KiCad 6 untouched), so the plugin tests also run against KiCad 9's pcbnew:
#
#   bash scripts/fetch_kicad9.sh /opt/kicad9 && export DS2FP_KICAD9_ROOT=/opt/kicad9
#
# Uses a private apt state folder for the backports index; needs apt-get and Debian 12.
set -euo pipefail
ROOT=$(realpath -m "${1:?usage: fetch_kicad9.sh TARGET_DIR}")  # absolute: the script cd's
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/lists/partial" "$WORK/archives/partial" "$ROOT"
echo "deb http://deb.debian.org/debian bookworm-backports main" > "$WORK/sources.list"
APT=(-o "Dir::Etc::sourcelist=$WORK/sources.list" -o "Dir::Etc::sourceparts=-"
     -o "Dir::State::Lists=$WORK/lists" -o "Dir::Cache::archives=$WORK/archives")
apt-get "${APT[@]}" update -qq
cd "$WORK"
apt-get "${APT[@]}" download -q kicad/bookworm-backports
# libraries KiCad 9 needs that a KiCad 6 machine lacks
for pkg in libgit2-1.5 libnng1 libodbc2 libprotobuf32 libsecret-1-0 libmbedtls14 \
           libmbedx509-1 libmbedcrypto7 libhttp-parser2.9 libssh2-1; do
    dpkg -s "$pkg" >/dev/null 2>&1 || apt-get download -q "$pkg"
done
for deb in ./*.deb; do dpkg -x "$deb" "$ROOT"; done
LD_LIBRARY_PATH="$ROOT/usr/lib/x86_64-linux-gnu" PYTHONPATH="$ROOT/usr/lib/python3/dist-packages" \
    /usr/bin/python3 -c "import pcbnew; print('KiCad', pcbnew.Version(), 'in $ROOT')"
