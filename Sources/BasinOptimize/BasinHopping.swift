import BasinMath
import Foundation

/// Basin hopping: a Metropolis walk among local minima (Li & Scheraga, PNAS 84, 6611 (1987);
/// Wales & Doye, J. Phys. Chem. A 101, 5111 (1997)).
///
/// Each step displaces every coordinate of the current minimum by an independent uniform
/// amount in [−s, s], quenches the result with a local minimizer, and accepts the new minimum
/// with the Metropolis probability min(1, exp(−ΔE / T)) on the minimum energies. The
/// transformed surface has only the energies of minima, so downhill barriers vanish and the
/// walk at T ≈ ε finds the global minima of Lennard-Jones clusters (Wales & Doye).
///
/// Refinements, all standard:
/// - Step-size adaptation: every `adaptationInterval` steps s is multiplied by
///   `adaptationFactor` (< 1) when the acceptance ratio of the interval was below
///   `targetAcceptance`, and divided by it otherwise (as GMIN's ACCRAT and pele's
///   `AdaptiveStepsize`).
/// - A spherical container (GMIN's RADIUS): a trial minimum with an atom farther than
///   `containerRadius` from the centroid has lost an atom to evaporation and is rejected.
/// - Optional restarts (as GMIN's NEWRESTART): after `restartInterval` steps in which the
///   lowest energy did not improve, the next step displaces the lowest minimum so far by up to
///   `restartDisplacement` per coordinate instead of the current one by s, and its quench is
///   accepted whatever its energy, so that a walk stuck in a funnel that does not lead to the
///   global minimum (LJ₃₈'s icosahedral funnel: Doye, Miller & Wales, J. Chem. Phys. 111, 8417
///   (1999)) starts afresh from the best structure it knows. With a `restartSeed` the restart
///   quenches a fresh structure from it instead (e.g. `ClusterMotif` seeds, so that the walk
///   visits the decahedral and close-packed funnels as well as the icosahedral one); the
///   lowest minimum is kept in `BasinHoppingMinima` all the same.
/// - Optional surface moves: a fraction `surfaceMoveProbability` of the steps relocates a
///   least-coordinated atom of the current minimum to the best-coordinated vacant surface site
///   (`SurfaceMove`) instead of displacing every coordinate; a step where no such site exists
///   falls back to the displacement.
///
/// Every converged, contained quench is recorded in `BasinHoppingMinima`, whether accepted or
/// not (at most `minimaLimit` of the lowest are kept). The quench of the starting point is
/// kept whatever its stop reason, provided its energy is finite. The run is reproducible: the
/// generator is the only source of randomness and the minimizer is deterministic.
public struct BasinHopping: Sendable {
    /// T (energy units).
    public var temperature: Double
    /// s at the start: the largest displacement of a coordinate (length units).
    public var stepSize: Double
    /// The acceptance ratio s is steered toward, 0 < a* < 1.
    public var targetAcceptance: Double
    /// Steps between adaptations of s.
    public var adaptationInterval: Int
    /// The factor, in (0, 1), by which s shrinks (and the inverse of that by which it grows).
    public var adaptationFactor: Double
    /// Largest distance of an atom from the centroid (length units); nil for no container.
    public var containerRadius: Double?
    /// Steps without a new lowest energy before a restart; nil never restarts.
    public var restartInterval: Int?
    /// Largest displacement of a coordinate of the lowest minimum on a restart (length units).
    public var restartDisplacement: Double
    /// 3N coordinates to restart from, drawn with the run's generator; nil restarts near the
    /// lowest minimum.
    public var restartSeed: (@Sendable (inout SeededGenerator) -> [Double])?
    /// Fraction of the steps, in [0, 1], that are surface moves.
    public var surfaceMoveProbability: Double
    /// When a quench has converged (largest per-atom force, energy / length).
    public var quench: StoppingCriteria
    /// Stop as soon as a minimum at or below `targetEnergy + targetTolerance` is found.
    public var targetEnergy: Double?
    /// Tolerance of the target test (energy units).
    public var targetTolerance: Double
    /// Tolerances of `BasinHoppingMinima` for recognising a minimum found again.
    public var energyTolerance: Double
    public var lengthTolerance: Double
    /// Largest number of distinct minima kept (the lowest); nil keeps all.
    public var minimaLimit: Int?

