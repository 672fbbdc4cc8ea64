/// One frame of committee-NNP exploration and what the detectors saw in it (forces in eV/Å).
public struct ExploredFrame: Codable, Sendable, Equatable {
    /// How the frame was judged.
    public enum Verdict: String, Codable, Sendable {
        /// No detector fired.
        case accurate
        /// A detector fired and the deviation stayed below the upper trust level.
        case candidate
        /// The deviation reached the upper trust level: discarded as unphysical.
        case failed
    }

    public var temperature: Double
    /// The run (0-based) at this temperature, and the MD step.
    public var run: Int
    public var step: Int
    /// The instantaneous kinetic temperature (K).
    public var kineticTemperature: Double
    /// max_i σ_i, the committee force deviation, and its atom (0-based).
    public var deviation: Double
    public var deviationAtom: Int
    /// Extrapolation warnings in the frame, and the atom with the most (nil without warnings).
    public var warnings: Int
    public var extrapolationAtom: Int?
    /// max_i |F_i^committee − F_i^reference| and its atom (reference potentials only).
    public var error: Double?
    public var errorAtom: Int?
    public var verdict: Verdict = .accurate
    /// The detectors that fired: `deviation`, `extrapolation`, `error`.
    public var detectors: [String] = []
}
