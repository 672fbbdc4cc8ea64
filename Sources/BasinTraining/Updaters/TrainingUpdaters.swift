import BasinOptimize

/// The training methods a configuration can name: every `TrainingUpdater` type, in the order
/// their names are listed in messages. Registering a new method is one line here.
public enum TrainingUpdaters {
    public static let all: [any TrainingUpdater.Type] = [
        GradientStepperTraining<StochasticGradientDescent>.self,
        GradientStepperTraining<MomentumDescent>.self,
        GradientStepperTraining<Adagrad>.self,
        GradientStepperTraining<Adadelta>.self,
        GradientStepperTraining<Adam>.self,
        GradientStepperTraining<NAdam>.self,
        BFGSTraining.self,
        LBFGSTraining.self,
        ConjugateGradientTraining.self,
        LevenbergMarquardtTraining.self,
        KalmanTraining.self,
    ]

    /// Every name, comma-separated.
    public static var names: String { all.map { $0.name }.joined(separator: ", ") }

    /// The method called `name`, or nil.
    public static func type(named name: String) -> (any TrainingUpdater.Type)? {
        all.first { $0.name == name }
    }

    /// The method a configuration's `optimizer` section names, with its settings.
    /// - Throws: `TrainingError` for an unknown name, a key the method does not read, or a
    ///   setting it refuses.
    public static func make(from options: TrainingUpdaterOptions) throws(TrainingError) -> any TrainingUpdater {
        guard let type = type(named: options.name) else {
            throw TrainingError(reason: "optimizer.name: unknown optimizer '\(options.name)' (known: \(names))")
        }
        try options.check(keys: type.optionKeys, method: type.name)
        return try type.init(options: options)
    }
}

/// The names of the first-order steppers as training methods.
extension StochasticGradientDescent: NamedGradientStepper {
    public static let trainingName = "sgd"
    public static var standard: StochasticGradientDescent { StochasticGradientDescent() }
}
extension MomentumDescent: NamedGradientStepper {
    public static let trainingName = "momentum"
    public static var standard: MomentumDescent { MomentumDescent() }
}
extension Adagrad: NamedGradientStepper {
    public static let trainingName = "adagrad"
    public static var standard: Adagrad { Adagrad() }
}
extension Adadelta: NamedGradientStepper {
    public static let trainingName = "adadelta"
    public static var standard: Adadelta { Adadelta() }
}
extension Adam: NamedGradientStepper {
    public static let trainingName = "adam"
    public static var standard: Adam { Adam() }
}
extension NAdam: NamedGradientStepper {
    public static let trainingName = "nadam"
    public static var standard: NAdam { NAdam() }
}
