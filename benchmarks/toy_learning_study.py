#!/usr/bin/env python3
"""The thesis's learning study with `basin toy` (Heiszwolf, TU Eindhoven 2020).

A database of 25,000 structures (w = 5 R_c, N_p = 4, 2-D, 40 relaxation epochs, maxΔ = 0.1 R_c,
periodic mode; 27,778 generated and the highest 10 % of energies dropped, as the thesis's
`runDatabaseGeneration.py` does) is generated; with 20 % held out for validation, three models are trained on
the proximity-matrix eigenvalues (R0p = 20 R_c) with the MAE loss and Adam:

- linear on orders −2, −3;
- linear on orders −2, −3, −4;
- one softplus hidden layer as wide as the input (12) on orders −2, −3, −4.

Each model's validation MAE is printed against the MAE of predicting the mean, as a Markdown
table, and the drag test of the best model is written as SVG plots to --output.

Usage:

    swift build -c release --product basin
    python3 benchmarks/toy_learning_study.py [--basin .build/release/basin] [--output toy-learning]
"""

import argparse
import json
import os
import subprocess


def basin_json(basin, args):
    return json.loads(subprocess.run([basin, "toy", *args, "--json"], check=True, capture_output=True, text=True).stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--basin", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "basin"))
    parser.add_argument("--output", default="toy-learning")
    parser.add_argument("--points", type=int, default=27778, help="generated; 90 %% are kept")
    parser.add_argument("--epochs", type=int, default=200)
    args = parser.parse_args()
    basin = os.path.abspath(args.basin)
    os.makedirs(args.output, exist_ok=True)
    database = os.path.join(args.output, "database.json")
    report = basin_json(basin, ["generate", "--width-start", "5", "--width-end", "5", "--points", str(args.points),
                                "--particles", "4", "--dimension", "2", "--epochs", "40", "--max-step", "0.1",
                                "--keep", "0.9", "--output", database, "--plots", args.output, "--threads", "2"])
    print(f"database: {report['kept']} structures in {report['seconds']:.1f} s\n")
    models = [("linear, orders −2, −3", "-2,-3", ""), ("linear, orders −2..−4", "-2,-3,-4", ""),
              ("softplus hidden layer of 12, orders −2..−4", "-2,-3,-4", "12")]
    print("| model | inputs | validation MAE (E_c) | MAE of the mean (E_c) | training s |")
    print("|---|---:|---:|---:|---:|")
    best = None
    for k, (name, orders, hidden) in enumerate(models):
        network = os.path.join(args.output, f"network-{k}.json")
        r = basin_json(basin, ["train", database, "--orders=" + orders, "--proximity-cutoff", "20", *(["--hidden", hidden] if hidden else []),
                               "--epochs", str(args.epochs), "--batch-size", "32", "--learning-rate", "0.001",
                               "--output", network, "--curve", os.path.join(args.output, f"curve-{k}.svg")])
        print(f"| {name} | {r['inputs']} | {r['validationMAE']:.4f} | {r['meanPredictorMAE']:.4f} | {r['seconds']:.0f} |", flush=True)
        if best is None or r["validationMAE"] < best[0]:
            best = (r["validationMAE"], network, name)
    points = basin_json(basin, ["drag", best[1], database, "--record", "0", "--steps", "200", "--plots", args.output])
    mae = sum(abs(p["trueEnergy"] - p["predictedEnergy"]) for p in points) / len(points)
    print(f"\ndrag test of the best model ({best[2]}): mean |true − predicted| along the path {mae:.4f} E_c; "
          f"plots in {args.output}/drag-*.svg")


if __name__ == "__main__":
    main()
