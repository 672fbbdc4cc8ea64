/// Gradient descent with momentum: classical (heavy ball; Polyak, USSR Comput. Math. Math.
/// Phys. 4, 1 (1964)) or Nesterov's accelerated gradient (Nesterov, Soviet Math. Dokl. 27,
/// 372 (1983)) in the form of Sutskever, Martens, Dahl & Hinton, ICML 2013, eq. 1–4:
///
///     classical:  v ← μ v − η g(w);           w ← w + v
///     Nesterov:   v ← μ v − η g(w + μ v);     w ← w + v
///
/// The Nesterov gradient at the look-ahead point w + μv is not available to a stepper that
/// receives the gradient at w, so the equivalent update in the shifted variable w̃ = w + μv is
/// used (Bengio, Boulanger-Lewandowski & Pascanu, ICASSP 2013, eq. 7): with g = g(w̃),
/// v ← μ v − η g and w̃ ← w̃ + μ v − η g. The learning rate sits inside the velocity, so a
/// change of η affects only new contributions.
public struct MomentumDescent: GradientStepper, Equatable {
    /// 0.01 (Sutskever et al. tune it per problem; Keras's default).
    public static let defaultLearningRate = 0.01

    /// μ, 0 ≤ μ < 1.
    public var momentum: Double
    public var nesterov: Bool
    /// v, empty before the first step.
    public private(set) var velocity: [Double] = []

    /// μ = 0.9, the usual value (Sutskever et al. use 0.9 to 0.999).
    public init(momentum: Double = 0.9, nesterov: Bool = false) {
        precondition(0 <= momentum && momentum < 1, "need 0 ≤ μ < 1")
        self.momentum = momentum
        self.nesterov = nesterov
    }

    public mutating func step(_ parameters: inout [Double], gradient: [Double], learningRate: Double) {
        velocity.prepareState(count: gradient.count)
        velocity.scale(by: momentum, adding: -learningRate, times: gradient)
        if nesterov {
            for k in parameters.indices { parameters[k] += momentum * velocity[k] - learningRate * gradient[k] }
        } else {
            parameters.add(1, times: velocity)
        }
    }
}
