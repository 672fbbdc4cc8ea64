#!/usr/bin/env python3
"""Reference data for Basin's Stillinger-Weber potential, computed by LAMMPS `pair_style sw`.

Builds small configurations (diamond Si, a = 5.431 A: perfect; with seeded Gaussian
displacements as at 1500 K; a liquid-like random structure in a triclinic cell; a single
8-atom cell, narrower than twice the 3.77 A cutoff, where atoms see several images of a
neighbor; a slab open along z; a Si-Ge alloy with a made-up two-element file), evaluates each
with `lmp` (`compute pe/atom`, `compute pressure NULL virial`) and writes one `<name>.txt` per
configuration:

    cell ax ay az bx by bz cx cy cz      # lattice vectors as rows (A), LAMMPS restricted form
    pbc T T F
    volume V                             # LAMMPS box volume (A^3) used for the pressure
    energy E                             # eV
    pressure pxx pyy pzz pxy pxz pyz     # virial part only (bar)
    atoms N
    Si x y z fx fy fz e                  # position (A), force (eV/A), per-atom energy (eV)

Atom IDs are the atom's line number in the file (1-based), which fixes the ends from which
LAMMPS computes the two-body terms. Parameters: silicon of F. H. Stillinger and T. A. Weber,
Phys. Rev. B 31, 5262 (1985); the Si-Ge file is made up for testing (Ge after Ding and
Andersen, Phys. Rev. B 34, 6987 (1986), mixed entries arbitrary but valid). The files are
written below, so the script needs no potential file.

Usage: python3 make_fixtures.py   (needs numpy and `lmp` on the PATH; writes next to itself)
"""
import os
import subprocess
import tempfile

import numpy as np

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


def displaced(positions, sigma, seed):
    return positions + np.random.default_rng(seed).normal(0, sigma, positions.shape)


def liquid(seed):
    """64 atoms at the density of liquid Si (2.57 g/cm^3) in a sheared cell, at least 2 A apart."""
    rng = np.random.default_rng(seed)
    length = 10.49
    cell = np.array([[length, 0, 0], [1.1, length, 0], [-0.8, 0.6, length]])
    inverse = np.linalg.inv(cell)
    points = []
    while len(points) < 64:
        p = rng.random(3) @ cell
        ok = True
        for q in points:
            s = (p - q) @ inverse
            d = (s - np.round(s)) @ cell
            if d @ d < 2.0 ** 2:
                ok = False
                break
        if ok:
            points.append(p)
    return ["Si"] * 64, np.array(points), cell


def wrap(positions, cell, pbc):
    s = positions @ np.linalg.inv(cell)
    for k in range(3):
        if pbc[k]:
            s[:, k] -= np.floor(s[:, k])
    return s @ cell


def run_lammps(symbols, positions, cell, pbc, elements, parameters, workdir):
    types = {e: i + 1 for i, e in enumerate(elements)}
    with open(os.path.join(workdir, "data.lmp"), "w") as f:
        f.write("fixture\n\n%d atoms\n%d atom types\n\n" % (len(symbols), len(elements)))
        lo = positions.min(axis=0) - 1
        hi = positions.max(axis=0) + 1
        f.write("0 %.17g xlo xhi\n0 %.17g ylo yhi\n" % (cell[0, 0], cell[1, 1]))
        if pbc[2]:
            f.write("0 %.17g zlo zhi\n" % cell[2, 2])
        else:
            f.write("%.17g %.17g zlo zhi\n" % (lo[2], hi[2]))
        f.write("%.17g %.17g %.17g xy xz yz\n\n" % (cell[1, 0], cell[2, 0], cell[2, 1]))
        f.write("Masses\n\n" + "".join("%d %.17g\n" % (types[e], MASS[e]) for e in elements))
        f.write("\nAtoms # atomic\n\n")
        for i, (s, r) in enumerate(zip(symbols, positions)):
            f.write("%d %d %.17g %.17g %.17g\n" % (i + 1, types[s], *r))
    with open(os.path.join(workdir, "potential.sw"), "w") as f:
        f.write(parameters)
    boundary = " ".join("p" if p else "f" for p in pbc)
    script = f"""units metal
atom_style atomic
boundary {boundary}
box tilt large
read_data data.lmp
pair_style sw
pair_coeff * * potential.sw {" ".join(elements)}
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


def write(name, symbols, positions, cell, pbc, elements=("Si",), parameters=SILICON):
    positions = wrap(positions, cell, pbc)
    with tempfile.TemporaryDirectory() as workdir:
        energy, pressure, volume, forces, energies = run_lammps(
            symbols, positions, cell, pbc, elements, parameters, workdir)
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
