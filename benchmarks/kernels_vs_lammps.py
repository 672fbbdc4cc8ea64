#!/usr/bin/env python3
"""Pair and many-body kernels on one core: Basin's `basin md` against Debian's LAMMPS.

Four problems, each run by both codes in turn (interleaved, so that drifting machine load hits
both alike), one thread or process each; the median loop time of the repeats counts:
- lj_cut, lj_cut_opt: LAMMPS's `bench/in.lj` as distributed: 32,000 atoms on an fcc lattice at
  reduced density 0.8442, velocities at T = 1.44, cutoff 2.5 σ, skin 0.3 σ, lists rebuilt every
  20 steps without checking, NVE with dt = 0.005 for 100 steps; `pair_style lj/cut`, and the
  same input run with `-sf opt` (`lj/cut/opt`). Basin builds the same lattice and rebuilds its
  list every 20 steps too (`--neighbor-every 20`).
- sw: Stillinger-Weber silicon (LAMMPS `sw`, Si.sw), diamond 8x8x8 at a = 5.431 A (4,096 atoms).
- vashishta_table: Vashishta silica (`pair_style vashishta/table 100000 0.2`,
  SiO.1990.vashishta), alpha-quartz 7x7x7 (3,087 atoms).
The many-body problems are written once as a LAMMPS data file that both codes read; velocities
at 1000 K, NVE, dt = 1 fs, skin 2 A, LAMMPS lists checked every step (Basin's rule: half the
skin). Reported per problem: atom-steps per processor-second of each loop (LAMMPS's loop time
times its "% CPU use"; Basin's `loopProcessorSeconds`), which a busy machine disturbs less than
wall time, and Basin's speed-up over LAMMPS in it; wall times are kept in the JSON.
Usage: python3 benchmarks/kernels_vs_lammps.py [--only NAME] [--repeat 3] [--basin PATH] [--json]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

import manybody_structures as structures

IN_LJ = """units       lj
atom_style  atomic
lattice     fcc 0.8442
region      box block 0 20 0 20 0 20
create_box  1 box
create_atoms 1 box
mass        1 1.0
velocity    all create 1.44 87287 loop geom
pair_style  lj/cut 2.5
pair_coeff  1 1 1.0 1.0 2.5
neighbor    0.3 bin
neigh_modify delay 0 every 20 check no
fix         1 all nve
run         100
"""

MANY_BODY = """units       metal
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


class Problem:
    """One comparison: how LAMMPS and Basin run it."""

    def __init__(self, name, title, lammps_input, lammps_flags, basin_arguments, structure=None):
        self.name, self.title = name, title
        self.lammps_input, self.lammps_flags = lammps_input, lammps_flags
        self.basin_arguments, self.structure = basin_arguments, structure


def problems(work):
    """The four problems; many-body data files are written into `work`."""
    lj = ["--lattice", "fcc", "--density", "0.8442", "--cells", "20", "--potential", "lj", "--cutoff", "2.5",
          "--skin", "0.3", "--temperature", "1.44", "--dt", "0.005", "--steps", "100", "--seed", "87287",
          "--thermo", "100", "--neighbor-every", "20"]
    found = [Problem("lj_cut", "LJ in.lj, 32,000 atoms, 100 steps: LAMMPS lj/cut", IN_LJ, [], lj),
             Problem("lj_cut_opt", "LJ in.lj, 32,000 atoms, 100 steps: LAMMPS lj/cut/opt", IN_LJ, ["-sf", "opt"], lj)]
    found.append(many_body_problem("sw", "SW Si diamond 8x8x8, 4,096 atoms, 500 steps: LAMMPS sw", "sw",
                                   structures.SW_SILICON, structures.diamond(cells=(8, 8, 8)), 500, work))
    found.append(many_body_problem("vashishta_table",
                                   "Vashishta SiO2 quartz 7x7x7, 3,087 atoms, 100 steps: LAMMPS vashishta/table",
                                   "vashishta/table 100000 0.2", structures.VASHISHTA_SILICA,
                                   structures.quartz(cells=(7, 7, 7)), 100, work))
    return found


def many_body_problem(name, title, style, parameters, structure, steps, work, temperature=1000.0):
    """A many-body problem in metal units: `structure` written as a LAMMPS data file into `work`,
    LAMMPS's `pair_style style` against Basin's potential of the same name (before any '/')."""
    data = os.path.join(work, name + ".data")
    structures.write_data(data, structure)
    elements = structure.elements
    text = MANY_BODY.format(data=data, style=style, parameters=parameters, elements=" ".join(elements), steps=steps,
                            temperature=temperature)
    basin = [data, "--elements", ",".join(elements), "--potential", style.split("/")[0], "--parameters", parameters,
             "--temperature", str(temperature), "--dt", "0.001", "--skin", "2.0", "--steps", str(steps),
             "--seed", "4928459", "--thermo", str(steps)]
    return Problem(name, title, text, [], basin, structure)


