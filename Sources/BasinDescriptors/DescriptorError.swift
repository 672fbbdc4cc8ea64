import BasinAtoms

/// Why symmetry functions cannot be evaluated for a configuration and neighbor list.
public enum DescriptorError: Error, Sendable, Equatable {
    /// An atom's element has no symmetry-function set.
    case missingElement(String)
    /// The neighbor list is a half list; symmetry functions need every neighbor of each atom.
    case halfNeighborList
    /// The neighbor list's cutoff (length units) is below the largest r_c of the functions.
    case neighborListTooShort(listCutoff: Double, required: Double)
}
