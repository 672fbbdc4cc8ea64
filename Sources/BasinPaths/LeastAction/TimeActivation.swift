import Foundation

/// The smooth activation σ of a trajectory network's hidden layer, with the three derivatives
/// that velocities, accelerations and their weight gradients need.
public enum TimeActivation: String, Sendable, Codable, CaseIterable {
    /// σ(x) = 1 / (1 + e⁻ˣ), the activation of Wang et al. (J. Chem. Inf. Model. 62, 3346, 2022).
    case sigmoid
    /// σ(x) = tanh x.
    case tanh

    /// σ(x), σ′(x), σ″(x) and σ‴(x).
    @inline(__always)
    public func derivatives(_ x: Double) -> (value: Double, first: Double, second: Double, third: Double) {
        switch self {
        case .sigmoid:
            let s = 1 / (1 + exp(-x))
            let d1 = s * (1 - s)
            let d2 = d1 * (1 - 2 * s)
            let d3 = d2 * (1 - 2 * s) - 2 * d1 * d1
            return (s, d1, d2, d3)
        case .tanh:
            let y = Foundation.tanh(x)
            let d1 = 1 - y * y
            let d2 = -2 * y * d1
            let d3 = -2 * d1 * d1 - 2 * y * d2
            return (y, d1, d2, d3)
        }
    }
}
