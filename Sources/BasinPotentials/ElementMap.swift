import BasinAtoms

/// Matches a configuration's species to the elements a potential has parameters for, by
/// chemical symbol (or dummy label), as LAMMPS's `pair_coeff * * FILE Si O` does by position.
public enum ElementMap {
    /// For each species of `configuration`, the index of its symbol in `elements`.
    /// - Throws: `PotentialError.invalidParameters` naming the first species the potential lacks.
    public static func indices(of configuration: Configuration, in elements: [String], potential: String) throws(PotentialError) -> [Int] {
        var indices: [Int] = []
        for element in configuration.elements {
            guard let index = elements.firstIndex(of: element.symbol) else {
                throw .invalidParameters(
                    "\(potential) has no parameters for element '\(element.symbol)' (it has \(elements.joined(separator: ", ")))")
            }
            indices.append(index)
        }
        return indices
    }
}
