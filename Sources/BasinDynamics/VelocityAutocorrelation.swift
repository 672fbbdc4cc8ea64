import BasinPotentials

/// The velocity autocorrelation function C(t) = ⟨v_i(t₀) · v_i(t₀ + t)⟩ over atoms and time
/// origins, and the self-diffusion coefficient from its Green–Kubo integral D = ⅓ ∫₀^∞ C(t) dt.
///
/// C(0) = ⟨v²⟩. Lags are counted in samples: with the observer called every k steps of Δt,
/// lag ℓ is ℓ·k·Δt.
public final class VelocityAutocorrelation: Observer {
    private var correlation: TimeCorrelation

    /// - Parameters:
    ///   - lagCount: number of lags followed from each origin, 0 … lagCount − 1 samples.
    ///   - originSpacing: a new time origin every this many samples.
    public init(lagCount: Int, originSpacing: Int = 1) throws(DynamicsError) {
        guard lagCount >= 2, originSpacing >= 1 else {
            throw .invalidParameter("the VACF needs at least 2 lags and an origin spacing of at least 1 sample")
        }
        correlation = TimeCorrelation(pairing: .dotProduct, lagCount: lagCount, originSpacing: originSpacing)
    }

    public var requiredProperties: Properties { [] }

    public func observe(_ state: DynamicsState) {
        correlation.add(state.configuration.velocities!, time: state.time)
    }

    /// Lag times reached so far (time units).
    public var times: [Double] { correlation.times }

    /// C(t) at `times` (velocity², i.e. length² / time²).
    public var values: [Double] { correlation.averages }

    /// C(t) / C(0) at `times`.
    public var normalizedValues: [Double] {
        let c = values
        guard let first = c.first, first != 0 else { return c }
        return c.map { $0 / first }
    }

    /// D = ⅓ ∫ C(t) dt over the window, by the trapezoidal rule (length² / time); nil with fewer
    /// than two lags. The window must be long enough for C to have decayed.
    public func diffusionCoefficient() -> Double? {
        let t = times, c = values
        guard t.count >= 2 else { return nil }
        var integral = 0.0
        for k in 1..<t.count { integral += 0.5 * (c[k] + c[k - 1]) * (t[k] - t[k - 1]) }
        return integral / 3
    }
}
