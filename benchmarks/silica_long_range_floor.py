"""How much of Vashishta SiO2 a short-ranged model cannot see, with and without a baseline.

Vashishta et al. (Phys. Rev. B 41, 12197 (1990)) has an effectively unscreened Coulomb term
(lambda1 = 999 A) out to r_c = 10 A, force-shifted with the whole two-body term. A model with
cutoff r_m sees only pairs closer than r_m. This script measures, on frames of an n2p2
input.data (e.g. the silica quickstart's data/input.data), the forces and energies of the
pairs between r_m and r_c:

- without a baseline: of Vashishta's whole shifted two-body term V2;
- with the Coulomb baseline: of V2 minus the fixed-charge Coulomb baseline (LAMMPS coul/dsf
  with alpha = 0 and the same 10 A cutoff, charges Si +1.6, O -0.8), which is what a network
  on top of the baseline has to reproduce;
- with the silica quickstart's whole baseline: minus Vashishta's steric term H/r^eta as well
  (shifted at 10 A) and its charge-dipole tail, the term -D exp(-r/lambda4)/r^4 shifted at
  10 A minus the same term shifted at r_m (Basin's ChargeDipoleTail), which is that term
  shifted at 10 A wherever r >= r_m.

The three-body term (r0 = 2.6 A) lies inside every r_m. Prints, for each r_m, the rms force
(meV/A) and the standard deviation over frames of the energy per atom (meV/atom) of the unseen
pairs, and the rms reference force for scale.

    python3 benchmarks/silica_long_range_floor.py silica/data/input.data [--cutoffs 5.5 6 6.5]
"""
import argparse
import math

import numpy as np

K = 14.399645  # e^2/(4 pi eps0), eV A (LAMMPS metal qqr2e)
RC = 10.0
CHARGE = {"Si": 1.6, "O": -0.8}
# Two-body parameters of SiO.1990.vashishta: H (eV A^eta), eta, D (eV A^4), lambda1, lambda4 (A), W.
PAIRS = {
    ("Si", "Si"): (0.82023, 11, 0.0),
    ("O", "O"): (743.848, 7, 22.1179),
    ("O", "Si"): (163.859, 9, 44.2357),
}
LAMBDA1, LAMBDA4 = 999.0, 4.43


def read_n2p2(path):
    """Frames of an n2p2 input.data: (lattice rows, positions, symbols, forces, energy)."""
    frames, lattice, positions, symbols, forces, energy = [], [], [], [], [], None
    with open(path) as f:
        for line in f:
            words = line.split()
            if not words:
                continue
            if words[0] == "begin":
                lattice, positions, symbols, forces, energy = [], [], [], [], None
            elif words[0] == "lattice":
                lattice.append([float(w) for w in words[1:4]])
            elif words[0] == "atom":
                positions.append([float(w) for w in words[1:4]])
                symbols.append(words[4])
                forces.append([float(w) for w in words[7:10]])
            elif words[0] == "energy":
                energy = float(words[1])
            elif words[0] == "end":
                frames.append((np.array(lattice), np.array(positions), symbols, np.array(forces), energy))
    return frames


def vashishta_v2(r, key):
    """Vashishta's raw two-body term and its derivative for the sorted element pair `key`."""
    h, eta, d = PAIRS[key]
    zz = K * CHARGE[key[0]] * CHARGE[key[1]]
    coulomb = zz * np.exp(-r / LAMBDA1) / r
    dipole = d * np.exp(-r / LAMBDA4) / r**4
    v = h / r**eta + coulomb - dipole
    dv = -eta * h / r ** (eta + 1) - coulomb * (1 / r + 1 / LAMBDA1) + dipole * (4 / r + 1 / LAMBDA4)
    return v, dv


def shifted_v2(r, key):
    """V2(r) - V2(rc) - (r - rc) V2'(rc) and its derivative, as LAMMPS pair_style vashishta."""
    v, dv = vashishta_v2(r, key)
    vc, dvc = vashishta_v2(np.array(RC), key)
    return v - vc - (r - RC) * dvc, dv - dvc


