#!/usr/bin/env python3
"""The thesis's relaxation study with `basin toy generate` (Heiszwolf, TU Eindhoven 2020).

For each cell width (2.5, 5, 10, 20 R_c) and relaxation length (20, 30, ..., 100, 150, 200,
300, 400, 500 epochs), --points structures of N_p = 4 particles in 2-D are relaxed with
maxΔ = 0.1 R_c under the modified Lennard-Jones model (n = 6, R0 = 2 R_c); the acceptance rate
averaged over each structure's final 10 epochs is reported as mean ± standard error over the
structures, as a Markdown table, in three settings:

- periodic: Basin's default (invariant sums, automatic depth, random-direction moves);
- thesis: the thesis's sums with d_s = 3, relaxation at d_s = 1 and its per-coordinate moves;
- thesis-code: the same, with trial moves evaluated against the images of the unrelaxed
  structure, as the thesis's code does.

Usage:

    swift build -c release --product basin
    python3 benchmarks/toy_relaxation_study.py [--basin .build/release/basin] [--points 400]
"""

import argparse
import json
import os
import subprocess
import tempfile

WIDTHS = [2.5, 5, 10, 20]
EPOCHS = [20, 30, 40, 50, 60, 70, 80, 90, 100, 150, 200, 300, 400, 500]
MODES = {
    "periodic": ["--mode", "periodic"],
    "thesis": ["--mode", "thesis", "--depth", "3", "--relaxation-depth", "1", "--move", "cube"],
    "thesis-code": ["--mode", "thesis", "--depth", "3", "--relaxation-depth", "1", "--move", "cube", "--stale-images"],
}


def cell(basin, mode, width, epochs, points, seed, output):
    args = [basin, "toy", "generate", "--width-start", str(width), "--width-end", str(width), "--points", str(points),
            "--particles", "4", "--dimension", "2", "--epochs", str(epochs), "--max-step", "0.1", "--seed", str(seed),
            "--output", output, "--json", *MODES[mode]]
    row = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)["summary"][0]
    return 100 * row["meanAcceptance"], 100 * row["acceptanceStandardError"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--basin", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "basin"))
    parser.add_argument("--points", type=int, default=400, help="structures per cell (at least 200)")
    args = parser.parse_args()
    basin = os.path.abspath(args.basin)
    with tempfile.TemporaryDirectory() as workdir:
        output = os.path.join(workdir, "db.json")
        for mode in MODES:
            print(f"\nAcceptance rate (%) over the final 10 epochs, {mode} mode, {args.points} structures per cell\n")
            print("| epochs | " + " | ".join(f"w = {w} R_c" for w in WIDTHS) + " |")
            print("|---:|" + "---:|" * len(WIDTHS))
            for k, epochs in enumerate(EPOCHS):
                cells = [cell(basin, mode, w, epochs, args.points, 1000 * k + j + 1, output) for j, w in enumerate(WIDTHS)]
                print(f"| {epochs} | " + " | ".join(f"{m:.1f} ± {s:.1f}" for m, s in cells) + " |", flush=True)


if __name__ == "__main__":
    main()
