// Module BasinDynamics: see DESIGN.md.
import BasinPotentials
