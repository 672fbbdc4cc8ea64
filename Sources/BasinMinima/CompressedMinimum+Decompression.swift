import BasinCompression
import BasinMath

/// A minimum recovered from its compressed form by Newton's method.
public struct DecompressedMinimum: Sendable {
    /// X*: the reduced coordinates Newton's method converged to (reduced length units).
    public var coordinates: [Double]
    /// X* as Cartesian positions in the reduced frame (atom 1 at the origin), stored atom order.
    public var positions: [SIMD3<Double>]
    /// Newton steps taken from X^(0),c.
    public var iterations: Int
    /// ‖U_n(X*)‖, the reduced gradient norm at the end.
    public var gradientNorm: Double
}

extension CompressedMinimum {
    /// Newton's settings for decompression: the minimum is unknown, so any critical point Newton
    /// converges to is taken (identity is for `verify` to check), and the last step must be
    /// below 10⁻⁸ — with quadratic convergence the point is then exact to rounding.
    public static var decompressionSettings: NewtonSettings {
        var settings = NewtonSettings()
        settings.targetTolerance = .infinity
        settings.stepTolerance = 1e-8
        return settings
    }

    /// Runs Newton's method on the reduced Lennard-Jones problem from X^(0),c and returns the
    /// minimum it converges to. Each step is solved by conjugate gradients preconditioned with
    /// the Cholesky factor of U_n′(X^(0),c) when that matrix is positive definite. Throws
    /// `.newtonFailed` when Newton does not converge.
    public func decompress(settings: NewtonSettings = CompressedMinimum.decompressionSettings, threads: Int = 1) throws(CompressedMinimumError) -> DecompressedMinimum {
        let problem = ReducedLennardJones(atomCount: atomCount)
        let preconditioner = try? CholeskyFactorization(problem.hessian(coordinates, threads: threads), threads: threads)
        let newton = NewtonIteration(problem: problem, target: coordinates, settings: settings,
                                     preconditioner: preconditioner, threads: threads)
        let result = newton.run(from: coordinates)
        guard result.outcome == .converged else { throw .newtonFailed(result.outcome, iterations: result.iterations) }
        return DecompressedMinimum(
            coordinates: result.point, positions: frame.positions(from: result.point), iterations: result.iterations,
            gradientNorm: result.gradientNorms.last ?? .nan)
    }
}
