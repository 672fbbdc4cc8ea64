import BasinMath

/// The L-BFGS variant of GMIN and pele for the many quenches of basin hopping: Nocedal's
/// two-loop recursion (Nocedal, Math. Comp. 35, 773 (1980); Liu & Nocedal, Math. Program. 45,
/// 503 (1989)) with a short memory and, instead of a Wolfe line search, the step −H∇f taken
/// whole unless it is longer than `maximumStep`.
///
/// A step that raises f by more than `maximumRise` is divided by ten, up to ten times, and the
/// memory is cleared when none is small enough (Wales' GMIN `mylbfgs`; pele's `LBFGS`). Almost
/// every iteration therefore costs one evaluation, about half of what a strong Wolfe search
/// costs, which dominates the price of a basin-hopping step.
///
/// H₀ = γI with γ = sᵀy / yᵀy of the newest pair (Nocedal & Wright eq. 7.20), and
/// `initialScale` before any pair is known. Only pairs with sᵀy > 0 are kept, so −H∇f is a
/// descent direction; should rounding make it not one, the memory is cleared.
public struct BasinHoppingLBFGS: Minimizer {
    /// Number m of correction pairs kept.
    public var memory: Int
    /// Longest step, in the problem's norm (for atoms: the largest distance any atom moves in
    /// one iteration, length units).
    public var maximumStep: Double
    /// Largest rise of f accepted in one step (energy units).
    public var maximumRise: Double
    /// γ of H₀ = γI while no pair is stored (length² / energy for atoms).
    public var initialScale: Double

    /// m = 4, maximum step 0.1, maximum rise 10⁻⁴ and γ₀ = 0.1: pele's defaults for clusters
    /// in reduced Lennard-Jones units.
    public init(memory: Int = 4, maximumStep: Double = 0.1, maximumRise: Double = 1e-4, initialScale: Double = 0.1) {
        precondition(memory >= 1 && maximumStep > 0 && maximumRise >= 0 && initialScale > 0,
                     "memory, maximum step and initial scale must be positive, the maximum rise non-negative")
        self.memory = memory
        self.maximumStep = maximumStep
        self.maximumRise = maximumRise
        self.initialScale = initialScale
    }

    /// Divisions of a rising step by ten before the memory is cleared.
    private static let reductions = 10

    public func minimize<P: Optimizable>(
        _ problem: inout P, from start: [Double], until criteria: StoppingCriteria,
        observer: MinimizationObserver?
    ) throws(P.Failure) -> MinimizationResult {
        var log = RunBookkeeping(criteria: criteria, observer: observer)
        var x = start, gradient: [Double] = [], value = 0.0, force = 0.0
        if let early = try log.begin(&problem, at: start, value: &value, gradient: &gradient, force: &force) { return early }
        var history = TwoLoopHistory(memory: memory, dimension: start.count, initialScale: initialScale)
        var direction = [Double](repeating: 0, count: start.count)
        var trialPoint = direction, trialGradient = direction

        while true {
            if let reason = log.stopReason(force: force) { return log.result(reason, point: x, value: value, force: force) }
            history.direction(for: gradient, into: &direction)
            if !(gradient.dot(direction) < 0) {
                history.clear()
                history.direction(for: gradient, into: &direction)
            }
            var factor = min(1, maximumStep / problem.norm(direction))
            var accepted = false
            for _ in 0...Self.reductions {
                trialPoint.assign(x, plus: factor, times: direction)
                let trialValue = try problem.evaluate(at: trialPoint, gradient: &trialGradient)
                log.evaluations += 1
                if trialValue.isFinite, trialValue - value <= maximumRise, trialGradient.isFinite {
                    value = trialValue
                    accepted = true
                    break
                }
                factor /= 10
            }
            guard accepted else {
                if history.isEmpty { return log.result(.lineSearchFailed, point: x, value: value, force: force) }
                history.clear()
                continue
            }
            log.iterations += 1
            history.append(from: x, to: trialPoint, gradient: gradient, to: trialGradient)
            swap(&x, &trialPoint)
            swap(&gradient, &trialGradient)
            force = problem.norm(gradient)
            log.report(point: x, value: value, force: force)
        }
    }
}

/// The correction pairs of `BasinHoppingLBFGS` in one contiguous ring buffer, and the two-loop
/// recursion on raw buffers.
private struct TwoLoopHistory {
    let memory: Int
    let dimension: Int
    let initialScale: Double
    /// Pair slot k holds s at [2kn, 2kn + n) and y at [2kn + n, 2(k + 1)n).
    private var pairs: [Double]
    /// 1 / sᵀy and the first loop's α of each slot.
    private var rho: [Double]
    private var alpha: [Double]
    private var newest = -1
    private var count = 0
    private var scale: Double

    init(memory: Int, dimension: Int, initialScale: Double) {
        self.memory = memory
        self.dimension = dimension
        self.initialScale = initialScale
        pairs = [Double](repeating: 0, count: 2 * memory * dimension)
        rho = [Double](repeating: 0, count: memory)
        alpha = rho
        scale = initialScale
    }

    var isEmpty: Bool { count == 0 }

    mutating func clear() {
        count = 0
        newest = -1
        scale = initialScale
    }

    /// Stores s = xNew − x, y = gNew − g when sᵀy > 0.
    mutating func append(from x: [Double], to xNew: [Double], gradient g: [Double], to gNew: [Double]) {
        let n = dimension
        let slot = (newest + 1) % memory
        let (sy, yy) = pairs.withUnsafeMutableBufferPointer { buffer in
            let s = buffer.baseAddress! + 2 * slot * n, y = s + n
            var sy = 0.0, yy = 0.0
            for k in 0..<n {
                s[k] = xNew[k] - x[k]
                y[k] = gNew[k] - g[k]
                sy += s[k] * y[k]
                yy += y[k] * y[k]
            }
            return (sy, yy)
        }
        guard sy > 0, yy > 0 else { return }
        newest = slot
        count = min(count + 1, memory)
        rho[slot] = 1 / sy
        scale = sy / yy
    }

    /// d ← −H g.
    mutating func direction(for g: [Double], into d: inout [Double]) {
        let n = dimension, count = count, newest = newest, memory = memory, scale = scale
        pairs.withUnsafeBufferPointer { buffer in
            rho.withUnsafeBufferPointer { rho in
                alpha.withUnsafeMutableBufferPointer { alpha in
                    d.withUnsafeMutableBufferPointer { d in
                        let d = d.baseAddress!
                        for k in 0..<n { d[k] = -g[k] }
                        for age in 0..<count {
                            let slot = (newest - age + memory) % memory
                            let s = buffer.baseAddress! + 2 * slot * n, y = s + n
                            let a = rho[slot] * DenseKernels.dot(s, d, count: n)
                            alpha[slot] = a
                            for k in 0..<n { d[k] -= a * y[k] }
                        }
                        for k in 0..<n { d[k] *= scale }
                        for age in stride(from: count - 1, through: 0, by: -1) {
                            let slot = (newest - age + memory) % memory
                            let s = buffer.baseAddress! + 2 * slot * n, y = s + n
                            let b = alpha[slot] - rho[slot] * DenseKernels.dot(y, d, count: n)
                            for k in 0..<n { d[k] += b * s[k] }
                        }
                    }
                }
            }
        }
    }
}
