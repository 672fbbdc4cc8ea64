import BasinPotentials

/// The mean-squared displacement MSD(t) = ⟨|r_i(t₀ + t) − r_i(t₀)|²⟩ over atoms and time origins,
/// and the self-diffusion coefficient from the Einstein relation MSD(t) → 6 D t.
///
/// Positions in a simulation are never wrapped, so displacements are read directly. The total
/// momentum is conserved by the integrators here, so there is no centre-of-mass drift to remove.
/// Lags are counted in samples: with the observer called every k steps of Δt, lag ℓ is ℓ·k·Δt.
public final class MeanSquaredDisplacement: Observer {
    private var correlation: TimeCorrelation

    /// - Parameters:
    ///   - lagCount: number of lags followed from each origin, 0 … lagCount − 1 samples.
    ///   - originSpacing: a new time origin every this many samples.
    public init(lagCount: Int, originSpacing: Int = 1) throws(DynamicsError) {
        guard lagCount >= 2, originSpacing >= 1 else {
            throw .invalidParameter("the MSD needs at least 2 lags and an origin spacing of at least 1 sample")
        }
        correlation = TimeCorrelation(pairing: .squaredDifference, lagCount: lagCount, originSpacing: originSpacing)
    }

    public var requiredProperties: Properties { [] }

    public func observe(_ state: DynamicsState) {
        correlation.add(state.configuration.positions, time: state.time)
    }

    /// Lag times reached so far (time units).
    public var times: [Double] { correlation.times }

    /// MSD at `times` (length²).
    public var values: [Double] { correlation.averages }

    /// D = slope / 6 of a least-squares line through MSD(t) over the lags whose time lies in
    /// `fitRange` (length² / time). By default the fit skips the first quarter of the window,
    /// where motion is still ballistic, and uses the rest. Nil with fewer than two points.
    public func diffusionCoefficient(fitRange: ClosedRange<Double>? = nil) -> Double? {
        let t = times, msd = values
        guard let last = t.last else { return nil }
        let range = fitRange ?? (0.25 * last)...last
        let points = zip(t, msd).filter { range.contains($0.0) }
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let meanT = points.reduce(0) { $0 + $1.0 } / n
        let meanY = points.reduce(0) { $0 + $1.1 } / n
        var covariance = 0.0, variance = 0.0
        for (x, y) in points {
            covariance += (x - meanT) * (y - meanY)
            variance += (x - meanT) * (x - meanT)
        }
        guard variance > 0 else { return nil }
        return covariance / variance / 6
    }
}
