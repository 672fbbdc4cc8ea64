import BasinAtoms
import BasinDynamics
import BasinMath
import Foundation

/// Prints the thermodynamic log as a table while a run goes (text mode only).
final class ThermoPrinter {
    private let units: UnitSystem
    private let enabled: Bool

    init(units: UnitSystem, enabled: Bool) {
        self.units = units
        self.enabled = enabled
    }

    func header() {
        guard enabled else { return }
        let titles = [("step", 10), ("time", 12), ("temp", 12), ("pe/atom", 14), ("ke/atom", 14), ("etotal/atom", 14), ("press", 14)]
        Swift.print(titles.map { ThermoPrinter.rightAligned($0.0, $0.1) }.joined(separator: " "))
    }

    static func rightAligned(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    func print(_ s: ThermodynamicSample) {
        guard enabled else { return }
        let n = Double(s.atomCount)
        let pressure = s.pressure.map { String(format: "%14.6g", $0) } ?? ThermoPrinter.rightAligned("-", 14)
        Swift.print(String(format: "%10ld %12.6g %12.6g %14.8f %14.8f %14.8f ", s.step, s.time, s.temperature,
                           s.potentialEnergy / n, s.kineticEnergy / n, s.totalEnergy / n) + pressure)
    }
}

/// The summary of `basin md`: speed, energies and temperature of the run, with the log.
struct MolecularDynamicsReport: Encodable {
    var ensemble: String
    var units: String
    var atoms: Int
    var steps: Int
    var timeStep: Double
    /// Wall time of the integration loop (s).
    var loopSeconds: Double
    /// Processor time of the loop, all threads (s).
    var loopProcessorSeconds: Double
    var atomStepsPerSecond: Double
    var neighborListBuilds: Int
    /// Potential plus kinetic energy at the first and last logged steps (energy units). Under a
    /// thermostat it is not conserved: the bath adds and removes energy.
    var initialTotalEnergy: Double
    var finalTotalEnergy: Double
    /// What the integrator conserves up to its integration error: the total energy (NVE), the
    /// Nosé–Hoover extended energy (total plus the chain's kinetic and potential terms) or the
    /// Langevin effective energy (total minus the heat the bath has put in).
    var conservedQuantity: String
    /// The conserved quantity at the first and last logged steps (energy units).
    var initialConservedEnergy: Double
    var finalConservedEnergy: Double
    /// Largest |C(t) − C(0)| / N of the conserved quantity C over the logged steps.
    var maxEnergyDeviationPerAtom: Double
    /// Mean of the instantaneous temperature, sampled every 10 steps from the first.
    var meanTemperature: Double
    var temperatureStandardDeviation: Double
    var meanPressure: Double?
    var diffusionCoefficient: Double?
    /// nnp and committee: extrapolation warnings and the committee's spread.
    var model: ModelDiagnostics.Report?
    var log: [ThermodynamicSample]

    init(ensemble: String, units: String, summary: RunSummary, timeStep: Double, log: [ThermodynamicSample],
         temperatures: RunningStatistics, diffusion: Double?) {
        self.ensemble = ensemble
        self.units = units
        atoms = summary.atomCount
        steps = summary.steps
        self.timeStep = timeStep
        loopSeconds = summary.wallSeconds
        loopProcessorSeconds = summary.processorSeconds
        atomStepsPerSecond = summary.atomStepsPerSecond
        neighborListBuilds = summary.neighborListBuilds
        initialTotalEnergy = log.first?.totalEnergy ?? .nan
        finalTotalEnergy = log.last?.totalEnergy ?? .nan
        conservedQuantity = Self.conservedQuantity(ensemble: ensemble)
        initialConservedEnergy = log.first?.conservedEnergy ?? .nan
        finalConservedEnergy = log.last?.conservedEnergy ?? .nan
        let reference = log.first?.conservedEnergy ?? 0
        let largestDeviation = log.map { abs($0.conservedEnergy - reference) }.max() ?? 0
        maxEnergyDeviationPerAtom = largestDeviation / Double(max(1, summary.atomCount))
        meanTemperature = temperatures.mean
        temperatureStandardDeviation = temperatures.standardDeviation
        let pressures = log.dropFirst().compactMap(\.pressure)
        meanPressure = pressures.isEmpty ? nil : pressures.reduce(0, +) / Double(pressures.count)
        diffusionCoefficient = diffusion
        self.log = log
    }

    /// The quantity the integrator of `ensemble` (an `Ensemble` raw value) conserves.
    static func conservedQuantity(ensemble: String) -> String {
        switch Ensemble(rawValue: ensemble) {
        case .noseHoover: "Nosé–Hoover extended energy"
        case .langevin: "Langevin effective energy"
        default: "total energy"
        }
    }

    func printSummary() {
        let n = Double(max(1, atoms))
        print("")
        print("atoms                 \(atoms)")
        print("steps                 \(steps) × \(timeStep) (\(ensemble), \(units) units)")
        print(String(format: "loop time             %.3f s (processor %.3f s), %.4g atom-steps/s, %ld neighbor-list builds",
                     loopSeconds, loopProcessorSeconds, atomStepsPerSecond, neighborListBuilds))
        if conservedQuantity == Self.conservedQuantity(ensemble: Ensemble.nve.rawValue) {
            print(String(format: "total energy / atom   %.8f -> %.8f (conserved; largest deviation %.3g)",
                         initialTotalEnergy / n, finalTotalEnergy / n, maxEnergyDeviationPerAtom))
        } else {
            print(String(format: "conserved / atom      %.8f -> %.8f (%@; largest deviation %.3g)",
                         initialConservedEnergy / n, finalConservedEnergy / n, conservedQuantity, maxEnergyDeviationPerAtom))
            print(String(format: "total energy / atom   %.8f -> %.8f (not conserved: the thermostat exchanges energy)",
                         initialTotalEnergy / n, finalTotalEnergy / n))
        }
        print(String(format: "temperature           %.6g ± %.3g", meanTemperature, temperatureStandardDeviation))
        if let meanPressure { print(String(format: "pressure              %.6g", meanPressure)) }
        if let diffusionCoefficient { print(String(format: "diffusion coefficient %.6g", diffusionCoefficient)) }
    }
}
