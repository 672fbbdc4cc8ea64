"""The libraries n2p2's sources need to build: Eigen (headers), and for libnnptrain and its
programs the GSL, MPI and a BLAS.

All come from Debian's packages (libeigen3-dev, libgsl-dev, libopenmpi-dev, libblas-dev) and
are installed with apt-get when one of their files is missing, so that a benchmark that builds
n2p2 from a checkout given by path runs on a fresh machine.
"""
import os
import subprocess
import sys

PACKAGES = {"libeigen3-dev": "/usr/include/eigen3/Eigen/Core", "libgsl-dev": "/usr/include/gsl/gsl_vector.h",
            "libopenmpi-dev": "/usr/lib/x86_64-linux-gnu/openmpi/include/mpi.h",
            "libblas-dev": "/usr/lib/x86_64-linux-gnu/libblas.so"}


def ensure_n2p2_build_dependencies():
    """Installs the Debian packages whose files are missing; a no-op when all are present."""
    missing = [name for name, header in PACKAGES.items() if not os.path.exists(header)]
    if not missing:
        return
    print(f"installing {', '.join(missing)} for n2p2's build with apt-get ...", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env, stdout=subprocess.DEVNULL)