def baseline(r, key):
    """coul/dsf with alpha = 0: k q q (1/r - 1/rc + (r - rc)/rc^2) and its derivative."""
    qq = K * CHARGE[key[0]] * CHARGE[key[1]]
    return qq * (1 / r - 1 / RC + (r - RC) / RC**2), qq * (-1 / r**2 + 1 / RC**2)


def steric_and_tail(r, key):
    """Vashishta's steric term and its charge-dipole term, each shifted at rc: the whole
    baseline's part beyond r_m other than the Coulomb term, and its derivative."""
    h, eta, d = PAIRS[key]

    def raw(r):
        dipole = d * np.exp(-r / LAMBDA4) / r**4
        return h / r**eta - dipole, -eta * h / r ** (eta + 1) + dipole * (4 / r + 1 / LAMBDA4)

    v, dv = raw(r)
    vc, dvc = raw(np.array(RC))
    return v - vc - (r - RC) * dvc, dv - dvc


def unseen(frame, r_m, baseline_kind):
    """Forces (N x 3) and energy of the pairs with r_m <= r < rc."""
    lattice, x, symbols, _, _ = frame
    n = len(x)
    forces, energy = np.zeros((n, 3)), 0.0
    volume = abs(np.linalg.det(lattice))
    widths = [volume / np.linalg.norm(np.cross(lattice[(k + 1) % 3], lattice[(k + 2) % 3])) for k in range(3)]
    reach = [math.ceil(RC / w) for w in widths]
    species = np.array(symbols)
    for a in range(-reach[0], reach[0] + 1):
        for b in range(-reach[1], reach[1] + 1):
            for c in range(-reach[2], reach[2] + 1):
                shift = a * lattice[0] + b * lattice[1] + c * lattice[2]
                d = x[None, :, :] + shift - x[:, None, :]  # d[i, j] = x_j + shift - x_i
                r = np.linalg.norm(d, axis=2)
                for key in PAIRS:
                    mask = (r >= r_m) & (r < RC)
                    mask &= ((species[:, None] == key[0]) & (species[None, :] == key[1])) | (
                        (species[:, None] == key[1]) & (species[None, :] == key[0]))
                    if not mask.any():
                        continue
                    rr = r[mask]
                    v, dv = shifted_v2(rr, key)
                    if baseline_kind != "none":
                        vb, dvb = baseline(rr, key)
                        v, dv = v - vb, dv - dvb
                    if baseline_kind == "whole":
                        vb, dvb = steric_and_tail(rr, key)
                        v, dv = v - vb, dv - dvb
                    # Each ordered pair (i, j) appears once: half its energy, the force on i.
                    energy += 0.5 * v.sum()
                    f = np.zeros_like(d)
                    f[mask] = (dv / rr)[:, None] * d[mask]  # F_i = -dV/dr (x_i - x_j)/r
                    forces += f.sum(axis=1)
    return forces, energy


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", help="n2p2 input.data with Vashishta SiO2 frames")
    parser.add_argument("--cutoffs", type=float, nargs="+", default=[5.5, 6.0, 6.5])
    parser.add_argument("--every", type=int, default=1, help="use every k-th frame")
    args = parser.parse_args()
    frames = read_n2p2(args.data)[:: args.every]
    reference = np.concatenate([f[3] for f in frames])
    print(f"{len(frames)} frames, {len(reference)} atoms; rms reference force {1000 * np.sqrt((reference**2).mean()):.0f} meV/A")
    print("r_m (A)  baseline  rms unseen force (meV/A)  std unseen energy (meV/atom)")
    for r_m in args.cutoffs:
        for kind in ("none", "coulomb", "whole"):
            forces, energies = [], []
            for frame in frames:
                f, e = unseen(frame, r_m, kind)
                forces.append(f)
                energies.append(e / len(frame[1]))
            rms = 1000 * np.sqrt((np.concatenate(forces) ** 2).mean())
            print(f"{r_m:7.2f}  {kind:8s}  {rms:24.1f}  {1000 * np.std(energies):28.2f}")


if __name__ == "__main__":
    main()
