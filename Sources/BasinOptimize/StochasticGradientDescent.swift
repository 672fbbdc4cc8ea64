/// Plain (stochastic) gradient descent, w ← w − η g (Robbins & Monro, Ann. Math. Stat. 22,
/// 400 (1951)). It has no state.
public struct StochasticGradientDescent: GradientStepper, Equatable {
    /// 0.01 (no paper fixes one; PyTorch requires it, Keras uses 0.01).
    public static let defaultLearningRate = 0.01

    public init() {}

    public mutating func step(_ parameters: inout [Double], gradient: [Double], learningRate: Double) {
        parameters.add(-learningRate, times: gradient)
    }
}
