#!/usr/bin/env python3
"""i-PI drives a path-integral MD run of n2p2's water model with `basin ipi` clients.

Writes an i-PI input (NVT with the PILE-L thermostat at 300 K, 0.25 fs steps) for LAMMPS's
1,080-atom water box with four beads, starts i-PI (PyPI `ipi`, installed when missing) on a
UNIX socket and four `basin ipi` clients on that one socket, and waits for the run to finish.
The four beads start from different rattled copies of the box, so the first line of i-PI's
output holds four different bead potentials; they are compared with `basin eval` of the same
positions (i-PI prints nine significant digits). Positions and cell go to i-PI in Bohr, computed
with the Bohr that `basin ipi` uses, so Basin sees exactly the numbers evaluated here.

Usage: python3 scripts/check_ipi_pimd.py [--basin .build/release/basin] [--water DIR] [--steps N]
Exit status 1 when the run does not finish or the potentials differ.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

try:
    import ipi  # noqa: F401
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "ipi"], check=True)
try:
    import ase  # noqa: F401
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "ase"], check=True)

import numpy as np
from ase.io import read

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BOHR = 0.5291772105638411  # Å, as IPIClient.bohr
HARTREE = 27.211386024367243  # eV, as IPIClient.hartree
MODEL_OPTIONS = ["--potential", "nnp", "--cflength", "1.8897261328", "--cfenergy", "0.0367493254"]

INPUT = """<simulation verbosity='low'>
  <output prefix='simulation'>
    <properties stride='1' filename='out'> [ step, time{{picosecond}}, conserved, temperature{{kelvin}},
      potential, bead_potentials ] </properties>
  </output>
  <total_steps> {steps} </total_steps>
  <prng><seed> 31415 </seed></prng>
  <ffsocket name='basin' mode='unix' pbc='false'>
    <address> {address} </address>
    <latency> 1e-4 </latency>
  </ffsocket>
  <system>
    <initialize nbeads='{beads}'>
      <file mode='xyz'> beads.xyz </file>
      <velocities mode='thermal' units='kelvin'> 300 </velocities>
    </initialize>
    <forces><force forcefield='basin'/></forces>
    <motion mode='dynamics'>
      <dynamics mode='nvt'>
        <timestep units='femtosecond'> 0.25 </timestep>
        <thermostat mode='pile_l'><tau units='femtosecond'> 100 </tau></thermostat>
      </dynamics>
    </motion>
    <ensemble><temperature units='kelvin'> 300 </temperature></ensemble>
  </system>
