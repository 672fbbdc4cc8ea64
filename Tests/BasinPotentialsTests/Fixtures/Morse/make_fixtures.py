#!/usr/bin/env python3
"""Reference data for Basin's Morse potential, computed by LAMMPS `pair_style morse`.

Copper with the Cu-Cu parameters of L. A. Girifalco and V. G. Weizer, Phys. Rev. 114, 687
(1959) (D0 = 0.3429 eV, alpha = 1.3588 1/A, r0 = 2.866 A), cutoff 6 A, `pair_modify shift yes`,
on five configurations: a perfect 2x2x2 fcc crystal (a = 3.615 A), the same crystal with
seeded Gaussian displacements of 0.1 A (about 1500 K), a liquid-like random packing, a single
4-atom cell (atoms see several images of each neighbour within the 6 A cutoff) and a slab with
vacuum along z. Each is written in the layout of ../Vashishta/make_fixtures.py (cell, pbc,
volume, energy, virial pressure in bar, then `Cu x y z fx fy fz e` per atom).

Usage: python3 make_fixtures.py   (needs numpy and `lmp` on the PATH; writes next to itself)
"""
import os
import subprocess
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
A = 3.615


def fcc(cells, a=A):
    basis = np.array([[0, 0, 0], [0, .5, .5], [.5, 0, .5], [.5, .5, 0]])
    frac = np.array([b + [i, j, k] for i in range(cells) for j in range(cells) for k in range(cells) for b in basis])
    return frac * a, np.diag([cells * a] * 3)


def liquid(count, length, minimum, rng):
    """Random sequential packing in a cubic box, no two atoms (or images) closer than `minimum`."""
    placed = []
    while len(placed) < count:
        p = rng.uniform(0, length, 3)
        if all(np.linalg.norm((p - q) - length * np.round((p - q) / length)) >= minimum for q in placed):
            placed.append(p)
    return np.array(placed), np.diag([length] * 3)


def configurations():
    rng = np.random.default_rng(29)
    perfect, cell = fcc(2)
    yield "perfect", perfect, cell
    thermal = perfect + np.random.default_rng(29).normal(0, 0.1, perfect.shape)
    yield "thermal", thermal - np.floor(thermal / (2 * A)) * 2 * A, cell
    yield "liquid", *liquid(32, 2 * A * 1.03, 2.0, rng)
    single, single_cell = fcc(1)
    yield "single_cell", single + rng.normal(0, 0.05, single.shape), single_cell
    slab, slab_cell = fcc(2)
    slab_cell = slab_cell.copy()
    slab_cell[2, 2] += 12.0
    yield "slab", slab + rng.normal(0, 0.05, slab.shape), slab_cell


def main():
    for name, positions, cell in configurations():
        write(name, positions, cell)


def write(name, positions, cell):
    with tempfile.TemporaryDirectory() as work:
        with open(os.path.join(work, "data.lmp"), "w") as f:
            f.write("copper\n\n%d atoms\n1 atom types\n\n" % len(positions))
            for k, axis in enumerate("xyz"):
                f.write("0 %.17g %slo %shi\n" % (cell[k, k], axis, axis))
            f.write("\nMasses\n\n1 63.546\n\nAtoms # atomic\n\n")
            for i, r in enumerate(positions):
                f.write("%d 1 %.17g %.17g %.17g\n" % (i + 1, *r))
        with open(os.path.join(work, "in.lmp"), "w") as f:
            f.write("""units metal
atom_style atomic
read_data data.lmp
pair_style morse 6.0
pair_coeff 1 1 0.3429 1.3588 2.866
pair_modify shift yes
compute pe all pe/atom
compute p all pressure NULL virial
thermo_style custom step pe c_p[1] c_p[2] c_p[3] c_p[4] c_p[5] c_p[6] vol
thermo_modify format float %.17g
dump d all custom 1 dump.txt id fx fy fz c_pe
dump_modify d format float %.17g sort id
run 0
""")
        subprocess.run(["lmp", "-in", "in.lmp", "-log", "log.lammps", "-screen", "none"], cwd=work, check=True)
        lines = open(os.path.join(work, "log.lammps")).read().splitlines()
        header = next(i for i, l in enumerate(lines) if l.split()[:2] == ["Step", "PotEng"])
        values = [float(v) for v in lines[header + 1].split()]
        dump = np.loadtxt(os.path.join(work, "dump.txt"), skiprows=9)
    with open(os.path.join(HERE, name + ".txt"), "w") as f:
        f.write("cell " + " ".join("%.17g" % v for v in cell.flatten()) + "\n")
        f.write("pbc T T T\nvolume %.17g\nenergy %.17g\n" % (values[8], values[1]))
        f.write("pressure " + " ".join("%.17g" % v for v in values[2:8]) + "\n")
        f.write("atoms %d\n" % len(positions))
        for r, row in zip(positions, dump):
            f.write("Cu %.17g %.17g %.17g %.17g %.17g %.17g %.17g\n" % (*r, *row[1:5]))


if __name__ == "__main__":
    main()
