#!/usr/bin/env python3
"""Many-body potentials: Basin against LAMMPS, side by side in one run.

Two problems, each written once as a LAMMPS data file that both codes read:
- Stillinger-Weber silicon (`pair_style sw`, LAMMPS's Si.sw: Stillinger & Weber, Phys. Rev. B 31,
  5262 (1985)): diamond 8x8x8 at a = 5.431 A, 4096 atoms;
- Vashishta silica (`pair_style vashishta`, SiO.1990.vashishta: Vashishta et al., Phys. Rev. B
  41, 12197 (1990)): alpha-quartz 7x7x7 (triclinic cell), 3087 atoms.
Velocities at 1000 K, NVE, dt = 1 fs, 1000 steps, metal units, neighbor skin 2 A rebuilt when an
atom has moved half the skin (LAMMPS `neigh_modify delay 0 every 1 check yes`). LAMMPS runs as
one process (`lmp`, from Debian's lammps and lammps-data packages, installed when missing);
Basin with one and with two threads. Reported: atom-steps per second of each integration loop,
Basin(1 thread) / LAMMPS and Basin's two-thread speed-up.
Usage: python3 benchmarks/manybody_vs_lammps.py [--steps 1000] [--repeat 1] [--json] [--basin PATH]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import manybody_structures as structures

LAMMPS_INPUT = """units       metal
atom_style  atomic
read_data   {data}
pair_style  {style}
pair_coeff  * * {parameters} {elements}
velocity    all create {temperature} 4928459 loop geom
neighbor    2.0 bin
neigh_modify delay 0 every 1 check yes
timestep    0.001
fix         1 all nve
thermo      {steps}
run         {steps}
"""


def problems(si_cells, quartz_cells):
    """(name, style, parameter file, structure) of each problem."""
    return [("sw_silicon", "sw", structures.SW_SILICON, structures.diamond(cells=(si_cells,) * 3)),
            ("vashishta_quartz", "vashishta", structures.VASHISHTA_SILICA, structures.quartz(cells=(quartz_cells,) * 3))]


def run_lammps(lmp, style, parameters, data, elements, temperature, steps):
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "in.bench")
        with open(path, "w") as f:
            f.write(LAMMPS_INPUT.format(data=data, style=style, parameters=parameters, elements=" ".join(elements),
                                        temperature=temperature, steps=steps))
        out = subprocess.run([lmp, "-in", path, "-log", "none"], cwd=work, check=True, capture_output=True, text=True,
                             env=dict(os.environ, OMP_NUM_THREADS="1")).stdout
    match = re.search(r"Loop time of ([0-9.eE+-]+) on 1 procs for (\d+) steps with (\d+) atoms", out)
    builds = re.search(r"Neighbor list builds = (\d+)", out)
    if not match:
        sys.exit("could not read LAMMPS's loop time:\n" + out)
    seconds, nsteps, atoms = float(match.group(1)), int(match.group(2)), int(match.group(3))
    return {"seconds": seconds, "steps": nsteps, "atoms": atoms, "atom_steps_per_second": atoms * nsteps / seconds,
            "neighbor_list_builds": int(builds.group(1)) if builds else None}


def run_basin(basin, style, parameters, data, elements, temperature, steps, threads):
    command = [basin, "md", data, "--elements", ",".join(elements), "--potential", style, "--parameters", parameters,
               "--temperature", str(temperature), "--dt", "0.001", "--skin", "2.0", "--steps", str(steps),
               "--ensemble", "nve", "--seed", "4928459", "--thermo", str(steps), "--threads", str(threads), "--json"]
    summary = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    return {"seconds": summary["loopSeconds"], "steps": summary["steps"], "atoms": summary["atoms"],
            "atom_steps_per_second": summary["atomStepsPerSecond"], "neighbor_list_builds": summary["neighborListBuilds"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--temperature", type=float, default=1000.0, help="initial temperature (K)")
    parser.add_argument("--si-cells", type=int, default=8, help="diamond cells per edge")
    parser.add_argument("--quartz-cells", type=int, default=7, help="quartz cells per edge")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest counts")
    parser.add_argument("--basin", help="a built basin binary (default: build release with SwiftPM)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args()

    lmp = structures.ensure_lammps_with_potentials()
    basin = structures.build_basin(args.basin)
    report = {}
    with tempfile.TemporaryDirectory() as work:
        for name, style, parameters, structure in problems(args.si_cells, args.quartz_cells):
            data = os.path.join(work, name + ".data")
            structures.write_data(data, structure)
            common = (style, parameters, data, structure.elements, args.temperature, args.steps)
            best = {}
            for _ in range(args.repeat):
                # Interleave the runs so that any drift in machine load affects all of them alike.
                for run_name, run in [("lammps", lambda: run_lammps(lmp, *common)),
                                      ("basin_1_thread", lambda: run_basin(basin, *common, 1)),
                                      ("basin_2_threads", lambda: run_basin(basin, *common, 2))]:
                    result = run()
                    if run_name not in best or result["atom_steps_per_second"] > best[run_name]["atom_steps_per_second"]:
                        best[run_name] = result
            rate = {k: v["atom_steps_per_second"] for k, v in best.items()}
            report[name] = {
                "problem": f"{style} {structure.elements}, {len(structure.symbols)} atoms, T0 = {args.temperature} K, "
                           f"NVE dt = 1 fs, {args.steps} steps, skin 2 A",
                "runs": best,
                "basin_1_thread_over_lammps": rate["basin_1_thread"] / rate["lammps"],
                "basin_2_threads_over_1_thread": rate["basin_2_threads"] / rate["basin_1_thread"],
            }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for entry in report.values():
        print(entry["problem"])
        for name, r in entry["runs"].items():
            print(f"  {name:16s} {r['atom_steps_per_second'] / 1e6:7.3f} M atom-steps/s  ({r['seconds']:.2f} s loop, "
                  f"{r['neighbor_list_builds']} neighbor-list builds)")
        print(f"  Basin 1 thread / LAMMPS 1 process: {entry['basin_1_thread_over_lammps']:.2f}x")
        print(f"  Basin 2 threads / Basin 1 thread:  {entry['basin_2_threads_over_1_thread']:.2f}x")


if __name__ == "__main__":
    main()
