#!/usr/bin/env python3
"""Why a least-action network with 125 hidden units and N_t = 25 cannot pin down the MD
trajectory of liquid argon: the loss only sees the grid times, and there the network is free.

With the hidden layer fixed, each output coordinate q(t) = sum_j W_j s_j(t) + b is linear in
its n + 1 output weights, and so are q, q-dot and q-double-dot at every grid time. The loss
(ActionLoss in Basin) depends on the network only through those 3(N_t + 1) numbers per
coordinate. For ANY choice of grid positions y_k (with the right end points) one can ask for
    q(t_k) = y_k,   q-double-dot(t_k) = F(y_k) / (c m),   q-dot(t_k) = v_k with the kinetic
    energy that keeps E(t_k) = E_0,
which makes every term of the loss vanish. With N_t = 25 these are 78 linear conditions on
126 unknowns per coordinate: solvable, so the loss has a continuum of (near-)zero minimisers,
most of them far from MD. With N_t = 100 there are 303 conditions and the same construction
fails (its loss is large).

The script builds such networks for grid positions y_k = MD positions + A sin^2(pi t/T) u_i
(u_i a random unit vector per atom; A = 0 reproduces MD at the grid) and, with --path, for the
interior grid positions of a trained Basin path (end points from MD); it prints each network's loss (Basin's definition and
weights) and its position RMSD against every MD frame, in sigma.

Usage: python3 scripts/least_action_grid_freedom.py md.xyz [--path path.xyz] [--json]
(md.xyz: an extxyz MD trajectory with velocities spanning T, e.g. 101 frames 10 fs apart.)
"""
import argparse
import json

import numpy as np

from compare_path_md import read_frames  # positions, velocities and box of each extxyz frame

KINETIC = 1.0364269e-4  # amu Å²/ps² in eV


class LennardJones:
    """Truncated Lennard-Jones with minimum-image pairs (energy in eV, forces in eV/Å)."""

    def __init__(self, epsilon, sigma, cutoff, box):
        self.epsilon, self.sigma, self.cutoff, self.box = epsilon, sigma, cutoff, box

    def __call__(self, x):
        d = x[:, None, :] - x[None, :, :]
        d -= self.box * np.round(d / self.box)
        r2 = (d ** 2).sum(-1)
        np.fill_diagonal(r2, np.inf)
        inside = r2 < self.cutoff ** 2
        s6 = np.where(inside, (self.sigma ** 2 / r2) ** 3, 0.0)
        energy = 2 * self.epsilon * (s6 * s6 - s6).sum()
        scale = np.where(inside, 24 * self.epsilon * (2 * s6 * s6 - s6) / r2, 0.0)
        return energy, (scale[:, :, None] * d).sum(1)


def hidden_layer(n, slope):
    """A hidden layer of steep units: every slope w0 = `slope`, centres -b0/w0 evenly spaced over
    [-0.05, 1.05]. The hidden weights are trained too, so this layer is within the network's
    reach; its 3(N_t + 1) grid rows have full rank for N_t = 25 (smooth units, |w0| <= 8 as a
    new Basin network has, give a numerical rank of only about 31)."""
    w0 = np.full(n, float(slope))
    return w0, -w0 * np.linspace(-0.05, 1.05, n)


def features(w0, b0, times, duration):
    """Rows [s_j(t), 1], their first and second time derivatives (sigmoid units)."""
    h = np.outer(times / duration, w0) + b0
    s = 1 / (1 + np.exp(-h))
    d1 = s * (1 - s) * w0 / duration
    d2 = s * (1 - s) * (1 - 2 * s) * w0 ** 2 / duration ** 2
    ones, zeros = np.ones((len(times), 1)), np.zeros((len(times), 1))
    return np.hstack([s, ones]), np.hstack([d1, zeros]), np.hstack([d2, zeros])


