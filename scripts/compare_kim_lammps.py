#!/usr/bin/env python3
"""Compares a LAMMPS `run 0` through Basin's KIM driver with `basin eval --json` on one structure.

Usage: compare_kim_lammps.py BASIN_JSON LAMMPS_LOG FORCES_DUMP [--tolerance 1e-10] [--label TEXT]

LAMMPS_LOG holds the line `BASIN-CHECK energy E pressure P` the check's input prints; FORCES_DUMP
is a `dump custom … id type fx fy fz` sorted by id. Prints the relative errors of the total
energy, of every force component (largest |ΔF| over the largest |F|) and of the pressure as one
JSON line, and exits 1 when any exceeds the tolerance.
"""
import argparse
import json
import sys


def lammps_results(log_path, dump_path):
    energy = pressure = None
    with open(log_path) as log:
        for line in log:
            words = line.split()
            if len(words) == 5 and words[0] == "BASIN-CHECK":
                energy, pressure = float(words[2]), float(words[4])
    if energy is None:
        sys.exit(f"{log_path}: no BASIN-CHECK line (did LAMMPS finish?)")
    forces = []
    with open(dump_path) as dump:
        lines = dump.read().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("ITEM: ATOMS")) + 1
    for line in lines[start:]:
        if line.startswith("ITEM:"):
            break
        words = line.split()
        forces.append([float(w) for w in words[2:5]])
    return energy, pressure, forces


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("basin_json")
    parser.add_argument("lammps_log")
    parser.add_argument("forces_dump")
    parser.add_argument("--tolerance", type=float, default=1e-10)
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    with open(args.basin_json) as file:
        basin = json.load(file)
    frame = basin["frames"][0] if isinstance(basin, dict) and "frames" in basin else basin[0]
    energy, pressure, forces = lammps_results(args.lammps_log, args.forces_dump)
    reference = frame["forces"]
    if len(forces) != len(reference):
        sys.exit(f"{args.forces_dump}: {len(forces)} atoms, basin eval has {len(reference)}")
    largest = max(abs(c) for f in reference for c in f)
    force_error = max(abs(a - b) for f, g in zip(forces, reference) for a, b in zip(f, g)) / largest
    errors = {
        "label": args.label,
        "energy": abs(energy - frame["energy"]) / abs(frame["energy"]),
        "forces": force_error,
        "pressure": abs(pressure - frame["pressure"]) / abs(frame["pressure"]),
    }
    print(json.dumps(errors))
    worst = max(errors["energy"], errors["forces"], errors["pressure"])
    if worst > args.tolerance:
        sys.exit(f"{args.label}: relative error {worst:.3g} exceeds {args.tolerance:g}")


if __name__ == "__main__":
    main()
