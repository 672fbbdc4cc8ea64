import Foundation

/// NAdam, Adam with Nesterov momentum (Dozat, ICLR 2016 workshop, "Incorporating Nesterov
/// momentum into Adam", Algorithm 2), with Dozat's momentum schedule
/// μₜ = β₁ (1 − ½ · 0.96^(ψ t)), ψ = 0.004 (as in Keras and PyTorch):
///
///     t ← t + 1
///     m ← β₁ m + (1 − β₁) g;      v ← β₂ v + (1 − β₂) g²
///     m̂ = μₜ₊₁ m / (1 − ∏ᵢ₌₁ᵗ⁺¹ μᵢ) + (1 − μₜ) g / (1 − ∏ᵢ₌₁ᵗ μᵢ)
///     v̂ = v / (1 − β₂ᵗ)
///     w ← w − η m̂ / (√v̂ + ε)
///
/// The first-moment term looks one step ahead: the momentum of the next step is applied now.
/// With ψ = 0 the schedule is constant, μₜ = β₁/2.
public struct NAdam: GradientStepper, Equatable {
    /// 0.002, Dozat's (and Keras's) default.
    public static let defaultLearningRate = 0.002

    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    /// ψ of the momentum schedule.
    public var momentumDecay: Double
    /// t, steps taken.
    public private(set) var stepCount = 0
    /// ∏ᵢ₌₁ᵗ μᵢ.
    public private(set) var momentumProduct = 1.0
    /// m, empty before the first step.
    public private(set) var firstMoment: [Double] = []
    /// v, empty before the first step.
    public private(set) var secondMoment: [Double] = []

    /// β₁ = 0.9, β₂ = 0.999, ε = 1e-8, ψ = 0.004 (PyTorch's defaults; Dozat's 0.96^(t/250)).
    public init(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8, momentumDecay: Double = 0.004) {
        precondition(0 <= beta1 && beta1 < 1 && 0 <= beta2 && beta2 < 1 && epsilon >= 0 && momentumDecay >= 0,
                     "need 0 ≤ β₁, β₂ < 1 and ε, ψ ≥ 0")
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.momentumDecay = momentumDecay
    }

    /// μₜ.
    private func momentum(at t: Double) -> Double { beta1 * (1 - 0.5 * pow(0.96, momentumDecay * t)) }

    public mutating func step(_ parameters: inout [Double], gradient: [Double], learningRate: Double) {
        firstMoment.prepareState(count: gradient.count)
        secondMoment.prepareState(count: gradient.count)
        stepCount += 1
        let t = Double(stepCount)
        let mu = momentum(at: t), muNext = momentum(at: t + 1)
        momentumProduct *= mu
        let gradientWeight = (1 - mu) / (1 - momentumProduct)
        let momentWeight = muNext / (1 - momentumProduct * muNext)
        let correction2 = 1 - pow(beta2, t)
        for k in parameters.indices {
            let g = gradient[k]
            firstMoment[k] = beta1 * firstMoment[k] + (1 - beta1) * g
            secondMoment[k] = beta2 * secondMoment[k] + (1 - beta2) * g * g
            let mHat = momentWeight * firstMoment[k] + gradientWeight * g
            let vHat = secondMoment[k] / correction2
            parameters[k] -= learningRate * mHat / (vHat.squareRoot() + epsilon)
        }
    }
}
