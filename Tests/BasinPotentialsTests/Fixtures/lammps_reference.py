"""Shared by the fixture scripts of each potential: reference energies, forces, per-atom
energies and pressures computed by LAMMPS (`run 0`) for small configurations.

Each fixture is a text file:

    cell ax ay az bx by bz cx cy cz      # lattice vectors as rows (A), LAMMPS restricted form
    pbc T T F
    volume V                             # LAMMPS box volume (A^3) used for the pressure
    energy E                             # eV
    pressure pxx pyy pzz pxy pxz pyz     # virial part only (bar)
    atoms N
    Si x y z fx fy fz e                  # position (A), force (eV/A), per-atom energy (eV)

Atom IDs are the atoms' line numbers (1-based), which fixes the ends from which LAMMPS
computes pair terms. Needs numpy and `lmp` on the PATH.
"""
import os
import subprocess
import tempfile

import numpy as np


def displaced(positions, sigma, seed):
    """Positions with seeded Gaussian displacements of standard deviation `sigma` (A)."""
    return positions + np.random.default_rng(seed).normal(0, sigma, positions.shape)


def random_packing(rng, cell, count, minimum):
    """`count` points placed uniformly in `cell`, no two (or their images) closer than `minimum`."""
    inverse = np.linalg.inv(cell)
    points = []
    while len(points) < count:
        p = rng.random(3) @ cell
        ok = True
        for q in points:
            s = (p - q) @ inverse
            d = (s - np.round(s)) @ cell
            if d @ d < minimum ** 2:
                ok = False
                break
        if ok:
            points.append(p)
    return np.array(points)


def wrap(positions, cell, pbc):
    """Positions brought into the cell along the periodic directions."""
    s = positions @ np.linalg.inv(cell)
    for k in range(3):
        if pbc[k]:
            s[:, k] -= np.floor(s[:, k])
    return s @ cell


def run_lammps(symbols, positions, cell, pbc, elements, masses, pair_commands, files, workdir):
    """Energy, virial pressure (6), volume, forces and per-atom energies from LAMMPS `run 0`.

    `pair_commands` are the LAMMPS lines that set up the potential; `files` maps names to the
    contents of files they read (written into `workdir` first).
    """
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
        f.write("Masses\n\n" + "".join("%d %.17g\n" % (types[e], masses[e]) for e in elements))
        f.write("\nAtoms # atomic\n\n")
        for i, (s, r) in enumerate(zip(symbols, positions)):
            f.write("%d %d %.17g %.17g %.17g\n" % (i + 1, types[s], *r))
    for name, text in files.items():
        with open(os.path.join(workdir, name), "w") as f:
            f.write(text)
    boundary = " ".join("p" if p else "f" for p in pbc)
    script = "\n".join([
        "units metal", "atom_style atomic", f"boundary {boundary}", "box tilt large", "read_data data.lmp",
        *pair_commands,
        "compute pe all pe/atom", "compute p all pressure NULL virial",
        "thermo_style custom step pe c_p[1] c_p[2] c_p[3] c_p[4] c_p[5] c_p[6] vol",
        "thermo_modify format float %.17g",
        "dump d all custom 1 dump.txt id fx fy fz c_pe", "dump_modify d format float %.17g sort id",
        "run 0", ""])
    with open(os.path.join(workdir, "in.lmp"), "w") as f:
        f.write(script)
    subprocess.run(["lmp", "-in", "in.lmp", "-log", "log.lammps", "-screen", "none"], cwd=workdir, check=True)
    lines = open(os.path.join(workdir, "log.lammps")).read().splitlines()
    header = next(i for i, l in enumerate(lines) if l.split()[:2] == ["Step", "PotEng"])
    values = [float(v) for v in lines[header + 1].split()]
    dump = np.loadtxt(os.path.join(workdir, "dump.txt"), skiprows=9)
    return values[1], values[2:8], values[8], dump[:, 1:4], dump[:, 4]


def write_fixture(path, symbols, positions, cell, pbc, elements, masses, pair_commands, files=None):
    """Evaluates a configuration in LAMMPS and writes it with the results to `path`."""
    positions = wrap(positions, cell, pbc)
    with tempfile.TemporaryDirectory() as workdir:
        energy, pressure, volume, forces, energies = run_lammps(
            symbols, positions, cell, pbc, elements, masses, pair_commands, files or {}, workdir)
    flag = lambda p: "T" if p else "F"
    with open(path, "w") as f:
        f.write("cell " + " ".join("%.17g" % v for v in cell.flatten()) + "\n")
        f.write("pbc %s %s %s\n" % tuple(flag(p) for p in pbc))
        f.write("volume %.17g\nenergy %.17g\n" % (volume, energy))
        f.write("pressure " + " ".join("%.17g" % v for v in pressure) + "\n")
        f.write("atoms %d\n" % len(symbols))
        for s, r, g, e in zip(symbols, positions, forces, energies):
            f.write("%s %.17g %.17g %.17g %.17g %.17g %.17g %.17g\n" % (s, *r, *g, e))
