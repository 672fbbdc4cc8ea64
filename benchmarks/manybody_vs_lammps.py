#!/usr/bin/env python3
"""Many-body potentials: Basin against LAMMPS, side by side in one run, with Basin's thread scaling.

Two problems, each written once as a LAMMPS data file that both codes read:
- Stillinger-Weber silicon (`pair_style sw`, LAMMPS's Si.sw: Stillinger & Weber, Phys. Rev. B 31,
  5262 (1985)): diamond 8x8x8 at a = 5.431 A, 4096 atoms;
- Vashishta silica (`pair_style vashishta`, SiO.1990.vashishta: Vashishta et al., Phys. Rev. B
  41, 12197 (1990)): alpha-quartz 7x7x7 (triclinic cell), 3087 atoms.
Velocities at 1000 K, NVE, dt = 1 fs, 1000 steps, metal units, neighbor skin 2 A rebuilt when an
atom has moved half the skin (LAMMPS `neigh_modify delay 0 every 1 check yes`). The inputs and
runners are those of kernels_vs_lammps.py. LAMMPS runs as one process (`lmp`, from Debian's
lammps and lammps-data packages, installed when missing); Basin with one and with two threads.
Reported: atom-steps per wall-clock second of each integration loop, Basin(1 thread) / LAMMPS
and Basin's two-thread speed-up.
Usage: python3 benchmarks/manybody_vs_lammps.py [--steps 1000] [--repeat 1] [--json] [--basin PATH]
"""
import argparse
import json
import tempfile

import kernels_vs_lammps as kernels
import manybody_structures as structures


def problems(si_cells, quartz_cells, steps, temperature, work):
    """The two problems as kernels_vs_lammps.Problem, their data files written into `work`."""
    silicon = structures.diamond(cells=(si_cells,) * 3)
    quartz = structures.quartz(cells=(quartz_cells,) * 3)
    return [kernels.many_body_problem("sw_silicon", f"sw Si, {len(silicon.symbols)} atoms", "sw", structures.SW_SILICON,
                                      silicon, steps, work, temperature),
            kernels.many_body_problem("vashishta_quartz", f"vashishta SiO2, {len(quartz.symbols)} atoms", "vashishta",
                                      structures.VASHISHTA_SILICA, quartz, steps, work, temperature)]


def wall_rate(run):
    """Atom-steps per wall-clock second (what a second thread can raise)."""
    return run["atoms"] * run["steps"] / run["seconds"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--temperature", type=float, default=1000.0, help="initial temperature (K)")
    parser.add_argument("--si-cells", type=int, default=8, help="diamond cells per edge")
    parser.add_argument("--quartz-cells", type=int, default=7, help="quartz cells per edge")
    lmp, basin, args = kernels.prepare(parser, repeat=1, counts="the fastest")
    report = {}
    with tempfile.TemporaryDirectory() as work:
        for problem in problems(args.si_cells, args.quartz_cells, args.steps, args.temperature, work):
            best = {}
            for _ in range(args.repeat):
                # Interleave the runs so that any drift in machine load affects all of them alike.
                for run_name, run in [("lammps", lambda: kernels.run_lammps(lmp, problem, work)),
                                      ("basin_1_thread", lambda: kernels.run_basin(basin, problem, 1)),
                                      ("basin_2_threads", lambda: kernels.run_basin(basin, problem, 2))]:
                    result = run()
                    if run_name not in best or wall_rate(result) > wall_rate(best[run_name]):
                        best[run_name] = result
            rate = {k: wall_rate(v) for k, v in best.items()}
            report[problem.name] = {
                "problem": f"{problem.title}, T0 = {args.temperature} K, NVE dt = 1 fs, {args.steps} steps, skin 2 A",
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
            print(f"  {name:16s} {wall_rate(r) / 1e6:7.3f} M atom-steps/s  ({r['seconds']:.2f} s loop, "
                  f"{r['neighbor_list_builds']} neighbor-list builds)")
        print(f"  Basin 1 thread / LAMMPS 1 process: {entry['basin_1_thread_over_lammps']:.2f}x")
        print(f"  Basin 2 threads / Basin 1 thread:  {entry['basin_2_threads_over_1_thread']:.2f}x")


if __name__ == "__main__":
    main()
