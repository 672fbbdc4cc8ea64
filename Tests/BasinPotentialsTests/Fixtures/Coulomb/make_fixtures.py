#!/usr/bin/env python3
"""Reference data for Basin's damped shifted Coulomb potential, computed by LAMMPS `pair_style
coul/dsf`.

Charges Si +1.6, O -0.8 (Vashishta's effective charges) on silica configurations of
../Vashishta/make_fixtures.py: thermal beta-cristobalite with the undamped form (alpha = 0,
r_c = 10 A) and the sheared liquid cell with damping (alpha = 0.2 1/A, r_c = 9 A). The charges
are set per type on an `atom_style atomic` box through `fix property/atom q ghost yes`
(without `ghost yes` periodic images would carry no charge). Writes one
`<name>.txt` per configuration in the layout of ../lammps_reference.py (energy, per-atom
energies with LAMMPS's self-energy term, forces, virial pressure).

Usage: python3 make_fixtures.py   (needs numpy and `lmp` on the PATH; writes next to itself)
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Vashishta"))
from lammps_reference import displaced, write_fixture  # noqa: E402
from make_fixtures import MASS, cristobalite, liquid  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, symbols, positions, cell, style):
    commands = ["fix charges all property/atom q ghost yes", "set type 1 charge 1.6", "set type 2 charge -0.8",
                f"pair_style {style}", "pair_coeff * *"]
    write_fixture(os.path.join(HERE, name + ".txt"), symbols, positions, cell, (True, True, True), ("Si", "O"), MASS, commands)


def main():
    s, r, c = cristobalite(2, 2, 1)
    write("thermal_dsf", s, displaced(r, 0.1, 1500), c, "coul/dsf 0.0 10.0")
    s, r, c = liquid(7)
    write("liquid_damped", s, r, c, "coul/dsf 0.2 9.0")


if __name__ == "__main__":
    main()
