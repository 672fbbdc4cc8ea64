#!/usr/bin/env python3
"""Stillinger-Weber silicon and Vashishta silica: Basin's numbers against LAMMPS's.

Five kinds of configurations for each potential (LAMMPS's Si.sw and SiO.1990.vashishta),
written once as LAMMPS data files that both codes read:
- crystal: perfect diamond Si 4x4x4 (512 atoms), alpha-quartz 4x4x4 (576 atoms, triclinic);
- thermal: the crystal with seeded Gaussian displacements as at 1500 K in an Einstein model
  (every atom an oscillator of 10 THz: <u_x^2> = k_B T / (m (2 pi nu)^2), about 0.1 A for Si);
- liquid: random positions at the crystal's density in a cube, no pair closer than a minimum;
- small: one unit cell (8 Si; 9 atoms of quartz), thermally displaced, narrower than twice the
  cutoff, so an atom meets several periodic images of one neighbor;
- slab: the crystal 4x4x3 with 12 A of vacuum along the third cell vector (two free surfaces).
LAMMPS (`run 0`, `compute pe/atom`, forces dumped, pressure tensor from thermo) and
`basin eval --json` evaluate each; the script prints the largest differences of total energy,
per-atom energy, forces and pressure, relative to the largest LAMMPS value of each (at least
1 eV, 1 eV/A or 1 bar), and exits
with status 1 when one exceeds --tolerance.
Usage: python3 benchmarks/lammps_crosscheck.py [--tolerance 1e-8] [--json] [--basin PATH]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

import manybody_structures as structures

BOLTZMANN = 8.617343e-5  # eV/K, LAMMPS metal units
MVV2E = 1.0364269e-4  # eV per amu A^2/ps^2
EV_PER_A3_TO_BAR = 1.6021765e6

LAMMPS_INPUT = """units       metal
atom_style  atomic
atom_modify map array
read_data   {data}
pair_style  {style}
pair_coeff  * * {parameters} {elements}
compute     pe all pe/atom
dump        forces all custom 1 atoms.dump id c_pe fx fy fz
dump_modify forces sort id format float %.17g
thermo_style custom step pe press pxx pyy pzz pyz pxz pxy
thermo_modify format float %.17g
run         0
"""


def thermal(structure, rng, temperature=1500.0, frequency=10.0):
    """Gaussian displacements of an Einstein crystal at `temperature` (K), `frequency` in THz."""
    masses = np.array([structures.MASSES[s] for s in structure.symbols])
    omega = 2 * np.pi * frequency  # 1/ps
    sigma = np.sqrt(BOLTZMANN * temperature / (masses * MVV2E * omega ** 2))
    return structures.Structure(structure.positions + rng.normal(size=structure.positions.shape) * sigma[:, None],
                                structure.symbols, structure.cell)


def liquid(structure, rng, minimum):
    """The crystal's atoms at random in a cube of the same volume, pairs no closer than
    `minimum[(a, b)]` (A), by random sequential insertion."""
    edge = abs(np.linalg.det(structure.cell)) ** (1 / 3)
    placed, symbols = np.empty((0, 3)), []
    for symbol in rng.permutation(structure.symbols):
        limits = np.array([minimum[tuple(sorted((symbol, s)))] for s in symbols])
        for _ in range(100000):
            r = rng.uniform(0, edge, 3)
            d = placed - r
            d -= edge * np.round(d / edge)
            if not len(placed) or np.all(np.einsum("ij,ij->i", d, d) >= limits ** 2):
                break
        else:
            sys.exit(f"no room for a random {symbol} atom at the minimum distances {minimum}")
        placed = np.vstack([placed, r])
        symbols.append(symbol)
    return structures.Structure(placed, symbols, np.eye(3) * edge)


def slab(structure, vacuum=12.0):
    """The structure with `vacuum` (A) added along its third cell vector."""
    cell = structure.cell.copy()
    cell[2] *= 1 + vacuum / np.linalg.norm(cell[2])
    return structures.Structure(structure.positions, structure.symbols, cell)


def configurations(rng):
    """(potential, style, parameter file, [(kind, structure)]) for both potentials."""
    si_minimum = {("Si", "Si"): 2.1}
    silica_minimum = {("O", "Si"): 1.5, ("Si", "Si"): 2.6, ("O", "O"): 2.2}
    silicon = structures.diamond(cells=(4, 4, 4))
    quartz = structures.quartz(cells=(4, 4, 4))
    return [
        ("sw", structures.SW_SILICON, [
            ("crystal", silicon), ("thermal", thermal(silicon, rng)), ("liquid", liquid(silicon, rng, si_minimum)),
            ("small", thermal(structures.diamond(), rng)), ("slab", slab(structures.diamond(cells=(4, 4, 3))))]),
        ("vashishta", structures.VASHISHTA_SILICA, [
            ("crystal", quartz), ("thermal", thermal(quartz, rng)), ("liquid", liquid(quartz, rng, silica_minimum)),
            ("small", thermal(structures.quartz(), rng)), ("slab", slab(structures.quartz(cells=(4, 4, 3))))]),
    ]


def run_lammps(lmp, style, parameters, data, elements, work):
    path = os.path.join(work, "in.check")
    with open(path, "w") as f:
        f.write(LAMMPS_INPUT.format(data=data, style=style, parameters=parameters, elements=" ".join(elements)))
    out = subprocess.run([lmp, "-in", path, "-log", "none"], cwd=work, check=True, capture_output=True, text=True,
                         env=dict(os.environ, OMP_NUM_THREADS="1")).stdout
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split()[:2] == ["Step", "PotEng"])
    values = [float(v) for v in lines[header + 1].split()]
    atoms = np.loadtxt(os.path.join(work, "atoms.dump"), skiprows=9, ndmin=2)
    # Pressure tensor in bar: xx, yy, zz, yz, xz, xy.
    return {"energy": values[1], "pressure": values[2], "tensor": np.array(values[3:9]),
            "atom_energies": atoms[:, 1], "forces": atoms[:, 2:5]}


def run_basin(basin, style, parameters, data, elements):
    command = [basin, "eval", data, "--elements", ",".join(elements), "--potential", style,
               "--parameters", parameters, "--json"]
    frame = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)[0]
    # Basin's stress is ASE's (eV/A^3, negative under compression); LAMMPS's pressure the opposite.
    return {"energy": frame["energy"], "pressure": frame["pressure"],
            "tensor": -np.array(frame["stress"]) * EV_PER_A3_TO_BAR,
            "atom_energies": np.array(frame["atomEnergies"]), "forces": np.array(frame["forces"])}


# The smallest scale each difference is measured against (eV, eV, eV/A, bar, bar), so that
# a perfect crystal's zero forces or pressure do not turn rounding into a large relative error.
FLOORS = {"energy": 1.0, "atom_energies": 1.0, "forces": 1.0, "pressure": 1.0, "tensor": 1.0}


def differences(basin, lammps):
    """Largest absolute difference of each quantity, and that over the largest LAMMPS value."""
    result = {}
    for key, floor in FLOORS.items():
        b, ref = np.atleast_1d(basin[key]), np.atleast_1d(lammps[key])
        absolute = float(np.max(np.abs(b - ref)))
        result[key] = {"absolute": absolute, "relative": absolute / max(floor, float(np.max(np.abs(ref))))}
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tolerance", type=float, default=1e-8, help="largest relative difference allowed")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--basin", help="a built basin binary (default: build release with SwiftPM)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args()

    lmp = structures.ensure_lammps_with_potentials()
    basin = structures.build_basin(args.basin)
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for style, parameters, cases in configurations(np.random.default_rng(args.seed)):
            for kind, structure in cases:
                data = os.path.join(work, f"{style}_{kind}.data")
                structures.write_data(data, structure)
                lammps = run_lammps(lmp, style, parameters, data, structure.elements, work)
                ours = run_basin(basin, style, parameters, data, structure.elements)
                rows.append({"potential": style, "configuration": kind, "atoms": len(structure.symbols),
                             "lammps_energy": lammps["energy"], "lammps_pressure": lammps["pressure"],
                             "differences": differences(ours, lammps)})
    worst = max(d["relative"] for row in rows for d in row["differences"].values())
    if args.json:
        print(json.dumps({"tolerance": args.tolerance, "largest_relative_difference": worst, "cases": rows}, indent=2))
    else:
        print("largest |Basin - LAMMPS| / largest |LAMMPS| (absolute in parentheses: eV, eV/A, bar)")
        print(f"{'potential':10s} {'config':8s} {'atoms':>5s} {'E':>20s} {'E_i':>20s} {'F':>20s} {'P':>20s} {'P_ab':>20s}")
        for row in rows:
            cells = [f"{d['relative']:.1e} ({d['absolute']:.1e})" for d in row["differences"].values()]
            print(f"{row['potential']:10s} {row['configuration']:8s} {row['atoms']:5d} " + " ".join(f"{c:>20s}" for c in cells))
        print(f"largest relative difference {worst:.2e} (tolerance {args.tolerance:.0e})")
    sys.exit(0 if worst <= args.tolerance else 1)


if __name__ == "__main__":
    main()
