#!/usr/bin/env python3
"""Every speed comparison of Basin with another code, in one table.

Each row runs one comparison, both codes interleaved, and gives Basin's speed-up: the peer's
time divided by Basin's for the same work (above 1: Basin is faster). Peers are installed or
built as needed: Debian's LAMMPS (and its potential files) with apt-get, pele, DScribe and
PyTorch with pip (by the scripts that use them), n2p2 from a source checkout given with
--n2p2 (built by the n2p2 scripts with its default flags, -O3 -march=native). A row whose peer
or script is missing is listed as skipped, with the reason. The machine's load average is
printed before and after each row (other jobs on the machine slow both codes, not always alike).

Rows: lj_cut, lj_cut_opt, sw, vashishta_table (benchmarks/kernels_vs_lammps.py), nnp_n2p2
(benchmarks/nnp_vs_n2p2.py), kalman_n2p2 (benchmarks/kalman_vs_n2p2.py), hopping_pele
(benchmarks/basin_hopping_vs_pele.py), descriptors_dscribe (benchmarks/descriptors_vs_dscribe.py),
training_pytorch (benchmarks/training_vs_pytorch.py).

Usage: python3 benchmarks/run_all.py [--only NAME] [--repeat 3] [--n2p2 PATH] [--basin PATH] [--json]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import kernels_vs_lammps as kernels  # noqa: E402
import manybody_structures as structures  # noqa: E402

KERNEL_ROWS = ["lj_cut", "lj_cut_opt", "sw", "vashishta_table"]
N2P2_ROWS = {"nnp_n2p2": "nnp_vs_n2p2.py", "kalman_n2p2": "kalman_vs_n2p2.py"}
ROWS = KERNEL_ROWS + list(N2P2_ROWS) + ["hopping_pele", "descriptors_dscribe", "training_pytorch"]


class Skipped(Exception):
    """A row that cannot run here; the message says why."""


def script(name, arguments, json_file=None):
    """Runs benchmarks/<name> and returns its JSON document (stdout, or `json_file`)."""
    path = os.path.join(HERE, name)
    if not os.path.exists(path):
        raise Skipped(f"{name} is not in this checkout")
    done = subprocess.run([sys.executable, path, *arguments], capture_output=True, text=True)
    if done.returncode != 0:
        raise Skipped(f"{name} failed: " + (done.stderr.strip().splitlines() or ["no message"])[-1])
    if json_file:
        with open(json_file) as f:
            return json.load(f)
    return json.loads(done.stdout)


def kernel_row(name, args, basin, work):
    lmp = structures.ensure_lammps_with_potentials()
    problem = next(p for p in kernels.problems(work) if p.name == name)
    r = kernels.compare(lmp, basin, problem, args.repeat, work)
    return {"comparison": r["title"], "speedup": r["speedup"], "detail": r}


def n2p2_row(name, args, basin):
    if not args.n2p2:
        raise Skipped("needs --n2p2 PATH (an n2p2 source checkout)")
    document = script(N2P2_ROWS[name], ["--n2p2", args.n2p2, "--basin", basin, "--json"]
                      + (["--repeat", str(args.repeat)] if name == "nnp_n2p2" else []))
    speedup = next((document[k] for k in ("speedup", "basin_speedup", "n2p2_over_basin") if k in document), None)
    if speedup is None:
        raise Skipped(f"{N2P2_ROWS[name]} ran but its JSON has no 'speedup' entry")
    return {"comparison": document.get("problem", name), "speedup": speedup, "detail": document}


def pele_row(args, basin, work):
    out = os.path.join(work, "pele.json")
    document = script("basin_hopping_vs_pele.py", ["--seeds", "5", "--budget", "20000", "--basin", basin, "--json", out], out)
    ratio = document["summary"]["ratios"]["time_per_step"]
    return {"comparison": "LJ38 basin hopping, 5 seeds: pele 0.1.2, time per step", "speedup": 1 / ratio, "detail": document["summary"]}


def dscribe_row(args, basin):
    document = script("descriptors_vs_dscribe.py", ["--repeat", str(args.repeat), "--basin", basin, "--json"])
    # Without Basin's values-only time the script compares DScribe's values with Basin's values
    # and derivatives.
    values_only = document.get("dscribe_over_basin_values_only")
    return {"comparison": "ACSF values of the 1,080-atom water box, one thread: DScribe"
                          + ("" if values_only else " (Basin's time includes derivatives)"),
            "speedup": values_only or document["dscribe_values_only_over_basin_values_plus_derivatives"],
            "detail": document}


def pytorch_row(args, basin):
    document = script("training_vs_pytorch.py", ["--epochs", "2", "--basin", basin, "--json"])
    ratio = document["summary"]["ratio_basin_over_torch"]["epoch"]
    return {"comparison": "NNP training, Adam, 2 epochs, 2 threads: PyTorch (CPU), time per epoch",
            "speedup": 1 / ratio, "detail": document["summary"]}


def run_row(name, args, basin, work):
    if name in KERNEL_ROWS:
        return kernel_row(name, args, basin, work)
    if name in N2P2_ROWS:
        return n2p2_row(name, args, basin)
    if name == "hopping_pele":
        return pele_row(args, basin, work)
    if name == "descriptors_dscribe":
        return dscribe_row(args, basin)
    return pytorch_row(args, basin)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=ROWS, help="run one row")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved runs per code where the row repeats (median)")
    parser.add_argument("--n2p2", help="an n2p2 source checkout, for the n2p2 rows")
    parser.add_argument("--basin", help="a built basin binary (default: build release with SwiftPM)")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of the table")
    args = parser.parse_args()

    basin = os.path.abspath(structures.build_basin(args.basin))
    report = {"cpu": cpu_name(), "rows": {}}
    with tempfile.TemporaryDirectory() as work:
        for name in [args.only] if args.only else ROWS:
            before = os.getloadavg()[0]
            try:
                row = run_row(name, args, basin, work)
            except Skipped as reason:
                row = {"skipped": str(reason)}
            except (KeyError, TypeError, ValueError) as error:
                row = {"skipped": f"its script's result lacks what the table needs: {error!r}"}
            row["load_average"] = [before, os.getloadavg()[0]]
            report["rows"][name] = row
            # With --json the rows still appear on stderr as they finish (a long run shows progress).
            print_row(name, row, sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps(report, indent=2))


def cpu_name():
    with open("/proc/cpuinfo") as f:
        models = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
    return f"{len(models)} x {models[0]}" if models else "unknown"


def print_row(name, row, stream):
    load = f"load {row['load_average'][0]:.1f} -> {row['load_average'][1]:.1f}"
    if "skipped" in row:
        print(f"{name:20s} skipped: {row['skipped']} ({load})", file=stream, flush=True)
    else:
        print(f"{name:20s} {row['speedup']:8.2f}x  {row['comparison']} ({load})", file=stream, flush=True)


if __name__ == "__main__":
    main()
