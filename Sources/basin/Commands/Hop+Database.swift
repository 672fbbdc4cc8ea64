import BasinAtoms
import BasinMinima
import BasinOptimize
import Foundation

extension Hop {
    /// The search's parameters as stored with its run in the minima database.
    struct RunParameters: Encodable {
        var atoms: Int
        var potential: String
        var steps: Int
        var temperature: Double
        var stepSize: Double
        var targetAcceptance: Double
        var targetEnergy: Double?
        var containerRadius: Double?
        var fmax: Double
        var input: String?
    }

    /// Stores every converged quench of a basin-hopping run in a minima database, as one run of
    /// kind `basin-hopping`: a minimum seen before only has its times-found count raised. Each
    /// minimum is committed as it is found, so a killed run keeps its minima; its run then
    /// reads back as interrupted (`RunStatus`).
    ///
    /// The observer cannot throw, so the first database error is kept and the recorder stops
    /// recording; `finish` reports it.
    final class MinimaRecorder {
        let database: MinimaDatabase
        let run: RunID
        let symbols: [String]
        private(set) var recorded = 0
        private(set) var newMinima = 0
        private var failure: MinimaDatabaseError?

        init(path: String, symbols: [String], parameters: RunParameters, seed: UInt64) throws {
            database = try MinimaDatabase(path: path)
            run = try database.startRun(kind: "basin-hopping", parameters: parameters, seed: seed)
            self.symbols = symbols
        }

        /// Records the trial minimum of `step` when its quench converged inside the container.
        func observe(_ step: BasinHoppingStep) {
            guard step.outcome == .accepted || step.outcome == .rejected else { return }
            record(energy: step.trialEnergy, positions: Self.positions(step.trialPoint), step: step.step)
        }

        /// Records a minimum found at `step`.
        func record(energy: Double, positions: [SIMD3<Double>], step: Int) {
            guard failure == nil else { return }
            do {
                let outcome = try database.record(energy: energy, positions: positions, symbols: symbols, run: run, step: step)
                recorded += 1
                if outcome.isNew { newMinima += 1 }
            } catch {
                failure = error
            }
        }

        /// Closes the run after `steps` steps, as finished or as stopped by a signal; throws the
        /// first recording error, if any.
        func finish(steps: Int, interrupted: Bool) throws {
            if let failure { throw CommandError(failure.description) }
            try database.finishRun(run, steps: steps, interrupted: interrupted)
        }

        private static func positions(_ x: [Double]) -> [SIMD3<Double>] {
            stride(from: 0, to: x.count, by: 3).map { SIMD3(x[$0], x[$0 + 1], x[$0 + 2]) }
        }
    }

    /// The recorder for --database, or nil without one.
    func makeRecorder(template: Configuration, containerRadius: Double?) throws -> MinimaRecorder? {
        guard let database else { return nil }
        let parameters = RunParameters(
            atoms: template.count, potential: potential.potential.rawValue, steps: steps, temperature: effectiveTemperature,
            stepSize: stepSize, targetAcceptance: targetAcceptance, targetEnergy: targetEnergy,
            containerRadius: containerRadius, fmax: fmax, input: input)
        let symbols = template.species.map { template.elements[$0].symbol }
        do {
            return try MinimaRecorder(path: database, symbols: symbols, parameters: parameters, seed: seed)
        } catch let error as MinimaDatabaseError {
            throw CommandError(error.description)
        }
    }
}
