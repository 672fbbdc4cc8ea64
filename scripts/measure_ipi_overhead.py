#!/usr/bin/env python3
"""Socket overhead of `basin ipi` per call: round trip seen by the server minus Basin's compute.

A minimal i-PI server in this script listens on a UNIX socket, starts `basin ipi --timing` with
n2p2's water model on LAMMPS's 1,080-atom box, and times each call from sending POSDATA to
having read the whole GETFORCE answer (the messages i-PI exchanges: POSDATA, STATUS until
HAVEDATA, GETFORCE). `--timing` makes the client report the time its potential took for that
call; the difference is what the socket, the conversions and the message handling cost. Each
call moves the atoms by a small random step, as MD does.

Usage: python3 scripts/measure_ipi_overhead.py [--basin .build/release/basin] [--water DIR] [--calls N]
"""
import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

import numpy as np
from ase.io import read, write

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BOHR = 0.5291772105638411  # Å, as IPIClient.bohr


def header(word):
    return word.encode().ljust(12)


def receive(connection, count):
    data = bytearray()
    while len(data) < count:
        chunk = connection.recv(count - len(data))
        if not chunk:
            sys.exit("measure_ipi_overhead.py: basin ipi closed the connection")
        data += chunk
    return bytes(data)


def expect(connection, word):
    got = receive(connection, 12).decode().strip()
    if got != word:
        sys.exit(f"measure_ipi_overhead.py: expected {word}, got {got}")


def call(connection, cell, positions):
    """One force call as i-PI makes it; returns the energy (Hartree)."""
    connection.sendall(header("POSDATA") + cell.tobytes() + np.linalg.inv(cell).tobytes()
                       + np.int32(len(positions)).tobytes() + positions.tobytes())
    connection.sendall(header("STATUS"))
    expect(connection, "HAVEDATA")
    connection.sendall(header("GETFORCE"))
    expect(connection, "FORCEREADY")
    energy = np.frombuffer(receive(connection, 8), np.float64)[0]
    count = np.frombuffer(receive(connection, 4), np.int32)[0]
    receive(connection, 8 * 3 * count + 8 * 9)
    extra = np.frombuffer(receive(connection, 4), np.int32)[0]
    receive(connection, extra)
    return energy


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--basin", default=os.path.join(ROOT, ".build", "release", "basin"))
    parser.add_argument("--water", default=os.path.join(ROOT, ".fixtures", "h2o-rpbe-d3"))
    parser.add_argument("--calls", type=int, default=50)
    args = parser.parse_args()
    box = read(os.path.join(args.water, "data.H2O-360mol"), format="lammps-data", style="atomic", Z_of_type={1: 1, 2: 8})
    cell = np.ascontiguousarray(box.cell.array.T / BOHR)  # lattice vectors as columns, Bohr
    rng = np.random.default_rng(3)
    with tempfile.TemporaryDirectory() as folder:
        template = os.path.join(folder, "template.xyz")
        write(template, box, format="extxyz")
        path = os.path.join(folder, "socket")
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(path)
        server.listen(1)
        log = open(os.path.join(folder, "client.log"), "w+")
        client = subprocess.Popen([args.basin, "ipi", template, "--address", f"unix:{path}", "--timing", "--potential", "nnp",
                                   "--model", args.water, "--cflength", "1.8897261328", "--cfenergy", "0.0367493254"],
                                  stderr=log)
        connection, _ = server.accept()
        positions = box.positions / BOHR
        round_trips = []
        for _ in range(args.calls):
            connection.sendall(header("STATUS"))
            expect(connection, "NEEDINIT")
            connection.sendall(header("INIT") + np.int32(0).tobytes() + np.int32(0).tobytes())
            positions = positions + rng.normal(scale=0.002 / BOHR, size=positions.shape)
            start = time.perf_counter()
            call(connection, cell, np.ascontiguousarray(positions))
            round_trips.append(time.perf_counter() - start)
        connection.sendall(header("EXIT"))
        client.wait(timeout=60)
        log.seek(0)
        computes = [float(m) / 1e3 for m in re.findall(r"compute ([0-9.]+) ms", log.read())]
    if len(computes) != args.calls:
        sys.exit(f"measure_ipi_overhead.py: {len(computes)} compute times reported for {args.calls} calls")
    overhead = np.array(round_trips[1:]) - np.array(computes[1:])
    print(f"{len(box)} atoms, {args.calls} calls over a UNIX socket (the first, which builds the neighbor list, left out):")
    print(f"  round trip  median {1e3 * np.median(round_trips[1:]):.3f} ms")
    print(f"  compute     median {1e3 * np.median(computes[1:]):.3f} ms")
    print(f"  overhead    median {1e3 * np.median(overhead):.3f} ms, mean {1e3 * overhead.mean():.3f} ms, "
          f"largest {1e3 * overhead.max():.3f} ms")


if __name__ == "__main__":
    main()
