/// Where a run stands, handed to a progress callback.
public struct RunProgress: Sendable {
    /// Steps done in this run.
    public let completedSteps: Int
    /// Steps this run will take.
    public let totalSteps: Int
    /// Wall time since the run's loop started (seconds).
    public let elapsedSeconds: Double

    /// Fraction done, 0…1.
    public var fraction: Double { totalSteps > 0 ? Double(completedSteps) / Double(totalSteps) : 1 }

    /// Wall time still to go at the average speed so far (seconds).
    public var estimatedSecondsRemaining: Double {
        completedSteps > 0 ? elapsedSeconds / Double(completedSteps) * Double(totalSteps - completedSteps) : .infinity
    }
}

/// What a run cost.
public struct RunSummary: Sendable, Codable {
    /// Steps taken.
    public let steps: Int
    /// Number of atoms.
    public let atomCount: Int
    /// Wall time of the integration loop, observers included (seconds).
    public let wallSeconds: Double
    /// Processor time of the process during the loop, all threads (seconds).
    public let processorSeconds: Double
    /// How many times the neighbor list was rebuilt during the run.
    public let neighborListBuilds: Int

    /// Steps per second of wall time (zero for an empty run).
    public var stepsPerSecond: Double { wallSeconds > 0 ? Double(steps) / wallSeconds : 0 }

    /// Throughput in atom-steps per second (LAMMPS prints it in thousands, katom-step/s).
    public var atomStepsPerSecond: Double { stepsPerSecond * Double(atomCount) }
}
