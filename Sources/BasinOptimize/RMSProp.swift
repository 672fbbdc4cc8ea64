import Foundation

/// RMSprop (Tieleman & Hinton, *Neural Networks for Machine Learning*, lecture 6e, 2012):
/// divides each gradient component by the root of a decaying average of its squares:
///
///     v ← ρ v + (1 − ρ) g²
///     w ← w − η g / (√v + ε)
///
/// Unlike Adam there is no momentum and no bias correction, so the first step is
/// −η g / (√(1 − ρ) |g| + ε), about η/√(1 − ρ) in every component.
public struct RMSProp: GradientStepper, Equatable {
    /// η = 0.001, the usual default (Keras, PyTorch's 0.01 aside).
    public static let defaultLearningRate = 0.001

    /// ρ, decay of the average of squares, 0 ≤ ρ < 1.
    public var decay: Double
    public var epsilon: Double
    /// v, empty before the first step.
    public private(set) var meanSquare: [Double] = []

    /// ρ = 0.9 (the lecture's), ε = 1e-8.
    public init(decay: Double = 0.9, epsilon: Double = 1e-8) {
        precondition(0 <= decay && decay < 1 && epsilon >= 0, "need 0 ≤ ρ < 1 and ε ≥ 0")
        self.decay = decay
        self.epsilon = epsilon
    }

    public mutating func step(_ parameters: inout [Double], gradient: [Double], learningRate: Double) {
        meanSquare.prepareState(count: gradient.count)
        for k in parameters.indices {
            let g = gradient[k]
            meanSquare[k] = decay * meanSquare[k] + (1 - decay) * g * g
            parameters[k] -= learningRate * g / (meanSquare[k].squareRoot() + epsilon)
        }
    }
}
