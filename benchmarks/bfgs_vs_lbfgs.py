#!/usr/bin/env python3
"""BFGS vs L-BFGS to a gradient tolerance on ~10^5 training points (`basin train`).

The scale of the Amp project report's comparison: a 2x20 tanh network (~1,100 weights) fitted to
energies and forces of on the order of 10^5 training points, each method run until the largest
component of the loss gradient (per structure) is below --tolerance.

Data: `basin sample` runs Langevin MD of 64-atom Stillinger-Weber silicon (diamond, 2x2x2 cells)
at 300, 800, 1300, 1800 and 2500 K (1,000 equilibration steps, then a frame every 20 steps, the first included),
--frames / 5 frames per temperature (default 680 in all); `basin sf generate --cutoff 5.5` gives
the silicon quickstart's 32 symmetry functions. test_fraction 0.2 leaves 544 training frames, i.e.
544 x (1 + 3 x 64) = 104,992 training points (energies and force components).

Training (the same for both): scale-center inputs, normalized energies, loss force_weight 1,
energy_weight 1, no L2, seed 1, --threads threads, full batch; optimizer `bfgs` or `lbfgs`
(memory 10), iterations_per_epoch --iterations (the cap of each epoch; the curvature carries over
to the next), gradient_tolerance --tolerance; the run ends when the tolerance is met, or after
--budget seconds of training (SIGTERM: the current epoch is finished first), reported as not
converged.

Reported per method: training wall time (from the start of training to the last epoch's record,
train/test evaluations included), quasi-Newton iterations, epochs, whether it converged, peak
RSS of the basin process (its wait4 rusage), and the test energy (meV/atom) and force (meV/A)
RMSE of the final weights (learning-curve.csv's last row). With --parallel both methods run at
the same time (one core each on a two-core machine). Timings are wall-clock on whatever else
the machine is running; the load average before and after is printed.

Usage: python3 benchmarks/bfgs_vs_lbfgs.py --basin PATH [--work DIR] [--frames N]
       [--tolerance T] [--iterations N] [--threads N] [--budget S] [--parallel] [--json]
"""
import argparse
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from training_optimizers import base_config, fmt, log, read_frames, table, train  # noqa: E402

TEMPERATURES = [300, 800, 1300, 1800, 2500]
INTERVAL = 20


