/// A line search for a step length α along a descent direction d satisfying the strong Wolfe
/// conditions, with φ(α) = f(x + α d):
///
///     φ(α) ≤ φ(0) + c₁ α φ′(0)      (sufficient decrease)
///     |φ′(α)| ≤ c₂ |φ′(0)|          (curvature)
///
/// The algorithm is Nocedal & Wright, *Numerical Optimization* (2nd ed., 2006), Algorithms 3.5
/// (bracketing) and 3.6 (zoom), with safeguarded cubic interpolation (their eq. 3.59). Steps
/// never exceed a maximum length; if f still falls steeply there, that longest step is taken
/// (a trust-region-like cap, as ASE's maxstep).
///
/// Values within `valueTolerance`·max(1, |φ(0)|) of each other count as equal, so that near a
/// minimum, where differences in f sink into rounding noise, the slopes (which stay accurate)
/// decide: such samples are compared by slope and interpolated by the secant on their slopes
/// instead of the cubic. Without this, conjugate gradients stall at forces near 1e-6 ε/σ on
/// a 100-atom Lennard-Jones cluster.
public struct LineSearch: Sendable, Equatable {
    /// c₁ of the sufficient-decrease condition, 0 < c₁ < c₂.
    public var sufficientDecrease: Double
    /// c₂ of the curvature condition, c₁ < c₂ < 1: 0.9 suits quasi-Newton methods, 0.1
    /// conjugate gradients (Nocedal & Wright §3.1).
    public var curvature: Double
    /// Largest number of function evaluations per search (plus one, if needed, to return to
    /// the best sample when they run out).
    public var maximumEvaluations: Int
    /// Relative size of rounding noise in f.
    public var valueTolerance: Double

    public init(sufficientDecrease: Double = 1e-4, curvature: Double, maximumEvaluations: Int = 20, valueTolerance: Double = 1e-12) {
        precondition(0 < sufficientDecrease && sufficientDecrease < curvature && curvature < 1, "need 0 < c1 < c2 < 1")
        precondition(maximumEvaluations >= 1 && valueTolerance >= 0, "need at least one evaluation and a non-negative tolerance")
        self.sufficientDecrease = sufficientDecrease
        self.curvature = curvature
        self.maximumEvaluations = maximumEvaluations
        self.valueTolerance = valueTolerance
    }

    /// How a search ended.
    enum Status {
        /// Both strong Wolfe conditions hold.
        case strongWolfe
        /// f decreased sufficiently but the curvature condition does not hold (the step was
        /// capped at its maximum, or the evaluations ran out).
        case sufficientDecrease
        /// No step lowered f.
        case noDecrease
    }

    struct Outcome {
        var status: Status
        /// The accepted α (0 when nothing was accepted).
        var step: Double
        /// φ(step).
        var value: Double
        var evaluations: Int
    }

    /// One sample φ(α), φ′(α).
    private struct Sample {
        var step: Double
        var value: Double
        var slope: Double
    }

