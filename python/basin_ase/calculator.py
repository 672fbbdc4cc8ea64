"""`BasinCalculator`: an ASE calculator backed by a `basin ipi` process.

The calculator writes the atoms it first sees to a private folder (their species and order are
what `basin ipi` serves), listens on a private UNIX socket with ASE's `SocketIOCalculator`, starts
`basin ipi` with the potential options given, and stops the process when it is closed (or
garbage-collected). Energies are in eV, forces in eV/Å and stress in eV/Å³, ASE's units; the
physics is Basin's own code.

    from basin_ase import BasinCalculator
    atoms.calc = BasinCalculator(potential="sw", parameters="Si")
    atoms.calc = BasinCalculator(potential="nnp", model="H2O", cflength=1.8897261328,
                                 cfenergy=0.0367493254)
"""
import os
import shutil
import subprocess
import tempfile
import uuid

from ase.calculators.calculator import Calculator, all_changes
from ase.calculators.socketio import SocketIOCalculator
from ase.io import write


class BasinCalculator(Calculator):
    """Energy, free energy, forces and stress from a Basin potential.

    Keyword arguments become `basin ipi` options (`potential="sw"` → `--potential sw`,
    `parameters="Si"` → `--parameters Si`, `model=` → `--model`, `threads=2` → `--threads 2`;
    `True` adds a bare flag). `basin` is the executable (default: `basin` on the PATH).
    """

    implemented_properties = ["energy", "free_energy", "forces", "stress"]

    def __init__(self, basin="basin", **options):
        super().__init__()
        executable = shutil.which(basin) or basin
        if not os.path.exists(executable):
            raise FileNotFoundError(f"basin executable not found: {basin}")
        self.basin = os.path.abspath(executable)
        self.options = []
        for key, value in options.items():
            flag = "--" + key.replace("_", "-")
            if value is True:
                self.options.append(flag)
            elif value is not None and value is not False:
                self.options += [flag, str(value)]
        self.folder = tempfile.mkdtemp(prefix="basin-ase-")
        self.socket_name = f"basin-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.template = None
        self.server = None

    def _launch(self, atoms, properties, port, unixsocket):
        command = [self.basin, "ipi", self.template, "--address", f"unix:{unixsocket}"] + self.options
        return subprocess.Popen(command, stderr=open(os.path.join(self.folder, "basin-ipi.log"), "w"))

    def calculate(self, atoms=None, properties=("energy",), system_changes=all_changes):
        super().calculate(atoms, properties, system_changes)
        if self.server is None:
            self.template = os.path.join(self.folder, "template.xyz")
            write(self.template, self.atoms, format="extxyz")
            self.server = SocketIOCalculator(launch_client=self._launch, unixsocket=self.socket_name)
            self.species = self.atoms.get_chemical_symbols()
        if self.atoms.get_chemical_symbols() != self.species:
            raise ValueError("BasinCalculator serves the atoms it first saw; the species or their order changed")
        try:
            self.server.calculate(self.atoms, properties, system_changes)
        except Exception as error:
            log = os.path.join(self.folder, "basin-ipi.log")
            detail = open(log).read().strip() if os.path.exists(log) else ""
            raise RuntimeError(f"basin ipi failed: {detail or error}") from error
        self.results = dict(self.server.results)
        if not self.atoms.pbc.all():
            self.results.pop("stress", None)

    def close(self):
        if self.server is not None:
            self.server.close()
            self.server = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()
