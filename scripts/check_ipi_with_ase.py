#!/usr/bin/env python3
"""`basin ipi` against ASE's SocketIOCalculator: for Lennard-Jones argon (metal units),
Stillinger–Weber silicon and, with --water DIR (scripts/fetch-water-model.sh), n2p2's water
model (LAMMPS's 1,080-atom box), ASE sends rattled frames over a UNIX socket (and, for one system,
TCP) and the energies, forces and stresses that come back are compared with `basin eval` on the
same frames; an ASE VelocityVerlet run of 100 steps (0.5 fs for water, 1 fs otherwise) checks
that the total energy is conserved. With --calculator the same checks go through the Python
package's BasinCalculator (python/) instead of a SocketIOCalculator set up here.

Usage: python3 scripts/check_ipi_with_ase.py [--basin .build/release/basin] [--water DIR] [--calculator]
Installs ASE from PyPI when it is missing. Exit status 1 when any check fails.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

try:
    import ase  # noqa: F401
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "ase"], check=True)

import numpy as np
from ase import units
from ase.build import bulk
from ase.calculators.socketio import SocketIOCalculator
from ase.io import read, write
from ase.md.verlet import VelocityVerlet
from ase.md.velocitydistribution import MaxwellBoltzmannDistribution

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
USE_CALCULATOR = False


def engine(basin, launch, socket, potential):
    """The ASE calculator under test: BasinCalculator with `potential` as keywords, or a
    SocketIOCalculator that starts `basin ipi` through `launch`."""
    if USE_CALCULATOR:
        sys.path.insert(0, os.path.join(ROOT, "python"))
        from basin_ase import BasinCalculator
        options = {potential[i].lstrip("-").replace("-", "_"): potential[i + 1] for i in range(0, len(potential), 2)}
        return BasinCalculator(basin=basin, **options)
    return SocketIOCalculator(launch_client=launch, **socket)


def systems(water):
    argon = bulk("Ar", "fcc", a=5.26, cubic=True).repeat(3)
    silicon = bulk("Si", "diamond", a=5.431, cubic=True).repeat(2)
    yield "Lennard-Jones Ar", argon, ["--potential", "lj", "--units", "metal", "--epsilon", "0.0104", "--sigma", "3.4",
                                      "--cutoff", "8.5"]
    yield "Stillinger-Weber Si", silicon, ["--potential", "sw", "--parameters", "Si"]
    if water:
        box = read(os.path.join(water, "data.H2O-360mol"), format="lammps-data", style="atomic",
                   Z_of_type={1: 1, 2: 8})
        yield "n2p2 water", box, ["--potential", "nnp", "--model", water, "--cflength", "1.8897261328",
                                  "--cfenergy", "0.0367493254"]


def basin_eval(basin, folder, frames, potential):
    # Written here in full precision (ASE's extxyz writer keeps 8 decimals).
    path = os.path.join(folder, "frames.xyz")
    with open(path, "w") as f:
        for frame in frames:
            cell = " ".join(repr(float(x)) for x in frame.cell.array.reshape(-1))
            pbc = " ".join("T" if p else "F" for p in frame.pbc)
            f.write(f'{len(frame)}\nLattice="{cell}" Properties=species:S:1:pos:R:3 pbc="{pbc}"\n')
            for symbol, r in zip(frame.get_chemical_symbols(), frame.positions):
                f.write(f"{symbol} {float(r[0])!r} {float(r[1])!r} {float(r[2])!r}\n")
    out = subprocess.run([basin, "eval", path, "--json"] + potential, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def relative(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300))


def check(basin, name, atoms, potential, address_kind, folder):
    template = os.path.join(folder, "template.xyz")
    write(template, atoms, format="extxyz")

    def launch(atoms, properties, port, unixsocket):
        address = f"unix:{unixsocket}" if unixsocket else f"localhost:{port}"
        return subprocess.Popen([basin, "ipi", template, "--address", address] + potential, stderr=subprocess.DEVNULL)

    rng = np.random.default_rng(5)
    frames = []
    for _ in range(3):
        f = atoms.copy()
        f.positions += rng.normal(scale=0.05, size=f.positions.shape)
        frames.append(f)
    socket = {"unixsocket": f"basin-check-{os.getpid()}"} if address_kind == "unix" else {"port": 31415 + os.getpid() % 1000}
    results, seconds = [], []
    with engine(basin, launch, socket, potential) as calc:
        for f in frames:
            f.calc = calc
            start = time.perf_counter()
            results.append((f.get_potential_energy(), f.get_forces(), f.get_stress(voigt=False)))
            seconds.append(time.perf_counter() - start)
    reference = basin_eval(basin, folder, frames, potential)
    worst = 0.0
    frames_json = reference["frames"] if isinstance(reference, dict) else reference
    for (energy, forces, stress), ref in zip(results, frames_json):
        worst = max(worst, relative([energy], [ref["energy"]]), relative(forces, ref["forces"]))
        if ref.get("stress"):
            xx, yy, zz, yz, xz, xy = ref["stress"]
            worst = max(worst, relative(stress, [[xx, xy, xz], [xy, yy, yz], [xz, yz, zz]]))
    print(f"{name:22s} {address_kind:4s}  largest relative difference from basin eval {worst:.2e}  "
          f"(calls after the first: {1e3 * np.median(seconds[1:]):.2f} ms)")
    return worst < 1e-10


def check_md(basin, name, atoms, potential, folder, femtoseconds=1.0):
    template = os.path.join(folder, "template.xyz")
    write(template, atoms, format="extxyz")

    def launch(atoms, properties, port, unixsocket):
        return subprocess.Popen([basin, "ipi", template, "--address", f"unix:{unixsocket}"] + potential,
                                stderr=subprocess.DEVNULL)

    md_atoms = atoms.copy()
    MaxwellBoltzmannDistribution(md_atoms, temperature_K=300, rng=np.random.default_rng(1), force_temp=True)
    energies = []
    with engine(basin, launch, {"unixsocket": f"basin-md-{os.getpid()}"}, potential) as calc:
        md_atoms.calc = calc
        dyn = VelocityVerlet(md_atoms, timestep=femtoseconds * units.fs)
        dyn.attach(lambda: energies.append(md_atoms.get_total_energy() / len(md_atoms)), interval=10)
        dyn.run(100)
    drift = max(energies) - min(energies)
    print(f"{name:22s} ASE VelocityVerlet, 100 steps of {femtoseconds:g} fs: total energy per atom varies by {drift:.2e} eV")
    return drift < 1e-3


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--basin", default=os.path.join(ROOT, ".build", "release", "basin"))
    parser.add_argument("--water", help="folder with the n2p2 water model and data.H2O-360mol")
    parser.add_argument("--calculator", action="store_true", help="check python/'s BasinCalculator")
    args = parser.parse_args()
    global USE_CALCULATOR
    USE_CALCULATOR = args.calculator
    basin = os.path.abspath(args.basin)
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        for index, (name, atoms, potential) in enumerate(systems(args.water)):
            ok &= check(basin, name, atoms, potential, "unix", folder)
            if index == 0 and not args.calculator:
                ok &= check(basin, name, atoms, potential, "tcp", folder)
            # Water's O-H vibrations (period about 9 fs) need the shorter step.
            ok &= check_md(basin, name, atoms, potential, folder, 0.5 if name == "n2p2 water" else 1.0)
    print("all checks passed" if ok else "SOME CHECKS FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
