/// A time correlation ⟨A(t₀) ∘ A(t₀ + t)⟩ of a per-atom vector A, averaged over atoms and over
/// time origins t₀ (the "multiple time origins" scheme of Allen & Tildesley, Computer Simulation
/// of Liquids, 2nd ed. (2017)).
///
/// Samples arrive evenly spaced. A new origin starts every `originSpacing` samples and is
/// followed for `lagCount` samples (lags 0 … lagCount − 1); its buffer is then reused, so after
/// the first window no memory is allocated.
struct TimeCorrelation {
    /// How two values of A combine: |A(t) − A(t₀)|² (displacements) or A(t₀) · A(t) (products).
    enum Pairing { case squaredDifference, dotProduct }

    let pairing: Pairing
    let lagCount: Int
    let originSpacing: Int
    /// Σ over origins of the atom average at each lag.
    private(set) var sums: [Double]
    /// Number of origins that reached each lag.
    private(set) var counts: [Int]
    /// Time elapsed at each lag (time units), from the first origin that reached it.
    private(set) var lagTimes: [Double]
    private var origins: [Origin] = []
    private var sampleCount = 0

    private struct Origin {
        var values: [SIMD3<Double>]
        var sample: Int
        var time: Double
        var isActive: Bool
    }

    init(pairing: Pairing, lagCount: Int, originSpacing: Int) {
        self.pairing = pairing
        self.lagCount = lagCount
        self.originSpacing = originSpacing
        sums = Array(repeating: 0, count: lagCount)
        counts = Array(repeating: 0, count: lagCount)
        lagTimes = Array(repeating: 0, count: lagCount)
    }

    /// The averages ⟨A(t₀) ∘ A(t₀ + t)⟩ for the lags reached so far.
    var averages: [Double] {
        zip(sums, counts).prefix { $0.1 > 0 }.map { $0.0 / Double($0.1) }
    }

    /// The lag times of `averages`.
    var times: [Double] { Array(lagTimes.prefix(averages.count)) }

    mutating func add(_ values: [SIMD3<Double>], time: Double) {
        if sampleCount % originSpacing == 0 { startOrigin(values, time: time) }
        let scale = 1 / Double(values.count)
        for o in origins.indices where origins[o].isActive {
            let lag = sampleCount - origins[o].sample
            let mean = scale * combine(origins[o].values, values)
            if counts[lag] == 0 { lagTimes[lag] = time - origins[o].time }
            sums[lag] += mean
            counts[lag] += 1
            if lag == lagCount - 1 { origins[o].isActive = false }
        }
        sampleCount += 1
    }

    private mutating func startOrigin(_ values: [SIMD3<Double>], time: Double) {
        guard let free = origins.firstIndex(where: { !$0.isActive }) else {
            origins.append(Origin(values: Self.copy(values), sample: sampleCount, time: time, isActive: true))
            return
        }
        if origins[free].values.count == values.count {
            origins[free].values.withUnsafeMutableBufferPointer { copy in
                values.withUnsafeBufferPointer { source in
                    for i in 0..<source.count { copy[i] = source[i] }
                }
            }
        } else {
            origins[free].values = Self.copy(values)
        }
        origins[free].sample = sampleCount
        origins[free].time = time
        origins[free].isActive = true
    }

    /// A copy with its own storage: `Array(values)` would share storage with the state and force
    /// a copy when the integrator next writes to it.
    private static func copy(_ values: [SIMD3<Double>]) -> [SIMD3<Double>] {
        values.withUnsafeBufferPointer { Array($0) }
    }

    private func combine(_ origin: [SIMD3<Double>], _ current: [SIMD3<Double>]) -> Double {
        precondition(origin.count == current.count, "the number of atoms changed during a correlation")
        return origin.withUnsafeBufferPointer { a in
            current.withUnsafeBufferPointer { b in
                var sum = 0.0
                switch pairing {
                case .squaredDifference:
                    for i in 0..<a.count {
                        let d = b[i] - a[i]
                        sum += (d * d).sum()
                    }
                case .dotProduct:
                    for i in 0..<a.count { sum += (a[i] * b[i]).sum() }
                }
                return sum
            }
        }
    }
}
