/// A first-order update rule for training: moves parameters w against a (possibly mini-batch)
/// gradient g = ∇Γ(w), one step at a time, with a learning rate η chosen from outside (by a
/// `LearningRateSchedule`).
///
/// Unlike a `Minimizer`, a stepper never evaluates the function: the caller computes each
/// gradient (on whichever batch it likes) and passes it in, so steppers are interchangeable in
/// one training loop. Steppers are values that carry their running state (moments, step
/// count); they are `Codable` so that a training checkpoint can store that state and resume
/// with identical steps. The state is allocated on the first step, for the dimension of the
/// first gradient; every later step must have that dimension.
public protocol GradientStepper: Codable, Sendable {
    /// The learning rate the method's paper recommends (or the usual default where it gives
    /// none).
    static var defaultLearningRate: Double { get }

    /// Moves `parameters` one step using `gradient` = ∇Γ(parameters).
    /// - Parameters:
    ///   - parameters: n numbers, updated in place.
    ///   - gradient: n numbers, the gradient at `parameters`.
    ///   - learningRate: η > 0 of this step.
    mutating func step(_ parameters: inout [Double], gradient: [Double], learningRate: Double)
}

extension Array where Element == Double {
    /// Zeros of `count` the first time state is used; afterwards checks the dimension.
    mutating func prepareState(count: Int) {
        if isEmpty {
            self = [Double](repeating: 0, count: count)
        } else {
            precondition(self.count == count, "the gradient changed dimension from \(self.count) to \(count)")
        }
    }
}
