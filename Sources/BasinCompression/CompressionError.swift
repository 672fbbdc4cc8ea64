/// Why a structure cannot be analysed: each case says what was wrong with the input, so that
/// no radius or compression level is ever reported for something that is not a minimum.
public enum CompressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The reduced problem needs at least two atoms.
    case tooFewAtoms(Int)
    /// An atom's coordinate is NaN or infinite (atom index from 0).
    case nonFiniteCoordinates(atom: Int)
    /// Two atoms coincide (indices from 0), so the potential is undefined.
    case coincidentAtoms(Int, Int)
    /// The atoms chosen as 1, 2, 3 of the frame are invalid (equal or out of range).
    case invalidFrame(String)
    /// The gradient in reduced coordinates is too large for a minimum.
    case notAMinimum(gradientNorm: Double, tolerance: Double)
    /// The Hessian at the structure has a negative eigenvalue: a saddle point, not a minimum.
    case indefiniteHessian
    /// The Hessian at the structure is numerically singular (a flat direction).
    case singularHessian

    public var description: String {
        switch self {
        case .tooFewAtoms(let n): return "the reduced Lennard-Jones problem needs at least 2 atoms, got \(n)"
        case .nonFiniteCoordinates(let atom): return "atom \(atom + 1) has a NaN or infinite coordinate"
        case .coincidentAtoms(let i, let j): return "atoms \(i + 1) and \(j + 1) coincide"
        case .invalidFrame(let reason): return "invalid frame: \(reason)"
        case .notAMinimum(let norm, let tolerance):
            return "not a minimum: the reduced gradient norm is \(norm), above the tolerance \(tolerance)"
        case .indefiniteHessian: return "not a minimum: the Hessian has a negative eigenvalue (a saddle point)"
        case .singularHessian: return "the Hessian at the minimum is singular, so no convergence ball exists"
        }
    }
}
