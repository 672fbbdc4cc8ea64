// Module BasinOptimize: see DESIGN.md.
import BasinPotentials
