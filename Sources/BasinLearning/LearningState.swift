import BasinIO
import Foundation

/// Where a learning loop stands, written to `OUTPUT/state.json` (atomically) after every
/// stage: what a resumed loop reads to continue exactly where it stopped.
public struct LearningState: Codable, Sendable, Equatable {
    /// The next piece of work.
    public enum Stage: String, Codable, Sendable {
        case train, explore, label, finalFit = "final-fit", finalMD = "final-md", done
    }

    /// The current iteration (1-based) and its next stage.
    public var iteration: Int
    public var stage: Stage
    /// The shortest distance the symmetry functions were generated for (Å).
    public var shortestDistance: Double
    /// Labelled structures in `data.extxyz` (seed included).
    public var structures: Int
    /// Structures of the seed data.
    public var seedStructures: Int
    /// The records of finished (and the current) iterations.
    public var iterations: [IterationRecord]
    /// Why the loop stopped, once it has.
    public var stopReason: String?
    /// The last, longer fit after the loop stopped (`training.final_epochs`), once done.
    public var finalFit: FinalFitRecord?
    /// The final stability run, once done.
    public var finalMD: FinalRunRecord?
    /// The configuration the loop runs with (nil in states written before it was recorded):
    /// `--resume` accepts changes in the final stage's keys only.
    public var configuration: LearningSettings?

    public static func read(from url: URL) throws(LearningError) -> LearningState {
        do {
            return try JSONDecoder().decode(LearningState.self, from: Data(contentsOf: url))
        } catch {
            throw LearningError("\(url.path): cannot read the loop's state (\(error.localizedDescription))")
        }
    }

    public func write(to url: URL) throws(LearningError) {
        try LearningFiles.writeJSON(self, to: url)
    }
}

/// The last fit after the loop stopped: epochs, structures and the members' mean test-split
/// RMSEs, and the held-out errors of the committee's mean and its best member (eV/atom, eV/Å).
public struct FinalFitRecord: Codable, Sendable, Equatable {
    public var epochs: Int
    public var structures: Int
    public var testEnergyRMSE: Double
    public var testForceRMSE: Double
    public var heldOutEnergyRMSE: Double?
    public var heldOutForceRMSE: Double?
    public var heldOutMemberEnergyRMSE: Double?
    public var heldOutMemberForceRMSE: Double?
    /// With `final_energy_offset: median`: each member's shift of the energy per atom (eV/atom).
    public var energyShifts: [Double]?
}

/// The final NVT run with the finished committee.
public struct FinalRunRecord: Codable, Sendable, Equatable {
    public var temperature: Double
    public var steps: Int
    public var picoseconds: Double
    /// Whether every step stayed within the blow-up limits.
    public var stable: Bool
    public var stepsCompleted: Int
    public var meanTemperature: Double
    public var largestForceDeviation: Double
}

/// Atomic JSON and structure-file writes with errors that name the file.
enum LearningFiles {
    static func writeJSON<T: Encodable>(_ value: T, to url: URL) throws(LearningError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(value)
        } catch {
            throw LearningError("\(url.path): cannot encode (\(error.localizedDescription))")
        }
        do {
            try AtomicFile.write(data, to: url)
        } catch {
            throw LearningError("\(error)")
        }
    }

    static func writeText(_ text: String, to url: URL) throws(LearningError) {
        do {
            try AtomicFile.write(text, to: url)
        } catch {
            throw LearningError("\(error)")
        }
    }

    static func writeFrames(_ frames: [Frame], to url: URL) throws(LearningError) {
        do {
            try StructureFile.write(frames, to: url, format: .extxyz)
        } catch {
            throw LearningError("\(error)")
        }
    }

    static func readFrames(_ url: URL) throws(LearningError) -> [Frame] {
        do {
            return try StructureFile.read(from: url, units: .metal)
        } catch {
            throw LearningError("\(error)")
        }
    }

    static func createDirectory(_ url: URL) throws(LearningError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw LearningError("\(url.path): cannot create the folder (\(error.localizedDescription))")
        }
    }
}
