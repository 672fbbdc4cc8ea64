#!/usr/bin/env python3
"""Plot the energies along a least-action path (basin path --energies, with --quench): potential,
kinetic and total energy per atom against time, and the quenched energy of every frame, as in
Figure 5 of Wang et al., J. Chem. Inf. Model. 62, 3346 (2022).

Usage: python3 scripts/plot_path_energies.py path.csv --atoms 38 --output path-energies.svg [--title LJ38]
"""
import argparse
import csv

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv")
    parser.add_argument("--atoms", type=int, required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--title", default="")
    args = parser.parse_args()
    rows = list(csv.DictReader(open(args.csv)))
    t = [float(r["time"]) for r in rows]
    per_atom = lambda key: [float(r[key]) / args.atoms for r in rows]
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(5.5, 6), sharex=True)
    top.plot(t, per_atom("total_energy"), "r-", label="total")
    top.plot(t, per_atom("potential_energy"), "b-", label="potential")
    top.set_ylabel("energy per atom (ε)")
    top.legend(frameon=False)
    top.set_title(args.title)
    if "quenched_energy" in rows[0]:
        bottom.plot(t, [float(r["quenched_energy"]) for r in rows], "k.-")
        bottom.set_ylabel("quenched energy (ε)")
    bottom.set_xlabel("time (τ)")
    fig.tight_layout()
    fig.savefig(args.output)


if __name__ == "__main__":
    main()
