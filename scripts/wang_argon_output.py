#!/usr/bin/env python3
"""How close the stored liquid-argon result of Wang et al.'s public code comes to its MD.

B. Wang et al., "Neural Network for Principle of Least Action", J. Chem. Inf. Model. 62, 3346
(2022); code: GitHub Ben-USC/Neural_Network_x_OM_Action, folder
Least_action_neural_network_500_particles (JAX, float32, reduced LJ units, m = 1). Its
Output_files/XTN.npy and PTN.npy hold the MD run (501 frames 0.001 tau apart, axes frame, xyz,
atom); E_Q_vs_epoch/Qt_<step>.npy the network's Q, dQ/dt and d2Q/dt2 at the 26 grid times
(0.02 tau apart) after <step> training steps (outputs x of all atoms, then y, then z).

For each stored step the script prints what the code's own summary prints ("MSE for Qt": the
mean over grid times and the 3N coordinates of the squared position error, sigma^2) and the
per-atom RMSD sqrt(<|q_NN - q_MD|^2>) at every grid time (sigma), with the momentum RMSD.
--write-md FILE writes the MD frames every --every steps as extxyz (reduced units, box from
the code's box_dim) for `basin path --reference`.

Usage: python3 scripts/wang_argon_output.py REPO_DIR [--steps 0 50000 200000] [--json]
       [--write-md md500.xyz --every 20]
(REPO_DIR: a checkout of the repository.)
"""
import argparse
import json
import os

import numpy as np

FOLDER = "Least_action_neural_network_500_particles"
BOX = 8.5945161556157537  # box_dim of the code's NN_MD_3D_LJ.py (sigma)
GRID_STRIDE = 20  # del_t / del_t_MD = 0.02 / 0.001


def per_atom_rms(difference):
    """sqrt of the mean over atoms of |d|^2 at each time; difference is (times, 3, atoms)."""
    return np.sqrt((difference ** 2).sum(axis=1).mean(axis=1))


def compare(repo, step, positions, velocities):
    network = np.load(os.path.join(repo, FOLDER, "E_Q_vs_epoch", f"Qt_{step}.npy")).astype(np.float64)
    times = network.shape[1]
    md_q = positions[::GRID_STRIDE][:times]
    md_v = velocities[::GRID_STRIDE][:times]
    q = network[0].reshape(times, 3, -1)
    v = network[1].reshape(times, 3, -1)
    rmsd = per_atom_rms(q - md_q)
    momentum = per_atom_rms(v - md_v)
    return {
        "step": step,
        "mse_qt": float(((q - md_q) ** 2).mean()),
        "rmsd_by_grid_time": [float(x) for x in rmsd],
        "largest_rmsd": float(rmsd.max()),
        "rmsd_at_ends": [float(rmsd[0]), float(rmsd[-1])],
        "largest_momentum_rmsd": float(momentum.max()),
    }


def write_md(path, positions, velocities, every):
    atoms = positions.shape[2]
    with open(path + ".tmp", "w") as out:
        for frame in range(0, len(positions), every):
            out.write(f"{atoms}\n")
            out.write(f'Lattice="{BOX} 0 0 0 {BOX} 0 0 0 {BOX}" Properties=species:S:1:pos:R:3:velocities:R:3 '
                      f'pbc="T T T" time={frame * 0.001:.3f}\n')
            for i in range(atoms):
                q, v = positions[frame, :, i], velocities[frame, :, i]
                out.write(f"Ar {q[0]:.9f} {q[1]:.9f} {q[2]:.9f} {v[0]:.9f} {v[1]:.9f} {v[2]:.9f}\n")
    os.replace(path + ".tmp", path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo")
    parser.add_argument("--steps", type=int, nargs="+", default=[0, 10000, 50000, 100000, 200000])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--write-md")
    parser.add_argument("--every", type=int, default=20)
    args = parser.parse_args()
    output = os.path.join(args.repo, FOLDER, "Output_files")
    positions = np.load(os.path.join(output, "XTN.npy")).astype(np.float64)
    velocities = np.load(os.path.join(output, "PTN.npy")).astype(np.float64)
    results = [compare(args.repo, step, positions, velocities) for step in args.steps]
    if args.write_md:
        write_md(args.write_md, positions, velocities, args.every)
    if args.json:
        print(json.dumps(results, indent=1))
        return
    print("step      MSE(Qt) sigma^2   RMSD t=0     RMSD t=T     largest RMSD   largest momentum RMSD")
    for r in results:
        print(f"{r['step']:>7}   {r['mse_qt']:.3e}        {r['rmsd_at_ends'][0]:.2e}     {r['rmsd_at_ends'][1]:.2e}"
              f"     {r['largest_rmsd']:.2e}       {r['largest_momentum_rmsd']:.3f}")


if __name__ == "__main__":
    main()
