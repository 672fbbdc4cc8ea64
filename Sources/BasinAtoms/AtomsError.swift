/// Errors a user can cause when building or checking a configuration.
public enum AtomsError: Error, Equatable, CustomStringConvertible {
    /// A chemical symbol or atomic number that names no element.
    case unknownElement(String)
    /// A position, velocity or cell entry that is NaN or infinite.
    case nonFinite(what: String, atom: Int?)
    /// Two atoms closer than the allowed minimum distance.
    case overlappingAtoms(Int, Int, distance: Double)
    /// Arrays of per-atom data whose lengths disagree.
    case countMismatch(String)
    /// A cell that cannot serve its periodic directions (zero volume, too thin).
    case invalidCell(String)
    /// A structure that cannot be built as asked (e.g. no room for a random gas).
    case cannotBuild(String)

    public var description: String {
        switch self {
        case .unknownElement(let symbol): "unknown element '\(symbol)'"
        case .nonFinite(let what, let atom):
            if let atom { "\(what) of atom \(atom + 1) is not a finite number" } else { "\(what) is not a finite number" }
        case .overlappingAtoms(let i, let j, let distance):
            "atoms \(i + 1) and \(j + 1) overlap (distance \(distance))"
        case .countMismatch(let message): message
        case .invalidCell(let message): "invalid cell: \(message)"
        case .cannotBuild(let message): message
        }
    }
}
