import BasinAtoms
import BasinIO
import BasinOptimize
import Foundation

extension Hop {
    struct Summary: Encodable {
        var atoms: Int
        var seed: UInt64
        var stopReason: String
        var steps: Int
        var lowestEnergy: Double
        var lowestFirstStep: Int
        var targetEnergy: Double?
        var targetStep: Int?
        var distinctMinima: Int
        var acceptedSteps: Int
        var acceptanceRatio: Double
        var evaporatedSteps: Int
        var failedQuenches: Int
        var evaluations: Int
        var finalStepSize: Double
        var containerRadius: Double?
        var seconds: Double
        var secondsPerStep: Double
        var output: String?
        var minima: String?
        var database: String?
        /// Minima stored in the database by this run, and how many of them were new to it.
        var databaseRecords: Int?
        var databaseNewMinima: Int?
    }

    /// What --minima must hold.
    static let minimaContents: StructureFile.Contents = [.severalFrames, .energies]

    /// Refuses, before the search, output names whose format cannot be written (see `write`).
    func checkOutputNames() throws {
        if let output { _ = try StructureFile.Format.forWriting(URL(fileURLWithPath: output)) }
        if let minima { _ = try StructureFile.Format.forWriting(URL(fileURLWithPath: minima), holding: Self.minimaContents) }
    }

    /// Writes the lowest minimum (--output) and the distinct minima (--minima), each atomically.
    func write(_ result: BasinHoppingResult, template: Configuration) throws {
        func frame(_ minimum: BasinHoppingMinimum) -> Frame {
            var configuration = template
            configuration.positions = minimum.positions
            return Frame(configuration: configuration, energy: minimum.energy,
                         info: ["first_step": "\(minimum.firstStep)", "times_found": "\(minimum.timesFound)"])
        }
        if let output, let lowest = result.lowest {
            try StructureFile.write([frame(lowest)], to: URL(fileURLWithPath: output))
        }
        if let minima {
            try StructureFile.write(result.minima.minima.map(frame), to: URL(fileURLWithPath: minima), requiring: Self.minimaContents)
        }
    }

    /// Prints the run's summary as JSON or text.
    func report(
        _ result: BasinHoppingResult, lowest: BasinHoppingMinimum, atoms: Int, containerRadius: Double?, seconds: Double,
        recorder: MinimaRecorder?
    ) throws {
        let summary = Summary(
            atoms: atoms, seed: seed, stopReason: result.stopReason.rawValue, steps: result.steps, lowestEnergy: lowest.energy,
            lowestFirstStep: lowest.firstStep, targetEnergy: targetEnergy, targetStep: result.targetStep,
            distinctMinima: result.minima.count, acceptedSteps: result.acceptedSteps,
            acceptanceRatio: result.steps > 0 ? Double(result.acceptedSteps) / Double(result.steps) : 0,
            evaporatedSteps: result.evaporatedSteps, failedQuenches: result.failedQuenches, evaluations: result.evaluations,
            finalStepSize: result.finalStepSize, containerRadius: containerRadius, seconds: seconds,
            secondsPerStep: result.steps > 0 ? seconds / Double(result.steps) : 0, output: output, minima: minima,
            database: database, databaseRecords: recorder?.recorded, databaseNewMinima: recorder?.newMinima)
        if json {
            try Output.json(summary)
            return
        }
        let reason = switch result.stopReason {
        case .targetReached: "target reached"
        case .interrupted: "interrupted"
        case .stepLimit, .startFailed: "step limit"
        }
        print("stopped         \(reason) after \(result.steps) steps")
        print(String(format: "lowest energy   %.10f  (first found at step %ld)", lowest.energy, lowest.firstStep))
        print("distinct minima \(result.minima.count)")
        print(String(format: "accepted        %ld of %ld steps (%.1f%%); %ld evaporated, %ld quenches failed", result.acceptedSteps,
                     result.steps, 100 * summary.acceptanceRatio, result.evaporatedSteps, result.failedQuenches))
        print(String(format: "time            %.3f s (%.1f µs per step, %ld gradient evaluations)", seconds,
                     1e6 * summary.secondsPerStep, result.evaluations))
        if let output { print("lowest minimum  \(output)") }
        if let minima { print("minima          \(minima)") }
        if let database, let recorder {
            print("database        \(database): \(recorder.recorded) minima recorded, \(recorder.newMinima) new")
        }
    }
}
