#!/usr/bin/env python3
"""Reference data for Basin's ChargeDipoleTail, computed by LAMMPS `pair_style table spline`.

The tail of Vashishta's SiO2 charge-dipole term -D exp(-r/lambda4)/r^4 (D: Si-O 44.2357, O-O
22.1179 eV A^4, Si-Si none; lambda4 = 4.43 A), force-shifted at r_c = 10 A minus the same term
force-shifted at r_m = 5.5 A (linear below r_m), written here from that formula as a LAMMPS
table of 5,000 points evenly from r_c/5000 to r_c (the layout Basin's `lammpsTable` writes),
for 72 silica atoms at 2.2 g/cm^3 in the sheared cell of ../ZBL/make_fixtures.py, at least
1.2 A apart. Writes `tail.txt` in the layout of ../lammps_reference.py.

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
LAMBDA, INNER, CUTOFF, POINTS = 4.43, 5.5, 10.0, 5000
D = {"O_O": 22.1179, "O_Si": 44.2357}


def phi(d, r):
    return -d * np.exp(-r / LAMBDA) / r ** 4


def slope(d, r):
    return -phi(d, r) * (1 / LAMBDA + 4 / r)


def tail(d, r):
    """Energy (eV) and force -dV/dr (eV/A) of the tail at distances r."""
    outer = phi(d, r) - phi(d, CUTOFF) - (r - CUTOFF) * slope(d, CUTOFF)
    at_inner = phi(d, INNER) - phi(d, CUTOFF) - (INNER - CUTOFF) * slope(d, CUTOFF)
    inner = at_inner + (r - INNER) * (slope(d, INNER) - slope(d, CUTOFF))
    energy = np.where(r < INNER, inner, outer)
    derivative = np.where(r < INNER, slope(d, INNER) - slope(d, CUTOFF), slope(d, r) - slope(d, CUTOFF))
    return energy, -derivative


def table():
    low = CUTOFF / POINTS
    text = "# charge-dipole tail\n"
    for name, d in D.items():
        r = low + (CUTOFF - low) * np.arange(POINTS) / (POINTS - 1)
        e, f = tail(d, r)
        text += f"\n{name}\nN {POINTS} R {low!r} {CUTOFF!r}\n\n"
        text += "".join(f"{i + 1} {float(r[i])!r} {float(e[i])!r} {float(f[i])!r}\n" for i in range(POINTS))
    return text


def main():
    symbols = ["Si"] * 24 + ["O"] * 48
    length = 10.29
    cell = np.array([[length, 0, 0], [1.3, length, 0], [-0.9, 0.7, length]])
    r = random_packing(np.random.default_rng(7), cell, len(symbols), 1.2)
    commands = [
        f"pair_style hybrid table spline {POINTS}",
        "pair_coeff 1 1 none",
        f"pair_coeff 1 2 table tail.table O_Si {CUTOFF}",
        f"pair_coeff 2 2 table tail.table O_O {CUTOFF}",
    ]
    write_fixture(os.path.join(HERE, "tail.txt"), symbols, r, cell, (True, True, True), ("Si", "O"), MASS, commands,
                  {"tail.table": table()})


if __name__ == "__main__":
    main()
