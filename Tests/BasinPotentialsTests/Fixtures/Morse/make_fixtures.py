#!/usr/bin/env python3
"""Reference data for Basin's Morse potential, computed by LAMMPS `pair_style morse`.

Copper with the Cu-Cu parameters of L. A. Girifalco and V. G. Weizer, Phys. Rev. 114, 687
(1959) (D0 = 0.3429 eV, alpha = 1.3588 1/A, r0 = 2.866 A), cutoff 6 A, `pair_modify shift yes`,
on five configurations: a perfect 2x2x2 fcc crystal (a = 3.615 A), the same crystal with
seeded Gaussian displacements of 0.1 A (about 1500 K), a liquid-like random packing, a single
4-atom cell (atoms see several images of each neighbour within the 6 A cutoff) and a slab with
vacuum along z. Each is written in the layout of ../lammps_reference.py.

Usage: python3 make_fixtures.py   (needs numpy and `lmp` on the PATH; writes next to itself)
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from lammps_reference import random_packing, write_fixture  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
A = 3.615


def fcc(cells, a=A):
    basis = np.array([[0, 0, 0], [0, .5, .5], [.5, 0, .5], [.5, .5, 0]])
    frac = np.array([b + [i, j, k] for i in range(cells) for j in range(cells) for k in range(cells) for b in basis])
    return frac * a, np.diag([cells * a] * 3)


def configurations():
    rng = np.random.default_rng(29)
    perfect, cell = fcc(2)
    yield "perfect", perfect, cell
    thermal = perfect + np.random.default_rng(29).normal(0, 0.1, perfect.shape)
    yield "thermal", thermal - np.floor(thermal / (2 * A)) * 2 * A, cell
    box = np.diag([2 * A * 1.03] * 3)
    yield "liquid", random_packing(rng, box, 32, 2.0), box
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
    write_fixture(os.path.join(HERE, name + ".txt"), ["Cu"] * len(positions), positions, cell, (True, True, True),
                  ("Cu",), {"Cu": 63.546},
                  ["pair_style morse 6.0", "pair_coeff 1 1 0.3429 1.3588 2.866", "pair_modify shift yes"])


if __name__ == "__main__":
    main()
