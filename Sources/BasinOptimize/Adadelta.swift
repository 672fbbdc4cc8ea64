/// Adadelta (Zeiler, arXiv:1212.5701 (2012), Algorithm 1): Adagrad's denominator replaced by
/// a decaying average of squared gradients, and the units restored by a decaying average of
/// squared updates, so that no global learning rate is needed:
///
///     E[g²] ← ρ E[g²] + (1 − ρ) g²
///     Δw = −(√(E[Δw²] + ε) / √(E[g²] + ε)) g
///     E[Δw²] ← ρ E[Δw²] + (1 − ρ) Δw²
///     w ← w + η Δw
///
/// η is not in the paper (η = 1 reproduces it); it is kept, as in PyTorch, so that a schedule
/// can still scale the steps.
public struct Adadelta: GradientStepper, Equatable {
    /// 1, the paper's method.
    public static let defaultLearningRate = 1.0

    /// ρ, the decay of both averages, 0 ≤ ρ < 1.
    public var decay: Double
    /// ε, which also sets the size of the first steps (≈ √ε / √(1 − ρ)).
    public var epsilon: Double
    /// E[g²], empty before the first step.
    public private(set) var squaredGradientAverage: [Double] = []
    /// E[Δw²], empty before the first step.
    public private(set) var squaredUpdateAverage: [Double] = []

    /// ρ = 0.95 and ε = 1e-6, Zeiler's values for MNIST.
    public init(decay: Double = 0.95, epsilon: Double = 1e-6) {
        precondition(0 <= decay && decay < 1 && epsilon > 0, "need 0 ≤ ρ < 1 and ε > 0")
        self.decay = decay
        self.epsilon = epsilon
    }

    public mutating func step(_ parameters: inout [Double], gradient: [Double], learningRate: Double) {
        squaredGradientAverage.prepareState(count: gradient.count)
        squaredUpdateAverage.prepareState(count: gradient.count)
        for k in parameters.indices {
            let g = gradient[k]
            squaredGradientAverage[k] = decay * squaredGradientAverage[k] + (1 - decay) * g * g
            let update = -((squaredUpdateAverage[k] + epsilon) / (squaredGradientAverage[k] + epsilon)).squareRoot() * g
            squaredUpdateAverage[k] = decay * squaredUpdateAverage[k] + (1 - decay) * update * update
            parameters[k] += learningRate * update
        }
    }
}
