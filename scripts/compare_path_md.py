#!/usr/bin/env python3
"""Compare a least-action path (basin path --output, extxyz with velocities) with the MD
trajectory it was made from, frame by frame: RMSD of positions (in units of --sigma) and of
momenta, g(r) and the velocity autocorrelation function of both, with plots.

The two files must hold frames at the same times (e.g. an MD trajectory written every 20 steps
and basin path --frames equal to its frame count). Positions are compared through minimum-image
displacements, so wrapped and unwrapped files agree.

Usage: python3 scripts/compare_path_md.py md.xyz path.xyz --sigma 3.405 --mass 39.948 [--plots prefix]
"""
import argparse
import json

import numpy as np


def read_frames(path):
    lines = open(path).read().splitlines()
    frames, i = [], 0
    while i < len(lines) and lines[i].strip():
        n = int(lines[i])
        comment = lines[i + 1]
        spec = comment.split("Properties=")[1].split()[0].split(":")
        names, widths = spec[0::3], [int(w) for w in spec[2::3]]
        offsets = np.cumsum([0] + widths)
        rows = [line.split() for line in lines[i + 2:i + 2 + n]]
        def column(name):
            k = names.index(name)
            return np.array([[float(x) for x in row[offsets[k]:offsets[k + 1]]] for row in rows])
        cell = np.array([float(x) for x in comment.split('Lattice="')[1].split('"')[0].split()]).reshape(3, 3)
        frames.append((column("pos"), column("velocities"), np.diag(cell)))
        i += n + 2
    return frames


def radial_distribution(frames, bins=100):
    box = frames[0][2]
    r_max = 0.5 * box.min()
    histogram = np.zeros(bins)
    for positions, _, _ in frames:
        d = positions[:, None, :] - positions[None, :, :]
        d -= box * np.round(d / box)
        r = np.sqrt((d ** 2).sum(-1))[np.triu_indices(len(positions), 1)]
        histogram += np.histogram(r, bins=bins, range=(0, r_max))[0]
    edges = np.linspace(0, r_max, bins + 1)
    n = len(frames[0][0])
    shell = 4 / 3 * np.pi * (edges[1:] ** 3 - edges[:-1] ** 3)
    ideal = 0.5 * n * (n - 1) / box.prod() * shell * len(frames)
    return 0.5 * (edges[1:] + edges[:-1]), histogram / ideal


def velocity_autocorrelation(frames):
    v = np.array([f[1] for f in frames])
    return np.array([(v[0] * v[k]).sum() for k in range(len(v))]) / (v[0] * v[0]).sum()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("md")
    parser.add_argument("path")
    parser.add_argument("--sigma", type=float, default=1.0)
    parser.add_argument("--mass", type=float, default=1.0)
    parser.add_argument("--plots", help="write PREFIX-rmsd.svg, PREFIX-gr.svg and PREFIX-vacf.svg")
    args = parser.parse_args()
    md, path = read_frames(args.md), read_frames(args.path)
    if len(md) != len(path):
        raise SystemExit(f"compare_path_md: {len(md)} MD frames but {len(path)} path frames")
    rmsd, momentum = [], []
    for (x0, v0, box), (x1, v1, _) in zip(md, path):
        d = x1 - x0
        d -= box * np.round(d / box)
        rmsd.append(np.sqrt((d ** 2).sum(1).mean()) / args.sigma)
        momentum.append(np.sqrt(((args.mass * (v1 - v0)) ** 2).sum(1).mean()))
    r, g_md = radial_distribution(md)
    _, g_path = radial_distribution(path)
    vacf_md, vacf_path = velocity_autocorrelation(md), velocity_autocorrelation(path)
    print(json.dumps({
        "frames": len(md), "largest_position_rmsd_sigma": max(rmsd), "position_rmsd_sigma": rmsd,
        "largest_momentum_rmsd": max(momentum), "momentum_rmsd": momentum,
        "largest_gr_difference": float(np.abs(g_md - g_path).max()),
        "largest_vacf_difference": float(np.abs(vacf_md - vacf_path).max()),
    }, indent=2))
    if args.plots:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        frames = np.arange(len(md))
        for name, x, series, xlabel, ylabel, log in [
            ("rmsd", frames, [("positions (σ)", rmsd), ("momenta", momentum)], "frame", "RMSD path − MD", True),
            ("gr", r / args.sigma, [("MD", g_md), ("path", g_path)], "r / σ", "g(r)", False),
            ("vacf", frames, [("MD", vacf_md), ("path", vacf_path)], "frame", "VACF (normalised)", False),
        ]:
            fig, ax = plt.subplots(figsize=(5, 3.5))
            for label, y in series:
                ax.plot(x, y, "o-" if name != "gr" else "-", ms=3, label=label)
            if log:
                ax.set_yscale("log")
            ax.set_xlabel(xlabel)
            ax.set_ylabel(ylabel)
            ax.legend(frameon=False)
            fig.tight_layout()
            fig.savefig(f"{args.plots}-{name}.svg")


if __name__ == "__main__":
    main()
