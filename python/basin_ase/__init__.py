"""ASE calculator for Basin potentials: `BasinCalculator` runs `basin ipi` as a private
i-PI client and talks to it through ASE's socket I/O."""

from .calculator import BasinCalculator

__all__ = ["BasinCalculator"]
