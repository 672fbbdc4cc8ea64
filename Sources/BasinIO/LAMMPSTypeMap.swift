import BasinAtoms

/// Turns LAMMPS atom types (1, 2, …) into species.
///
/// A type's symbol comes, in order of preference, from the caller's list (`typeSymbols[t − 1]`),
/// from the file (type labels, the `# Si` comments of a data file's Masses section, a dump's
/// `element` column), or else is the dummy label `X<t>`. File labels that are neither chemical
/// symbols nor dummy labels (in non-reduced units) fall back to `X<t>`. Types with the same
/// symbol share one species.
struct LAMMPSTypeMap {
    private(set) var table: SpeciesTable
    private let callerSymbols: [String]?
    private var speciesByType: [Int: Int] = [:]

    init(units: UnitSystem, typeSymbols: [String]?) {
        table = SpeciesTable(units: units)
        callerSymbols = typeSymbols
    }

    var elements: [Element] { table.elements }

    /// The species of `type`, created on first use from `fileLabel` and `mass` (the type's mass,
    /// used for dummy species). Throws the unknown symbol when a caller's symbol is invalid.
    mutating func species(
        ofType type: Int, fileLabel: String? = nil, mass: Double? = nil
    ) throws(TypeMapError) -> Int {
        if let known = speciesByType[type] { return known }
        let index: Int
        if let callerSymbols {
            guard callerSymbols.indices.contains(type - 1) else {
                throw .missingSymbol(type: type, available: callerSymbols.count)
            }
            do {
                index = try table.index(of: callerSymbols[type - 1], dummyMass: mass)
            } catch {
                throw .unknownSymbol(callerSymbols[type - 1])
            }
        } else if let fileLabel, let labelled = try? table.index(of: fileLabel, dummyMass: mass) {
            index = labelled
        } else {
            do {
                index = try table.index(of: "X\(type)", dummyMass: mass)
            } catch {
                throw .unknownSymbol("X\(type)")
            }
        }
        speciesByType[type] = index
        return index
    }

    enum TypeMapError: Error {
        case missingSymbol(type: Int, available: Int)
        case unknownSymbol(String)

        var problem: FileFormatError.Problem {
            switch self {
            case .missingSymbol(let type, let available):
                .invalid("atom type \(type) has no element symbol (\(available) symbols given)")
            case .unknownSymbol(let symbol): .unknownElement(symbol)
            }
        }
    }
}
