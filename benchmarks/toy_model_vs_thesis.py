#!/usr/bin/env python3
"""The toy model: Basin's `basin toy` against the thesis's public code, number for number and
for speed.

T. Heiszwolf, *Design of a toy model database for predicting potential energy surfaces with
neural nets* (TU Eindhoven, 2020); code: GitHub TimHeiszwolf/Quantum_energy_ML. This script
takes the path of a checkout of that code (it does not download it), imports its
`potentialEnergy`, `generateSpace`, `makeRandomDatabase` and
`prepareDatabaseForMachineLearning` modules (they need numpy, pandas and matplotlib), and
runs both programs:

1. Energies: random configurations (2-D and 3-D, several widths, N_p and d_s) evaluated by the
   code's `potentialEnergyPerParticle(generateSpace(x, d_s, w), x, potentialEnergyPerSet)` and
   by `basin toy energy --mode thesis --depth d_s`; the largest relative difference.
2. Descriptors: the code's `prepareDatabseForMachineLearning` (orders −2, −3, −4, R0p = 20)
   against `basin toy descriptors --structures`; the largest difference relative to each
   matrix's largest eigenvalue.
3. Speed at the thesis's settings (2-D, N_p = 4, w = 5, d_s = 3, relaxation at d_s = 1,
   40 epochs, maxΔ = 0.1): the code's time per energy evaluation (d_s = 3) and per complete
   data point (`makeRandomDatabaseMinimum`, one process), against Basin's
   (`basin toy energy` over many structures; `basin toy generate --mode thesis --threads 1`),
   and Basin's generation of the learning-study database (25,000 points, periodic mode) on one
   and on two threads.

Usage:

    swift build -c release --product basin
    python3 benchmarks/toy_model_vs_thesis.py /path/to/Quantum_energy_ML [--basin .build/release/basin]
"""

import argparse
import contextlib
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time

import numpy as np


