import BasinMath
import Foundation

/// Simulated annealing of a loss Γ(w) over a parameter vector (Kirkpatrick, Gelatt & Vecchi,
/// Science 220, 671 (1983)): a Metropolis random walk whose temperature falls slowly, so that
/// it can climb out of local minima early and settles into a deep one late. It needs no
/// gradient; the best state visited is returned.
///
/// Each of the `steps` moves perturbs the state by Gaussian noise of standard deviation σ (one
/// random parameter, or all of them) and accepts the trial with the Metropolis probability
/// min(1, exp(−ΔΓ / T)) (Metropolis et al., J. Chem. Phys. 21, 1087 (1953)); a non-finite trial
/// loss is rejected. The temperature of move k = 0 … N − 1 falls geometrically,
///
///     Tₖ = T_max (T_min / T_max)^(k / (N − 1)),
///
/// from T_max to exactly T_min (the schedule of simanneal, used by Amp's annealer). Every
/// `adaptationInterval` moves σ is adapted toward the target acceptance a* by Corana et al.'s
/// rule (ACM Trans. Math. Softw. 13, 262 (1987), eq. 5 with a single target instead of their
/// 0.4–0.6 band, c = 2): with a the acceptance over the interval,
///
///     a > a*:  σ ← σ (1 + c (a − a*) / (1 − a*));      a < a*:  σ ← σ / (1 + c (a* − a) / a*)
///
/// Temperature units. Metropolis compares ΔΓ with T, so T must be on the scale of the loss.
/// With `temperatureScale = .absolute`, T_max and T_min are in loss units. With
/// `.initialLoss`, they are read relative to T_max and the initial loss Γ₀ = Γ(w₀): the
/// temperature actually used is T · |Γ₀| / T_max, so the run starts at T = |Γ₀| (an uphill
/// move by Γ₀ is accepted with probability 1/e) and ends at |Γ₀| T_min / T_max. With the
/// defaults (T_max = 2000, T_min = 2.5) that is from Γ₀ down to Γ₀ / 800 whatever the units of
/// Γ, which suits a training loss whose size is not known in advance.
///
/// Progress: the run is cut into `updates` equal blocks of moves and `progress` is called once
/// at the end of each, `updates` calls in all.
public struct SimulatedAnnealing: Sendable {
    /// How a move perturbs the state.
    public enum Move: String, Sendable, Codable, CaseIterable {
        /// One parameter, chosen uniformly, moves by σ·N(0, 1).
        case single
        /// Every parameter moves by an independent σ·N(0, 1).
        case all
    }

    /// The units of `maximumTemperature` and `minimumTemperature`.
    public enum TemperatureScale: String, Sendable, Codable, CaseIterable {
        /// Loss units.
        case absolute
        /// T_max stands for the initial loss |Γ₀|: T is used as T |Γ₀| / T_max.
        case initialLoss
    }

    /// T_max.
    public var maximumTemperature: Double
    /// T_min, 0 < T_min ≤ T_max.
    public var minimumTemperature: Double
    public var temperatureScale: TemperatureScale
    /// N, the number of moves (each one loss evaluation).
    public var steps: Int
    /// Number of progress reports, 1 ≤ updates ≤ N.
    public var updates: Int
    public var move: Move
    /// σ at the start, in parameter units.
    public var initialStepSize: Double
    /// a*, the acceptance σ is steered toward, 0 < a* < 1.
    public var targetAcceptance: Double
    /// Moves between adaptations of σ.
    public var adaptationInterval: Int

    /// T_max = 2000, T_min = 2.5, 10 000 moves and 50 updates (as in Amp-style annealing of
    /// network weights); one parameter per move, σ₀ = 0.1, a* = 0.5 and adaptation every 100
    /// moves.
    public init(
        maximumTemperature: Double = 2000, minimumTemperature: Double = 2.5, temperatureScale: TemperatureScale = .absolute,
        steps: Int = 10_000, updates: Int = 50, move: Move = .single, initialStepSize: Double = 0.1,
        targetAcceptance: Double = 0.5, adaptationInterval: Int = 100
    ) {
        precondition(0 < minimumTemperature && minimumTemperature <= maximumTemperature, "need 0 < T_min ≤ T_max")
        precondition(steps >= 1 && 1 <= updates && updates <= steps, "need N ≥ 1 and 1 ≤ updates ≤ N")
        precondition(initialStepSize > 0 && 0 < targetAcceptance && targetAcceptance < 1 && adaptationInterval >= 1,
                     "need σ₀ > 0, 0 < a* < 1 and an adaptation interval ≥ 1")
        self.maximumTemperature = maximumTemperature
        self.minimumTemperature = minimumTemperature
        self.temperatureScale = temperatureScale
        self.steps = steps
        self.updates = updates
        self.move = move
        self.initialStepSize = initialStepSize
        self.targetAcceptance = targetAcceptance
        self.adaptationInterval = adaptationInterval
    }

