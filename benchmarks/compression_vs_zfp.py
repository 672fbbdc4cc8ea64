#!/usr/bin/env python3
"""Basin's guaranteed-bits store of Lennard-Jones minima against zfp and SZ3 at the same radius.

For every shared minimum of data/lj-clusters with at most --max-atoms atoms, Basin
(`basin db add`, then `basin db compress --json` into a temporary database) reports the frame
atoms, the radius r2 of Wang's ball of guaranteed Newton convergence (Retzlaff, Munson & Di,
"Data compression for optimization of a molecular dynamics system: preserving basins of
attraction"), c_t and the bytes of its bit-packed store. The script rebuilds the same reduced
frame in numpy (atom 1 at the origin, atom 2 on the x-axis, atom 3 in the xy-plane; reduced
atom order 1, 2, 3, then the others in file order) to get the 3n - 6 reduced coordinates X*,
and compresses that vector with

- zfp (PyPI `zfpy`, fixed-accuracy mode: `compress_numpy(x, tolerance=t)`) and
- SZ3 (PyPI `pysz`, absolute error bound: `szConfig.errorBoundMode = ABS`, `absErrorBound = t`),

each at two bounds: the literal per-value bound t = r2, and t = r2 / sqrt(3n - 6), which makes
the Euclidean error at most r2 whenever every value is within t. Each decompressed point X~ is
checked against the ball: |X~ - X*|_2 <= r2 means Newton's method from it is guaranteed to
return to X* (Wang's theorem). Newton's method (exact reduced Hessian) is also run from it to
see where it goes in practice: 'ok' when it converges to within 1e-8 of X*.

Bytes include each codec's own header (zfp's full header, SZ3's stream header; Basin's header
holds the frame and the exponent range), since each stream must decompress alone. Raw sizes:
24n bytes (3n binary64 positions) and 8(3n - 6) bytes (the reduced coordinates).

zfpy and pysz are installed with pip when they cannot be imported; Basin's release binary is
built with SwiftPM when missing. Usage:

    swift build -c release --product basin
    python3 benchmarks/compression_vs_zfp.py [--max-atoms 150] [--json]
"""

import argparse
import importlib.util
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CLUSTERS = ROOT / "data" / "lj-clusters"


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-atoms", type=int, default=150, help="largest cluster size (default 150)")
    parser.add_argument("--basin", type=Path, default=ROOT / ".build" / "release" / "basin", help="the basin binary")
    parser.add_argument("--threads", type=int, default=2, help="threads of Basin's analysis (default 2)")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of tables")
    return parser.parse_args()


def ensure_codecs():
    """Imports zfpy and pysz, installing them with pip when missing."""
    missing = [name for name in ("zfpy", "pysz") if importlib.util.find_spec(name) is None]
    if missing:
        print(f"installing {' '.join(missing)} with pip", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *missing], check=True)
    import pysz
    import zfpy
    return zfpy, pysz


def ensure_basin(path):
    if path.exists():
        return path
    print("building basin (release)", file=sys.stderr)
    subprocess.run(["swift", "build", "-c", "release", "--product", "basin"], cwd=ROOT, check=True)
    return path


def read_xyz(path):
    lines = path.read_text().splitlines()
    n = int(lines[0])
    return np.array([[float(v) for v in line.split()[1:4]] for line in lines[2 : 2 + n]])


def cluster_files(max_atoms):
    files = []
    for path in CLUSTERS.glob("LJ*.xyz"):
        n = int(path.stem[2:])
        if n <= max_atoms:
            files.append((n, path))
    return [path for _, path in sorted(files)]


def run_basin(basin, files, threads):
    """Basin's compression of every file: one JSON row per minimum, in file order."""
    with tempfile.TemporaryDirectory() as directory:
        database = str(Path(directory) / "minima.db")
        subprocess.run([str(basin), "db", "add", *map(str, files), "--database", database],
                       check=True, stdout=subprocess.DEVNULL)
        result = subprocess.run([str(basin), "db", "compress", "--database", database, "--threads", str(threads),
                                 "--json"], check=True, capture_output=True, text=True)
    return json.loads(result.stdout)["minima"]


