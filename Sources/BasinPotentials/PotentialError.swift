import BasinAtoms

/// Errors from asking a potential for something it cannot give.
public enum PotentialError: Error, Equatable, CustomStringConvertible {
    /// The potential does not implement these properties.
    case unsupported(Properties, potential: String)
    /// Parameters that make no physical sense (negative σ, a missing species pair, …).
    case invalidParameters(String)
    /// The configuration's unit system differs from the potential's.
    case unitMismatch(configuration: String, potential: String)
    /// A configuration problem found while evaluating.
    case configuration(AtomsError)
    /// The potential returned NaN or an infinity (`what`, e.g. "the force on atom 3"): its
    /// parameters overflow, or the structure is far outside what it describes.
    case nonFiniteResult(String, potential: String)

    public var description: String {
        switch self {
        case .unsupported(let properties, let potential): "\(potential) does not compute \(properties)"
        case .invalidParameters(let message): "invalid potential parameters: \(message)"
        case .unitMismatch(let c, let p): "the structure is in \(c) units but the potential in \(p) units"
        case .configuration(let error): error.description
        case .nonFiniteResult(let what, let potential):
            "\(potential) returned a non-finite value for \(what); check its parameters (an overflowing one such as 1e308) and the structure"
        }
    }
}
