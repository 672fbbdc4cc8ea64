#!/usr/bin/env python3
"""Basin's neural-network potential against n2p2, stage by stage, on n2p2's H2O RPBE-D3 model.

The model and LAMMPS's 1,080-atom water box come from scripts/fetch-water-model.sh (see
nnp_water_speed.py); the box is also replicated 2×2×1 (4,320 atoms). Both codes evaluate the
energy and forces of each box --evaluations times per run, timing the stages:

  n2p2    benchmarks/n2p2_driver/stage_timer.cpp, built here against the libnnp sources of the
          checkout given by --n2p2 with the flags of its src/makefile.gnu (-O3 -march=native
          -std=c++11) plus -fopenmp, the makefile's documented switch for threads (OMP_NUM_THREADS
          sets the count). Stages: Structure::calculateNeighborList, calculateSymmetryFunctionGroups,
          calculateAtomicNeuralNetworks, calculateEnergy + calculateForces.
  Basin   `basin eval --timing N --json` (release build): neighbor-list build, symmetry-function
          values, atomic networks, then derivatives contracted with ∂E/∂G into forces and virial.
          SwiftPM's release build targets any x86-64 (SSE2 vectors); --native builds it for this
          machine's processor as n2p2 is (`swift build -c release -Xswiftc -target-cpu -Xswiftc
          native -Xcc -march=native`, in .build-native), and the output states which.

"core" is the sum of the stages after the neighbor list: n2p2's Prediction::predict() minus its
O(N²) neighbor search, which is what n2p2 costs inside LAMMPS (pair_style hdnnp uses LAMMPS's
list). Runs of both codes and every thread count alternate --repeat times; each stage's median
over all evaluations after the first of every run counts, by three clocks: wall time, the
processor time of the evaluating thread (CLOCK_THREAD_CPUTIME_ID) and that of the whole process.
The ratios are read by processor time (the thread's on one thread, the process's on more), which
other jobs on a shared machine disturb far less than wall time; the speed-up from one to two
threads is by wall time, which only a quiet machine gives. Each process reports its peak resident
memory (getrusage) and its energy (n2p2's total energy as predict() reports it, against Basin's
in Hartree). The load average is printed before and after. `--json` prints one document whose
top-level "speedup" is the smallest one-thread core ratio n2p2/Basin over the boxes.

Usage: python3 benchmarks/nnp_vs_n2p2.py --n2p2 PATH_TO_CHECKOUT [--evaluations 5] [--repeat 3]
       [--threads 1,2] [--boxes 1x1x1,2x2x1] [--json] [--basin PATH] [--scratch-path DIR]
       [--model DIR] [--build-dir DIR] [--native]
"""
import argparse
import concurrent.futures
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

from n2p2_dependencies import ensure_n2p2_build_dependencies
from nnp_water_speed import CFENERGY, CFLENGTH, MODEL, NATIVE_FLAGS, build_basin, ensure_model

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DRIVER = os.path.join(ROOT, "benchmarks", "n2p2_driver", "stage_timer.cpp")
STAGES = ["neighbor_list", "descriptors", "networks", "forces"]
CORE = STAGES[1:]
MODEL_FILES = ["input.nn", "scaling.data", "weights.001.data", "weights.008.data"]
BOHR_PER_ANGSTROM = float(CFLENGTH)


def makefile_flags(checkout):
    """PROJECT_CFLAGS and the active PROJECT_OPTIONS of the checkout's src/makefile.gnu."""
    flags, options = "-O3 -march=native -std=c++11", []
    with open(os.path.join(checkout, "src", "makefile.gnu")) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line.startswith("PROJECT_CFLAGS="):
                flags = line.split("=", 1)[1]
            elif line.startswith("PROJECT_OPTIONS+="):
                options.append(line.split("=", 1)[1].strip())
    return flags.split() + options