def reduced_coordinates(positions, frame_atoms):
    """X* in the frame whose atoms 1, 2, 3 are `frame_atoms` (from 1), as Basin's ReducedFrame."""
    origin, axis, plane = (i - 1 for i in frame_atoms)
    e1 = positions[axis] - positions[origin]
    e1 /= np.linalg.norm(e1)
    v = positions[plane] - positions[origin]
    w = v - (v @ e1) * e1
    e2 = w / np.linalg.norm(w)
    e3 = np.cross(e1, e2)
    order = [origin, axis, plane] + [i for i in range(len(positions)) if i not in (origin, axis, plane)]
    local = (positions[order] - positions[origin]) @ np.stack([e1, e2, e3]).T
    return np.concatenate([[local[1, 0]], local[2, :2], local[3:].ravel()])


def reduced_positions(x):
    n = (len(x) + 6) // 3
    p = np.zeros((n, 3))
    p[1, 0] = x[0]
    p[2, :2] = x[1:3]
    p[3:] = x[3:].reshape(-1, 3)
    return p


def gradient_and_hessian(x):
    """U_n and U_n' of V_n = sum d^-12 - d^-6 in reduced coordinates (the six fixed ones dropped)."""
    p = reduced_positions(x)
    n = len(p)
    delta = p[:, None, :] - p[None, :, :]
    s = (delta**2).sum(-1)
    np.fill_diagonal(s, 1.0)
    inverse = 1 / s
    i3 = inverse**3
    first = 2 * i3 * inverse * (3 - 6 * i3)  # 2 g'(s)
    second = 4 * i3 * inverse**2 * (42 * i3 - 12)  # 4 g''(s)
    np.fill_diagonal(first, 0.0)
    np.fill_diagonal(second, 0.0)
    gradient = (first[:, :, None] * delta).sum(1)
    blocks = first[:, :, None, None] * np.eye(3) + second[:, :, None, None] * delta[:, :, :, None] * delta[:, :, None, :]
    hessian = -blocks
    for i in range(n):
        hessian[i, i] = blocks[i].sum(0)
    hessian = hessian.transpose(0, 2, 1, 3).reshape(3 * n, 3 * n)
    free = [3 + 0, 6 + 0, 6 + 1] + list(range(9, 3 * n))
    return gradient.ravel()[free], hessian[np.ix_(free, free)]


def newton_returns(start, minimum, iterations=50):
    """Whether Newton's method from `start` converges to within 1e-8 of `minimum`."""
    x = start.copy()
    extent = 3 * np.abs(minimum).max() + 3
    for _ in range(iterations):
        g, h = gradient_and_hessian(x)
        try:
            step = np.linalg.solve(h, g)
        except np.linalg.LinAlgError:
            return False
        x -= step
        if not np.all(np.isfinite(x)) or np.abs(x).max() > extent:
            return False
        if np.linalg.norm(step) < 1e-12:
            break
    return bool(np.linalg.norm(x - minimum) <= 1e-8)


def zfp_codec(zfpy):
    def run(x, bound):
        stream = zfpy.compress_numpy(x, tolerance=bound)
        return len(stream), zfpy.decompress_numpy(stream)
    return run


def sz_codec(pysz):
    def run(x, bound):
        config = pysz.szConfig()
        config.errorBoundMode = pysz.szErrorBoundMode.ABS
        config.absErrorBound = bound
        stream, _ = pysz.sz.compress(x, config)
        decompressed, _ = pysz.sz.decompress(stream, np.float64, x.shape)
        return len(stream), decompressed
    return run


