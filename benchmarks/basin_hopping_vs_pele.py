#!/usr/bin/env python3
"""Basin hopping on a Lennard-Jones cluster: Basin's `basin hop` and pele side by side.

For each seed index, both programs start an N-atom LJ cluster (reduced units) from a random
configuration seeded with that index and hop until a minimum within --tolerance of the
published global minimum is found, or --budget steps pass. The table gives, per seed, the
step of the first hit and the wall time to it, and each program's time per basin-hopping
step (all its wall time over all its steps); then the two medians and the two ratios
Basin / pele. A run that misses within the budget counts with its full time, a lower bound
on its real time to the hit (marked '>'), so censoring can only favour the program that
misses.

Setups (each program's own defaults for an LJ cluster):
- pele (PyPI `pele`, `pele.systems.LJCluster(N)`, `get_basinhopping(database=db)`): random
  start uniform in a cube of half-width 0.7 N^(1/3); random displacement of every coordinate,
  initial step 0.6, Metropolis at T = 1.0 with pele's `AdaptiveStepsizeTemperature` (every
  100 steps: step and T scaled by 0.95 toward 80 % new minima and 30 % acceptance of those);
  quench `lbfgs_cpp` (C++ L-BFGS, M = 4, maximum step 0.1, converged at an rms gradient of
  1e-5); accepted minima stored in pele's in-memory SQLite database. numpy's and Python's
  generators are seeded with the index.
- Basin (`basin hop --atoms N --seed S`, its defaults): random start in a sphere at density 1
  (no pair closer than 0.8); uniform displacement of every coordinate, initial step 0.4,
  adapted every 50 steps by 0.9 toward 50 % acceptance; Metropolis at T = 1.0; quench
  `BasinHoppingLBFGS` (m = 4, maximum step 0.1, maximum rise 1e-4) converged when every atom's
  force is below 1e-5, at least as strict as pele's rms 1e-5 (which allows a largest force of
  up to 1e-5·√(3N)); GMIN's spherical container; every distinct minimum recorded.

pele is installed with pip into a virtual environment (--venv) when it cannot be imported,
and the script re-runs itself there; Basin's release binary is built with SwiftPM when
missing. Usage:

    swift build -c release --product basin
    python3 benchmarks/basin_hopping_vs_pele.py --seeds 10 --budget 20000
"""

import argparse
import contextlib
import io
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_VENV = Path.home() / ".cache" / "basin" / "pele-venv"
# Global minimum of LJ38 (Cambridge Cluster Database; data/lj-clusters/energies.csv).
LJ38_MINIMUM = -173.928427


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--atoms", type=int, default=38, help="cluster size N (default 38)")
    parser.add_argument("--target", type=float, default=LJ38_MINIMUM, help="global-minimum energy (ε)")
    parser.add_argument("--tolerance", type=float, default=1e-4, help="a hit is an energy ≤ target + tolerance")
    parser.add_argument("--seeds", type=int, default=10, help="seed indices 0 … seeds − 1 (default 10)")
    parser.add_argument("--budget", type=int, default=20000, help="step cap per run (default 20000)")
    parser.add_argument("--basin", type=Path, default=ROOT / ".build" / "release" / "basin", help="the basin binary")
    parser.add_argument("--scratch-path", type=Path, help="SwiftPM scratch path used to build a missing binary")
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV, help="virtual environment for pele")
    parser.add_argument("--only", choices=["basin", "pele"], help="run one program only")
    parser.add_argument("--json", type=Path, help="also write every run and the summary to this file")
    return parser.parse_args()


