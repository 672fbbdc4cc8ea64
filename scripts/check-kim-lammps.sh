#!/usr/bin/env bash
# Checks Basin's KIM model driver in Debian's LAMMPS against `basin eval` and `basin md`, on
# n2p2's H2O RPBE-D3 model and LAMMPS's 1,080-atom water box (scripts/fetch-water-model.sh):
#   1. installs the driver (scripts/install-kim-driver.sh) and the model (`basin export kim`);
#   2. `run 0` serially, with `mpirun -np 2` and with `mpirun -np 4 --oversubscribe`: total
#      energy, every force component and the pressure against `basin eval` (relative 1e-10,
#      scripts/compare_kim_lammps.py);
#   3. NVE from the same velocities (300 K, dt = 0.5 fs, $BASIN_KIM_NVE_STEPS steps, default
#      1000) in LAMMPS with `mpirun -np 2` and in `basin md`: drift and spread of the total energy;
#   4. wall and CPU time per step ($BASIN_KIM_TIMING_STEPS steps, default 20) of LAMMPS + driver
#      on one and two ranks (CPU summed) and of `basin md --threads 1`.
# $BASIN_KIM_REPLICATE (e.g. "2 2 1") replicates the box in LAMMPS for steps 3 and 4 (both codes
# read the replicated data file LAMMPS writes).
# With --silica, step 2 only, on a two-element Si–O model Basin trains first (Vashishta SiO₂
# as the reference; kept in WORK_DIR/silica and reused) and a rattled 648-atom β-cristobalite box.
# Usage: scripts/check-kim-lammps.sh [--silica] [WORK_DIR]. Exits non-zero when a comparison fails.
set -euo pipefail
silica=false
if [ "${1:-}" = --silica ]; then
    silica=true
    shift
fi
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
nve_steps=${BASIN_KIM_NVE_STEPS:-1000}
timing_steps=${BASIN_KIM_TIMING_STEPS:-20}
replicate=${BASIN_KIM_REPLICATE:-}
fixtures="$repo/.fixtures/h2o-rpbe-d3"
units=(--cflength 1.8897261328 --cfenergy 0.0367493254)
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1

"$repo/scripts/install-kim-driver.sh"
(cd "$repo" && swift build -c release --product basin >&2)
basin="$repo/.build/release/basin"

install_model() {  # install_model MODEL_DIR NAME [basin export kim options]
    local model=$1 name=$2
    shift 2
    rm -rf "$work/kim-$name"
    "$basin" export kim "$model" --name "$name" --output "$work/kim-$name" "$@" >&2
    kim-api-collections-management remove --force "$name" >/dev/null 2>&1 || true
    kim-api-collections-management install user "$work/kim-$name" >/dev/null
}

lammps() {  # lammps RANKS INPUT LOG [mpirun options]
    local ranks=$1 input=$2 log=$3
    shift 3
    if [ "$ranks" -eq 1 ]; then
        lmp -in "$input" -log "$log" -screen none
    else
        mpirun -np "$ranks" "$@" lmp -in "$input" -log "$log" -screen none
    fi
}

check_run0() {  # check_run0 NAME DATA "ELEMENT ..." BASIN_EVAL_JSON: `run 0` on 1, 2 and 4 ranks
    local name=$1 data=$2 elements=$3 reference=$4
    cat > in.run0 <<IN
kim init $name metal
boundary p p p
atom_style atomic
read_data $data
kim interactions $elements
thermo_style custom step pe press
dump forces all custom 1 forces.dump id type fx fy fz
dump_modify forces sort id format float %.17g
run 0
print "BASIN-CHECK energy \$(pe:%.17g) pressure \$(press:%.17g)"
IN
    for ranks in 1 2 4; do
        lammps "$ranks" in.run0 "run0-$ranks.log" --oversubscribe
        mv forces.dump "forces-$ranks.dump"
        python3 "$repo/scripts/compare_kim_lammps.py" "$reference" "run0-$ranks.log" "forces-$ranks.dump" \
            --label "$name run 0, $ranks rank(s)"
    done
}

if $silica; then
    mkdir -p "$work/silica"
    cd "$work/silica"
    vashishta=(--potential vashishta --parameters SiO2)
    if [ ! -f run/model/weights.014.data ]; then
        "$basin" sample --lattice cristobalite --cells 2 "${vashishta[@]}" --temperatures 300,1500,3000 \
            --equilibrate 200 --steps 600 --interval 30 --output input.data >&2
        "$basin" sf generate --data input.data --cutoff 5.5 --radial 4 --angular-widths 1 --zeta-max 4 \
            --output sf.nn >&2
        cat > train.yaml <<YAML