def make_data(basin, folder, frames):
    """folder/input.data (SW silicon MD frames, frames / 5 per temperature) and folder/sf.nn (32
    symmetry functions); kept when they exist."""
    data, functions = os.path.join(folder, "input.data"), os.path.join(folder, "sf.nn")
    if os.path.exists(data) and os.path.exists(functions):
        return data, functions
    os.makedirs(folder, exist_ok=True)
    per_temperature = max(1, round(frames / len(TEMPERATURES)))
    log(f"sampling {per_temperature} frames per temperature of SW silicon into {data} ...")
    subprocess.run([basin, "sample", "--lattice", "diamond", "--element", "Si", "--lattice-constant", "5.431",
                    "--cells", "2", "--potential", "sw", "--parameters", "Si",
                    "--temperatures", ",".join(map(str, TEMPERATURES)), "--equilibrate", "1000",
                    "--steps", str((per_temperature - 1) * INTERVAL), "--interval", str(INTERVAL), "--output", data],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([basin, "sf", "generate", "--data", data, "--cutoff", "5.5", "--output", functions],
                   check=True, stdout=subprocess.DEVNULL)
    return data, functions


def load_average():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def summarize(method, result, atoms):
    curve, last = result["curve"], result["curve"][-1]
    train_structures = result["train_structures"]
    return {
        "method": method, "weights": result["weights"], "train_structures": train_structures,
        "training_points": train_structures * (1 + 3 * atoms) if train_structures else None,
        "converged": bool(last["converged"]), "iterations": int(last["iterations"]), "epochs": last["epoch"],
        "training_seconds": result["epoch_times"].get(last["epoch"], sum(row["seconds"] for row in curve)),
        "peak_rss_mb": result["peak_rss_mb"],
        "test_energy_rmse_mev_per_atom": 1000 * last["test_energy_rmse"],
        "test_force_rmse_mev_per_angstrom": 1000 * last["test_force_rmse"],
        "train_energy_rmse_mev_per_atom": 1000 * last["train_energy_rmse"],
        "train_force_rmse_mev_per_angstrom": 1000 * last["train_force_rmse"],
        "final_train_loss": last["loss"],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--basin", required=True, help="a built basin binary (release)")
    parser.add_argument("--work", help="folder for the data and runs (default: a temporary folder, removed)")
    parser.add_argument("--frames", type=int, default=680, help="frames sampled (default 680: 544 train / 136 test)")
    parser.add_argument("--tolerance", type=float, default=1e-4, help="gradient_tolerance (default 1e-4)")
    parser.add_argument("--iterations", type=int, default=50, help="iterations_per_epoch, the cap per epoch (default 50)")
    parser.add_argument("--threads", type=int, default=1, help="threads of each run (default 1)")
    parser.add_argument("--budget", type=float, default=1800, help="training seconds per method before it is stopped (default 1800)")
    parser.add_argument("--parallel", action="store_true", help="run BFGS and L-BFGS at the same time")
    parser.add_argument("--json", action="store_true", help="print one JSON document (the table goes to stderr)")
    args = parser.parse_args()
    if args.tolerance <= 0 or args.iterations < 1 or args.threads < 1 or args.budget <= 0 or args.frames < 10:
        sys.exit("need --tolerance > 0, --iterations >= 1, --threads >= 1, --budget > 0 and --frames >= 10")

    work = args.work or tempfile.mkdtemp(prefix="basin-bfgs-")
    try:
        data, functions = make_data(args.basin, os.path.join(work, "data"), args.frames)
        atoms = sum(1 for line in read_frames(data)[0] if line.startswith("atom"))
        before = load_average()
        runs = {}
        for method in ("bfgs", "lbfgs"):
            config = base_config(data, functions, (20, 20), 1)
            config.update(threads=args.threads, epochs=100000, optimizer={
                "name": method, "iterations_per_epoch": args.iterations, "gradient_tolerance": args.tolerance})
            runs[method] = config
        log(f"training BFGS and L-BFGS ({'in parallel' if args.parallel else 'one after the other'}), "
            f"load average {before} ...")
        with concurrent.futures.ThreadPoolExecutor(max_workers=2 if args.parallel else 1) as pool:
            futures = {m: pool.submit(train, args.basin, work, m, c, budget=args.budget) for m, c in runs.items()}
            rows = [summarize(m, futures[m].result(), atoms) for m in runs]
        after = load_average()
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)

    header = ["method", "weights", "points", "converged", "iterations", "epochs", "time (s)", "peak RSS (MB)",
              "test E (meV/atom)", "test F (meV/A)"]
    lines = [[r["method"], r["weights"], r["training_points"], r["converged"], r["iterations"], r["epochs"],
              fmt(r["training_seconds"], ".0f"), fmt(r["peak_rss_mb"], ".0f"),
              fmt(r["test_energy_rmse_mev_per_atom"], ".3f"), fmt(r["test_force_rmse_mev_per_angstrom"], ".1f")]
             for r in rows]
    title = (f"BFGS vs L-BFGS: tolerance {args.tolerance:g}, cap {args.iterations} iterations per epoch, "
             f"{args.threads} thread(s), {'parallel' if args.parallel else 'sequential'}; "
             f"load average before {before}, after {after}")
    print(table(title, header, lines), file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps({"tolerance": args.tolerance, "iterations_per_epoch": args.iterations, "threads": args.threads,
                          "parallel": args.parallel, "load_before": before, "load_after": after, "runs": rows}, indent=2))


if __name__ == "__main__":
    main()
