import BasinOptimize

/// The Rosenbrock function f(x) = Σᵢ [100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²], with its minimum
/// f = 0 at (1, …, 1) at the end of a long curved valley.
struct Rosenbrock: Optimizable {
    let dimension: Int

    func evaluate(at x: [Double], gradient: inout [Double]) -> Double {
        var value = 0.0
        for k in gradient.indices { gradient[k] = 0 }
        for i in 0..<(dimension - 1) {
            let valley = x[i + 1] - x[i] * x[i], offset = 1 - x[i]
            value += 100 * valley * valley + offset * offset
            gradient[i] += -400 * x[i] * valley - 2 * offset
            gradient[i + 1] += 200 * valley
        }
        return value
    }
}

/// f(x) = f₀ + ½ Σₖ cₖ (xₖ − 1)², minimum f₀ at (1, …, 1), condition number max c / min c.
/// A large offset f₀ drowns small changes of f in rounding while the gradient stays exact.
struct Quadratic: Optimizable {
    let curvatures: [Double]
    var offset = 0.0

    var dimension: Int { curvatures.count }

    func evaluate(at x: [Double], gradient: inout [Double]) -> Double {
        var value = offset
        for k in x.indices {
            let d = x[k] - 1
            value += 0.5 * curvatures[k] * d * d
            gradient[k] = curvatures[k] * d
        }
        return value
    }
}

/// f(x) = ½|x|² reporting the gradient with the wrong sign, so that no step along −gradient
/// lowers f: a line search must fail.
struct WrongGradient: Optimizable {
    let dimension: Int

    func evaluate(at x: [Double], gradient: inout [Double]) -> Double {
        for k in x.indices { gradient[k] = -x[k] }
        return 0.5 * x.reduce(0) { $0 + $1 * $1 }
    }
}

/// f(x) = Σ xₖ where every xₖ > −1 and NaN elsewhere: descent runs into the undefined region.
struct Cliff: Optimizable {
    let dimension: Int

    func evaluate(at x: [Double], gradient: inout [Double]) -> Double {
        for k in x.indices { gradient[k] = 1 }
        return x.allSatisfy { $0 > -1 } ? x.reduce(0, +) : .nan
    }
}

/// Another problem that counts its evaluations.
struct Counting<Problem: Optimizable>: Optimizable {
    var problem: Problem
    var evaluations = 0

    var dimension: Int { problem.dimension }

    mutating func evaluate(at x: [Double], gradient: inout [Double]) throws(Problem.Failure) -> Double {
        evaluations += 1
        return try problem.evaluate(at: x, gradient: &gradient)
    }

    func norm(_ vector: [Double]) -> Double { problem.norm(vector) }
}
