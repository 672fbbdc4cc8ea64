#!/usr/bin/env python3
"""Energy conservation of NVE Lennard-Jones dynamics: Basin and LAMMPS on the same protocol.

A liquid of 4,000 atoms (fcc 10×10×10 at ρ = 0.8442), cutoff 2.5σ with the energy shifted to
zero at the cutoff, dt = 0.005: Langevin equilibration at T = 0.72, then NVE, with the total
energy logged every step. Reported for each code: the largest |E(t) − E(0)|/N, the standard
deviation of E/N, the drift (slope of a straight-line fit, per 10,000 steps), and the largest
deviation of 10-step window means. Installs Debian's `lammps` when it is missing.
Usage: python3 benchmarks/nve_energy_vs_lammps.py [--steps 10000] [--seeds 3]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lj_vs_lammps import build_basin, ensure_lammps  # noqa: E402

LAMMPS_INPUT = """units lj
atom_style atomic
lattice fcc 0.8442
region box block 0 10 0 10 0 10
create_box 1 box
create_atoms 1 box
mass 1 1.0
velocity all create 0.72 {seed} loop geom
pair_style lj/cut 2.5
pair_coeff 1 1 1.0 1.0 2.5
pair_modify shift yes
neighbor 0.3 bin
neigh_modify delay 0 every 1 check yes
fix 1 all langevin 0.72 0.72 0.5 {seed} zero yes
fix 2 all nve
run {equilibrate}
unfix 1
reset_timestep 0
thermo 1
thermo_style custom step temp pe ke etotal
run {steps}
"""


def statistics_of(energies):
    """Per-atom energies → the reported measures."""
    n = len(energies)
    mean_x = (n - 1) / 2
    mean_e = statistics.fmean(energies)
    slope = sum((i - mean_x) * (e - mean_e) for i, e in enumerate(energies)) / sum((i - mean_x) ** 2 for i in range(n))
    windows = [statistics.fmean(energies[i:i + 10]) for i in range(0, n - 9, 10)]
    return {
        "max_deviation": max(abs(e - energies[0]) for e in energies),
        "standard_deviation": statistics.pstdev(energies),
        "drift_per_10000_steps": slope * 10000,
        "max_deviation_of_10_step_means": max(abs(w - windows[0]) for w in windows),
    }


def run_lammps(lmp, seed, equilibrate, steps):
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "in.nve")
        with open(path, "w") as f:
            f.write(LAMMPS_INPUT.format(seed=seed, equilibrate=equilibrate, steps=steps))
        out = subprocess.run([lmp, "-in", path, "-log", "none"], cwd=work, check=True, capture_output=True, text=True).stdout
    block = out.split("Step")[-1].splitlines()[1:]
    energies = [float(line.split()[4]) for line in block if re.match(r"^\s*\d+\s", line)]
    return statistics_of(energies[:steps + 1])


def run_basin(basin, seed, equilibrate, steps):
    command = [basin, "md", "--lattice", "fcc", "--density", "0.8442", "--cells", "10", "--temperature", "0.72",
               "--cutoff", "2.5", "--shift", "--dt", "0.005", "--equilibrate", str(equilibrate), "--damping", "0.5",
               "--steps", str(steps), "--thermo", "1", "--seed", str(seed), "--json"]
    summary = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    return statistics_of([s["totalEnergy"] / s["atomCount"] for s in summary["log"]])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=10000)
    parser.add_argument("--equilibrate", type=int, default=5000)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    lmp, basin = ensure_lammps(), build_basin()
    rows = []
    for seed in range(1, args.seeds + 1):
        rows.append(("LAMMPS", seed, run_lammps(lmp, 87286 + seed, args.equilibrate, args.steps)))
        rows.append(("Basin", seed, run_basin(basin, seed, args.equilibrate, args.steps)))
    print(f"NVE LJ liquid, 4000 atoms, rho=0.8442, T=0.72, rc=2.5 shifted, dt=0.005, {args.steps} steps (energies per atom)")
    print(f"{'code':8s} {'seed':>4s} {'max|E(t)-E(0)|':>15s} {'std E':>10s} {'drift/10k':>10s} {'max 10-step mean dev':>21s}")
    for code, seed, r in rows:
        print(f"{code:8s} {seed:4d} {r['max_deviation']:15.3e} {r['standard_deviation']:10.2e} "
              f"{r['drift_per_10000_steps']:10.2e} {r['max_deviation_of_10_step_means']:21.3e}")


if __name__ == "__main__":
    main()