def build_network(w0, b0, grid, duration, targets, scales):
    """Output weights meeting the grid targets (position, velocity, acceleration rows, each
    scaled to force units): exactly when there are fewer conditions than weights (least
    norm), in the least-squares sense otherwise."""
    rows = features(w0, b0, grid, duration)
    matrix = np.vstack([scale * r for scale, r in zip(scales, rows)])
    right = np.vstack([scale * t for scale, t in zip(scales, targets)])
    weights, *_ = np.linalg.lstsq(matrix, right, rcond=1e-15)
    return weights


def loss(weights, w0, b0, grid, duration, potential, mass, start, end, v0, vT, e0, lambdas):
    """Basin's ActionLoss: action, end points, energy and end velocities, with their weights."""
    q, qd, qdd = (r @ weights for r in features(w0, b0, grid, duration))
    dt = grid[1] - grid[0]
    action, energies = 0.0, []
    for k in range(len(grid)):
        x = q[k].reshape(-1, 3)
        energy, forces = potential(x)
        residual = KINETIC * mass * qdd[k] - forces.ravel()
        action += (residual ** 2).sum() * dt
        energies.append(energy + 0.5 * KINETIC * mass * (qd[k] ** 2).sum())
    terms = {
        "action": lambdas["action"] * action,
        "start": lambdas["start"] * ((q[0] - start) ** 2).sum(),
        "end": lambdas["end"] * ((q[-1] - end) ** 2).sum(),
        "energy": lambdas["energy"] * np.mean((np.array(energies) - e0) ** 2),
        "start_velocity": lambdas["velocity"] * ((qd[0] - v0) ** 2).sum(),
        "end_velocity": lambdas["velocity"] * ((qd[-1] - vT) ** 2).sum(),
    }
    terms["total"] = sum(terms.values())
    return terms


