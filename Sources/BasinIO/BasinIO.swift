// Module BasinIO: see DESIGN.md.
import BasinAtoms