def build_driver(checkout, build_dir):
    """Compiles libnnp's sources and the stage timer into build_dir; objects are reused while
    newer than their sources."""
    source = os.path.join(checkout, "src", "libnnp")
    if not os.path.isdir(source):
        sys.exit(f"{checkout}: no src/libnnp (give the root of an n2p2 checkout)")
    ensure_n2p2_build_dependencies()
    os.makedirs(build_dir, exist_ok=True)
    flags = makefile_flags(checkout) + ["-fopenmp", "-I" + source, "-I/usr/include/eigen3"]

    def compile_one(cpp):
        obj = os.path.join(build_dir, os.path.basename(cpp)[:-4] + ".o")
        if not os.path.exists(obj) or os.path.getmtime(obj) < os.path.getmtime(cpp):
            subprocess.run(["g++"] + flags + ["-c", cpp, "-o", obj], check=True)
        return obj

    cpps = sorted(glob.glob(os.path.join(source, "*.cpp")))
    print(f"building n2p2's libnnp ({len(cpps)} files) and the stage timer in {build_dir} ...", file=sys.stderr)
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        objects = list(pool.map(compile_one, cpps))
    binary = os.path.join(build_dir, "stage_timer")
    subprocess.run(["g++"] + flags + [DRIVER] + objects + ["-o", binary], check=True)
    return binary, " ".join(flags[:-2])


def read_water_box(path):
    """(box lengths, [(type, x, y, z)]) of an orthogonal LAMMPS data file in Å, `atomic` style."""
    with open(path) as f:
        lines = f.read().splitlines()
    box = [0.0, 0.0, 0.0]
    for line in lines:
        words = line.split()
        for axis, name in enumerate(["xlo", "ylo", "zlo"]):
            if len(words) >= 4 and words[2] == name:
                box[axis] = float(words[1]) - float(words[0])
    start = next(i for i, line in enumerate(lines) if line.startswith("Atoms")) + 2
    atoms = []
    for line in lines[start:]:
        words = line.split()
        if not words:
            break
        atoms.append((int(words[1]), float(words[2]), float(words[3]), float(words[4])))
    return box, atoms


def replicate(box, atoms, counts):
    shifted = [(t, x + a * box[0], y + b * box[1], z + c * box[2])
               for a in range(counts[0]) for b in range(counts[1]) for c in range(counts[2]) for t, x, y, z in atoms]
    return [box[k] * counts[k] for k in range(3)], shifted


def write_lammps_data(path, box, atoms):
    with open(path, "w") as f:
        f.write(f"water box, {len(atoms)} atoms\n\n{len(atoms)} atoms\n2 atom types\n\n")
        for k, axis in enumerate("xyz"):
            f.write(f"0.0 {box[k]!r} {axis}lo {axis}hi\n")
        f.write("\nMasses\n\n1 1.00794\n2 15.9994\n\nAtoms # atomic\n\n")
        for n, (t, x, y, z) in enumerate(atoms, 1):
            f.write(f"{n} {t} {x!r} {y!r} {z!r}\n")


def write_n2p2_data(path, box, atoms):
    """n2p2's input.data in Bohr (the model's length unit)."""
    s = BOHR_PER_ANGSTROM
    with open(path, "w") as f:
        f.write("begin\n")
        for k in range(3):
            row = [0.0, 0.0, 0.0]
            row[k] = box[k] * s
            f.write("lattice {:.16e} {:.16e} {:.16e}\n".format(*row))
        for t, x, y, z in atoms:
            element = "H" if t == 1 else "O"
            f.write(f"atom {x * s:.16e} {y * s:.16e} {z * s:.16e} {element} 0.0 0.0 0.0 0.0 0.0\n")
        f.write("energy 0.0\ncharge 0.0\nend\n")


def run_checked(command, cwd=None, env=None):
    """The standard output of a command that must succeed."""
    proc = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit("`" + " ".join(command) + f"` failed (exit {proc.returncode}):\n" + proc.stderr.strip())
    return proc.stdout


CLOCKS = ["wall", "thread_cpu", "process_cpu"]


