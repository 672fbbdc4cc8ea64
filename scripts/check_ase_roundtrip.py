#!/usr/bin/env python3
"""Checks that ASE reads a Basin-written extended XYZ file as Basin meant it.

Usage: check_ase_roundtrip.py FILE.extxyz EXPECTED.json [--tolerance 1e-12]

EXPECTED.json is a list with one object per frame holding what Basin wrote:
  symbols     [str]               chemical symbols
  positions   [[x, y, z]]         Å
  cell        [[ax, ay, az], ...] lattice vectors as rows, Å
  pbc         [bool, bool, bool]
  energy      float or null       eV
  forces      [[fx, fy, fz]] or null, eV/Å
  stress      [[...] * 3] or null, eV/Å³ (full 3×3)
  velocities  [[vx, vy, vz]] or null, Å/ps, read by ASE as the per-atom array 'velocities'
  masses      [float] or null     amu
  info        {key: str|number|bool} other comment-line pairs

Prints the largest deviation per quantity and exits with status 1 on any mismatch.
"""
import argparse
import json
import sys

import numpy as np
from ase.io import read
from ase.stress import voigt_6_to_full_3x3_stress


def compare(frame_index, atoms, expected, tolerance):
    problems = []
    deviations = {}

    def close(name, actual, wanted):
        actual = np.asarray(actual, dtype=float)
        wanted = np.asarray(wanted, dtype=float)
        if actual.shape != wanted.shape:
            problems.append(f'{name}: shape {actual.shape}, expected {wanted.shape}')
            return
        deviation = float(np.max(np.abs(actual - wanted))) if actual.size else 0.0
        deviations[name] = deviation
        if deviation > tolerance:
            problems.append(f'{name}: deviation {deviation:.3g} > {tolerance:.3g}')

    if atoms.get_chemical_symbols() != expected['symbols']:
        problems.append(f"symbols {atoms.get_chemical_symbols()} != {expected['symbols']}")
    close('positions', atoms.positions, expected['positions'])
    close('cell', atoms.cell.array, expected['cell'])
    if [bool(p) for p in atoms.pbc] != expected['pbc']:
        problems.append(f"pbc {list(atoms.pbc)} != {expected['pbc']}")
    results = atoms.calc.results if atoms.calc is not None else {}
    for key in ('energy', 'forces'):
        if expected.get(key) is None:
            if key in results:
                problems.append(f'{key} present but not expected')
        elif key not in results:
            problems.append(f'{key} missing')
        else:
            close(key, results[key], expected[key])
    if expected.get('stress') is not None:
        if 'stress' not in results:
            problems.append('stress missing')
        else:
            close('stress', voigt_6_to_full_3x3_stress(results['stress']), expected['stress'])
    if expected.get('velocities') is not None:
        if 'velocities' not in atoms.arrays:
            problems.append('velocities missing')
        else:
            close('velocities', atoms.arrays['velocities'], expected['velocities'])
    if expected.get('masses') is not None:
        close('masses', atoms.get_masses(), expected['masses'])
    for key, wanted in expected.get('info', {}).items():
        actual = atoms.info.get(key)
        if isinstance(wanted, (int, float)) and not isinstance(wanted, bool):
            if actual is None or abs(float(actual) - wanted) > tolerance:
                problems.append(f'info[{key!r}] = {actual!r}, expected {wanted!r}')
        elif actual != wanted:
            problems.append(f'info[{key!r}] = {actual!r}, expected {wanted!r}')

    summary = ', '.join(f'{k} {v:.1e}' for k, v in deviations.items())
    print(f'frame {frame_index + 1}: {len(atoms)} atoms; max deviation: {summary}')
    for problem in problems:
        print(f'  MISMATCH {problem}')
    return not problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('file')
    parser.add_argument('expected')
    parser.add_argument('--tolerance', type=float, default=1e-12)
    args = parser.parse_args()

    images = read(args.file, index=':', format='extxyz')
    with open(args.expected) as f:
        expected = json.load(f)
    if len(images) != len(expected):
        print(f'{len(images)} frames read, {len(expected)} expected')
        return 1
    ok = all([compare(i, atoms, wanted, args.tolerance) for i, (atoms, wanted) in enumerate(zip(images, expected))])
    print('OK: ASE reads the file as expected' if ok else 'FAILED')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
