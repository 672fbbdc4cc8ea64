#!/usr/bin/env python3
"""Reference data for Basin's Morse potential, computed by LAMMPS `pair_style morse`.

A 2x2x2 fcc copper crystal (a = 3.615 A) with seeded Gaussian displacements, Cu-Cu parameters
of L. A. Girifalco and V. G. Weizer, Phys. Rev. 114, 687 (1959) (D0 = 0.3429 eV,
alpha = 1.3588 1/A, r0 = 2.866 A), cutoff 6 A, `pair_modify shift yes`. Writes
`copper.txt` in the layout of ../Vashishta/make_fixtures.py (cell, pbc, volume, energy,
virial pressure in bar, then `Cu x y z fx fy fz e` per atom).

Usage: python3 make_fixtures.py   (needs numpy and `lmp` on the PATH; writes next to itself)
"""
import os
import subprocess
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
A = 3.615


def main():
    basis = np.array([[0, 0, 0], [0, .5, .5], [.5, 0, .5], [.5, .5, 0]])
    frac = np.array([b + [i, j, k] for i in range(2) for j in range(2) for k in range(2) for b in basis])
    cell = np.diag([2 * A] * 3)
    positions = frac * A + np.random.default_rng(29).normal(0, 0.1, frac.shape)
    positions -= np.floor(positions / (2 * A)) * 2 * A
    with tempfile.TemporaryDirectory() as work:
        with open(os.path.join(work, "data.lmp"), "w") as f:
            f.write("copper\n\n%d atoms\n1 atom types\n\n" % len(positions))
            for axis in "xyz":
                f.write("0 %.17g %slo %shi\n" % (2 * A, axis, axis))
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
    with open(os.path.join(HERE, "copper.txt"), "w") as f:
        f.write("cell " + " ".join("%.17g" % v for v in cell.flatten()) + "\n")
        f.write("pbc T T T\nvolume %.17g\nenergy %.17g\n" % (values[8], values[1]))
        f.write("pressure " + " ".join("%.17g" % v for v in values[2:8]) + "\n")
        f.write("atoms %d\n" % len(positions))
        for r, row in zip(positions, dump):
            f.write("Cu %.17g %.17g %.17g %.17g %.17g %.17g %.17g\n" % (*r, *row[1:5]))


if __name__ == "__main__":
    main()