    /// Anneals `loss` from `start`.
    /// - Parameters:
    ///   - loss: Γ(w); NaN or infinite values reject the move (Γ(start) must be finite).
    ///   - generator: the source of all randomness; the same seed gives the same run.
    ///   - progress: called `updates` times, at the end of each block of moves.
    /// - Throws: whatever `loss` throws, passed through.
    public func minimize<E: Error>(
        _ loss: ([Double]) throws(E) -> Double, from start: [Double], generator: inout SeededGenerator,
        progress: ((AnnealingProgress) -> Void)? = nil
    ) throws(E) -> AnnealingResult {
        precondition(!start.isEmpty, "nothing to anneal")
        var w = start, trial = start
        var current = try loss(w)
        precondition(current.isFinite, "the loss at the starting point must be finite")
        var best = current, bestPoint = w
        let unit = temperatureScale == .absolute ? 1 : abs(current) / maximumTemperature
        let cooling = log(minimumTemperature / maximumTemperature)
        var sigma = initialStepSize
        var evaluations = 1, acceptedMoves = 0
        var windowAccepted = 0, windowMoves = 0
        var blockAccepted = 0, blockImproved = 0, blockMoves = 0, block = 1

        for k in 0..<steps {
            let temperature = unit * maximumTemperature * (steps > 1 ? exp(cooling * Double(k) / Double(steps - 1)) : 1)
            let changed: Int
            switch move {
            case .single:
                changed = Int.random(in: 0..<w.count, using: &generator)
                trial[changed] = w[changed] + sigma * generator.normal()
            case .all:
                changed = -1
                for i in w.indices { trial[i] = w[i] + sigma * generator.normal() }
            }
            let trialLoss = try loss(trial)
            evaluations += 1
            let change = trialLoss - current
            // (uniform() is drawn only for uphill moves, so the sequence depends on the path.)
            let accept = trialLoss.isFinite && (change <= 0 || generator.uniform() < exp(-change / temperature))
            if change < 0 { blockImproved += 1 }
            if accept {
                acceptedMoves += 1
                windowAccepted += 1
                blockAccepted += 1
                current = trialLoss
                if changed >= 0 { w[changed] = trial[changed] } else { swap(&w, &trial) }
                if current < best {
                    best = current
                    bestPoint.assign(1, times: w)
                }
            } else if changed >= 0 {
                trial[changed] = w[changed]
            }
            windowMoves += 1
            blockMoves += 1
            if windowMoves == adaptationInterval {
                sigma = adapted(sigma, acceptance: Double(windowAccepted) / Double(windowMoves))
                windowAccepted = 0
                windowMoves = 0
            }
            if k + 1 == block * steps / updates {
                progress?(AnnealingProgress(
                    step: k + 1, temperature: temperature, loss: current, bestLoss: best,
                    acceptedFraction: Double(blockAccepted) / Double(blockMoves),
                    improvedFraction: Double(blockImproved) / Double(blockMoves), stepSize: sigma))
                blockAccepted = 0
                blockImproved = 0
                blockMoves = 0
                block += 1
            }
        }
        return AnnealingResult(
            point: bestPoint, loss: best, finalPoint: w, finalLoss: current, acceptedMoves: acceptedMoves, evaluations: evaluations)
    }

    /// Corana et al.'s update of σ for the acceptance a of the last interval.
    private func adapted(_ sigma: Double, acceptance a: Double) -> Double {
        let c = 2.0, target = targetAcceptance
        if a > target { return sigma * (1 + c * (a - target) / (1 - target)) }
        if a < target { return sigma / (1 + c * (target - a) / target) }
        return sigma
    }
}
