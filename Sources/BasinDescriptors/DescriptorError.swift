import BasinAtoms

/// Why symmetry functions cannot be evaluated for a configuration and neighbor list.
public enum DescriptorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An atom's element has no symmetry-function set.
    case missingElement(String)
    /// The neighbor list is a half list; symmetry functions need every neighbor of each atom.
    case halfNeighborList
    /// The neighbor list's cutoff (length units) is below the largest r_c of the functions.
    case neighborListTooShort(listCutoff: Double, required: Double)
    /// No neighbor list could be built for the configuration (e.g. a cell too thin).
    case neighborList(AtomsError)

    public var description: String {
        switch self {
        case .missingElement(let symbol): "no symmetry functions for element \(symbol)"
        case .halfNeighborList: "symmetry functions need a full neighbor list"
        case .neighborListTooShort(let list, let required):
            "the neighbor list cutoff \(list) is below the largest symmetry-function cutoff \(required)"
        case .neighborList(let error): "neighbor list: \(error)"
        }
    }
}
