#!/usr/bin/env python3
"""Kalman-filter training in Basin and in n2p2 on the same data, split and settings.

The data and settings are n2p2's example examples/nnp-train/H2O_RPBE-D3 (20 water structures,
2,827 weights, the standard Kalman filter with the example's kalman_* keys, force_weight 10,
short_energy_fraction 1, short_force_fraction 0.0041, threshold selection), with three
changes for both codes: `epochs` (default 10), n2p2's normalization computed from the data
(`normalize_data_set ref` in n2p2, `normalize: true` in Basin, both n2p2's formula) instead
of the example's fixed header, and n2p2's per-epoch comparison files, neuron statistics and
training log off (`write_trainpoints`, `write_trainforces`, `write_neuronstats`,
`write_trainlog`), since Basin writes none of them; n2p2 still writes its weights every epoch.
Basin takes the example's network, scaling (`scale-center` between scale_min_short and
scale_max_short), initial weights (uniform in [weights_min, weights_max]), random_seed and
every kalman_* and selection key as they are; `checkpoint_every: 0`.

n2p2 runs first: `nnp-scaling 500`, then `nnp-train`, which draws the train/test split and
writes it as train.data and test.data; Basin trains on exactly those (`data: train.data`,
`test_data: test.data`), so both see the same 18 training and 2 test structures. Each code
runs --repeat times, interleaved; a repeat of n2p2 is one scaling plus one training process.
Reported per code: RMSE of energy per atom and of force components (train and test, the
data's units: Hartree and Bohr) after every epoch, the median seconds per epoch (n2p2: its
TIMING line's loop time; Basin: learning-curve.csv's `seconds`; both include the epoch's
error evaluation), the median wall time of the whole process(es), and peak resident memory
(getrusage of each process). The load average is printed before and after. One thread:
n2p2 is built without OpenMP, Eigen with EIGEN_DONT_PARALLELIZE; Basin with `threads: 1`.

n2p2 is taken from a source checkout (--n2p2) and built there if its bin/nnp-train or
bin/nnp-scaling is missing (`make -C src nnp-train nnp-scaling COMP=gnu`, its default
`-O3 -march=native`; needs Eigen, GSL and an MPI compiler). Basin's release build is made with
SwiftPM unless --basin is given. The learning curves are also drawn as an SVG (--svg).

Usage: python3 benchmarks/kalman_vs_n2p2.py --n2p2 CHECKOUT [--epochs 10] [--repeat 3]
       [--basin PATH] [--work DIR] [--svg FILE] [--json]
"""
import argparse
import csv
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

from n2p2_dependencies import ensure_n2p2_build_dependencies

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join("examples", "nnp-train", "H2O_RPBE-D3")
DROPPED = {"mean_energy", "conv_energy", "conv_length", "epochs", "write_trainpoints", "write_trainforces",
           "write_neuronstats", "write_trainlog", "normalize_data_set"}
KALMAN_KEYS = ["kalman_type", "kalman_epsilon", "kalman_q0", "kalman_qtau", "kalman_qmin", "kalman_eta",
               "kalman_etatau", "kalman_etamax", "kalman_lambda_short", "kalman_nue_short", "short_energy_fraction",
               "short_force_fraction", "task_batch_size_energy", "task_batch_size_force", "selection_mode",
               "short_energy_error_threshold", "short_force_error_threshold", "rmse_threshold_trials"]


def load():
    return os.getloadavg()[0]


def run_measured(command, cwd, env=None):
    """Runs a command; returns (wall seconds, peak RSS in MiB, stdout)."""
    started = time.perf_counter()
    with open(os.path.join(cwd, "stdout.txt"), "w") as out, open(os.path.join(cwd, "stderr.txt"), "w") as err:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd} (status {status}); see stderr.txt there")
    with open(os.path.join(cwd, "stdout.txt")) as f:
        return wall, usage.ru_maxrss / 1024, f.read()


def build_n2p2(checkout):
    binaries = [os.path.join(checkout, "bin", name) for name in ("nnp-train", "nnp-scaling")]
    if not all(os.path.exists(b) for b in binaries):
        ensure_n2p2_build_dependencies()
        print("building n2p2's nnp-train and nnp-scaling ...", file=sys.stderr)
        subprocess.run(["make", "-C", os.path.join(checkout, "src"), "nnp-train", "nnp-scaling", "COMP=gnu"],
                       check=True, stdout=subprocess.DEVNULL)
    return binaries


