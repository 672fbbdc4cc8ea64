#!/usr/bin/env python3
"""Symmetry-function descriptors: Basin against DScribe's ACSF on the 1080-atom water box.

The structure is n2p2's H2O RPBE-D3 example box as shipped by Debian's lammps-examples package
(/usr/share/lammps/examples/PACKAGES/hdnnp/data.H2O-360mol, Å, periodic; type 1 = H, 2 = O).
The package is installed (or its .deb downloaded and unpacked into a cache folder) when missing.
DScribe (`pip install dscribe`, installed when missing) evaluates an ACSF set comparable to the
H2O model's 27-30 functions per element: r_cut = 6 Å, per neighbour element G1 + 8 G2, per
neighbour-element pair 4 G4 (30 functions per atom; --g5 adds G5).

DScribe's ACSF conventions (dscribe/ext/acsf.cpp, DScribe 2.1.2; checked here against a numpy
implementation of n2p2's formulas on small H/O clusters, agreement ~1e-15 relative):
  f_c(r)    = 0.5 [cos(pi r / r_cut) + 1] for r <= r_cut          (n2p2 cutoff_type 1, alpha 0)
  G1        = sum_j f_c(r_ij), per neighbour element                (n2p2 type 2, eta 0, rs 0)
  G2 [eta, Rs] = sum_j exp(-eta (r_ij - Rs)^2) f_c(r_ij)           (n2p2 type 2, same eta/rs)
  G4 [eta, zeta, lambda] = sum over unordered pairs j<k of
        2^(1-zeta) (1 + lambda cos theta_ijk)^zeta exp(-eta (r_ij^2 + r_ik^2 + r_jk^2))
        f_c(r_ij) f_c(r_ik) f_c(r_jk), zero when r_jk > r_cut      (n2p2 type 3, rs 0)
  G5 [eta, zeta, lambda] = the same without the r_jk terms         (n2p2 type 9, rs 0)
  Angular functions are resolved by the unordered neighbour-element pair; no Rs shift exists for
  G4/G5. The constant factor between DScribe and n2p2 is 1 for every function (DScribe writes
  2^(1-zeta) as 2 * 0.5^zeta and loops k < j, so pairs are not double counted).
Feature layout of one DScribe row (species sorted by atomic number, e.g. H=0, O=1):
  for each species t: [G1, G2_1..G2_n, G3_1..G3_m]; then for each pair (a >= b) in the order
  (0,0), (1,0), (1,1), ... (index a(a+1)/2 + b): [G4_1..G4_p, G5_1..G5_q].
  The central atom's element is not part of the row; every atom gets the same feature list.
n2p2/Basin sort each element's functions by: type, cutoff type, alpha, rc, eta, rs,
  [zeta, lambda,] neighbour elements by atomic number; this script derives that permutation.
Derivatives: DScribe's ACSF only offers method="numerical" with attach=True (central differences,
  h = 1e-4 Å, one create() call per displaced atom, center, component and stencil point, in
  Python); derivatives() returns (n_centers, n_included_atoms, 3, n_features) [+ values]. The full
  1080 x 1080 x 3 x F array is out of reach (~7 million create() calls), so the script times a
  sample of centers with `include` = the atoms within r_cut of the center (the only nonzero
  columns) and extrapolates to all 1080 centers.

Basin side: `swift run -c release basin sf compute --functions FILE --data DATAFILE
  --format lammps-data --elements H,O --repeat N --threads T --json` (or --basin PATH for a built
  binary), which prints {"threads": T, "frames": [{"atoms", "seconds", "derivatives", "values"}]}:
    "values":  one row per atom (file order), each row the atom's unscaled function values in
               Basin/n2p2 sorted order for its element;
    "seconds": fastest wall time of the neighbor list plus values and derivatives for all atoms (s).
Usage: python3 benchmarks/descriptors_vs_dscribe.py [--repeat 3] [--derivative-centers 8]
       [--g5] [--json] [--basin PATH] [--skip-basin] [--keep DIR]
"""
import argparse
import glob
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WATER_DATA = "/usr/share/lammps/examples/PACKAGES/hdnnp/data.H2O-360mol"
CACHE = os.path.join(os.path.expanduser("~"), ".cache", "basin-benchmarks")
TYPE_TO_Z = {1: 1, 2: 8}   # LAMMPS type 1 = H, type 2 = O
SYMBOL = {1: "H", 8: "O"}