    /// Defaults for a Lennard-Jones cluster in reduced units: T = 1 ε, s = 0.4 σ adapted every
    /// 50 steps by 0.9 toward an acceptance of 0.5, no container, no restarts, quenches to a
    /// largest force of 10⁻⁵ ε/σ within 10 000 iterations, no target, every minimum kept.
    ///
    /// Wales & Doye used T = 0.8 ε; with these moves T = 1 ε (pele's default) reached the LJ₃₈
    /// global minimum from 30 of 30 random starts within 20 000 steps (median about 2 000), where
    /// T = 0.8 ε missed it in 1 of 10.
    public init(
        temperature: Double = 1, stepSize: Double = 0.4, targetAcceptance: Double = 0.5, adaptationInterval: Int = 50,
        adaptationFactor: Double = 0.9, containerRadius: Double? = nil, restartInterval: Int? = nil,
        restartDisplacement: Double = 1, quench: StoppingCriteria = StoppingCriteria(maximumForce: 1e-5, maximumSteps: 10_000),
        targetEnergy: Double? = nil, targetTolerance: Double = 1e-4, energyTolerance: Double = 1e-6, lengthTolerance: Double = 1e-3,
        minimaLimit: Int? = nil, restartSeed: (@Sendable (inout SeededGenerator) -> [Double])? = nil,
        surfaceMoveProbability: Double = 0
    ) {
        self.temperature = temperature
        self.stepSize = stepSize
        self.targetAcceptance = targetAcceptance
        self.adaptationInterval = adaptationInterval
        self.adaptationFactor = adaptationFactor
        self.containerRadius = containerRadius
        self.restartInterval = restartInterval
        self.restartDisplacement = restartDisplacement
        self.quench = quench
        self.targetEnergy = targetEnergy
        self.targetTolerance = targetTolerance
        self.energyTolerance = energyTolerance
        self.lengthTolerance = lengthTolerance
        self.minimaLimit = minimaLimit
        self.restartSeed = restartSeed
        self.surfaceMoveProbability = surfaceMoveProbability
    }

    /// What a user can set wrong, as one sentence each; empty when all is well.
    public var problems: [String] {
        var found: [String] = []
        if !(temperature > 0 && temperature.isFinite) { found.append("the temperature must be positive") }
        if !(stepSize > 0 && stepSize.isFinite) { found.append("the step size must be positive") }
        if !(targetAcceptance > 0 && targetAcceptance < 1) { found.append("the target acceptance must lie between 0 and 1") }
        if adaptationInterval < 1 { found.append("the adaptation interval must be at least 1") }
        if !(adaptationFactor > 0 && adaptationFactor < 1) { found.append("the adaptation factor must lie between 0 and 1") }
        if let containerRadius, !(containerRadius > 0) { found.append("the container radius must be positive") }
        if let restartInterval, restartInterval < 1 { found.append("the restart interval must be at least 1") }
        if !(restartDisplacement >= 0 && restartDisplacement.isFinite) { found.append("the restart displacement must be non-negative") }
        if !(surfaceMoveProbability >= 0 && surfaceMoveProbability <= 1) {
            found.append("the fraction of surface moves must lie between 0 and 1")
        }
        if let minimaLimit, minimaLimit < 1 { found.append("the number of minima kept must be at least 1") }
        if !(targetTolerance >= 0) || !(energyTolerance >= 0) || !(lengthTolerance >= 0) {
            found.append("tolerances must be non-negative")
        }
        return found
    }