def run_basin(basin, args):
    """Runs `basin toy ARGS --json` and returns the parsed document and the wall time."""
    start = time.perf_counter()
    out = subprocess.run([basin, "toy", *args, "--json"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout), time.perf_counter() - start


def energy_cases(rng, count):
    """(d, w, N_p, d_s, coordinates) cases; 3-D ones kept small so the code runs in seconds."""
    cases = []
    plans = [(2, 2.5, 4, 3), (2, 5.0, 4, 3), (2, 1.5, 3, 2), (2, 3.7, 2, 1), (2, 10.0, 5, 1),
             (3, 2.5, 3, 1), (3, 1.7, 2, 1), (3, 4.0, 3, 1)]
    for k in range(count):
        d, w, n, ds = plans[k % len(plans)]
        coordinates = [[rng.uniform(0, w) for _ in range(d)] for _ in range(n)]
        cases.append((d, w, n, ds, coordinates))
    return cases


def compare_energies(code, basin, count, workdir):
    rng = random.Random(14)
    worst = 0.0
    rows = []
    for d, w, n, ds, coordinates in energy_cases(rng, count):
        x = [np.array(c) for c in coordinates]
        reference = code.potentialEnergyPerParticle(code.generateSpace(x, ds, w), x, code.potentialEnergyPerSet)
        path = os.path.join(workdir, "structure.json")
        with open(path, "w") as f:
            json.dump({"dimension": d, "width": w, "coordinates": coordinates}, f)
        doc, _ = run_basin(basin, ["energy", path, "--mode", "thesis", "--depth", str(ds)])
        value = doc["structures"][0]["energyPerParticle"]
        relative = abs(value - reference) / max(abs(reference), 1e-300) if reference != 0 else abs(value)
        worst = max(worst, relative)
        rows.append((d, w, n, ds, reference, value, relative))
    print("1. Energy per particle, thesis mode, against potentialEnergyPerParticle")
    print(f"{'d':>2} {'w':>5} {'N_p':>4} {'d_s':>4} {'thesis code':>22} {'Basin':>22} {'relative':>10}")
    for d, w, n, ds, reference, value, relative in rows:
        print(f"{d:>2} {w:>5} {n:>4} {ds:>4} {reference:>22.15g} {value:>22.15g} {relative:>10.1e}")
    print(f"{len(rows)} configurations, largest relative difference {worst:.2e}\n")
    return worst


def compare_descriptors(code, basin, workdir):
    import pandas as pd
    rng = random.Random(15)
    orders = [-2, -3, -4]
    structures = []
    for k in range(20):
        d, n = (2, 4) if k < 14 else (3, 3)
        w = [2.5, 5.0, 7.5, 10.0][k % 4]
        structures.append({"dimension": d, "width": w,
                           "coordinates": [[rng.uniform(0, w) for _ in range(d)] for _ in range(n)]})
    frame = pd.DataFrame({"particleCoordinates": [np.array(s["coordinates"]) for s in structures],
                          "widthOfCell": [s["width"] for s in structures]})
    with contextlib.redirect_stdout(io.StringIO()):
        prepared = code.prepareDatabseForMachineLearning(frame, orders, 20.0, False, False)
    path = os.path.join(workdir, "structures.json")
    with open(path, "w") as f:
        json.dump(structures, f)
    doc, _ = run_basin(basin, ["descriptors", path, "--structures", "--orders=" + ",".join(map(str, orders)),
                               "--proximity-cutoff", "20"])
    worst = 0.0
    for k, s in enumerate(structures):
        n = len(s["coordinates"])
        ours = doc["eigenvalues"][k]
        theirs = [float(np.real(v)) for v in prepared["eigenvalues"][k]]
        for m in range(len(orders)):
            a, b = ours[m * n:(m + 1) * n], theirs[m * n:(m + 1) * n]
            scale = max(abs(v) for v in b)
            worst = max(worst, max(abs(x - y) for x, y in zip(a, b)) / scale)
    print("2. Proximity-matrix eigenvalues (orders -2, -3, -4; R0p = 20) against prepareDatabseForMachineLearning")
    print(f"{len(structures)} structures (2-D and 3-D, w = 2.5 ... 10), largest difference relative to "
          f"each matrix's largest eigenvalue {worst:.2e}\n")
    return worst


def speed(code, basin, workdir, code_points, generation_points):
    import pandas as pd  # noqa: F401  (the code's database module needs it)
    rng = random.Random(16)
    w, n = 5.0, 4
    # The code's energy at d_s = 3.
    x = [np.array([rng.uniform(0, w), rng.uniform(0, w)]) for _ in range(n)]
    repeats = 3
    start = time.perf_counter()
    for _ in range(repeats):
        code.potentialEnergyPerParticle(code.generateSpace(x, 3, w), x, code.potentialEnergyPerSet)
    code_energy = (time.perf_counter() - start) / repeats
    # The code's complete data points: relaxation at d_s = 1, final energy at d_s = 3.
    random.seed(16)
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code.makeRandomDatabaseMinimum(code_points, 3, n, code.potentialEnergyPerSet, [w, w], False, False, 2, 1,
                                       1.0, 40, 0.1, 1)
    code_point = (time.perf_counter() - start) / code_points
    # Basin's energy: many structures through one process (start-up and file reading included).
    count = 20000
    path = os.path.join(workdir, "many.json")
    with open(path, "w") as f:
        json.dump([{"dimension": 2, "width": w, "coordinates": [[rng.uniform(0, w) for _ in range(2)] for _ in range(n)]}
                   for _ in range(count)], f)
    _, seconds = run_basin(basin, ["energy", path, "--mode", "thesis", "--depth", "3"])
    basin_energy = seconds / count
    out = os.path.join(workdir, "db.json")
    common = ["--width-start", "5", "--width-end", "5", "--particles", "4", "--dimension", "2", "--epochs", "40",
              "--max-step", "0.1", "--output", out]
    doc, _ = run_basin(basin, ["generate", *common, "--points", str(generation_points), "--mode", "thesis",
                               "--depth", "3", "--relaxation-depth", "1", "--move", "cube", "--threads", "1"])
    basin_point = doc["seconds"] / generation_points
    one, _ = run_basin(basin, ["generate", *common, "--points", "25000", "--threads", "1"])
    two, _ = run_basin(basin, ["generate", *common, "--points", "25000", "--threads", "2"])
    print("3. Speed at the thesis's settings (2-D, N_p = 4, w = 5, d_s = 3, relaxation at d_s = 1, 40 epochs, maxΔ = 0.1)")
    print(f"{'':<44} {'thesis code':>14} {'Basin':>14} {'ratio':>10}")
    print(f"{'time per energy evaluation (d_s = 3)':<44} {code_energy:>12.4g} s {basin_energy:>12.4g} s {code_energy / basin_energy:>9.0f}x")
    print(f"{'time per complete data point (one thread)':<44} {code_point:>12.4g} s {basin_point:>12.4g} s {code_point / basin_point:>9.0f}x")
    print(f"Basin, 25,000-point learning database (periodic mode): {one['seconds']:.2f} s on one thread, "
          f"{two['seconds']:.2f} s on two threads, speed-up {one['seconds'] / two['seconds']:.2f}x")
    return code_point / basin_point, one["seconds"] / two["seconds"], two["seconds"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkout", help="path of a checkout of TimHeiszwolf/Quantum_energy_ML")
    parser.add_argument("--basin", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "basin"))
    parser.add_argument("--configurations", type=int, default=24, help="energy comparisons (at least 20)")
    parser.add_argument("--code-points", type=int, default=2, help="data points timed in the thesis's code")
    parser.add_argument("--basin-points", type=int, default=2000, help="data points timed in Basin")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, os.path.abspath(args.checkout))
    import matplotlib
    matplotlib.use("Agg")
    import types
    code = types.SimpleNamespace()
    import potentialEnergy, generateSpace, prepareDatabaseForMachineLearning  # noqa: E401
    code.potentialEnergyPerParticle = potentialEnergy.potentialEnergyPerParticle
    code.potentialEnergyPerSet = potentialEnergy.potentialEnergyPerSet
    code.generateSpace = generateSpace.generateSpace
    code.prepareDatabseForMachineLearning = prepareDatabaseForMachineLearning.prepareDatabseForMachineLearning
    basin = os.path.abspath(args.basin)
    with tempfile.TemporaryDirectory() as workdir:
        energy_worst = compare_energies(code, basin, args.configurations, workdir)
        descriptor_worst = compare_descriptors(code, basin, workdir)
        ok = energy_worst <= 1e-12 and descriptor_worst <= 1e-12
        if not args.skip_speed:
            import makeRandomDatabase
            code.makeRandomDatabaseMinimum = makeRandomDatabase.makeRandomDatabaseMinimum
            speed(code, basin, workdir, args.code_points, args.basin_points)
    print("agreement:", "yes" if ok else "NO")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
