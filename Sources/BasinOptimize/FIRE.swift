/// The fast inertial relaxation engine: damped dynamics that mixes the velocity toward the
/// force while the motion goes downhill and stops it dead when it goes uphill.
///
/// Bitzek, Koskinen, Gähler, Moseler & Gumbsch, Phys. Rev. Lett. 97, 170201 (2006), with two
/// refinements of FIRE 2.0 (Guénolé, Nöhring, Vaid, Houllé, Xie, Prakash & Bitzek, Comput.
/// Mater. Sci. 175, 109584 (2020)): semi-implicit Euler integration with the mixing applied
/// to the updated velocity, and a half step back (x ← x − ½Δt v) whenever the power turns
/// non-positive; the time step never falls below `minimumTimeStep`. Each step, with F = −∇f
/// and unit masses:
///
///     P = F·v
///     P > 0: after more than N_min such steps in a row, Δt ← min(f_inc Δt, Δt_max), α ← f_α α
///     P ≤ 0: Δt ← max(f_dec Δt, Δt_min), α ← α_start, x ← x − ½Δt v, v ← 0
///     v ← v + Δt F;  v ← (1 − α) v + α |v| F/|F|;  x ← x + Δt v
///
/// The displacement of each step (the half step back included) is shortened to at most
/// `maximumStep` in the problem's norm (for atoms: no atom moves further than that; ASE's FIRE
/// bounds the whole step's length instead). One step costs one evaluation. With unit masses,
/// times are in √(length² / energy) of the problem (τ in reduced Lennard-Jones units).
public struct FIRE: Minimizer {
    /// Starting time step Δt.
    public var timeStep: Double
    /// Δt_max.
    public var maximumTimeStep: Double
    /// Δt_min (FIRE 2.0).
    public var minimumTimeStep: Double
    /// N_min: downhill steps in a row before Δt may grow.
    public var minimumDownhillSteps: Int
    /// f_inc.
    public var timeStepIncrease: Double
    /// f_dec.
    public var timeStepDecrease: Double
    /// α_start, the mixing after every restart.
    public var initialMixing: Double
    /// f_α.
    public var mixingDecay: Double
    /// Longest displacement per step, in the problem's norm (for atoms: length units).
    public var maximumStep: Double

    /// The parameters of Bitzek et al. (N_min = 5, f_inc = 1.1, f_dec = 0.5, α_start = 0.1,
    /// f_α = 0.99) with ASE's Δt = 0.1, Δt_max = 1 and maximum step 0.2, and Δt_min = 0.02 Δt
    /// as in FIRE 2.0.
    public init(
        timeStep: Double = 0.1, maximumTimeStep: Double = 1.0, minimumTimeStep: Double = 0.002,
        minimumDownhillSteps: Int = 5, timeStepIncrease: Double = 1.1, timeStepDecrease: Double = 0.5,
        initialMixing: Double = 0.1, mixingDecay: Double = 0.99, maximumStep: Double = 0.2
    ) {
        precondition(0 < minimumTimeStep && minimumTimeStep <= timeStep && timeStep <= maximumTimeStep, "need 0 < Δt_min ≤ Δt ≤ Δt_max")
        precondition(timeStepIncrease >= 1 && 0 < timeStepDecrease && timeStepDecrease < 1, "need f_inc ≥ 1 and 0 < f_dec < 1")
        precondition(0 <= initialMixing && initialMixing <= 1 && 0 < mixingDecay && mixingDecay <= 1, "need 0 ≤ α_start ≤ 1 and 0 < f_α ≤ 1")
        precondition(minimumDownhillSteps >= 0 && maximumStep > 0, "need N_min ≥ 0 and a positive maximum step")
        self.timeStep = timeStep
        self.maximumTimeStep = maximumTimeStep
        self.minimumTimeStep = minimumTimeStep
        self.minimumDownhillSteps = minimumDownhillSteps
        self.timeStepIncrease = timeStepIncrease
        self.timeStepDecrease = timeStepDecrease
        self.initialMixing = initialMixing
        self.mixingDecay = mixingDecay
        self.maximumStep = maximumStep
    }

    public func minimize<P: Optimizable>(
        _ problem: inout P, from start: [Double], until criteria: StoppingCriteria,
        observer: MinimizationObserver?
    ) throws(P.Failure) -> MinimizationResult {
        let n = problem.dimension
        var log = RunBookkeeping(criteria: criteria, observer: observer)
        var x = start, gradient: [Double] = [], value = 0.0, force = 0.0
        if let early = try log.begin(&problem, at: start, value: &value, gradient: &gradient, force: &force) { return early }

        var velocity = [Double](repeating: 0, count: n)
        var displacement = velocity
        var dt = timeStep
        var mixing = initialMixing
        var downhillSteps = 0
        while true {
            if let reason = log.stopReason(force: force) { return log.result(reason, point: x, value: value, force: force) }
            displacement.setToZero()
            let power = -gradient.dot(velocity)
            if power > 0 {
                downhillSteps += 1
                if downhillSteps > minimumDownhillSteps {
                    dt = min(dt * timeStepIncrease, maximumTimeStep)
                    mixing *= mixingDecay
                }
            } else if log.iterations > 0 {  // (the first step starts at rest: nothing to judge)
                downhillSteps = 0
                dt = max(dt * timeStepDecrease, minimumTimeStep)
                mixing = initialMixing
                displacement.assign(-0.5 * dt, times: velocity)
                velocity.setToZero()
            }
            log.iterations += 1
            velocity.add(-dt, times: gradient)
            let forceNormSquared = gradient.dot(gradient)
            if forceNormSquared > 0 {
                let speed = velocity.dot(velocity).squareRoot()
                velocity.scale(by: 1 - mixing, adding: -mixing * speed / forceNormSquared.squareRoot(), times: gradient)
            }
            displacement.add(dt, times: velocity)
            let length = problem.norm(displacement)
            x.add(length > maximumStep ? maximumStep / length : 1, times: displacement)
            value = try problem.evaluate(at: x, gradient: &gradient)
            log.evaluations += 1
            force = problem.norm(gradient)
            guard value.isFinite, gradient.isFinite else { return log.result(.nonFiniteValue, point: x, value: value, force: force) }
            log.report(point: x, value: value, force: force)
        }
    }
}