    /// Runs `steps` basin-hopping steps (fewer if the target is reached) from `start`.
    /// - Parameters:
    ///   - problem: the energy of the cluster as a function of its 3N coordinates (length
    ///     units), e.g. `ClusterLennardJones` or a `PotentialEnergySurface`.
    ///   - start: 3N coordinates; quenched first (step 0).
    ///   - minimizer: the local minimizer (L-BFGS is the usual choice).
    ///   - generator: the source of all randomness; the same seed gives the same run.
    ///   - observer: called after every step.
    ///   - shouldStop: asked before every step; true ends the run there (`.interrupted`).
    /// - Throws: whatever `problem.evaluate` throws, passed through.
    public func run<P: Optimizable, M: Minimizer>(
        _ problem: inout P, from start: [Double], steps: Int, minimizer: M, generator: inout SeededGenerator,
        observer: BasinHoppingObserver? = nil, shouldStop: (() -> Bool)? = nil
    ) throws(P.Failure) -> BasinHoppingResult {
        precondition(problems.isEmpty, problems.joined(separator: "; "))
        precondition(start.count == problem.dimension && start.count % 3 == 0, "the start needs three coordinates per atom")
        precondition(steps >= 0, "the number of steps must be non-negative")
        var minima = BasinHoppingMinima(energyTolerance: energyTolerance, lengthTolerance: lengthTolerance, limit: minimaLimit)
        var result = BasinHoppingResult(
            stopReason: .startFailed, minima: minima, steps: 0, acceptedSteps: 0, evaporatedSteps: 0, failedQuenches: 0,
            targetStep: nil, evaluations: 0, finalStepSize: stepSize)

        let first = try minimizer.minimize(&problem, from: start, until: quench)
        result.evaluations = first.evaluations
        guard first.value.isFinite else { return result }
        var current = first.point, currentEnergy = first.value
        var lowestEnergy = currentEnergy, lowestPoint = current
        minima.record(energy: currentEnergy, positions: Self.positions(current), step: 0)
        if reachedTarget(lowestEnergy) {
            result.targetStep = 0
            return finish(&result, .targetReached, minima: minima)
        }

        var trial = current
        var surfaceMove = SurfaceMove()
        var s = stepSize
        var windowAccepted = 0, windowSteps = 0, stepsSinceImprovement = 0
        var step = 0
        while step < steps {
            if let shouldStop, shouldStop() {
                result.finalStepSize = s
                return finish(&result, .interrupted, minima: minima)
            }
            step += 1
            let restarting = restartInterval.map { stepsSinceImprovement >= $0 } ?? false
            if restarting {
                stepsSinceImprovement = 0
                if let restartSeed {
                    let seed = restartSeed(&generator)
                    precondition(seed.count == trial.count, "a restart seed needs three coordinates per atom")
                    trial.assign(1, times: seed)
                } else {
                    trial.assign(1, times: lowestPoint)
                    displace(&trial, by: restartDisplacement, using: &generator)
                }
            } else {
                trial.assign(1, times: current)
                let surface = surfaceMoveProbability > 0 && generator.uniform() < surfaceMoveProbability
                if !(surface && surfaceMove.apply(to: &trial, using: &generator)) {
                    displace(&trial, by: s, using: &generator)
                }
            }
            let quenched = try minimizer.minimize(&problem, from: trial, until: quench)
            result.evaluations += quenched.evaluations
            result.steps = step

            let outcome: BasinHoppingStep.Outcome
            var isNew = false, improved = false
            if !quenched.converged || !quenched.value.isFinite {
                outcome = .quenchFailed
                result.failedQuenches += 1
            } else if let containerRadius, Self.largestCentroidDistance(quenched.point) > containerRadius {
                outcome = .evaporated
                result.evaporatedSteps += 1
            } else {
                isNew = minima.record(energy: quenched.value, positions: Self.positions(quenched.point), step: step).isNew
                let change = quenched.value - currentEnergy
                if restarting || change <= 0 || generator.uniform() < exp(-change / temperature) {
                    outcome = .accepted
                    current = quenched.point
                    currentEnergy = quenched.value
                } else {
                    outcome = .rejected
                }
                improved = quenched.value < lowestEnergy - energyTolerance
                if quenched.value < lowestEnergy {
                    lowestEnergy = quenched.value
                    lowestPoint = quenched.point
                }
            }
            stepsSinceImprovement = improved ? 0 : stepsSinceImprovement + 1
            if outcome == .accepted {
                result.acceptedSteps += 1
                windowAccepted += 1
            }
            windowSteps += 1
            if windowSteps == adaptationInterval {
                let acceptance = Double(windowAccepted) / Double(windowSteps)
                s = acceptance < targetAcceptance ? s * adaptationFactor : s / adaptationFactor
                windowAccepted = 0
                windowSteps = 0
            }
            observer?(BasinHoppingStep(
                step: step, outcome: outcome, trialEnergy: quenched.value, trialPoint: quenched.point, isNewMinimum: isNew,
                currentEnergy: currentEnergy, lowestEnergy: lowestEnergy, stepSize: s, evaluations: quenched.evaluations))
            if reachedTarget(lowestEnergy) {
                result.targetStep = step
                result.finalStepSize = s
                return finish(&result, .targetReached, minima: minima)
            }
        }
        result.finalStepSize = s
        return finish(&result, .stepLimit, minima: minima)
    }

    private func reachedTarget(_ energy: Double) -> Bool {
        guard let targetEnergy else { return false }
        return energy <= targetEnergy + targetTolerance
    }

    private func finish(_ result: inout BasinHoppingResult, _ reason: BasinHoppingResult.StopReason, minima: BasinHoppingMinima)
        -> BasinHoppingResult
    {
        result.stopReason = reason
        result.minima = minima
        return result
    }

    /// Adds an independent uniform displacement in [−size, size] to every coordinate.
    private func displace(_ x: inout [Double], by size: Double, using generator: inout SeededGenerator) {
        for k in x.indices { x[k] += size * (2 * generator.uniform() - 1) }
    }

    /// 3N coordinates as positions.
    static func positions(_ x: [Double]) -> [SIMD3<Double>] {
        (0..<(x.count / 3)).map { SIMD3(x[3 * $0], x[3 * $0 + 1], x[3 * $0 + 2]) }
    }

    /// The largest distance of an atom from the centroid of 3N coordinates.
    static func largestCentroidDistance(_ x: [Double]) -> Double {
        let positions = positions(x)
        let centroid = positions.reduce(SIMD3<Double>.zero, +) / Double(max(positions.count, 1))
        return positions.reduce(0) { max($0, (($1 - centroid) * ($1 - centroid)).sum()) }.squareRoot()
    }
}
