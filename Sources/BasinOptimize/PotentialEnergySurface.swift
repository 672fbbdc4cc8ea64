import BasinAtoms
import BasinPotentials

/// The potential energy of a configuration as a function of its 3N Cartesian coordinates:
/// the `Optimizable` through which minimizers relax atoms.
///
/// Coordinates are ordered (atom 0 x, y, z, atom 1 x, …) in length units; the value is the
/// potential energy (energy units) and the gradient is −forces (energy / length). The norm is
/// the largest per-atom length, so a stopping threshold is ASE's fmax and a maximum step bounds
/// how far any one atom moves. Everything but the positions (cell, species, masses) stays fixed.
public struct PotentialEnergySurface: Optimizable {
    /// The configuration at the most recently evaluated point.
    public private(set) var configuration: Configuration
    public let calculator: Calculator
    private var evaluation = Evaluation()

    public init(configuration: Configuration, calculator: Calculator) {
        self.configuration = configuration
        self.calculator = calculator
    }

    public var dimension: Int { 3 * configuration.count }

    /// The configuration's positions as a point of the surface.
    public var coordinates: [Double] {
        var x = [Double](repeating: 0, count: dimension)
        for (i, r) in configuration.positions.enumerated() {
            x[3 * i] = r.x
            x[3 * i + 1] = r.y
            x[3 * i + 2] = r.z
        }
        return x
    }

    /// The configuration with its atoms at the point `x`.
    public func configuration(at x: [Double]) -> Configuration {
        var result = configuration
        Self.place(x, into: &result.positions)
        return result
    }

    public mutating func evaluate(at x: [Double], gradient: inout [Double]) throws(PotentialError) -> Double {
        Self.place(x, into: &configuration.positions)
        try calculator.evaluate(configuration, .energyAndForces, into: &evaluation)
        for (i, f) in evaluation.forces.enumerated() {
            gradient[3 * i] = -f.x
            gradient[3 * i + 1] = -f.y
            gradient[3 * i + 2] = -f.z
        }
        return evaluation.energy
    }

    /// The largest per-atom length maxᵢ |vᵢ|.
    public func norm(_ vector: [Double]) -> Double {
        var largest = 0.0
        for i in stride(from: 0, to: vector.count, by: 3) {
            largest = max(largest, vector[i] * vector[i] + vector[i + 1] * vector[i + 1] + vector[i + 2] * vector[i + 2])
        }
        return largest.squareRoot()
    }

    private static func place(_ x: [Double], into positions: inout [SIMD3<Double>]) {
        precondition(x.count == 3 * positions.count, "a point needs three coordinates per atom")
        for i in positions.indices {
            positions[i] = SIMD3(x[3 * i], x[3 * i + 1], x[3 * i + 2])
        }
    }
}
