"""Shared by the many-body comparisons with LAMMPS: potential files, structures, data files.

Structures are built here, written once as LAMMPS data files (`atom_style atomic`, metal
units) and read by both codes, so LAMMPS and Basin see the same atoms to the last digit. The
crystals match Basin's builders (`Lattice.diamond`, `Crystal.cristobalite`, `Crystal.quartz`).
"""
import os
import subprocess
import sys

import numpy as np

from lj_vs_lammps import ensure_lammps

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POTENTIALS = "/usr/share/lammps/potentials"
SW_SILICON = os.path.join(POTENTIALS, "Si.sw")
VASHISHTA_SILICA = os.path.join(POTENTIALS, "SiO.1990.vashishta")
# IUPAC 2016 standard atomic weights (amu), as Basin's periodic table.
MASSES = {"Si": 28.085, "O": 15.999}


def ensure_lammps_with_potentials():
    """`lmp`, with Debian's lammps-data potential files installed when missing."""
    lmp = ensure_lammps()
    if not (os.path.exists(SW_SILICON) and os.path.exists(VASHISHTA_SILICA)):
        print("installing LAMMPS potential files from Debian's lammps-data package ...", file=sys.stderr)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "lammps-data"], check=True, env=env,
                       stdout=subprocess.DEVNULL)
    return lmp


def build_basin(basin=None):
    """The release `basin` binary (built with SwiftPM unless a path is given)."""
    if basin:
        return basin
    subprocess.run(["swift", "build", "-c", "release", "--product", "basin"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, ".build", "release", "basin")


class Structure:
    """Positions (Å, N×3), symbols, a cell with lattice vectors as rows (Å)."""

    def __init__(self, positions, symbols, cell):
        self.positions = np.asarray(positions, dtype=float)
        self.symbols = list(symbols)
        self.cell = np.asarray(cell, dtype=float)

    @property
    def elements(self):
        return [e for e in ("Si", "O") if e in self.symbols]


def replicate(fractional, symbols, cell, cells):
    """A unit cell replicated cells = (n, m, k) times, cell by cell with c slowest."""
    n = np.array(cells)
    shifts = np.array([(i, j, k) for k in range(n[2]) for j in range(n[1]) for i in range(n[0])], dtype=float)
    frac = (shifts[:, None, :] + np.asarray(fractional)[None, :, :]).reshape(-1, 3)
    return Structure(frac @ cell, list(symbols) * len(shifts), cell * n[:, None])


def diamond(a=5.431, cells=(1, 1, 1)):
    """Diamond-structure silicon, 8 atoms per cube of edge a (Å)."""
    fcc = np.array([(0, 0, 0), (0.5, 0.5, 0), (0.5, 0, 0.5), (0, 0.5, 0.5)])
    return replicate(np.vstack([fcc, fcc + 0.25]), ["Si"] * 8, np.eye(3) * a, cells)


def cristobalite(a=7.16, cells=(1, 1, 1)):
    """Ideal cubic β-cristobalite (Fd-3m): Si on diamond sites, O midway between bonded Si."""
    fcc = np.array([(0, 0, 0), (0.5, 0.5, 0), (0.5, 0, 0.5), (0, 0.5, 0.5)])
    bonds = np.array([(1, 1, 1), (1, -1, -1), (-1, 1, -1), (-1, -1, 1)]) / 8
    oxygen = np.mod((fcc[:, None, :] + bonds[None, :, :]).reshape(-1, 3), 1)
    return replicate(np.vstack([fcc, fcc + 0.25, oxygen]), ["Si"] * 8 + ["O"] * 16, np.eye(3) * a, cells)


def quartz(a=4.913, cells=(1, 1, 1)):
    """α-quartz (P3₂21), Levien, Prewitt & Weidner, Am. Mineral. 65, 920 (1980), c/a fixed."""
    c = a * 5.405 / 4.913

    def orbit(x, y, z):
        images = [(x, y, z), (-y, x - y, z + 2 / 3), (y - x, -x, z + 1 / 3),
                  (y, x, 2 / 3 - z), (x - y, -y, -z), (-x, y - x, 1 / 3 - z)]
        distinct = []
        for s in np.mod(np.array(images), 1):
            if not any(np.allclose(np.mod(s - t + 0.5, 1) - 0.5, 0, atol=1e-9) for t in distinct):
                distinct.append(s)
        return distinct

    basis = orbit(0.4697, 0, 0) + orbit(0.4135, 0.2669, 0.1191)
    cell = np.array([[a, 0, 0], [-a / 2, np.sqrt(3) / 2 * a, 0], [0, 0, c]])
    return replicate(np.array(basis), ["Si"] * 3 + ["O"] * 6, cell, cells)


def write_data(path, structure):
    """A LAMMPS data file: types numbered in `structure.elements` order, cell in LAMMPS's
    lower-triangular form (a along x, b in the xy plane), positions carried over by fractional
    coordinates."""
    a, b, c = structure.cell
    lx = np.linalg.norm(a)
    xy = b @ a / lx
    ly = np.sqrt(b @ b - xy * xy)
    xz = c @ a / lx
    yz = (b @ c - xy * xz) / ly
    lz = np.sqrt(c @ c - xz * xz - yz * yz)
    box = np.array([[lx, 0, 0], [xy, ly, 0], [xz, yz, lz]])
    positions = (structure.positions @ np.linalg.inv(structure.cell)) @ box
    elements = structure.elements
    lines = ["LAMMPS data file (Basin comparison)", "", f"{len(positions)} atoms", f"{len(elements)} atom types", "",
             f"0.0 {lx:.17g} xlo xhi", f"0.0 {ly:.17g} ylo yhi", f"0.0 {lz:.17g} zlo zhi"]
    if max(abs(xy), abs(xz), abs(yz)) > 0:
        lines.append(f"{xy:.17g} {xz:.17g} {yz:.17g} xy xz yz")
    lines += ["", "Masses", ""] + [f"{t + 1} {MASSES[e]} # {e}" for t, e in enumerate(elements)]
    lines += ["", "Atoms # atomic", ""]
    for i, (symbol, r) in enumerate(zip(structure.symbols, positions)):
        lines.append(f"{i + 1} {elements.index(symbol) + 1} {r[0]:.17g} {r[1]:.17g} {r[2]:.17g}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