def ensure_pele(venv: Path):
    """Imports pele, or installs it into `venv` and re-runs this script with that interpreter."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # pele prints a note on import
            import pele  # noqa: F401
        return
    except ImportError:
        pass
    python = venv / "bin" / "python"
    if Path(sys.prefix).resolve() == venv.resolve():
        sys.exit(f"pele is not importable from {python} even after installation")
    if not python.exists():
        print(f"creating {venv} and installing pele with pip …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "pele"], check=True)
    os.execv(str(python), [str(python), *sys.argv])


def ensure_basin(binary: Path, scratch: Path | None):
    if binary.exists():
        return binary
    command = ["swift", "build", "-c", "release", "--product", "basin"]
    if scratch:
        command += ["--scratch-path", str(scratch)]
        binary = scratch / "release" / "basin"
    print("building:", " ".join(command), file=sys.stderr)
    subprocess.run(command, cwd=ROOT, check=True)
    return binary


def run_pele(seed, args):
    import numpy as np
    with contextlib.redirect_stdout(io.StringIO()):  # pele prints a note when these load
        from pele.systems import LJCluster

    np.random.seed(seed)
    random.seed(seed)
    system = LJCluster(args.atoms)
    database = system.create_database()
    threshold = args.target + args.tolerance
    start = time.perf_counter()
    hopping = system.get_basinhopping(database=database, outstream=None)  # quenches the random start
    lowest = hopping.markovE
    hit = 0 if lowest <= threshold else None
    steps = 0
    while hit is None and steps < args.budget:
        hopping.takeOneStep()
        steps += 1
        lowest = min(lowest, hopping.trial_energy)
        if lowest <= threshold:
            hit = steps
    seconds = time.perf_counter() - start
    return {"seed": seed, "hit": hit, "steps": steps, "seconds": seconds, "lowest": lowest}


def run_basin(seed, binary, args):
    command = [str(binary), "hop", "--atoms", str(args.atoms), "--seed", str(seed), "--steps", str(args.budget),
               "--target-energy", repr(args.target), "--target-tolerance", repr(args.tolerance),
               "--json"]
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if completed.returncode != 0:
        sys.exit(f"basin failed ({completed.returncode}): {completed.stderr.strip()}")
    summary = json.loads(completed.stdout)
    return {"seed": seed, "hit": summary.get("targetStep"), "steps": summary["steps"], "seconds": seconds,
            "lowest": summary["lowestEnergy"]}


def summarize(runs):
    """Median steps and seconds to the first hit (misses count with their totals) and time per step."""
    steps = [r["hit"] if r["hit"] is not None else r["steps"] for r in runs]
    total_steps = sum(r["steps"] for r in runs)
    return {
        "hits": sum(r["hit"] is not None for r in runs),
        "median_steps": statistics.median(steps),
        "median_seconds": statistics.median(r["seconds"] for r in runs),
        "seconds_per_step": sum(r["seconds"] for r in runs) / max(total_steps, 1),
    }


def cell(run):
    if run is None:
        return f"{'':>8} {'':>9}"
    mark = "" if run["hit"] is not None else ">"
    steps = run["hit"] if run["hit"] is not None else run["steps"]
    return f"{mark + str(steps):>8} {run['seconds']:>8.2f}s"


def main():
    args = parse_arguments()
    if args.only != "basin":
        ensure_pele(args.venv)
    binary = ensure_basin(args.basin, args.scratch_path) if args.only != "pele" else None
    runs = {"basin": [], "pele": []}
    print(f"LJ{args.atoms}: first hit of E ≤ {args.target} + {args.tolerance}, budget {args.budget} steps per run")
    print(f"{'seed':>4}  {'Basin steps':>11} {'time':>6}   {'pele steps':>10} {'time':>6}")
    for seed in range(args.seeds):
        # Interleaved, so that both programs see the same machine load.
        basin = run_basin(seed, binary, args) if binary else None
        pele = run_pele(seed, args) if args.only != "basin" else None
        for name, run in (("basin", basin), ("pele", pele)):
            if run:
                runs[name].append(run)
        print(f"{seed:>4}  {cell(basin)}   {cell(pele)}", flush=True)

    summaries = {name: summarize(r) for name, r in runs.items() if r}
    print()
    print(f"{'':>22} {'hits':>6} {'median steps':>13} {'median time':>12} {'time/step':>11}")
    for name, s in summaries.items():
        print(f"{name:>22} {s['hits']:>3}/{args.seeds:<2} {s['median_steps']:>13.1f} {s['median_seconds']:>11.3f}s "
              f"{1e3 * s['seconds_per_step']:>8.3f} ms")
    if len(summaries) == 2:
        b, p = summaries["basin"], summaries["pele"]
        time_ratio = b["median_seconds"] / p["median_seconds"]
        step_ratio = b["seconds_per_step"] / p["seconds_per_step"]
        print()
        print(f"Basin / pele, median wall time to the first hit: {time_ratio:.3f}  (required ≤ 0.5)")
        print(f"Basin / pele, time per basin-hopping step:       {step_ratio:.3f}  (required ≤ 0.5)")
        summaries["ratios"] = {"median_time_to_hit": time_ratio, "time_per_step": step_ratio}
    if args.json:
        args.json.write_text(json.dumps({"runs": runs, "summary": summaries}, indent=2))


if __name__ == "__main__":
    main()