def main():
    arguments = parse_arguments()
    zfpy, pysz = ensure_codecs()
    basin = ensure_basin(arguments.basin)
    files = cluster_files(arguments.max_atoms)
    basin_rows = run_basin(basin, files, arguments.threads)
    codecs = {"zfp": zfp_codec(zfpy), "sz": sz_codec(pysz)}
    rows = []
    for path, row in zip(files, basin_rows):
        n = row["atoms"]
        if row.get("compressedBytes") is None:
            rows.append({"file": path.name, "atoms": n, "refusal": row.get("refusal")})
            continue
        x = reduced_coordinates(read_xyz(path), row["frameAtoms"])
        m = len(x)
        r2 = row["radius"]
        entry = {"file": path.name, "atoms": n, "variables": m, "radius": r2, "bits": row["bits"],
                 "basinBytes": row["compressedBytes"], "rawBytes": 24 * n, "reducedRawBytes": 8 * m, "codecs": {}}
        for name, codec in codecs.items():
            for label, bound in (("r2", r2), ("r2/sqrt(m)", r2 / math.sqrt(m))):
                size, decompressed = codec(x, bound)
                distance = float(np.linalg.norm(decompressed - x))
                entry["codecs"][f"{name} {label}"] = {
                    "bound": bound, "bytes": size, "distance": distance,
                    "maximumError": float(np.abs(decompressed - x).max()),
                    "insideBall": distance <= r2, "newtonReturns": newton_returns(decompressed, x)}
        rows.append(entry)
    report = {"minima": rows, "totals": totals(rows)}
    if arguments.json:
        print(json.dumps(report, indent=2, sort_keys=True))
    else:
        print_tables(report)


def totals(rows):
    done = [row for row in rows if "codecs" in row]
    result = {"minima": len(done), "uncompressed": len(rows) - len(done),
              "basinBytes": sum(row["basinBytes"] for row in done), "rawBytes": sum(row["rawBytes"] for row in done),
              "reducedRawBytes": sum(row["reducedRawBytes"] for row in done), "codecs": {}}
    for key in (done[0]["codecs"] if done else {}):
        result["codecs"][key] = {
            "bytes": sum(row["codecs"][key]["bytes"] for row in done),
            "insideBall": sum(row["codecs"][key]["insideBall"] for row in done),
            "newtonReturns": sum(row["codecs"][key]["newtonReturns"] for row in done)}
    return result


def print_tables(report):
    rows = [row for row in report["minima"] if "codecs" in row]
    keys = list(rows[0]["codecs"]) if rows else []
    header = f"{'file':<11}{'n':>5}{'r2':>10}{'c_t':>5}{'raw':>7}{'basin':>7}"
    for key in keys:
        header += f"{key:>18}"
    print(header)
    print(" " * 45 + "".join(f"{'bytes ball Newton':>18}" for _ in keys))
    for row in rows:
        line = f"{row['file']:<11}{row['atoms']:>5}{row['radius']:>10.3e}{row['bits']:>5}{row['rawBytes']:>7}{row['basinBytes']:>7}"
        for key in keys:
            c = row["codecs"][key]
            line += f"{c['bytes']:>10}{'yes' if c['insideBall'] else 'no':>4}{'ok' if c['newtonReturns'] else 'no':>4}"
        print(line)
    for row in report["minima"]:
        if "codecs" not in row:
            print(f"{row['file']}: left uncompressed by Basin: {row['refusal']}")
    t = report["totals"]
    print()
    print(f"{t['minima']} minima: raw {t['rawBytes']} bytes (24n), {t['reducedRawBytes']} bytes (8(3n-6)); "
          f"Basin {t['basinBytes']} bytes (ratio {t['rawBytes'] / t['basinBytes']:.2f}), at c_t inside the ball by construction")
    for key, c in t["codecs"].items():
        print(f"  {key:<14} {c['bytes']:>7} bytes (ratio {t['rawBytes'] / c['bytes']:.2f}); inside the ball "
              f"{c['insideBall']}/{t['minima']}; Newton returns {c['newtonReturns']}/{t['minima']}")


if __name__ == "__main__":
    main()
