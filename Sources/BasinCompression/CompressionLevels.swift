/// Newton from the rounded minimum for one number of significant bits.
public struct BitsTrial: Sendable, Codable, Equatable {
    /// c: significant bits kept in every reduced coordinate.
    public var bits: Int
    /// ‖X^(0),c − X*‖.
    public var distance: Double
    /// Whether X^(0),c lies in the guaranteed ball (distance ≤ r₂).
    public var insideBall: Bool
    public var outcome: NewtonOutcome
    public var iterations: Int
}

/// The compression levels of a minimum: c_t, guaranteed by the ball of convergence, and c_p,
/// those that converge in practice.
public struct CompressionLevels: Sendable, Codable, Equatable {
    public var trials: [BitsTrial]
    /// c_t: the smallest c such that X^(0),c′ lies within r₂ for every tested c′ ≥ c; nil when
    /// even the largest tested c does not.
    public var guaranteedBits: Int?
    /// c_p: every tested c from which Newton converges back to X*.
    public var convergingBits: [Int]
    /// The smallest c in c_p.
    public var smallestConvergingBits: Int? { convergingBits.first }
    /// Whether every c ≥ c_t converged (the theorem's promise, checked).
    public var guaranteeHolds: Bool {
        guard let guaranteedBits else { return true }
        return trials.allSatisfy { $0.bits < guaranteedBits || $0.outcome == .converged }
    }

    /// Rounds X* to each c in `bits` (`rounding` of every coordinate) and runs `newton` from it.
    /// `progress` is called after each c with the number done.
    public static func scan(
        minimum: [Double], radius: Double, bits: ClosedRange<Int>, rounding: SignificantBitRounding = .nearest,
        newton: NewtonIteration, progress: ((Int) -> Void)? = nil
    ) -> CompressionLevels {
        var trials: [BitsTrial] = []
        for (done, c) in bits.enumerated() {
            let start = rounding.apply(minimum, bits: c)
            let distance = Vectors.distance(start, minimum)
            let result = newton.run(from: start)
            trials.append(BitsTrial(bits: c, distance: distance, insideBall: distance <= radius,
                                    outcome: result.outcome, iterations: result.iterations))
            progress?(done + 1)
        }
        var guaranteed: Int?
        for trial in trials.reversed() {
            guard trial.insideBall else { break }
            guaranteed = trial.bits
        }
        return CompressionLevels(trials: trials, guaranteedBits: guaranteed,
                                 convergingBits: trials.filter { $0.outcome == .converged }.map(\.bits))
    }

    /// The same levels with every c raised by `offset`: 1 counts the leading bit as the paper
    /// does (its c = Basin's c + 1).
    public func countingBits(from offset: Int) -> CompressionLevels {
        guard offset != 0 else { return self }
        var shifted = self
        for k in shifted.trials.indices { shifted.trials[k].bits += offset }
        shifted.guaranteedBits = guaranteedBits.map { $0 + offset }
        shifted.convergingBits = convergingBits.map { $0 + offset }
        return shifted
    }
}
