#!/usr/bin/env bash
# Installs Basin's KIM model driver Basin_NNP__MD_000000000000_000 into the user's KIM
# collection, after Debian's KIM API, LAMMPS (built with the kim commands), Open MPI and CMake:
#   1. apt-get installs those packages when missing (as root, or with sudo);
#   2. libBasinKIM.so (the Swift side) is built in release and copied to $BASIN_KIM_LIBRARY_DIR
#      (default ~/.local/lib/basin-kim), where the driver finds it at run time, as it finds the
#      Swift runtime, through its run path;
#   3. kim/driver is built and installed with kim-api-collections-management.
# Models then come from `basin export kim` and `kim-api-collections-management install user DIR`.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
driver=Basin_NNP__MD_000000000000_000

missing=()
for package in libkim-api-dev lammps openmpi-bin cmake g++; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# Some Debian releases split the KIM command-line tools into their own package.
if ! command -v kim-api-collections-management >/dev/null && apt-cache show kim-api-tools >/dev/null 2>&1; then
    missing+=(kim-api-tools)
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

echo "building libBasinKIM (release)" >&2
(cd "$repo" && swift build -c release --product BasinKIM >&2)
built="$repo/.build/release/libBasinKIM.so"
swift_runtime=$(dirname "$(ldd "$built" | awk '/libswiftCore.so/ { print $3 }')")
if [ ! -f "$swift_runtime/libswiftCore.so" ]; then
    echo "install-kim-driver.sh: cannot find the Swift runtime libBasinKIM.so uses" >&2
    exit 1
fi
library_dir=${BASIN_KIM_LIBRARY_DIR:-$HOME/.local/lib/basin-kim}
mkdir -p "$library_dir"
cp "$built" "$library_dir/.libBasinKIM.so.partial"
mv "$library_dir/.libBasinKIM.so.partial" "$library_dir/libBasinKIM.so"

echo "installing the KIM model driver $driver" >&2
kim-api-collections-management remove --force "$driver" >/dev/null 2>&1 || true
BASIN_KIM_LIBRARY_DIR="$library_dir" SWIFT_RUNTIME_DIR="$swift_runtime" \
    kim-api-collections-management install user "$repo/kim/driver" >&2
echo "installed $driver (libBasinKIM in $library_dir, Swift runtime in $swift_runtime)" >&2
