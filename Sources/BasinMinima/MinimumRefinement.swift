import BasinCompression
import BasinMath

/// Polishes a Lennard-Jones cluster minimum with a few Newton steps, so that a minimum a search
/// converged only to its own force tolerance (basin hop's --fmax) meets the compression
/// analysis's tighter gradient test — without becoming a different minimum.
///
/// The steps run in reduced coordinates (`ReducedFrame`, the first frame `FrameSelection`
/// proposes): x ← x − U′(x)⁻¹ ∇U(x), with U′ factored by Cholesky, for as long as a step at
/// least halves the reduced gradient norm — Newton's quadratic convergence reaches the level of
/// rounding in two or three steps — so that the stored minimum is the one Newton's method finds
/// again when a compressed copy is decompressed (`db verify` compares them to 10⁻¹⁰). The
/// result is put back in the stored orientation and order (`ReducedFrame.Axes`), so that it
/// differs from the stored positions only by the Newton correction. Reduced units (ε = σ = 1).
enum MinimumRefinement {
    /// A refined minimum.
    struct Refined {
        /// Cartesian positions, stored order and orientation.
        var positions: [SIMD3<Double>]
        /// Reduced gradient norm at the refined positions.
        var gradientNorm: Double
        /// Largest distance an atom moved (reduced length units).
        var displacement: Double
    }

    /// Refines `positions`, or says why it is not a minimum near them: the Hessian is not
    /// positive definite, Newton's method did not reach `tolerance` within `maximumSteps`, or it
    /// moved an atom farther than `largestDisplacement` (another minimum, not this one).
    ///
    /// - Parameter tolerance: largest reduced gradient norm accepted at the end.
    static func refine(
        _ positions: [SIMD3<Double>], tolerance: Double, largestDisplacement: Double, maximumSteps: Int = 8, threads: Int = 1
    ) -> Result<Refined, RefinementFailure> {
        let n = positions.count
        guard n >= 2, let choice = FrameSelection.candidates(for: positions, limit: 1).first,
              let frame = try? ReducedFrame(atomCount: n, origin: choice.origin, axis: choice.axis, plane: choice.plane),
              let axes = try? frame.axes(in: positions), var x = try? frame.coordinates(of: positions)
        else { return .failure(RefinementFailure("the atoms do not define a reduced frame (coincident or non-finite positions)")) }
        let problem = ReducedLennardJones(atomCount: n)
        var gradient = problem.gradient(x)
        var norm = gradient.dot(gradient).squareRoot()
        var steps = 0
        while norm > 0, steps < maximumSteps {
            guard let factor = try? CholeskyFactorization(problem.hessian(x, threads: threads), threads: threads) else {
                return .failure(RefinementFailure("the Hessian is not positive definite (a saddle point or a flat direction)"))
            }
            var step = gradient
            factor.solve(&step)
            let trial = zip(x, step).map { $0 - $1 }
            let trialGradient = problem.gradient(trial)
            let trialNorm = trialGradient.dot(trialGradient).squareRoot()
            guard trialNorm <= 0.5 * norm else { break }
            (x, gradient, norm) = (trial, trialGradient, trialNorm)
            steps += 1
        }
        guard norm <= tolerance, norm.isFinite else {
            return .failure(RefinementFailure("\(steps) Newton steps left the reduced gradient norm at \(norm), above \(tolerance)"))
        }
        if steps == 0 { return .success(Refined(positions: positions, gradientNorm: norm, displacement: 0)) }
        // Back in the stored orientation: the frame's rigid motion undone.
        let refined = frame.positions(from: x).map(axes.placing)
        guard refined.allSatisfy({ $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }) else {
            return .failure(RefinementFailure("the refined positions are not finite"))
        }
        let displacement = zip(refined, positions).map { a, b in ((a - b) * (a - b)).sum().squareRoot() }.max() ?? 0
        guard displacement <= largestDisplacement else {
            return .failure(RefinementFailure("Newton's method moved an atom by \(displacement), more than \(largestDisplacement): another minimum"))
        }
        return .success(Refined(positions: refined, gradientNorm: norm, displacement: displacement))
    }
}

/// Why `MinimumRefinement` found no minimum near a structure.
struct RefinementFailure: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
