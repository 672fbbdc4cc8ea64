/// The minimizers by name, for command lines and configuration files.
public enum MinimizationMethod: String, CaseIterable, Sendable, Codable {
    case fire
    case lbfgs
    case bfgs
    case cg

    /// The minimizer with its default parameters and the given maximum step (problem's norm;
    /// for atoms, length units).
    public func minimizer(maximumStep: Double = 0.2) -> any Minimizer {
        switch self {
        case .fire: FIRE(maximumStep: maximumStep)
        case .lbfgs: LBFGS(maximumStep: maximumStep)
        case .bfgs: BFGS(maximumStep: maximumStep)
        case .cg: ConjugateGradient(maximumStep: maximumStep)
        }
    }
}
