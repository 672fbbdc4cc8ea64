import BasinOptimize

/// The learning-rate schedule of a mini-batch training run, as one Codable value (so that a
/// config file can name it and a checkpoint can store its position).
public enum TrainingSchedule: LearningRateSchedule, Equatable {
    case constant(ConstantLearningRate)
    case stepDecay(StepDecay)
    case exponentialDecay(ExponentialDecay)
    case reduceOnPlateau(ReduceOnPlateau)

    /// η for the current epoch.
    public var learningRate: Double {
        switch self {
        case .constant(let s): s.learningRate
        case .stepDecay(let s): s.learningRate
        case .exponentialDecay(let s): s.learningRate
        case .reduceOnPlateau(let s): s.learningRate
        }
    }

    public mutating func endEpoch(loss: Double) {
        switch self {
        case .constant(var s): s.endEpoch(loss: loss); self = .constant(s)
        case .stepDecay(var s): s.endEpoch(loss: loss); self = .stepDecay(s)
        case .exponentialDecay(var s): s.endEpoch(loss: loss); self = .exponentialDecay(s)
        case .reduceOnPlateau(var s): s.endEpoch(loss: loss); self = .reduceOnPlateau(s)
        }
    }
}

/// Settings and carried state of a full-batch quasi-Newton method (BFGS or L-BFGS) used for
/// training. Each epoch runs `iterationsPerEpoch` iterations from the current weights and
/// continues with the curvature learned in the epochs before (the dense inverse Hessian of
/// BFGS or the correction pairs of L-BFGS), which is part of the checkpoint, so a resumed run
/// is the same as an uninterrupted one.
public struct QuasiNewtonTraining: Codable, Sendable, Equatable {
    /// Correction pairs kept by L-BFGS (ignored by BFGS).
    public var memory: Int
    /// Longest step, as the largest change of any single weight.
    public var maximumStep: Double
    /// Line searches (accepted iterations) per epoch.
    public var iterationsPerEpoch: Int
    /// BFGS's inverse-Hessian approximation where the last epoch stopped (nil before the first).
    public var inverseHessian: DenseInverseHessian?
    /// L-BFGS's correction pairs where the last epoch stopped (nil before the first).
    public var correctionHistory: CorrectionHistory?

    public init(memory: Int = 10, maximumStep: Double = 0.5, iterationsPerEpoch: Int = 10) {
        precondition(memory >= 1 && maximumStep > 0 && iterationsPerEpoch >= 1, "need positive settings")
        self.memory = memory
        self.maximumStep = maximumStep
        self.iterationsPerEpoch = iterationsPerEpoch
    }
}

/// Settings and carried state of Levenberg–Marquardt training over all residuals of the
/// training set (one energy and 3N force residuals per structure, plus √λ w when λ > 0).
/// Each epoch is a run of `iterationsPerEpoch` accepted steps; the damping μ where it stopped
/// starts the next epoch (`currentDamping`), for Marquardt's scaling.
public struct LevenbergMarquardtTraining: Codable, Sendable, Equatable {
    public var damping: LevenbergMarquardt.Damping
    /// τ of the first epoch.
    public var initialDamping: Double
    public var iterationsPerEpoch: Int
    /// μ at the end of the last epoch (nil before the first).
    public var currentDamping: Double?

    public init(damping: LevenbergMarquardt.Damping = .jacobianDiagonal, initialDamping: Double = 1e-3, iterationsPerEpoch: Int = 5) {
        precondition(initialDamping > 0 && iterationsPerEpoch >= 1, "need τ > 0 and iterations ≥ 1")
        self.damping = damping
        self.initialDamping = initialDamping
        self.iterationsPerEpoch = iterationsPerEpoch
    }
}

/// The optimizer of a training run, with its running state (moments, schedule position,
/// damping): Codable, so a config file can name it and a checkpoint can resume it exactly.
///
/// - First-order steppers (`.sgd` … `.nadam`) take mini-batch steps, η from the schedule.
/// - `.bfgs` and `.lbfgs` minimize the full-batch loss through an `Optimizable` adapter.
/// - `.levenbergMarquardt` minimizes ½|r|² over every training residual through a
///   `ResidualProblem` adapter (memory m·P for the Jacobian: small data sets only).
/// - `.kalman` is n2p2's extended Kalman filter, one update per energy or force group
///   (`KalmanTraining`, `KalmanFilter`; memory P² for the covariance).
public enum TrainingOptimizer: Codable, Sendable, Equatable {
    case sgd(StochasticGradientDescent, schedule: TrainingSchedule)
    case momentum(MomentumDescent, schedule: TrainingSchedule)
    case adagrad(Adagrad, schedule: TrainingSchedule)
    case adadelta(Adadelta, schedule: TrainingSchedule)
    case adam(Adam, schedule: TrainingSchedule)
    case nadam(NAdam, schedule: TrainingSchedule)
    case bfgs(QuasiNewtonTraining)
    case lbfgs(QuasiNewtonTraining)
    case levenbergMarquardt(LevenbergMarquardtTraining)
    case kalman(KalmanTraining)

    /// The method, without settings (e.g. a config-file keyword).
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case sgd, momentum, adagrad, adadelta, adam, nadam, bfgs, lbfgs
        case levenbergMarquardt = "levenberg-marquardt"
        case kalman