</simulation>
"""


def write_beads(path, symbols, beads, abc):
    """The bead positions in Bohr with an orthorhombic cell of edges abc (Bohr), full precision."""
    with open(path, "w") as f:
        for q in beads:
            f.write(f"{len(symbols)}\n# CELL(H): {float(abc[0])!r} 0.0 0.0 0.0 {float(abc[1])!r} 0.0 0.0 0.0 "
                    f"{float(abc[2])!r} positions{{atomic_unit}} cell{{atomic_unit}}\n")
            for symbol, r in zip(symbols, q):
                f.write(f"{symbol} {float(r[0])!r} {float(r[1])!r} {float(r[2])!r}\n")


def write_frames(path, symbols, beads, h):
    """The same beads as Basin receives them: Bohr times IPIClient.bohr, cell columns as vectors."""
    lattice = " ".join(repr(float(BOHR * h[i, k])) for k in range(3) for i in range(3))
    with open(path, "w") as f:
        for q in beads:
            f.write(f'{len(symbols)}\nLattice="{lattice}" Properties=species:S:1:pos:R:3 pbc="T T T"\n')
            for symbol, r in zip(symbols, q):
                f.write(f"{symbol} {float(BOHR * r[0])!r} {float(BOHR * r[1])!r} {float(BOHR * r[2])!r}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--basin", default=os.path.join(ROOT, ".build", "release", "basin"))
    parser.add_argument("--water", default=os.path.join(ROOT, ".fixtures", "h2o-rpbe-d3"),
                        help="folder with n2p2's water model and data.H2O-360mol (scripts/fetch-water-model.sh)")
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--beads", type=int, default=4, help="beads, one basin ipi client each")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before giving up")
    args = parser.parse_args()
    basin = os.path.abspath(args.basin)
    water = os.path.abspath(args.water)
    box = read(os.path.join(water, "data.H2O-360mol"), format="lammps-data", style="atomic", Z_of_type={1: 1, 2: 8})
    cell = box.cell.array
    if np.any(np.abs(cell - np.diag(np.diag(cell))) > 0):
        sys.exit("check_ipi_pimd.py: the water box must be orthorhombic")
    abc = np.diag(cell) / BOHR
    symbols = box.get_chemical_symbols()
    rng = np.random.default_rng(7)
    beads = [box.positions / BOHR + rng.normal(scale=0.02 / BOHR, size=box.positions.shape) for _ in range(args.beads)]
    address = f"basin-pimd-{os.getpid()}"
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        write_beads(os.path.join(folder, "beads.xyz"), symbols, beads, abc)
        write_frames(os.path.join(folder, "frames.xyz"), symbols, beads, np.diag(abc))
        box.write(os.path.join(folder, "template.xyz"), format="extxyz")
        with open(os.path.join(folder, "input.xml"), "w") as f:
            f.write(INPUT.format(steps=args.steps, address=address, beads=args.beads))
        start = time.perf_counter()
        server = subprocess.Popen(["i-pi", "input.xml"], cwd=folder, stdout=open(os.path.join(folder, "ipi.log"), "w"),
                                  stderr=subprocess.STDOUT)
        while not os.path.exists(f"/tmp/ipi_{address}"):
            if server.poll() is not None or time.perf_counter() - start > 60:
                sys.exit("check_ipi_pimd.py: i-PI did not open its socket:\n" + open(os.path.join(folder, "ipi.log")).read())
            time.sleep(0.1)
        clients = [subprocess.Popen([basin, "ipi", "template.xyz", "--address", f"unix:{address}", "--model", water]
                                    + MODEL_OPTIONS, cwd=folder, stderr=open(os.path.join(folder, f"client{k}.log"), "w"))
                   for k in range(args.beads)]
        try:
            server.wait(timeout=args.timeout)
            codes = [c.wait(timeout=60) for c in clients]
        except subprocess.TimeoutExpired:
            for process in [server] + clients:
                process.kill()
            sys.exit("check_ipi_pimd.py: the run did not finish in time")
        seconds = time.perf_counter() - start
        rows = np.loadtxt(os.path.join(folder, "simulation.out"), ndmin=2)
        finished = server.returncode == 0 and all(code == 0 for code in codes) and rows[-1, 0] == args.steps
        evaluations = [open(os.path.join(folder, f"client{k}.log")).read().strip().splitlines()[-1] for k in range(args.beads)]
        print(f"i-PI, {args.beads} beads, {len(box)} atoms, {args.steps} steps of 0.25 fs: "
              f"{'finished' if finished else 'DID NOT FINISH'} in {seconds:.1f} s (i-PI exit {server.returncode}, "
              f"clients {codes})")
        for line in evaluations:
            print("  " + line)
        ok &= finished
        out = subprocess.run([basin, "eval", os.path.join(folder, "frames.xyz"), "--json", "--model", water] + MODEL_OPTIONS,
                             check=True, capture_output=True, text=True).stdout
        reference = json.loads(out)
        frames = reference["frames"] if isinstance(reference, dict) else reference
        expected = np.array([frame["energy"] / HARTREE for frame in frames])
        first = rows[0]
        reported = first[-args.beads:]
        worst = float(np.max(np.abs(reported - expected) / np.abs(expected)))
        print(f"  step {int(first[0])} bead potentials (Hartree): i-PI {' '.join(f'{v:.8e}' for v in reported)}")
        print(f"  basin eval of the same positions:        {' '.join(f'{v:.8e}' for v in expected)}")
        print(f"  largest relative difference {worst:.1e} (i-PI prints nine significant digits)")
        ok &= worst < 1e-8
        print(f"  conserved quantity over the run: {rows[0, 2]:.8e} ... {rows[-1, 2]:.8e} Hartree")
    print("all checks passed" if ok else "SOME CHECKS FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
