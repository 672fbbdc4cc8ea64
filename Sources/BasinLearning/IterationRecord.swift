/// What one iteration of the loop did and measured, as `iterations/NNN/record.json` and in
/// `state.json`. Energies per atom in eV, forces in eV/Å.
public struct IterationRecord: Codable, Sendable, Equatable {
    public var iteration: Int
    /// Labelled structures the committee was trained on (train + its test split).
    public var structures: Int
    /// Errors of the committee's mean on its own test split and on the held-out data.
    public var testEnergyRMSE: Double?
    public var testForceRMSE: Double?
    public var heldOutEnergyRMSE: Double?
    public var heldOutForceRMSE: Double?
    /// The best single member's held-out errors.
    public var heldOutMemberEnergyRMSE: Double?
    public var heldOutMemberForceRMSE: Double?
    /// The trust levels of max_i σ_i used (eV/Å) and whether they were derived automatically.
    public var lowerTrust: Double?
    public var upperTrust: Double?
    public var automaticTrust = false
    /// Exploration: frames examined, and how many were accurate, candidates or failed
    /// (deviation above the upper level); runs that blew up (ran away).
    public var exploredFrames = 0
    public var accurateFrames = 0
    public var candidateFrames = 0
    public var failedFrames = 0
    public var runs = 0
    public var blownUpRuns = 0
    /// Why each of those runs ended ("2500 K, run 0: force above 25.0 eV/Å at step 1460").
    public var blowUps: [String]?
    /// Why each run cut short by `exploration.max_error` ended ("2500 K, run 0: force error on
    /// atom 9 above 3.0 eV/Å at step 540"); the frame that cut it is labelled.
    public var cutShort: [String]?
    /// Frames that the runs ending early (blown up or cut short) did not reach; they count as
    /// not accurate in `accurateShareOfPlan`.
    public var unexploredFrames: Int?
    /// Temperatures (K) at which every run finished all its steps.
    public var stableTemperatures: [Double] = []
    /// Candidates by detector (a frame may count under several).
    public var deviationDetections = 0
    public var extrapolationDetections = 0
    public var errorDetections = 0
    /// Labelled this iteration, and a few of the selected frames with what fired.
    public var labelled = 0
    public var detections: [Detection] = []
    /// Extrapolation warnings per symmetry function (1-based, of the element) over the exploration.
    public var extrapolatingFunctions: [FunctionWarnings] = []
    /// Spearman rank correlation of max_i σ_i and max_i |ΔF_i| over this iteration's explored frames.
    public var rankCorrelation: Double?

    public init(iteration: Int, structures: Int) {
        self.iteration = iteration
        self.structures = structures
    }

    /// Share of explored frames that were accurate (0 without frames).
    public var accurateFraction: Double { exploredFrames > 0 ? Double(accurateFrames) / Double(exploredFrames) : 0 }
    public var candidateFraction: Double { exploredFrames > 0 ? Double(candidateFrames) / Double(exploredFrames) : 0 }
    public var failedFraction: Double { exploredFrames > 0 ? Double(failedFrames) / Double(exploredFrames) : 0 }
    /// Accurate frames per frame the exploration was to give (explored + `unexploredFrames`):
    /// a run that ended early counts the frames it did not reach as not accurate.
    public var accurateShareOfPlan: Double {
        let planned = exploredFrames + (unexploredFrames ?? 0)
        return planned > 0 ? Double(accurateFrames) / Double(planned) : 0
    }

    /// A selected frame and the detectors that fired on it, with the atom (0-based) each points at.
    public struct Detection: Codable, Sendable, Equatable {
        public var temperature: Double
        public var run: Int
        public var step: Int
        public var detectors: [String]
        public var deviation: Double
        public var deviationAtom: Int
        public var error: Double?
        public var errorAtom: Int?
        public var extrapolationAtom: Int?
    }

    public struct FunctionWarnings: Codable, Sendable, Equatable {
        public var element: String
        public var function: Int
        public var warnings: Int
    }
}
