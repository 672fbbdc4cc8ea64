#!/usr/bin/env python3
"""Two builds of `basin` side by side on the same work, runs interleaved, medians reported:
MD loop time per step for LAMMPS's in.lj problem (32,000 LJ atoms), Stillinger–Weber silicon
(4,096 atoms), Vashishta β-cristobalite (1,536 atoms) and the n2p2 water model on LAMMPS's
1,080-atom box, and the wall time of a short `basin train` run (Adam, 20 epochs).

Use it to check that a change costs no speed: build the previous main into another folder
(`git worktree add ../previous main~1 && swift build -c release` there) and run
    python3 benchmarks/compare_builds.py ../previous/.build/release/basin .build/release/basin
The water model comes from scripts/fetch-water-model.sh (`--water DIR`); without it that
row is skipped.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def silica(path, cells):
    """Ideal β-cristobalite SiO₂, a = 7.16 Å, cells³ unit cells, as extended XYZ."""
    a = 7.16
    fcc = [(0, 0, 0), (0, .5, .5), (.5, 0, .5), (.5, .5, 0)]
    basis = [("Si", s) for s in fcc] + [("Si", tuple(x + .25 for x in s)) for s in fcc]
    bonds = [(1, 1, 1), (1, -1, -1), (-1, 1, -1), (-1, -1, 1)]
    basis += [("O", tuple(s[k] + b[k] / 8 for k in range(3))) for s in fcc for b in bonds]
    atoms = [(el, [a * (s[k] + c) for k, c in enumerate((i, j, l))])
             for i in range(cells) for j in range(cells) for l in range(cells) for el, s in basis]
    side = a * cells
    with open(path, "w") as f:
        f.write(f'{len(atoms)}\nLattice="{side} 0 0 0 {side} 0 0 0 {side}" Properties=species:S:1:pos:R:3 pbc="T T T"\n')
        for el, r in atoms:
            f.write(f"{el} {r[0]:.6f} {r[1]:.6f} {r[2]:.6f}\n")


def training_files(folder, basin):
    """A small SW silicon data set and symmetry functions, made with `basin` itself."""
    data, sf = os.path.join(folder, "input.data"), os.path.join(folder, "sf.nn")
    subprocess.run([basin, "sample", "--lattice", "diamond", "--element", "Si", "--lattice-constant", "5.431", "--cells", "2",
                    "--potential", "sw", "--parameters", "Si", "--temperatures", "500,2000", "--equilibrate", "50",
                    "--steps", "400", "--interval", "20", "--output", data], check=True, capture_output=True)
    subprocess.run([basin, "sf", "generate", "--data", data, "--cutoff", "5.0", "--output", sf], check=True, capture_output=True)
    with open(os.path.join(folder, "train.yaml"), "w") as f:
        f.write("data: input.data\ntest_fraction: 0.1\nelements: [Si]\nsymmetry_functions: sf.nn\n"
                "network: {hidden: [15, 15], activations: [t, t]}\nscaling: scale-center\nnormalize: true\n"
                "optimizer: {name: adam, learning_rate: 0.002, batch_size: 8}\nepochs: 20\nseed: 1\nthreads: 1\n"
                "output: run\ncheckpoint_every: 0\n")


def cases(folder, water):
    yield "in.lj, 32,000 atoms (ms/step)", ["md", "--potential", "lj", "--lattice", "fcc", "--lattice-constant", "1.6796",
                                           "--element", "Ar", "--cells", "20", "--temperature", "1.44", "--steps", "100"]
    yield "SW Si, 4,096 atoms (ms/step)", ["md", "--potential", "sw", "--parameters", "Si", "--lattice", "diamond",
                                          "--element", "Si", "--lattice-constant", "5.431", "--cells", "8",
                                          "--temperature", "1000", "--steps", "100"]
    yield "Vashishta SiO2, 1,536 atoms (ms/step)", ["md", "--potential", "vashishta", "--parameters", "SiO2",
                                                   os.path.join(folder, "silica.xyz"), "--temperature", "300", "--steps", "100"]
    if water:
        yield "water NNP, 1,080 atoms (ms/step)", ["md", os.path.join(water, "data.H2O-360mol"), "--format", "lammps-data",
                                                  "--elements", "H,O", "--potential", "nnp", "--model", water,
                                                  "--cflength", "1.8897261328", "--cfenergy", "0.0367493254",
                                                  "--temperature", "300", "--steps", "10"]
    yield "train, Adam 20 epochs (s)", ["train", os.path.join(folder, "train.yaml")]


def measure(basin, arguments, folder):
    """ms per MD step (from --json) or wall seconds of a training run."""
    if arguments[0] == "md":
        out = subprocess.run([basin] + arguments + ["--thermo", "0", "--seed", "1", "--json"], check=True, capture_output=True,
                             text=True, cwd=folder).stdout
        summary = json.loads(out)
        return 1e3 * summary["loopSeconds"] / summary["steps"]
    start = time.perf_counter()
    subprocess.run([basin] + arguments, check=True, capture_output=True, cwd=folder)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old", help="the previous build's basin binary")
    parser.add_argument("new", help="this build's basin binary")
    parser.add_argument("--repeat", type=int, default=5, help="interleaved runs of each build (default 5)")
    parser.add_argument("--water", help="folder with the n2p2 water model (scripts/fetch-water-model.sh)")
    parser.add_argument("--json", action="store_true", help="print the medians as JSON")
    args = parser.parse_args()
    args.old, args.new = os.path.abspath(args.old), os.path.abspath(args.new)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        silica(os.path.join(folder, "silica.xyz"), 4)
        training_files(folder, args.new)
        for name, arguments in cases(folder, args.water):
            times = {"old": [], "new": []}
            for _ in range(args.repeat):
                for which in ("old", "new"):
                    times[which].append(measure(getattr(args, which), arguments, folder))
            old, new = statistics.median(times["old"]), statistics.median(times["new"])
            rows.append({"case": name, "old": old, "new": new, "ratio": new / old,
                         "spread_old": (max(times["old"]) - min(times["old"])) / old,
                         "spread_new": (max(times["new"]) - min(times["new"])) / new})
            print(f"{name:42s} old {old:9.3f}  new {new:9.3f}  new/old {new / old:5.3f}", file=sys.stderr)
    if args.json:
        print(json.dumps(rows, indent=1))
    else:
        print("| case | previous | this build | this / previous | spread (max−min)/median, previous / this |")
        print("| --- | --- | --- | --- | --- |")
        for r in rows:
            print(f"| {r['case']} | {r['old']:.3f} | {r['new']:.3f} | {r['ratio']:.3f} | "
                  f"{100 * r['spread_old']:.0f} % / {100 * r['spread_new']:.0f} % |")


if __name__ == "__main__":
    main()
