/// Mean and variance of a stream of numbers, accumulated in one pass (Welford's algorithm,
/// Technometrics 4, 419 (1962)), numerically stable for long runs.
public struct RunningStatistics: Sendable, Equatable, Codable {
    public private(set) var count = 0
    public private(set) var mean = 0.0
    private var sumOfSquaredDeviations = 0.0
    public private(set) var minimum = Double.infinity
    public private(set) var maximum = -Double.infinity

    public init() {}

    public mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        sumOfSquaredDeviations += delta * (x - mean)
        minimum = min(minimum, x)
        maximum = max(maximum, x)
    }

    /// The unbiased sample variance (zero for fewer than two samples).
    public var variance: Double { count > 1 ? sumOfSquaredDeviations / Double(count - 1) : 0 }

    public var standardDeviation: Double { variance.squareRoot() }
}
