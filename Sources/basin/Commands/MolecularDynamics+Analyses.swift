import BasinAtoms
import BasinDynamics
import BasinIO
import Foundation

extension MolecularDynamics {
    /// The optional outputs of a run: trajectory, g(r), MSD and VACF, each written atomically
    /// when the run ends.
    final class Analyses {
        private let trajectoryEvery: Int
        private let rdfEvery: Int
        private let correlationEvery: Int
        private var trajectory: TrajectoryWriter?
        private var rdf: (RadialDistribution, URL)?
        private var msd: (MeanSquaredDisplacement, URL)?
        private var vacf: (VelocityAutocorrelation, URL)?

        init(command: MolecularDynamics, configuration: Configuration) throws {
            trajectoryEvery = command.trajectoryEvery
            rdfEvery = command.rdfEvery
            correlationEvery = command.correlationEvery
            if let path = command.trajectory {
                trajectory = try TrajectoryWriter(url: URL(fileURLWithPath: path))
            }
            if let path = command.rdf {
                guard configuration.cell.periodic.allSatisfy({ $0 }) else {
                    throw CommandError("--rdf needs a cell periodic in all three directions")
                }
                let reach = command.rdfCutoff ?? 0.5 * configuration.cell.perpendicularWidths.min()
                rdf = (try RadialDistribution(maximumRadius: reach, binCount: command.rdfBins), URL(fileURLWithPath: path))
            }
            // Follow correlations over half the run, with a new time origin every tenth of that.
            let samples = command.steps / command.correlationEvery + 1
            let lags = max(2, samples / 2)
            if let path = command.msd {
                msd = (try MeanSquaredDisplacement(lagCount: lags, originSpacing: max(1, lags / 10)), URL(fileURLWithPath: path))
            }
            if let path = command.vacf {
                vacf = (try VelocityAutocorrelation(lagCount: lags, originSpacing: max(1, lags / 10)), URL(fileURLWithPath: path))
            }
        }

        func attach(to simulation: Simulation) throws {
            if let writer = trajectory {
                try simulation.add(TrajectoryRecorder(properties: [.energy]) { state in
                    try writer.append(Frame(configuration: state.configuration, energy: state.evaluation.energy, forces: state.evaluation.forces,
                                            info: ["step": String(state.step), "time": String(state.time)]))
                }, every: trajectoryEvery)
            }
            if let (observer, _) = rdf { try simulation.add(observer, every: rdfEvery) }
            if let (observer, _) = msd { try simulation.add(observer, every: correlationEvery) }
            if let (observer, _) = vacf { try simulation.add(observer, every: correlationEvery) }
        }

        /// Self-diffusion coefficient from the MSD (Einstein relation), when an MSD was asked for.
        var diffusionCoefficient: Double? { msd?.0.diffusionCoefficient() }

        /// Writes every requested file.
        func finish() throws {
            try trajectory?.finish()
            if let (g, url) = rdf {
                try write(columns: ["r", "g(r)", "coordination"], [g.radii, g.values, g.coordinationNumbers], to: url)
            }
            if let (m, url) = msd {
                try write(columns: ["t", "msd"], [m.times, m.values], to: url)
            }
            if let (v, url) = vacf {
                try write(columns: ["t", "vacf", "normalized"], [v.times, v.values, v.normalizedValues], to: url)
            }
        }

        private func write(columns: [String], _ data: [[Double]], to url: URL) throws {
            var text = "# " + columns.joined(separator: " ") + "\n"
            for row in 0..<(data.map(\.count).min() ?? 0) {
                text += data.map { String(format: "%.10g", $0[row]) }.joined(separator: " ") + "\n"
            }
            try AtomicFile.write(text, to: url)
        }
    }
}
