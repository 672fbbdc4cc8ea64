#!/usr/bin/env bash
# Fuzzes every file reader: COUNT mutated and extreme-valued inputs per reader (default 10,000)
# through the seeded fuzz suites, in a release-mode test build of its own (.build/fuzz).
# Prints one line per reader; exits non-zero when a reader traps, hangs or throws an untyped error.
#
#   scripts/fuzz-readers.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-10000}"
flags=(-c release -Xswiftc -enable-testing --scratch-path .build/fuzz)
swift build "${flags[@]}" --build-tests 2>&1 | grep -E 'error|Compiling|Build' | grep -v '^\[' || true
log=.build/fuzz/fuzz-readers.log
status=0
BASIN_FUZZ_COUNT="$count" swift test "${flags[@]}" --skip-build --filter Fuzz >"$log" 2>&1 || status=$?
grep '^fuzz ' "$log" | sort
grep -E '^✘|Test run with' "$log" || true
if [ "$status" -ne 0 ]; then
    echo "fuzzing failed (exit $status); the full log is $log" >&2
fi
exit "$status"
