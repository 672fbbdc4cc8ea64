#!/usr/bin/env python3
"""Training speed: Basin's `basin train` against the same Behler–Parrinello training in PyTorch.

Both sides train the same model on the same data with the same objective and optimizer:
  data        `basin quickstart silicon` Stillinger–Weber silicon (DIR/data/input.data, n2p2 format,
              ~505 frames of 64 atoms, eV/Å); made once with `--epochs 1` when --data is not given.
  split       Basin's own: a seeded Fisher–Yates shuffle (xoshiro256**, seeded by SplitMix64, as in
              BasinMath.SeededGenerator) puts round(0.1 · count) frames into the test set
              (Dataset.split). The script re-implements it, so both sides hold out the same frames.
  functions   the quickstart's own set (DIR/model/input.nn: cutoff_type + symfunction_short lines,
              radial type 2 and angular types 3/9, r_c 5.5 Å, cutoff type 6 = polynomial2), or
              --functions FILE. Sorted into n2p2 order. The PyTorch descriptors are computed with
              torch from the positions (periodic images via neighbor and triplet index tensors built
              once per structure), so forces come from autograd; they are checked against
              `basin sf compute --json` on the first frames before training.
  scaling     scale-center, x = (G − mean)/(max − min) (S_min 0, S_max 1); statistics over ALL
              frames (train + test), as `basin train` computes them (Dataset.scalingStatistics of
              the whole data set).
  normalize   true: E = Σ_i [NN(x_i)/conv + mean_energy], mean_energy = ΣE/ΣN,
              conv = 1/σ(E/N) (sample σ over all frames), conv_length 1 — as `basin train`.
  network     20-20 tanh, linear output, one element (Si); n2p2 weight order.
  weights     the same initial weights: Basin's Nguyen–Widrow draw (uniform [−1, 1] from the run's
              generator in n2p2 order, then the per-neuron rescaling and ½ on the output weights)
              is re-implemented; the epoch-0 RMSEs of both sides agree to rounding.
  loss        Γ_B/|B| per mini-batch B, Γ = ½ Σ_j [(Ê_j/N_j − E_j/N_j)² + (α/(3N_j)) Σ_k |F̂_k − F_k|²],
              α = 1, no L2 (Basin: Loss.batchGradient).
  optimizer   Adam (β 0.9/0.999, ε 1e-8, bias-corrected; torch.optim.Adam is the same update),
              constant learning rate 0.002, batch size 8, the same per-epoch batch order (the
              generator continues after the initialization draws, one Fisher–Yates shuffle of the
              training frames per epoch, as Trainer.shuffledOrder).
  precision   float64 on both sides; 2 threads on both (threads: 2, torch.set_num_threads(2)).

Different by construction: Basin computes G and ∂G/∂r once (they do not depend on the weights) and
gets forces analytically from them; PyTorch recomputes the symmetry functions from the positions at
every step and differentiates through them twice (create_graph=True for the force term), which is
what a PyTorch implementation with autograd forces does.

Timing. Basin: learning-curve.csv `seconds` of epochs ≥ 1 covers one epoch of steps PLUS the
evaluation of train and test RMSE at its end; epoch 0's row is that evaluation alone, so
"steps only" = seconds(epoch) − seconds(0). PyTorch: the same two parts are timed separately
(steps; evaluation of train and test RMSE, forces by autograd without create_graph), and the
neighbor/triplet setup is reported apart. Per side, the per-epoch figure is the minimum over epochs
and repeats (best-of, the machine is shared) with the median beside it. The ratio compares
steps + evaluation (like Basin's column) and steps only.

Usage: python3 benchmarks/training_vs_pytorch.py [--epochs 20] [--repeat 1] [--basin PATH]
       [--skip-basin] [--skip-torch] [--data input.data] [--functions FILE] [--frames N]
       [--learning-rate 0.002] [--batch-size 8] [--seed 1] [--threads 2] [--keep DIR] [--json]
PyTorch (CPU) is installed with pip when missing: the CPU wheel index first, then a local
find-links wheel, then plain `pip install torch`.
"""
import argparse
import glob
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.path.join(os.path.expanduser("~"), ".cache", "basin-benchmarks", "training-vs-pytorch")
MASK64 = (1 << 64) - 1


# ----------------------------------------------------------------------------------------------
# PyTorch install