R_CUT = 6.0                 # Å
# (eta [Å^-2], Rs [Å]): roughly the H2O RPBE-D3 model's radial etas (0.001-0.3 Bohr^-2) in Å^-2.
G2_PARAMS = [[0.004, 0.0], [0.02, 0.0], [0.05, 0.0], [0.1, 0.0], [0.2, 0.0], [0.4, 0.0], [0.8, 0.0], [1.5, 0.0]]
# (eta [Å^-2], zeta, lambda)
G4_PARAMS = [[0.004, 1.0, -1.0], [0.004, 1.0, 1.0], [0.004, 4.0, 1.0], [0.03, 1.0, 1.0]]
G5_PARAMS = [[0.004, 1.0, -1.0], [0.004, 1.0, 1.0], [0.01, 4.0, 1.0]]


# ----------------------------------------------------------------------------- setup

def ensure_dscribe():
    try:
        import dscribe  # noqa: F401
    except ImportError:
        print("installing DScribe (pip install dscribe) ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "dscribe"], check=True)
    from dscribe.descriptors import ACSF
    try:
        from importlib.metadata import version
        ver = version("dscribe")
    except Exception:
        ver = "unknown"
    return ACSF, ver


def ensure_water_data():
    """Path of data.H2O-360mol: the installed package, an install, or an unpacked .deb in CACHE."""
    if os.path.exists(WATER_DATA):
        return WATER_DATA
    unpacked = os.path.join(CACHE, "lammps-examples")
    cached = os.path.join(unpacked, WATER_DATA.lstrip("/"))
    if os.path.exists(cached):
        return cached
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing Debian's lammps-examples package ...", file=sys.stderr)
        subprocess.run(["apt-get", "update", "-qq"], env=env)
        if subprocess.run(["apt-get", "install", "-y", "-qq", "lammps-examples"], env=env,
                          stdout=subprocess.DEVNULL).returncode == 0 and os.path.exists(WATER_DATA):
            return WATER_DATA
    if shutil.which("apt-get") and shutil.which("dpkg-deb"):
        print(f"downloading lammps-examples .deb into {CACHE} ...", file=sys.stderr)
        os.makedirs(CACHE, exist_ok=True)
        subprocess.run(["apt-get", "download", "lammps-examples"], cwd=CACHE, check=True, env=env)
        debs = sorted(glob.glob(os.path.join(CACHE, "lammps-examples_*.deb")))
        if debs:
            subprocess.run(["dpkg-deb", "-x", debs[-1], unpacked], check=True)
            if os.path.exists(cached):
                return cached
    sys.exit(f"could not find or install {WATER_DATA} (Debian package lammps-examples)")


def read_water(path):
    import ase.io
    try:
        atoms = ase.io.read(path, format="lammps-data", atom_style="atomic")
    except TypeError:   # older ASE
        atoms = ase.io.read(path, format="lammps-data", style="atomic")
    types = atoms.arrays["type"]
    atoms.set_atomic_numbers([TYPE_TO_Z[int(t)] for t in types])
    atoms.pbc = True
    return atoms


# ----------------------------------------------------------------------------- function definitions

def dscribe_features(species_z, g2, g3, g4, g5):
    """One dict per DScribe feature column, in DScribe's order, with its n2p2 meaning
    (None for G3, which n2p2 lacks). factor: n2p2 value = factor * DScribe value."""
    feats = []
    for z in species_z:
        feats.append(dict(kind="G1", type=2, e=(z,), eta=0.0, rs=0.0, factor=1.0))
        for eta, rs in g2:
            feats.append(dict(kind="G2", type=2, e=(z,), eta=float(eta), rs=float(rs), factor=1.0))
        for kappa in g3:
            feats.append(dict(kind="G3", type=None, e=(z,), kappa=float(kappa)))
    n = len(species_z)
    for a in range(n):
        for b in range(a + 1):
            pair = (species_z[b], species_z[a])   # species_z is sorted, so pair[0] <= pair[1]
            for eta, zeta, lam in g4:
                feats.append(dict(kind="G4", type=3, e=pair, eta=float(eta), rs=0.0, zeta=float(zeta),
                                  lam=float(lam), factor=1.0))
            for eta, zeta, lam in g5:
                feats.append(dict(kind="G5", type=9, e=pair, eta=float(eta), rs=0.0, zeta=float(zeta),
                                  lam=float(lam), factor=1.0))
    return feats


def n2p2_sort_key(f, rc):
    """n2p2's Element::sortSymmetryFunctions order (SymFncExpRad / SymFncExpAngn / SymFncExpAngw
    operator<): type, cutoff type, alpha, rc, eta, rs, [zeta, lambda,] neighbour elements."""
    cutoff_type, alpha = 1, 0.0
    if f["type"] == 2:
        return (2, cutoff_type, alpha, rc, f["eta"], f["rs"], f["e"][0])
    return (f["type"], cutoff_type, alpha, rc, f["eta"], f["rs"], f["zeta"], f["lam"], f["e"][0], f["e"][1])


def n2p2_permutation(feats, rc):
    """perm[k] = DScribe column of the k-th function in n2p2/Basin sorted order."""
    usable = [i for i, f in enumerate(feats) if f["type"] is not None]
    keys = {i: n2p2_sort_key(feats[i], rc) for i in usable}
    if len(set(keys.values())) != len(usable):
        sys.exit("two functions have the same parameters; the DScribe <-> n2p2 mapping would be ambiguous")
    return sorted(usable, key=lambda i: keys[i])


def fmt(x):
    return repr(float(x))


def function_line(central, f, rc):
    if f["type"] == 2:
        return f"symfunction_short {central} 2 {SYMBOL[f['e'][0]]} {fmt(f['eta'])} {fmt(f['rs'])} {fmt(rc)}"
    return (f"symfunction_short {central} {f['type']} {SYMBOL[f['e'][0]]} {SYMBOL[f['e'][1]]} {fmt(f['eta'])} "
            f"{fmt(f['lam'])} {fmt(f['zeta'])} {fmt(rc)} {fmt(f['rs'])}")


def write_functions_file(path, species_z, feats, perm, rc, g2, g4, g5):
    elements = [SYMBOL[z] for z in species_z]
    with open(path, "w") as out:
        out.write("# n2p2-style symmetry functions equivalent to DScribe ACSF(r_cut={}, g2_params={}, "
                  "g4_params={}, g5_params={}, species={}); lengths in Å, eta in Å^-2.\n".format(
                      rc, g2, g4, g5, elements))
        out.write("# DScribe's G1 is written as type 2 with eta = 0, rs = 0. Every DScribe/n2p2 factor is 1.\n")
        out.write(f"number_of_elements {len(elements)}\n")
        out.write("elements " + " ".join(elements) + "\n")
        out.write("cutoff_type 1 0.0\n")
        for z in species_z:
            for k in perm:
                out.write(function_line(SYMBOL[z], feats[k], rc) + "\n")


# ----------------------------------------------------------------------------- numpy reference

def _fc(r, rc):
    return 0.5 * (np.cos(np.pi * r / rc) + 1.0) if r < rc else 0.0


def reference_values(pos, z, center, feats, rc):
    """n2p2 formulas (types 2, 3, 9; cosine cutoff) for one center of a non-periodic cloud."""
    d = pos - pos[center]
    r = np.linalg.norm(d, axis=1)
    nb = [j for j in range(len(pos)) if j != center and r[j] < rc]
    out = np.zeros(len(feats))
    for n, f in enumerate(feats):
        g = 0.0
        if f["type"] == 2:
            for j in nb:
                if z[j] == f["e"][0]:
                    g += np.exp(-f["eta"] * (r[j] - f["rs"]) ** 2) * _fc(r[j], rc)
        elif f["type"] in (3, 9):
            for a, b in itertools.combinations(nb, 2):
                if sorted((z[a], z[b])) != sorted(f["e"]):
                    continue
                rij, rik = r[a], r[b]
                rjk = np.linalg.norm(pos[a] - pos[b])
                base = 1.0 + f["lam"] * np.dot(d[a], d[b]) / (rij * rik)
                ang = 2.0 ** (1.0 - f["zeta"]) * (base ** f["zeta"] if base > 0 else 0.0)
                if f["type"] == 3:
                    if rjk >= rc:
                        continue
                    g += ang * np.exp(-f["eta"] * ((rij - f["rs"]) ** 2 + (rik - f["rs"]) ** 2 + (rjk - f["rs"]) ** 2)) \
                        * _fc(rij, rc) * _fc(rik, rc) * _fc(rjk, rc)
                else:
                    g += ang * np.exp(-f["eta"] * ((rij - f["rs"]) ** 2 + (rik - f["rs"]) ** 2)) * _fc(rij, rc) * _fc(rik, rc)
        else:
            g = np.nan
        out[n] = g
    return out


def self_test(ACSF):
    """DScribe against the numpy n2p2 formulas: a 14-atom H/O cluster and a small periodic box."""
    from ase import Atoms
    rng = np.random.default_rng(2024)
    g2 = [[0.01, 0.0], [0.3, 1.0], [1.2, 2.5]]
    g4 = [[0.005, 1.0, 1.0], [0.02, 2.0, -1.0], [0.05, 3.5, 1.0]]
    g5 = [[0.005, 1.0, -1.0], [0.03, 4.0, 1.0]]
    species = [1, 8]
    feats = dscribe_features(species, g2, [], g4, g5)
    worst = 0.0
    # cluster
    rc = 5.0
    pos = rng.uniform(0.0, 5.0, (14, 3))
    z = rng.choice(species, 14)
    got = ACSF(r_cut=rc, g2_params=g2, g4_params=g4, g5_params=g5, species=["O", "H"]).create(
        Atoms(numbers=z, positions=pos))
    for c in range(len(pos)):
        ref = reference_values(pos, z, c, feats, rc)
        worst = max(worst, float(np.max(np.abs(got[c] - ref) / np.maximum(np.abs(ref), 1e-300))))
    # periodic box, images built explicitly
    rc = 6.0
    box = np.array([7.0, 7.5, 8.0])
    pos = rng.uniform(0.0, 1.0, (20, 3)) * box
    z = rng.choice(species, 20)
    got = ACSF(r_cut=rc, g2_params=g2, g4_params=g4, g5_params=g5, species=species, periodic=True).create(
        Atoms(numbers=z, positions=pos, cell=np.diag(box), pbc=True))
    shifts = list(itertools.product(range(-2, 3), repeat=3))
    cloud = np.concatenate([pos + np.array(s) * box for s in shifts])
    zz = np.tile(z, len(shifts))
    home = shifts.index((0, 0, 0)) * len(pos)
    for c in range(len(pos)):
        ref = reference_values(cloud, zz, home + c, feats, rc)
        worst = max(worst, float(np.max(np.abs(got[c] - ref) / np.maximum(np.abs(ref), 1e-300))))
    return worst


# ----------------------------------------------------------------------------- timing

def time_dscribe_values(acsf, atoms, repeat):
    best, values = None, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        values = acsf.create(atoms)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    return best, values


def neighbours_within(atoms, center, rc):
    """Indices of atoms (including the center) with a periodic image within rc of the center."""
    d = atoms.get_positions() - atoms.get_positions()[center]
    cell = np.array(atoms.get_cell())
    frac = np.linalg.solve(cell.T, d.T).T
    frac -= np.round(frac)   # minimum image; the box edges (> 22 Å) exceed 2 rc
    r = np.linalg.norm(frac @ cell, axis=1)
    return [int(j) for j in np.nonzero(r < rc)[0]]


def time_dscribe_derivatives(acsf, atoms, n_centers, rc):
    """Seconds of DScribe values+derivatives for a sample of centers, each with include = its
    neighbours within rc; extrapolated to all atoms."""
    n = len(atoms)
    centers = [int(c) for c in np.linspace(0, n - 1, n_centers).round()]
    total, included = 0.0, 0
    shape = None
    for c in centers:
        include = neighbours_within(atoms, c, rc)
        t0 = time.perf_counter()
        der, val = acsf.derivatives(atoms, centers=[c], include=include, method="numerical", attach=True,
                                    return_descriptor=True)
        total += time.perf_counter() - t0
        included += len(include)
        shape = der.shape
    per_center = total / len(centers)
    per_pair = total / included
    return {"sample_centers": centers, "sample_seconds": total, "seconds_per_center": per_center,
            "mean_included_atoms": included / len(centers), "derivative_shape_one_center": list(shape),
            "seconds_all_centers_sparse_estimate": per_center * n,
            "seconds_all_centers_dense_estimate": per_pair * n * n}


# ----------------------------------------------------------------------------- Basin

def basin_command(args, functions, structure):
    tail = ["sf", "compute", "--functions", functions, "--data", structure, "--format", "lammps-data",
            "--elements", "H,O", "--repeat", str(args.repeat), "--threads", str(args.threads), "--json"]
    if args.basin:
        return [args.basin] + tail
    cmd = ["swift", "run", "-c", "release"]
    if args.scratch_path:
        cmd += ["--scratch-path", args.scratch_path]
    return cmd + ["basin"] + tail


def run_basin(args, functions, structure):
    cmd = basin_command(args, functions, structure)
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        lines = [line.strip() for line in proc.stderr.splitlines() if line.strip()] or ["no message"]
        message = next((line for line in lines if line.lower().startswith("error")), lines[-1])
        return None, ("`" + " ".join(cmd) + "` failed (exit " + str(proc.returncode) + "): " + message)
    try:
        out = json.loads(proc.stdout)
        frame = out["frames"][0]
        if "values" not in frame or "seconds" not in frame:
            raise ValueError("missing 'values' or 'seconds'")
        out = dict(frame, threads=out.get("threads"))
    except ValueError as error:
        return None, f"could not read Basin's JSON ({error}): {proc.stdout[:200]!r}"
    return out, None


def compare(basin_values, dscribe_values, perm, feats):
    """Max relative and absolute difference of Basin rows against DScribe columns perm * factor."""
    factor = np.array([feats[k]["factor"] for k in perm])
    expected = dscribe_values[:, perm] * factor
    if len(basin_values) != len(expected):
        return {"error": f"Basin gave {len(basin_values)} rows, expected {len(expected)}"}
    worst_rel, worst_abs, where = 0.0, 0.0, None
    for i, row in enumerate(basin_values):
        row = np.asarray(row, dtype=float)
        if row.shape != expected[i].shape:
            return {"error": f"atom {i}: Basin row has {row.size} values, expected {expected[i].size}"}
        diff = np.abs(row - expected[i])
        rel = diff / np.maximum(np.abs(expected[i]), 1e-300)
        k = int(np.argmax(rel))
        if rel[k] > worst_rel:
            worst_rel, where = float(rel[k]), (i, k)
        worst_abs = max(worst_abs, float(diff.max()))
    return {"max_relative_difference": worst_rel, "max_absolute_difference": worst_abs,
            "worst_atom_function": where}


# ----------------------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="evaluations of each; the fastest counts")
    parser.add_argument("--threads", type=int, default=1, help="Basin threads")
    parser.add_argument("--derivative-centers", type=int, default=8,
                        help="centers sampled for DScribe's (numerical, slow) derivatives")
    parser.add_argument("--g5", action="store_true", help="add G5 (n2p2 type 9) functions")
    parser.add_argument("--basin", help="a built basin binary (default: swift run -c release basin)")
    parser.add_argument("--scratch-path", help="SwiftPM --scratch-path for `swift run`")
    parser.add_argument("--skip-basin", action="store_true", help="only run the DScribe part")
    parser.add_argument("--keep", help="write the function file (and structure path note) into this folder")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args()

    ACSF, dscribe_version = ensure_dscribe()
    worst_self_test = self_test(ACSF)
    if worst_self_test > 1e-12:
        sys.exit(f"DScribe disagrees with the n2p2 formulas on the self test: {worst_self_test:.3e}")

    structure = ensure_water_data()
    atoms = read_water(structure)
    species = sorted(set(int(z) for z in atoms.get_atomic_numbers()))
    g5 = G5_PARAMS if args.g5 else []
    feats = dscribe_features(species, G2_PARAMS, [], G4_PARAMS, g5)
    perm = n2p2_permutation(feats, R_CUT)
    acsf = ACSF(r_cut=R_CUT, g2_params=G2_PARAMS, g4_params=G4_PARAMS, g5_params=g5 or None,
                species=species, periodic=True)
    assert acsf.get_number_of_features() == len(feats)

    workdir = args.keep or tempfile.mkdtemp(prefix="basin-dscribe-")
    os.makedirs(workdir, exist_ok=True)
    try:
        run(args, atoms, species, feats, perm, acsf, structure, workdir, g5, dscribe_version, worst_self_test)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


def run(args, atoms, species, feats, perm, acsf, structure, workdir, g5, dscribe_version, worst_self_test):
    functions = os.path.join(workdir, "input.nn")
    write_functions_file(functions, species, feats, perm, R_CUT, G2_PARAMS, G4_PARAMS, g5)

    values_seconds, dscribe_values = time_dscribe_values(acsf, atoms, args.repeat)
    derivatives = time_dscribe_derivatives(acsf, atoms, args.derivative_centers, R_CUT)

    report = {
        "problem": f"ACSF of n2p2's H2O box ({len(atoms)} atoms, periodic), r_cut={R_CUT} Å, "
                   f"{len(feats)} functions per atom",
        "structure": structure,
        "functions_file": functions if args.keep else None,
        "dscribe_version": dscribe_version,
        "self_test_max_relative_difference": worst_self_test,
        "dscribe_order_to_n2p2_sorted": perm,
        "dscribe": {"values_seconds": values_seconds, "derivatives": derivatives},
    }
    basin_error = None
    if not args.skip_basin:
        basin, basin_error = run_basin(args, functions, structure)
        if basin is not None:
            report["basin"] = {"seconds": basin["seconds"], "seconds_values": basin.get("seconds_values"),
                               "threads": basin.get("threads")}
            report["agreement"] = compare(basin["values"], dscribe_values, perm, feats)
            report["dscribe_values_plus_derivatives_over_basin"] = \
                derivatives["seconds_all_centers_sparse_estimate"] / basin["seconds"]
            report["dscribe_values_only_over_basin_values_plus_derivatives"] = values_seconds / basin["seconds"]
            if basin.get("seconds_values"):
                report["dscribe_over_basin_values_only"] = values_seconds / basin["seconds_values"]
        else:
            report["basin_error"] = basin_error

    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(report["problem"])
        print(f"  DScribe {dscribe_version}: self test against the n2p2 formulas, max rel. diff "
              f"{worst_self_test:.1e}" + (f"; function file {functions}" if args.keep else ""))
        print(f"  {'':34s} {'seconds':>12s}")
        print(f"  {'DScribe values, all atoms':34s} {values_seconds:12.4f}")
        print(f"  {'DScribe values+derivatives':34s} {derivatives['seconds_all_centers_sparse_estimate']:12.1f}"
              f"   (estimate: {derivatives['seconds_per_center']:.3f} s per center x {len(atoms)}, include = "
              f"{derivatives['mean_included_atoms']:.0f} atoms within r_cut; all atoms included: "
              f"{derivatives['seconds_all_centers_dense_estimate']:.0f} s)")
        if "basin" in report:
            print(f"  {'Basin values+derivatives':34s} {report['basin']['seconds']:12.4f}")
            if report["basin"].get("seconds_values"):
                print(f"  {'Basin values':34s} {report['basin']['seconds_values']:12.4f}")
            agreement = report["agreement"]
            if "error" in agreement:
                print(f"  values: {agreement['error']}")
            else:
                print(f"  values: max relative difference {agreement['max_relative_difference']:.2e}, "
                      f"max absolute {agreement['max_absolute_difference']:.2e}")
            print(f"  DScribe / Basin (values+derivatives): {report['dscribe_values_plus_derivatives_over_basin']:.0f}x")
            print(f"  DScribe values only / Basin values+derivatives: "
                  f"{report['dscribe_values_only_over_basin_values_plus_derivatives']:.2f}x")
        elif basin_error:
            print(f"  Basin: not measured. {basin_error}")
    if basin_error and not args.skip_basin:
        print("basin sf compute is not available yet (see above); the DScribe part ran.", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