    /// Searches along `direction` from `x`. Unless the status is `noDecrease`, `trialPoint`
    /// and `trialGradient` hold x + α d and ∇f there on return.
    /// - Parameters:
    ///   - value: f(x).
    ///   - slope: φ′(0) = ∇f(x)·d, negative.
    ///   - initialStep: the first α to try.
    ///   - maximumStep: the largest α allowed.
    func search<P: Optimizable>(
        _ problem: inout P, from x: [Double], along direction: [Double], value: Double, slope: Double,
        initialStep: Double, maximumStep: Double, trialPoint: inout [Double], trialGradient: inout [Double]
    ) throws(P.Failure) -> Outcome {
        // Overflowing or vanishing numbers (a descent slope of −∞ or −0, a step bound of 0 or
        // ∞) leave nothing to search: the caller sees no decrease and stops cleanly.
        guard slope < 0, slope.isFinite, initialStep > 0, initialStep.isFinite, maximumStep > 0, maximumStep.isFinite else {
            return Outcome(status: .noDecrease, step: 0, value: value, evaluations: 0)
        }
        let noise = valueTolerance * max(1, abs(value))
        let c1 = sufficientDecrease, c2 = curvature
        var evaluations = 0
        var lastEvaluated = 0.0

        func sample(_ step: Double) throws(P.Failure) -> Sample {
            trialPoint.assign(x, plus: step, times: direction)
            let f = try problem.evaluate(at: trialPoint, gradient: &trialGradient)
            evaluations += 1
            lastEvaluated = step
            let s = trialGradient.dot(direction)
            // A non-finite sample counts as an overshoot, to be bisected away.
            return f.isFinite && s.isFinite ? Sample(step: step, value: f, slope: s) : Sample(step: step, value: .infinity, slope: .nan)
        }
        func decreasesSufficiently(_ p: Sample) -> Bool { p.value <= value + c1 * p.step * slope + noise }
        func curvatureHolds(_ p: Sample) -> Bool { abs(p.slope) <= -c2 * slope }
        // The minimizer of the cubic through two samples; when their values differ by no more
        // than the noise, the zero of the secant on their slopes.
        func interpolate(_ p: Sample, _ q: Sample) -> Double? {
            abs(p.value - q.value) <= noise ? slopeSecant(p, q) : cubicMinimizer(p, q)
        }
        func outcome(_ status: Status, _ p: Sample) -> Outcome {
            Outcome(status: status, step: p.step, value: p.value, evaluations: evaluations)
        }

        // When the evaluations run out or the interval collapses: take the best sample if it
        // lowered f at all.
        func settle(for best: Sample) throws(P.Failure) -> Outcome {
            guard best.step > 0, best.value < value else {
                return Outcome(status: .noDecrease, step: 0, value: value, evaluations: evaluations)
            }
            if lastEvaluated != best.step { _ = try sample(best.step) }
            return outcome(.sufficientDecrease, best)
        }

        // Algorithm 3.6: shrink [lo, hi] around a Wolfe point. Invariants: lo decreases f
        // sufficiently and is the lowest such sample; lo.slope · (hi.step − lo.step) < 0.
        func zoom(_ lo: Sample, _ hi: Sample) throws(P.Failure) -> Outcome {
            var lo = lo, hi = hi
            while evaluations < maximumEvaluations {
                let a = min(lo.step, hi.step), b = max(lo.step, hi.step)
                guard b - a > 1e-14 * b else { break }
                var step = interpolate(lo, hi) ?? 0.5 * (a + b)
                let margin = 0.1 * (b - a)
                if !(step > a + margin && step < b - margin) { step = 0.5 * (a + b) }
                let p = try sample(step)
                if !decreasesSufficiently(p) || p.value > lo.value + noise {
                    hi = p
                } else {
                    if curvatureHolds(p) { return outcome(.strongWolfe, p) }
                    if p.slope * (hi.step - lo.step) >= 0 { hi = lo }
                    lo = p
                }
            }
            return try settle(for: lo)
        }

        // Algorithm 3.5: increase α until an interval is known to contain a Wolfe point.
        var previous = Sample(step: 0, value: value, slope: slope)
        var step = min(initialStep, maximumStep)
        while evaluations < maximumEvaluations {
            let p = try sample(step)
            if !decreasesSufficiently(p) || (previous.step > 0 && p.value > previous.value + noise) {
                return try zoom(previous, p)
            }
            if curvatureHolds(p) { return outcome(.strongWolfe, p) }
            if p.slope >= 0 { return try zoom(p, previous) }
            if step >= maximumStep { return outcome(.sufficientDecrease, p) }
            // Still descending: extrapolate to the interpolated minimum if it lies ahead, kept
            // between 1.1 and 4 times the distance from the previous sample.
            let extrapolated = interpolate(previous, p).flatMap { $0 > step ? $0 : nil } ?? .infinity
            let nearest = step + 0.1 * (step - previous.step), farthest = step + 3 * (step - previous.step)
            previous = p
            step = min(maximumStep, max(nearest, min(farthest, extrapolated)))
        }
        return try settle(for: previous)
    }

    /// Where the line through the slopes of two samples crosses zero, or nil when it does not.
    private func slopeSecant(_ p: Sample, _ q: Sample) -> Double? {
        let step = p.step - p.slope * (q.step - p.step) / (q.slope - p.slope)
        return step.isFinite ? step : nil
    }

    /// The minimizer of the cubic matching value and slope at two samples (Nocedal & Wright
    /// eq. 3.59), or nil when the cubic has none or the samples are not finite.
    private func cubicMinimizer(_ p: Sample, _ q: Sample) -> Double? {
        let d1 = p.slope + q.slope - 3 * (p.value - q.value) / (p.step - q.step)
        let discriminant = d1 * d1 - p.slope * q.slope
        guard discriminant >= 0 else { return nil }
        let d2 = (q.step > p.step ? 1.0 : -1.0) * discriminant.squareRoot()
        let step = q.step - (q.step - p.step) * (q.slope + d2 - d1) / (q.slope - p.slope + 2 * d2)
        return step.isFinite ? step : nil
    }
}