def build_basin(basin):
    if basin:
        return os.path.abspath(basin)
    command = ["swift", "build", "-c", "release"]
    subprocess.run(command + ["--product", "basin"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    path = subprocess.run(command + ["--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return os.path.join(path.strip(), "basin")


def settings(lines):
    """input.nn's keyword → first value (comments dropped)."""
    values = {}
    for line in lines:
        words = line.split("#")[0].split()
        if words and words[0] not in values:
            values[words[0]] = words[1:]
    return values


def n2p2_folder(example, folder, epochs):
    os.makedirs(folder, exist_ok=True)
    shutil.copy(os.path.join(example, "input.data"), folder)
    with open(os.path.join(example, "input.nn")) as f:
        lines = [line for line in f if (line.split("#")[0].split() or [""])[0] not in DROPPED]
    lines += [f"epochs {epochs}\n", "normalize_data_set ref\n"]
    with open(os.path.join(folder, "input.nn"), "w") as f:
        f.writelines(lines)
    return settings(lines)


def run_n2p2(binaries, folder, epochs):
    """One scaling and one training process; the learning curve and timings."""
    for name in os.listdir(folder):
        if name not in ("input.data", "input.nn", "input.nn.orig"):
            os.remove(os.path.join(folder, name))
    if not os.path.exists(os.path.join(folder, "input.nn.orig")):
        shutil.copy(os.path.join(folder, "input.nn"), os.path.join(folder, "input.nn.orig"))
    shutil.copy(os.path.join(folder, "input.nn.orig"), os.path.join(folder, "input.nn"))
    env = dict(os.environ, OMP_NUM_THREADS="1")
    scaling_wall, scaling_rss, _ = run_measured([binaries[1], "500"], folder, env)
    train_wall, train_rss, out = run_measured([binaries[0]], folder, env)
    epoch_seconds = [float(m.group(2)) for m in re.finditer(r"^TIMING\s+(\d+)\s+\d+\s+\S+\s+\S+\s+\S+\s+(\S+)", out, re.M)
                     if int(m.group(1)) > 0]
    curve = []
    with open(os.path.join(folder, "learning-curve.out")) as f:
        names = None
        for line in f:
            if line.startswith("#") and "RMSEpa_Etrain_pu" in line:
                names = line[1:].split()
            elif not line.startswith("#") and line.strip() and names:
                row = dict(zip(names, map(float, line.split())))
                curve.append((int(row["epoch"]), row["RMSEpa_Etrain_pu"], row["RMSEpa_Etest_pu"],
                              row["RMSE_Ftrain_pu"], row["RMSE_Ftest_pu"]))
    return {"curve": curve, "epoch_seconds": epoch_seconds, "process_seconds": train_wall,
            "scaling_seconds": scaling_wall, "peak_mib": max(train_rss, scaling_rss)}


def basin_folder(folder, n2p2_run, values, epochs):
    os.makedirs(folder, exist_ok=True)
    for name in ("train.data", "test.data", "input.nn.orig"):
        shutil.copy(os.path.join(n2p2_run, name), folder)
    activations = values["global_activation_short"][:-1]
    optimizer = {key: values[key][0] for key in KALMAN_KEYS if key in values}
    lines = [
        "data: train.data", "test_data: test.data", "format: n2p2", f"elements: [{', '.join(values['elements'])}]",
        "symmetry_functions: input.nn.orig",
        f"network: {{hidden: [{', '.join(values['global_nodes_short'])}], activations: [{', '.join(activations)}]}}",
        f"weights_min: {values['weights_min'][0]}", f"weights_max: {values['weights_max'][0]}",
        "scaling: scale-center", f"scale_min: {values['scale_min_short'][0]}", f"scale_max: {values['scale_max_short'][0]}",
        "normalize: true", f"loss: {{force_weight: {values['force_weight'][0]}}}",
        "optimizer: {name: kalman, " + ", ".join(f"{k}: {v}" for k, v in optimizer.items()) + "}",
        f"epochs: {epochs}", f"seed: {values['random_seed'][0]}", "threads: 1", "output: run", "checkpoint_every: 0",
    ]
    with open(os.path.join(folder, "train.yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")


def run_basin(basin, folder):
    shutil.rmtree(os.path.join(folder, "run"), ignore_errors=True)
    wall, rss, _ = run_measured([basin, "train", "train.yaml", "--json"], folder)
    curve, seconds = [], []
    with open(os.path.join(folder, "run", "learning-curve.csv")) as f:
        for row in csv.DictReader(f):
            curve.append((int(row["epoch"]), float(row["train_energy_rmse"]), float(row["test_energy_rmse"]),
                          float(row["train_force_rmse"]), float(row["test_force_rmse"])))
            if int(row["epoch"]) > 0:
                seconds.append(float(row["seconds"]))
    return {"curve": curve, "epoch_seconds": seconds, "process_seconds": wall, "peak_mib": rss}


def svg(results, path):
    """Two panels (energy per atom, forces), log-scaled RMSE against epoch, train solid, test dashed."""
    width, height, margin = 360, 260, 50
    colors = {"basin": "#1f77b4", "n2p2": "#d62728"}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * width}" height="{height}" font-family="sans-serif" font-size="11">']
    import math
    for panel, (title, columns) in enumerate([("energy per atom RMSE (Ha)", (1, 2)), ("force RMSE (Ha/Bohr)", (3, 4))]):
        values = [row[c] for r in results.values() for row in r["curve"] for c in columns if row[c] > 0]
        low, high = math.log10(min(values)), math.log10(max(values))
        high = high if high > low else low + 1
        epochs = max(row[0] for r in results.values() for row in r["curve"]) or 1
        x0 = panel * width + margin

        def point(epoch, value):
            x = x0 + (width - 1.5 * margin) * epoch / epochs
            y = height - margin - (height - 1.6 * margin) * (math.log10(value) - low) / (high - low)
            return f"{x:.1f},{y:.1f}"
        parts.append(f'<text x="{x0}" y="18">{title}</text>')
        parts.append(f'<line x1="{x0}" y1="{height - margin}" x2="{x0 + width - 1.5 * margin}" y2="{height - margin}" stroke="black"/>')
        parts.append(f'<line x1="{x0}" y1="{height - margin}" x2="{x0}" y2="{0.6 * margin}" stroke="black"/>')
        parts.append(f'<text x="{x0 + width / 3}" y="{height - 15}">epoch (0–{epochs})</text>')
        parts.append(f'<text x="{x0 - 45}" y="{height - margin}">{10 ** low:.1e}</text>')
        parts.append(f'<text x="{x0 - 45}" y="{0.6 * margin + 10}">{10 ** high:.1e}</text>')
        for code, r in results.items():
            for c, dash in zip(columns, ("", ' stroke-dasharray="4 3"')):
                points = " ".join(point(row[0], row[c]) for row in r["curve"] if row[c] > 0)
                parts.append(f'<polyline fill="none" stroke="{colors[code]}" stroke-width="1.5"{dash} points="{points}"/>')
    for k, code in enumerate(results):
        parts.append(f'<text x="{width - 40}" y="{height - 60 + 14 * k}" fill="{colors[code]}">{code} (train solid, test dashed)</text>')
    parts.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(parts) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n2p2", required=True, help="n2p2 source checkout")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--basin", help="basin binary (default: build the release product)")
    parser.add_argument("--work", default=os.path.join(ROOT, ".build", "kalman-vs-n2p2"))
    parser.add_argument("--svg", help="write the learning curves as SVG")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    example = os.path.join(args.n2p2, EXAMPLE)
    if not os.path.exists(os.path.join(example, "input.data")) or os.path.getsize(os.path.join(example, "input.data")) < 10000:
        sys.exit(f"{example}/input.data is missing or a placeholder; fetch n2p2's example data first")
    binaries = build_n2p2(args.n2p2)
    basin = build_basin(args.basin)
    n2p2_dir, basin_dir = os.path.join(args.work, "n2p2"), os.path.join(args.work, "basin")
    values = n2p2_folder(example, n2p2_dir, args.epochs)
    loads = [load()]
    runs = {"n2p2": [], "basin": []}
    for repeat in range(args.repeat):
        runs["n2p2"].append(run_n2p2(binaries, n2p2_dir, args.epochs))
        if repeat == 0:
            basin_folder(basin_dir, n2p2_dir, values, args.epochs)
        runs["basin"].append(run_basin(basin, basin_dir))
        loads.append(load())
    summary = {}
    for code, results in runs.items():
        summary[code] = {
            "curve": results[0]["curve"],
            "epoch_seconds": statistics.median(s for r in results for s in r["epoch_seconds"]),
            "process_seconds": statistics.median(r["process_seconds"] for r in results),
            "peak_mib": max(r["peak_mib"] for r in results),
        }
        if code == "n2p2":
            summary[code]["scaling_seconds"] = statistics.median(r["scaling_seconds"] for r in results)
    summary["load_average"] = loads
    summary["speedup"] = summary["n2p2"]["epoch_seconds"] / summary["basin"]["epoch_seconds"]
    if args.svg:
        svg({code: summary[code] for code in ("basin", "n2p2")}, args.svg)
    if args.json:
        print(json.dumps(summary, indent=1))
        return
    print(f"load average (1 min) before and after each repeat: {', '.join(f'{x:.2f}' for x in loads)}")
    print("epoch  " + "  ".join(f"{code + ' ' + q:>16}" for code in ("n2p2", "basin")
                                for q in ("E train", "E test", "F train", "F test")))
    for a, b in zip(summary["n2p2"]["curve"], summary["basin"]["curve"]):
        print(f"{a[0]:5d}  " + "  ".join(f"{v:16.4e}" for v in a[1:] + b[1:]))
    n, b = summary["n2p2"], summary["basin"]
    print(f"seconds per epoch (median): n2p2 {n['epoch_seconds']:.3f}, basin {b['epoch_seconds']:.3f}, "
          f"ratio {n['epoch_seconds'] / b['epoch_seconds']:.2f}")
    print(f"whole process (median): n2p2 nnp-train {n['process_seconds']:.2f} s (+ nnp-scaling {n['scaling_seconds']:.2f} s), "
          f"basin train {b['process_seconds']:.2f} s, ratio {n['process_seconds'] / b['process_seconds']:.2f} "
          f"({(n['process_seconds'] + n['scaling_seconds']) / b['process_seconds']:.2f} with scaling)")
    print(f"peak RSS: n2p2 {n['peak_mib']:.0f} MiB, basin {b['peak_mib']:.0f} MiB")


if __name__ == "__main__":
    main()