def processor_clock(threads):
    """The processor clock a run with `threads` threads is compared by: the evaluating thread's
    for one thread, the whole process's (the work of all threads) for more."""
    return "thread_cpu" if threads == 1 else "process_cpu"


def run_n2p2(driver, folder, evaluations, threads):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    report = json.loads(run_checked([driver, str(evaluations)], cwd=folder, env=env))
    return {"clocks": {c: {s: report[c][s] for s in STAGES} for c in CLOCKS},
            "energy_hartree": report["energy"], "peak_rss_mib": report["peak_rss_kib"] / 1024}


def basin_command(basin, model, data, evaluations, threads):
    return [basin, "eval", data, "--format", "lammps-data", "--elements", "H,O", "--potential", "nnp",
            "--model", model, "--cflength", CFLENGTH, "--cfenergy", CFENERGY, "--threads", str(threads),
            "--timing", str(evaluations), "--json"]


def run_basin(basin, model, data, evaluations, threads):
    report = json.loads(run_checked(basin_command(basin, model, data, evaluations, threads)))
    keys = {"wall": "stages", "thread_cpu": "threadProcessorStages", "process_cpu": "processProcessorStages"}
    return {"clocks": {c: {s: report[keys[c]][s] for s in STAGES} for c in CLOCKS},
            "energy_hartree": report["energy"] * float(CFENERGY), "peak_rss_mib": report["peakResidentMiB"]}


def summarize(runs):
    """By each clock, the median milliseconds of each stage over every evaluation but each run's
    first, and the core sum; the last energy and the largest peak memory."""
    summary = {"peak_rss_mib": max(r["peak_rss_mib"] for r in runs), "energy_hartree": runs[-1]["energy_hartree"]}
    for c in CLOCKS:
        stages = {s: 1e3 * statistics.median(t for r in runs for t in r["clocks"][c][s][1:]) for s in STAGES}
        stages["core"] = sum(stages[s] for s in CORE)
        summary[c] = stages
    return summary


