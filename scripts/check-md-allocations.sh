#!/usr/bin/env bash
# Counts heap allocations per MD step of `basin md` for Lennard-Jones, Morse, Stillinger–Weber,
# Vashishta and the n2p2 water model (neural-network potential on LAMMPS's 1,080-atom box,
# fetched by scripts/fetch-water-model.sh; N/10 steps, as a step costs about 300 times an LJ
# one), Lennard-Jones, Stillinger–Weber, Vashishta and the water model also on two threads: each system runs N and 3N steps with malloc,
# calloc, realloc, posix_memalign and aligned_alloc counted by a preloaded shim, and the
# difference over the 2N extra steps is the count per step. Each system runs with the default
# skin (the neighbor list is rebuilt now and then, whose storage is reused too) and with a
# large one (no rebuild).
#
# Two things would make the two runs differ by an allocation or two without any step
# allocating, and are kept out: Swift's per-process random hash seed changes the heap's layout
# from run to run, and with it how many times the first step's arrays grow (their capacity is
# what malloc_usable_size reports), so SWIFT_DETERMINISTIC_HASHING is set; and libdispatch
# starts its own threads at moments that depend on timing (for the SIGINT and SIGTERM sources
# of basin md), so the shim counts only the main thread and Basin's worker threads (named
# basin-worker), which run every parallel loop of a step.
#
# On two threads the water model's runs differ by up to two allocations whatever their length
# (10 and 30 steps both gave 11,960 or 11,962 over repeated runs): timing, not steps, so those
# rows pass with at most 2 more allocations in the longer run (an allocation per step would add
# 2N/10 = 20); every other row must match exactly.
#
# Usage: scripts/check-md-allocations.sh [BASIN_BINARY] [N]
#   default binary .build/release/basin (build it with `swift build -c release`), N = 100.
# Exit status 1 when any step after the first allocates.
set -euo pipefail
cd "$(dirname "$0")/.."
BASIN=${1:-.build/release/basin}
N=${2:-100}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cat > "$WORK/count.c" <<'C'
#define _GNU_SOURCE
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
static atomic_long count;
/* Counts an allocation of the main thread or of a thread named basin-worker. */
static void counted(void) {
    if (gettid() != getpid()) {
        char name[17] = {0};
        prctl(PR_GET_NAME, name, 0, 0, 0);
        if (strncmp(name, "basin-worker", 12) != 0) return;
    }
    atomic_fetch_add(&count, 1);
}
void *malloc(size_t n) { counted(); return __libc_malloc(n); }
void *calloc(size_t a, size_t b) { counted(); return __libc_calloc(a, b); }
void *realloc(void *p, size_t n) { counted(); return __libc_realloc(p, n); }
int posix_memalign(void **p, size_t a, size_t n) { counted(); *p = __libc_memalign(a, n); return *p ? 0 : 12; }
void *aligned_alloc(size_t a, size_t n) { counted(); return __libc_memalign(a, n); }
__attribute__((destructor)) static void report(void) {
    const char *path = getenv("BASIN_ALLOCATION_COUNT");
    FILE *f = path ? fopen(path, "w") : NULL;
    if (f) { fprintf(f, "%ld\n", atomic_load(&count)); fclose(f); }
}
C
cc -O2 -shared -fPIC -o "$WORK/libcount.so" "$WORK/count.c"
# Ideal β-cristobalite SiO₂, 2×2×2 cells of a = 7.16 Å (192 atoms), for Vashishta.
python3 - "$WORK/silica.xyz" <<'PY'
import itertools, sys
a, n = 7.16, 2
fcc = [(0, 0, 0), (0, .5, .5), (.5, 0, .5), (.5, .5, 0)]
basis = [("Si", s) for s in fcc] + [("Si", tuple(x + .25 for x in s)) for s in fcc]
bonds = [(1, 1, 1), (1, -1, -1), (-1, 1, -1), (-1, -1, 1)]
basis += [("O", tuple(s[k] + b[k] / 8 for k in range(3))) for s in fcc for b in bonds]
atoms = [(el, [a * (s[k] + c[k]) for k in range(3)]) for c in itertools.product(range(n), repeat=3) for el, s in basis]
L = a * n
with open(sys.argv[1], "w") as f:
    f.write(f"{len(atoms)}\nLattice=\"{L} 0 0 0 {L} 0 0 0 {L}\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"\n")
    for el, r in atoms:
        f.write(f"{el} {r[0]:.6f} {r[1]:.6f} {r[2]:.6f}\n")
PY

WATER=.fixtures/h2o-rpbe-d3
[ -f "$WATER/data.H2O-360mol" ] || bash scripts/fetch-water-model.sh "$WATER" >&2
declare -A SYSTEMS=(
  [lj]="--potential lj --lattice fcc --lattice-constant 1.5874 --element Ar --cells 5 --temperature 0.7"
  [morse]="--potential morse --d0 0.3429 --alpha 1.3588 --r0 2.866 --cutoff 6 --lattice fcc --lattice-constant 3.61 --element Cu --cells 4 --temperature 300"
  [sw]="--potential sw --parameters Si --lattice diamond --element Si --lattice-constant 5.431 --cells 3 --temperature 1000"
  [vashishta]="--potential vashishta --parameters SiO2 $WORK/silica.xyz --temperature 300"
  [nnp]="$WATER/data.H2O-360mol --format lammps-data --elements H,O --potential nnp --model $WATER --cflength 1.8897261328 --cfenergy 0.0367493254 --temperature 300 --dt 0.0005"
)
for system in lj sw vashishta nnp; do SYSTEMS[$system-2threads]="${SYSTEMS[$system]} --threads 2"; done
# run SYSTEM STEPS SKIN_OPTION → "allocations builds"
run() {
  local out
  out=$(SWIFT_DETERMINISTIC_HASHING=1 BASIN_ALLOCATION_COUNT="$WORK/count" LD_PRELOAD="$WORK/libcount.so" "$BASIN" md ${SYSTEMS[$1]} --steps "$2" --thermo 0 $3 2>&1)
  echo "$(cat "$WORK/count") $(grep -o '[0-9]* neighbor-list builds' <<<"$out" | cut -d' ' -f1)"
}
status=0
printf '%-19s %-8s %18s %20s %16s\n' system skin "allocations/step" "builds in 2N steps" verdict
for system in lj lj-2threads morse sw sw-2threads vashishta vashishta-2threads nnp nnp-2threads; do
  steps=$N; [[ $system = nnp* ]] && steps=$(( (N + 9) / 10 ))
  for skin in default large; do
    option=""; [ $skin = large ] && option="--skin 3"
    NOISE=0; [ $system = nnp-2threads ] && NOISE=2
    read -r a1 b1 <<<"$(run $system "$steps" "$option")"
    read -r a3 b3 <<<"$(run $system $((3 * steps)) "$option")"
    per=$(python3 -c "print(f'{($a3 - $a1) / (2 * $steps):.2f}')")
    builds=$((b3 - b1))
    if [ $((a3 - a1)) -le "$NOISE" ]; then verdict="no allocation"; else verdict="ALLOCATES"; status=1; fi
    printf '%-19s %-8s %18s %20s %16s\n' "$system" "$skin" "$per" "$builds" "$verdict"
  done
done
exit $status
