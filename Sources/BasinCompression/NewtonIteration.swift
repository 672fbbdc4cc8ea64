import BasinMath

/// How Newton's method on U_n(X) = 0 ended.
public enum NewtonOutcome: String, Sendable, Codable, CaseIterable {
    /// Converged, within `NewtonSettings.targetTolerance` of the target minimum X*.
    case converged
    /// Converged to another critical point.
    case convergedElsewhere
    /// Atoms flew apart beyond the escape radius, or a coordinate became NaN or infinite.
    case diverged
    /// The Hessian at an iterate was numerically singular.
    case singularHessian
    /// Still running after `NewtonSettings.maximumIterations` steps.
    case iterationLimit
}

/// Tolerances of `NewtonIteration`, in reduced units.
public struct NewtonSettings: Sendable, Codable {
    /// Converged when ‖U_n(X_k)‖ is at most this …
    public var gradientTolerance = 1e-9
    /// … and the last step ‖X_k − X_{k−1}‖ at most this.
    public var stepTolerance = 1e-6
    /// A converged point this close to X* (Euclidean) is X*.
    public var targetTolerance = 1e-5
    public var maximumIterations = 50
    /// Diverged once an atom lies this many times farther from atom 1 than any atom of X*
    /// does, plus 3σ: the atoms are flying apart.
    public var escapeFactor = 3.0

    public init() {}
}

/// The record of one Newton run.
public struct NewtonResult: Sendable {
    public var outcome: NewtonOutcome
    /// The last iterate.
    public var point: [Double]
    /// Newton steps taken.
    public var iterations: Int
    /// ‖X_k − X*‖ for k = 0, 1, …: quadratic convergence shows as e_{k+1} ≤ C e_k².
    public var errors: [Double]
    /// ‖U_n(X_k)‖ for every iterate whose gradient was evaluated.
    public var gradientNorms: [Double]
}

/// Newton's method X_{k+1} = X_k − U_n′(X_k)⁻¹ U_n(X_k) on the reduced Lennard-Jones problem.
///
/// The step is solved directly — Cholesky when U_n′(X_k) is positive definite, else LU with
/// partial pivoting. Given the Cholesky factor of U_n′(X*), each step is first solved by
/// conjugate gradients preconditioned with it, to a relative residual of 1e-12 within 40
/// iterations; near X* the preconditioned matrix is close to I and this takes a few cheap
/// iterations. When CG does not reach that residual the step is solved directly (LU at
/// once if CG met negative curvature, which proves U_n′(X_k) indefinite), so every step is a
/// Newton step to that accuracy.
public struct NewtonIteration: Sendable {
    public let problem: ReducedLennardJones
    public let target: [Double]
    public var settings: NewtonSettings
    public var threads: Int
    let preconditioner: CholeskyFactorization?
    let escapeRadius: Double

    public init(
        problem: ReducedLennardJones, target: [Double], settings: NewtonSettings = NewtonSettings(),
        preconditioner: CholeskyFactorization? = nil, threads: Int = 1
    ) {
        self.problem = problem
        self.target = target
        self.settings = settings
        self.preconditioner = preconditioner
        self.threads = threads
        let extent = problem.layout.positions(from: target).map { ($0 * $0).sum().squareRoot() }.max() ?? 0
        escapeRadius = settings.escapeFactor * extent + 3
    }

    /// Runs Newton's method from `start`.
    public func run(from start: [Double]) -> NewtonResult {
        let m = problem.variableCount
        var x = start
        var result = NewtonResult(outcome: .iterationLimit, point: x, iterations: 0, errors: [Vectors.distance(x, target)], gradientNorms: [])
        var hessian = DenseMatrix(rows: m, columns: m)
        var lastStep = Double.infinity
        for iteration in 0...settings.maximumIterations {
            let gradient = problem.gradient(x)
            let gradientNorm = Vectors.norm(gradient)
            result.gradientNorms.append(gradientNorm)
            guard gradientNorm.isFinite, !escaped(x) else {
                result.outcome = .diverged
                break
            }
            if gradientNorm <= settings.gradientTolerance, lastStep <= settings.stepTolerance {
                result.outcome = Vectors.distance(x, target) <= settings.targetTolerance ? .converged : .convergedElsewhere
                break
            }
            guard iteration < settings.maximumIterations else { break }
            problem.hessian(x, into: &hessian, threads: threads)
            guard var step = solve(hessian, gradient) else {
                result.outcome = .singularHessian
                break
            }
            var stepNorm = 0.0
            for k in 0..<m {
                step[k] = -step[k]
                x[k] += step[k]
                stepNorm += step[k] * step[k]
            }
            lastStep = stepNorm.squareRoot()
            result.iterations = iteration + 1
            result.errors.append(Vectors.distance(x, target))
        }
        result.point = x
        return result
    }

    private func escaped(_ x: [Double]) -> Bool {
        for value in x where !(abs(value) <= escapeRadius) { return true }
        return false
    }

    /// H⁻¹·g, or nil when H is numerically singular.
    func solve(_ hessian: DenseMatrix, _ gradient: [Double]) -> [Double]? {
        var definite = true
        if let preconditioner {
            switch PreconditionedConjugateGradient.solve(hessian, gradient, preconditioner: preconditioner, threads: threads) {
            case .solved(let step): return step
            case .negativeCurvature: definite = false
            case .notConverged: break
            }
        }
        var step = gradient
        if definite, let cholesky = try? CholeskyFactorization(hessian, threads: threads) {
            cholesky.solve(&step)
            return step
        }
        guard let lu = try? LUFactorization(hessian, threads: threads) else { return nil }
        lu.solve(&step)
        return step.allSatisfy(\.isFinite) ? step : nil
    }
}