def load():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n2p2", required=True, help="root of an n2p2 source checkout")
    parser.add_argument("--evaluations", type=int, default=5, help="evaluations per run; the first is not counted")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved runs of each code and thread count")
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts (default 1,2)")
    parser.add_argument("--boxes", default="1x1x1,2x2x1", help="replicas of the 1,080-atom box (default 1x1x1,2x2x1)")
    parser.add_argument("--model", default=MODEL, help="model folder (default: <repo>/.fixtures/h2o-rpbe-d3)")
    parser.add_argument("--basin", help="a built basin binary (default: build release with SwiftPM)")
    parser.add_argument("--scratch-path", help="SwiftPM --scratch-path for the build")
    parser.add_argument("--build-dir", help="where n2p2's libnnp and the stage timer are built "
                                            "(default: <repo>/.build/n2p2-stage-timer)")
    parser.add_argument("--native", action="store_true",
                        help="build Basin for this machine's processor, as n2p2's -march=native (with --basin: "
                             "the given binary was built so, and the output says so)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args()
    threads = [int(t) for t in args.threads.split(",") if t.strip()]
    boxes = [tuple(int(c) for c in b.split("x")) for b in args.boxes.split(",") if b.strip()]
    if not threads or min(threads) < 1 or args.evaluations < 2 or args.repeat < 1:
        sys.exit("--threads needs positive counts, --evaluations at least 2 and --repeat at least 1")
    if any(len(b) != 3 or min(b) < 1 for b in boxes):
        sys.exit("--boxes takes replica counts such as 1x1x1,2x2x1")

    model = ensure_model(os.path.abspath(args.model))
    basin = build_basin(args.basin, args.scratch_path, native=args.native)
    basin_flags = " ".join(["swift build -c release"] + (NATIVE_FLAGS if args.native else []))
    driver, flags = build_driver(os.path.abspath(args.n2p2),
                                 args.build_dir or os.path.join(ROOT, ".build", "n2p2-stage-timer"))
    load_before = load()
    work = tempfile.mkdtemp(prefix="nnp-vs-n2p2-")
    results = []
    try:
        box, atoms = read_water_box(os.path.join(model, "data.H2O-360mol"))
        for counts in boxes:
            lengths, replica = replicate(box, atoms, counts)
            folder = os.path.join(work, "x".join(map(str, counts)))
            os.makedirs(folder)
            for name in MODEL_FILES:
                os.symlink(os.path.join(model, name), os.path.join(folder, name))
            write_n2p2_data(os.path.join(folder, "input.data"), lengths, replica)
            data = os.path.join(folder, "box.data")
            write_lammps_data(data, lengths, replica)
            runs = {(code, t): [] for code in ("basin", "n2p2") for t in threads}
            for _ in range(args.repeat):
                for t in threads:
                    runs[("n2p2", t)].append(run_n2p2(driver, folder, args.evaluations, t))
                    runs[("basin", t)].append(run_basin(basin, model, data, args.evaluations, t))
            for t in threads:
                b, n = summarize(runs[("basin", t)]), summarize(runs[("n2p2", t)])
                clock = processor_clock(t)
                results.append({"atoms": len(replica), "replicas": "x".join(map(str, counts)), "threads": t,
                                "basin": b, "n2p2": n, "processor_clock": clock,
                                "core_speedup": n[clock]["core"] / b[clock]["core"],
                                "core_speedup_wall": n["wall"]["core"] / b["wall"]["core"],
                                "energy_relative_difference": abs(b["energy_hartree"] / n["energy_hartree"] - 1)})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for r in results:
        one = next((q for q in results if q["atoms"] == r["atoms"] and q["threads"] == 1), None)
        if one:
            for code in ("basin", "n2p2"):
                r[code]["wall_speedup_over_1_thread"] = one[code]["wall"]["core"] / r[code]["wall"]["core"]
    single = [r["core_speedup"] for r in results if r["threads"] == 1]
    report = {"problem": "n2p2 H2O RPBE-D3 NNP, energy and forces of LAMMPS's water box and its replicas, "
                         "core (after the neighbor list) by processor time, one thread",
              "speedup": min(single) if single else None,
              "n2p2_flags": flags, "basin_flags": basin_flags, "evaluations": args.evaluations, "repeat": args.repeat,
              "load_average_before": load_before, "load_average_after": load(), "results": results}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{report['problem']}; medians of {args.repeat} x {args.evaluations - 1} evaluations, ms per evaluation")
    print(f"n2p2 built with {flags}; Basin with {basin_flags}")
    print(f"load average {load_before} before, {report['load_average_after']} after")
    print("stages by processor time (the evaluating thread's for 1 thread, the process's for more); "
          "core = descriptors + networks + forces")
    print(f"{'atoms':>6s} {'thr':>3s} {'code':>5s} {'neighbors':>9s} {'descript':>9s} {'networks':>9s} {'forces':>9s} "
          f"{'core':>9s} {'wall core':>9s} {'wall x1':>7s} {'MiB':>6s} {'energy (Ha)':>20s}")
    for r in results:
        for code in ("basin", "n2p2"):
            m = r[code][r["processor_clock"]]
            print(f"{r['atoms']:6d} {r['threads']:3d} {code:>5s} " + " ".join(f"{m[s]:9.1f}" for s in STAGES + ["core"])
                  + f" {r[code]['wall']['core']:9.1f} {r[code].get('wall_speedup_over_1_thread', 1.0):7.2f}"
                  + f" {r[code]['peak_rss_mib']:6.0f} {r[code]['energy_hartree']:20.12f}")
        print(f"{'':10s} core n2p2/Basin: {r['core_speedup']:.2f} by processor time, {r['core_speedup_wall']:.2f} by wall time; "
              f"energies differ by {r['energy_relative_difference']:.1e} relative")
    if report["speedup"] is not None:
        print(f"speedup (smallest one-thread core ratio): {report['speedup']:.2f}")


if __name__ == "__main__":
    main()
