#!/usr/bin/env python3
"""Reference data for Basin's Vashishta potential, computed by LAMMPS `pair_style vashishta`.

Builds small SiO2 configurations (beta-cristobalite, ideal Fd-3m, a = 7.16 A: perfect; with
seeded Gaussian displacements as at 1500 K; a liquid-like random structure in a triclinic
cell; a single cell, narrower than twice the 7.35 A cutoff, where atoms see several images of
a neighbor; a slab open along z), evaluates each with `lmp` (`compute pe/atom`, `compute
pressure NULL virial`) and writes one `<name>.txt` per configuration:

    cell ax ay az bx by bz cx cy cz      # lattice vectors as rows (A), LAMMPS restricted form
    pbc T T F
    volume V                             # LAMMPS box volume (A^3) used for the pressure
    energy E                             # eV
    pressure pxx pyy pzz pxy pxz pyz     # virial part only (bar)
    atoms N
    Si x y z fx fy fz e                  # position (A), force (eV/A), per-atom energy (eV)

Parameters: P. Vashishta, R. K. Kalia, J. P. Rino and I. Ebbsjo, Phys. Rev. B 41, 12197 (1990),
in the form distributed with LAMMPS (written below, so the script needs no potential file).

Usage: python3 make_fixtures.py   (needs numpy and `lmp` on the PATH; writes next to itself)
"""
import os
import subprocess
import tempfile

import numpy as np

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


def displaced(positions, sigma, seed):
    return positions + np.random.default_rng(seed).normal(0, sigma, positions.shape)


def liquid(seed):
    """24 SiO2 units at 2.2 g/cm^3 in a sheared cell, placed at random at least 1.5 A apart."""
    rng = np.random.default_rng(seed)
    length = 10.29
    cell = np.array([[length, 0, 0], [1.3, length, 0], [-0.9, 0.7, length]])
    symbols = ["Si"] * 24 + ["O"] * 48
    points = []
    while len(points) < len(symbols):
        p = rng.random(3) @ cell
        ok = True
        for q in points:
            d = p - q
            s = d @ np.linalg.inv(cell)
            d = (s - np.round(s)) @ cell
            if d @ d < 1.5 ** 2:
                ok = False
                break
        if ok:
            points.append(p)
    return symbols, np.array(points), cell


def wrap(positions, cell, pbc):
    s = positions @ np.linalg.inv(cell)
    for k in range(3):
        if pbc[k]:
            s[:, k] -= np.floor(s[:, k])
    return s @ cell


def run_lammps(symbols, positions, cell, pbc, workdir):
    types = {"Si": 1, "O": 2}
    with open(os.path.join(workdir, "data.lmp"), "w") as f:
        f.write("fixture\n\n%d atoms\n2 atom types\n\n" % len(symbols))
        lo = positions.min(axis=0) - 1
        hi = positions.max(axis=0) + 1
        f.write("0 %.17g xlo xhi\n0 %.17g ylo yhi\n" % (cell[0, 0], cell[1, 1]))
        if pbc[2]:
            f.write("0 %.17g zlo zhi\n" % cell[2, 2])
        else:
            f.write("%.17g %.17g zlo zhi\n" % (lo[2], hi[2]))
        f.write("%.17g %.17g %.17g xy xz yz\n\n" % (cell[1, 0], cell[2, 0], cell[2, 1]))
        f.write("Masses\n\n1 %.17g\n2 %.17g\n\nAtoms # atomic\n\n" % (MASS["Si"], MASS["O"]))
        for i, (s, r) in enumerate(zip(symbols, positions)):
            f.write("%d %d %.17g %.17g %.17g\n" % (i + 1, types[s], *r))
    with open(os.path.join(workdir, "SiO.vashishta"), "w") as f:
        f.write(PARAMETERS)
    boundary = " ".join("p" if p else "f" for p in pbc)
    script = f"""units metal
atom_style atomic
boundary {boundary}
box tilt large
read_data data.lmp
pair_style vashishta
pair_coeff * * SiO.vashishta Si O
compute pe all pe/atom
compute p all pressure NULL virial
thermo_style custom step pe c_p[1] c_p[2] c_p[3] c_p[4] c_p[5] c_p[6] vol
thermo_modify format float %.17g
dump d all custom 1 dump.txt id fx fy fz c_pe
dump_modify d format float %.17g sort id
run 0
"""
    with open(os.path.join(workdir, "in.lmp"), "w") as f:
        f.write(script)
    subprocess.run(["lmp", "-in", "in.lmp", "-log", "log.lammps", "-screen", "none"], cwd=workdir, check=True)
    lines = open(os.path.join(workdir, "log.lammps")).read().splitlines()
    header = next(i for i, l in enumerate(lines) if l.split()[:2] == ["Step", "PotEng"])
    values = [float(v) for v in lines[header + 1].split()]
    dump = np.loadtxt(os.path.join(workdir, "dump.txt"), skiprows=9)
    return values[1], values[2:8], values[8], dump[:, 1:4], dump[:, 4]


def write(name, symbols, positions, cell, pbc):
    positions = wrap(positions, cell, pbc)
    with tempfile.TemporaryDirectory() as workdir:
        energy, pressure, volume, forces, energies = run_lammps(symbols, positions, cell, pbc, workdir)
    flag = lambda p: "T" if p else "F"
    with open(os.path.join(HERE, name + ".txt"), "w") as f:
        f.write("cell " + " ".join("%.17g" % v for v in cell.flatten()) + "\n")
        f.write("pbc %s %s %s\n" % tuple(flag(p) for p in pbc))
        f.write("volume %.17g\nenergy %.17g\n" % (volume, energy))
        f.write("pressure " + " ".join("%.17g" % v for v in pressure) + "\n")
        f.write("atoms %d\n" % len(symbols))
        for s, r, g, e in zip(symbols, positions, forces, energies):
            f.write("%s %.17g %.17g %.17g %.17g %.17g %.17g %.17g\n" % (s, *r, *g, e))


def main():
    periodic = (True, True, True)
    s, r, c = cristobalite(2, 1, 1)
    write("perfect", s, r, c, periodic)
    s, r, c = cristobalite(2, 2, 1)
    write("thermal", s, displaced(r, 0.1, 1500), c, periodic)
    s, r, c = liquid(7)
    write("liquid", s, r, c, periodic)
    s, r, c = cristobalite(1, 1, 1)
    write("single_cell", s, displaced(r, 0.08, 11), c, periodic)
    s, r, c = cristobalite(1, 1, 2)
    c[2, 2] += 15
    write("slab", s, displaced(r, 0.08, 13), c, (True, True, False))


if __name__ == "__main__":
    main()
