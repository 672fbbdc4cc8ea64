import Foundation

/// One symmetry-function value outside the range the model was trained on: an extrapolation
/// warning as n2p2 reports it (structure, atom, element, function index and type, value, min, max).
public struct ExtrapolationWarning: Sendable, Equatable, Encodable {
    /// The caller's index of the evaluation: MD step, frame or minimizer iteration
    /// (`ExtrapolationMonitor.step` when the value was seen).
    public var step: Int
    /// 0-based atom index in the configuration.
    public var atom: Int
    /// The atom's element symbol.
    public var element: String
    /// 1-based function index in the element's n2p2 (sorted) order, as scaling.data numbers it.
    public var function: Int
    /// The function's type code (2 radial, 3 narrow angular, 9 wide angular, …).
    public var type: Int
    /// The value G and the training range [min, max] of scaling.data (dimensionless).
    public var value: Double
    public var minimum: Double
    public var maximum: Double

    /// How far outside the range the value lies: min − G below it, G − max above it (> 0).
    public var excess: Double { value < minimum ? minimum - value : value - maximum }

    /// One line naming the step, atom, element and function, with the value and the range.
    public var description: String {
        String(format: "step %ld, atom %ld (%@), symmetry function %ld (type %ld): G = %.6g outside [%.6g, %.6g]",
               step, atom, element, function, type, value, minimum, maximum)
    }
}