data: input.data
test_fraction: 0.1
elements: [Si, O]
symmetry_functions: sf.nn
network: {hidden: [10, 10], activations: [t, t]}
scaling: scale-center
normalize: true
loss: {force_weight: 1.0, l2: 0}
optimizer: {name: adam, learning_rate: 0.003, batch_size: 4}
epochs: ${BASIN_KIM_SILICA_EPOCHS:-200}
seed: 1
threads: 2
output: run
YAML
        "$basin" train train.yaml >&2
    fi
    install_model run/model Basin_SiO2_NNP
    "$basin" eval --lattice cristobalite --cells 3 --rattle 0.1 "${vashishta[@]}" --output silica.data >/dev/null
    "$basin" eval silica.data --elements Si,O --potential nnp --model run/model --json > basin-eval.json
    check_run0 Basin_SiO2_NNP silica.data "Si O" basin-eval.json
    exit 0
fi

name=Basin_H2O_RPBE_D3
[ -f "$fixtures/data.H2O-360mol" ] || "$repo/scripts/fetch-water-model.sh" "$fixtures"
install_model "$fixtures" "$name" "${units[@]}"
cd "$work"
cp "$fixtures/data.H2O-360mol" .
nnp=(--format lammps-data --elements H,O --potential nnp --model "$fixtures" "${units[@]}")
"$basin" eval data.H2O-360mol "${nnp[@]}" --json > basin-eval.json
check_run0 "$name" data.H2O-360mol "H O" basin-eval.json

# NVE: velocities drawn once by LAMMPS and written with the structure, so both codes start alike.
cat > in.start <<IN
kim init $name metal
boundary p p p
atom_style atomic
read_data data.H2O-360mol
kim interactions H O
${replicate:+replicate $replicate}
velocity all create 300 4928459 mom yes rot yes dist gaussian
write_data start.data nocoeff
IN
lammps 1 in.start start.log
atoms=$(awk '$2 == "atoms" { print $1; exit }' start.data)
cat > in.nve <<IN
kim init $name metal
boundary p p p
atom_style atomic
read_data start.data
kim interactions H O
timestep 0.0005
fix integrate all nve
thermo_style custom step pe ke etotal
thermo_modify format float %.12g
thermo 10
run $nve_steps
IN
lammps 2 in.nve nve-lammps.log
"$basin" md start.data "${nnp[@]}" --ensemble nve --dt 0.0005 --steps "$nve_steps" --thermo 10 --skin 2 \
    --threads 2 --json > nve-basin.json
python3 - "$nve_steps" "$atoms" <<'PY'
import json, statistics, sys
atoms = int(sys.argv[2])
def summary(energies):
    drift = (energies[-1] - energies[0]) / atoms
    spread = statistics.pstdev(energies) / atoms
    deviation = max(abs(e - energies[0]) for e in energies) / atoms
    return {"drift_eV_per_atom": drift, "max_deviation_eV_per_atom": deviation, "std_eV_per_atom": spread,
            "samples": len(energies)}
lammps, reading = [], False
for line in open("nve-lammps.log"):
    words = line.split()
    if words[:4] == ["Step", "PotEng", "KinEng", "TotEng"]:
        reading = True
        continue
    if reading:
        if len(words) == 4 and words[0].isdigit():
            lammps.append(float(words[3]))
        else:
            reading = False
basin = json.load(open("nve-basin.json"))
log = basin["log"]
energies = [row["totalEnergy"] for row in log]
print(json.dumps({"nve_steps": int(sys.argv[1]), "atoms": atoms, "lammps_kim_2_ranks": summary(lammps), "basin_md": summary(energies)}))
PY

# Speed: wall and CPU seconds (user + system; CPU time is what compares on a shared machine) of
# 1 + N steps minus 1 step.
times() { /usr/bin/time -f "%e %U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{ print $1, $2 + $3 }'; }
declare -A seconds
for n in 1 $((timing_steps + 1)); do
    sed -e "s/^run .*/run $n/" -e "s/^thermo 10/thermo $n/" in.nve > "in.timing-$n"
    seconds[lammps1,$n]=$(times lmp -in "in.timing-$n" -log none -screen none)
    seconds[lammps2,$n]=$(times mpirun -np 2 lmp -in "in.timing-$n" -log none -screen none)
    seconds[basin1,$n]=$(times "$basin" md start.data "${nnp[@]}" --ensemble nve --dt 0.0005 --steps "$n" --thermo 0 --skin 2 --threads 1)
done
for run in lammps1 lammps2 basin1; do
    echo "$run ${seconds[$run,1]} ${seconds[$run,$((timing_steps + 1))]}" | awk -v n="$timing_steps" -v atoms="$atoms" '{
        printf "{\"run\": \"%s\", \"wall_s_per_step\": %.3f, \"wall_us_per_atom_step\": %.0f, \"cpu_s_per_step\": %.3f}\n",
            $1, ($4 - $2) / n, 1e6 * ($4 - $2) / (n * atoms), ($5 - $3) / n }'
done
echo "load: $(uptime)"
