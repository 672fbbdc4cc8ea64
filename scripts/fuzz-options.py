#!/usr/bin/env python3
"""Feeds extreme values to every numeric option of every `basin` subcommand.

For each subcommand a small valid invocation is the base (an LJ cluster from data/lj-clusters,
built lattices, tiny step counts); each option that takes a value (read from the subcommand's
--help) is then given each of -1, 0, 1e308, -1e308, nan, inf, 2^63-1 and -2^63 in turn. A run
passes when it ends by itself within --timeout seconds with exit status 0 (the value was
accepted) or with a non-zero status and an error message (the value was refused); it fails when
the process dies from a signal (a trap or crash) or refuses with an empty message. Runs that
reach the timeout are listed separately: an accepted huge value may mean long honest work.

Usage: python3 scripts/fuzz-options.py --basin .build/debug/basin [--only md,hop] [--timeout 5]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LJ = os.path.join(ROOT, "data", "lj-clusters")
VALUES = ["-1", "0", "1e308", "-1e308", "nan", "inf", "9223372036854775807", "-9223372036854775808"]
# Options that name files, folders, formats or addresses, or that switch modes: not numeric.
SKIP = {"--output", "--model", "--format", "--elements", "--lattice", "--potential", "--parameters",
        "--element", "--address", "--trajectory", "--log", "--database", "--state", "--reference",
        "--comparison", "--extrapolation-frames", "--thermostat", "--minimizer", "--conventions",
        "--method", "--mode", "--activation", "--plots", "--frames-file", "--cutoff-type", "--rdf",
        "--msd", "--vacf", "--report", "--dump", "--name", "--kind", "--bits", "--cells", "-o"}


def prepare(basin, work):
    """Small inputs the later invocations read: an LJ sample with energies and forces, a minima
    database, symmetry functions and a toy database."""
    lj7 = os.path.join(LJ, "LJ7.xyz")
    steps = [
        ["sample", "--lattice", "fcc", "--density", "0.8442", "--cells", "2", "--steps", "20", "--temperatures", "1",
         "--output", "sample.xyz"],
        ["hop", lj7, "--cutoff", "none", "--steps", "5", "--database", "minima.db"],
        ["sf", "generate", "--data", "sample.xyz", "--output", "functions.nn"],
        ["toy", "generate", "--width-start", "2", "--width-end", "2", "--points", "20", "--epochs", "1",
         "--output", "toy.json", "--extxyz", "toy.extxyz"],
    ]
    for step in steps:
        subprocess.run([basin] + step, cwd=work, check=True, capture_output=True)


def bases(work):
    """A small valid invocation of every subcommand (those needing a model or server are left out)."""
    lj13, lj7 = os.path.join(LJ, "LJ13.xyz"), os.path.join(LJ, "LJ7.xyz")
    db = os.path.join(work, "minima.db")
    return {
        "md": ["md", "--lattice", "fcc", "--density", "0.8442", "--cells", "3", "--steps", "5"],
        "minimize": ["minimize", lj13, "--cutoff", "none"],
        "eval": ["eval", lj13, "--cutoff", "none"],
        "sample": ["sample", "--lattice", "fcc", "--density", "0.8442", "--cells", "2", "--steps", "5",
                   "--temperatures", "1", "--output", os.path.join(work, "sampled.xyz")],
        "hop": ["hop", lj7, "--cutoff", "none", "--steps", "5", "--database", db],
        "neb": ["neb", lj7, lj7, "--cutoff", "none", "--max-steps", "5"],
        "connect": ["connect", lj7, lj7, "--cutoff", "none", "--max-steps", "5"],
        "path": ["path", lj7, lj7, "--cutoff", "none", "--duration", "1", "--steps", "2",
                 "--pretrain-steps", "2", "--output", os.path.join(work, "path.extxyz")],
        "compress analyze": ["compress", "analyze", os.path.join(LJ, "LJ6.xyz")],
        "compress sweep": ["compress", "sweep", os.path.join(LJ, "LJ6.xyz"), "-o", os.path.join(work, "sweep"),
                           "--points", "3", "--sample-count", "20"],
        "db list": ["db", "list", "--database", db],
        "db verify": ["db", "verify", "--database", db],
        "db compress": ["db", "compress", "--database", db],
        "sf generate": ["sf", "generate", "--data", "sample.xyz"],
        "sf analyze": ["sf", "analyze", "--functions", "functions.nn", "--data", "sample.xyz"],
        "sf compute": ["sf", "compute", "--functions", "functions.nn", "--data", "sample.xyz"],
        "toy energy": ["toy", "energy", "toy.extxyz"],
        "toy relax": ["toy", "relax", "toy.extxyz"],
        "toy generate": ["toy", "generate", "--width-start", "2", "--width-end", "2", "--points", "5", "--epochs", "1",
                         "--output", "generated.json"],
        "toy descriptors": ["toy", "descriptors", "toy.extxyz"],
        "toy train": ["toy", "train", "toy.json", "--output", "network.json"],
    }


def numeric_options(basin, command):
    text = subprocess.run([basin] + command.split() + ["--help"], capture_output=True, text=True).stdout
    found = []
    for match in re.finditer(r"^\s+(?:-\w, )?(--[\w-]+) <[\w-]+>(.*)$", text, re.MULTILINE):
        name, rest = match.group(1), match.group(2)
        if name in SKIP or "(values:" in rest:
            continue
        found.append(name)
    return list(dict.fromkeys(found))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--basin", default=os.path.join(ROOT, ".build", "debug", "basin"))
    parser.add_argument("--only", help="comma-separated subcommands (as in the table: 'md', 'compress sweep')")
    parser.add_argument("--timeout", type=float, default=5)
    args = parser.parse_args()
    failures, slow, runs = [], [], 0
    with tempfile.TemporaryDirectory(prefix="basin-fuzz-options-") as work:
        prepare(args.basin, work)
        table = bases(work)
        chosen = args.only.split(",") if args.only else list(table)
        for command in chosen:
            base = table[command]
            if "--help" in base:
                continue
            for option in numeric_options(args.basin, command):
                for value in VALUES:
                    runs += 1
                    call = [args.basin] + base + [option, value]
                    try:
                        result = subprocess.run(call, capture_output=True, text=True, timeout=args.timeout, cwd=work)
                    except subprocess.TimeoutExpired:
                        slow.append(" ".join(call[1:]))
                        continue
                    message = result.stderr.strip()
                    if result.returncode < 0 or result.returncode >= 128 or (result.returncode != 0 and not message):
                        last = message.splitlines()[-1] if message else "(no message)"
                        failures.append(f"{' '.join(call[1:])}: status {result.returncode}: {last[:160]}")
    print(f"{runs} runs, {len(failures)} failures, {len(slow)} past {args.timeout:g} s")
    for line in failures:
        print("FAIL", line)
    for line in slow:
        print("SLOW", line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
