import BasinAtoms
import BasinPotentials

/// Errors a user can cause when setting up or running dynamics.
public enum DynamicsError: Error, Equatable, CustomStringConvertible {
    /// A time step, temperature, damping time, interval or similar that makes no sense.
    case invalidParameter(String)
    /// The configuration cannot be simulated as given (array lengths, too few atoms, no cell).
    case invalidConfiguration(String)
    /// The calculator could not evaluate the configuration.
    case evaluation(PotentialError)
    /// Positions stopped being finite numbers: the integration became unstable.
    case unstable(step: Int)

    public var description: String {
        switch self {
        case .invalidParameter(let message): "invalid dynamics parameter: \(message)"
        case .invalidConfiguration(let message): "cannot simulate this structure: \(message)"
        case .evaluation(let error): error.description
        case .unstable(let step):
            "the integration became unstable at step \(step) (positions are no longer finite); try a smaller time step"
        }
    }
}

extension DynamicsError {
    /// Checks that `value` is finite and positive.
    static func requirePositive(_ value: Double, _ name: String) throws(DynamicsError) {
        guard value.isFinite, value > 0 else { throw .invalidParameter("\(name) must be positive, got \(value)") }
    }

    /// Checks that `value` is finite and not negative.
    static func requireNonNegative(_ value: Double, _ name: String) throws(DynamicsError) {
        guard value.isFinite, value >= 0 else { throw .invalidParameter("\(name) must be zero or positive, got \(value)") }
    }
}
