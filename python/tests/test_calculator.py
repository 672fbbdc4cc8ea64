"""BasinCalculator against `basin eval` (run: python3 python/tests/test_calculator.py [BASIN]).

Lennard-Jones argon and Stillinger–Weber silicon: energy, forces and stress of rattled frames
equal `basin eval`'s to 1e-10 relative; 100 VelocityVerlet steps conserve the total energy.
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from ase import units
from ase.build import bulk
from ase.md.verlet import VelocityVerlet

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from basin_ase import BasinCalculator  # noqa: E402


def evaluate(basin, frames, options):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "frames.xyz")
        with open(path, "w") as f:
            for frame in frames:
                cell = " ".join(repr(float(x)) for x in frame.cell.array.reshape(-1))
                f.write(f'{len(frame)}\nLattice="{cell}" Properties=species:S:1:pos:R:3 pbc="T T T"\n')
                for symbol, r in zip(frame.get_chemical_symbols(), frame.positions):
                    f.write(f"{symbol} {float(r[0])!r} {float(r[1])!r} {float(r[2])!r}\n")
        out = subprocess.run([basin, "eval", path, "--json"] + options, check=True, capture_output=True, text=True).stdout
    data = json.loads(out)
    return data["frames"] if isinstance(data, dict) else data


def relative(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300))


def check(basin, atoms, keywords):
    options = []
    for key, value in keywords.items():
        options += ["--" + key.replace("_", "-"), str(value)]
    rng = np.random.default_rng(3)
    frames = []
    for _ in range(3):
        frame = atoms.copy()
        frame.positions += rng.normal(scale=0.05, size=frame.positions.shape)
        frames.append(frame)
    reference = evaluate(basin, frames, options)
    worst = 0.0
    with BasinCalculator(basin=basin, **keywords) as calc:
        for frame, ref in zip(frames, reference):
            frame.calc = calc
            worst = max(worst, relative([frame.get_potential_energy()], [ref["energy"]]),
                        relative(frame.get_forces(), ref["forces"]))
            xx, yy, zz, yz, xz, xy = ref["stress"]
            worst = max(worst, relative(frame.get_stress(voigt=False), [[xx, xy, xz], [xy, yy, yz], [xz, yz, zz]]))
        md = atoms.copy()
        md.set_momenta(rng.normal(scale=0.02, size=md.positions.shape) * np.sqrt(md.get_masses())[:, None])
        md.calc = calc
        energies = []
        dyn = VelocityVerlet(md, timestep=1 * units.fs)
        dyn.attach(lambda: energies.append(md.get_total_energy() / len(md)), interval=10)
        dyn.run(100)
    drift = max(energies) - min(energies)
    print(f"{keywords['potential']:5s} largest relative difference {worst:.1e}, energy drift {drift:.1e} eV/atom")
    return worst < 1e-10 and drift < 1e-3


def main():
    basin = sys.argv[1] if len(sys.argv) > 1 else "basin"
    ok = check(basin, bulk("Ar", "fcc", a=5.26, cubic=True).repeat(2),
               {"potential": "lj", "units": "metal", "epsilon": 0.0104, "sigma": 3.4, "cutoff": 8.5})
    ok &= check(basin, bulk("Si", "diamond", a=5.431, cubic=True).repeat(2), {"potential": "sw", "parameters": "Si"})
    print("passed" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
