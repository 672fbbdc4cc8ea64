#!/usr/bin/env python3
"""Training optimizers compared on Stillinger-Weber silicon (`basin train`).

Data: `basin quickstart silicon --epochs 1` samples ~500 frames of 64-atom SW silicon (Langevin MD,
300-2500 K) into DIR/data/input.data and writes DIR/model/input.nn; the quickstart is stopped (SIGTERM
to its process) as soon as DIR/model/input.nn exists, so its validation MD is skipped. --data DIR reuses
such a folder. The quickstart's symmetry functions (its `cutoff_type` and `symfunction_short` lines)
are the inputs of every run.

Problem (the same for every method): a seeded random subset of --structures frames (default 150;
drawn across all temperatures), test_fraction 0.2 (120 train / 30 test), a 10-10 tanh network
(~430 weights), scale-center input scaling, normalized energies, loss force_weight 1, energy_weight 1,
one thread. The dense methods need the small network and subset: BFGS and the Kalman filter keep a
P x P matrix (8 P^2 bytes), and Levenberg-Marquardt a Jacobian of train x (1 + 3*64) rows by P
(120 x 193 x 430 doubles = 80 MB) and P^2 work per row.

Studies:
 1. BFGS vs L-BFGS (memory 10; 10 iterations per epoch; the curvature carries over from epoch to
    epoch, as in `basin train`): test energy/force RMSE after the same wall-time budget, the time, and peak
    RSS of the basin process (its wait4 rusage; /usr/bin/time -v would intercept the stop signal) next to
    the 8 P^2 bytes of BFGS's inverse Hessian. A memory probe repeats both with a 40-40 network
    (~2900 weights, 68 MB matrix) for a few iterations, where the difference shows in the RSS.
 2. Adam with and without the simulated-annealing pre-search, over --seeds seeds (each seed also
    draws the train/test split and the initial weights; the comparison is paired): wall time (from
    the start of training, so annealing is included; data loading is not) and epochs until the
    training loss per structure (learning-curve column `loss`) is at most --target. Annealing
    temperatures are in loss units (the YAML has no relative scale): t_max = Gamma_0, the initial
    total training loss (measured by an epoch-0 run per seed), t_min = Gamma_0/800, i.e. the
    library's `initialLoss` scale with its default 2000/2.5 ratio.
 3. Adam, NAdam (learning rate 1e-3, batch 8), Levenberg-Marquardt (1 iteration per epoch) and the
    Kalman filter (n2p2's defaults, short_force_fraction 0.1), plus BFGS and L-BFGS from
    study 1: test RMSE after the same wall-time budget.

Budgets: a run stops (SIGTERM: `basin train` finishes the current epoch and writes its learning curve)
when its training time passes the budget; results are read at the last epoch within the budget (by
the learning curve's cumulative `seconds`, which include each epoch's train/test evaluation).
Timings are wall-clock on whatever else the machine is running.

Usage: python3 benchmarks/training_optimizers.py [--quick] [--data DIR] [--basin PATH]
       [--scratch-path DIR] [--work DIR] [--budget S] [--seeds N] [--target LOSS] [--json]
"""
import argparse
import json
import os
import queue
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def log(message):
    print(message, file=sys.stderr, flush=True)


