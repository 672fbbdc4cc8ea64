#!/usr/bin/env python3
"""Reference data for Basin's Stillinger-Weber potential, computed by LAMMPS `pair_style sw`.

Builds small configurations (diamond Si, a = 5.431 A: perfect; with seeded Gaussian
displacements as at 1500 K; a liquid-like random structure in a triclinic cell; a single
8-atom cell, narrower than twice the 3.77 A cutoff, where atoms see several images of a
neighbor; a slab open along z; a Si-Ge alloy with a made-up two-element file), evaluates each
with `lmp` (`compute pe/atom`, `compute pressure NULL virial`) and writes one `<name>.txt` per
configuration in the layout of ../lammps_reference.py. Parameters: silicon of F. H. Stillinger and T. A. Weber,
Phys. Rev. B 31, 5262 (1985); the Si-Ge file is made up for testing (Ge after Ding and
Andersen, Phys. Rev. B 34, 6987 (1986), mixed entries arbitrary but valid). The files are
written below, so the script needs no potential file.

Usage: python3 make_fixtures.py   (needs numpy and `lmp` on the PATH; writes next to itself)
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from lammps_reference import displaced, random_packing, write_fixture  # noqa: E402

SILICON = """\
# element1 element2 element3 epsilon sigma a lambda gamma costheta0 A B p q tol
Si Si Si 2.1683 2.0951 1.80 21.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0
"""

SILICON_GERMANIUM = """\
Si Si Si 2.1683 2.0951 1.80 21.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0
Ge Ge Ge 1.93   2.181  1.80 31.0 1.20 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0
Si Ge Ge 2.0457 2.1380 1.80 25.0 1.25 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0
Ge Si Si 2.0457 2.1380 1.80 27.0 1.15 -0.333333333333 7.049556277 0.6022245584 4.0 0.0 0.0
Si Si Ge 2.0900 2.1380 1.80 23.0 1.20 -0.30 7.049556277 0.6022245584 4.0 0.0 0.0
Si Ge Si 2.0900 2.1380 1.80 23.0 1.20 -0.30 7.049556277 0.6022245584 4.0 0.0 0.0
Ge Si Ge 2.0000 2.1380 1.80 29.0 1.20 -0.35 7.049556277 0.6022245584 4.0 0.0 0.0
Ge Ge Si 2.0000 2.1380 1.80 29.0 1.20 -0.35 7.049556277 0.6022245584 4.0 0.0 0.0
"""

HERE = os.path.dirname(os.path.abspath(__file__))
A = 5.431
MASS = {"Si": 28.0855, "Ge": 72.630}


def diamond(nx, ny, nz, a=A):
    fcc = np.array([[0, 0, 0], [0, .5, .5], [.5, 0, .5], [.5, .5, 0]])
    basis = np.vstack([fcc, fcc + 0.25])
    frac = [(b + [i, j, k]) / [nx, ny, nz] for k in range(nz) for j in range(ny) for i in range(nx) for b in basis]
    cell = np.diag([nx * a, ny * a, nz * a])
    return ["Si"] * len(frac), np.array(frac) @ cell, cell


def liquid(seed):
    """64 atoms at the density of liquid Si (2.57 g/cm^3) in a sheared cell, at least 2 A apart."""
    length = 10.49
    cell = np.array([[length, 0, 0], [1.1, length, 0], [-0.8, 0.6, length]])
    return ["Si"] * 64, random_packing(np.random.default_rng(seed), cell, 64, 2.0), cell


def write(name, symbols, positions, cell, pbc, elements=("Si",), parameters=SILICON):
    write_fixture(os.path.join(HERE, name + ".txt"), symbols, positions, cell, pbc, elements, MASS,
                  ["pair_style sw", "pair_coeff * * potential.sw " + " ".join(elements)], {"potential.sw": parameters})


def main():
    periodic = (True, True, True)
    s, r, c = diamond(2, 2, 2)
    write("perfect", s, r, c, periodic)
    write("thermal", s, displaced(r, 0.1, 1500), c, periodic)
    s, r, c = liquid(7)
    write("liquid", s, r, c, periodic)
    s, r, c = diamond(1, 1, 1)
    write("single_cell", s, displaced(r, 0.08, 11), c, periodic)
    s, r, c = diamond(2, 2, 1)
    c[2, 2] += 12
    write("slab", s, displaced(r, 0.06, 13), c, (True, True, False))
    s, r, c = diamond(2, 2, 2, a=5.53)
    s = ["Ge" if g < 0.4 else "Si" for g in np.random.default_rng(17).random(len(s))]
    write("silicon_germanium", s, displaced(r, 0.08, 19), c, periodic, ("Si", "Ge"), SILICON_GERMANIUM)


if __name__ == "__main__":
    main()
