import BasinOptimize

/// Checks that a point is a transition state between two minima: its Hessian, with the
/// symmetry modes left out, has exactly one eigenvalue below −`curvatureTolerance`, and
/// descents started a small step along ± the eigenvector of that eigenvalue end in the two
/// minima (in either order).
///
/// Each descent starts at x ± δ v̂ with δ = `displacement` in the surface's norm, halved (up to
/// ten times) until the energy lies below the saddle's, and runs L-BFGS to `minimumCriteria`.
public struct TransitionStateVerification: Sendable {
    /// Eigenvalues within ± this (energy / length² for atoms) count as zero, not negative.
    public var curvatureTolerance: Double
    /// First displacement along the eigenvector (surface norm; length units for atoms).
    public var displacement: Double
    /// When the descents count as converged minima.
    public var minimumCriteria: StoppingCriteria

    public init(
        curvatureTolerance: Double = 1e-6, displacement: Double = 0.05,
        minimumCriteria: StoppingCriteria = StoppingCriteria(maximumForce: 1e-7, maximumSteps: 20_000)
    ) {
        self.curvatureTolerance = curvatureTolerance
        self.displacement = displacement
        self.minimumCriteria = minimumCriteria
    }

    /// Verifies `saddle` (value `value`) as the transition state between `first` and `second`.
    public func verify<S: LandscapeSurface>(
        _ saddle: [Double], value: Double, on surface: inout S, between first: StationaryPoint, and second: StationaryPoint
    ) throws(S.Failure) -> TransitionStateCheck {
        let modes = InternalModes(hessian: try surface.hessian(at: saddle), symmetryModes: surface.symmetryModes(at: saddle))
        let negative = modes.values.filter { $0 < -curvatureTolerance }.count
        let direction = modes.vectors[0]
        let minus = try descend(&surface, from: saddle, value: value, along: direction, sign: -1)
        let plus = try descend(&surface, from: saddle, value: value, along: direction, sign: 1)
        func same(_ a: StationaryPoint, _ b: StationaryPoint) -> Bool {
            surface.sameMinimum(a.point, value: a.value, b.point, value: b.value)
        }
        let connects = (same(minus, first) && same(plus, second)) || (same(minus, second) && same(plus, first))
        return TransitionStateCheck(
            lowestEigenvalues: Array(modes.values.prefix(3)), negativeEigenvalues: negative, unstableMode: direction,
            minusMinimum: minus, plusMinimum: plus, connectsEnds: connects)
    }

    /// Whether `point` is a minimum: no Hessian eigenvalue (symmetry modes left out) below
    /// −`curvatureTolerance`.
    public func isMinimum<S: LandscapeSurface>(_ point: [Double], on surface: inout S) throws(S.Failure) -> Bool {
        let modes = InternalModes(hessian: try surface.hessian(at: point), symmetryModes: surface.symmetryModes(at: point))
        return (modes.values.first ?? 0) >= -curvatureTolerance
    }

    /// The minimum reached by L-BFGS from saddle + sign·δ·v̂.
    public func descend<S: LandscapeSurface>(
        _ surface: inout S, from saddle: [Double], value: Double, along direction: [Double], sign: Double
    ) throws(S.Failure) -> StationaryPoint {
        let unit = surface.norm(direction)
        var delta = displacement / unit
        var gradient = [Double](repeating: 0, count: saddle.count)
        var start = saddle
        for _ in 0...10 {
            start = zip(saddle, direction).map { $0 + sign * delta * $1 }
            if try surface.evaluate(at: start, gradient: &gradient) < value { break }
            delta /= 2
        }
        let result = try LBFGS().minimize(&surface, from: start, until: minimumCriteria)
        return StationaryPoint(point: result.point, value: result.value, maximumForce: result.maximumForce)
    }
}

/// A point of a surface with its value: an end point, a minimum reached by a descent, a saddle.
public struct StationaryPoint: Sendable, Codable {
    public var point: [Double]
    public var value: Double
    /// The surface's norm of the gradient there.
    public var maximumForce: Double

    public init(point: [Double], value: Double, maximumForce: Double) {
        self.point = point
        self.value = value
        self.maximumForce = maximumForce
    }
}

/// What `TransitionStateVerification` found.
public struct TransitionStateCheck: Sendable {
    /// The lowest (up to three) Hessian eigenvalues without the symmetry modes, ascending.
    public var lowestEigenvalues: [Double]
    /// How many eigenvalues lie below −tolerance.
    public var negativeEigenvalues: Int
    /// The unit eigenvector of the lowest eigenvalue.
    public var unstableMode: [Double]
    /// The minima reached along −v̂ and +v̂.
    public var minusMinimum: StationaryPoint
    public var plusMinimum: StationaryPoint
    /// Whether the two descents reached the two given minima.
    public var connectsEnds: Bool

    /// Exactly one negative eigenvalue, and the descents connect the ends.
    public var isVerified: Bool { negativeEigenvalues == 1 && connectsEnds }
}
