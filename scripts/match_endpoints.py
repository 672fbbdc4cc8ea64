#!/usr/bin/env python3
"""Renumber and rigidly move the end structure of a transition so that its atoms match the
start's: the permutation and rotation that minimise the distance between the two clusters.

Atom labels of two minima from different sources are arbitrary; a least-action path (basin
path) between them needs atom i of the end to be the image of atom i of the start. From many
random initial rotations, the script alternates an optimal assignment (Hungarian algorithm,
scipy.optimize.linear_sum_assignment, on squared distances) with the optimal rotation for
that assignment (Kabsch), and keeps the best. Reflections are tried too (an enantiomer of a
minimum is a minimum). Both structures are centred at their centroid.

Usage: python3 scripts/match_endpoints.py start.xyz end.xyz matched_end.xyz [--tries 2000] [--seed 1]
"""
import argparse
import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.spatial.transform import Rotation


def read_xyz(path):
    lines = open(path).read().splitlines()
    n = int(lines[0])
    symbols, positions = [], []
    for line in lines[2:2 + n]:
        parts = line.split()
        symbols.append(parts[0])
        positions.append([float(x) for x in parts[1:4]])
    return symbols, np.array(positions), lines[1]


def kabsch(a, b):
    """Rotation R minimising |a R - b| (rows are points), proper only."""
    u, _, vt = np.linalg.svd(a.T @ b)
    d = np.sign(np.linalg.det(u @ vt))
    return u @ np.diag([1, 1, d]) @ vt


def match(start, end, tries, rng):
    best = (np.inf, None)
    for mirror in (1, -1):
        mirrored = end * np.array([1, 1, mirror])
        for rotation in Rotation.random(tries, random_state=rng):
            moved = mirrored @ rotation.as_matrix().T
            for _ in range(20):
                cost = ((start[:, None, :] - moved[None, :, :]) ** 2).sum(-1)
                _, order = linear_sum_assignment(cost)
                candidate = mirrored[order]
                r = kabsch(candidate, start)
                new = candidate @ r
                distance = np.sqrt(((new - start) ** 2).sum())
                if np.allclose(new, moved[order]):
                    break
                moved = mirrored @ r
            if distance < best[0]:
                best = (distance, new)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("start")
    parser.add_argument("end")
    parser.add_argument("output")
    parser.add_argument("--tries", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    symbols, start, _ = read_xyz(args.start)
    end_symbols, end, comment = read_xyz(args.end)
    if sorted(symbols) != sorted(end_symbols) or len(set(symbols)) != 1:
        raise SystemExit("match_endpoints: the structures must hold the same number of atoms of one species")
    start = start - start.mean(0)
    end = end - end.mean(0)
    distance, matched = match(start, end, args.tries, np.random.default_rng(args.seed))
    with open(args.output, "w") as f:
        f.write(f"{len(matched)}\n{comment}\n")
        for s, p in zip(symbols, matched):
            f.write(f"{s} {p[0]:.12f} {p[1]:.12f} {p[2]:.12f}\n")
    with open(args.start + ".centred.xyz", "w") as f:
        f.write(f"{len(start)}\ncentred start\n")
        for s, p in zip(symbols, start):
            f.write(f"{s} {p[0]:.12f} {p[1]:.12f} {p[2]:.12f}\n")
    print(f"distance after matching {distance:.6f}; wrote {args.output} and {args.start}.centred.xyz")


if __name__ == "__main__":
    main()
