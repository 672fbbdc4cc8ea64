#!/usr/bin/env python3
"""Basin hopping on the hard Lennard-Jones clusters: hits of the global minimum from random starts.

For every cluster size (default LJ75, LJ76, LJ77, LJ98, LJ102, LJ103, LJ104: the Marks
decahedra, the Leary tetrahedron and the decahedra with extra atoms) and every seed, runs

    basin hop --atoms N --seed S --steps BUDGET --target-energy E --json <options>

where E is the Cambridge Cluster Database energy from data/lj-clusters/energies.csv and
<options> defaults to --multi-funnel. A run stops at its first minimum within 1e-4 of E (a hit)
or after BUDGET steps. The script prints one row per run as it finishes (appended to --log as
JSON lines, so an interrupted campaign keeps its runs and --resume goes on from them), then
per cluster the hits and, over the hits, the median steps, wall time and CPU time (the run's
own, from wait4) to the first hit, and the machine load.

Runs go one after another unless --jobs says otherwise; start the campaign with `nice` so
that it yields to other work. Usage:

    swift build -c release --product basin
    nice python3 benchmarks/hard_lj_clusters.py --seeds 5 --budget 200000
"""

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HARD_SIZES = [75, 76, 77, 98, 102, 103, 104]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=HARD_SIZES, help="cluster sizes N")
    parser.add_argument("--seeds", type=int, default=5, help="seeds 1 … seeds (default 5)")
    parser.add_argument("--budget", type=int, default=200000, help="step cap per run (default 200000)")
    parser.add_argument("--jobs", type=int, default=1, help="runs at once (default 1)")
    parser.add_argument("--basin", default=str(ROOT / ".build" / "release" / "basin"), help="the basin binary")
    parser.add_argument("--log", default="hard_lj_clusters.jsonl", help="JSON lines of the finished runs")
    parser.add_argument("--options", default="--multi-funnel", help="further basin hop options (one string)")
    parser.add_argument("--resume", action="store_true", help="keep the runs already in --log and do only the others")
    parser.add_argument("--summarize", action="store_true", help="only print the table of the runs in --log")
    return parser.parse_args()


def reference_energies():
    with open(ROOT / "data" / "lj-clusters" / "energies.csv", newline="") as handle:
        return {int(row["N"]): float(row["energy_published"]) for row in csv.DictReader(handle)}


def run(arguments, atoms, seed, target):
    command = [arguments.basin, "hop", "--atoms", str(atoms), "--seed", str(seed), "--steps", str(arguments.budget),
               "--target-energy", str(target), "--json"] + arguments.options.split()
    # wait4 gives the run's own CPU time, which the load of the machine changes little.
    with tempfile.TemporaryFile(mode="w+") as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True)
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(command)} failed: {errors.read().strip()}")
    summary = json.loads(output)
    hit = summary["stopReason"] == "targetReached"
    return {"atoms": atoms, "seed": seed, "hit": hit, "steps": summary["steps"], "seconds": summary["seconds"],
            "cpuSeconds": usage.ru_utime + usage.ru_stime, "lowest": summary["lowestEnergy"], "target": target,
            "msPerStep": 1e3 * summary["secondsPerStep"],
            "options": arguments.options}


def main():
    arguments = parse_arguments()
    if not Path(arguments.basin).exists():
        subprocess.run(["swift", "build", "-c", "release", "--product", "basin"], cwd=ROOT, check=True)
    energies = reference_energies()
    tasks = [(n, s) for s in range(1, arguments.seeds + 1) for n in arguments.sizes]
    results = []
    if (arguments.resume or arguments.summarize) and Path(arguments.log).exists():
        with open(arguments.log) as handle:
            results = [row for row in map(json.loads, handle) if row["options"] == arguments.options]
        done = {(row["atoms"], row["seed"]) for row in results}
        tasks = [task for task in tasks if task not in done and not arguments.summarize]
    print(f"{'N':>4} {'seed':>4} {'hit':>4} {'steps':>8} {'seconds':>9} {'CPU s':>8} {'lowest':>12}", flush=True)
    with ThreadPoolExecutor(max_workers=arguments.jobs) as pool, open(arguments.log, "a") as log:
        futures = [pool.submit(run, arguments, n, s, energies[n]) for n, s in tasks]
        for future in as_completed(futures):
            row = future.result()
            results.append(row)
            log.write(json.dumps(row) + "\n")
            log.flush()
            print(f"{row['atoms']:>4} {row['seed']:>4} {'yes' if row['hit'] else 'no':>4} {row['steps']:>8} "
                  f"{row['seconds']:>9.1f} {row.get('cpuSeconds', float('nan')):>8.1f} {row['lowest']:>12.6f}", flush=True)

    print(f"\nbasin hop {arguments.options}, {arguments.seeds} seeds, at most {arguments.budget} steps; "
          f"load average {os.getloadavg()[0]:.2f}")
    print("| cluster | global minimum (ε) | hits | median steps to the first hit | median wall time | median CPU time |")
    print("| --- | --- | --- | --- | --- | --- |")
    for n in arguments.sizes:
        rows = [r for r in results if r["atoms"] == n]
        hits = [r for r in rows if r["hit"]]
        steps = f"{statistics.median(r['steps'] for r in hits):,.0f}" if hits else "–"
        wall = f"{statistics.median(r['seconds'] for r in hits):.1f} s" if hits else "–"
        timed = [r['cpuSeconds'] for r in hits if 'cpuSeconds' in r]
        cpu = f"{statistics.median(timed):.1f} s" if timed else "–"
        print(f"| LJ{n} | {energies[n]:.6f} | {len(hits)}/{len(rows)} | {steps} | {wall} | {cpu} |")


if __name__ == "__main__":
    main()
