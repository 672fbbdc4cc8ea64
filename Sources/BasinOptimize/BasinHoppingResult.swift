/// The outcome of a basin-hopping run.
public struct BasinHoppingResult: Sendable {
    /// Why a run stopped.
    public enum StopReason: String, Sendable, Codable, CaseIterable {
        /// All requested steps were taken.
        case stepLimit
        /// A minimum at or below the target energy (within its tolerance) was found.
        case targetReached
        /// The quench of the starting point did not reach a finite minimum.
        case startFailed
        /// `shouldStop` asked to stop between steps; the result covers the steps taken.
        case interrupted
    }

    public var stopReason: StopReason
    /// The distinct minima found, lowest energy first.
    public var minima: BasinHoppingMinima
    /// Steps taken (quench of the start not counted).
    public var steps: Int
    /// Steps whose trial minimum passed the Metropolis test.
    public var acceptedSteps: Int
    /// Steps rejected because an atom left the container.
    public var evaporatedSteps: Int
    /// Steps whose quench did not converge.
    public var failedQuenches: Int
    /// Step at which the target energy was first reached (0 for the start), if it was.
    public var targetStep: Int?
    /// Gradient evaluations of all quenches, the starting one included.
    public var evaluations: Int
    /// Displacement size at the end (length units).
    public var finalStepSize: Double

    /// The lowest minimum found (nil only when the start failed).
    public var lowest: BasinHoppingMinimum? { minima.lowest }
}
