import BasinAtoms
import BasinPotentials

/// What a user can get wrong when setting up or running a least-action path.
public enum LeastActionError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The two end points differ in atom count, species, masses, cell or units.
    case endPointMismatch(String)
    /// An end point is not a valid structure (overlapping atoms, non-finite numbers, …).
    case invalidEndPoint(which: String, AtomsError)
    /// Fewer than three grid intervals, a non-positive duration, or another bad setting.
    case invalidSetting(String)
    /// The potential cannot supply what the loss needs.
    case potential(PotentialError)
    /// A resumed state does not fit the problem.
    case incompatibleState(String)

    public var description: String {
        switch self {
        case .endPointMismatch(let message): "the end points do not match: \(message)"
        case .invalidEndPoint(let which, let error): "\(which): \(error)"
        case .invalidSetting(let message): message
        case .potential(let error): error.description
        case .incompatibleState(let message): "the saved state does not fit this run: \(message)"
        }
    }

    public static func == (lhs: LeastActionError, rhs: LeastActionError) -> Bool { lhs.description == rhs.description }
}
