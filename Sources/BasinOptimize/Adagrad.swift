/// Adagrad: per-parameter learning rates shrinking with the accumulated squared gradients
/// (Duchi, Hazan & Singer, J. Mach. Learn. Res. 12, 2121 (2011), diagonal version):
///
///     G ← G + g²;     w ← w − η g / (√G + ε)
///
/// (squares, roots and quotients elementwise).
public struct Adagrad: GradientStepper, Equatable {
    /// 0.01 (the paper fixes none; PyTorch's and TensorFlow's default).
    public static let defaultLearningRate = 0.01

    /// ε, guarding the division.
    public var epsilon: Double
    /// G, empty before the first step.
    public private(set) var squaredGradientSum: [Double] = []

    /// ε = 1e-10 (PyTorch).
    public init(epsilon: Double = 1e-10) {
        precondition(epsilon >= 0, "need ε ≥ 0")
        self.epsilon = epsilon
    }

    public mutating func step(_ parameters: inout [Double], gradient: [Double], learningRate: Double) {
        squaredGradientSum.prepareState(count: gradient.count)
        for k in parameters.indices {
            let g = gradient[k]
            squaredGradientSum[k] += g * g
            parameters[k] -= learningRate * g / (squaredGradientSum[k].squareRoot() + epsilon)
        }
    }
}
