#!/usr/bin/env python3
"""Writes the ASE- and LAMMPS-generated fixtures of BasinIOTests, and what ASE reads back.

Run once from this directory (needs ASE; LAMMPS `lmp` for the dump fixtures):

    python3 make_fixtures.py

Outputs:
  ase_triclinic.extxyz  triclinic periodic frame: energy, forces, stress, momenta, info keys,
                        tags and initial charges as extra columns
  ase_frames.extxyz     three frames: a cluster (no Lattice), an fcc cell with custom masses,
                        a slab periodic in x and y
  ase_triclinic.lmp     the triclinic frame as a LAMMPS data file (masses, velocities)
  lammps_argon.lmp      input structure of in.argon (ASE-written data file)
  lammps_argon.dump     two frames dumped by LAMMPS: id type x y z ix iy iz vx vy vz fx fy fz c_pe
  lammps_scaled.dump    the same run dumped with scaled coordinates xs ys zs
  expected.json         every structure above as ASE reads it (velocities in Å/ps)
"""
import json
import os
import shutil
import subprocess

import numpy as np
from ase import Atoms, units
from ase.build import bulk, molecule
from ase.calculators.singlepoint import SinglePointCalculator
from ase.io import read, write

ASE_VELOCITY_TO_ANGSTROM_PER_PS = 1000 * units.fs
rng = np.random.default_rng(20240611)


def triclinic():
    cell = np.array([[4.1, 0.2, -0.3], [0.9, 3.8, 0.4], [-0.5, 0.6, 4.5]])
    fractional = np.array([[0.0, 0.0, 0.0], [0.5, 0.5, 0.1], [0.25, 0.7, 0.55], [0.8, 0.2, 0.75]])
    atoms = Atoms('Si3C', scaled_positions=fractional, cell=cell, pbc=True)
    atoms.positions += rng.normal(scale=0.05, size=(4, 3))
    atoms.set_velocities(rng.normal(scale=0.01, size=(4, 3)))
    atoms.set_tags([1, 2, 1, 3])
    atoms.set_initial_charges([0.1, -0.2, 0.05, 0.05])
    atoms.info.update({'config_type': 'bulk crystal', 'step': 7, 'temperature': 300.5, 'converged': True})
    stress = np.array([0.01, -0.02, 0.03, 0.004, -0.005, 0.006])
    atoms.calc = SinglePointCalculator(
        atoms, energy=-17.25, forces=rng.normal(scale=0.3, size=(4, 3)), stress=stress)
    return atoms


def frames():
    water = molecule('H2O')
    water.calc = SinglePointCalculator(water, energy=-14.2, forces=rng.normal(scale=0.1, size=(3, 3)))
    copper = bulk('Cu', 'fcc', a=3.6, cubic=True)
    masses = copper.get_masses()
    masses[1] = 65.0
    copper.set_masses(masses)
    slab = Atoms('Al2', positions=[[0, 0, 5], [1.4, 1.4, 6.9]], cell=[2.8, 2.8, 0], pbc=[True, True, False])
    slab.calc = SinglePointCalculator(slab, energy=-7.5)
    return [water, copper, slab]


def argon():
    cell = np.array([[5.6, 0, 0], [0.7, 5.4, 0], [0.4, 0.5, 5.7]])
    fractional = np.array([[i, j, k] for i in (0.1, 0.6) for j in (0.1, 0.6) for k in (0.1, 0.6)])
    atoms = Atoms('Ar8', scaled_positions=fractional, cell=cell, pbc=True)
    atoms.positions += rng.normal(scale=0.1, size=(8, 3))
    return atoms


def describe(atoms):
    """The properties Basin must reproduce, as ASE sees them."""
    calc = atoms.calc
    results = calc.results if calc is not None else {}
    velocities = atoms.get_velocities() if 'momenta' in atoms.arrays else None
    stress = None
    if 'stress' in results:
        s = results['stress']
        stress = [[s[0], s[5], s[4]], [s[5], s[1], s[3]], [s[4], s[3], s[2]]]
    info = {k: (v.item() if isinstance(v, np.generic) else v) for k, v in atoms.info.items()
            if isinstance(v, (str, int, float, bool, np.generic))}
    return {
        'symbols': atoms.get_chemical_symbols(),
        'positions': atoms.positions.tolist(),
        'cell': atoms.cell.array.tolist(),
        'pbc': [bool(p) for p in atoms.pbc],
        'masses': atoms.get_masses().tolist(),
        'energy': results.get('energy'),
        'forces': results['forces'].tolist() if 'forces' in results else None,
        'stress': stress,
        'velocities': (velocities * ASE_VELOCITY_TO_ANGSTROM_PER_PS).tolist() if velocities is not None else None,
        'info': info,
    }


def main():
    expected = {}
    tri = triclinic()
    write('ase_triclinic.extxyz', tri, format='extxyz')
    expected['ase_triclinic.extxyz'] = [describe(a) for a in read('ase_triclinic.extxyz', index=':')]

    write('ase_frames.extxyz', frames(), format='extxyz')
    expected['ase_frames.extxyz'] = [describe(a) for a in read('ase_frames.extxyz', index=':')]

    write('ase_triclinic.lmp', tri, format='lammps-data', masses=True, velocities=True, specorder=['Si', 'C'])
    data = read('ase_triclinic.lmp', format='lammps-data', atom_style='atomic', units='metal')
    expected['ase_triclinic.lmp'] = [describe(data)]

    write('lammps_argon.lmp', argon(), format='lammps-data', masses=True)
    if shutil.which('lmp'):
        subprocess.run(['lmp', '-in', 'in.argon', '-log', 'none', '-screen', 'none'], check=True)
        for name in ('lammps_argon.dump', 'lammps_scaled.dump'):
            images = read(name, index=':', format='lammps-dump-text', specorder=['Ar'])
            expected[name] = [describe(a) | {'timestep': a.info['timestep']} for a in images]
    with open('expected.json', 'w') as f:
        json.dump(expected, f, indent=1)


if __name__ == '__main__':
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    main()