def ensure_torch():
    try:
        import torch  # noqa: F401
        return
    except ImportError:
        pass
    pip = [sys.executable, "-m", "pip", "install", "--quiet"]
    attempts = [pip + ["torch", "--index-url", "https://download.pytorch.org/whl/cpu"]]
    # A CPU wheel in a pip find-links folder (pip config) installs without the CUDA dependencies.
    try:
        out = subprocess.run([sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if "find-links" in line:
                folder = line.split("=", 1)[1].strip().strip("'\"")
                wheels = sorted(glob.glob(os.path.join(folder, "torch-*+cpu-*.whl")))
                if wheels:
                    attempts.append(pip + [wheels[-1]])
    except OSError:
        pass
    attempts.append(pip + ["torch"])
    for command in attempts:
        print("installing PyTorch: " + " ".join(command[3:]), file=sys.stderr)
        if subprocess.run(command, timeout=1800).returncode == 0:
            try:
                import importlib
                importlib.invalidate_caches()
                import torch  # noqa: F401
                return
            except ImportError:
                pass
    sys.exit("cannot install PyTorch")


# ----------------------------------------------------------------------------------------------
# Basin's generator (BasinMath.SeededGenerator: SplitMix64 seeding, xoshiro256**)

class SeededGenerator:
    def __init__(self, seed):
        s = seed & MASK64
        state = []
        for _ in range(4):
            s = (s + 0x9E3779B97F4A7C15) & MASK64
            z = s
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
            state.append(z ^ (z >> 31))
        self.s = state

    @staticmethod
    def _rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & MASK64

    def next(self):
        s = self.s
        result = (self._rotl((s[1] * 5) & MASK64, 7) * 9) & MASK64
        t = (s[1] << 17) & MASK64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self._rotl(s[3], 45)
        return result

    def uniform(self):
        return (self.next() >> 11) * 2.0 ** -53

    def shuffled(self, count):
        order = list(range(count))
        for i in range(count - 1, 0, -1):
            j = min(i, int(self.uniform() * (i + 1)))
            order[i], order[j] = order[j], order[i]
        return order


def basin_split(count, test_fraction, seed):
    """Dataset.split: indices of the training and test frames, each in file order."""
    order = SeededGenerator(seed).shuffled(count)
    test_count = int(math.floor(test_fraction * count + 0.5))  # Swift .rounded(): half away from 0
    return sorted(order[test_count:]), sorted(order[:test_count])


def nguyen_widrow(layer_sizes, activations, generator):
    """NeuralNetwork.randomize(.nguyenWidrow): per layer l (1-based) W (n_prev × n) and b (n)."""
    count = sum(a * b + b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))
    flat = [-1 + 2 * generator.uniform() for _ in range(count)]
    layers, offset = [], 0
    for n_prev, n in zip(layer_sizes[:-1], layer_sizes[1:]):
        w = np.array(flat[offset:offset + n_prev * n]).reshape(n_prev, n)
        offset += n_prev * n
        b = np.array(flat[offset:offset + n])
        offset += n
        layers.append([w, b])
    output = len(layer_sizes) - 1
    for l in range(1, output):
        w, b = layers[l - 1]
        n_prev, n = layer_sizes[l - 1], layer_sizes[l]
        factor = 2.0 if activations[l - 1] == "t" else 1.0
        beta = 0.7 * n ** (1.0 / n_prev)
        for k in range(n):
            norm = math.sqrt(sum(w[j, k] * w[j, k] for j in range(n_prev)))
            w[:, k] *= factor * beta / norm
            b[k] *= factor * beta
    layers[-1][0] *= 0.5
    return layers


# ----------------------------------------------------------------------------------------------
# Files

def read_n2p2(path, limit=None):
    frames, frame = [], None
    with open(path) as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            key = parts[0]
            if key == "begin":
                frame = {"lattice": [], "pos": [], "el": [], "force": [], "energy": 0.0}
            elif key == "lattice":
                frame["lattice"].append([float(v) for v in parts[1:4]])
            elif key == "atom":
                frame["pos"].append([float(v) for v in parts[1:4]])
                frame["el"].append(parts[4])
                frame["force"].append([float(v) for v in parts[7:10]])
            elif key == "energy":
                frame["energy"] = float(parts[1])
            elif key == "end":
                frame["pos"] = np.array(frame["pos"])
                frame["force"] = np.array(frame["force"])
                frame["lattice"] = np.array(frame["lattice"]) if frame["lattice"] else None
                frames.append(frame)
                if limit and len(frames) >= limit:
                    break
    return frames


def write_n2p2(frames, path):
    with open(path, "w") as f:
        for fr in frames:
            f.write("begin\n")
            if fr["lattice"] is not None:
                for v in fr["lattice"]:
                    f.write("lattice %.16e %.16e %.16e\n" % tuple(v))
            for p, e, F in zip(fr["pos"], fr["el"], fr["force"]):
                f.write("atom %.16e %.16e %.16e %s 0 0 %.16e %.16e %.16e\n" % (p[0], p[1], p[2], e, F[0], F[1], F[2]))
            f.write("energy %.16e\ncharge 0\nend\n" % fr["energy"])


def read_functions(path):
    """cutoff_type T [alpha] and symfunction_short lines → (type, alpha, sorted list of dicts)."""
    cutoff_type, alpha, functions = None, 0.0, []
    with open(path) as f:
        for line in f:
            line = line.split("#")[0].split("!")[0]
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "cutoff_type":
                cutoff_type = int(parts[1])
                alpha = float(parts[2]) if len(parts) > 2 else 0.0
            elif parts[0] in ("symfunction_short", "symfunction"):
                kind = int(parts[2])
                if kind == 2:
                    functions.append({"type": 2, "eta": float(parts[4]), "rs": float(parts[5]), "rc": float(parts[6])})
                elif kind in (3, 9):
                    functions.append({"type": kind, "eta": float(parts[5]), "lambda": float(parts[6]),
                                      "zeta": float(parts[7]), "rc": float(parts[8]),
                                      "rs": float(parts[9]) if len(parts) > 9 else 0.0})
                else:
                    sys.exit(f"{path}: symmetry-function type {kind} is not supported here (2, 3, 9)")
                if parts[1] != "Si" or parts[3] != "Si" or (kind != 2 and parts[4] != "Si"):
                    sys.exit(f"{path}: this benchmark handles one element (Si) only")
    if cutoff_type is None:
        sys.exit(f"{path}: no cutoff_type line")

    def key(fn):  # n2p2 order: type, (cutoff type, alpha,) rc, eta, rs, [zeta, lambda]
        if fn["type"] == 2:
            return (2, fn["rc"], fn["eta"], fn["rs"])
        return (fn["type"], fn["rc"], fn["eta"], fn["rs"], fn["zeta"], fn["lambda"])
    return cutoff_type, alpha, sorted(functions, key=key)


# ----------------------------------------------------------------------------------------------
# Neighbor and triplet index tensors (numpy, once per structure)

def neighbor_pairs(pos, lattice, rc):
    """All (i, j, shift) with |x_j − x_i + shift| < rc, j ≠ i or shift ≠ 0."""
    n = len(pos)
    if lattice is None:
        shifts = np.zeros((1, 3))
        wrapped, wrap = pos, np.zeros((n, 3))
    else:
        inverse = np.linalg.inv(lattice)
        frac = pos @ inverse
        wrap = np.floor(frac)
        wrapped = pos - wrap @ lattice
        volume = abs(np.linalg.det(lattice))
        counts = []
        for k in range(3):
            a, b = lattice[(k + 1) % 3], lattice[(k + 2) % 3]
            spacing = volume / np.linalg.norm(np.cross(a, b))
            counts.append(int(math.ceil(rc / spacing)))
        grid = np.array(np.meshgrid(*[np.arange(-c, c + 1) for c in counts], indexing="ij")).reshape(3, -1).T
        shifts = grid.astype(float)
    I, J, S = [], [], []
    for cell in shifts:
        t = cell @ lattice if lattice is not None else cell
        d = wrapped[None, :, :] - wrapped[:, None, :] + t
        r2 = (d * d).sum(-1)
        mask = r2 < rc * rc
        if not cell.any():
            np.fill_diagonal(mask, False)
        i, j = np.nonzero(mask)
        I.append(i)
        J.append(j)
        # x_j − x_i + shift in the original coordinates: shift = (cell − w_j + w_i)·lattice
        if lattice is not None:
            S.append((cell[None, :] - wrap[j] + wrap[i]) @ lattice)
        else:
            S.append(np.zeros((len(i), 3)))
    I, J, S = np.concatenate(I), np.concatenate(J), np.concatenate(S)
    order = np.lexsort((J, I))
    return I[order], J[order], S[order]


TRIU = {}


def triplets(I, n_atoms):
    """Unordered pairs (a, b), a < b, of pair indices with the same center."""
    starts = np.searchsorted(I, np.arange(n_atoms + 1))
    A, B = [], []
    for i in range(n_atoms):
        c = starts[i + 1] - starts[i]
        if c < 2:
            continue
        if c not in TRIU:
            TRIU[c] = np.triu_indices(c, 1)
        a, b = TRIU[c]
        A.append(a + starts[i])
        B.append(b + starts[i])
    return np.concatenate(A), np.concatenate(B)


# ----------------------------------------------------------------------------------------------
# PyTorch model

class TorchBP:
    def __init__(self, torch, cutoff_type, alpha, functions, stats, normalization, layers):
        self.torch = torch
        t = lambda a: torch.tensor(a, dtype=torch.float64)  # noqa: E731
        self.cutoff_type, self.alpha = cutoff_type, alpha
        self.radial = [f for f in functions if f["type"] == 2]
        self.angular = [f for f in functions if f["type"] != 2]
        rad, ang = self.radial, self.angular
        self.r_eta, self.r_rs, self.r_rc = t([f["eta"] for f in rad]), t([f["rs"] for f in rad]), t([f["rc"] for f in rad])
        # The angular term factorizes: radial part by (eta, rs, rc, type), angular part by (lambda, zeta).
        # Each unique factor is computed once per triplet (T-vectors), then one gather builds T × S.
        self.radial_groups = sorted({(f["eta"], f["rs"], f["rc"], f["type"]) for f in ang})
        self.angle_groups = sorted({(f["lambda"], f["zeta"]) for f in ang})
        self.g_eta = t([g[0] for g in self.radial_groups])
        self.g_rs = t([g[1] for g in self.radial_groups])
        self.g_rc = t([g[2] for g in self.radial_groups])
        self.g_narrow = t([1.0 if g[3] == 3 else 0.0 for g in self.radial_groups])
        self.any_narrow = any(f["type"] == 3 for f in ang)
        self.col_radial = torch.tensor([self.radial_groups.index((f["eta"], f["rs"], f["rc"], f["type"])) for f in ang], dtype=torch.long)
        self.col_angle = torch.tensor([self.angle_groups.index((f["lambda"], f["zeta"])) for f in ang], dtype=torch.long)
        self.rc_max = max(f["rc"] for f in functions)
        mean, lo, hi = stats
        self.mean, self.factor = t(mean), t(1.0 / (np.array(hi) - np.array(lo)))
        self.mean_energy, self.conv = normalization
        self.params = []
        for w, b in layers:
            self.params += [t(w).requires_grad_(True), t(b).requires_grad_(True)]

    def cutoff(self, r, rc):
        torch = self.torch
        rci = self.alpha * rc
        x = ((r - rci) / (rc - rci)).clamp(0.0, 1.0)
        kind = self.cutoff_type
        if kind == 1:
            return 0.5 * (torch.cos(math.pi * x) + 1)
        if kind == 5:
            return (2 * x - 3) * x * x + 1
        if kind == 6:
            return ((15 - 6 * x) * x - 10) * x ** 3 + 1
        if kind == 7:
            return (x * (x * (20 * x - 70) + 84) - 35) * x ** 4 + 1
        if kind == 8:
            return (x * (x * ((315 - 70 * x) * x - 540) + 420) - 126) * x ** 5 + 1
        if kind in (2, 3):
            u = torch.tanh(1 - r.clamp(max=rc) / rc)
            c = ((math.e + 1 / math.e) / (math.e - 1 / math.e)) ** 3 if kind == 3 else 1.0
            return c * u ** 3
        if kind == 0:
            return (r < rc).to(r.dtype)
        sys.exit(f"cutoff type {kind} is not supported here")

    def descriptors(self, x, batch):
        """G (atoms × functions) in n2p2 order, differentiable with respect to x."""
        torch = self.torch
        pi, pj, shift, ta, tb = batch["pi"], batch["pj"], batch["shift"], batch["ta"], batch["tb"]
        R = x[pj] - x[pi] + shift
        r = R.norm(dim=1)
        n = x.shape[0]
        parts = []
        if self.radial:
            rr = r[:, None]
            term = torch.exp(-self.r_eta * (rr - self.r_rs) ** 2) * self.cutoff(rr, self.r_rc)
            parts.append(torch.zeros(n, term.shape[1], dtype=x.dtype).index_add_(0, pi, term))
        if self.angular:
            rr = r[:, None]
            pair = torch.exp(-self.g_eta * (rr - self.g_rs) ** 2) * self.cutoff(rr, self.g_rc)  # P × radial groups
            Ra, Rb = R[ta], R[tb]
            ra, rb = r[ta], r[tb]
            cos = (Ra * Rb).sum(1) / (ra * rb)
            radial = pair[ta] * pair[tb]
            if self.any_narrow:
                rjk = (Rb - Ra).norm(dim=1)[:, None]
                third = torch.exp(-self.g_eta * (rjk - self.g_rs) ** 2) * self.cutoff(rjk, self.g_rc)
                radial = radial * (self.g_narrow * third + (1 - self.g_narrow))
            angles = []
            for lam, zeta in self.angle_groups:
                base = (1 + lam * cos).clamp(min=0)
                if zeta == int(zeta) and zeta >= 1:  # integer powers by squaring, as n2p2
                    z, value, power = int(zeta), None, base
                    while z:
                        if z & 1:
                            value = power if value is None else value * power
                        z >>= 1
                        if z:
                            power = power * power
                else:
                    value = base ** zeta
                angles.append(value * 2.0 ** (1 - zeta))
            angle = torch.stack(angles, dim=1)
            term = radial[:, self.col_radial] * angle[:, self.col_angle]
            parts.append(torch.zeros(n, term.shape[1], dtype=x.dtype).index_add_(0, pi[ta], term))
        return torch.cat(parts, dim=1)

    def energies(self, x, batch):
        """Structure energies (eV) of the batch."""
        torch = self.torch
        h = (self.descriptors(x, batch) - self.mean) * self.factor
        p = self.params
        for l in range(0, len(p), 2):
            h = h @ p[l] + p[l + 1]
            if l + 2 < len(p):
                h = torch.tanh(h)
        atom = h[:, 0] / self.conv + self.mean_energy
        return torch.zeros(batch["count"], dtype=x.dtype).index_add_(0, batch["owner"], atom)


def make_batch(torch, items):
    """Concatenates prepared structures into one batch (index offsets applied)."""
    pos, pi, pj, shift, ta, tb, owner, energy, force, atoms = [], [], [], [], [], [], [], [], [], []
    atom_offset = pair_offset = 0
    for k, s in enumerate(items):
        pos.append(s["pos"])
        pi.append(s["pi"] + atom_offset)
        pj.append(s["pj"] + atom_offset)
        shift.append(s["shift"])
        ta.append(s["ta"] + pair_offset)
        tb.append(s["tb"] + pair_offset)
        owner.append(torch.full((s["n"],), k, dtype=torch.long))
        energy.append(s["energy"])
        force.append(s["force"])
        atoms.append(s["n"])
        atom_offset += s["n"]
        pair_offset += len(s["pi"])
    return {"pos": torch.cat(pos), "pi": torch.cat(pi), "pj": torch.cat(pj), "shift": torch.cat(shift),
            "ta": torch.cat(ta), "tb": torch.cat(tb), "owner": torch.cat(owner), "count": len(items),
            "energy": torch.tensor(energy, dtype=torch.float64), "force": torch.cat(force),
            "atoms": torch.tensor(atoms, dtype=torch.float64), "atoms_per_atom": torch.cat(owner)}


def prepare(torch, frames, rc, narrow_only):
    prepared = []
    for fr in frames:
        I, J, S = neighbor_pairs(fr["pos"], fr["lattice"], rc)
        A, B = triplets(I, len(fr["pos"]))
        if narrow_only:  # type 3 only: triplets with r_jk ≥ rc contribute exactly 0
            d = fr["pos"][J[B]] - fr["pos"][J[A]] + S[B] - S[A]
            keep = (d * d).sum(1) < rc * rc
            A, B = A[keep], B[keep]
        prepared.append({
            "pos": torch.tensor(fr["pos"], dtype=torch.float64), "pi": torch.tensor(I, dtype=torch.long),
            "pj": torch.tensor(J, dtype=torch.long), "shift": torch.tensor(S, dtype=torch.float64),
            "ta": torch.tensor(A, dtype=torch.long), "tb": torch.tensor(B, dtype=torch.long),
            "n": len(fr["pos"]), "energy": fr["energy"], "force": torch.tensor(fr["force"], dtype=torch.float64)})
    return prepared


def batch_loss(torch, model, batch, alpha, create_graph):
    x = batch["pos"].clone().requires_grad_(True)
    energies = model.energies(x, batch)
    (grad,) = torch.autograd.grad(energies.sum(), x, create_graph=create_graph)
    forces = -grad
    n = batch["atoms"]
    de = (energies - batch["energy"]) / n
    df2 = torch.zeros(batch["count"], dtype=torch.float64).index_add_(
        0, batch["owner"], ((forces - batch["force"]) ** 2).sum(1))
    gamma = 0.5 * (de ** 2 + alpha / (3 * n) * df2).sum()
    return gamma, de.detach(), (forces - batch["force"]).detach()


def evaluate(torch, model, prepared, alpha, chunk=16):
    if not prepared:
        return float("nan"), float("nan"), float("nan")
    se, sf, nf, gamma = 0.0, 0.0, 0, 0.0
    for start in range(0, len(prepared), chunk):
        batch = make_batch(torch, prepared[start:start + chunk])
        g, de, dF = batch_loss(torch, model, batch, alpha, create_graph=False)
        gamma += g.item()
        se += (de ** 2).sum().item()
        sf += (dF ** 2).sum().item()
        nf += dF.numel()
    return math.sqrt(se / len(prepared)), math.sqrt(sf / nf), gamma / len(prepared)


def run_torch(args, frames, train_idx, test_idx, cutoff_type, alpha, functions, stats, normalization, layers0, skip_draws):
    import torch
    torch.set_num_threads(args.threads)
    rc = max(f["rc"] for f in functions)
    narrow_only = all(f["type"] in (2, 3) for f in functions)
    t0 = time.perf_counter()
    train = prepare(torch, [frames[i] for i in train_idx], rc, narrow_only)
    test = prepare(torch, [frames[i] for i in test_idx], rc, narrow_only)
    setup = time.perf_counter() - t0
    triplet_count = sum(len(s["ta"]) for s in train + test)
    pair_count = sum(len(s["pi"]) for s in train + test)
    runs = []
    for rep in range(args.repeat):
        model = TorchBP(torch, cutoff_type, alpha, functions, stats, normalization, [[w.copy(), b.copy()] for w, b in layers0])
        optimizer = torch.optim.Adam(model.params, lr=args.learning_rate, betas=(0.9, 0.999), eps=1e-8)
        generator = SeededGenerator(args.seed)
        for _ in range(skip_draws):
            generator.next()
        curve = []
        t = time.perf_counter()
        etr, ftr, ltr = evaluate(torch, model, train, args.force_weight)
        ete, fte, lte = evaluate(torch, model, test, args.force_weight)
        curve.append({"epoch": 0, "train_energy_rmse": etr, "test_energy_rmse": ete, "train_force_rmse": ftr,
                      "test_force_rmse": fte, "loss": ltr, "test_loss": lte, "steps_seconds": 0.0,
                      "eval_seconds": time.perf_counter() - t})
        for epoch in range(1, args.epochs + 1):
            order = generator.shuffled(len(train))
            t = time.perf_counter()
            for start in range(0, len(order), args.batch_size):
                members = order[start:start + args.batch_size]
                batch = make_batch(torch, [train[k] for k in members])
                gamma, _, _ = batch_loss(torch, model, batch, args.force_weight, create_graph=True)
                optimizer.zero_grad(set_to_none=True)
                (gamma / len(members)).backward()
                optimizer.step()
            steps = time.perf_counter() - t
            t = time.perf_counter()
            etr, ftr, ltr = evaluate(torch, model, train, args.force_weight)
            ete, fte, lte = evaluate(torch, model, test, args.force_weight)
            evaluation = time.perf_counter() - t
            curve.append({"epoch": epoch, "train_energy_rmse": etr, "test_energy_rmse": ete, "train_force_rmse": ftr,
                          "test_force_rmse": fte, "loss": ltr, "test_loss": lte, "steps_seconds": steps,
                          "eval_seconds": evaluation})
            print(f"torch  rep {rep + 1} epoch {epoch:3d}: steps {steps:7.2f} s  eval {evaluation:6.2f} s  "
                  f"train E {etr * 1000:8.3f} meV/atom F {ftr * 1000:7.1f} meV/Å  "
                  f"test E {ete * 1000:8.3f} F {fte * 1000:7.1f}", file=sys.stderr)
        runs.append(curve)
    return {"setup_seconds": setup, "pairs": pair_count, "triplets": triplet_count, "runs": runs}


# ----------------------------------------------------------------------------------------------
# Basin side

def find_basin(path):
    if path:
        return path
    candidates = sorted(glob.glob(os.path.join(ROOT, ".build*", "release", "basin")), key=os.path.getmtime, reverse=True)
    if candidates:
        return candidates[0]
    subprocess.run(["swift", "build", "-c", "release", "--product", "basin"], cwd=ROOT, check=True)
    return os.path.join(ROOT, ".build", "release", "basin")


def read_curve(path):
    rows = []
    with open(path) as f:
        header = f.readline().strip().split(",")
        for line in f:
            if line.strip():
                rows.append(dict(zip(header, [float(v) for v in line.strip().split(",")])))
    return rows


def run_basin(args, basin, work, data, functions_file):
    runs = []
    for rep in range(args.repeat):
        out = os.path.join(work, f"basin-run-{rep + 1}")
        shutil.rmtree(out, ignore_errors=True)
        config = os.path.join(work, f"basin-{rep + 1}.yaml")
        with open(config, "w") as f:
            f.write(f"""data: [{data}]
test_fraction: {args.test_fraction}
elements: [Si]
symmetry_functions: {functions_file}
network: {{hidden: [20, 20], activations: [t, t]}}
scaling: scale-center
normalize: true
loss: {{force_weight: {args.force_weight}, energy_weight: 1, l2: 0}}
optimizer: {{name: adam, learning_rate: {args.learning_rate}, batch_size: {args.batch_size}}}
epochs: {args.epochs}
seed: {args.seed}
threads: {args.threads}
output: {out}
checkpoint_every: 0
""")
        t = time.perf_counter()
        proc = subprocess.run([basin, "train", config, "--json"], capture_output=True, text=True)
        wall = time.perf_counter() - t
        if proc.returncode != 0:
            sys.exit(f"basin train failed:\n{proc.stderr[-3000:]}")
        curve = read_curve(os.path.join(out, "learning-curve.csv"))
        for row in curve[1:]:
            print(f"basin  rep {rep + 1} epoch {int(row['epoch']):3d}: {row['seconds']:7.3f} s  "
                  f"train E {row['train_energy_rmse'] * 1000:8.3f} F {row['train_force_rmse'] * 1000:7.1f}  "
                  f"test E {row['test_energy_rmse'] * 1000:8.3f} F {row['test_force_rmse'] * 1000:7.1f}", file=sys.stderr)
        runs.append({"curve": curve, "wall_seconds": wall, "summary": json.loads(proc.stdout) if proc.stdout.strip() else None})
    return runs


def check_descriptors(args, basin, work, frames, functions_file, cutoff_type, alpha, functions, count=2):
    """Max |G_torch − G_basin| over the first frames (unscaled values, n2p2 order)."""
    import torch
    path = os.path.join(work, "check.data")
    write_n2p2(frames[:count], path)
    proc = subprocess.run([basin, "sf", "compute", "--functions", functions_file, "--data", path, "--format", "n2p2", "--json"],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        print("basin sf compute failed: " + proc.stderr[-500:], file=sys.stderr)
        return None
    reference = json.loads(proc.stdout)["frames"]
    rc = max(f["rc"] for f in functions)
    narrow_only = all(f["type"] in (2, 3) for f in functions)
    n = len(functions)
    model = TorchBP(torch, cutoff_type, alpha, functions, (np.zeros(n), np.zeros(n), np.ones(n)), (0.0, 1.0),
                    [[np.zeros((n, 1)), np.zeros(1)]])
    worst, scale = 0.0, 0.0
    for fr, ref in zip(prepare(torch, frames[:count], rc, narrow_only), reference):
        g = model.descriptors(fr["pos"], make_batch(torch, [fr])).numpy()
        b = np.array(ref["values"])
        worst = max(worst, float(np.abs(g - b).max()))
        scale = max(scale, float(np.abs(b).max()))
    return {"frames": count, "max_abs_difference": worst, "max_abs_value": scale}


# ----------------------------------------------------------------------------------------------

def summarize_times(values):
    return {"min": min(values), "median": statistics.median(values)} if values else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=1, help="full training runs per side (timing: best over all)")
    ap.add_argument("--basin", help="basin binary (default: newest .build*/release/basin, else swift build)")
    ap.add_argument("--skip-basin", action="store_true")
    ap.add_argument("--skip-torch", action="store_true")
    ap.add_argument("--data", help="n2p2 input.data (default: basin quickstart silicon data, made once and cached)")
    ap.add_argument("--functions", help="cutoff_type + symfunction_short file (default: the quickstart's)")
    ap.add_argument("--frames", type=int, help="use only the first N frames")
    ap.add_argument("--test-fraction", type=float, default=0.1)
    ap.add_argument("--learning-rate", type=float, default=0.002)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--force-weight", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--keep", help="work folder to keep (default: a temporary one)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    work = args.keep or tempfile.mkdtemp(prefix="basin-train-vs-torch-")
    os.makedirs(work, exist_ok=True)
    basin = None if args.skip_basin and args.data and args.functions else find_basin(args.basin)

    # Data and functions.
    data, functions_file = args.data, args.functions
    if not data or not functions_file:
        quick = os.path.join(CACHE, f"quickstart-seed{args.seed}")
        if not os.path.exists(os.path.join(quick, "data", "input.data")):
            os.makedirs(CACHE, exist_ok=True)
            print(f"sampling data: {basin} quickstart silicon --output {quick} --epochs 1", file=sys.stderr)
            subprocess.run([basin, "quickstart", "silicon", "--output", quick, "--epochs", "1", "--seed", str(args.seed),
                            "--threads", str(args.threads), "--json"], check=True, stdout=subprocess.DEVNULL)
        data = data or os.path.join(quick, "data", "input.data")
        if not functions_file:
            functions_file = os.path.join(work, "functions.nn")
            with open(os.path.join(quick, "model", "input.nn")) as f, open(functions_file, "w") as out:
                for line in f:
                    if line.split()[:1] and line.split()[0] in ("cutoff_type", "symfunction_short"):
                        out.write(line)
    data, functions_file = os.path.abspath(data), os.path.abspath(functions_file)
    frames = read_n2p2(data, args.frames)
    if args.frames:
        data = os.path.join(work, "input.data")
        write_n2p2(frames, data)
    cutoff_type, alpha, functions = read_functions(functions_file)
    train_idx, test_idx = basin_split(len(frames), args.test_fraction, args.seed)

    result = {"frames": len(frames), "atoms_per_frame": sorted({len(f["pos"]) for f in frames}),
              "train_frames": len(train_idx), "test_frames": len(test_idx), "functions": len(functions),
              "function_types": {str(k): sum(f["type"] == k for f in functions) for k in (2, 3, 9)},
              "cutoff_type": cutoff_type, "cutoff_alpha": alpha, "rc": max(f["rc"] for f in functions),
              "network": "20-20 tanh, linear output", "epochs": args.epochs, "batch_size": args.batch_size,
              "learning_rate": args.learning_rate, "force_weight": args.force_weight, "threads": args.threads,
              "repeat": args.repeat, "data": data, "function_file": functions_file,
              "load_average": os.getloadavg()}

    if not args.skip_torch:
        ensure_torch()
        import torch
        result["torch_version"] = torch.__version__
        if basin:
            result["descriptor_check"] = check_descriptors(args, basin, work, frames, functions_file, cutoff_type, alpha, functions)
            print(f"descriptor check: {result['descriptor_check']}", file=sys.stderr)
        # Scaling statistics and normalization over all frames (as basin train).
        n = len(functions)
        model = TorchBP(torch, cutoff_type, alpha, functions, (np.zeros(n), np.zeros(n), np.ones(n)), (0.0, 1.0),
                        [[np.zeros((n, 1)), np.zeros(1)]])
        rc = max(f["rc"] for f in functions)
        narrow_only = all(f["type"] in (2, 3) for f in functions)
        values = []
        with torch.no_grad():
            for fr in prepare(torch, frames, rc, narrow_only):
                values.append(model.descriptors(fr["pos"], make_batch(torch, [fr])).numpy())
        values = np.concatenate(values)
        stats = (values.mean(0), values.min(0), values.max(0))
        per_atom = np.array([f["energy"] / len(f["pos"]) for f in frames])
        sigma = per_atom.std(ddof=1)
        mean_energy = sum(f["energy"] for f in frames) / sum(len(f["pos"]) for f in frames)
        normalization = (mean_energy, 1 / sigma if sigma > 0 else 1.0)
        generator = SeededGenerator(args.seed)
        layers0 = nguyen_widrow([n, 20, 20, 1], ["t", "t", "l"], generator)
        draws = sum(w.size + b.size for w, b in layers0)
        result["torch"] = run_torch(args, frames, train_idx, test_idx, cutoff_type, alpha, functions, stats,
                                    normalization, layers0, draws)
    if not args.skip_basin:
        result["basin"] = {"binary": basin, "runs": run_basin(args, basin, work, data, functions_file)}

    # Summary.
    table = {}
    if "basin" in result:
        runs = result["basin"]["runs"]
        epoch_s = [r["seconds"] for run in runs for r in run["curve"][1:]]
        eval_s = [run["curve"][0]["seconds"] for run in runs]
        steps_s = [r["seconds"] - run["curve"][0]["seconds"] for run in runs for r in run["curve"][1:]]
        last = runs[0]["curve"][-1]
        table["basin"] = {"epoch": summarize_times(epoch_s), "steps": summarize_times(steps_s), "eval": summarize_times(eval_s),
                          "first": runs[0]["curve"][0], "last": last}
    if "torch" in result:
        runs = result["torch"]["runs"]
        epoch_s = [r["steps_seconds"] + r["eval_seconds"] for run in runs for r in run[1:]]
        steps_s = [r["steps_seconds"] for run in runs for r in run[1:]]
        eval_s = [r["eval_seconds"] for run in runs for r in run]
        table["torch"] = {"epoch": summarize_times(epoch_s), "steps": summarize_times(steps_s), "eval": summarize_times(eval_s),
                          "first": runs[0][0], "last": runs[0][-1], "setup_seconds": result["torch"]["setup_seconds"]}
    if "basin" in table and "torch" in table:
        b, t = table["basin"], table["torch"]
        table["ratio_basin_over_torch"] = {"epoch": b["epoch"]["min"] / t["epoch"]["min"],
                                           "steps": b["steps"]["min"] / t["steps"]["min"]}
        rel = {}
        for key in ("train_energy_rmse", "test_energy_rmse", "train_force_rmse", "test_force_rmse"):
            rel[key] = abs(b["last"][key] - t["last"][key]) / max(abs(t["last"][key]), 1e-300)
        table["relative_rmse_difference_last_epoch"] = rel
        table["requirement"] = {"basin_at_most_half_time": table["ratio_basin_over_torch"]["epoch"] <= 0.5,
                                "test_rmse_within_10_percent": rel["test_energy_rmse"] <= 0.1 and rel["test_force_rmse"] <= 0.1}
    result["summary"] = table

    if args.json:
        print(json.dumps(result, indent=1, default=float))
        return
    print(f"{len(frames)} frames ({len(train_idx)} train / {len(test_idx)} test), {len(functions)} functions "
          f"{result['function_types']} cutoff type {cutoff_type} r_c {result['rc']} Å, 20-20 tanh, Adam η {args.learning_rate}, "
          f"batch {args.batch_size}, α {args.force_weight}, {args.epochs} epochs, {args.threads} threads, float64")
    if "descriptor_check" in result and result["descriptor_check"]:
        c = result["descriptor_check"]
        print(f"descriptors torch vs basin sf compute ({c['frames']} frames): max |ΔG| {c['max_abs_difference']:.2e} "
              f"(max |G| {c['max_abs_value']:.3g})")
    if "torch" in table:
        print(f"PyTorch {result.get('torch_version')}: neighbor/triplet setup {table['torch']['setup_seconds']:.2f} s "
              f"({result['torch']['pairs']} pairs, {result['torch']['triplets']} triplets)")
    print(f"{'':8s} {'epoch s (min/med)':>20s} {'steps s (min)':>14s} {'eval s (min)':>13s} "
          f"{'train E':>9s} {'test E':>9s} {'train F':>9s} {'test F':>9s}   (RMSE after epoch 0 → {args.epochs}, meV/atom, meV/Å)")
    for side in ("basin", "torch"):
        if side not in table:
            continue
        s = table[side]
        print(f"{side:8s} {s['epoch']['min']:9.3f}/{s['epoch']['median']:<9.3f} {s['steps']['min']:14.3f} {s['eval']['min']:13.3f} "
              + " ".join(f"{s['last'][k] * 1000:9.3f}" for k in ("train_energy_rmse", "test_energy_rmse", "train_force_rmse", "test_force_rmse")))
        print(f"{'  epoch 0':8s} {'':20s} {'':14s} {'':13s} "
              + " ".join(f"{s['first'][k] * 1000:9.3f}" for k in ("train_energy_rmse", "test_energy_rmse", "train_force_rmse", "test_force_rmse")))
    if "ratio_basin_over_torch" in table:
        r = table["ratio_basin_over_torch"]
        print(f"Basin / PyTorch time per epoch: {r['epoch']:.3f} (steps only {r['steps']:.3f}); "
              f"PyTorch / Basin: {1 / r['epoch']:.1f}x")
        rel = table["relative_rmse_difference_last_epoch"]
        print("relative RMSE difference after the last epoch: " + ", ".join(f"{k} {v * 100:.2f} %" for k, v in rel.items()))
        print(f"requirement: Basin ≤ ½ PyTorch time {table['requirement']['basin_at_most_half_time']}, "
              f"test RMSE within 10 % {table['requirement']['test_rmse_within_10_percent']}")


if __name__ == "__main__":
    main()
