#!/usr/bin/env python3
"""Speed of Basin's neural-network potential on n2p2's H2O RPBE-D3 model.

The model (n2p2 examples/nnp-predict/H2O_RPBE-D3: input.nn, scaling.data, weights.001.data,
weights.008.data; 2 elements, 27 (H) and 30 (O) symmetry functions with r_c = 12 Bohr, two
hidden layers of 25 tanh neurons) and LAMMPS's 1080-atom water box (data.H2O-360mol, 360
molecules, Å, periodic; type 1 = H, 2 = O) come from Debian's lammps-examples package through
scripts/fetch-water-model.sh, into <repo>/.fixtures/h2o-rpbe-d3 as for the tests (or --model).

The model is in Bohr and Hartree and is driven in metal units (Å, eV) with LAMMPS
`pair_style hdnnp`'s factors: --cflength 1.8897261328 (Bohr per Å), --cfenergy 0.0367493254
(Hartree per eV). Each run is `basin md` in NVE from velocities at 300 K, dt = 0.5 fs, skin 2 Å,
so every step is one evaluation of energy and forces of all 1080 atoms (symmetry functions with
their derivatives, both atomic networks with their input gradients, force assembly) plus the
integration and the neighbor-list checks; the first evaluation, before the loop, is not timed.
Runs with 1 and 2 threads are interleaved --repeat times and the fastest of each counts.
Reported: atom-steps per second of the integration loop, milliseconds per step, and the
two-thread speed-up.

No peer code runs here: Debian's LAMMPS is built without ML-HDNNP and n2p2 is packaged
neither by Debian nor on PyPI, so the numbers are Basin's own, not a comparison.

Usage: python3 benchmarks/nnp_water_speed.py [--steps 50] [--repeat 3] [--threads 1,2] [--json]
       [--basin PATH] [--scratch-path DIR] [--model DIR]
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, ".fixtures", "h2o-rpbe-d3")
MODEL_FILES = ["input.nn", "scaling.data", "weights.001.data", "weights.008.data", "data.H2O-360mol"]
CFLENGTH = "1.8897261328"    # Bohr per Å (LAMMPS in.hdnnp)
CFENERGY = "0.0367493254"    # Hartree per eV


def ensure_model(folder):
    """The model folder, fetched with scripts/fetch-water-model.sh when a file is missing."""
    if not all(os.path.exists(os.path.join(folder, f)) for f in MODEL_FILES):
        print(f"fetching n2p2's H2O RPBE-D3 model into {folder} ...", file=sys.stderr)
        subprocess.run(["bash", os.path.join(ROOT, "scripts", "fetch-water-model.sh"), folder], check=True)
    return folder


# Compiler flags of a build for the machine's own processor, as n2p2's makefile (-march=native):
# Swift code and the C headers it imports may then use every vector extension the processor has
# (AVX2 on an x86-64 of 2015 or later); such a binary may not run on another processor.
NATIVE_FLAGS = ["-Xswiftc", "-target-cpu", "-Xswiftc", "native", "-Xcc", "-march=native"]


def build_basin(basin, scratch_path, native=False):
    """The release `basin` binary (built with SwiftPM unless a path is given); with `native`, for
    this machine's processor (NATIVE_FLAGS) in .build-native unless a scratch path is given."""
    if basin:
        return basin
    if native and not scratch_path:
        scratch_path = os.path.join(ROOT, ".build-native")
    command = ["swift", "build", "-c", "release"] + (["--scratch-path", scratch_path] if scratch_path else [])
    command += NATIVE_FLAGS if native else []
    subprocess.run(command + ["--product", "basin"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    bin_path = subprocess.run(command + ["--show-bin-path"], cwd=ROOT, check=True, capture_output=True,
                              text=True).stdout.strip()
    return os.path.join(bin_path, "basin")


def md_command(basin, model, steps, threads, temperature, dt, skin):
    return [basin, "md", os.path.join(model, "data.H2O-360mol"), "--format", "lammps-data", "--elements", "H,O",
            "--potential", "nnp", "--model", model, "--cflength", CFLENGTH, "--cfenergy", CFENERGY,
            "--temperature", str(temperature), "--dt", str(dt), "--skin", str(skin), "--steps", str(steps),
            "--ensemble", "nve", "--seed", "12345", "--thermo", "0", "--threads", str(threads), "--json"]


def run_basin(command):
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit("`" + " ".join(command) + f"` failed (exit {proc.returncode}):\n" + proc.stderr.strip())
    summary = json.loads(proc.stdout)
    seconds, steps, atoms = summary["loopSeconds"], summary["steps"], summary["atoms"]
    return {"seconds": seconds, "steps": steps, "atoms": atoms,
            "atom_steps_per_second": summary["atomStepsPerSecond"],
            "milliseconds_per_step": 1e3 * seconds / steps,
            "microseconds_per_atom_step": 1e6 * seconds / (steps * atoms),
            "neighbor_list_builds": summary["neighborListBuilds"],
            "max_energy_deviation_per_atom_eV": summary["maxEnergyDeviationPerAtom"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest counts")
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts (default 1,2)")
    parser.add_argument("--temperature", type=float, default=300.0, help="initial temperature (K)")
    parser.add_argument("--dt", type=float, default=0.0005, help="time step (ps)")
    parser.add_argument("--skin", type=float, default=2.0, help="neighbor-list skin (Å)")
    parser.add_argument("--model", default=MODEL, help="model folder (default: <repo>/.fixtures/h2o-rpbe-d3, "
                                                       "fetched when missing)")
    parser.add_argument("--basin", help="a built basin binary (default: build release with SwiftPM)")
    parser.add_argument("--scratch-path", help="SwiftPM --scratch-path for the build")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args()
    threads = [int(t) for t in args.threads.split(",") if t.strip()]
    if not threads or min(threads) < 1 or args.steps < 1 or args.repeat < 1:
        sys.exit("--threads needs positive counts; --steps and --repeat must be at least 1")

    model = ensure_model(os.path.abspath(args.model))
    basin = build_basin(args.basin, args.scratch_path)
    best = {}
    for _ in range(args.repeat):
        # Interleave the runs so that any drift in machine load affects all of them alike.
        for t in threads:
            result = run_basin(md_command(basin, model, args.steps, t, args.temperature, args.dt, args.skin))
            if t not in best or result["atom_steps_per_second"] > best[t]["atom_steps_per_second"]:
                best[t] = result
    atoms = best[threads[0]]["atoms"]
    report = {
        "problem": f"n2p2 H2O RPBE-D3 NNP, LAMMPS water box ({atoms} atoms), NVE from {args.temperature:g} K, "
                   f"dt = {args.dt * 1000:g} fs, {args.steps} steps, skin {args.skin:g} Å",
        "peer": None,
        "note": "Basin only: Debian's LAMMPS lacks ML-HDNNP and n2p2 is not on apt or PyPI",
        "command": " ".join(md_command("basin", model, args.steps, "T", args.temperature, args.dt, args.skin)),
        "repeat": args.repeat,
        "runs": {f"{t}_thread" + ("s" if t > 1 else ""): best[t] for t in threads},
    }
    if 1 in best:
        report["speedup_over_1_thread"] = {str(t): best[t]["atom_steps_per_second"] / best[1]["atom_steps_per_second"]
                                           for t in threads if t != 1}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(report["problem"])
    print(f"  {report['note']}; best of {args.repeat}.")
    print(f"  {'threads':>7s} {'atom-steps/s':>14s} {'ms/step':>9s} {'µs/atom-step':>13s} {'loop s':>8s} "
          f"{'speed-up':>9s} {'|ΔE|/atom (eV)':>15s}")
    for t in threads:
        r = best[t]
        speedup = r["atom_steps_per_second"] / best[1]["atom_steps_per_second"] if 1 in best else float("nan")
        print(f"  {t:7d} {r['atom_steps_per_second']:14.4g} {r['milliseconds_per_step']:9.2f} "
              f"{r['microseconds_per_atom_step']:13.2f} {r['seconds']:8.3f} {speedup:8.2f}x "
              f"{r['max_energy_deviation_per_atom_eV']:15.2e}")


if __name__ == "__main__":
    main()
