#!/bin/sh
# Opens many seeded mutations of a valid minima database (truncations, flipped header and page
# bytes, runs of random bytes) and reads each every way the `basin db` commands do; every one
# must either work or give a MinimaDatabaseError naming the file in one clean line.
#
# Usage: scripts/fuzz-minima-database.sh [COUNT] [SEED]    (defaults 10000 and 2026)
# Run from the repository root; builds the tests first. The last line counts the outcomes.
set -eu
count=${1:-10000}
seed=${2:-2026}
swift build --build-tests
BASIN_DATABASE_FUZZ_COUNT=$count BASIN_DATABASE_FUZZ_SEED=$seed \
    swift test --skip-build --filter DatabaseFuzzTests 2>&1 | grep -E "minima database fuzzing|✘|passed|failed"
