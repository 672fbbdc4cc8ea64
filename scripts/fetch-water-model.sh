#!/usr/bin/env bash
# Puts n2p2's H2O RPBE-D3 model (input.nn, scaling.data, weights.001.data, weights.008.data)
# and LAMMPS's 1080-atom water box (data.H2O-360mol) into the folder given as $1.
#
# The files come from Debian's lammps-examples package (examples/PACKAGES/hdnnp), which ships
# them from n2p2 (examples/nnp-predict/H2O_RPBE-D3). They are third-party files and are not
# committed: an installed package is used when present, else the .deb is downloaded with
# `apt-get download` and unpacked with `dpkg-deb -x`.
set -euo pipefail
dest=${1:?usage: fetch-water-model.sh DESTINATION}
mkdir -p "$(dirname "$dest")"
dest="$(cd "$(dirname "$dest")" && pwd)/$(basename "$dest")"   # absolute: the download works in a scratch folder
installed=/usr/share/lammps/examples/PACKAGES/hdnnp
files="hdnnp-data/input.nn hdnnp-data/scaling.data hdnnp-data/weights.001.data hdnnp-data/weights.008.data data.H2O-360mol"

copy_from() {
    local tmp
    tmp=$(mktemp -d "$dest.partial.XXXXXX")
    for f in $files; do cp "$1/$f" "$tmp/"; done
    rm -rf "$dest"
    mv "$tmp" "$dest"
}

if [ -f "$installed/hdnnp-data/input.nn" ]; then
    copy_from "$installed"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
if ! apt-get download lammps-examples >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    apt-get download lammps-examples >/dev/null
fi
dpkg-deb -x lammps-examples_*.deb root
copy_from "$work/root$installed"
