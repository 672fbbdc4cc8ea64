import BasinOptimize

/// Runs `stepper` for `steps` full-batch steps on `problem` from `start`, with the rates of
/// `schedule` (one epoch per step), and returns the final point.
func descend<S: GradientStepper, P: Optimizable, R: LearningRateSchedule>(
    _ stepper: inout S, on problem: inout P, from start: [Double], schedule: R, steps: Int
) -> [Double] where P.Failure == Never {
    var schedule = schedule
    var x = start
    var gradient = [Double](repeating: 0, count: start.count)
    for _ in 0..<steps {
        let value = problem.evaluate(at: x, gradient: &gradient)
        stepper.step(&x, gradient: gradient, learningRate: schedule.learningRate)
        schedule.endEpoch(loss: value)
    }
    return x
}