def rmsd_against_md(weights, w0, b0, md, duration, box, sigma):
    """Position RMSD (σ) of the network against every MD frame (minimum image)."""
    times = np.linspace(0, duration, len(md))
    q = features(w0, b0, times, duration)[0] @ weights
    values = []
    for k, (x, _, _) in enumerate(md):
        d = q[k].reshape(-1, 3) - x
        d -= box * np.round(d / box)
        values.append(np.sqrt((d ** 2).sum(1).mean()) / sigma)
    return np.array(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("md")
    parser.add_argument("--path", help="a trained path (basin path --output) whose grid positions are also used as targets")
    parser.add_argument("--duration", type=float, default=1.0, help="T (ps)")
    parser.add_argument("--hidden", type=int, default=125)
    parser.add_argument("--intervals", type=int, nargs="+", default=[25, 100])
    parser.add_argument("--amplitudes", type=float, nargs="+", default=[0.0, 0.05, 0.15, 0.3], help="A (σ)")
    parser.add_argument("--epsilon", type=float, default=0.010323)
    parser.add_argument("--sigma", type=float, default=3.405)
    parser.add_argument("--cutoff", type=float, default=8.5125)
    parser.add_argument("--mass", type=float, default=39.948)
    parser.add_argument("--boundary-weight", type=float, default=100.0)
    parser.add_argument("--velocity-weight", type=float, default=0.01)
    parser.add_argument("--slope", type=float, default=120.0, help="w0 of every hidden unit")
    parser.add_argument("--seed", type=int, default=1, help="seed of the displacement directions")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    md = read_frames(args.md)
    box = md[0][2]
    x0 = md[0][0]
    # Unwrap the MD frames against the first, so that positions are continuous in time.
    positions = [x0 + ((x - x0) - box * np.round((x - x0) / box)) for x, _, _ in md]
    for k in range(1, len(positions)):
        step = positions[k] - positions[k - 1]
        positions[k] = positions[k - 1] + step - box * np.round(step / box)
    velocities = [v for _, v, _ in md]
    md_times = np.linspace(0, args.duration, len(md))
    potential = LennardJones(args.epsilon, args.sigma, args.cutoff, box)
    e_start, _ = potential(positions[0])
    e0 = e_start + 0.5 * KINETIC * args.mass * (velocities[0] ** 2).sum()
    lambdas = {"action": 1.0, "start": args.boundary_weight, "end": args.boundary_weight, "energy": 1.0,
               "velocity": args.velocity_weight}
    w0, b0 = hidden_layer(args.hidden, args.slope)
    spring = 57.1 * args.epsilon / args.sigma ** 2  # φ'' at the pair minimum, eV/Å²
    rng = np.random.default_rng(args.seed + 1)
    directions = rng.normal(size=positions[0].shape)
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    trained = read_frames(args.path) if args.path else None

    results = []
    for intervals in args.intervals:
        if (len(md) - 1) % intervals:
            raise SystemExit(f"least_action_grid_freedom: {len(md) - 1} MD intervals are not a multiple of N_t = {intervals}")
        stride = (len(md) - 1) // intervals
        grid = md_times[::stride]
        dt = grid[1] - grid[0]
        cases = [(f"MD + {a} σ sin²", a, None) for a in args.amplitudes]
        if trained is not None:
            if (len(trained) - 1) % intervals:
                raise SystemExit(f"least_action_grid_freedom: the path's frames do not fall on the N_t = {intervals} grid")
            cases.append(("trained path", None, [x for x, _, _ in trained[::(len(trained) - 1) // intervals]]))
        for label, amplitude, path_positions in cases:
            targets_q, targets_v, targets_a = [], [], []
            for k, t in enumerate(grid):
                md_k = k * stride
                if path_positions is None:
                    shape = np.sin(np.pi * t / args.duration)
                    y = positions[md_k] + amplitude * args.sigma * shape ** 2 * directions
                    v = velocities[md_k] + amplitude * args.sigma * 2 * shape * np.cos(np.pi * t / args.duration) * np.pi / args.duration * directions
                elif 0 < k < intervals:
                    y = positions[md_k] + ((path_positions[k] - positions[md_k]) - box * np.round((path_positions[k] - positions[md_k]) / box))
                    v = velocities[md_k].copy()
                else:  # the end points are the MD ones
                    y = positions[md_k]
                    v = velocities[md_k].copy()
                energy, forces = potential(y)
                kinetic = 0.5 * KINETIC * args.mass * (v ** 2).sum()
                if e0 - energy > 0:
                    v *= np.sqrt((e0 - energy) / kinetic)
                targets_q.append(y.ravel())
                targets_v.append(v.ravel())
                targets_a.append(forces.ravel() / (KINETIC * args.mass))
            scales = [spring * np.sqrt(dt), KINETIC * args.mass / np.sqrt(dt), KINETIC * args.mass * np.sqrt(dt)]
            weights = build_network(w0, b0, grid, args.duration, [np.array(targets_q), np.array(targets_v), np.array(targets_a)], scales)
            terms = loss(weights, w0, b0, grid, args.duration, potential, args.mass, positions[0].ravel(), positions[-1].ravel(),
                         velocities[0].ravel(), velocities[-1].ravel(), e0, lambdas)
            rmsd = rmsd_against_md(weights, w0, b0, md, args.duration, box, args.sigma)
            on_grid = rmsd[::stride]
            results.append({
                "intervals": intervals, "conditions_per_coordinate": 3 * (intervals + 1), "weights_per_coordinate": args.hidden + 1,
                "targets": label, "loss": terms["total"], "terms": terms,
                "largest_grid_rmsd_sigma": float(on_grid.max()), "largest_rmsd_sigma": float(rmsd.max()),
            })
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"hidden units {args.hidden}, slope {args.slope}; loss weights {lambdas}")
    print(f"{'N_t':>4} {'conditions':>10} {'weights':>7}  {'grid targets':<22} {'loss':>10}  {'RMSD grid (σ)':>13} {'RMSD all (σ)':>12}")
    for r in results:
        print(f"{r['intervals']:>4} {r['conditions_per_coordinate']:>10} {r['weights_per_coordinate']:>7}  {r['targets']:<22} "
              f"{r['loss']:>10.3e}  {r['largest_grid_rmsd_sigma']:>13.4g} {r['largest_rmsd_sigma']:>12.4g}")


if __name__ == "__main__":
    main()
