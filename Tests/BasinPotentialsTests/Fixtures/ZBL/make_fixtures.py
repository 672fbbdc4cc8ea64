#!/usr/bin/env python3
"""Reference data for Basin's ZBL screened nuclear repulsion, computed by LAMMPS `pair_style zbl
inner outer` with `pair_coeff I J Z_I Z_J` (Si 14, O 8).

Silica at 2.2 g/cm^3 in the sheared cell of ../Vashishta/make_fixtures.py, the atoms placed at
random only 0.5 A apart so that Si-O, O-O and Si-Si pairs fall both inside the inner cutoff and
in the switching region: `dense` with zbl 0.9 1.3 (the repulsive core of a model's baseline) and
`wide` with zbl 1.0 2.2 (more pairs in the switching region), and `pairs` with each element
pair's own cutoffs (one `zbl` sub-style per pair under `hybrid/overlay`: Si-O 1.0 1.3, O-O
1.75 2.05, Si-Si 1.9 2.2). `baseline` is a silica model's whole baseline, atoms at least 1.2 A
apart: `coul/dsf 0.0 10.0` (Si +1.6, O -0.8), one `zbl` per pair and `vashishta` with the
steric term of Vashishta's SiO2 only (STERIC, the file Basin's StericRepulsion writes).
Writes one `<name>.txt` per configuration in the layout of ../lammps_reference.py.

Usage: python3 make_fixtures.py   (needs numpy and `lmp` on the PATH; writes next to itself)
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Vashishta"))
from lammps_reference import random_packing, write_fixture  # noqa: E402
from make_fixtures import MASS  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def packed(seed):
    """24 SiO2 units at 2.2 g/cm^3 in a sheared cell, at least 0.5 A apart."""
    length = 10.29
    cell = np.array([[length, 0, 0], [1.3, length, 0], [-0.9, 0.7, length]])
    symbols = ["Si"] * 24 + ["O"] * 48
    return symbols, random_packing(np.random.default_rng(seed), cell, len(symbols), 0.5), cell


def write(name, seed, inner, outer):
    s, r, c = packed(seed)
    commands = [f"pair_style zbl {inner} {outer}", "pair_coeff 1 1 14.0 14.0", "pair_coeff 1 2 14.0 8.0", "pair_coeff 2 2 8.0 8.0"]
    write_fixture(os.path.join(HERE, name + ".txt"), s, r, c, (True, True, True), ("Si", "O"), MASS, commands)


def write_pairs(name, seed):
    s, r, c = packed(seed)
    commands = [
        "pair_style hybrid/overlay zbl 1.0 1.3 zbl 1.75 2.05 zbl 1.9 2.2",
        "pair_coeff 1 2 zbl 1 14.0 8.0",
        "pair_coeff 2 2 zbl 2 8.0 8.0",
        "pair_coeff 1 1 zbl 3 14.0 14.0",
    ]
    write_fixture(os.path.join(HERE, name + ".txt"), s, r, c, (True, True, True), ("Si", "O"), MASS, commands)


STERIC = """# i j k H eta Zi Zj lambda1 D lambda4 W rc B gamma r0 C cos(theta0): steric term only
O O O 743.848 7.0 0 0 1 0 1 0 10.0 0 0 0 0 0
O O Si 743.848 7.0 0 0 1 0 1 0 10.0 0 0 0 0 0
O Si O 163.859 9.0 0 0 1 0 1 0 10.0 0 0 0 0 0
O Si Si 163.859 9.0 0 0 1 0 1 0 10.0 0 0 0 0 0
Si O O 163.859 9.0 0 0 1 0 1 0 10.0 0 0 0 0 0
Si O Si 163.859 9.0 0 0 1 0 1 0 10.0 0 0 0 0 0
Si Si O 0.82023 11.0 0 0 1 0 1 0 10.0 0 0 0 0 0
Si Si Si 0.82023 11.0 0 0 1 0 1 0 10.0 0 0 0 0 0
"""


def write_baseline(name, seed):
    symbols = ["Si"] * 24 + ["O"] * 48
    length = 10.29
    cell = np.array([[length, 0, 0], [1.3, length, 0], [-0.9, 0.7, length]])
    r = random_packing(np.random.default_rng(seed), cell, len(symbols), 1.2)
    commands = [
        "fix charges all property/atom q ghost yes", "set type 1 charge 1.6", "set type 2 charge -0.8",
        "pair_style hybrid/overlay coul/dsf 0.0 10.0 zbl 1.02 1.32 zbl 1.75 2.05 zbl 1.92 2.22 vashishta",
        "pair_coeff * * coul/dsf",
        "pair_coeff 1 2 zbl 1 14.0 8.0",
        "pair_coeff 2 2 zbl 2 8.0 8.0",
        "pair_coeff 1 1 zbl 3 14.0 14.0",
        "pair_coeff * * vashishta steric.vashishta Si O",
    ]
    write_fixture(os.path.join(HERE, name + ".txt"), symbols, r, cell, (True, True, True), ("Si", "O"), MASS, commands,
                  {"steric.vashishta": STERIC})


def main():
    write("dense", 3, 0.9, 1.3)
    write("wide", 4, 1.0, 2.2)
    write_pairs("pairs", 5)
    write_baseline("baseline", 6)


if __name__ == "__main__":
    main()
