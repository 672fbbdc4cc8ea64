#!/usr/bin/env python3
"""Reference data for Basin's Vashishta potential, computed by LAMMPS `pair_style vashishta`.

Builds small SiO2 configurations (beta-cristobalite, ideal Fd-3m, a = 7.16 A: perfect; with
seeded Gaussian displacements as at 1500 K; a liquid-like random structure in a triclinic
cell; a single cell, narrower than twice the 10 A cutoff, where atoms see several images of
a neighbor; a slab open along z; the liquid again with `pair_style vashishta/table 100000
0.2`), evaluates each with `lmp` (`compute pe/atom`, `compute
pressure NULL virial`) and writes one `<name>.txt` per configuration in the layout of ../lammps_reference.py. Parameters: P. Vashishta, R. K. Kalia, J. P. Rino and I. Ebbsjo, Phys. Rev. B 41, 12197 (1990),
in the form distributed with LAMMPS (written below, so the script needs no potential file).

Usage: python3 make_fixtures.py   (needs numpy and `lmp` on the PATH; writes next to itself)
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from lammps_reference import displaced, random_packing, write_fixture  # noqa: E402

PARAMETERS = """\
Si Si Si 0.82023 11 1.6 1.6 999 0.0 4.43 0.0 10.0 0.0 0.0 0.0 0.0 0.0
O  O  O  743.848 7 -0.8 -0.8 999 22.1179 4.43 0.0 10.0 0.0 0.0 0.0 0.0 0.0
O  Si Si 163.859 9 -0.8 1.6 999 44.2357 4.43 0.0 10.0 20.146 1.0 2.60 0.0 -0.77714596
Si O  O  163.859 9 1.6 -0.8 999 44.2357 4.43 0.0 10.0 5.0365 1.0 2.60 0.0 -0.333333333333
Si O  Si 0 0 0 0 0 0 0 0 0 0 0 0 0 0
Si Si O  0 0 0 0 0 0 0 0 0 0 0 0 0 0
O  Si O  0 0 0 0 0 0 0 0 0 0 0 0 0 0
O  O  Si 0 0 0 0 0 0 0 0 0 0 0 0 0 0
"""
# Two-body cutoff rc = 10 A and three-body cutoff r0 = 2.6 A, as in LAMMPS's SiO.1990.vashishta.

HERE = os.path.dirname(os.path.abspath(__file__))
A = 7.16
MASS = {"Si": 28.0855, "O": 15.9994}


def cristobalite(nx, ny, nz):
    fcc = np.array([[0, 0, 0], [0, .5, .5], [.5, 0, .5], [.5, .5, 0]])
    bonds = np.array([[1, 1, 1], [1, -1, -1], [-1, 1, -1], [-1, -1, 1]]) / 4
    si = np.vstack([fcc, fcc + 0.25])
    o = np.array([s + b / 2 for s in fcc for b in bonds]) % 1
    symbols, frac = [], []
    for i in range(nx):
        for j in range(ny):
            for k in range(nz):
                for s in si:
                    symbols.append("Si"); frac.append((s + [i, j, k]) / [nx, ny, nz])
                for s in o:
                    symbols.append("O"); frac.append((s + [i, j, k]) / [nx, ny, nz])
    cell = np.diag([nx * A, ny * A, nz * A])
    return symbols, np.array(frac) @ cell, cell


def liquid(seed):
    """24 SiO2 units at 2.2 g/cm^3 in a sheared cell, placed at random at least 1.5 A apart."""
    length = 10.29
    cell = np.array([[length, 0, 0], [1.3, length, 0], [-0.9, 0.7, length]])
    symbols = ["Si"] * 24 + ["O"] * 48
    return symbols, random_packing(np.random.default_rng(seed), cell, len(symbols), 1.5), cell


def write(name, symbols, positions, cell, pbc, style="vashishta"):
    write_fixture(os.path.join(HERE, name + ".txt"), symbols, positions, cell, pbc, ("Si", "O"), MASS,
                  [f"pair_style {style}", "pair_coeff * * SiO.vashishta Si O"], {"SiO.vashishta": PARAMETERS})


def main():
    periodic = (True, True, True)
    s, r, c = cristobalite(2, 1, 1)
    write("perfect", s, r, c, periodic)
    s, r, c = cristobalite(2, 2, 1)
    write("thermal", s, displaced(r, 0.1, 1500), c, periodic)
    s, r, c = liquid(7)
    write("liquid", s, r, c, periodic)
    # The tabulated two-body term, as the LAMMPS examples tabulate it.
    write("liquid_table", s, r, c, periodic, style="vashishta/table 100000 0.2")
    s, r, c = cristobalite(1, 1, 1)
    write("single_cell", s, displaced(r, 0.08, 11), c, periodic)
    s, r, c = cristobalite(1, 1, 2)
    c[2, 2] += 15
    write("slab", s, displaced(r, 0.08, 13), c, (True, True, False))


if __name__ == "__main__":
    main()
