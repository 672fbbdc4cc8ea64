#!/usr/bin/env python3
"""Least-action training, Basin against JAX, side by side in one run.

Both sides train the same network Q(t) = W1 sigma(w0 t/T + b0) + b1 on the same loss
(the Onsager-Machlup action, the two end-point terms and the energy term, see
docs/least-action.md), on the same grid, from the same initial weights, with the same NAdam
(Dozat's momentum schedule, beta1 0.9, beta2 0.999, eps 1e-8, psi 0.004) for the same number of
steps, in float64. Basin writes the initial weights (`basin path ... --steps 0 --state`); this
script reads them, runs `basin path` from that state and runs the JAX version (jit, CPU),
then compares the time per optimizer step, the loss after the last step and the weights.

JAX computes forces as the gradient of the energy and the weight gradient by reverse-mode
differentiation through them (second derivatives by autodiff), as the paper's public code does;
Basin uses closed-form derivatives, neighbor lists and exact Hessian-vector products.

Cases (files are made beforehand, see docs/least-action.md):
  --lj38 START END   the LJ38 transition (reduced units, all pairs), T = 1, N_t = 100, n = 32
  --liquid MD.xyz    256-atom liquid argon (metal units, eps 0.010323 eV, sigma 3.405 A,
                     cutoff 2.5 sigma, minimum image), start = first frame, end = last frame,
                     T = 1 ps, N_t = 25, n = 125

Usage:
  pip install "jax[cpu]"
  python3 benchmarks/least_action_vs_jax.py --basin .build/release/basin --steps 200 \
      --lj38 lj38_ico.xyz lj38_oct.xyz --liquid ar256_md.xyz [--threads 2] [--json results.json]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np


def read_extxyz(path, frame):
    """Positions, velocities (or None), symbols and cell (or None) of one frame (index, -1 = last)."""
    lines = open(path).read().splitlines()
    frames, i = [], 0
    while i < len(lines) and lines[i].strip():
        n = int(lines[i])
        frames.append((lines[i + 1], lines[i + 2:i + 2 + n]))
        i += n + 2
    comment, atoms = frames[frame]
    columns = ["species", "pos"]
    widths = [1, 3]
    if "Properties=" in comment:
        spec = comment.split("Properties=")[1].split()[0].split(":")
        columns = spec[0::3]
        widths = [int(w) for w in spec[2::3]]
    cell = None
    if "Lattice=" in comment:
        values = [float(x) for x in comment.split('Lattice="')[1].split('"')[0].split()]
        cell = np.array(values).reshape(3, 3)
    table = [line.split() for line in atoms]
    offsets = np.cumsum([0] + widths)
    def column(name):
        if name not in columns:
            return None
        k = columns.index(name)
        return np.array([[float(x) for x in row[offsets[k]:offsets[k + 1]]] for row in table])
    velocities = column("velocities")
    return column("pos"), velocities, [row[0] for row in table], cell


class Case:
    def __init__(self, name, start, end, basin_options, potential, units_factor, mass, cell, duration, intervals, hidden, weights):
        self.name, self.start, self.end = name, start, end
        self.basin_options, self.potential = basin_options, potential
        self.c, self.mass, self.cell = units_factor, mass, cell
        self.duration, self.intervals, self.hidden, self.weights = duration, intervals, hidden, weights


def run_basin(basin, case, steps, threads, workdir):
    common = [basin, "path", case.start, case.end, *case.basin_options,
              "--duration", str(case.duration), "--intervals", str(case.intervals), "--hidden", str(case.hidden),
              "--action-weight", str(case.weights[0]), "--start-weight", str(case.weights[1]),
              "--end-weight", str(case.weights[2]), "--energy-weight", str(case.weights[3]),
              "--frames", "2", "--threads", str(threads), "--json"]
    initial = os.path.join(workdir, f"{case.name}-initial.json")
    subprocess.run(common + ["--pretrain-steps", "1000", "--steps", "0", "--state", initial], check=True, capture_output=True)
    state = os.path.join(workdir, f"{case.name}-run.json")
    shutil.copy(initial, state)
    result = subprocess.run(common + ["--steps", str(steps), "--save-every", str(steps + 1), "--state", state],
                            check=True, capture_output=True, text=True)
    summary = json.loads(result.stdout)
    return json.load(open(initial)), json.load(open(state)), summary


def jax_training(case, initial, steps):
    import jax
    import jax.numpy as jnp
    jax.config.update("jax_enable_x64", True)

    network = initial["network"]
    n, d, T = network["hiddenCount"], network["outputCount"], network["duration"]
    activation = network["activation"]
    params0 = jnp.array(network["parameters"], dtype=jnp.float64)
    lr = initial["settings"]["learningRate"]
    k = case.intervals + 1
    times = jnp.arange(k) * (T / case.intervals)
    q_start = jnp.array(case.q_start.reshape(-1))
    q_end = jnp.array(case.q_end.reshape(-1))
    masses = jnp.full(d, case.mass)
    wa, w1, w2, w3 = case.weights
    dt = T / case.intervals
    c = case.c
    potential = case.potential

    def trajectory(p):
        w0, b0 = p[:n], p[n:2 * n]
        w1t = p[2 * n:2 * n + n * d].reshape(n, d)
        b1 = p[2 * n + n * d:]
        h = jnp.outer(times / T, w0) + b0
        if activation == "sigmoid":
            s = jax.nn.sigmoid(h)
            d1 = s * (1 - s)
            d2 = d1 * (1 - 2 * s)
        else:
            s = jnp.tanh(h)
            d1 = 1 - s * s
            d2 = -2 * s * d1
        q = s @ w1t + b1
        qd = (d1 * w0 / T) @ w1t
        qdd = (d2 * w0 * w0 / T ** 2) @ w1t
        return q, qd, qdd

    energy_and_forces = jax.vmap(jax.value_and_grad(potential))

    def loss(p):
        q, qd, qdd = trajectory(p)
        v, grad_v = energy_and_forces(q.reshape(k, -1, 3))
        residual = c * masses * qdd + grad_v.reshape(k, d)
        action = wa * dt * jnp.sum(residual ** 2)
        e = 0.5 * c * jnp.sum(masses * qd ** 2, axis=1) + v
        e0 = case.e0 if case.e0 is not None else jnp.mean(e)
        conservation = w3 * jnp.mean((e - e0) ** 2)
        return action + w1 * jnp.sum((q[0] - q_start) ** 2) + w2 * jnp.sum((q[-1] - q_end) ** 2) + conservation

    beta1, beta2, eps, psi = 0.9, 0.999, 1e-8, 0.004

    @jax.jit
    def step(p, m, v, t, product):
        value, g = jax.value_and_grad(loss)(p)
        t = t + 1
        mu = beta1 * (1 - 0.5 * 0.96 ** (psi * t))
        mu_next = beta1 * (1 - 0.5 * 0.96 ** (psi * (t + 1)))
        product = product * mu
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat = mu_next / (1 - product * mu_next) * m + (1 - mu) / (1 - product) * g
        v_hat = v / (1 - beta2 ** t)
        return p - lr * m_hat / (jnp.sqrt(v_hat) + eps), m, v, t, product, value

    state = (params0, jnp.zeros_like(params0), jnp.zeros_like(params0), jnp.float64(0), jnp.float64(1))
    compiled = step.lower(*state).compile()
    losses = []
    start = time.perf_counter()
    for _ in range(steps):
        *state, value = compiled(*state)
        losses.append(value)
    state[0].block_until_ready()
    seconds = time.perf_counter() - start
    return np.array(state[0]), float(losses[-1]), seconds / steps


def lennard_jones(epsilon, sigma, cutoff, box):
    import jax.numpy as jnp

    def energy(x):
        diff = x[:, None, :] - x[None, :, :]
        if box is not None:
            diff = diff - box * jnp.round(diff / box)
        r2 = jnp.sum(diff ** 2, axis=-1)
        n = x.shape[0]
        off = ~jnp.eye(n, dtype=bool)
        mask = off if cutoff is None else off & (r2 < cutoff * cutoff)
        safe = jnp.where(mask, r2, 1.0)
        s6 = (sigma * sigma / safe) ** 3
        return 0.5 * jnp.sum(jnp.where(mask, 4 * epsilon * (s6 * s6 - s6), 0.0))
    return energy


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--basin", required=True, help="path of the basin executable (release build)")
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--lj38", nargs=2, metavar=("START", "END"))
    parser.add_argument("--liquid", metavar="MD_XYZ")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    try:
        import jax  # noqa: F401
    except ImportError:
        sys.exit("least_action_vs_jax: needs JAX (pip install 'jax[cpu]')")

    cases = []
    if args.lj38:
        case = Case("lj38", args.lj38[0], args.lj38[1], ["--cutoff", "none"], lennard_jones(1.0, 1.0, None, None),
                    1.0, 1.0, None, 1.0, 100, 32, (1e-3, 1.0, 1.0, 0.05))
        case.q_start = read_extxyz(case.start, 0)[0]
        case.q_end = read_extxyz(case.end, -1)[0]
        case.e0 = None
        cases.append(case)
    if args.liquid:
        epsilon, sigma = 0.010323, 3.405
        start, velocities, _, cell = read_extxyz(args.liquid, 0)
        end = read_extxyz(args.liquid, -1)[0]
        box = np.diag(cell)
        end = start + (end - start) - box * np.round((end - start) / box)
        lj = lennard_jones(epsilon, sigma, 2.5 * sigma, box)
        c, mass = 1.0364269e-4, 39.948
        case = Case("liquid256", args.liquid, args.liquid,
                    ["--units", "metal", "--epsilon", str(epsilon), "--sigma", str(sigma), "--cutoff", str(2.5 * sigma)],
                    lj, c, mass, box, 1.0, 25, 125, (1.0, 1.0, 1.0, 1.0))
        case.q_start, case.q_end = start, end
        import jax.numpy as jnp
        import jax
        jax.config.update("jax_enable_x64", True)
        case.e0 = float(lj(jnp.array(start))) + 0.5 * c * mass * float(np.sum(velocities ** 2))
        cases.append(case)
    if not cases:
        sys.exit("least_action_vs_jax: give --lj38 and/or --liquid")

    results = []
    with tempfile.TemporaryDirectory() as workdir:
        for case in cases:
            initial, final, summary = run_basin(args.basin, case, args.steps, args.threads, workdir)
            basin_params = np.array(final["network"]["parameters"])
            basin_loss = sum(summary["lastLoss"].values())
            jax_params, jax_loss, jax_seconds = jax_training(case, initial, args.steps)
            result = {
                "case": case.name, "steps": args.steps, "parameters": len(basin_params),
                "basin_ms_per_step": 1000 * summary["secondsPerStep"], "jax_ms_per_step": 1000 * jax_seconds,
                "speedup": jax_seconds / summary["secondsPerStep"],
                "basin_loss": basin_loss, "jax_loss": jax_loss,
                "loss_relative_difference": abs(basin_loss - jax_loss) / abs(jax_loss),
                "weights_largest_relative_difference": float(np.max(np.abs(basin_params - jax_params)) / np.max(np.abs(jax_params))),
            }
            results.append(result)
            print(f"{case.name}: {args.steps} NAdam steps, {result['parameters']} weights")
            print(f"  Basin {result['basin_ms_per_step']:.3f} ms/step, JAX {result['jax_ms_per_step']:.3f} ms/step: "
                  f"Basin {result['speedup']:.2f}x faster")
            print(f"  loss after the last step: Basin {basin_loss:.15e}, JAX {jax_loss:.15e}, "
                  f"relative difference {result['loss_relative_difference']:.2e}")
            print(f"  weights: largest difference / largest weight {result['weights_largest_relative_difference']:.2e}")
    if args.json:
        json.dump(results, open(args.json, "w"), indent=2)


if __name__ == "__main__":
    main()