def run_lammps(lmp, problem, work):
    """Loop seconds, atom-steps per processor-second and LAMMPS's own time breakdown of one run."""
    path = os.path.join(work, "in." + problem.name)
    with open(path, "w") as f:
        f.write(problem.lammps_input)
    out = subprocess.run([lmp, *problem.lammps_flags, "-in", path, "-log", "none"], cwd=work, check=True,
                         capture_output=True, text=True, env=dict(os.environ, OMP_NUM_THREADS="1")).stdout
    match = re.search(r"Loop time of ([0-9.eE+-]+) on 1 procs for (\d+) steps with (\d+) atoms", out)
    if not match:
        sys.exit(f"could not read LAMMPS's loop time for {problem.name}:\n" + out)
    seconds, steps, atoms = float(match.group(1)), int(match.group(2)), int(match.group(3))
    share = re.search(r"([0-9.]+)% CPU use", out)
    processor = seconds * float(share.group(1)) / 100 if share else seconds
    sections = {name.lower(): float(t) for name, t in re.findall(r"^(Pair|Neigh|Comm|Modify|Other)\s*\|\s*([0-9.eE+-]+)",
                                                                  out, re.MULTILINE)}
    builds = re.search(r"Neighbor list builds = (\d+)", out)
    return {"seconds": seconds, "processor_seconds": processor, "atoms": atoms, "steps": steps,
            "atom_steps_per_second": atoms * steps / processor, "sections": sections,
            "neighbor_list_builds": int(builds.group(1)) if builds else None}


def run_basin(basin, problem, threads=1):
    """Loop seconds and atom-steps per processor-second of one `basin md` run on `threads` threads."""
    command = [basin, "md", *problem.basin_arguments, "--ensemble", "nve", "--threads", str(threads), "--json"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"basin md failed for {problem.name}: {done.stderr.strip()}")
    summary = json.loads(done.stdout)
    processor = summary["loopProcessorSeconds"]
    return {"seconds": summary["loopSeconds"], "processor_seconds": processor, "atoms": summary["atoms"],
            "steps": summary["steps"], "atom_steps_per_second": summary["atoms"] * summary["steps"] / processor,
            "neighbor_list_builds": summary["neighborListBuilds"]}


def compare(lmp, basin, problem, repeat, work):
    """Interleaved runs of both codes; medians and the ratio Basin / LAMMPS in speed."""
    runs = {"lammps": [], "basin": []}
    load = [os.getloadavg()[0]]
    for _ in range(repeat):
        runs["lammps"].append(run_lammps(lmp, problem, work))
        runs["basin"].append(run_basin(basin, problem))
        load.append(os.getloadavg()[0])
    median = {side: statistics.median(r["atom_steps_per_second"] for r in rs) for side, rs in runs.items()}
    return {"title": problem.title, "runs": runs, "lammps_atom_steps_per_second": median["lammps"],
            "basin_atom_steps_per_second": median["basin"], "speedup": median["basin"] / median["lammps"],
            "load_average": [min(load), max(load)]}


def prepare(parser, repeat, counts):
    """Adds --repeat, --basin and --json to `parser`, parses the command line, and returns LAMMPS
    (installed when missing), the basin binary (built when not given) and the arguments."""
    parser.add_argument("--repeat", type=int, default=repeat, help=f"interleaved runs of each code; {counts} counts")
    parser.add_argument("--basin", help="a built basin binary (default: build release with SwiftPM)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args()
    return structures.ensure_lammps_with_potentials(), structures.build_basin(args.basin), args


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="run one problem: lj_cut, lj_cut_opt, sw or vashishta_table")
    lmp, basin, args = prepare(parser, repeat=3, counts="the median")
    report = {}
    with tempfile.TemporaryDirectory() as work:
        chosen = [p for p in problems(work) if args.only in (None, p.name)]
        if not chosen:
            sys.exit(f"no problem named {args.only}")
        for problem in chosen:
            report[problem.name] = compare(lmp, basin, problem, args.repeat, work)
            if not args.json:
                r = report[problem.name]
                print(f"{r['title']}: LAMMPS {r['lammps_atom_steps_per_second'] / 1e6:.3f} M atom-steps/s, "
                      f"Basin {r['basin_atom_steps_per_second'] / 1e6:.3f} M, Basin / LAMMPS {r['speedup']:.2f}x "
                      f"(load {r['load_average'][0]:.1f}-{r['load_average'][1]:.1f})", flush=True)
    if args.json:
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