        /// Whether the method takes mini-batch gradient steps (else it is full batch).
        public var isMiniBatch: Bool {
            switch self {
            case .sgd, .momentum, .adagrad, .adadelta, .adam, .nadam: true
            case .bfgs, .lbfgs, .levenbergMarquardt, .kalman: false
            }
        }

        /// The stepper's recommended η (nil for full-batch methods).
        public var defaultLearningRate: Double? {
            switch self {
            case .sgd: StochasticGradientDescent.defaultLearningRate
            case .momentum: MomentumDescent.defaultLearningRate
            case .adagrad: Adagrad.defaultLearningRate
            case .adadelta: Adadelta.defaultLearningRate
            case .adam: Adam.defaultLearningRate
            case .nadam: NAdam.defaultLearningRate
            case .bfgs, .lbfgs, .levenbergMarquardt, .kalman: nil
            }
        }
    }

    /// The method with default settings: a stepper with `schedule` (default: constant η, the
    /// stepper's recommended rate unless `learningRate` is given), or a full-batch method with
    /// default settings.
    public init(_ kind: Kind, learningRate: Double? = nil, schedule: TrainingSchedule? = nil) {
        let schedule = schedule ?? .constant(ConstantLearningRate(learningRate ?? kind.defaultLearningRate ?? 1))
        switch kind {
        case .sgd: self = .sgd(StochasticGradientDescent(), schedule: schedule)
        case .momentum: self = .momentum(MomentumDescent(), schedule: schedule)
        case .adagrad: self = .adagrad(Adagrad(), schedule: schedule)
        case .adadelta: self = .adadelta(Adadelta(), schedule: schedule)
        case .adam: self = .adam(Adam(), schedule: schedule)
        case .nadam: self = .nadam(NAdam(), schedule: schedule)
        case .bfgs: self = .bfgs(QuasiNewtonTraining())
        case .lbfgs: self = .lbfgs(QuasiNewtonTraining())
        case .levenbergMarquardt: self = .levenbergMarquardt(LevenbergMarquardtTraining())
        case .kalman: self = .kalman(KalmanTraining())
        }
    }

    public var kind: Kind {
        switch self {
        case .sgd: .sgd
        case .momentum: .momentum
        case .adagrad: .adagrad
        case .adadelta: .adadelta
        case .adam: .adam
        case .nadam: .nadam
        case .bfgs: .bfgs
        case .lbfgs: .lbfgs
        case .levenbergMarquardt: .levenbergMarquardt
        case .kalman: .kalman
        }
    }

    public var isMiniBatch: Bool { kind.isMiniBatch }

    /// The schedule of a stepper (nil for full-batch methods).
    public var schedule: TrainingSchedule? {
        switch self {
        case .sgd(_, let s), .momentum(_, let s), .adagrad(_, let s), .adadelta(_, let s), .adam(_, let s), .nadam(_, let s): s
        case .bfgs, .lbfgs, .levenbergMarquardt, .kalman: nil
        }
    }

    /// η of the current epoch (nil for full-batch methods).
    public var learningRate: Double? { schedule?.learningRate }

    /// One mini-batch step with the current η (steppers only).
    mutating func step(_ parameters: inout [Double], gradient: [Double]) {
        switch self {
        case .sgd(var m, let s): m.step(&parameters, gradient: gradient, learningRate: s.learningRate); self = .sgd(m, schedule: s)
        case .momentum(var m, let s): m.step(&parameters, gradient: gradient, learningRate: s.learningRate); self = .momentum(m, schedule: s)
        case .adagrad(var m, let s): m.step(&parameters, gradient: gradient, learningRate: s.learningRate); self = .adagrad(m, schedule: s)
        case .adadelta(var m, let s): m.step(&parameters, gradient: gradient, learningRate: s.learningRate); self = .adadelta(m, schedule: s)
        case .adam(var m, let s): m.step(&parameters, gradient: gradient, learningRate: s.learningRate); self = .adam(m, schedule: s)
        case .nadam(var m, let s): m.step(&parameters, gradient: gradient, learningRate: s.learningRate); self = .nadam(m, schedule: s)
        case .bfgs, .lbfgs, .levenbergMarquardt, .kalman: preconditionFailure("\(kind) is not a mini-batch method")
        }
    }

    /// Ends an epoch of the schedule (no-op for full-batch methods).
    mutating func endEpoch(loss: Double) {
        switch self {
        case .sgd(let m, var s): s.endEpoch(loss: loss); self = .sgd(m, schedule: s)
        case .momentum(let m, var s): s.endEpoch(loss: loss); self = .momentum(m, schedule: s)
        case .adagrad(let m, var s): s.endEpoch(loss: loss); self = .adagrad(m, schedule: s)
        case .adadelta(let m, var s): s.endEpoch(loss: loss); self = .adadelta(m, schedule: s)
        case .adam(let m, var s): s.endEpoch(loss: loss); self = .adam(m, schedule: s)
        case .nadam(let m, var s): s.endEpoch(loss: loss); self = .nadam(m, schedule: s)
        case .bfgs, .lbfgs, .levenbergMarquardt, .kalman: break
        }
    }
}
