/// Wall-clock time an evaluation of `NeuralNetworkPotential` spends in each stage, summed over
/// evaluations since the last `reset` (seconds): symmetry-function values, the atomic networks
/// with their input gradients, and forces (derivatives of the functions contracted with
/// ∂E/∂G, force and virial assembly). For benchmarks (`basin eval --timing`).
public final class NNPStageTimes: @unchecked Sendable {
    public private(set) var descriptors = 0.0
    public private(set) var networks = 0.0
    public private(set) var forces = 0.0

    public init() {}

    public func reset() {
        (descriptors, networks, forces) = (0, 0, 0)
    }

    /// The seconds since `start`, and now as the next start.
    public static func lap(since start: inout ContinuousClock.Instant) -> Double {
        let now = ContinuousClock.now
        let elapsed = (now - start).components
        start = now
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }

    func add(descriptors d: Double, networks n: Double, forces f: Double) {
        descriptors += d
        networks += n
        forces += f
    }
}
