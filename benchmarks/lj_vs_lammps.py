#!/usr/bin/env python3
"""Lennard-Jones liquid: Basin against LAMMPS `lj/cut`, side by side in one run.

The classic LAMMPS `bench/in.lj` problem: 32,000 atoms on an fcc lattice at reduced density
0.8442, initial velocities at T = 3.0, cutoff 2.5 σ, skin 0.3 σ, NVE with dt = 0.005.
LAMMPS runs as one process (`lmp`, installed from Debian's `lammps` package when missing);
Basin runs the same system with one and with two threads. Reported: atom-steps per second of
each run's integration loop, the ratio Basin(1 thread) / LAMMPS, and Basin's two-thread
speed-up. Usage: python3 benchmarks/lj_vs_lammps.py [--steps 1000] [--cells 20] [--repeat 1]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

LAMMPS_INPUT = """units       lj
atom_style  atomic
lattice     fcc 0.8442
region      box block 0 {cells} 0 {cells} 0 {cells}
create_box  1 box
create_atoms 1 box
mass        1 1.0
velocity    all create 3.0 87287 loop geom
pair_style  lj/cut 2.5
pair_coeff  1 1 1.0 1.0 2.5
neighbor    0.3 bin
neigh_modify delay 0 every 20 check no
fix         1 all nve
thermo      {steps}
run         {steps}
"""


def ensure_lammps():
    if shutil.which("lmp"):
        return "lmp"
    print("installing LAMMPS from Debian's lammps package ...", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "lammps"], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    return "lmp"


def run_lammps(lmp, cells, steps):
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "in.lj")
        with open(path, "w") as f:
            f.write(LAMMPS_INPUT.format(cells=cells, steps=steps))
        out = subprocess.run([lmp, "-in", path, "-log", "none"], cwd=work,
                             check=True, capture_output=True, text=True,
                             env=dict(os.environ, OMP_NUM_THREADS="1")).stdout
    match = re.search(r"Loop time of ([0-9.eE+-]+) on 1 procs for (\d+) steps with (\d+) atoms", out)
    if not match:
        sys.exit("could not read LAMMPS's loop time:\n" + out)
    seconds, nsteps, atoms = float(match.group(1)), int(match.group(2)), int(match.group(3))
    return {"seconds": seconds, "steps": nsteps, "atoms": atoms, "atom_steps_per_second": atoms * nsteps / seconds}


def build_basin():
    subprocess.run(["swift", "build", "-c", "release", "--product", "basin"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, ".build", "release", "basin")


def run_basin(basin, cells, steps, threads):
    command = [basin, "md", "--lattice", "fcc", "--density", "0.8442", "--cells", str(cells),
               "--potential", "lj", "--cutoff", "2.5", "--skin", "0.3", "--temperature", "3.0",
               "--dt", "0.005", "--steps", str(steps), "--ensemble", "nve", "--seed", "87287",
               "--thermo", str(steps), "--threads", str(threads), "--json"]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    summary = json.loads(out)
    return {"seconds": summary["loopSeconds"], "steps": summary["steps"], "atoms": summary["atoms"],
            "atom_steps_per_second": summary["atomStepsPerSecond"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--cells", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest counts")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args()

    lmp = ensure_lammps()
    basin = build_basin()
    best = {}
    for _ in range(args.repeat):
        # Interleave the runs so that any drift in machine load affects all of them alike.
        for name, run in [("lammps", lambda: run_lammps(lmp, args.cells, args.steps)),
                          ("basin_1_thread", lambda: run_basin(basin, args.cells, args.steps, 1)),
                          ("basin_2_threads", lambda: run_basin(basin, args.cells, args.steps, 2))]:
            result = run()
            if name not in best or result["atom_steps_per_second"] > best[name]["atom_steps_per_second"]:
                best[name] = result
    report = {
        "problem": f"LJ fcc rho=0.8442, {best['lammps']['atoms']} atoms, T0=3.0, rc=2.5, skin=0.3, NVE dt=0.005, {args.steps} steps",
        "runs": best,
        "basin_1_thread_over_lammps": best["basin_1_thread"]["atom_steps_per_second"] / best["lammps"]["atom_steps_per_second"],
        "basin_2_threads_over_1_thread": best["basin_2_threads"]["atom_steps_per_second"] / best["basin_1_thread"]["atom_steps_per_second"],
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(report["problem"])
    for name, r in best.items():
        print(f"  {name:16s} {r['atom_steps_per_second'] / 1e6:7.3f} M atom-steps/s  ({r['seconds']:.2f} s loop)")
    print(f"  Basin 1 thread / LAMMPS 1 process: {report['basin_1_thread_over_lammps']:.2f}x")
    print(f"  Basin 2 threads / Basin 1 thread:  {report['basin_2_threads_over_1_thread']:.2f}x")


if __name__ == "__main__":
    main()