def build_basin(basin, scratch_path):
    """The release `basin` binary (built with SwiftPM unless a path is given)."""
    if basin:
        return basin
    command = ["swift", "build", "-c", "release"] + (["--scratch-path", scratch_path] if scratch_path else [])
    log("building basin (release) ...")
    subprocess.run(command + ["--product", "basin"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    bin_path = subprocess.run(command + ["--show-bin-path"], cwd=ROOT, check=True, capture_output=True,
                              text=True).stdout.strip()
    return os.path.join(bin_path, "basin")


def wait_rusage(proc):
    """Waits for `proc`; returns (exit status, peak RSS in MB) from wait4 of that process alone."""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss / 1024.0


def make_data(basin, folder):
    """DIR/data/input.data and DIR/model/input.nn from `basin quickstart silicon` (stopped after training)."""
    data = os.path.join(folder, "data", "input.data")
    nn = os.path.join(folder, "model", "input.nn")
    if os.path.exists(data) and os.path.exists(nn):
        return data, nn, None
    os.makedirs(folder, exist_ok=True)
    log(f"sampling SW silicon with `basin quickstart silicon --epochs 1` into {folder} ...")
    started = time.time()
    proc = subprocess.Popen([basin, "quickstart", "silicon", "--output", folder, "--epochs", "1", "--threads", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stopped = False
    while proc.poll() is None:
        if os.path.exists(nn) and not stopped:
            proc.send_signal(signal.SIGTERM)  # the validation MD is not needed
            stopped = True
        time.sleep(0.5)
    if not (os.path.exists(data) and os.path.exists(nn)):
        sys.exit(f"quickstart did not write {data} and {nn} (exit status {proc.returncode})")
    return data, nn, time.time() - started


def read_frames(path):
    """The n2p2 blocks (begin ... end) of a structure file, as lists of lines."""
    frames, block = [], None
    with open(path) as f:
        for line in f:
            word = line.split()[0] if line.split() else ""
            if word == "begin":
                block = [line]
            elif block is not None:
                block.append(line)
                if word == "end":
                    frames.append(block)
                    block = None
    return frames


def functions_file(nn, path):
    """The cutoff_type and symfunction_short lines of an n2p2 input.nn."""
    lines = [line for line in open(nn) if line.split() and line.split()[0] in ("cutoff_type", "symfunction_short")]
    with open(path, "w") as f:
        f.writelines(lines)
    return sum(1 for line in lines if line.startswith("symfunction_short"))


def yaml_value(value):
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {yaml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_config(path, config):
    with open(path, "w") as f:
        for key, value in config.items():
            f.write(f"{key}: {yaml_value(value)}\n")


def read_curve(path):
    """The learning curve as a list of dicts of floats (epoch as int)."""
    rows = []
    if not os.path.exists(path):
        return rows
    with open(path) as f:
        header = f.readline().strip().split(",")
        for line in f:
            parts = line.strip().split(",")
            if len(parts) == len(header):
                row = {k: float(v) for k, v in zip(header, parts)}
                row["epoch"] = int(row["epoch"])
                rows.append(row)
    return rows


EPOCH_LINE = re.compile(r"^epoch (\d+)/")
# Seconds a stopped run may take to finish its epoch and write its checkpoint before a second
# signal ends it at once.
GRACE_SECONDS = 120
WEIGHTS = re.compile(r"(\d+) weights")
SETS = re.compile(r"(\d+) train and (\d+) test structures")


def train(basin, folder, name, config, budget=None, target=None):
    """Runs `basin train` on `config` in folder/name; stops it once the training time (from the
    "training:" note) passes `budget` seconds or the training loss per structure reaches `target`.

    Returns the learning curve, the stderr-timestamp of each epoch relative to the start of training,
    the annealing time, the weight count, the train/test set sizes, peak RSS (MB) and the exit status."""
    run = os.path.join(folder, name)
    os.makedirs(run, exist_ok=True)
    config = dict(config, output="out")
    path = os.path.join(run, "config.yaml")
    write_config(path, config)
    curve_path = os.path.join(run, "out", "learning-curve.csv")
    if os.path.exists(curve_path):
        os.remove(curve_path)
    launched = time.time()
    proc = subprocess.Popen([basin, "train", path, "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = queue.Queue()

    def pump():
        for line in proc.stderr:
            lines.put((time.time(), line.rstrip("\n")))
        lines.put((time.time(), None))

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    stdout = []
    out_reader = threading.Thread(target=lambda: stdout.append(proc.stdout.read()), daemon=True)
    out_reader.start()
    training_start, weights, sets, stopped, stderr_tail = None, None, None, False, []
    epoch_times, reached, stop_time = {}, None, None
    while True:
        try:
            now, line = lines.get(timeout=1.0)
        except queue.Empty:
            now, line = time.time(), ""
        # The budget runs on the clock, whatever the run prints (annealing, long epochs); a
        # stopped run that has not ended its epoch within the grace period is signalled again
        # (quit at once).
        if not stopped and budget is not None and training_start is not None and now - training_start >= budget:
            proc.send_signal(signal.SIGTERM)
            stopped, stop_time = True, now
        elif stopped and stop_time is not None and now - stop_time > GRACE_SECONDS:
            proc.send_signal(signal.SIGTERM)
            stop_time = None
        if line is None:
            break
        if not line:
            continue
        stderr_tail = (stderr_tail + [line])[-20:]
        if line.startswith("training:"):
            training_start = now
            match = WEIGHTS.search(line)
            weights = int(match.group(1)) if match else None
            match = SETS.search(line)
            sets = (int(match.group(1)), int(match.group(2))) if match else None
            continue
        match = EPOCH_LINE.match(line)
        if not match or training_start is None:
            continue
        epoch = int(match.group(1))
        epoch_times[epoch] = now - training_start
        if stopped:
            continue
        if target is not None:
            curve = read_curve(curve_path)
            if curve and curve[-1]["epoch"] == epoch and curve[-1]["loss"] <= target:
                reached = (epoch, now - training_start)
                proc.send_signal(signal.SIGTERM)
                stopped, stop_time = True, now
    reader.join()
    status, rss = wait_rusage(proc)
    out_reader.join()
    if status not in (0, 143):
        sys.exit(f"basin train {path} failed (exit status {status}):\n" + "\n".join(stderr_tail))
    curve = read_curve(curve_path)
    if not curve:
        sys.exit(f"basin train {path} wrote no learning curve:\n" + "\n".join(stderr_tail))
    # Annealing and the epoch-0 evaluation happen between the "training:" note and the epoch-0 line.
    annealing = epoch_times.get(0, 0.0) - curve[0]["seconds"] if 0 in epoch_times else None
    return {"curve": curve, "epoch_times": epoch_times, "annealing_seconds": annealing, "weights": weights,
            "train_structures": sets[0] if sets else None, "test_structures": sets[1] if sets else None,
            "peak_rss_mb": rss, "status": status, "reached": reached, "wall_seconds": time.time() - launched,
            "summary": json.loads(stdout[0]) if status == 0 and stdout and stdout[0].strip() else None}


def at_budget(result, budget):
    """The learning-curve row at the last epoch whose cumulative training seconds are within the
    budget (at least epoch 1 when there is one), with the cumulative seconds."""
    total, chosen = 0.0, None
    for row in result["curve"]:
        total += row["seconds"]
        if chosen is None or row["epoch"] <= 1 or total <= budget:
            chosen = dict(row, elapsed=total)
        else:
            break
    return chosen


def base_config(data, functions, hidden, seed):
    return {
        "data": [data], "format": "n2p2", "test_fraction": 0.2, "elements": ["Si"], "symmetry_functions": functions,
        "network": {"hidden": list(hidden), "activations": ["t"] * len(hidden)}, "scaling": "scale-center",
        "normalize": True, "loss": {"force_weight": 1, "energy_weight": 1, "l2": 0}, "seed": seed, "threads": 1,
        "checkpoint_every": 0,
    }


OPTIMIZERS = {
    "adam": {"name": "adam", "learning_rate": 0.001, "batch_size": 8},
    "nadam": {"name": "nadam", "learning_rate": 0.001, "batch_size": 8},
    "bfgs": {"name": "bfgs", "iterations_per_epoch": 10},
    "lbfgs": {"name": "lbfgs", "iterations_per_epoch": 10},
    "levenberg-marquardt": {"name": "levenberg-marquardt", "iterations_per_epoch": 1},
    "kalman": {"name": "kalman", "short_force_fraction": 0.1},
}


def summarize(name, result, budget):
    row = at_budget(result, budget)
    last = result["curve"][-1]
    best = min(result["curve"], key=lambda r: r["test_loss"])
    return {
        "method": name, "weights": result["weights"], "epochs": row["epoch"], "training_seconds": row["elapsed"],
        "seconds_per_epoch": row["elapsed"] / max(1, row["epoch"]),
        "train_energy_rmse_mev_per_atom": 1000 * row["train_energy_rmse"],
        "train_force_rmse_mev_per_angstrom": 1000 * row["train_force_rmse"],
        "test_energy_rmse_mev_per_atom": 1000 * row["test_energy_rmse"],
        "test_force_rmse_mev_per_angstrom": 1000 * row["test_force_rmse"], "train_loss": row["loss"],
        "test_loss": row["test_loss"], "best_test_epoch": best["epoch"],
        "best_test_energy_rmse_mev_per_atom": 1000 * best["test_energy_rmse"],
        "best_test_force_rmse_mev_per_angstrom": 1000 * best["test_force_rmse"],
        "epochs_run": last["epoch"], "peak_rss_mb": result["peak_rss_mb"],
        "initial_train_loss": result["curve"][0]["loss"],
    }


def table(title, header, rows):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h)) for i, h in enumerate(header)]
    lines = [title, "  ".join(str(h).rjust(w) for h, w in zip(header, widths))]
    lines += ["  ".join(str(v).rjust(w) for v, w in zip(r, widths)) for r in rows]
    return "\n".join(lines)


def fmt(x, spec=".3g"):
    return "n/a" if x is None else format(x, spec)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--basin", help="a built basin binary (default: build release with SwiftPM)")
    parser.add_argument("--scratch-path", help="SwiftPM scratch path for the build")
    parser.add_argument("--data", help="a quickstart folder to use or create (default: WORK/quickstart)")
    parser.add_argument("--work", help="folder for the runs (default: a temporary folder, removed)")
    parser.add_argument("--quick", action="store_true", help="a ~3-minute smoke version (with --data: no sampling)")
    parser.add_argument("--structures", type=int, help="frames in the subset (default 150; quick 60)")
    parser.add_argument("--hidden", default="10,10", help="hidden layers of every run (default 10,10)")
    parser.add_argument("--budget", type=float, help="training seconds per method in studies 1 and 3 (default 60; quick 10)")
    parser.add_argument("--seeds", type=int, default=5, help="seeds of study 2 (default 5)")
    parser.add_argument("--target", type=float,
                        help="training loss per structure to reach in study 2 (default 0.015; quick 0.03)")
    parser.add_argument("--max-seconds", type=float,
                        help="give up on the target after this many training seconds (default 90; quick 25)")
    parser.add_argument("--anneal-steps", type=int, help="annealing moves (default 1000; quick 300)")
    parser.add_argument("--no-memory-probe", action="store_true", help="skip the 40-40 BFGS/L-BFGS memory probe")
    parser.add_argument("--json", action="store_true", help="print one JSON document (tables go to stderr)")
    args = parser.parse_args()
    quick = args.quick
    structures = args.structures or (60 if quick else 150)
    budget = args.budget or (10.0 if quick else 60.0)
    target = args.target or (0.03 if quick else 0.015)
    max_seconds = args.max_seconds or (25.0 if quick else 90.0)
    anneal_steps = args.anneal_steps or (300 if quick else 1000)
    hidden = [int(x) for x in args.hidden.split(",")]
    if args.seeds < 1:
        sys.exit("--seeds must be at least 1")

    started = time.time()
    basin = build_basin(args.basin, args.scratch_path)
    temporary = None
    if args.work:
        work = os.path.abspath(args.work)
        os.makedirs(work, exist_ok=True)
    else:
        temporary = tempfile.TemporaryDirectory(prefix="basin-optimizers-")
        work = temporary.name
    data_folder = os.path.abspath(args.data) if args.data else os.path.join(work, "quickstart")
    data_file, nn_file, sampling_seconds = make_data(basin, data_folder)

    frames = read_frames(data_file)
    if len(frames) < structures:
        sys.exit(f"{data_file} has {len(frames)} frames, fewer than --structures {structures}")
    picked = sorted(random.Random(12345).sample(range(len(frames)), structures))
    subset = os.path.join(work, "subset.data")
    with open(subset, "w") as f:
        for i in picked:
            f.writelines(frames[i])
    functions = os.path.join(work, "functions.nn")
    function_count = functions_file(nn_file, functions)
    setup = {"data": data_file, "frames": len(frames), "structures": structures, "test_fraction": 0.2,
             "symmetry_functions": function_count, "hidden": hidden, "activations": "tanh", "threads": 1,
             "budget_seconds": budget, "quick": quick, "sampling_seconds": sampling_seconds}
    log(f"{structures} of {len(frames)} frames, {function_count} symmetry functions, network {hidden}")

    # Studies 1 and 3: every method with the same budget on the same problem (seed 1).
    methods = ["bfgs", "lbfgs", "adam", "nadam", "levenberg-marquardt", "kalman"]
    budget_runs = {}
    for method in methods:
        config = dict(base_config(subset, functions, hidden, 1), optimizer=OPTIMIZERS[method], epochs=1_000_000)
        log(f"[{time.time() - started:6.0f} s] {method}: {budget:.0f} s budget ...")
        result = train(basin, work, f"budget-{method}", config, budget=budget)
        budget_runs[method] = summarize(method, result, budget)
        s = budget_runs[method]
        log(f"  {s['epochs']} epochs in {s['training_seconds']:.1f} s, test E {s['test_energy_rmse_mev_per_atom']:.3g} "
            f"meV/atom F {s['test_force_rmse_mev_per_angstrom']:.3g} meV/A, peak RSS {s['peak_rss_mb']:.0f} MB")
    weights = budget_runs["bfgs"]["weights"]

    memory_probe = []
    if not args.no_memory_probe:
        probe_hidden = [40, 40]
        for method in ["bfgs", "lbfgs"]:
            optimizer = dict(OPTIMIZERS[method], iterations_per_epoch=3)
            config = dict(base_config(subset, functions, probe_hidden, 1), optimizer=optimizer, epochs=1)
            log(f"[{time.time() - started:6.0f} s] memory probe: {method} with {probe_hidden} ...")
            result = train(basin, work, f"memory-{method}", config)
            memory_probe.append({"method": method, "hidden": probe_hidden, "weights": result["weights"],
                                 "peak_rss_mb": result["peak_rss_mb"],
                                 "dense_matrix_mb": 8 * result["weights"] ** 2 / 2**20 if method == "bfgs" else 0.0,
                                 "seconds_per_iteration": result["curve"][-1]["seconds"] / 3})

    # Study 2: Adam with and without annealing, paired by seed.
    annealing_runs = []
    for seed in range(1, args.seeds + 1):
        base = dict(base_config(subset, functions, hidden, seed), optimizer=OPTIMIZERS["adam"])
        probe = train(basin, work, f"gamma0-seed{seed}", dict(base, epochs=0))
        train_count = (probe["summary"] or {}).get("trainStructures") or round(structures * 0.8)
        gamma0 = probe["curve"][0]["loss"] * train_count  # per structure -> total
        entry = {"seed": seed, "gamma0": gamma0}
        for label, extra in [("plain", {}),
                             ("annealed", {"annealing": {"steps": anneal_steps, "t_max": f"{gamma0:.6g}",
                                                         "t_min": f"{gamma0 / 800:.6g}",
                                                         "updates": min(10, anneal_steps)}})]:
            log(f"[{time.time() - started:6.0f} s] seed {seed} adam {label}: to loss {target} (max {max_seconds:.0f} s) ...")
            result = train(basin, work, f"anneal-{label}-seed{seed}", dict(base, epochs=1_000_000, **extra),
                           budget=max_seconds, target=target)
            reached = result["reached"]
            entry[label] = {
                "reached": reached is not None, "epochs": reached[0] if reached else None,
                "seconds": reached[1] if reached else None, "annealing_seconds": result["annealing_seconds"],
                "start_loss": result["curve"][0]["loss"],
                "final_loss": result["curve"][-1]["loss"], "epochs_run": result["curve"][-1]["epoch"]}
            e = entry[label]
            log(f"  start loss {e['start_loss']:.4g}, " + (f"reached in {e['seconds']:.1f} s ({e['epochs']} epochs)"
                if reached else f"not reached (final loss {e['final_loss']:.4g} after {e['epochs_run']} epochs)"))
        annealing_runs.append(entry)

    def spread(label, key):
        values = [r[label][key] for r in annealing_runs if r[label]["reached"]]
        if not values:
            return {"median": None, "min": None, "max": None, "reached": 0}
        return {"median": statistics.median(values), "min": min(values), "max": max(values), "reached": len(values)}

    annealing_summary = {label: {"seconds": spread(label, "seconds"), "epochs": spread(label, "epochs")}
                         for label in ("plain", "annealed")}

    # Tables.
    out = sys.stderr if args.json else sys.stdout
    bfgs, lbfgs = budget_runs["bfgs"], budget_runs["lbfgs"]
    rows = []
    for s in (bfgs, lbfgs):
        dense = 8 * s["weights"] ** 2 / 2**20 if s["method"] == "bfgs" else 8 * 2 * 10 * s["weights"] / 2**20
        rows.append([s["method"], s["weights"], s["epochs"] * 10, fmt(s["training_seconds"], ".1f"),
                     fmt(s["test_energy_rmse_mev_per_atom"]), fmt(s["test_force_rmse_mev_per_angstrom"]),
                     fmt(s["train_loss"], ".4g"), fmt(s["peak_rss_mb"], ".0f"), fmt(dense, ".2f")])
    for p in memory_probe:
        dense = p["dense_matrix_mb"] if p["method"] == "bfgs" else 8 * 2 * 10 * p["weights"] / 2**20
        rows.append([f"{p['method']} (40-40)", p["weights"], 3, fmt(p["seconds_per_iteration"] * 3, ".1f"), "-", "-", "-",
                     fmt(p["peak_rss_mb"], ".0f"), fmt(dense, ".2f")])
    print(table(f"\n1. BFGS vs L-BFGS ({structures} structures, 80/20 split, {budget:.0f} s budget; dense = 8P^2 bytes "
                f"for BFGS, 2*10*P doubles for L-BFGS)",
                ["method", "weights", "iterations", "seconds", "test E meV/atom", "test F meV/A", "train loss",
                 "peak RSS MB", "dense MB"], rows), file=out)

    rows = []
    for r in annealing_runs:
        for label in ("plain", "annealed"):
            e = r[label]
            rows.append([r["seed"], label, fmt(e["start_loss"], ".4g"), fmt(e["annealing_seconds"], ".1f"),
                         fmt(e["seconds"], ".1f") if e["reached"] else f">{max_seconds:.0f}",
                         e["epochs"] if e["reached"] else f"({e['epochs_run']})", fmt(e["final_loss"], ".4g")])
    print(table(f"\n2. Adam (lr 1e-3, batch 8) with/without simulated annealing ({anneal_steps} moves, T from Gamma_0 "
                f"to Gamma_0/800): time to training loss <= {target}",
                ["seed", "run", "epoch-0 loss", "anneal s", "seconds to target", "epochs", "final loss"], rows), file=out)
    for label in ("plain", "annealed"):
        s, e = annealing_summary[label]["seconds"], annealing_summary[label]["epochs"]
        print(f"   {label:8s}: reached {s['reached']}/{len(annealing_runs)}; median {fmt(s['median'], '.1f')} s "
              f"(range {fmt(s['min'], '.1f')}-{fmt(s['max'], '.1f')}), median {fmt(e['median'], '.0f')} epochs "
              f"(range {fmt(e['min'], '.0f')}-{fmt(e['max'], '.0f')})", file=out)

    rows = []
    for method in methods:
        s = budget_runs[method]
        rows.append([method, s["epochs"], fmt(s["training_seconds"], ".1f"), fmt(s["seconds_per_epoch"], ".3g"),
                     fmt(s["train_energy_rmse_mev_per_atom"]), fmt(s["train_force_rmse_mev_per_angstrom"]),
                     fmt(s["test_energy_rmse_mev_per_atom"]), fmt(s["test_force_rmse_mev_per_angstrom"]),
                     fmt(s["peak_rss_mb"], ".0f")])
    print(table(f"\n3. All methods, same problem and {budget:.0f} s training budget (seed 1, {weights} weights)",
                ["method", "epochs", "seconds", "s/epoch", "train E meV/atom", "train F meV/A", "test E meV/atom",
                 "test F meV/A", "peak RSS MB"], rows), file=out)
    total = time.time() - started
    print(f"\ntotal {total:.0f} s", file=out)

    report = {"setup": setup, "budget_runs": budget_runs, "memory_probe": memory_probe,
              "annealing": {"steps": anneal_steps, "target_loss": target, "max_seconds": max_seconds,
                            "runs": annealing_runs, "summary": annealing_summary},
              "total_seconds": total}
    if args.json:
        print(json.dumps(report, indent=2))
    if temporary:
        temporary.cleanup()


if __name__ == "__main__":
    main()
