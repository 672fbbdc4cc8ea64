import Foundation

/// Adam (Kingma & Ba, ICLR 2015, arXiv:1412.6980, Algorithm 1): steps along a decaying
/// average of the gradients, each component divided by the root of a decaying average of its
/// squares, both corrected for their bias toward the zero start:
///
///     t ← t + 1
///     m ← β₁ m + (1 − β₁) g;      v ← β₂ v + (1 − β₂) g²
///     m̂ = m / (1 − β₁ᵗ);          v̂ = v / (1 − β₂ᵗ)
///     w ← w − η m̂ / (√v̂ + ε)
///
/// The first step is therefore −η g / (|g| + ε), about η in every component.
public struct Adam: GradientStepper, Equatable {
    /// α = 0.001, the paper's default.
    public static let defaultLearningRate = 0.001

    /// β₁, decay of the first moment, 0 ≤ β₁ < 1.
    public var beta1: Double
    /// β₂, decay of the second moment, 0 ≤ β₂ < 1.
    public var beta2: Double
    public var epsilon: Double
    /// t, steps taken.
    public private(set) var stepCount = 0
    /// m, empty before the first step.
    public private(set) var firstMoment: [Double] = []
    /// v, empty before the first step.
    public private(set) var secondMoment: [Double] = []

    /// β₁ = 0.9, β₂ = 0.999, ε = 1e-8, the paper's defaults.
    public init(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        precondition(0 <= beta1 && beta1 < 1 && 0 <= beta2 && beta2 < 1 && epsilon >= 0, "need 0 ≤ β₁, β₂ < 1 and ε ≥ 0")
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public mutating func step(_ parameters: inout [Double], gradient: [Double], learningRate: Double) {
        firstMoment.prepareState(count: gradient.count)
        secondMoment.prepareState(count: gradient.count)
        stepCount += 1
        let t = Double(stepCount)
        let correction1 = 1 - pow(beta1, t), correction2 = 1 - pow(beta2, t)
        for k in parameters.indices {
            let g = gradient[k]
            firstMoment[k] = beta1 * firstMoment[k] + (1 - beta1) * g
            secondMoment[k] = beta2 * secondMoment[k] + (1 - beta2) * g * g
            let mHat = firstMoment[k] / correction1, vHat = secondMoment[k] / correction2
            parameters[k] -= learningRate * mHat / (vHat.squareRoot() + epsilon)
        }
    }
}
